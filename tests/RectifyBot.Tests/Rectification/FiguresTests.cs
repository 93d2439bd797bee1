using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Documents;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Reminders;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Rectification;

/// <summary>
/// One definition of each figure (Figures): a unit's list and its stats row count the same measures, the unit table
/// adds up to the header, and every place shows the same completion rate.
/// </summary>
public class FiguresTests
{
    private static readonly DateOnly Today = new(2023, 11, 21);

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_unit_list_its_stats_row_the_table_and_the_rates_agree(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        int inspection;
        await using (var db = store.NewContext())
        {
            // 社会事务科 leads 5, 51 (done) and 61 (overdue); 社会救助科 leads 11 and 52 (overdue); 7 and 8 have no unit
            // (8 is overdue); 12 is supported by 社会事务科 only.
            inspection = (await new PlanBuilder().ConversationsRoster()
                .Measure(5, lead: "社会事务科", due: "2023-12-20")
                .Measure(51, lead: "社会事务科", due: "2023-12-31", status: MeasureStatus.Done)
                .Measure(61, lead: "社会事务科", due: "2023-11-01", status: MeasureStatus.InProgress)
                .Measure(11, lead: "社会救助科", due: "2023-12-30", status: MeasureStatus.Closed)
                .Measure(52, lead: "社会救助科", due: "2023-10-30")
                .Measure(7, due: "2023-12-30")
                .Measure(8, due: "2023-10-30")
                .Measure(12, lead: "低保中心", supporting: "社会事务科", due: "2023-12-30")
                .SaveAsync(db)).Id;
        }
        // 社会事务科 also takes on 52 beside 社会救助科, and the office agrees: its list and its row both count 4 measures, 2 of them overdue.
        await using (var scope = store.Scope())
        await using (var db = store.NewContext())
        {
            var lina = Actor.From(await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Name == "李娜"));
            var flow = scope.ServiceProvider.GetRequiredService<MeasureWorkflow>();
            var claimed = await flow.ClaimAsync(lina, inspection, [52], coClaim: true, "test", default);
            Assert.NotEmpty(claimed.Changes);
            // A co-claim counts once the office (or the lead unit) agrees.
            var office = Actor.From(await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Name == "陈奇奇"));
            Assert.True((await flow.DecideClaimAsync(office, inspection, 52, true, "test", default)).Ok);
        }

        await using var read = store.Scope();
        var queries = read.ServiceProvider.GetRequiredService<MeasureQueries>();
        var stats = await queries.StatsAsync(inspection, Today, default);
        await using (var db = store.NewContext())
        {
            var social = await db.Units.Where(u => u.Name == "社会事务科").Select(u => u.Id).SingleAsync();
            var listed = await queries.ListAsync(new MeasureFilter { InspectionId = inspection, UnitId = social }, Today, default);
            var overdue = await queries.ListAsync(new MeasureFilter { InspectionId = inspection, UnitId = social, OverdueOnly = true }, Today, default);
            var row = stats.Units.Single(u => u.Unit == "社会事务科");
            Assert.Equal([5, 51, 52, 61], listed.Select(m => m.Number).Order());
            Assert.Equal((4, 2, 1, 2), (row.Total, row.Overdue, row.Completed, row.NotStarted));
            Assert.Equal([52, 61], overdue.Select(m => m.Number).Order());
        }

        var noUnit = stats.Units.Single(u => u.Unit == Figures.NoUnit);
        Assert.Equal((2, 1), (noUnit.Total, noUnit.Overdue));
        Assert.Equal(Figures.NoUnit, stats.Units[^1].Unit);
        Assert.Equal(8, stats.Total);
        Assert.Equal(1, stats.CountedTwice); // 52 counts for both of its units
        Assert.Equal(stats.Total + stats.CountedTwice, stats.Units.Sum(u => u.Total));
        var table = ReplyFormat.StatsTable(stats);
        Assert.Equal(["合计", "8", "2", "1", "3", "5", "25%"], table.Rows[^1]);
        Assert.NotNull(ReplyFormat.SharedNote(stats));

        // 2 of 8 completed: 25%, the same in chat's totals, the dashboard and the report; 1 of 4 is 25% too and
        // 1 of 3 reads 33.3% wherever it is shown.
        Assert.Equal(0.25, stats.CompletionRate);
        Assert.Contains("完成率25%", ReplyFormat.Totals(stats));
        var dashboard = await read.ServiceProvider.GetRequiredService<Dashboard>().LoadAsync(Today, default);
        Assert.Equal("25%", dashboard!.Percent);
        Assert.Equal("25%", dashboard.Units.Single(u => u.Unit == "社会事务科").Percent);
        var ledger = (await read.ServiceProvider.GetRequiredService<LedgerLoader>().LoadAsync(inspection, Today, default))!;
        Assert.Contains("完成率25%", new StatusParagraphComposer().Overview(ledger));
        Assert.Equal(2, ledger.Responsibilities().Single(u => u.Unit == "社会事务科").Overdue);
        Assert.Equal("33.3%", Figures.Percent(Figures.Rate(1, 3)));
        Assert.Equal("66.7%", Figures.Percent(Figures.Rate(2, 3)));
    }
}
