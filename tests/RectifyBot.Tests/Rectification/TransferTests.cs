using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Rectification;

/// <summary>
/// 转交: a unit saying a measure is not its own asks the office, which sees the request in its queue and decides it;
/// the office gives a measure to a unit at once. Nothing moves on a unit's word alone.
/// </summary>
public class TransferTests
{
    [Fact]
    public async Task A_unit_asks_the_office_which_decides_and_everyone_concerned_is_told()
    {
        await using var world = await WorkflowWorld.CreateAsync();
        var social = await world.UnitIdAsync("社会事务科");
        var welfare = await world.UnitIdAsync("低保中心");

        var asked = await world.SayAsync("李娜", "第52项不是我们科的活，应该归低保中心");
        Assert.Equal("已提交第52项转交申请：由社会事务科转给低保中心，待整改办确认。确认前仍请社会事务科跟进。", asked.Reply.Text);
        var toOffice = Assert.Single(asked.Reply.Notices, n => n.ToOffice);
        Assert.Contains("李娜（社会事务科）申请把第52项转给低保中心：“第52项不是我们科的活，应该归低保中心”", toOffice.Text);
        Assert.Contains("同意52转交", toOffice.Text);
        Assert.Equal([social], await LeadsAsync(world, 52));
        Assert.Contains("转交申请待整改办确认：社会事务科→低保中心", (await world.SayAsync("陈奇奇", "第52项什么情况")).Reply.Text);
        // Until the office decides, the measure is still the unit's, and one request waits at a time.
        Assert.StartsWith("已记录第52项进展", (await world.SayAsync("李娜", "52 进展：已完成摸底")).Reply.Text);
        Assert.Equal("第52项已有待整改办处理的转交申请。", (await world.SayAsync("李娜", "52这条我们科管不了，麻烦转给低保中心")).Reply.Text);

        Assert.Equal("转交申请由整改办审批。", (await world.SayAsync("王强", "同意52转交")).Reply.Text);
        var queue = await world.SayAsync("陈奇奇", "有哪些转交申请");
        Assert.StartsWith("待处理的转交申请共1项", queue.Reply.Text);
        Assert.Contains("社会事务科→低保中心", queue.Reply.Text);

        var approved = await world.SayAsync("陈奇奇", "同意52转交");
        Assert.Equal("已同意第52项由社会事务科转给低保中心。", approved.Reply.Text);
        Assert.DoesNotContain("转交申请", (await world.SayAsync("陈奇奇", "第52项什么情况")).Reply.Text);
        Assert.Contains(approved.Reply.Notices, n => n.UnitId == welfare && n.Text.Contains("把第52项交由低保中心负责"));
        Assert.Contains(approved.Reply.Notices, n => n.UnitId == social && n.Text == "第52项已改由低保中心负责，不再由社会事务科负责。");
        Assert.Equal([welfare], await LeadsAsync(world, 52));
        Assert.Equal("第52项不是社会事务科负责的措施。如需负责，请先发送“认领第52项”。", (await world.SayAsync("李娜", "52 进展：已发通知")).Reply.Text);
        Assert.Equal("目前没有待处理的转交申请。", (await world.SayAsync("陈奇奇", "有哪些转交申请")).Reply.Text);
    }

    [Fact]
    public async Task The_office_moves_a_measure_at_once_refuses_a_request_and_a_unit_may_take_its_request_back()
    {
        await using var world = await WorkflowWorld.CreateAsync();
        var social = await world.UnitIdAsync("社会事务科");
        var relief = await world.UnitIdAsync("社会救助科");

        var moved = await world.SayAsync("陈奇奇", "49号之前挂在社会事务科，现在改由社会救助科牵头");
        Assert.Equal("已把第49项改由社会救助科牵头（原牵头单位：社会事务科）。", moved.Reply.Text);
        Assert.Equal([relief], await LeadsAsync(world, 49));
        Assert.Equal("第49项已由社会救助科牵头，无需调整。", (await world.SayAsync("陈奇奇", "第49项交给社会救助科负责")).Reply.Text);

        // 王强's unit is not on 51: he may not give it away, nor may a unit give away a measure it only claimed.
        Assert.Equal("第51项不是社会救助科按方案负责的措施，调整负责单位请找整改办。", (await world.SayAsync("王强", "第51项转给低保中心")).Reply.Text);

        await world.SayAsync("李娜", "第51项麻烦转给低保中心，我们科管不了");
        Assert.Equal("已撤回第51项的转交申请。", (await world.SayAsync("李娜", "撤销")).Reply.Text);
        Assert.Equal("第51项没有待处理的转交申请。", (await world.SayAsync("陈奇奇", "同意51转交")).Reply.Text);

        await world.SayAsync("李娜", "第51项不归我们科管，已经跟低保中心沟通好了，转给他们负责");
        var refused = await world.SayAsync("陈奇奇", "不同意51转交，原因是方案明确由社会事务科牵头");
        Assert.Equal("未同意第51项转给低保中心，仍由社会事务科负责。", refused.Reply.Text);
        Assert.Contains(refused.Reply.Notices, n => n.UnitId == social && n.Text == "整改办未同意把第51项转给低保中心，原因：方案明确由社会事务科牵头，仍请社会事务科负责。");
        Assert.Equal([social], await LeadsAsync(world, 51));
    }

