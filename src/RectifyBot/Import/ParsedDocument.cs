using System.Text.Json.Serialization;
using RectifyBot.Domain;

namespace RectifyBot.Import;

public enum DocumentKind
{
    Unknown,
    /// <summary>整改方案 / 实施方案 / 整改任务清单</summary>
    Plan,
    /// <summary>整改情况的通报 / 整改进展情况报告</summary>
    StatusReport,
}

/// <summary>
/// A plan or status report as read, before anything is stored. The problem list is always the tree
/// Aspect → Problem → Finding → Measure: a document without an aspect level gets one aspect with an empty
/// title, and a problem without 一是/二是 findings gets one finding whose text is the problem's own.
/// </summary>
public sealed record ParsedDocument(
    DocumentKind Kind,
    string? Title,
    string? InspectingBody,
    string? InspectedOrganisation,
    DateOnly? FeedbackDate,
    StatedTotals Stated,
    IReadOnlyList<ParsedStage> Stages,
    IReadOnlyList<ParsedAspect> Aspects,
    IReadOnlyList<ParsedStatusItem> Items,
    IReadOnlyList<SuggestedStaff> SuggestedStaff,
    IReadOnlyList<string> ProposedUnits,
    IReadOnlyList<string> Warnings)
{
    [JsonIgnore]
    public IEnumerable<ParsedProblem> Problems => Aspects.SelectMany(a => a.Problems);

    [JsonIgnore]
    public IEnumerable<ParsedFinding> Findings => Problems.SelectMany(p => p.Findings);

    [JsonIgnore]
    public IEnumerable<ParsedMeasure> Measures => Findings.SelectMany(f => f.Measures);

    /// <summary>The share of measures that name a lead unit, 0–1; null for a document without measures.</summary>
    public double? LeadUnitShare => Measures.Any() ? Math.Round((double)Measures.Count(m => m.LeadUnits.Count > 0) / Measures.Count(), 3) : null;

    /// <summary>Each unit the plan names by a longer name ("县殡葬服务中心" for 殡葬服务中心): kept as its aliases.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> UnitAliases { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

/// <summary>
/// The counts a document states about itself ("3个方面26个突出问题", "已完成49项，正在整改7项，完成率87.5%");
/// null where it states none. <see cref="CompletionRate"/> is a percentage as written.
/// </summary>
public sealed record StatedTotals(int? Aspects, int? Problems, int? Measures, int? Completed,
    int? InProgress = null, int? Ongoing = null, decimal? CompletionRate = null)
{
    public static StatedTotals None { get; } = new(null, null, null, null);

    /// <summary>
    /// Whether 长期坚持 is counted apart from what is completed ("已完成7个，正在推进2个，需长期坚持1个" of 10 items, or of
    /// 11 with one not started), not among it ("已完成5个，正在推进3个……已完成的问题中，有3个需长期坚持" of 8).
    /// </summary>
    public bool CountsOngoingApart(int items) => Ongoing is { } ongoing && Completed is { } completed && completed + (InProgress ?? 0) + ongoing <= (Problems ?? items);

    /// <summary>How many of the figures are stated.</summary>
    public int Count => Figures().Count();

    /// <summary>The figures as a user reads them: "4个方面，12个问题，已完成6项，完成率50%"; null when none is stated.</summary>
    public string? Said() => Figures().ToList() is [_, ..] said ? string.Join("，", said) : null;

    /// <summary>The stated figures, each as a user reads it, in the order a notice gives them.</summary>
    private IEnumerable<string> Figures() => new[]
    {
        Aspects is { } aspects ? $"{aspects}个方面" : null, Problems is { } problems ? $"{problems}个问题" : null,
        Measures is { } measures ? $"{measures}项整改措施" : null, Completed is { } completed ? $"已完成{completed}项" : null,
        InProgress is { } inProgress ? $"正在整改{inProgress}项" : null, Ongoing is { } ongoing ? $"长期坚持{ongoing}项" : null,
        CompletionRate is { } rate ? $"完成率{rate}%" : null,
    }.OfType<string>();
}

/// <summary>集中整改阶段: one row of the plan's timetable (工作步骤及时间安排).</summary>
public sealed record ParsedStage(string Name, DateOnly? Start, DateOnly? End);

/// <summary>方面, numbered （一）（二）….</summary>
public sealed record ParsedAspect(int Ordinal, string Title, IReadOnlyList<ParsedProblem> Problems);

/// <summary>问题, numbered 1. 2. … under an aspect.</summary>
public sealed record ParsedProblem(int Ordinal, string Title, IReadOnlyList<ParsedFinding> Findings);

/// <summary>具体表现 (一是…): <see cref="Title"/> is its first sentence, <see cref="Text"/> all of it.</summary>
public sealed record ParsedFinding(int Ordinal, string Title, string Text, IReadOnlyList<ParsedMeasure> Measures);

/// <summary>
/// 整改措施. <see cref="Number"/> is the plan-wide number: the written one when the plan numbers measures
/// across the whole document, otherwise the measure's position in the plan. <see cref="Milestones"/> are
/// the dates the text names on or after the plan's reference date.
/// </summary>
public sealed record ParsedMeasure(
    int Number,
    string Text,
    IReadOnlyList<string> LeadUnits,
    IReadOnlyList<string> SupportingUnits,
    string? ResponsibleLeader,
    Deadline Deadline,
    IReadOnlyList<DateOnly> Milestones);

/// <summary>One problem of a status report with its 整改情况; <see cref="Status"/> is null when no status word was written.</summary>
public sealed record ParsedStatusItem(int Number, string Title, MeasureStatus? Status, string? StatusText, string Text);

/// <summary>A member of the leadership group the plan names (组长, 办公室主任): a suggestion for the staff list.</summary>
public sealed record SuggestedStaff(string? Name, string Role);
