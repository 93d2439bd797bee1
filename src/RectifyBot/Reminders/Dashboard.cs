using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Reminders;

/// <summary>A unit's completion; <see cref="Percent"/> is the rate as every other place shows it (<see cref="Figures.Percent"/>).</summary>
public sealed record DashboardUnit(string Unit, int Total, int Completed, double Rate, string Percent);

public sealed record DashboardTier(string Tier, string Label, int Count);

/// <summary>Measures overdue on <paramref name="Day"/>: today, and the same weekday in each of the weeks before.</summary>
public sealed record DashboardWeek(DateOnly Day, int Overdue);

public sealed record DashboardData(DateOnly AsOf, string Inspection, double CompletionRate, string Percent, IReadOnlyList<DashboardUnit> Units,
    IReadOnlyList<DashboardTier> Tiers, IReadOnlyList<DashboardWeek> Trend);

/// <summary>
/// The dashboard's figures: completion by unit, measures by reminder tier, and how many were overdue at the end of
/// each recent week. The trend is rebuilt from what was recorded: a measure counts as overdue on a day when its due
/// date then (the one before an extension approved later) had passed and it was not yet reported done or closed.
/// Periodic measures count with their current status and due date, since earlier periods are not kept apart; a
/// measure completed with no dated record (imported as done) counts as finished all along.
/// </summary>
public sealed class Dashboard(RectifyDbContext db, MeasureQueries queries, DigestBuilder digests, OrganisationClock clock)
{
    public const int Weeks = 12;

    public async Task<DashboardData?> LoadAsync(DateOnly today, CancellationToken ct)
    {
        if (await queries.DefaultInspectionIdAsync(null, ct) is not { } id)
        {
            return null;
        }
        var name = await db.Inspections.Where(i => i.Id == id).Select(i => i.InspectedOrganisation ?? i.Name).SingleAsync(ct);
        var stats = await queries.StatsAsync(id, today, ct);
        var set = await digests.BuildAsync(id, today, ct);
        var tiers = Enum.GetValues<ReminderTier>().Select(t => new DashboardTier(t.ToString().ToLowerInvariant(), t.Label(), set.Items.Count(i => i.Tier == t))).ToList();
        return new DashboardData(today, name, stats.CompletionRate, Figures.Percent(stats.CompletionRate),
            stats.Units.Select(u => new DashboardUnit(u.Unit, u.Total, u.Completed, u.CompletionRate, Figures.Percent(u.CompletionRate))).ToList(), tiers, await TrendAsync(id, today, ct));
    }

    private async Task<List<DashboardWeek>> TrendAsync(int inspectionId, DateOnly today, CancellationToken ct)
    {
        var measures = await db.Measures.AsNoTracking().Where(m => m.InspectionId == inspectionId)
            .Select(m => new { m.Id, m.DueDate, m.Deadline.Kind, m.Status }).ToListAsync(ct);
        var ids = measures.Select(m => m.Id).ToList();
        var finished = Figures.CompletedStatuses.ToArray();
        var doneOn = (await db.ProgressUpdates.AsNoTracking()
                .Where(u => ids.Contains(u.MeasureId) && u.UndoneAt == null && u.StatusTo != null && finished.Contains(u.StatusTo.Value))
                .Select(u => new { u.MeasureId, u.On }).ToListAsync(ct))
            .GroupBy(u => u.MeasureId).ToDictionary(g => g.Key, g => g.Min(u => u.On));
        var closedOn = (await db.CloseRequests.AsNoTracking()
                .Where(r => ids.Contains(r.MeasureId) && r.State == RequestState.Approved && r.ReviewedAt != null)
                .Select(r => new { r.MeasureId, r.ReviewedAt }).ToListAsync(ct))
            .GroupBy(r => r.MeasureId).ToDictionary(g => g.Key, g => g.Min(r => clock.LocalDate(r.ReviewedAt!.Value)));
        var extensions = (await db.ExtensionRequests.AsNoTracking()
                .Where(x => ids.Contains(x.MeasureId) && x.State == RequestState.Approved && x.DecidedAt != null)
                .Select(x => new { x.MeasureId, x.DecidedAt, x.PreviousDue }).ToListAsync(ct))
            .ToLookup(x => x.MeasureId);

        var weeks = new List<DashboardWeek>();
        foreach (var day in Enumerable.Range(0, Weeks).Select(i => today.AddDays(-7 * (Weeks - 1 - i))))
        {
            var count = measures.Count(m =>
            {
                if (m.Kind is DeadlineKind.Recurring or DeadlineKind.LongTerm)
                {
                    return Overdue.IsOverdue(m.Status, m.Kind, m.DueDate, day);
                }
                // The due date in force that day: before an extension approved later, the one it replaced.
                var due = extensions[m.Id].Where(x => clock.LocalDate(x.DecidedAt!.Value) > day).OrderBy(x => x.DecidedAt).Select(x => x.PreviousDue).FirstOrDefault() ?? m.DueDate;
                var finishedOn = new[] { doneOn.GetValueOrDefault(m.Id), closedOn.GetValueOrDefault(m.Id) }.Where(d => d != default).DefaultIfEmpty().Min();
                var stillOpen = finishedOn == default ? !m.Status.IsCompleted() : finishedOn > day;
                return due is { } d && d < day && stillOpen;
            });
            weeks.Add(new DashboardWeek(day, count));
        }
        return weeks;
    }
}
