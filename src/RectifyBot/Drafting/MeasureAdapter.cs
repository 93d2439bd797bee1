using System.Text.RegularExpressions;
using RectifyBot.Import;
using RectifyBot.Retrieval;

namespace RectifyBot.Drafting;

/// <summary>
/// Rewrites a measure borrowed from another organisation's plan so that it fits any problem: who leads and
/// by when become the visible blanks of a line's tail, and that plan's own facts (its name, its years, its
/// counts and amounts) are taken out. Frequencies and targets ("每季度一次", "压减10%以上") stay: they are
/// the substance of the measure, not facts of the other case.
/// </summary>
public static partial class MeasureAdapter
{
    /// <summary>A fact the user has to supply, shown as the product shows every unknown.</summary>
    public const string Blank = "＿＿";

    public static string Adapt(Chunk source)
    {
        var text = Responsibility.ProseLead().Replace(source.Text, "");
        text = UnitAtWork().Replace(text, "");
        if (source.Organisation is { Length: > 0 } organisation)
        {
            text = text.Replace(organisation, "本单位", StringComparison.Ordinal);
            if (PartySuffix().Replace(organisation, "") is { Length: >= 3 } body)
            {
                text = text.Replace(body, "本单位", StringComparison.Ordinal);
            }
            if (Place().Match(organisation) is { Success: true } place)
            {
                text = text.Replace(place.Value, "", StringComparison.Ordinal);
            }
        }
        text = DeadlinePhrase().Replace(text, "");
        text = YearRange().Replace(text, "近年");
        text = YearSince().Replace(text, "近年来");
        text = Year().Replace(text, "本年度");
        text = CaseFigure().Replace(text, Blank);
        return Tidy(text);
    }

    /// <summary>The kind of deadline the source measure had, without its date: that date was the other plan's.</summary>
    public static string Deadline(string sourceText) =>
        Immediate().IsMatch(sourceText) ? "立行立改"
        : LongTerm().IsMatch(sourceText) ? "长期坚持"
        : Blank;

    private static string Tidy(string text)
    {
        text = LeftoverClause().Replace(text, "");
        text = DoubledPunctuation().Replace(text, m => m.Value[^1..]);
        text = text.Trim().TrimStart('，', '；', '、').TrimEnd('，', '；', '、');
        return text.EndsWith('。') ? text : text + "。";
    }

    // "由社会事务办会同各村开展巡查", "由办公室对…进行梳理", "由机关党委每季度检查": a unit doing the work
    // without the words the importer reads as leading; the sentence reads on without it.
    [GeneratedRegex("由" + Responsibility.Unit + "(?=会同|对|每|组织|统一|负责)", RegexOptions.CultureInvariant)]
    private static partial Regex UnitAtWork();

    // 县民政局党组 → 县民政局, the name plans use for themselves ("《县民政局保密守则》").
    [GeneratedRegex("(?:党组|党委|委员会)$", RegexOptions.CultureInvariant)]
    private static partial Regex PartySuffix();

    // The place at the head of an organisation's name: 云溪县 in 云溪县教育局党组, 桐山镇 in 中共桐山镇委员会.
    [GeneratedRegex(@"(?<=^(?:中共)?)[\u4e00-\u9fff]{2,4}?(?:自治县|县|市|区|镇|乡|街道)", RegexOptions.CultureInvariant)]
    private static partial Regex Place();

    [GeneratedRegex(@"(?:并|均|确保|力争)?(?:于|在)?(?:19|20)\d{2}年(?:\d{1,2}月)?(?:底|中旬|上旬|下旬|\d{1,2}日)?(?:前|以前)", RegexOptions.CultureInvariant)]
    private static partial Regex DeadlinePhrase();

    [GeneratedRegex(@"(?:19|20)\d{2}年?(?:至|—|－|-|~|、)(?:19|20)\d{2}年(?:期间)?", RegexOptions.CultureInvariant)]
    private static partial Regex YearRange();

    [GeneratedRegex(@"(?:19|20)\d{2}年以来", RegexOptions.CultureInvariant)]
    private static partial Regex YearSince();

    [GeneratedRegex(@"(?:19|20)\d{2}年(?:度)?", RegexOptions.CultureInvariant)]
    private static partial Regex Year();

    // A count or amount of the other case ("退赔9次接待", "16座"), unless it is a frequency or a target:
    // after 每…/至少/不少于/不超过/超过, or before 以上/以内.
    [GeneratedRegex(@"(?<!(?:每[\u4e00-\u9fff]{0,3}|至少|不少于|不超过|超过|不低于|压减|下降|降低|提高))\d+(?:\.\d+)?(?=(?:万元|元|%|个百分点|批次|座|笔|份|起|名|人次|人|个|项|次|处|所|件)(?!以上|以内))", RegexOptions.CultureInvariant)]
    private static partial Regex CaseFigure();

    // What is left of a clause whose deadline was taken out.
    [GeneratedRegex(@"(?<=^|[，；])(?:全部|按期)?(?:完成|到位)(?=[，；。]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex LeftoverClause();

    [GeneratedRegex(@"[，；、]+[，；。]", RegexOptions.CultureInvariant)]
    private static partial Regex DoubledPunctuation();

    [GeneratedRegex("立行立改|即知即改|立即", RegexOptions.CultureInvariant)]
    private static partial Regex Immediate();

    [GeneratedRegex("每月|每季度|每半年|每年|常态化|长期|定期", RegexOptions.CultureInvariant)]
    private static partial Regex LongTerm();
}
