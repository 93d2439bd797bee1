using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.Rectification;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Store;

/// <summary>
/// The whole city's stats are read from counts kept as measures change (KeptCounts). After any sequence of writes
/// through the product, they must equal a recount of the measures in memory with the definitions of Figures and
/// Overdue, on every day asked about, including the first and last days of dekads, months and years; and the
/// measures each unit owes work on (OwedMeasure) and who holds each measure (KeptCounts.Holding) must be those a recount finds.
/// </summary>
public sealed class KeptCountsTests
{
    private static readonly DateOnly[] Days =
    [
        new(2023, 11, 21), new(2023, 11, 1), new(2023, 11, 10), new(2023, 11, 11), new(2023, 11, 20), new(2023, 12, 1),
        new(2023, 12, 31), new(2024, 1, 1), new(2024, 1, 2), new(2023, 1, 1), new(2022, 6, 30), new(2025, 6, 30),
    ];

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Kept_counts_equal_a_recount_after_a_random_sequence_of_writes(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var scope = store.Scope())
        {
            // The demo first (it fills an empty store only), removed again below: deleted measures.
            Assert.True(await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(default));
        }
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await Plan(new PlanBuilder().ConversationsRoster(), 0).SaveAsync(db)).Id;
        }
        await AssertCountsAgreeAsync(store);

        var random = new Random(18);
        var numbers = Enumerable.Range(1, 24).ToArray();
        var done = 0;
        for (var step = 0; step < 120; step++)
        {
            await using var scope = store.Scope();
            await using var db = store.NewContext();
            var flow = scope.ServiceProvider.GetRequiredService<MeasureWorkflow>();
            async Task<Actor> As(string name) => Actor.From(await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Name == name && !s.IsDemo));
            var lina = random.Next(2) == 0;
            var unit = await As(lina ? "李娜" : "王强");
            var office = await As("陈奇奇");
            // Half the time a measure the unit leads (Plan: 社会事务科 every fourth from 4, 社会救助科 from 1), so that most writes are allowed.
            var n = random.Next(2) == 0 ? numbers[random.Next(numbers.Length)] : 4 * random.Next(6) + (lina ? 4 : 1);
            var result = random.Next(9) switch
            {
                0 => await flow.ClaimAsync(unit, inspection, [n], coClaim: random.Next(2) == 0, "test", default),
                1 => await flow.DecideClaimAsync(office, inspection, n, approve: random.Next(3) > 0, "test", default),
                2 or 3 => await flow.RecordProgressAsync(random.Next(3) == 0 ? office : unit, inspection, n, "推进整改。",
                    new MeasureStatus?[] { null, MeasureStatus.InProgress, MeasureStatus.Done, MeasureStatus.Ongoing }[random.Next(4)], "test", default),
                4 => await flow.RequestCloseAsync(unit, inspection, n, "已整改到位。", "test", default),
                5 => await flow.ReviewCloseAsync(office, inspection, n, approve: random.Next(3) > 0, "材料不全", "test", default),
                6 => await flow.RequestExtensionAsync(unit, inspection, n, DateOnly.FromDateTime(store.Clock.Now.DateTime).AddDays(random.Next(-20, 60)), "需要更多时间", "test", default),
                7 => await flow.DecideExtensionAsync(office, inspection, n, approve: true, null, "test", default),
                _ => await flow.UndoAsync(random.Next(2) == 0 ? office : unit, "test", default),
            };
            done += result.Ok ? 1 : 0;
            if (random.Next(5) == 0)
            {
                // Periodic measures owe the next period once a new one begins.
                store.Clock.Advance(TimeSpan.FromDays(random.Next(1, 40)));
            }
            if (step % 10 == 9)
            {
                await AssertCountsAgreeAsync(store);
            }
        }

        Assert.True(done >= 40, $"only {done} of the writes were done");

        // Another plan, then the demo's removal as an import does it (its measures, inspection and people deleted).
        await using (var db = store.NewContext())
        {
            await Plan(new PlanBuilder("第二个方案").Unit("社会事务科").Unit("社会救助科").Unit("低保中心").Unit("殡葬服务中心"), 100).SaveAsync(db);
            db.BeginOperation("导入方案", null);
            Assert.NotNull(await DemoData.RemoveAsync(db, await db.Units.ToListAsync(), default));
            await db.SaveChangesAsync();
            Assert.False(await db.Inspections.AnyAsync(i => i.IsDemo));
        }
        await AssertCountsAgreeAsync(store);
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Concurrent_writes_to_the_same_measures_keep_the_counts_exact(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await Plan(new PlanBuilder().ConversationsRoster(), 0).SaveAsync(db)).Id;
        }
        // The office moves three measures back and forth while both units claim them, all at once: each save takes
        // the measures' counts away and adds them back, and two saves of one measure must not interleave.
        var writes = Enumerable.Range(0, 24).Select(async i =>
        {
            await using var scope = store.Scope();
            await using var db = store.NewContext();
            var flow = scope.ServiceProvider.GetRequiredService<MeasureWorkflow>();
            var who = (i % 3) switch { 0 => "李娜", 1 => "王强", _ => "陈奇奇" };
            var actor = Actor.From(await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Name == who));
            var n = 2 + i % 3 * 4; // measures no unit leads: a claim of one is in force at once
            return i % 3 == 2
                ? await flow.RecordProgressAsync(actor, inspection, n, "推进整改。", i % 2 == 0 ? MeasureStatus.Done : MeasureStatus.InProgress, "test", default)
                : await flow.ClaimAsync(actor, inspection, [n], coClaim: true, "test", default);
        }).ToList();
        var results = await Task.WhenAll(writes);

        Assert.Contains(results, r => r.Ok);
        await AssertCountsAgreeAsync(store);
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task The_migration_counts_a_store_that_had_no_counts(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, migrate: false);
        await using (var db = store.NewContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261122000007_ChannelLeasesAndFeedback");
            // Written as the schema before the counts knew it: two units, measures of each kind and status, an
            // approved claim, a pending one and a withdrawn one.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Units" ("Name") VALUES ('社会事务科');
                INSERT INTO "Units" ("Name") VALUES ('社会救助科');
                INSERT INTO "Inspections" ("Name", "CreatedAt") VALUES ('方案', {0});
                INSERT INTO "Aspects" ("InspectionId", "Ordinal", "Title") VALUES (1, 1, '方面');
                INSERT INTO "Problems" ("AspectId", "Ordinal", "Title", "Text") VALUES (1, 1, '问题', '');
                INSERT INTO "Findings" ("ProblemId", "Ordinal", "Title", "Text") VALUES (1, 1, '表现', '');
                INSERT INTO "Measures" ("InspectionId", "FindingId", "Number", "Text", "Deadline_Kind", "DueDate", "Milestones", "Status", "Version") VALUES
                (1, 1, 1, '一', 'Date', {1}, '', 'InProgress', 0),
                (1, 1, 2, '二', 'Date', {2}, '', 'NotStarted', 0),
                (1, 1, 3, '三', 'LongTerm', {1}, '', 'Ongoing', 0),
                (1, 1, 4, '四', 'Date', {1}, '', 'Ongoing', 0),
                (1, 1, 5, '五', 'NotStated', NULL, '', 'Done', 0),
                (1, 1, 6, '六', 'Date', {1}, '', 'Closed', 0),
                (1, 1, 7, '七', 'Recurring', {3}, '', 'NotStarted', 0);
                INSERT INTO "MeasureUnits" ("MeasureId", "UnitId", "Role") VALUES (1, 1, 'Lead'), (2, 1, 'Lead'), (2, 2, 'Supporting'), (3, 2, 'Lead'), (6, 1, 'Lead'), (6, 2, 'Lead');
                INSERT INTO "Claims" ("MeasureId", "UnitId", "ClaimedAt", "IsCoClaim", "State") VALUES (1, 2, {0}, TRUE, 'Approved'), (3, 1, {0}, TRUE, 'Pending'), (4, 1, {0}, FALSE, 'Approved');
                INSERT INTO "Claims" ("MeasureId", "UnitId", "ClaimedAt", "IsCoClaim", "State", "WithdrawnAt") VALUES (7, 2, {0}, FALSE, 'Approved', {0});
                """, new DateTime(2023, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateOnly(2023, 10, 20), new DateOnly(2023, 11, 30), new DateOnly(2023, 11, 11));
        }
        await using (var db = store.NewContext())
        {
            await db.MigrateAsync(CancellationToken.None);
            Assert.Equal(7, await db.StatusCounts.Where(c => c.Scope == KeptCounts.Everyone).Select(c => c.NotStarted + c.InProgress + c.Done + c.Ongoing + c.Closed).SingleAsync());
        }
        await AssertCountsAgreeAsync(store);
    }

    /// <summary>24 measures on the conversations roster: every deadline kind, due dates on the edges of dekads, months and years, every status.</summary>
    private static PlanBuilder Plan(PlanBuilder plan, int first)
    {
        string?[] leads = ["社会事务科", "社会救助科", null, "低保中心"];
        string?[] dues = ["2023-11-01", "2023-11-10", "2023-11-11", "2023-11-20", "2023-11-21", "2023-11-30", "2023-12-31", "2024-01-01", "2022-12-31", null];
        MeasureStatus[] statuses = [MeasureStatus.NotStarted, MeasureStatus.InProgress, MeasureStatus.Done, MeasureStatus.Ongoing, MeasureStatus.Closed];
        for (var i = 1; i <= 24; i++)
        {
            var deadline = (i % 6) switch
            {
                4 => Deadline.Every(Recurrence.Monthly, new DateOnly(2023, 10, 31), "每月"),
                5 => Deadline.LongTermFrom(new DateOnly(2023, 9, 30), Recurrence.Quarterly, "长期坚持"),
                _ => dues[i % dues.Length] is { } due ? Deadline.On(DateOnly.Parse(due), due) : null,
            };
            plan.Measure(first + i, lead: leads[i % leads.Length], deadline: deadline, status: statuses[i % statuses.Length],
                supporting: i % 5 == 0 ? "殡葬服务中心" : null);
        }
        return plan;
    }

    /// <summary>
    /// The whole city's stats, read from the kept counts, against a recount of every measure in memory; and the
    /// lists and each inspection's stats against their definitions (MeasureQueryDefinitionTests).
    /// </summary>
    internal static async Task AssertCountsAgreeAsync(TestStore store)
    {
        await using var db = store.NewContext();
        var measures = await db.Measures.AsNoTracking().Include(m => m.Units).Include(m => m.Claims).AsSplitQuery().ToListAsync();
        var names = await db.Units.ToDictionaryAsync(u => u.Id, u => u.Name);
        Assert.False(await db.StatusCounts.AnyAsync(c => c.NotStarted < 0 || c.InProgress < 0 || c.Done < 0 || c.Ongoing < 0 || c.Closed < 0));
        // Each unit holding a measure that owes work with a due date has its row: such a measure is overdue on the last day there is.
        var held = measures.ToDictionary(m => m.Id, m => m.Units.Where(u => u.Role == UnitRole.Lead).Select(u => u.UnitId)
            .Concat(m.Claims.Where(c => c.WithdrawnAt == null && c.State == ClaimState.Approved).Select(c => c.UnitId)).Distinct().ToList());
        var holders = held.ToDictionary(h => h.Key, h => h.Value.Select(id => names[id]).ToList());
        Assert.Equal(
            measures.Where(m => m.IsOverdue(DateOnly.MaxValue)).SelectMany(m => held[m.Id].Select(unit => (unit, m.DueDate!.Value, m.Id))).Order().ToList(),
            (await db.OwedMeasures.Select(o => new { o.UnitId, o.DueDate, o.MeasureId }).ToListAsync()).Select(o => (o.UnitId, o.DueDate, o.MeasureId)).Order().ToList());
        // Who holds each measure, as its row keeps it: the plan's units by id, then the active claims in the order they were made.
        var kept = await db.Measures.Select(m => new { m.Id, Column = EF.Property<string?>(m, KeptCounts.Holding) }).ToDictionaryAsync(m => m.Id, m => Holding.Read(m.Column));
        foreach (var m in measures)
        {
            Assert.Equal(m.Units.OrderBy(u => u.UnitId).Select(u => (u.Role, u.UnitId)), kept[m.Id].Named);
            Assert.Equal(m.Claims.Where(Figures.IsActiveClaim).OrderBy(c => c.Id).Select(c => c.UnitId), kept[m.Id].Claimants);
        }
        foreach (var today in Days)
        {
            await using var scope = store.Scope();
            var stats = await new MeasureQueries(scope.ServiceProvider.GetRequiredService<RectifyDbContext>(), new QueryCache(), scope.ServiceProvider.GetRequiredService<ExactStoreVersion>()).StatsAsync(null, today, default);
            var expected = measures.SelectMany(m => (holders[m.Id] is { Count: > 0 } held ? held : [Figures.NoUnit]).Select(unit => (Unit: unit, Measure: m)))
                .GroupBy(x => x.Unit).Select(g => Row(g.Key, g.Select(x => x.Measure).ToList(), today))
                .OrderBy(r => r.Unit, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, stats.Units.OrderBy(r => r.Unit, StringComparer.Ordinal).ToList());
            Assert.Equal(Row("", measures, today), stats.All);
            Assert.Equal(Enum.GetValues<MeasureStatus>().ToDictionary(s => s, s => measures.Count(m => m.Status == s)), stats.ByStatus);
            await MeasureQueryDefinitionTests.AssertAgreeAsync(store, today);
        }
    }

    internal static UnitStats Row(string unit, List<Measure> measures, DateOnly today)
    {
        var completed = measures.Count(m => m.Status.IsCompleted());
        return new UnitStats(unit, measures.Count, completed, measures.Count(m => m.Status == MeasureStatus.Closed),
            measures.Count(m => m.IsOverdue(today)), measures.Count(m => m.Status == MeasureStatus.NotStarted), Figures.Rate(completed, measures.Count));
    }
}
