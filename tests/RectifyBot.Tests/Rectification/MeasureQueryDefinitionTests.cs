using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Rectification;

/// <summary>
/// The lists and one inspection's stats, as MeasureQueries reads them in a few statements, against the same
/// answers computed in memory from every measure with its units and claims by the one definition of each rule
/// (Figures: a unit's measures and completed; Overdue). Run on the random stores of KeptCountsTests, which writes
/// through the workflow (claims, co-claims, progress, closes, extensions, undo) on SQLite and PostgreSQL.
/// </summary>
public static class MeasureQueryDefinitionTests
{
    internal static async Task AssertAgreeAsync(TestStore store, DateOnly today)
    {
        await using var db = store.NewContext();
        var measures = await db.Measures.AsNoTracking().AsSplitQuery()
            .Include(m => m.Units).ThenInclude(u => u.Unit).Include(m => m.Claims).ThenInclude(c => c.Unit)
            .Include(m => m.Finding!).ThenInclude(f => f.Problem!).ThenInclude(p => p.Aspect).ToListAsync();
        var active = measures.ToDictionary(m => m.Id, m => m.Claims.Where(c => c.WithdrawnAt == null && c.State == ClaimState.Approved).OrderBy(c => c.Id).ToList());
        var holders = measures.ToDictionary(m => m.Id, m => m.LeadUnitIds.Concat(active[m.Id].Select(c => c.UnitId)).ToHashSet());
        await using var scope = store.Scope();
        var queries = new MeasureQueries(scope.ServiceProvider.GetRequiredService<RectifyDbContext>(), new QueryCache(), scope.ServiceProvider.GetRequiredService<ExactStoreVersion>());

        async Task ListAgrees(MeasureFilter filter, Func<Measure, bool> chosen)
        {
            var expected = measures.Where(chosen)
                .OrderBy(m => m.DueDate == null).ThenBy(m => m.DueDate).ThenBy(m => m.InspectionId).ThenBy(m => m.Number).Take(filter.Limit)
                .Select(m => Expected(m, active[m.Id], today)).ToList();
            var listed = await queries.ListAsync(filter, today, default);
            // The units' order within a summary is the database's: compared as sets.
            Assert.Equal(expected.Select(Comparable), listed.Select(Comparable));
            Assert.Equal(expected.Select(s => s.Number), await queries.NumbersAsync(filter, today, default));
        }

        foreach (var unit in await db.Units.Select(u => u.Id).ToListAsync())
        {
            await ListAgrees(new MeasureFilter { UnitId = unit, OverdueOnly = true }, m => holders[m.Id].Contains(unit) && m.IsOverdue(today));
        }
        await ListAgrees(new MeasureFilter { DueBetween = (today, today.AddDays(7)) },
            m => m.DueDate >= today && m.DueDate <= today.AddDays(7) && m.Status is MeasureStatus.NotStarted or MeasureStatus.InProgress or MeasureStatus.Ongoing);
        // Open at its end ("the next due", a shape of its own): a measure with no due date is not in it.
        foreach (var unit in await db.Units.Select(u => u.Id).ToListAsync())
        {
            await ListAgrees(new MeasureFilter { UnitId = unit, DueBetween = (today, DateOnly.MaxValue), Limit = 1 },
                m => holders[m.Id].Contains(unit) && m.DueDate >= today && m.Status is MeasureStatus.NotStarted or MeasureStatus.InProgress or MeasureStatus.Ongoing);
        }
        // A unit within one inspection, as chat asks (the unit's ids tested as two sets there).
        foreach (var (inspection, unit) in measures.SelectMany(m => holders[m.Id].Select(u => (m.InspectionId, u))).Distinct().ToList())
        {
            await ListAgrees(new MeasureFilter { InspectionId = inspection, UnitId = unit, OverdueOnly = true },
                m => m.InspectionId == inspection && holders[m.Id].Contains(unit) && m.IsOverdue(today));
            await ListAgrees(new MeasureFilter { InspectionId = inspection, UnitId = unit, DueBetween = (today.AddDays(-400), today.AddDays(400)) },
                m => m.InspectionId == inspection && holders[m.Id].Contains(unit) && m.DueDate >= today.AddDays(-400) && m.DueDate <= today.AddDays(400) &&
                     m.Status is MeasureStatus.NotStarted or MeasureStatus.InProgress or MeasureStatus.Ongoing);
        }
        await ListAgrees(new MeasureFilter { OverdueOnly = true, Limit = 5 }, m => m.IsOverdue(today));
        // Each part of a filter, for the queries compiled per shape of filter.
        var first = measures.Min(m => m.InspectionId);
        await ListAgrees(new MeasureFilter { InspectionId = first, Status = MeasureStatus.InProgress }, m => m.InspectionId == first && m.Status == MeasureStatus.InProgress);
        await ListAgrees(new MeasureFilter { InspectionId = first, OpenOnly = true, UnclaimedOnly = true },
            m => m.InspectionId == first && m.Status is MeasureStatus.NotStarted or MeasureStatus.InProgress && holders[m.Id].Count == 0);
        await ListAgrees(new MeasureFilter { UnclaimedOnly = true, Limit = 10 }, m => holders[m.Id].Count == 0);

        foreach (var inspection in measures.Select(m => m.InspectionId).Distinct())
        {
            var names = measures.SelectMany(m => m.Units.Select(u => u.Unit!).Concat(m.Claims.Select(c => c.Unit!))).DistinctBy(u => u.Id).ToDictionary(u => u.Id, u => u.Name);
            var ofInspection = measures.Where(m => m.InspectionId == inspection).ToList();
            var stats = await queries.StatsAsync(inspection, today, default);
            var expected = ofInspection.SelectMany(m => (holders[m.Id] is { Count: > 0 } held ? held.Select(id => names[id]) : [Figures.NoUnit]).Select(unit => (Unit: unit, Measure: m)))
                .GroupBy(x => x.Unit).Select(g => KeptCountsTests.Row(g.Key, g.Select(x => x.Measure).ToList(), today))
                .OrderBy(r => r.Unit, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, stats.Units.OrderBy(r => r.Unit, StringComparer.Ordinal).ToList());
            Assert.Equal(KeptCountsTests.Row("", ofInspection, today), stats.All);
        }
    }

