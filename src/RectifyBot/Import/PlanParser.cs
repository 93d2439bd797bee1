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
    /// <summary>Reads a file in any format <see cref="DocumentReader"/> reads and parses it.</summary>
    /// <param name="today">Used to infer years only when the document gives no date of its own.</param>
    public static async Task<ParsedDocument> ParseFileAsync(string path, DateOnly? today, CancellationToken ct, ImportOptions? options = null)
    {
        var read = await DocumentReader.ReadAsync(path, options ?? ImportOptions.Default, ct);
        return read.Error is { } error ? Empty([error]) : Parse(read.Text, today);
    }

    /// <summary>The deadline of one measure as written in a plan of the given date, with no timetable to fall back on.</summary>
    public static Deadline ReadDeadline(string measure, DateOnly planDate)
    {
        var text = LineMarker.Read(measure.Trim()).Rest;
        var field = FieldLabel.FindInline(text).LastOrDefault(f => f.Kind == FieldKind.Deadline)?.Value;
        return new DeadlineReader(planDate, null).Read(text, field).Deadline;
    }

    /// <summary>Parses pasted or extracted text.</summary>
    /// <param name="today">Used to infer years only when the document gives no date of its own.</param>
    public static ParsedDocument Parse(string text, DateOnly? today = null)
    {
        var (lines, titleIndex) = SourceLines.Read(text);
        var title = titleIndex >= 0 ? lines[titleIndex] : null;
        var sections = Section.Split(lines, titleIndex + 1);
        // What the document says about itself comes before its first numbered line.
        var preamble = lines.Skip(titleIndex + 1).TakeWhile(l => LineMarker.Read(l).Kind == MarkerKind.None).ToList();
        var (problemLines, sectionsAreAspects) = Section.ProblemArea(lines, sections, titleIndex + 1);

        var kind = KindOf(title, problemLines);
        if (kind == DocumentKind.Unknown)
        {
            return Empty([NotAPlan]) with { Title = title };
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
        var stageEnd = DocumentFacts.ConcentratedStageEnd(stages);
        var stated = DocumentFacts.StatedTotals(facts);

        IReadOnlyList<ParsedAspect> aspects = [];
        IReadOnlyList<ParsedStatusItem> items = [];
        if (kind == DocumentKind.Plan)
        {
            var (drafts, treeWarnings) = PlanTreeBuilder.Build(problemLines, sectionsAreAspects);
            warnings.AddRange(treeWarnings);
            if (stageEnd is null)
            {
                warnings.Add("没有读到集中整改阶段的截止日期，未写时限的措施暂无到期日。");
            }
            aspects = PlanTree.Finish(drafts, new DeadlineReader(reference ?? DateOnly.MinValue, stageEnd), warnings);
        }
        else
        {
            (var read, var itemWarnings) = StatusReportReader.Read(problemLines);
            items = read;
            warnings.AddRange(itemWarnings);
        }

        var measures = aspects.SelectMany(a => a.Problems).SelectMany(p => p.Findings).SelectMany(f => f.Measures).ToList();
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
        return measures.Count > 0 || items.Count > 0
            ? document with { Warnings = [.. warnings, .. TotalsCheck.Compare(document)] }
            : document with { Kind = DocumentKind.Unknown, Warnings = [NotAPlan, .. warnings] };
    }

    private const string NotAPlan = "这份文件看起来不是整改方案或整改情况通报：没有找到编号的问题和整改措施。";

    private static ParsedDocument Empty(IReadOnlyList<string> warnings) =>
        new(DocumentKind.Unknown, null, null, null, null, StatedTotals.None, [], [], [], [], [], warnings);

    /// <summary>By title first (方案/清单 versus 通报/报告), then by content: 整改情况 lines make a report, numbered measures a plan.</summary>
    private static DocumentKind KindOf(string? title, IReadOnlyList<string> problemLines)
    {
        var statusLines = problemLines.Count(StatusReportReader.IsStatusLine);
        var measureLines = problemLines.Count(l => LineMarker.Read(l).Kind is MarkerKind.ParenArabic || FieldLabel.Read(l)?.Kind == FieldKind.Measures);
        var numberedLines = problemLines.Count(l => LineMarker.Read(l).Kind is not MarkerKind.None);
        if (title is not null && PlanTitle().IsMatch(title) && numberedLines > 0 && statusLines == 0)
        {
            return DocumentKind.Plan;
        }
        if (statusLines > 0 && (statusLines >= measureLines || (title is not null && ReportTitle().IsMatch(title))))
        {
            return DocumentKind.StatusReport;
        }
        return measureLines > 0 ? DocumentKind.Plan : DocumentKind.Unknown;
    }

    [GeneratedRegex(@"方案|清单|任务分解|整改计划|台账", RegexOptions.CultureInvariant)]
    private static partial Regex PlanTitle();

    [GeneratedRegex(@"通报|报告|整改情况|整改进展", RegexOptions.CultureInvariant)]
    private static partial Regex ReportTitle();
}
