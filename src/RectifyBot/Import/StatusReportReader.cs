using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using RectifyBot.Domain;
using RectifyBot.Text;

namespace RectifyBot.Import;

/// <summary>
/// The items of a status report: each numbered problem with its 整改情况 ("整改情况（已完成，并将长期坚持）：…").
/// Items are the 1. lines of the report's problem section; （一） lines there only group them.
/// </summary>
internal static partial class StatusReportReader
{
    /// <summary>
    /// The marks a legend gives statuses ("注：●已完成 ◐正在推进 ◎长期坚持 ○未启动", "填报说明：…用符号标注：●已完成…"): the
    /// first of the lines that pairs two marks or more with words. None when no line does: without a legend, a mark says nothing.
    /// </summary>
    public static IReadOnlyList<(string Mark, string Word)> Legend(IEnumerable<string> lines) =>
        lines.Select(l => LegendPair().Matches(l)).FirstOrDefault(m => m.Count >= 2) is { } pairs
            ? [.. pairs.Select(p => (p.Groups["mark"].Value, p.Groups["word"].Value))]
            : [];

    // "●已完成 ◐正在推进", "“✔”表示已完成，“△”表示正在推进": the mark, quoted or not, then its word.
    [GeneratedRegex(@"[“""「]?(?<mark>[●◐◑◎○■□▲△◆◇★☆✔✓√])[”""」]?\s*(?:表示|代表|为|[:：])?\s*(?<word>[\u4e00-\u9fff]{2,6})", RegexOptions.CultureInvariant)]
    private static partial Regex LegendPair();

