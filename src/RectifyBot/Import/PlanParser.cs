using System.Text.RegularExpressions;
using RectifyBot.Domain;

namespace RectifyBot.Import;

/// <summary>
/// Reads a rectification plan or status report from its text. The entry points never throw on bad input:
/// a document that is neither comes back as <see cref="DocumentKind.Unknown"/> with one Chinese sentence
/// saying so, and what could not be placed is listed in <see cref="ParsedDocument.Warnings"/>.
/// </summary>
public static partial class PlanParser
{
    /// <summary>
    /// "注：“责任部门”栏中排在第一位的为牵头部门，其余为配合部门", "…列有两个部门的，“/”前为牵头部门": how the plan's unit
    /// lists are to be read.
    /// </summary>
    [GeneratedRegex(@"(?:排在|列在|排|列)?(?:第一位|第一个|首位)的?(?:单位|部门|科室)?(?:为|是)牵头|[“""]?[/／][”""]?(?:之)?前(?:的)?(?:为|是)牵头", RegexOptions.CultureInvariant)]
    private static partial Regex FirstListedLeads();

    /// <summary>Reads a file in any format <see cref="DocumentReader"/> reads and parses it.</summary>
    /// <param name="today">Used to infer years only when the document gives no date of its own.</param>
    public static async Task<ParsedDocument> ParseFileAsync(string path, DateOnly? today, CancellationToken ct, ImportOptions? options = null)
    {
        var read = await DocumentReader.ReadAsync(path, options ?? ImportOptions.Default, ct);
        return Parse(read, today);
    }

    /// <summary>Parses what <see cref="DocumentReader"/> read, its <see cref="DocumentText.About"/> read for stated totals only.</summary>
    public static ParsedDocument Parse(DocumentText read, DateOnly? today) =>
        read.Error is { } error ? Empty([error]) : Parse(read.Text, today, read.About);

    /// <summary>The deadline of one measure as written in a plan of the given date, with no timetable to fall back on.</summary>
    public static Deadline ReadDeadline(string measure, DateOnly planDate)
    {
        var text = LineMarker.Read(measure.Trim()).Rest;
        var field = FieldLabel.FindInline(text).LastOrDefault(f => f.Kind == FieldKind.Deadline)?.Value;
        return new DeadlineReader(planDate, null).Read(text, field).Deadline;
    }

