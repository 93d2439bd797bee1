using System.Text.RegularExpressions;

namespace RectifyBot.Retrieval;

/// <summary>A query term with its weight in the query (before IDF).</summary>
internal readonly record struct QueryTerm(ulong Term, double Weight);

/// <summary>
/// Turns a query, often a whole finding of several sentences, into weighted terms. Findings open with a
/// heading sentence in the plan's own words ("一是保密工作责任压得不实") and go on with facts (dates, counts,
/// names) that the measures never repeat, so the heading weighs more, numbers are dropped from long queries,
/// and the words every plan uses (加强, 进一步, 落实…) weigh little even in a corpus too small for IDF to
/// learn that.
/// </summary>
internal static partial class QueryTerms
{
    private const double UnigramWeight = 0.3;
    private const double HeadingWeight = 2.0;
    private const double BoilerplateWeight = 0.3;
    private const int LongQuery = 30;

    private static readonly HashSet<ulong> Boilerplate = Bigrams(
        "加强", "进一", "一步", "严格", "落实", "整改", "切实", "认真", "持续", "全面", "确保", "及时", "进行", "开展",
        "推进", "相关", "有关", "工作", "方面", "存在", "问题", "情况", "要求", "不够", "不到", "到位", "不足", "有差",
        "差距", "不强", "不严", "不实", "强化", "措施", "进一步", "组织", "做好", "按照", "根据", "结合", "牵头");

    public static List<QueryTerm> Build(string query)
    {
        query = OrdinalPrefix().Replace(query.Trim(), "");
        var end = query.IndexOfAny(['。', '；', ';']);
        var headingEnd = end > 0 && end < query.Length - 1 ? end : -1;
        var dropNumbers = query.Length > LongQuery;

        var weights = new Dictionary<ulong, double>();
        foreach (var token in ChineseTokenizer.Tokenize(query))
        {
            if (dropNumbers && ChineseTokenizer.IsNumber(token.Term))
            {
                continue;
            }
            var weight = token.Length == 1 && token.Term <= 0xFFFF ? UnigramWeight : 1.0;
            if (Boilerplate.Contains(token.Term))
            {
                weight *= BoilerplateWeight;
            }
            if (token.Start < headingEnd)
            {
                weight *= HeadingWeight;
            }
            weights[token.Term] = weights.GetValueOrDefault(token.Term) + weight;
        }
        // Repeats count, but sublinearly: a fact list that repeats 殡葬 six times is still about one thing.
        return [.. weights.Select(w => new QueryTerm(w.Key, Math.Sqrt(w.Value)))];
    }

    private static HashSet<ulong> Bigrams(params string[] words) =>
        [.. words.SelectMany(w => ChineseTokenizer.Tokenize(w)).Where(t => ChineseTokenizer.IsBigram(t.Term)).Select(t => t.Term)];

    [GeneratedRegex(@"^([一二三四五六七八九十]+是|[（(]?\d+[）)]|\d+[.、．])")]
    private static partial Regex OrdinalPrefix();
}
