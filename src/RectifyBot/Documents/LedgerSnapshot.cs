using RectifyBot.Domain;
using RectifyBot.Rectification;

namespace RectifyBot.Documents;

/// <summary>The inspection a ledger or report is about.</summary>
public sealed record LedgerInspection(int Id, string Name, string? InspectingBody, string? InspectedOrganisation, DateOnly? FeedbackDate);

/// <summary>具体表现 under a problem.</summary>
public sealed record LedgerFinding(int Ordinal, string Title, string Text);

/// <summary>问题 with its aspect and findings, in plan order.</summary>
public sealed record LedgerProblem(int Id, int AspectOrdinal, string AspectTitle, int Ordinal, string Title, IReadOnlyList<LedgerFinding> Findings);

/// <summary>
/// 销号申请 with the local dates it was made and reviewed, and who reviewed it (the ledger names the person who
/// did the work, the person who checked it and the responsible leader who signed: seeds/001).
/// </summary>
public sealed record LedgerClose(CloseRequestView Request, DateOnly RequestedOn, DateOnly? ReviewedOn, string? ReviewedBy,
    DateOnly? SignedOn = null, string? SignedBy = null);

/// <summary>One measure with everything recorded about it. Updates are newest first; requests oldest first.</summary>
public sealed record LedgerMeasure(
    MeasureSummary Summary,
    int ProblemId,
    string? Owner,
    IReadOnlyList<UpdateView> Updates,
    IReadOnlyList<EvidenceView> Evidence,
    IReadOnlyList<ExtensionView> Extensions,
    IReadOnlyList<LedgerClose> CloseRequests)
{
    public int Number => Summary.Number;
    public MeasureStatus Status => Summary.Status;

    /// <summary>The deadline before the first approved extension, which the ledger keeps visible.</summary>
    public DateOnly? OriginalDue => Extensions.FirstOrDefault(x => x.State == RequestState.Approved)?.PreviousDue;

    /// <summary>The day the close took effect, for a closed measure: the leader's signature where one was needed, else the office's approval.</summary>
    public DateOnly? ClosedOn => Status == MeasureStatus.Closed
        ? CloseRequests.LastOrDefault(c => c.Request.State == RequestState.Approved) is { } c ? c.SignedOn ?? c.ReviewedOn : null
        : null;

    public bool IsCompleted => Status.IsCompleted();
}

/// <summary>A unit's line in 责任清单: the measures it leads and supports, and who answers for them.</summary>
public sealed record UnitResponsibility(
    string Unit, IReadOnlyList<int> Lead, IReadOnlyList<int> Supporting, IReadOnlyList<string> Leaders, IReadOnlyList<string> Owners,
    int Completed, int Overdue);

/// <summary>Everything the ledger and the status report show, loaded once, as of one local date.</summary>
public sealed record LedgerSnapshot(LedgerInspection Inspection, DateOnly AsOf, Stats Stats, IReadOnlyList<LedgerProblem> Problems, IReadOnlyList<LedgerMeasure> Measures)
{
    public IEnumerable<LedgerMeasure> MeasuresOf(LedgerProblem problem) => Measures.Where(m => m.ProblemId == problem.Id);

    /// <summary>Every progress update, newest first, with its measure: the 进展 sheet.</summary>
    public IEnumerable<(LedgerMeasure Measure, UpdateView Update)> UpdatesNewestFirst() =>
        Measures.SelectMany(m => m.Updates.Select(u => (m, u))).OrderByDescending(x => x.u.At).ThenByDescending(x => x.u.Id);

    public IReadOnlyList<UnitResponsibility> Responsibilities()
    {
        var roles = Measures.SelectMany(m =>
            m.Summary.LeadUnits.Select(u => (Unit: u, Lead: true, Measure: m))
                .Concat(m.Summary.SupportingUnits.Select(u => (Unit: u, Lead: false, Measure: m))));
        return roles.GroupBy(r => r.Unit).Select(g =>
        {
            var all = g.Select(r => r.Measure).ToList();
            return new UnitResponsibility(
                g.Key,
                g.Where(r => r.Lead).Select(r => r.Measure.Number).Order().ToList(),
                g.Where(r => !r.Lead).Select(r => r.Measure.Number).Order().ToList(),
                Distinct(all.Select(m => m.Summary.ResponsibleLeader)),
                Distinct(all.Select(m => m.Owner)),
                all.Count(m => m.IsCompleted),
                all.Count(m => m.Summary.DaysOverdue > 0)); // DaysOverdue is positive exactly when Overdue says so
        }).OrderByDescending(u => u.Lead.Count).ThenBy(u => u.Unit, StringComparer.Ordinal).ToList();
    }

    private static List<string> Distinct(IEnumerable<string?> names) =>
        names.OfType<string>().Where(n => n.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
}