    /// <summary>
    /// 撤销 after a decision takes back that decision, the latest, and not an older write: the measure's units are as they
    /// were, the request waits in the queue again and the units hear the move back. A second 撤销 does not undo it twice.
    /// </summary>
    [Fact]
    public async Task Undo_after_a_transfer_decision_puts_the_units_and_the_request_back()
    {
        await using var world = await WorkflowWorld.CreateAsync();
        var social = await world.UnitIdAsync("社会事务科");
        var welfare = await world.UnitIdAsync("低保中心");

        await world.SayAsync("李娜", "第52项不是我们科的活，应该归低保中心");
        await world.SayAsync("李娜", "49 申请延期到明年年底 资金没到位");
        Assert.StartsWith("已批准第49项延期", (await world.SayAsync("陈奇奇", "同意49延期")).Reply.Text);
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        await world.SayAsync("陈奇奇", "同意52转交");
        Assert.Equal([welfare], await LeadsAsync(world, 52));

        var undone = await world.SayAsync("陈奇奇", "撤销");
        Assert.Equal("已撤销第52项的负责单位调整，恢复由社会事务科牵头，转交申请恢复为待处理。", undone.Reply.Text);
        Assert.Equal([social], await LeadsAsync(world, 52));
        Assert.Contains(undone.Reply.Notices, n => n.UnitId == social && n.Text.Contains("把第52项交由社会事务科负责"));
        Assert.Contains(undone.Reply.Notices, n => n.UnitId == welfare && n.Text == "第52项已改由社会事务科负责，不再由低保中心负责。");
        Assert.StartsWith("待处理的转交申请共1项", (await world.SayAsync("陈奇奇", "有哪些转交申请")).Reply.Text);

        // The next 撤销 is the write before, the extension; the move is not undone twice.
        Assert.Equal("已撤销对第49项延期申请的审批，时限恢复为2023-11-28，申请恢复为待审批。", (await world.SayAsync("陈奇奇", "撤销")).Reply.Text);
        Assert.Equal([social], await LeadsAsync(world, 52));

        await world.SayAsync("陈奇奇", "不同意52转交，方案明确由社会事务科牵头");
        Assert.Equal("已撤销对第52项转交申请的处理，转交申请恢复为待处理。", (await world.SayAsync("陈奇奇", "撤销")).Reply.Text);
        Assert.Equal("已同意第52项由社会事务科转给低保中心。", (await world.SayAsync("陈奇奇", "同意52转交")).Reply.Text);
    }

    [Fact]
    public async Task Undo_after_the_office_moves_a_measure_moves_it_back_unless_it_has_moved_since()
    {
        await using var world = await WorkflowWorld.CreateAsync();
        var social = await world.UnitIdAsync("社会事务科");
        var relief = await world.UnitIdAsync("社会救助科");

        await world.SayAsync("陈奇奇", "第49项改由社会救助科牵头");
        Assert.Equal("已撤销第49项的负责单位调整，恢复由社会事务科牵头。", (await world.SayAsync("陈奇奇", "撤销")).Reply.Text);
        Assert.Equal([social], await LeadsAsync(world, 49));

        await world.SayAsync("陈奇奇", "第49项改由社会救助科牵头");
        // The unit it went to has asked to pass it on since: the office decides that request instead.
        await world.SayAsync("王强", "第49项不归我们科，应该归低保中心");
        Assert.Equal("第49项的负责单位此后又有调整，无法撤销。", (await world.SayAsync("陈奇奇", "撤销")).Reply.Text);
        Assert.Equal([relief], await LeadsAsync(world, 49));
    }

