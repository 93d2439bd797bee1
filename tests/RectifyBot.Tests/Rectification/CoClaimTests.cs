using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Rectification;

/// <summary>
/// A unit claiming a measure another unit leads: recorded as pending, no say over the measure until the office or
/// the lead unit agrees, and both are told.
/// </summary>
public class CoClaimTests
{
    [Fact]
    public async Task A_co_claim_waits_for_the_lead_unit_and_the_office_and_the_lead_unit_are_told()
    {
        await using var world = await WorkflowWorld.CreateAsync();
        var welfare = await world.UnitIdAsync("社会救助科");
        var social = await world.UnitIdAsync("社会事务科");

        var asked = await world.SayAsync("李娜", "我们科认领54");
        Assert.Contains("需经整改办或社会救助科同意", asked.Reply.Text);
        var claimed = await world.SayAsync("李娜", "是");
        Assert.Equal("已申请共同认领第54项，待整改办或社会救助科同意后生效。", claimed.Reply.Text);
        Assert.Contains(claimed.Reply.Notices, n => n.ToOffice && n.Text.Contains("申请共同认领第54项") && n.Text.Contains("同意54认领"));
        Assert.Contains(claimed.Reply.Notices, n => n.UnitId == welfare && n.Text.Contains("申请共同认领第54项"));
        Assert.DoesNotContain(claimed.Reply.Notices, n => n.UnitId == social);
        Assert.Equal(ClaimState.Pending, (await world.MeasureAsync(54)).Claims.Single().State);

        // The abuse: marking another unit's measure done before anyone agreed.
        var done = await world.SayAsync("李娜", "54 完成 已全部整改到位");
        Assert.Equal("社会事务科对第54项的共同认领还在等待整改办或牵头单位同意，同意后才能更新这项措施。", done.Reply.Text);
        var close = await world.SayAsync("李娜", "第54项申请销号");
        Assert.StartsWith("社会事务科对第54项的共同认领还在等待", close.Reply.Text);
        var measure = await world.MeasureAsync(54);
        Assert.Equal(MeasureStatus.NotStarted, measure.Status);
        Assert.Empty(measure.Updates);
        Assert.Empty(measure.CloseRequests);

        // Another unit cannot decide it; the lead unit can, and the claiming unit hears.
        Assert.Equal("第54项的共同认领由整改办或牵头单位审批。", (await world.SayAsync("李娜", "同意54认领")).Reply.Text);
        var approved = await world.SayAsync("王强", "同意54认领");
        Assert.Equal("已同意社会事务科共同认领第54项。", approved.Reply.Text);
        Assert.Contains(approved.Reply.Notices, n => n.UnitId == social && n.Text.Contains("同意了社会事务科共同认领第54项"));

        var now = await world.SayAsync("李娜", "54 进展：已完成摸底");
        Assert.StartsWith("已记录第54项进展", now.Reply.Text);
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task The_office_may_refuse_a_co_claim_which_then_gives_nothing(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster().Measure(54, lead: "社会救助科", due: "2024-06-30").SaveAsync(db)).Id;
        }
        await using var scope = store.Scope();
        var flow = scope.ServiceProvider.GetRequiredService<MeasureWorkflow>();
        Actor Of(string name) => Actor.From(scope.ServiceProvider.GetRequiredService<RectifyDbContext>().Staff.Include(s => s.Unit).Single(s => s.Name == name));

        var request = await flow.ClaimAsync(Of("李娜"), inspection, [54], coClaim: true, "test", default);
        Assert.Equal("claimRequest", request.Changes.Single().Kind);
        Assert.False((await flow.RecordProgressAsync(Of("李娜"), inspection, 54, "已完成", MeasureStatus.Done, "test", default)).Ok);
        var again = await flow.ClaimAsync(Of("李娜"), inspection, [54], coClaim: true, "test", default);
        Assert.Equal("第54项的共同认领已在等待审批，无需再认领。", again.Message);

        var refused = await flow.DecideClaimAsync(Of("陈奇奇"), inspection, 54, approve: false, "test", default);
        Assert.Equal("未同意社会事务科共同认领第54项。", refused.Message);
        Assert.False((await flow.RecordProgressAsync(Of("李娜"), inspection, 54, "已完成", MeasureStatus.Done, "test", default)).Ok);
        await using var db2 = store.NewContext();
        var claim = await db2.Claims.SingleAsync();
        Assert.Equal(ClaimState.Refused, claim.State);
        Assert.NotNull(claim.WithdrawnAt);
        Assert.Equal(MeasureStatus.NotStarted, (await db2.Measures.SingleAsync()).Status);
    }
}
