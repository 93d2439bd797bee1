using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;
using RectifyBot.Store;

namespace RectifyBot.Rectification;

/// <summary>What leaders ask beyond the totals: what was completed in a window, and what has not moved.</summary>
public sealed class LeaderQueries(RectifyDbContext db, OrganisationClock clock)
{
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

    /// <summary>
    /// Measures the unit still works on (未启动, 推进中, 长期坚持) with no update for <paramref name="days"/> days or more, or
    /// none ever: the longest silent first. A unit's are those it holds (<see cref="Figures"/>).
    /// </summary>
    public async Task<IReadOnlyList<int>> StaleAsync(int inspectionId, int? unitId, DateOnly today, int days, CancellationToken ct)
    {
        var since = today.AddDays(-days);
        var q = db.Measures.AsNoTracking().Where(m => m.InspectionId == inspectionId &&
            (m.Status == MeasureStatus.NotStarted || m.Status == MeasureStatus.InProgress || m.Status == MeasureStatus.Ongoing) &&
            (m.LastUpdateOn == null || m.LastUpdateOn <= since));
        if (unitId is { } unit)
        {
            var held = Figures.MeasureIdsHeldBy(db.MeasureUnits, db.Claims, unit);
            q = q.Where(m => held.Contains(m.Id));
        }
        return await q.OrderBy(m => m.LastUpdateOn != null).ThenBy(m => m.LastUpdateOn).ThenBy(m => m.Number).Select(m => m.Number).ToListAsync(ct);
    }
}
