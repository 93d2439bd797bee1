using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Store;

/// <summary>What is kept between requests follows every change to the record, at once.</summary>
public class StoreVersionTests
{
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Stats_reflect_a_write_made_after_they_were_computed(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster().Measure(51, lead: "社会事务科", due: "2023-12-31").SaveAsync(db)).Id;
        }
        var today = new DateOnly(2023, 11, 21);
        await using (var scope = store.Scope())
        {
            var before = await scope.ServiceProvider.GetRequiredService<MeasureQueries>().StatsAsync(null, today, default);
            Assert.Equal(1, before.ByStatus[MeasureStatus.NotStarted]);
        }
        await using (var scope = store.Scope())
        await using (var db = store.NewContext())
        {
            var lina = Actor.From(await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Name == "李娜"));
            await scope.ServiceProvider.GetRequiredService<MeasureWorkflow>().RecordProgressAsync(lina, inspection, 51, "已完成", MeasureStatus.Done, "test", default);
        }
        await using (var scope = store.Scope())
        {
            var after = await scope.ServiceProvider.GetRequiredService<MeasureQueries>().StatsAsync(null, today, default);
            Assert.Equal((0, 1), (after.ByStatus[MeasureStatus.NotStarted], after.ByStatus[MeasureStatus.Done]));
        }
    }

    [Fact]
    public async Task A_plan_imported_after_a_turn_is_known_to_the_next_turn()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using (var db = store.NewContext())
        {
            db.Staff.Add(new Staff { Name = "陈奇奇", Roles = StaffRoles.Office });
            await db.SaveChangesAsync();
        }
        async Task<TurnResult> Say(string text)
        {
            await using var scope = store.Scope();
            return await scope.ServiceProvider.GetRequiredService<ConversationEngine>().HandleAsync(new IncomingMessage(ChannelName.Cli, "陈奇奇", text), default);
        }

        Assert.StartsWith("库中还没有整改方案", (await Say("第1项什么情况")).Reply.Text);
        await using (var db = store.NewContext())
        {
            await new PlanBuilder().Unit("新设科").Measure(1, lead: "新设科", due: "2023-12-31").SaveAsync(db);
        }
        Assert.StartsWith("第1项｜", (await Say("第1项什么情况")).Reply.Text);
        Assert.StartsWith("新设科", (await Say("新设科还有几项没完成")).Reply.Text);
    }
}
