using System.Text.RegularExpressions;

namespace RectifyBot.Retrieval;

/// <summary>A query term with its weight in the query (before IDF).</summary>
internal readonly record struct QueryTerm(ulong Term, double Weight);

/// <summary>
/// Turns a query, often a whole finding of several sentences, into weighted terms. Findings go on with facts
/// (dates, counts, amounts) that the measures never repeat, so numbers are dropped from long queries, and a
/// word repeated through a list of facts counts sublinearly. Unigrams weigh less than bigrams: they let a
/// one-character word (党, 账) match, but a shared character alone is weak evidence.
/// Measured on seed 003 and left out: extra weight on a finding's heading sentence and a list of plan
/// boilerplate (加强, 进一步, 落实…) each cost a little MRR there; IDF already discounts boilerplate.
/// </summary>
internal static partial class QueryTerms
{
    private const double UnigramWeight = 0.3;
    private const int LongQuery = 30;

    public static List<QueryTerm> Build(string query)
    {
        query = OrdinalPrefix().Replace(query.Trim(), "");
        var dropNumbers = query.Length > LongQuery;
        var weights = new Dictionary<ulong, double>();
        foreach (var token in ChineseTokenizer.Tokenize(query))
        {
            if (dropNumbers && ChineseTokenizer.IsNumber(token.Term))
            {
                continue;
            }
            var weight = token.Length == 1 && token.Term <= char.MaxValue ? UnigramWeight : 1.0;
            weights[token.Term] = weights.GetValueOrDefault(token.Term) + weight;
        }
        return [.. weights.Select(w => new QueryTerm(w.Key, Math.Sqrt(w.Value)))];
    }

    [GeneratedRegex(@"^([一二三四五六七八九十]+是|[（(]?\d+[）)]|\d+[.、．])")]
    private static partial Regex OrdinalPrefix();
}