    /// <summary>Parses pasted or extracted text.</summary>
    /// <param name="today">Used to infer years only when the document gives no date of its own.</param>
    /// <param name="about">Words of the document outside the text (<see cref="DocumentText.About"/>), read for stated totals only.</param>
    public static ParsedDocument Parse(string text, DateOnly? today = null, IReadOnlyList<string>? about = null)
    {
        var (lines, titleIndex) = SourceLines.Read(StatusMarks(TableLines.RewriteTabbed(text)));
        var title = titleIndex >= 0 ? lines[titleIndex] : null;
        // A plan often puts its task list in an attachment (附件) after the signature: that is where its problems are.
        var attachment = AttachmentStart(lines, titleIndex + 1);
        var sections = Section.Split(attachment < 0 ? lines : lines.Take(attachment).ToList(), titleIndex + 1);
        // What the document says about itself comes before its first numbered line.
        var preamble = lines.Skip(titleIndex + 1).TakeWhile(l => LineMarker.Read(l).Kind == MarkerKind.None).ToList();
        var (problemLines, sectionsAreAspects) = Section.ProblemArea(attachment < 0 ? lines : lines.Take(attachment).ToList(), sections, titleIndex + 1);
        if (attachment >= 0)
        {
            problemLines = [.. problemLines.Where(l => LineMarker.Read(l).Kind == MarkerKind.None), .. lines.Skip(attachment + 1)];
            sectionsAreAspects = false;
        }

        problemLines = WithoutSignature(problemLines);
        var notes = problemLines.Where(TableLines.IsNote).ToList();
        problemLines = [.. problemLines.Where(l => !TableLines.IsNote(l) && ResponsibilityList.Read(l) is null)];
        // A 责任清单 wherever it stands (an annex after the signature): its rows give the measures their units.
        var responsibilities = lines.Select(ResponsibilityList.Read).OfType<ResponsibilityList.Entry>().ToList();

        var itemLines = StatusReportReader.Normalise(problemLines);
        var kind = KindOf(title, itemLines, lines);
        if (kind == DocumentKind.Unknown)
        {
            return Empty([NotAPlan]) with { Title = title, Stated = RecordTotals(lines.Skip(titleIndex + 1)) };
        }

        var facts = preamble.Count > 0 ? preamble : lines.Take(5).ToList();
        var feedback = DocumentFacts.FeedbackDate(facts);
        var reference = feedback ?? DocumentFacts.FirstFullDate(lines) ?? today;
        var warnings = new List<string>();
        if (reference is null)
        {
            warnings.Add("文件中没有找到完整日期，未写年份的日期无法确定，请补充反馈日期。");
        }
        var stages = DocumentFacts.Stages(sections.Where(s => s.Role == SectionRole.Stages).SelectMany(s => s.Body(lines)), reference ?? DateOnly.MinValue);
        // What the document says about itself, never inside the items: the opening, the sections on how the work is done,
        // a closing line ("本方案共制定整改措施20条"), and the prose before the first item.
        var inProblems = problemLines.ToHashSet();
        var aboutItself = lines.Skip(titleIndex + 1).Where(l => !inProblems.Contains(l))
            .Concat(problemLines.TakeWhile(l => LineMarker.Read(l).Kind == MarkerKind.None)).ToList();
        var stageEnd = DocumentFacts.ConcentratedStageEnd(stages);
        // No timetable: the opening or the aims may say when the concentrated stage ends.
        if (stageEnd is null && DocumentFacts.StageInProse(aboutItself, reference ?? DateOnly.MinValue) is { } said)
        {
            stages = [.. stages, said];
            stageEnd = said.End;
        }
        // Totals are stated there, or in a table's note or totals row, or in a closing paragraph after the last item that counts
        // the problems and how many are done; the items' own figures are about the items themselves.
        // A title may count them too: "…整改台账（4个方面12个问题）".
        var stated = DocumentFacts.StatedTotals((title is null ? preamble : preamble.Prepend(title))
            .Concat(aboutItself)
            .Concat(notes)
            .Concat(about ?? [])
            .Concat(DocumentFacts.ClosingTotals(problemLines)));

        IReadOnlyList<ParsedAspect> aspects = [];
        IReadOnlyList<ParsedStatusItem> items = [];
        if (kind == DocumentKind.Plan)
        {
            var (drafts, treeWarnings) = PlanTreeBuilder.Build(problemLines, sectionsAreAspects);
            ResponsibilityList.Apply(drafts, responsibilities);
            warnings.AddRange(treeWarnings);
            if (stageEnd is null)
            {
                warnings.Add("没有读到集中整改阶段的截止日期，未写时限的措施暂无到期日。");
            }
            aspects = PlanTree.Finish(drafts, new DeadlineReader(reference ?? DateOnly.MinValue, stageEnd), warnings, lines.Any(l => FirstListedLeads().IsMatch(l)));
        }
        else
        {
            (var read, var itemWarnings) = StatusReportReader.Read(itemLines);
            items = StatusReportReader.AsCounted(read, stated);
            warnings.AddRange(itemWarnings);
        }

        var measures = aspects.SelectMany(a => a.Problems).SelectMany(p => p.Findings).SelectMany(f => f.Measures).ToList();
        if (measures.Count == 0 && items.Count == 0)
        {
            // Nothing is listed, so no figure can be an item's own: the totals may stand in any section ("一、整改工作总体情况").
            stated = DocumentFacts.StatedTotals(lines.Skip(titleIndex + 1));
        }
        var document = new ParsedDocument(
            kind,
            title,
            DocumentFacts.InspectingBody(facts),
            DocumentFacts.InspectedOrganisation(facts),
            feedback,
            stated,
            stages,
            aspects,
            items,
            DocumentFacts.Staff(sections.Where(s => s.Role == SectionRole.Leadership).SelectMany(s => s.Body(lines))),
            measures.SelectMany(m => m.LeadUnits.Concat(m.SupportingUnits)).Distinct().ToList(),
            warnings);
        var units = measures.SelectMany(m => m.LeadUnits.Concat(m.SupportingUnits)).Distinct().ToList();
        document = document with { UnitAliases = UnitNames.WrittenNames(units, problemLines) };
        if (measures.Count > 0 || items.Count > 0)
        {
            return document with { Warnings = [.. warnings, .. TotalsCheck.Compare(document)] };
        }
        // A notice that gives only its totals is still a notice: it says what it found, and that it lists no items.
        return kind == DocumentKind.StatusReport && (stated.Problems ?? stated.Measures ?? stated.Completed) is not null
            ? document with { Warnings = [TotalsOnly, .. warnings.Where(w => !w.StartsWith("没有读到集中整改阶段", StringComparison.Ordinal))] }
            : document with { Kind = DocumentKind.Unknown, Stated = RecordTotals(lines.Skip(titleIndex + 1)), Warnings = [NotAPlan, .. warnings] };
    }