    /// <summary>
    /// The shapes notices use for an item, rewritten to the one this reader reads: "问题3：…" becomes "3.…", an
    /// account on the item's own line ("（一）关于…的问题。整改情况：已整改到位。…") moves to a line of its own, and a
    /// paragraph headed by its status ("【已完成】关于…的问题。我们…") becomes the next numbered item with that status.
    /// </summary>
    public static List<string> Normalise(IEnumerable<string> lines)
    {
        var result = new List<string>();
        var headed = 0;
        // "二、已完成整改的问题（10个）": a section of the items in one status, which their own lines then do not state.
        string? sectionStatus = null;
        // "【已完成】" alone on its line: the items under it, each with its own 整改情况 line, are in that status.
        string? bracketStatus = null;
        foreach (var line in WithCutTitlesJoined(lines))
        {
            // "1.【已完成】关于“…”的问题。整改情况：…": numbered, then headed by its status.
            if (LineMarker.Read(line) is { Kind: MarkerKind.Arabic } numberedItem && HeadedByStatus(numberedItem.Rest) is { } numberedHead
                && numberedItem.Rest[numberedHead.Length..].Trim() is { Length: > 0 } headedRest)
            {
                AddHeaded(result, $"{numberedItem.Ordinal}.", headedRest, numberedHead.Groups["status"].Value);
                continue;
            }
            if (HeadedByStatus(line) is { } head)
            {
                if (line[head.Length..].Trim().Length == 0)
                {
                    // Under an item's title, on a line of its own only because the title ran to the margin: that item's.
                    if (result.Count > 0 && LineMarker.Read(result[^1]).Kind is MarkerKind.Arabic && !TitleStatus().IsMatch(result[^1]))
                    {
                        result[^1] += line.Trim();
                        continue;
                    }
                    bracketStatus = head.Groups["status"].Value;
                    continue;
                }
                AddHeaded(result, $"{++headed}.", line[head.Length..].Trim(), head.Groups["status"].Value);
                continue;
            }
            if (bracketStatus is not null && BareAccount().Match(line) is { Success: true } bare)
            {
                result.Add($"整改情况（{bracketStatus}）：{line[bare.Length..].Trim()}");
                continue;
            }
            var marker = LineMarker.Read(line);
            if (marker.Kind is MarkerKind.Section or MarkerKind.ParenChinese)
            {
                bracketStatus = null;
                sectionStatus = StatusSection().Match(marker.Rest) is { Success: true } group && ItemStatus(group.Groups["status"].Value) is not null
                    ? group.Groups["status"].Value
                    : null;
            }
            else if (sectionStatus is not null && marker.Kind is MarkerKind.Arabic && !InlineStatus().IsMatch(marker.Rest))
            {
                AddHeaded(result, $"{marker.Ordinal}.", marker.Rest, sectionStatus);
                continue;
            }
            // "问题一：…" then "1.整改进展" and "2.完成情况": numbered parts of an item's account, not items.
            if (marker.Kind is MarkerKind.Arabic or MarkerKind.ParenArabic && AccountPart().IsMatch(marker.Rest))
            {
                result.Add($"整改{(marker.Rest.Contains("完成", StringComparison.Ordinal) ? "情况" : "进展")}：");
                continue;
            }
            // "问题1：已完成。47份…", "问题2：正在推进，白条入账…": a problem named by its number alone, what is said of it
            // opening with its status.
            if (marker.Kind == MarkerKind.Problem && TableLines.OpensWithStatus(marker.Rest) is { } opening)
            {
                result.Add($"{marker.Ordinal}.问题{marker.Ordinal}");
                result.Add($"整改情况（{opening}）：{marker.Rest[opening.Length..].TrimStart('。', '；', ';', '，', ',').Trim()}");
                continue;
            }
            // "进展：巡林制度修订稿已送审…" then "状态：正在推进" under an item: its account, then its status in a field of its own
            // (where the item has no 整改情况 line, whose reading finds the field itself).
            if (marker.Kind == MarkerKind.None && result.Count > 0 && !HasAccount(result) && StatusField().Match(line) is { Success: true } field
                && ChineseText.TrimSymbols(field.Groups["status"].Value) is var fieldStatus && ItemStatus(fieldStatus) is not null)
            {
                var said = LineMarker.Read(result[^1]).Kind == MarkerKind.None && ProgressLabel().Match(result[^1]) is { Success: true } label ? result[^1][label.Length..].Trim() : null;
                if (said is not null)
                {
                    result[^1] = $"整改情况（{fieldStatus}）：{said}";
                }
                else
                {
                    result.Add($"整改情况（{fieldStatus}）：");
                }
                continue;
            }
            // "2.医保基金监管不够严格——正在推进，违规基金已追回58.9万", "3.…——✅已完成": a title, a dash, then its status, as a
            // summary pasted into a chat gives it.
            if (marker.Kind == MarkerKind.Arabic && DashedStatus().Match(marker.Rest) is { Success: true } dashed && ItemStatus(dashed.Groups["status"].Value) is not null)
            {
                // "——✅已完成（规划8月12日…已印发）": the aside is the account, not a second status.
                var rest = dashed.Groups["rest"].Value.TrimStart('，', ',', '。', '；', ';').Trim();
                result.Add($"{marker.Ordinal}.{dashed.Groups["title"].Value}");
                result.Add($"整改情况（{dashed.Groups["status"].Value}）：{(rest is ['（' or '(', .., '）' or ')'] ? rest[1..^1] : rest)}");
                continue;
            }
            var numbered = marker.Kind == MarkerKind.Problem ? $"{marker.Ordinal}.{marker.Rest}" : line;
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

    /// <summary>Whether the last item in <paramref name="result"/> has an account line already.</summary>
    private static bool HasAccount(List<string> result)
    {
        for (var i = result.Count - 1; i >= 0 && LineMarker.Read(result[i]).Kind == MarkerKind.None; i--)
        {
            if (IsStatusLine(result[i]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// An item's title that a page or column break cut ("8.关于“农网改造…滞后，" then "部分项目…”问题。整改情况（…）：…", "…问题。整改"
    /// then "情况（整改中）：…") joined with the line that goes on with it.
    /// </summary>
    private static IEnumerable<string> WithCutTitlesJoined(IEnumerable<string> lines)
    {
        string? cut = null;
        foreach (var line in lines)
        {
            if (cut is not null)
            {
                var goesOn = LineMarker.Read(line).Kind == MarkerKind.None && !IsStatusLine(line)
                    && (!cut.EndsWith("整改", StringComparison.Ordinal) || line.StartsWith("情况", StringComparison.Ordinal));
                yield return goesOn ? cut + line : cut;
                cut = null;
                if (goesOn)
                {
                    continue;
                }
            }
            if (LineMarker.Read(line).Kind != MarkerKind.None && (line.EndsWith('，') || line.EndsWith('、') || line.EndsWith("。整改", StringComparison.Ordinal)))
            {
                cut = line;
                continue;
            }
            yield return line;
        }
        if (cut is not null)
        {
            yield return cut;
        }
    }

    /// <summary>"【已完成】关于…": a paragraph headed by its status in brackets, or null.</summary>
    public static Match? HeadedByStatus(string line) =>
        line.StartsWith('【') && StatusHead().Match(line) is { Success: true } head && ItemStatus(head.Groups["status"].Value) is not null ? head : null;

    [GeneratedRegex(@"^整改(?:情况|进展)\s*[:：]", RegexOptions.CultureInvariant)]
    private static partial Regex BareAccount();

    [GeneratedRegex(@"^(?:整改|工作)?(?:进展|进度)(?:情况)?\s*[:：]", RegexOptions.CultureInvariant)]
    private static partial Regex ProgressLabel();

    [GeneratedRegex(@"^(?<title>[^—]{4,}?)\s*(?:——|—|--)\s*[✅✔☑√]*\s*(?<status>[^。；;，,（(\s]{2,8})(?<rest>[。；;，,（(\s].*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DashedStatus();

    [GeneratedRegex(@"^【(?<status>[^】]{2,8})】", RegexOptions.CultureInvariant)]
    private static partial Regex StatusHead();

    /// <summary>An item whose status a heading gives: its title to the first full stop, then its account with that status.</summary>
    private static void AddHeaded(List<string> result, string number, string rest, string status)
    {
        var title = rest.IndexOf('。') is var stop and > 0 ? stop + 1 : rest.Length;
        result.Add(number + rest[..title]);
        // "…的问题。整改情况：…": the account's own label is not said twice.
        var account = rest[title..].Trim();
        result.Add($"整改情况（{status}）：{(BareAccount().Match(account) is { Success: true } label ? account[label.Length..].Trim() : account)}");
    }

    /// <summary>"已完成整改的问题（10个）", "正在推进的问题", "需长期坚持的问题".</summary>
    [GeneratedRegex(@"^(?<status>[\u4e00-\u9fff]{2,8}?)的(?:问题|事项)(?:[(（]\d{1,3}个[)）])?$", RegexOptions.CultureInvariant)]
    private static partial Regex StatusSection();

    [GeneratedRegex(@"(?<lead>[。；;]?\s*)整改(?:情况|进展|结果)\s*(?:[(（][^)）]{1,24}[)）])?\s*[:：]", RegexOptions.CultureInvariant)]
    private static partial Regex InlineStatus();

    /// <summary>
    /// A status as a notice words it. 已销号 and 已办结 are done (closing a measure is the office's own act here);
    /// 已完成 with 长期坚持 is ongoing (unless the notice counts it as done: <see cref="AsCounted"/>); 基本完成, 阶段性完成 and 部分整改 are still in progress.
    /// </summary>
    public static MeasureStatus? ItemStatus(string said) => StatusOf(Scanned(said));

    private static MeasureStatus? StatusOf(string text) =>
        NotYet().IsMatch(text) ? MeasureStatus.InProgress
        : MeasureStatusRules.Parse(text) switch
        {
            MeasureStatus.Closed => MeasureStatus.Done,
            null when DoneWords().IsMatch(text) => MeasureStatus.Done,
            null when StillWorking().IsMatch(text) => MeasureStatus.InProgress,
            var status => status,
        };

    /// <summary>
    /// The items as the notice counts them: "已完成，并将长期坚持" (or "已完成，长期坚持") is done where the notice counts 长期坚持 apart from what
    /// is completed ("已完成整改7个，正在推进2个，需长期坚持1个" of 10), and ongoing, as anywhere else, where it counts it
    /// among the completed ("已完成5个……其中3个需长期坚持") or not at all. Likewise 基本完成 is done where the notice's
    /// counts take it so ("已完成整改8个（其中基本完成1个），正在推进2个"): the items read done are that many fewer than it
    /// states, and those in progress that many more; so is 持续整改 in progress where the counts take it so ("持续整改2个，长期坚持2个").
    /// </summary>
    public static List<ParsedStatusItem> AsCounted(List<ParsedStatusItem> items, StatedTotals stated)
    {
        var counted = stated.CountsOngoingApart(items.Count)
            ? [.. items.Select(i => i is { Status: MeasureStatus.Ongoing, StatusText: { } said } && DoneAndKeptUp().IsMatch(Scanned(said)) ? i with { Status = MeasureStatus.Done } : i)]
            : items;
        // "整改情况（持续整改）" where the notice counts "持续整改2个，长期坚持2个" apart: still under way.
        counted = MovedAsCounted(counted, MeasureStatus.Ongoing, stated.Ongoing, MeasureStatus.InProgress, stated.InProgress,
            said => said.Contains("持续整改", StringComparison.Ordinal) && !said.Contains("长期", StringComparison.Ordinal));
        return MovedAsCounted(counted, MeasureStatus.InProgress, stated.InProgress, MeasureStatus.Done, stated.Completed,
            said => Scanned(said).Contains("基本完成", StringComparison.Ordinal));
    }

    /// <summary>
    /// The items in <paramref name="from"/> whose status words <paramref name="say"/> so, moved to <paramref name="to"/> when the
    /// notice's counts of both hold only that way; the items as they are otherwise.
    /// </summary>
    private static List<ParsedStatusItem> MovedAsCounted(List<ParsedStatusItem> items, MeasureStatus from, int? countedFrom, MeasureStatus to, int? countedTo, Func<string, bool> say)
    {
        bool Moves(ParsedStatusItem i) => i.Status == from && i.StatusText is { } said && say(said);
        var moving = items.Count(Moves);
        return moving > 0 && countedFrom is { } left && countedTo is { } reached
            && items.Count(i => i.Status == to) + moving == reached && items.Count(i => i.Status == from) - moving == left
            ? [.. items.Select(i => Moves(i) ? i with { Status = to } : i)]
            : items;
    }

    [GeneratedRegex(@"已(?:全部)?(?:完成|整改完成|整改到位)(?:整改)?[,，、]?\s*(?:并将|并|将)?(?:长期坚持|常态化)", RegexOptions.CultureInvariant)]
    private static partial Regex DoneAndKeptUp();

    // 未销号: in a 销号清单, an item not yet closed is still being worked on; "已完成80%": so is work part done.
    [GeneratedRegex(@"(?:尚未|未能|没有)(?:全部)?(?:完成|整改|办结)|未整改到位|^未销号$|完成了?[1-9]\d?%", RegexOptions.CultureInvariant)]
    private static partial Regex NotYet();

    /// <summary>A status as read off a scan: "己完成" (己 for 已), "已 完成" (a space between letters).</summary>
    internal static string Scanned(string said) =>
        said.Replace(" ", "").Replace("\u3000", "") is var text && text.Contains('己') ? ScannedAlready().Replace(text, "已") : text;

    [GeneratedRegex(@"己(?=经|完成|整改|办结|销号|落实)", RegexOptions.CultureInvariant)]
    private static partial Regex ScannedAlready();

    // "已于2024年12月完成整改": the month it was done in, then 完成 with or without 整改 after it.
    [GeneratedRegex(@"已办结|已全部整改|已全部完成|已(?:按期|如期)完成|整改完毕|已于[^，,。；;]{1,10}?(?:完成(?:整改)?|办结|整改到位)$", RegexOptions.CultureInvariant)]
    private static partial Regex DoneWords();

    // "进行中" as a ledger's 完成情况 says it, not "进行中期评估"; "仍在整改过程中", "正按新的措施推进整改".
    [GeneratedRegex(@"继续整改|(?:加快|加紧|抓紧)推进|(?:正在|仍在)" + Manner + @"?推进|(?:整改|推进)过程中|正按[\u4e00-\u9fff]{0,8}?推进|进行中(?=$|[，,。；;(（])", RegexOptions.CultureInvariant)]
    private static partial Regex StillWorking();

    /// <summary>How work under way is said to go: 正在有序推进, 正在按计划推进 (the plan it keeps to, no promise of later).</summary>
    private const string Manner = "(?:有序|稳步|扎实|按计划|按进度|按节点)";

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
        // "表2 尚未完成整改问题清单" after the items: some of the same problems, numbered afresh, listed again.
        var restart = Enumerable.Range(1, Math.Max(0, drafts.Count - 1)).FirstOrDefault(i => drafts[i].Number <= drafts[i - 1].Number);
        if (restart > 0 && drafts.Skip(restart).All(d => drafts.Take(restart).Any(e => e.Title.Contains(d.Title.Split('。')[0].Trim(), StringComparison.Ordinal))))
        {
            drafts.RemoveRange(restart, drafts.Count - restart);
        }
        var items = new List<ParsedStatusItem>();
        var warnings = new List<string>();
        // Headings of how the work was done ("（一）强化理论武装，筑牢思想根基。…") are not items: items name problems,
        // or carry the notice's own 整改情况 line.
        if (!drafts.Any(d => d.Text.ToString().Split('\n').Any(IsStatusLine)) && drafts.Count(d => ProblemWords().IsMatch(d.Title.Split('。')[0])) * 2 < drafts.Count)
        {
            return (items, warnings);
        }
        var increasing = drafts.Select(d => d.Number).Zip(drafts.Skip(1).Select(d => d.Number)).All(p => p.Second > p.First);
        for (var i = 0; i < drafts.Count; i++)
        {
            var (number, title, text) = drafts[i];
            // A run-in item ("（一）关于…的问题。已整改到位。") carries its account on its own line.
            var account = text.Length > 0 || !title.Contains('。') ? text.ToString() : title[(title.IndexOf('。') + 1)..];
            var (statusText, body) = Status(title, account);
            var item = new ParsedStatusItem(increasing ? number : i + 1, TitleOf(title), statusText is null ? null : ItemStatus(statusText), statusText, body);
            if (item.Status is null)
            {
                warnings.Add($"第{item.Number}项没有写明整改状态。");
            }
            items.Add(item);
        }
        return (items, warnings);
    }

    // What a problem is called: 问题, or a shortcoming (不到位, 薄弱, 滞后, 违规…).
    [GeneratedRegex(@"问题|不到位|不够|不足|不严|不实|不力|不高|不强|不深|不细|不准|不精准|不规范|不彻底|不及时|不完善|不健全|不明显|不扎实|不全|不清|薄弱|滞后|缺失|缺乏|缺位|盲区|漏洞|差距|偏高|偏低|老化|混乱|违规|违反|违纪|未按|未及时|未落实|流于形式|走过场|仍有|时有|存在", RegexOptions.CultureInvariant)]
    private static partial Regex ProblemWords();

    /// <summary>A line opening an item's account: "整改情况（已完成）：", "整改进展：".</summary>
    /// <summary>A line that gives an item's account and status whole: "…问题。整改结果：…（已完成）".</summary>
    public static bool StatesStatus(string line) =>
        InlineStatus().IsMatch(line) && TitleStatus().Match(line.TrimEnd('。', '.')) is { Success: true } closing && ItemStatus(closing.Groups["status"].Value) is not null;

    public static bool IsStatusLine(string line) =>
        StatusLabel().Match(line) is { Success: true } m && (m.Groups["status"].Success || m.Value.TrimEnd() is [.., ':' or '：']);

    /// <summary>
    /// The numbering of the items: the form of the heading just above most 整改情况 lines, so that a "1." list
    /// inside an item's account is not taken for items. Without status lines, 1. if present, else （一）, else （1）.
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
        var kinds = lines.Select(l => LineMarker.Read(l).Kind).ToHashSet();
        return kinds.Contains(MarkerKind.Arabic) ? MarkerKind.Arabic
            : kinds.Contains(MarkerKind.ParenChinese) || !kinds.Contains(MarkerKind.ParenArabic) ? MarkerKind.ParenChinese
            : MarkerKind.ParenArabic;
    }

    private static string TitleOf(string title) =>
        QuotedHeading.Inner(PlanTreeBuilder.TrimEnd(TitleStatus().Replace(title, "")));

    /// <summary>
    /// The item's status, wherever the notice words it, in this order: the label's parenthesis ("整改情况（已完成）："),
    /// a field of its own (销号情况：阶段性完成，继续整改), a parenthesis closing the title or the account ("…（已完成）"),
    /// an opening sentence that is only a status ("整改进展：持续推进。…"), and last the status clause nearest the end
    /// ("…目前该问题正在整改中。"). A clause counts only when the status word ends it, so "已完成12处修复" (an action
    /// done) or "确保年底前全部完成" (a promise) does not decide the item.
    /// </summary>
    private static (string? StatusText, string Body) Status(string title, string text)
    {
        var lines = text.Split('\n');
        // The account may follow other fields of the item ("整改措施：…" then "整改情况：…").
        var at = Array.FindIndex(lines, IsStatusLine);
        var before = at > 0 ? string.Join("\n", lines.Take(at)) + "\n" : "";
        var account = at >= 0 ? text[(before.Length + StatusLabel().Match(lines[at]).Length)..].Trim() : text.Trim();
        var label = at >= 0 ? StatusLabel().Match(lines[at]) : Match.Empty;
        var body = (before + account).Trim();
        if (label.Groups["status"].Success && ItemStatus(label.Groups["status"].Value) is not null)
        {
            return (label.Groups["status"].Value.Trim(), body);
        }
        if (lines.Select(l => StatusField().Match(l)).FirstOrDefault(m => m.Success && ItemStatus(m.Groups["status"].Value) is not null) is { } field)
        {
            return (field.Groups["status"].Value.Trim(), body);
        }
        foreach (var closing in (Match[])[TitleStatus().Match(title), TitleStatus().Match(account.TrimEnd('。', '.'))])
        {
            if (closing.Success && ItemStatus(closing.Groups["status"].Value) is not null)
            {
                return (closing.Groups["status"].Value, body);
            }
        }
        var opening = LeadingSentence().Match(account);
        if (opening.Success && Clauses(opening.Groups["clause"].Value).All(c => ClauseStatus(c) is not null))
        {
            return (opening.Groups["clause"].Value, (before + account[opening.Length..]).Trim());
        }
        return (LastStatusClause(account), body);
    }

    /// <summary>The last run of status clauses in the text ("已完成整改，并将长期坚持"), or null.</summary>
    private static string? LastStatusClause(string text)
    {
        foreach (var sentence in text.Split(['。', '；', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Reverse())
        {
            // "推进中（已收回2份合同欠款2.3万元，1份已起诉待开庭）": what the parenthesis adds is not the status.
            var clauses = Clauses(Aside().Replace(sentence, ""));
            var last = Array.FindLastIndex(clauses, c => ClauseStatus(c) is not null);
            if (last < 0)
            {
                continue;
            }
            var first = last;
            while (first > 0 && ClauseStatus(clauses[first - 1]) is not null)
            {
                first--;
            }
            return string.Join("，", clauses[first..(last + 1)]);
        }
        return null;
    }

    // "该问题已整改完成👍": an emoji by the status is no part of it. An article's fields part at a bar or a wide space
    // ("…｜📊进展：已完成", "时限  2025年4月底前  进展  已完成").
    private static string[] Clauses(string sentence) =>
        [.. WideSpace().Replace(sentence, "，").Split(['，', ',', '。', '；', ';', '：', ':', '｜', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ChineseText.TrimSymbols)];

    [GeneratedRegex(@"\s{2,}|\u3000", RegexOptions.CultureInvariant)]
    private static partial Regex WideSpace();

    [GeneratedRegex(@"[（(][^（）()]*[）)]", RegexOptions.CultureInvariant)]
    private static partial Regex Aside();

    /// <summary>
    /// The status a clause states when a status word ends it and it promises nothing; null otherwise. A long clause
    /// tells of one action ("对32台设备的评估已完成") unless it says where things stand now ("…选配工作目前正在推进").
    /// </summary>
    private static MeasureStatus? ClauseStatus(string said) =>
        Scanned(said) is var clause && (clause.Length <= 24 || clause.AsSpan(Math.Max(0, clause.Length - 10)).ContainsAny(Now))
        && StatusClauseEnd().IsMatch(clause) && !Promise().IsMatch(clause) ? StatusOf(clause) : null;

    private static readonly SearchValues<string> Now = SearchValues.Create(["目前", "当前", "现阶段"], StringComparison.Ordinal);

    // A status word at the end of the clause: 已整改完成, 已于6月完成, 正在整改中, 正在推进整改, 仍在推进, 部分整改, 并将长期坚持, 纳入长期坚持事项,
    // 常态化推进, 暂缓销号, 尚未启动; 正在有序推进, 正在按计划推进, 将长期坚持、常抓不懈, 需长期坚持、持续巩固; 已完成80%.
    [GeneratedRegex(@"(?:已(?:全部|基本|按期|如期)?(?:完成|整改|办结|销号|落实)(?:整改)?(?:完成|到位|完毕)?(?:并(?:予以)?销号)?|已于[^，,。；;]{1,10}?(?:完成|办结|整改(?:完成|到位|完毕))(?:整改)?|整改(?:完成|到位|完毕)|(?:正在|仍在|持续|加快|加紧|抓紧|继续)+" + Manner + @"?(?:推进)?(?:整改|推进)(?:过程)?中?|(?:正在|仍在)进行中|正按[\u4e00-\u9fff]{0,8}?推进(?:整改)?|整改中|推进中|(?:阶段性|基本)完成(?:整改)?|部分(?:整改|完成)|长期坚持(?:、常抓不懈|、久久为功|、持续巩固)?|(?:纳入|列入|列为)长期坚持(?:事项|任务)|(?:将)?常态化(?:推进|开展|坚持)?|(?:暂缓|暂不)销号|未(?:完成|整改到位)|(?:尚|暂)?未(?:启动|开展|开始)(?:整改)?|完成了?[1-9]\d?%(?:左右)?)[了的]?$", RegexOptions.CultureInvariant)]
    private static partial Regex StatusClauseEnd();

    // Not "按计划推进": the plan the work keeps to now; not "目前整改…", where it stands.
    [GeneratedRegex(@"确保|力争|争取|预计|(?<!按)计划|将于|之前|(?<![目当])前(?:完成|整改)", RegexOptions.CultureInvariant)]
    private static partial Regex Promise();

    /// <summary>A field of the item that holds its status alone: "销号情况：已销号", "整改状态：推进中".</summary>
    [GeneratedRegex(@"^(?:销号情况|整改状态|完成状态|是否销号|状态)\s*[:：]\s*(?<status>[^。]{1,20})。?$", RegexOptions.CultureInvariant)]
    private static partial Regex StatusField();

    // A numbered heading of a part of an item's account: 1.整改进展, 2.完成情况, 3.下一步打算.
    [GeneratedRegex(@"^(?:整改(?:进展|进度|情况|措施|成效|结果)|完成情况|进展情况|下一步(?:工作)?(?:打算|计划))\s*[:：。]?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPart();

    // "整改情况（已完成）：…", and "整改情况：（已完成）…" with the status after the colon; not "整改情况：（1）…", the first
    // of the account's numbered points.
    [GeneratedRegex(@"^整改(?:情况|进展|进度|结果|落实情况)\s*(?:[(（](?<status>[^)）]{1,24})[)）])?\s*[:：]?\s*(?:[(（](?![\d一二三四五六七八九十]{1,3}[)）])(?<status>[^)）]{1,24})[)）]\s*)?", RegexOptions.CultureInvariant)]
    private static partial Regex StatusLabel();

    [GeneratedRegex(@"^(?<clause>[^。;；]{2,14})(?:[。;；]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingSentence();

    // "…（已完成）", "…【已完成】".
    [GeneratedRegex(@"\s*[(（【](?<status>[^)）】]*(?:完成|推进|整改|坚持|启动|办结|销号|到位)[^)）】]*)[)）】]\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TitleStatus();
}
