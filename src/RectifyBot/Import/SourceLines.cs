using System.Text;
using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Import;

/// <summary>
/// Turns raw document text into the logical lines the parser reads: digits folded to half-width, trimmed,
/// without page numbers, portal metadata or the site chrome before the title, with lines that a PDF broke
/// mid-sentence joined again, and with 【字段】 runs split one field to a line.
/// </summary>
internal static partial class SourceLines
{
    /// <summary>A line of at least this many characters that stops without punctuation was cut by the page width.</summary>
    private const int BrokenLineMinLength = 20;

    /// <summary>Site chrome before a title runs to a screenful at most; a title further down is a heading inside the text.</summary>
    private const int TitleSearchLines = 80;

    /// <summary>The cleaned lines, and the index of the title line (-1 when none was found).</summary>
    public static (IReadOnlyList<string> Lines, int TitleIndex) Read(string text)
    {
        var raw = new List<string>();
        // "▲整治后的和平巷": a WeChat article's caption under a picture, before its ▲ is read as a bullet.
        foreach (var line in BulletsAsNumbers([.. text.ReplaceLineEndings("\n").Split('\n').Select(l => FoldDigitsAndLetters(l).Trim())
            .Where(l => !(l.Length is > 1 and <= 30 && l[0] is '▲' or '△' && !l.EndsWith('。')))]))
        {
            var folded = WithoutBullet(line);
            if (!IsChrome(folded))
            {
                raw.AddRange(SplitBracketFields(folded));
            }
        }
        raw = ReportMessage(raw);
        var (title, titleLines) = FindTitle(raw);
        var lines = new List<string>();
        var titleIndex = -1;
        for (var i = Math.Max(title, 0); i < raw.Count; i++)
        {
            var line = raw[i];
            if (line.Length == 0)
            {
                continue;
            }
            if (i == title)
            {
                titleIndex = lines.Count;
                lines.Add(string.Concat(raw.Skip(i).Take(titleLines)));
                i += titleLines - 1;
                continue;
            }
            var joined = new StringBuilder(line);
            while ((IsCutMidSentence(joined) || IsInsideParentheses(joined)) && i + 1 < raw.Count && CanContinue(raw[i + 1], joined))
            {
                joined.Append(raw[++i]);
            }
            // "说明：1.完成情况栏中…" with "2.截至…" and "3.…" under it: the note's points, no items of the document.
            if (NumberedNote().IsMatch(line))
            {
                for (var k = 2; i + 1 < raw.Count && (raw[i + 1].StartsWith($"{k}.", StringComparison.Ordinal) || raw[i + 1].StartsWith($"{k}、", StringComparison.Ordinal)); k++)
                {
                    joined.Append(' ').Append(raw[++i]);
                }
            }
            lines.Add(joined.ToString());
        }
        return (lines, titleIndex);
    }