    /// <summary>
    /// The figures a record or a notice of a meeting gives of the rectification, which is no plan or report but still says
    /// where it stands: only from lines that state two figures or more ("反馈的4个方面12个问题", "12个问题已完成6个"), since
    /// a lone "每一个问题" or "还有3个问题没有改到位" counts nothing of the whole.
    /// </summary>
    private static StatedTotals RecordTotals(IEnumerable<string> lines) =>
        DocumentFacts.StatedTotals(lines.Where(l => DocumentFacts.StatedTotals([l]).Count >= 2));

    /// <summary>
    /// Statuses given as marks, with a legend under the table ("注：●已完成 ◐正在推进 ◎长期坚持 ○未启动"): each
    /// "整改情况（●）" reads as the legend's words, and so does "整改情况：✓", a mark that is all a row says of its problem.
    /// Without a legend, a mark says nothing.
    /// </summary>
    private static string StatusMarks(string text)
    {
        foreach (var (mark, word) in StatusReportReader.Legend(text.Split('\n')))
        {
            text = text.Replace($"（{mark}）", $"（{word}）", StringComparison.Ordinal).Replace($"整改情况：{mark}\n", $"整改情况：{word}\n", StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>
    /// The line that opens an attachment holding numbered measures, or a report's numbered items with their accounts
    /// ("附件" or "附件1" alone on its line, or a task table's caption); -1 when none.
    /// </summary>
    private static int AttachmentStart(IReadOnlyList<string> lines, int from)
    {
        for (var i = from; i < lines.Count; i++)
        {
            var after = lines.Skip(i + 1);
            if (AttachmentHeading().IsMatch(lines[i]) && (after.Any(l => LineMarker.Read(l).Kind == MarkerKind.ParenArabic)
                || (after.Any(l => LineMarker.Read(l).Kind == MarkerKind.Arabic) && after.Any(StatusReportReader.IsStatusLine))))
            {
                return i;
            }
        }
        return -1;
    }

    // "表2　整改措施任务分工表": a task table's caption after the plan's prose stands as 附件 does.
    [GeneratedRegex(@"^附\s*[件表]\s*\d{0,2}\s*[:：]?$|^表\s*\d{1,2}[\s　:：]*\S{0,20}(?:分工表|任务表|措施表|任务清单)$", RegexOptions.CultureInvariant)]
    private static partial Regex AttachmentHeading();

    /// <summary>
    /// The lines without who signs at their end ("永安县市场监督管理局综合执法大队" over "2024年9月18日"): no measure's words,
    /// though a last measure's line would otherwise run on into them.
    /// </summary>
    private static List<string> WithoutSignature(List<string> lines)
    {
        if (lines.Count < 2 || !SignedDate().IsMatch(lines[^1]))
        {
            return lines;
        }
        var signer = lines.Count - 1;
        while (signer > 0 && lines.Count - signer <= 2 && lines[signer - 1] is { Length: <= 30 } named && LineMarker.Read(named).Kind == MarkerKind.None
            && named.IndexOfAny(['。', '：', ':', '，', ',']) < 0)
        {
            signer--;
        }
        return lines[..signer];
    }

    [GeneratedRegex(@"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$", RegexOptions.CultureInvariant)]
    private static partial Regex SignedDate();

    private const string TotalsOnly = "这份通报只给出了总数，没有逐项列出问题及整改情况。";

    private const string NotAPlan = "这份文件看起来不是整改方案或整改情况通报：没有找到编号的问题和整改措施。";

    private static ParsedDocument Empty(IReadOnlyList<string> warnings) =>
        new(DocumentKind.Unknown, null, null, null, null, StatedTotals.None, [], [], [], [], [], warnings);

    /// <summary>
    /// By the title first: one that ends in 方案/清单/台账 is a plan, one that reads as a notice (通报, 报告, 公示,
    /// 整改情况, 整改进展) a status report. Then by the words a notice opens with (现将……情况予以公布/报告如下), and
    /// last by content: 整改情况 lines make a report, numbered measures a plan.
    /// </summary>
    private static DocumentKind KindOf(string? title, IReadOnlyList<string> problemLines, IReadOnlyList<string> lines)
    {
        // "巡察整改工作约谈记录", "…专题会议纪要", "关于召开…专题民主生活会情况的报告", "关于…推进会议情况的通报", "…民主生活会
        // 对照检查材料": a record of what was said, whatever it lists; "…问题整改有关情况的说明": an explanation (of a delay, say).
        if (title is not null && RecordTitle().IsMatch(title))
        {
            return DocumentKind.Unknown;
        }
        var statusLines = problemLines.Count(StatusReportReader.IsStatusLine);
        var measureLines = problemLines.Count(l => LineMarker.Read(l).Kind is MarkerKind.ParenArabic || FieldLabel.Read(l)?.Kind == FieldKind.Measures);
        var numberedLines = problemLines.Count(l => LineMarker.Read(l).Kind is not MarkerKind.None);
        // A 台账 is a plan when it lists measures, and a report when it lists only problems with their status.
        if (title is not null && PlanTitle().IsMatch(title) && (!ReportTitleEnd().IsMatch(title) || PlanPublished().IsMatch(title)) && numberedLines > 0
            && (measureLines > 0 || statusLines == 0))
        {
            return DocumentKind.Plan;
        }
        // "关于做好巡察整改进展情况报送工作的通知" asks for reports; a notice of what was done is a 通报.
        if ((title is not null && ReportTitle().IsMatch(title) && InspectionWords().IsMatch(title) && !title.EndsWith("通知", StringComparison.Ordinal))
            || lines.Take(40).Any(l => NoticeOpening().IsMatch(l)))
        {
            return DocumentKind.StatusReport;
        }
        if (statusLines > 0 && statusLines >= measureLines)
        {
            return DocumentKind.StatusReport;
        }
        return measureLines > 0 ? DocumentKind.Plan : DocumentKind.Unknown;
    }

    // "综合执法大队落实县委巡察反馈意见整改措施": a list of measures under that name.
    [GeneratedRegex(@"方案|清单|任务分解|整改计划|台账|整改措施$", RegexOptions.CultureInvariant)]
    private static partial Regex PlanTitle();

    // Not a group's "聊天记录": a chat's export holds what its members sent, a report among them.
    [GeneratedRegex(@"(?<!聊天)(?:记录|纪要)$|(?:民主生活会|组织生活会|会议|推进会|调度会|座谈会)(?:的)?(?:召开)?情况的?(?:报告|通报)$|(?:对照检查|检视剖析|发言)材料$|情况的?说明$", RegexOptions.CultureInvariant)]
    private static partial Regex RecordTitle();

    [GeneratedRegex(@"(?:通报|报告|公示|公告|情况)$", RegexOptions.CultureInvariant)]
    private static partial Regex ReportTitleEnd();

    /// <summary>"…整改方案公示": a plan made public is still the plan.</summary>
    [GeneratedRegex(@"方案的?(?:公示|公告|公布)$", RegexOptions.CultureInvariant)]
    private static partial Regex PlanPublished();

    [GeneratedRegex(@"通报|报告|公示|公告|整改情况|整改进展|进展情况|落实情况|整改(?:工作)?总结$", RegexOptions.CultureInvariant)]
    private static partial Regex ReportTitle();

    [GeneratedRegex(@"巡察|巡视|审计|整改", RegexOptions.CultureInvariant)]
    private static partial Regex InspectionWords();

    // "现将巡察整改进展情况予以公布", "现将整改情况报告如下", "现将有关情况通报如下".
    [GeneratedRegex(@"现将[^。]{0,50}?(?:情况)?(?:予以公布|予以公示|予以公告|公布如下|报告如下|通报如下|公示如下)", RegexOptions.CultureInvariant)]
    private static partial Regex NoticeOpening();
}
