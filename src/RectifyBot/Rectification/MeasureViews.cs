using System.Text.Json.Serialization;
using RectifyBot.Domain;

namespace RectifyBot.Rectification;

/// <summary>How a deadline is shown in JSON and lists: {kind, date, recurrence, sourceText}.</summary>
public sealed record DeadlineView(DeadlineKind Kind, DateOnly? Date, Recurrence? Recurrence, string? SourceText);

/// <summary>One measure in a list: what "--json" prints for each measure.</summary>
/// <param name="Holders">The ids of the units holding the measure (those its plan names and its active claimants), for
/// <see cref="Permissions.MayWrite"/>: who may write on it.</param>
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
    int DaysOverdue,
    [property: JsonIgnore] IReadOnlyList<int> Holders);

public sealed record ClaimView(string Unit, string? Staff, DateTime ClaimedAt, bool IsCoClaim);

public sealed record UpdateView(int Id, string? Staff, DateTime At, DateOnly On, string Text, MeasureStatus? StatusTo);

public sealed record EvidenceView(int Id, string FileName, string ContentType, string Sha256, long Size, string? Staff, DateTime At, int? ReplacesId);

public sealed record ExtensionView(int Id, string? RequestedBy, DateTime RequestedAt, DateOnly? PreviousDue, DateOnly NewDate, string Reason, RequestState State, string? DecisionNote);

public sealed record TransferView(int Id, string From, string To, string? RequestedBy, DateTime RequestedAt, string Said, RequestState State, string? DecisionNote);

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
    IReadOnlyList<TransferView> Transfers,
    IReadOnlyList<CloseRequestView> CloseRequests,
    IReadOnlyList<EvidenceView> Evidence);

/// <summary>
/// Totals for "整体进度怎么样": by status, per unit, overdue and completion rate (<see cref="Figures"/>). Units are the
/// units holding measures, then <see cref="Figures.NoUnit"/> for measures no unit holds; a measure held by several
/// units counts in each, so the rows add up to <see cref="Total"/> plus <see cref="CountedTwice"/>.
/// </summary>
public sealed record Stats([property: JsonIgnore] UnitStats All, IReadOnlyDictionary<MeasureStatus, int> ByStatus, IReadOnlyList<UnitStats> Units)
{
    public int Total => All.Total;
    public int Completed => All.Completed;
    public int Overdue => All.Overdue;
    public int NotStarted => All.NotStarted;
    public double CompletionRate => All.CompletionRate;

    /// <summary>How many more rows than measures the unit table has, from measures several units hold.</summary>
    public int CountedTwice => Units.Sum(u => u.Total) - Total;
}

/// <summary>A unit's line in the stats table (<see cref="Figures"/>: completed counts Done, Ongoing and Closed).</summary>
public sealed record UnitStats(string Unit, int Total, int Completed, int Closed, int Overdue, int NotStarted, double CompletionRate);
