using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Import;

/// <summary>The numbering forms plans use, from the outermost in.</summary>
internal enum MarkerKind
{
    None,
    /// <summary>一、</summary>
    Section,
    /// <summary>（一）</summary>
    ParenChinese,
    /// <summary>问题1： 问题一、 第三个问题：: a problem named by the word, whatever numbers the levels around it</summary>
    Problem,
    /// <summary>1. or 1、</summary>
    Arabic,
    /// <summary>（1） 1） ① 第一条 措施1：</summary>
    ParenArabic,
    /// <summary>一是 二是</summary>
    Ordinal,
}

/// <summary>A line's leading number: its form, its value and the text after it.</summary>
internal sealed partial record LineMarker(MarkerKind Kind, int Ordinal, string Rest)
{
    public static LineMarker Read(string line)
    {
        if (line.Length == 0 || !MayStartMarker(line[0]))
        {
            return new LineMarker(MarkerKind.None, 0, line);
        }
        foreach (var (regex, kind) in Forms)
        {
            var m = regex.Match(line);
            if (m.Success && ChineseNumber.Parse(m.Groups["n"].Value) is { } n)
            {
                return new LineMarker(kind, n, line[m.Length..].Trim());
            }
        }
        var circled = line.Length > 0 ? CircledNumber(line[0]) : 0;
        return circled > 0 ? new LineMarker(MarkerKind.ParenArabic, circled, line[1..].Trim()) : new LineMarker(MarkerKind.None, 0, line);
    }

    /// <summary>
    /// The marker read on the line's folded form (１．, （１）: <see cref="ChineseText.Fold"/>), with the text after it as
    /// the line writes it: a measure keeps its "，" and "（）".
    /// </summary>
    public static LineMarker ReadFolded(string line)
    {
        var marker = Read(ChineseText.Fold(line));
        if (marker.Kind == MarkerKind.None)
        {
            return marker with { Rest = line };
        }
        // Folding keeps every character's place, and the rest runs to the line's end but for its trailing space.
        var end = line.TrimEnd().Length;
        return marker with { Rest = line[(end - marker.Rest.Length)..end] };
    }

    /// <summary>Whether the line opens a numbered item or a labelled field, so it cannot continue the line before it.</summary>
    public static bool StartsStructure(string line) => Read(line).Kind != MarkerKind.None || FieldLabel.Read(line) is not null;

    /// <summary>Whether the line opens with ①…⑳.</summary>
    public static bool IsCircled(string line) => line.Length > 0 && CircledNumber(line[0]) > 0;

    // Most lines are prose; one character tells whether any numbering form can start here.
    private static bool MayStartMarker(char c) =>
        c is '(' or '（' or '第' or '问' or '措' or (>= '0' and <= '9') or (>= '①' and <= '⑳') || "一二三四五六七八九十".Contains(c);

    private static int CircledNumber(char c) => c is >= '①' and <= '⑳' ? c - '①' + 1 : 0;

    private static readonly (Regex Regex, MarkerKind Kind)[] Forms =
    [
        (ProblemForm(), MarkerKind.Problem),
        (SectionForm(), MarkerKind.Section),
        (ParenChinese(), MarkerKind.ParenChinese),
        (ParenArabic(), MarkerKind.ParenArabic),
        (MeasureForm(), MarkerKind.ParenArabic),
        (Dotted(), MarkerKind.ParenArabic),
        (Arabic(), MarkerKind.Arabic),
        (OrdinalForm(), MarkerKind.Ordinal),
    ];

    [GeneratedRegex(@"^(?<n>[一二三四五六七八九十]{1,3})\s*[、.｜|]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex SectionForm();

    /// <summary>What a heading's words open with after its number and a space: not a count ("问题 2 个").</summary>
    private const string Heading = @"[\u4e00-\u9fff“《](?<![个项条处名次])";

    /// <summary>
    /// 措施1： 措施一、: a measure named by the word, as articles number them under 问题1：; in a PDF laid out with hanging
    /// indents, "措施1 修订《…》" (the number set off by a space, which reading the page leaves one, or none in a cell of a
    /// table without rules: "措施1制定…").
    /// </summary>
    [GeneratedRegex(@"^措施\s*(?<n>\d{1,3}|[一二三四五六七八九十]{1,3})(?:\s*[:：、.]|\s*(?=" + Heading + @"))\s*", RegexOptions.CultureInvariant)]
    private static partial Regex MeasureForm();

    // "问题1：", "第三个问题、", and in an article "问题4  村级小型工程…" or a PDF "问题1 党委…" (the number set off by spaces).
    [GeneratedRegex(@"^(?:问题\s*(?<n>\d{1,3}|[一二三四五六七八九十]{1,3})|第\s*(?<n>\d{1,3}|[一二三四五六七八九十]{1,3})\s*个?问题)(?:\s*[:：、.]|\s{2,}|\u3000|\s(?=" + Heading + @"))\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ProblemForm();

    [GeneratedRegex(@"^[(（]\s*(?<n>[一二三四五六七八九十]{1,3})\s*[)）]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ParenChinese();

    [GeneratedRegex(@"^(?:[(（]\s*(?<n>\d{1,5})\s*[)）]|(?<n>\d{1,3})\s*[)）]|第(?<n>[一二三四五六七八九十百\d]{1,5})条)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ParenArabic();

    // "1.1 修订…", "2.3  每半年…": a measure numbered within its problem's number (not "1.5倍", "0.5个工作日", nor a date,
    // "11.30前").
    [GeneratedRegex(@"^\d{1,2}\.(?<n>\d{1,2})(?=\s|[\u4e00-\u9fff“《])(?![倍万亿元个前日号底后起以之至到止])\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Dotted();

    // "1." but not "2023.9.1" or "1.5倍".
    [GeneratedRegex(@"^(?<n>\d{1,3})\s*(?:[、]|\.(?!\d))\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Arabic();

    [GeneratedRegex(@"^(?<n>[一二三四五六七八九十]{1,3})是", RegexOptions.CultureInvariant)]
    private static partial Regex OrdinalForm();
}
