using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;
using RectifyBot.Store;

namespace RectifyBot.Rectification;

/// <summary>What leaders ask beyond the totals: what was completed in a window, and what has not moved.</summary>
public sealed class LeaderQueries(RectifyDbContext db, OrganisationClock clock)
{
    /// <summary>How long without an update makes a measure stale when nobody says (两周没更新), in chat and in the digests.</summary>
    public const int DefaultStaleDays = 14;

    /// <summary>
    /// Measures completed (<see cref="Figures"/>) within the local dates, both included: reported done or kept up by an
    /// update of those days, or closed by an approval of those days; and still completed now. Closed tells them apart.
    /// </summary>
    public async Task<IReadOnlyList<(int Number, bool Closed)>> CompletedAsync(int inspectionId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var completed = Figures.CompletedStatuses.ToArray();
        var measures = db.Measures.AsNoTracking().Where(m => m.InspectionId == inspectionId).Where(Figures.Completed);
        var reported = await db.ProgressUpdates.AsNoTracking()
            .Where(u => u.UndoneAt == null && u.StatusTo != null && completed.Contains(u.StatusTo.Value) && u.On >= from && u.On <= to)
            .Join(measures, u => u.MeasureId, m => m.Id, (u, m) => new { m.Number, m.Status }).ToListAsync(ct);
        // Approvals are instants: a day either side in UTC, then each one's local date.
        var after = from.AddDays(-1).ToDateTime(TimeOnly.MinValue);
        var before = to.AddDays(2).ToDateTime(TimeOnly.MinValue);
        var closed = (await db.CloseRequests.AsNoTracking()
                .Where(r => r.State == RequestState.Approved && r.ReviewedAt >= after && r.ReviewedAt < before)
                .Join(measures, r => r.MeasureId, m => m.Id, (r, m) => new { m.Number, m.Status, r.ReviewedAt }).ToListAsync(ct))
            .Where(r => clock.LocalDate(r.ReviewedAt!.Value) is var d && d >= from && d <= to);
        return reported.Select(r => (r.Number, r.Status == MeasureStatus.Closed)).Concat(closed.Select(r => (r.Number, r.Status == MeasureStatus.Closed)))
            .DistinctBy(r => r.Number).OrderBy(r => r.Number).ToList();
    }

    /// <summary>Stale measures (<see cref="Figures.Stale"/>), the longest silent first; a unit's are those it holds.</summary>
    public async Task<IReadOnlyList<int>> StaleAsync(int inspectionId, int? unitId, DateOnly today, int days, CancellationToken ct)
    {
        var q = db.Measures.AsNoTracking().Where(m => m.InspectionId == inspectionId).Where(Figures.Stale(today, days));
        if (unitId is { } unit)
        {
            var held = Figures.MeasureIdsHeldBy(db.MeasureUnits, db.Claims, unit);
            q = q.Where(m => held.Contains(m.Id));
        }
        return await q.OrderBy(m => m.LastUpdateOn != null).ThenBy(m => m.LastUpdateOn).ThenBy(m => m.Number).Select(m => m.Number).ToListAsync(ct);
    }
}
