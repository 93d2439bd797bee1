using System.Text;
using System.Text.RegularExpressions;
using RectifyBot.Domain;

namespace RectifyBot.Import;

/// <summary>
/// The items of a status report: each numbered problem with its 整改情况 ("整改情况（已完成，并将长期坚持）：…").
/// Items are the 1. lines of the report's problem section; （一） lines there only group them.
/// </summary>
internal static partial class StatusReportReader
{
    /// <summary>
    /// The shapes notices use for an item, rewritten to the one this reader reads: "问题3：…" becomes "3.…", and an
    /// account on the item's own line ("（一）关于…的问题。整改情况：已整改到位。…") moves to a line of its own.
    /// </summary>
    public static List<string> Normalise(IEnumerable<string> lines)
    {
        var result = new List<string>();
        foreach (var line in lines)
        {
            var numbered = ProblemNumber().Match(line) is { Success: true } p ? $"{p.Groups["n"].Value}.{line[p.Length..]}" : line;
            var inline = InlineStatus().Match(numbered);
            if (inline.Success && LineMarker.Read(numbered).Kind != MarkerKind.None)
            {
                result.Add(numbered[..inline.Index].Trim());
                result.Add(numbered[(inline.Index + inline.Groups["lead"].Length)..].Trim());
            }
            else
            {
                result.Add(numbered);
            }
        }
        return result;
    }

    [GeneratedRegex(@"^问题\s*(?<n>\d{1,3})\s*[:：.、]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ProblemNumber();

    [GeneratedRegex(@"(?<lead>[。；;]?\s*)整改(?:情况|进展|结果)\s*(?:[(（][^)）]{1,24}[)）])?\s*[:：]", RegexOptions.CultureInvariant)]
    private static partial Regex InlineStatus();

    /// <summary>
    /// A status as a notice words it. 已销号 and 已办结 are done (closing a measure is the office's own act here);
    /// 已完成 with 长期坚持 is ongoing; 基本完成, 阶段性完成 and 部分整改 are still in progress.
    /// </summary>
    public static MeasureStatus? ItemStatus(string text) =>
        text.Contains("已办结", StringComparison.Ordinal) ? MeasureStatus.Done
        : MeasureStatusRules.Parse(text) is MeasureStatus.Closed ? MeasureStatus.Done
        : MeasureStatusRules.Parse(text);

    public static (List<ParsedStatusItem> Items, List<string> Warnings) Read(IReadOnlyList<string> lines)
    {
        var itemKind = ItemKind(lines);
        var drafts = new List<(int Number, string Title, StringBuilder Text)>();
        foreach (var line in lines)
        {
            var marker = LineMarker.Read(line);
            if (marker.Kind == itemKind)
            {
                drafts.Add((marker.Ordinal, marker.Rest, new StringBuilder()));
            }
            else if (drafts.Count > 0 && marker.Kind is not (MarkerKind.ParenChinese or MarkerKind.Section))
            {
                drafts[^1].Text.Append(drafts[^1].Text.Length > 0 ? "\n" : "").Append(line);
            }
        }
        var increasing = drafts.Select(d => d.Number).Zip(drafts.Skip(1).Select(d => d.Number)).All(p => p.Second > p.First);
        var items = new List<ParsedStatusItem>();
        var warnings = new List<string>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var (number, title, text) = drafts[i];
            var (statusText, body) = Status(title, text.ToString());
            var item = new ParsedStatusItem(increasing ? number : i + 1, TitleOf(title), statusText is null ? null : ItemStatus(statusText), statusText, body);
            if (item.Status is null)
            {
                warnings.Add($"第{item.Number}项没有写明整改状态。");
            }
            items.Add(item);
        }
        return (items, warnings);
    }

    /// <summary>A line opening an item's account: "整改情况（已完成）：", "整改进展：".</summary>
    public static bool IsStatusLine(string line) =>
        StatusLabel().Match(line) is { Success: true } m && (m.Groups["status"].Success || m.Value.TrimEnd() is [.., ':' or '：']);

    /// <summary>
    /// The numbering of the items: the form of the heading just above most 整改情况 lines, so that a "1." list
    /// inside an item's account is not taken for items. Without status lines, 1. if present, else （一）.
    /// </summary>
    private static MarkerKind ItemKind(IReadOnlyList<string> lines)
    {
        var above = new List<MarkerKind>();
        var last = MarkerKind.None;
        foreach (var line in lines)
        {
            var kind = LineMarker.Read(line).Kind;
            if (IsStatusLine(line) && last != MarkerKind.None)
            {
                above.Add(last);
            }
            else if (kind is MarkerKind.Arabic or MarkerKind.ParenChinese or MarkerKind.ParenArabic)
            {
                last = kind;
            }
        }
        if (above.Count > 0)
        {
            return above.GroupBy(k => k).MaxBy(g => g.Count())!.Key;
        }
        return lines.Any(l => LineMarker.Read(l).Kind == MarkerKind.Arabic) ? MarkerKind.Arabic : MarkerKind.ParenChinese;
    }

    private static string TitleOf(string title) =>
        QuotedHeading.Inner(PlanTreeBuilder.TrimEnd(TitleStatus().Replace(title, "")));

    private static (string? StatusText, string Body) Status(string title, string text)
    {
        // The account may follow other fields of the item ("整改措施：…" then "整改情况：…").
        var at = text.Split('\n').Select((l, i) => (l, i)).FirstOrDefault(x => IsStatusLine(x.l)) is { l: not null } found
            ? string.Join("\n", text.Split('\n').Take(found.i)).Length + (found.i > 0 ? 1 : 0)
            : 0;
        var m = StatusLabel().Match(text[at..]);
        if (m.Success)
        {
            var before = text[..at];
            var account = text[(at + m.Length)..].Trim();
            var body = (before + account).Trim();
            if (m.Groups["status"].Success)
            {
                return (m.Groups["status"].Value.Trim(), body);
            }
            // "整改进展：持续推进。…", "整改情况：已完成，将长期坚持。…": the status is the first short sentence when it is one.
            foreach (var opening in (Match[])[LeadingSentence().Match(account), LeadingClause().Match(account)])
            {
                if (opening.Success && ItemStatus(opening.Groups["clause"].Value) is not null)
                {
                    return (opening.Groups["clause"].Value, (before + account[opening.Length..]).Trim());
                }
            }
            // Otherwise the account may end by saying so: "…目前该问题已整改到位。"
            var closing = ClosingStatus().Matches(account);
            return (closing.Count > 0 ? closing[^1].Value : null, body);
        }
        var inTitle = TitleStatus().Match(title);
        return (inTitle.Success ? inTitle.Groups["status"].Value : null, text.Trim());
    }

    [GeneratedRegex(@"^整改(?:情况|进展|进度|结果|落实情况)\s*(?:[(（](?<status>[^)）]{1,24})[)）])?\s*[:：]?\s*", RegexOptions.CultureInvariant)]
    private static partial Regex StatusLabel();

    [GeneratedRegex(@"^(?<clause>[^。;；]{2,14})(?:[。;；]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingSentence();

    [GeneratedRegex(@"已整改到位|已全部整改到位|已全部整改|已完成整改|已整改完毕|已全部完成整改", RegexOptions.CultureInvariant)]
    private static partial Regex ClosingStatus();

    [GeneratedRegex(@"^(?<clause>[^,，。;；]{2,12})[,，。;；]", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingClause();

    [GeneratedRegex(@"\s*[(（](?<status>[^)）]*(?:完成|推进|整改|坚持|启动)[^)）]*)[)）]\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TitleStatus();
}