    private static MeasureSummary Expected(Measure m, List<Claim> activeClaims, DateOnly today)
    {
        var claimants = activeClaims.Select(c => c.Unit!.Name).ToList();
        var leads = m.Units.Where(u => u.Role == UnitRole.Lead).Select(u => u.Unit!.Name).Concat(claimants).Distinct().ToList();
        var supporting = m.Units.Where(u => u.Role == UnitRole.Supporting && !claimants.Contains(u.Unit!.Name)).Select(u => u.Unit!.Name).ToList();
        return new MeasureSummary(m.InspectionId, m.Number, m.Text, $"{m.Finding!.Problem!.Aspect!.Ordinal}.{m.Finding.Problem.Ordinal}.{m.Finding.Ordinal}",
            leads, supporting, m.ResponsibleLeader, new DeadlineView(m.Deadline.Kind, m.Deadline.Date, m.Deadline.Recurrence, m.Deadline.SourceText),
            m.DueDate, m.Status, Overdue.DaysOverdue(m.Status, m.Deadline.Kind, m.DueDate, today),
            [.. m.Units.Select(u => u.UnitId).Union(activeClaims.Select(c => c.UnitId))]);
    }

    private static string Comparable(MeasureSummary s) =>
        (s with { LeadUnits = [], SupportingUnits = [], Holders = [] }) + $" leads {string.Join("、", s.LeadUnits.Order())} supporting {string.Join("、", s.SupportingUnits.Order())}" +
        $" holders {string.Join(" ", s.Holders.Order())}";
}