    [GeneratedRegex(@"^(?:注|说明|备注|填报说明|填表说明)\s*[:：]\s*1[.、]", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedNote();

    /// <summary>
    /// A chat's export ("“…工作群”的聊天记录"), each message under its sender's line ("李春生（柳塘村） 2025-08-26 16:47"): the
    /// document is the message holding the most numbered lines, after what stands above the first message (the export's
    /// title). The others ask for it or thank for it ("收到👍 问题2、问题3请抓紧"), no part of it; nor are the senders' lines.
    /// Text with fewer than two senders' lines, or no numbered line in any message, is kept whole.
    /// </summary>
    private static List<string> ReportMessage(List<string> lines)
    {
        var senders = Enumerable.Range(0, lines.Count).Where(i => SenderLine().IsMatch(lines[i])).ToList();
        if (senders.Count < 2)
        {
            return lines;
        }
        static int Numbered(List<string> message) => message.Count(l => LineMarker.Read(l).Kind != MarkerKind.None);
        var report = senders.Select((start, k) => lines[(start + 1)..(k + 1 < senders.Count ? senders[k + 1] : lines.Count)]).MaxBy(Numbered)!;
        return Numbered(report) > 0 ? [.. lines[..senders[0]], .. report] : lines;
    }

    // "王敏（镇巡察整改办） 2025-08-26 09:12", "李春生 16:47": a sender, who they are with, and when they sent it; "王晓燕（局办）：",
    // "李明（危化股）：收到": or a sender and where they are, copied without the time, before the message or a reply.
    [GeneratedRegex(@"^[\u4e00-\u9fffA-Za-z·]{1,12}(?:[(（][^()（）]{1,20}[)）])?\s+(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s+)?\d{1,2}:\d{2}(?::\d{2})?$|^[\u4e00-\u9fff]{2,3}[(（][^()（）]{1,8}[)）][:：](?:$|\s*(?:收到|好的|明白|OK|ok|👌))", RegexOptions.CultureInvariant)]
    private static partial Regex SenderLine();

    /// <summary>
    /// An article's two kinds of bullet as the levels they stand for ("● 问题…" then "▲ 措施…" under it): the first kind
    /// used numbers its lines 1. 2. … through the document, the second （1）（2）… under each of the first. Lines with one
    /// kind of bullet, or numbered after it, are left as they are.
    /// </summary>
    private static List<string> BulletsAsNumbers(List<string> lines)
    {
        // "✅整改情况：已完成", "⏳整改情况：整改中": a status marked by its own sign is no level of the list.
        char? BulletOf(string line) => line.Length > 1 && ChineseText.IsSymbol(line[0]) && !char.IsSurrogate(line[0])
            && LineMarker.Read(line[1..].TrimStart()).Kind == MarkerKind.None && !StatusReportReader.IsStatusLine(line[1..].TrimStart()) ? line[0] : null;
        var kinds = lines.Select(BulletOf).OfType<char>().GroupBy(c => c).Where(g => g.Count() >= 2).Select(g => g.Key).ToList();
        if (kinds.Count != 2)
        {
            return lines;
        }
        var (problems, measures) = (0, 0);
        var numbered = new List<string>(lines.Count);
        foreach (var line in lines)
        {
            var bullet = BulletOf(line);
            if (bullet == kinds[0])
            {
                measures = 0;
                numbered.Add($"{++problems}.{line[1..].TrimStart()}");
            }
            else
            {
                numbered.Add(bullet == kinds[1] ? $"（{++measures}）{line[1..].TrimStart()}" : line);
            }
        }
        return numbered;
    }

    /// <summary>
    /// A line without the bullet or emoji an article puts before its headings ("🔶一、…", "■问题1：…"), so that
    /// their numbering is read; circled numbers (①) are numbering, not bullets.
    /// </summary>
    private static string WithoutBullet(string line)
    {
        var at = 0;
        while (at < line.Length && (ChineseText.IsSymbol(line[at]) || line[at] is '•' or '·' or '※'))
        {
            at++;
        }
        return at == 0 ? line : line[at..].TrimStart();
    }

    /// <summary>
    /// Full-width digits, letters and spaces to half-width, so that numbering and dates match. Chinese
    /// punctuation (，：（）) is kept as written: it is what users see in their ledger, and every pattern here accepts both forms.
    /// </summary>
    private static string FoldDigitsAndLetters(string line) => string.Create(line.Length, line, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c is >= '０' and <= '９' or >= 'Ａ' and <= 'Ｚ' or >= 'ａ' and <= 'ｚ' or '．' or '\u3000' ? ChineseText.Fold(c) : c == '\u00A0' ? ' ' : c;
        }
    });

    // "附件：青石镇…整改落实情况明细表": the attachment's name is whole, however long; the signature follows it.
    private static bool IsCutMidSentence(StringBuilder line) =>
        line.Length >= BrokenLineMinLength && !"。；;：:！!？?”\"）)】".Contains(line[line.Length - 1]) && !IsReportHeading(line)
        && !(line[0] == '附' && AttachmentNamed().IsMatch(line.ToString()));

    [GeneratedRegex(@"^附\s*件\s*\d{0,2}\s*[:：]", RegexOptions.CultureInvariant)]
    private static partial Regex AttachmentNamed();

    /// <summary>
    /// "一、关于…问题的整改情况": a heading whole without a stop, its account on the lines after it. The line is
    /// copied out only when it ends so: this is asked of every line of a document.
    /// </summary>
    private static bool IsReportHeading(StringBuilder line)
    {
        const string end = "的整改情况";
        for (var k = 1; k <= end.Length; k++)
        {
            if (k > line.Length || line[line.Length - k] != end[^k])
            {
                return false;
            }
        }
        return LineMarker.Read(line.ToString()).Kind is MarkerKind.Section or MarkerKind.ParenChinese;
    }