    /// <summary>On both stores: a move is audited, and the kept counts follow the measure to its new unit.</summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_move_is_audited_and_the_units_counts_follow_it(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var (inspection, scope, flow, Of, units) = await MeasureThirtyAsync(store);
        await using var _ = scope;

        var request = await flow.TransferAsync(Of("李娜"), inspection, 30, units["低保中心"], "30应该归低保中心", "test", default);
        Assert.True(request.Ok, request.Message);
        var decided = await flow.DecideTransferAsync(Of("陈奇奇"), inspection, 30, approve: true, null, "test", default);
        Assert.Equal("已同意第30项由社会事务科转给低保中心。", decided.Message);

        await using var db2 = store.NewContext();
        var measure = await db2.Measures.Include(m => m.Units).SingleAsync();
        Assert.Equal([(units["低保中心"], UnitRole.Lead), (units["规划财务科"], UnitRole.Supporting)],
            measure.Units.Select(u => (u.UnitId, u.Role)).OrderBy(u => u.Role).ToList());
        Assert.Equal(RequestState.Approved, (await db2.TransferRequests.SingleAsync()).State);
        Assert.Contains("同意转交", await db2.AuditEntries.Select(a => a.Operation).ToListAsync());
        int Held(string unit) => db2.StatusCounts.Where(c => c.Scope == units[unit]).Select(c => c.NotStarted + c.InProgress + c.Done + c.Ongoing + c.Closed).SingleOrDefault();
        // A supporting unit holds none of the measure's count (Figures: a unit's measures are those it leads or claims).
        Assert.Equal((0, 1, 0), (Held("社会事务科"), Held("低保中心"), Held("规划财务科")));
    }

    /// <summary>On both stores: a helper made the lead and the lead dropped are put back as they were by 撤销.</summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Undo_of_a_move_puts_a_helper_made_lead_back_as_helper(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var (inspection, scope, flow, Of, units) = await MeasureThirtyAsync(store);
        await using var _ = scope;
        var office = Of("陈奇奇");

        Assert.Equal("已把第30项改由规划财务科牵头（原牵头单位：社会事务科）。", (await flow.TransferAsync(office, inspection, 30, units["规划财务科"], "第30项改由规划财务科牵头", "test", default)).Message);
        Assert.Equal("已撤销第30项的负责单位调整，恢复由社会事务科牵头。", (await flow.UndoAsync(office, "test", default)).Message);

        await using var db2 = store.NewContext();
        var measure = await db2.Measures.Include(m => m.Units).SingleAsync();
        Assert.Equal([(units["社会事务科"], UnitRole.Lead), (units["规划财务科"], UnitRole.Supporting)],
            measure.Units.Select(u => (u.UnitId, u.Role)).OrderBy(u => u.Role).ToList());
        Assert.Equal("没有可以撤销的操作：只能撤销自己10分钟内的操作。", (await flow.UndoAsync(office, "test", default)).Message);
    }

    /// <summary>Measure 30 (社会事务科 leads, 规划财务科 helps) in a plan on the store, the workflow, the roster's actors and the units' ids.</summary>
    private static async Task<(int Inspection, AsyncServiceScope Scope, MeasureWorkflow Flow, Func<string, Actor> Of, Dictionary<string, int> Units)> MeasureThirtyAsync(TestStore store)
    {
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster().Measure(30, lead: "社会事务科", supporting: "规划财务科", due: "2024-06-30").SaveAsync(db)).Id;
        }
        var scope = store.Scope();
        var staff = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        Actor Of(string name) => Actor.From(staff.Staff.Include(s => s.Unit).Single(s => s.Name == name));
        return (inspection, scope, scope.ServiceProvider.GetRequiredService<MeasureWorkflow>(), Of, await staff.Units.ToDictionaryAsync(u => u.Name, u => u.Id));
    }

    private static async Task<List<int>> LeadsAsync(WorkflowWorld world, int number)
    {
        await using var db = world.Store.NewContext();
        return await db.Measures.Where(m => m.InspectionId == world.InspectionId && m.Number == number)
            .SelectMany(m => m.Units).Where(u => u.Role == UnitRole.Lead).Select(u => u.UnitId).ToListAsync();
    }
}
