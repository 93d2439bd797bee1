using Microsoft.EntityFrameworkCore;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Documents;

/// <summary>
/// Loads one inspection's ledger in a fixed number of flat queries, whatever its size: the measure summaries
/// through <see cref="MeasureQueries"/>, then each kind of record for all its measures at once, joined in memory.
/// </summary>
public sealed class LedgerLoader(RectifyDbContext db, MeasureQueries queries, OrganisationClock clock)
{
    /// <summary>The given inspection, or the most recent one; null when there is none.</summary>
    public async Task<LedgerSnapshot?> LoadAsync(int? inspectionId, DateOnly asOf, CancellationToken ct)
    {
        if (await queries.DefaultInspectionIdAsync(inspectionId, ct) is not { } id)
        {
            return null;
        }
        var inspection = await db.Inspections.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new
            {
                i.Id, i.Name, i.InspectingBody, i.InspectedOrganisation, i.FeedbackDate, i.ConcentratedStageClosedAt,
                Stages = i.Stages.OrderBy(s => s.Ordinal).Select(s => new LedgerStage(s.Name, s.Start, s.End)).ToList(),
            })
            .FirstOrDefaultAsync(ct) is { } row
            ? new LedgerInspection(row.Id, row.Name, row.InspectingBody, row.InspectedOrganisation, row.FeedbackDate, row.Stages,
                row.ConcentratedStageClosedAt is { } closed ? clock.LocalDate(closed) : null)
            : null;
        if (inspection is null)
        {
            return null;
        }
        var problems = await db.Problems.AsNoTracking().Where(p => p.Aspect!.InspectionId == id)
            .OrderBy(p => p.Aspect!.Ordinal).ThenBy(p => p.Ordinal)
            .Select(p => new LedgerProblem(p.Id, p.Aspect!.Ordinal, p.Aspect.Title, p.Ordinal, p.Title,
                p.Findings.OrderBy(f => f.Ordinal).Select(f => new LedgerFinding(f.Ordinal, f.Title, f.Text)).ToList()))
            .ToListAsync(ct);
        var summaries = await queries.ListAsync(new MeasureFilter { InspectionId = id, Limit = int.MaxValue }, asOf, ct);
        var keys = await db.Measures.AsNoTracking().Where(m => m.InspectionId == id)
            .Select(m => new { m.Id, m.Number, m.Finding!.ProblemId, m.OwnerId }).ToDictionaryAsync(m => m.Number, ct);
        var staff = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var ids = db.Measures.Where(m => m.InspectionId == id).Select(m => m.Id);

        var updates = (await db.ProgressUpdates.AsNoTracking().Where(u => u.UndoneAt == null && ids.Contains(u.MeasureId))
            .Select(u => new { u.MeasureId, u.Id, u.StaffId, u.At, u.On, u.Text, u.StatusTo }).ToListAsync(ct))
            .OrderByDescending(u => u.At).ThenByDescending(u => u.Id)
            .ToLookup(u => u.MeasureId, u => new UpdateView(u.Id, Name(staff, u.StaffId), u.At, u.On, u.Text, u.StatusTo));
        var evidence = (await db.Evidence.AsNoTracking().Where(e => e.RemovedAt == null && ids.Contains(e.MeasureId)).ToListAsync(ct))
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToLookup(e => e.MeasureId, e => new EvidenceView(e.Id, e.FileName, e.ContentType, e.Sha256, e.Size, Name(staff, e.StaffId), e.At, e.ReplacesId));
        var extensions = (await db.ExtensionRequests.AsNoTracking().Where(x => ids.Contains(x.MeasureId)).ToListAsync(ct))
            .OrderBy(x => x.RequestedAt).ThenBy(x => x.Id)
            .ToLookup(x => x.MeasureId, x => new ExtensionView(x.Id, Name(staff, x.RequestedById), x.RequestedAt, x.PreviousDue, x.NewDate, x.Reason, x.State, x.DecisionNote));
        var closes = (await db.CloseRequests.AsNoTracking().Where(x => ids.Contains(x.MeasureId)).ToListAsync(ct))
            .OrderBy(x => x.RequestedAt).ThenBy(x => x.Id)
            .ToLookup(x => x.MeasureId, x => new LedgerClose(
                new CloseRequestView(x.Id, Name(staff, x.RequestedById), x.RequestedAt, x.Account, x.State, x.ReviewedAt, x.ReturnReason),
                clock.LocalDate(x.RequestedAt), x.ReviewedAt is { } r ? clock.LocalDate(r) : null, Name(staff, x.ReviewedById),
                x.SignedAt is { } signed ? clock.LocalDate(signed) : null, Name(staff, x.SignedById)));

        var measures = summaries.OrderBy(s => s.Number).Select(s =>
        {
            var key = keys[s.Number];
            return new LedgerMeasure(s, key.ProblemId, Name(staff, key.OwnerId),
                [.. updates[key.Id]], [.. evidence[key.Id]], [.. extensions[key.Id]], [.. closes[key.Id]]);
        }).ToList();
        var stats = await queries.StatsAsync(id, asOf, ct);
        return new LedgerSnapshot(inspection, asOf, stats, problems, measures);
    }

    private static string? Name(Dictionary<int, string> staff, int? id) => id is { } i && staff.TryGetValue(i, out var name) ? name : null;
}