    /// <summary>A line that opened "（牵头单位：…；" and was broken before the closing parenthesis.</summary>
    private static bool IsInsideParentheses(StringBuilder line)
    {
        var open = 0;
        foreach (var chunk in line.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                open += c is '（' or '(' ? 1 : c is '）' or ')' ? -1 : 0;
            }
        }
        return open > 0 && line.Length < 400;
    }

    // Inside parentheses a field label ("配合单位：…") continues the measure it belongs to; so does the rest of a label that
    // the line's end began ("完成" then "时限：…").
    private static bool CanContinue(string next, StringBuilder line) =>
        next.Length > 0 && (FieldLabel.BrokenAcross(line.ToString(), next)
            || (!StatusReportReader.IsStatusLine(next) && StatusReportReader.HeadedByStatus(next) is null && !TableLines.IsNote(next)
                && (!FieldStart().IsMatch(next) || IsInsideParentheses(line))
                && (!LineMarker.StartsStructure(next) || (IsInsideParentheses(line) && LineMarker.Read(next).Kind == MarkerKind.None))));

    /// <summary>
    /// The first line that reads as a document title, and how many lines it spans; what comes before it is
    /// advertising or site chrome. A line that also names the inspection (巡察, 整改) is preferred, so an
    /// advert offering "方案" is passed over. A title broken over two lines ("…整改" / "工作实施方案") is rejoined.
    /// </summary>
    private static (int Index, int Lines) FindTitle(List<string> lines)
    {
        var candidates = Enumerable.Range(0, Math.Min(lines.Count, TitleSearchLines)).Where(i => IsTitleLike(lines[i])).ToList();
        // "关于印发《…整改方案》的通知", "现将《…》印发给你们": the cover that sends a document is passed over when the document's own
        // title follows it (not an attachment's, "附件：…清单", which leaves the cover the document's title).
        if (candidates.FindIndex(i => Cover().IsMatch(lines[i])) is >= 0 and var cover
            && candidates.Skip(cover + 1).FirstOrDefault(i => !Cover().IsMatch(lines[i]), -1) is >= 0 and var own
            && !lines[own].StartsWith("附件", StringComparison.Ordinal))
        {
            candidates = [.. candidates.Where(i => i >= own)];
        }
        // "中共…党组" / "关于县委第三巡察组巡察集中整改" / "阶段情况的报告": a title's last line may hold none of those words, its head does.
        var index = candidates.FirstOrDefault(i => InspectionWords().IsMatch(lines[i]) || (i > 0 && TitleEnd().IsMatch(lines[i]) && IsTitleHead(lines[i - 1])),
            candidates.Count > 0 ? candidates[0] : -1);
        if (index < 0 || TitleEnd().IsMatch(lines[index]))
        {
            // "落实县委第三巡察组巡察反馈意见" / "整改方案": a line that may end a title, and a short one after it that does.
            return index > 0 && IsTitleHead(lines[index - 1]) ? (index - 1, 2)
                : index >= 0 && EndsOnNext(lines, index, 12) && TitleWords().IsMatch(lines[index + 1]) && !LineMarker.StartsStructure(lines[index + 1]) ? (index, 2)
                : (index, 1);
        }
        return EndsOnNext(lines, index, 30) ? (index, 2) : (index, 1);
    }

    /// <summary>Whether the line after <paramref name="index"/>, of at most <paramref name="longest"/> characters, ends a title.</summary>
    private static bool EndsOnNext(List<string> lines, int index, int longest) =>
        index + 1 < lines.Count && lines[index + 1].Length > 0 && lines[index + 1].Length <= longest && TitleEnd().IsMatch(lines[index + 1]);

    private static bool IsTitleHead(string line) =>
        line.Length is > 0 and <= 40 && InspectionWords().IsMatch(line) && !TitleEnd().IsMatch(line) && !"。；;，,：:！!？?".Contains(line[^1]);

    [GeneratedRegex(@"(?:方案|通报|报告|清单|情况|意见|计划|台账|公示|公告|统计表|情况表|一览表|工作总结|情况的?说明)$", RegexOptions.CultureInvariant)]
    private static partial Regex TitleEnd();

    /// <summary>
    /// A line that opens with a short label ("措施：", "责任人：", "进展：", in an article "措施  …"): a field of its own, never
    /// a broken line's end.
    /// </summary>
    [GeneratedRegex(@"^[\u4e00-\u9fff]{2,6}(?:[:：]|\s{2,}|\u3000)", RegexOptions.CultureInvariant)]
    private static partial Regex FieldStart();

    // "请各位按要求抓紧推进，有困难及时报告。谢谢！": a title is no sentence ended inside the line, nor clauses ("两张清单2月6日已
    // 印发✅，班子成员廉政谈话已开展"); "整改情况（持续整改）：按月通报…": nor an item's account that a page cut short.
    private static bool IsTitleLike(string line) =>
        line.Length is >= 6 and <= 80 && TitleWords().IsMatch(line) && !"。；，,：:".Contains(line[^1]) && !LineMarker.StartsStructure(line)
        && !line.AsSpan(0, line.Length - 1).ContainsAny("。！!，；") && !StatusReportReader.IsStatusLine(line);

    [GeneratedRegex(@"》的?通知$|^现将《|印发给", RegexOptions.CultureInvariant)]
    private static partial Regex Cover();

    // "…整改“回头看”情况统计表": a workbook's title names its table; "…反馈意见整改工作总结" reports; "…整改有关情况的说明" explains.
    [GeneratedRegex(@"方案|通报|报告|清单|整改情况|整改进展|反馈意见|整改[\u4e00-\u9fff]{0,4}情况的?说明$|整改.{0,10}(?:统计表|情况表|一览表)|整改(?:工作)?总结|销号.{0,4}公示|整改.{0,6}公告|整改.{0,8}台账|整改.{0,8}(?:记录|纪要)|(?:对照检查|检视剖析)材料", RegexOptions.CultureInvariant)]
    private static partial Regex TitleWords();

    [GeneratedRegex(@"巡察|巡视|整改", RegexOptions.CultureInvariant)]
    private static partial Regex InspectionWords();

    // Portals space their labels out to line them up ("索 引 号", "文　　号"); the label is read without the spaces.
    private static bool IsChrome(string line) =>
        PageNumber().IsMatch(line) || PortalField().IsMatch(line.Length > 0 && line.Contains(' ') ? line.Replace(" ", "", StringComparison.Ordinal) : line)
        || (line.Length < 40 && SiteChrome().IsMatch(line)) || AttachedFiles().IsMatch(line) || ChatPlaceholder().IsMatch(line);

    /// <summary>What a chat's export writes for what it cannot show: "[图片]", "[语音]", "[文件]".</summary>
    [GeneratedRegex(@"^(?:\[(?:图片|表情|动画表情|语音|视频|文件|链接|位置)\]\s*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex ChatPlaceholder();

    /// <summary>
    /// An OA system's list of the files attached ("附　　件：1.整改进展情况调度表.xlsx　2.参会回执.docx"): their names are no
    /// title, whatever words they hold.
    /// </summary>
    [GeneratedRegex(@"^附[\s\u3000]*件[\s\u3000]*[:：].*\.(?:xlsx?|docx?|pdf|wps|et|ofd|zip|rar)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AttachedFiles();

    // Document sites put these around the text; a short line with them is never part of a plan.
    [GeneratedRegex(@"文库|范文|免费下载|VIP|会员专享|QQ群|本文由|版权所有|扫码关注|^【(?:打印|关闭|返回)|^首页\s*>|主办单位[:：]|承办单位[:：]|ICP备|网站标识码", RegexOptions.CultureInvariant)]
    private static partial Regex SiteChrome();

    /// <summary>A page's number alone on its line: "- 3 -", "第 1 页 共 2 页", "共 2 页 第 1 页", "3/12".</summary>
    public static bool IsPageNumber(string line) => PageNumber().IsMatch(line);

    [GeneratedRegex(@"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*第\s*\d+\s*页|\d+\s*/\s*\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"^(?:索引号|发布日期|发布时间|成文日期|发文日期|信息来源|来源|发布机构|发文机关|主题分类|分类|标题|文号|浏览次数|访问量|点击数|字号|字体|【字体|打印本页|打印|关闭窗口|关闭|分享到|责任编辑|扫一扫)(?:[:：\s]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex PortalField();

    /// <summary>"【整改要求】…【主管单位】…" becomes one "整改要求：…" line per field.</summary>
    private static IEnumerable<string> SplitBracketFields(string line)
    {
        // "【已完成】关于…的问题。…", "1.…未经党总支会议研究。【已完成】": a status in brackets heads or closes a report's
        // item (StatusReportReader), it labels no field.
        if (!line.Contains('【') || BracketField().Matches(line).Where(f => StatusReportReader.ItemStatus(f.Groups["label"].Value) is null).ToList() is not { Count: > 0 } fields
            || StatusReportReader.HeadedByStatus(line) is not null)
        {
            yield return line;
            yield break;
        }
        if (fields[0].Index > 0)
        {
            yield return line[..fields[0].Index].Trim();
        }
        for (var i = 0; i < fields.Count; i++)
        {
            var end = i + 1 < fields.Count ? fields[i + 1].Index : line.Length;
            var valueStart = fields[i].Index + fields[i].Length;
            yield return fields[i].Groups["label"].Value + ":" + line[valueStart..end].Trim();
        }
    }

    // A label alone in its brackets: "【配合单位：审计室】" holds a field whole, read where it stands (FieldLabel).
    [GeneratedRegex(@"【(?<label>[^】:：]{2,8})】", RegexOptions.CultureInvariant)]
    private static partial Regex BracketField();
}
