using RectifyBot.Domain;

namespace RectifyBot.Rectification;

/// <summary>How a deadline is shown in JSON and lists: {kind, date, recurrence, sourceText}.</summary>
public sealed record DeadlineView(DeadlineKind Kind, DateOnly? Date, Recurrence? Recurrence, string? SourceText);

/// <summary>One measure in a list: what "--json" prints for each measure.</summary>
public sealed record MeasureSummary(
    int InspectionId,
    int Number,
    string Text,
    string FindingPath,
    IReadOnlyList<string> LeadUnits,
    IReadOnlyList<string> SupportingUnits,
    string? ResponsibleLeader,
    DeadlineView Deadline,
    DateOnly? DueDate,
    MeasureStatus Status,
    int DaysOverdue);

public sealed record ClaimView(string Unit, string? Staff, DateTime ClaimedAt, bool IsCoClaim);

public sealed record UpdateView(int Id, string? Staff, DateTime At, DateOnly On, string Text, MeasureStatus? StatusTo);

public sealed record EvidenceView(int Id, string FileName, string ContentType, string Sha256, long Size, string? Staff, DateTime At, int? ReplacesId);

public sealed record ExtensionView(int Id, string? RequestedBy, DateTime RequestedAt, DateOnly? PreviousDue, DateOnly NewDate, string Reason, RequestState State, string? DecisionNote);

public sealed record CloseRequestView(int Id, string? RequestedBy, DateTime RequestedAt, string? Account, RequestState State, DateTime? ReviewedAt, string? ReturnReason);

/// <summary>Everything about one measure: the summary plus its finding, claims, updates (newest first), requests and evidence.</summary>
public sealed record MeasureDetail(
    MeasureSummary Measure,
    string InspectionName,
    string AspectTitle,
    string ProblemTitle,
    string FindingTitle,
    string FindingText,
    string? Owner,
    IReadOnlyList<DateOnly> Milestones,
    IReadOnlyList<ClaimView> Claims,
    IReadOnlyList<UpdateView> Updates,
    IReadOnlyList<ExtensionView> Extensions,
    IReadOnlyList<CloseRequestView> CloseRequests,
    IReadOnlyList<EvidenceView> Evidence);

/// <summary>Totals for "整体进度怎么样": by status, per unit, overdue and completion rate.</summary>
public sealed record Stats(
    int Total,
    IReadOnlyDictionary<MeasureStatus, int> ByStatus,
    int Overdue,
    double CompletionRate,
    IReadOnlyList<UnitStats> Units);

/// <summary>A unit's line in the stats table. Completed counts Done, Ongoing and Closed.</summary>
public sealed record UnitStats(string Unit, int Total, int Completed, int Closed, int Overdue, double CompletionRate);
