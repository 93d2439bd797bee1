using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Reminders;

/// <summary>The digests of one day: each unit's, each responsible leader's, and the office's; <paramref name="Items"/> is every measure with a tier.</summary>
public sealed record DigestSet(DateOnly Day, IReadOnlyList<DigestItem> Items, IReadOnlyList<Digest> Units, IReadOnlyList<Digest> Leaders, Digest Office)
{
    public IEnumerable<Digest> All => Units.Concat(Leaders).Append(Office);
}

/// <summary>
/// Computes the reminders for a day from the store: each open measure's tier (<see cref="ReminderTiers.Of"/>),
/// then who hears of it. Units hear of all their measures (lead, claimed, or owned by their staff); a responsible
/// leader on the roster hears of the yellow and red ones; the office hears of the red ones, with every unit's counts.
/// </summary>
public sealed class DigestBuilder(RectifyDbContext db, IOptions<ReminderOptions> options)
{
    public async Task<DigestSet> BuildAsync(int inspectionId, DateOnly day, CancellationToken ct)
    {
        var rows = await db.Measures.AsNoTracking().AsSplitQuery()
            .Where(m => m.InspectionId == inspectionId && m.Status != MeasureStatus.Closed)
            .Select(m => new
            {
                m.Id, m.Number, m.Text, m.Status, m.Deadline.Kind, m.DueDate, m.ResponsibleLeader, m.LastUpdateOn,
                Leads = m.Units.Where(u => u.Role == UnitRole.Lead).Select(u => u.UnitId).ToList(),
                Claimed = m.Claims.AsQueryable().Where(Figures.ActiveClaim).Select(c => c.UnitId).ToList(),
                OwnerUnit = m.Owner != null ? m.Owner.UnitId : null,
            })
            .ToListAsync(ct);
        var unitNames = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var leaders = await db.Staff.AsNoTracking().Where(s => ((int)s.Roles & (int)StaffRoles.Leader) != 0)
            .Select(s => new { s.Id, s.Name }).ToListAsync(ct);

        var stale = rows.Where(r => Figures.IsStale(r.Status, r.LastUpdateOn, day, LeaderQueries.DefaultStaleDays))
            .OrderBy(r => r.LastUpdateOn != null).ThenBy(r => r.LastUpdateOn).ThenBy(r => r.Number)
            .Select(r => (r.Number, Units: r.Leads.Concat(r.Claimed).ToList())).ToList();
        var items = new List<(DigestItem Item, IReadOnlyList<int> Units, string? Leader)>();
        foreach (var r in rows)
        {
            if (ReminderTiers.Of(r.Status, r.Kind, r.DueDate, day, options.Value) is not { } tier)
            {
                continue;
            }
            var units = r.Leads.Concat(r.Claimed).Concat(r.OwnerUnit is { } o ? [o] : Array.Empty<int>()).Distinct().ToList();
            var names = string.Join("、", units.Select(u => unitNames.GetValueOrDefault(u, "?")));
            var daysLeft = r.DueDate is { } due ? due.DayNumber - day.DayNumber : 0;
            items.Add((new DigestItem(r.Number, r.Text, tier, r.DueDate, daysLeft, names.Length == 0 ? "未明确" : names, r.Status), units, r.ResponsibleLeader));
        }
        items = [.. items.OrderBy(i => i.Item.Tier).ThenBy(i => i.Item.DaysLeft).ThenBy(i => i.Item.Number)];

        var unitDigests = items.SelectMany(i => i.Units.Select(u => (Unit: u, i.Item)))
            .GroupBy(x => x.Unit)
            .Select(g => new Digest(DigestAudience.Unit(g.Key, unitNames.GetValueOrDefault(g.Key, "?")), day, g.Select(x => x.Item).ToList())
            {
                Stale = stale.Where(s => s.Units.Contains(g.Key)).Select(s => s.Number).ToList(),
            })
            .OrderBy(d => d.Audience.Name, StringComparer.Ordinal).ToList();
        var leaderDigests = leaders
            .Select(l => new Digest(DigestAudience.Leader(l.Id, l.Name), day,
                items.Where(i => i.Leader == l.Name && i.Item.Tier is ReminderTier.Red or ReminderTier.Yellow).Select(i => i.Item).ToList()))
            .Where(d => d.Items.Count > 0).ToList();
        var office = new Digest(DigestAudience.Office, day, items.Where(i => i.Item.Tier == ReminderTier.Red).Select(i => i.Item).ToList())
        {
            Stale = stale.Select(s => s.Number).ToList(),
        };
        return new DigestSet(day, items.Select(i => i.Item).ToList(), unitDigests, leaderDigests, office);
    }
}
