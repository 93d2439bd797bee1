using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Rectification;

/// <summary>
/// Every write × every role, through the workflow itself (where <see cref="Permissions"/> decides): 李娜 of the
/// lead unit 社会事务科, 王强 of another unit, 陈奇奇 of the office and 巨伟 the leader. Each write acts on a measure
/// of its own, prepared in the state it needs, so the cases do not disturb each other. Someone the roster does not
/// know is refused by the engine before any write (the last test).
/// </summary>
public class PermissionsTests
{
    private const string Lead = "李娜", Other = "王强", Office = "陈奇奇", Leader = "巨伟";

    private sealed record Case(string Name, Func<IServiceProvider, Actor, int, Task<WriteResult>> Write, params string[] Allowed);

    private static readonly Case[] Cases =
    [
        new("claim an unled measure for one's own unit", (sp, a, i) => Flow(sp).ClaimAsync(a, i, [56], false, "test", default), Lead, Other, Office, Leader),
        new("give a measure to another unit (转交)", async (sp, a, i) => await Flow(sp).TransferAsync(a, i, 64, await UnitAsync(sp, "低保中心"), "第64项转给低保中心", "test", default), Lead, Office),
        new("decide a transfer", (sp, a, i) => Flow(sp).DecideTransferAsync(a, i, 65, true, null, "test", default), Office),
        new("decide a co-claim", (sp, a, i) => Flow(sp).DecideClaimAsync(a, i, 58, true, "test", default), Lead, Office),
        new("record progress", (sp, a, i) => Flow(sp).RecordProgressAsync(a, i, 51, "已完成摸底", null, "test", default), Lead, Office, Leader),
        new("change the status", (sp, a, i) => Flow(sp).ChangeStatusAsync(a, i, 52, MeasureStatus.Done, "test", default), Lead, Office, Leader),
        new("add evidence", (sp, a, i) => Flow(sp).AddEvidenceAsync(a, i, 53, "纪要.pdf", null, new MemoryStream([1, 2, 3]), "test", default), Lead, Office, Leader),
        new("request a close", (sp, a, i) => Flow(sp).RequestCloseAsync(a, i, 55, null, "test", default), Lead, Office, Leader),
        new("review a close", (sp, a, i) => Flow(sp).ReviewCloseAsync(a, i, 59, true, null, "test", default), Office),
        new("sign a close", (sp, a, i) => Flow(sp).SignCloseAsync(a, i, 60, "test", default), Leader),
        new("request an extension", (sp, a, i) => Flow(sp).RequestExtensionAsync(a, i, 61, new DateOnly(2024, 6, 30), "资金未到位", "test", default), Lead, Office, Leader),
        new("decide an extension", (sp, a, i) => Flow(sp).DecideExtensionAsync(a, i, 62, true, null, "test", default), Office, Leader),
        new("end the concentrated stage", (sp, a, i) => sp.GetRequiredService<ConcentratedStage>().CloseAsync(a, i, "test", default), Office),
        new("hand over", (sp, a, _) => sp.GetRequiredService<Handover>().HandOverAsync(a, "赵敏", Lead, "test", default), Office),
    ];

    public static TheoryData<StoreProvider, string> Roles()
    {
        var data = new TheoryData<StoreProvider, string>();
        foreach (var provider in new StoreProviders())
        {
            foreach (var role in new[] { Lead, Other, Office, Leader })
            {
                data.Add(provider, role);
            }
        }
        return data;
    }

    [Theory, MemberData(nameof(Roles))]
    public async Task Each_write_is_allowed_exactly_for_the_roles_that_may_make_it(StoreProvider provider, string who)
    {
        await using var store = await TestStore.CreateAsync(provider, settings: new Dictionary<string, string?> { ["Workflow:SignOff"] = "OfficeAndLeader" });
        var inspection = await PrepareAsync(store);
        var actor = await ActorAsync(store, who);
        var wrong = new List<string>();
        foreach (var c in Cases)
        {
            await using var scope = store.Scope();
            var before = await AuditCountAsync(store);
            var result = await c.Write(scope.ServiceProvider, actor, inspection);
            var allowed = c.Allowed.Contains(who);
            if (result.Ok != allowed)
            {
                wrong.Add($"{c.Name}: {(result.Ok ? "allowed" : "refused")} — {result.Message}");
            }
            else if (!allowed && (await AuditCountAsync(store) != before || result.Message.Length == 0))
            {
                wrong.Add($"{c.Name}: refused but wrote, or said nothing");
            }
        }
        Assert.True(wrong.Count == 0, $"{who}:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public async Task The_refusals_say_who_may_and_what_to_do()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var inspection = await PrepareAsync(store);
        await using var scope = store.Scope();
        var wang = await ActorAsync(store, Other);
        var lina = await ActorAsync(store, Lead);
        Assert.Equal("第51项不是社会救助科负责的措施。如需负责，请先发送“认领第51项”。",
            (await Flow(scope.ServiceProvider).RecordProgressAsync(wang, inspection, 51, "已完成", null, "test", default)).Message);
        Assert.Equal("只有整改办可以审核销号申请。", (await Flow(scope.ServiceProvider).ReviewCloseAsync(lina, inspection, 59, true, null, "test", default)).Message);
        Assert.Equal("第64项不是社会救助科按方案负责的措施，调整负责单位请找整改办。",
            (await Flow(scope.ServiceProvider).TransferAsync(wang, inspection, 64, await UnitAsync(scope.ServiceProvider, "低保中心"), "64给低保中心", "test", default)).Message);
        Assert.Equal("转交申请由整改办审批。", (await Flow(scope.ServiceProvider).DecideTransferAsync(lina, inspection, 65, true, null, "test", default)).Message);
        Assert.Equal("第58项的共同认领由整改办或牵头单位审批。", (await Flow(scope.ServiceProvider).DecideClaimAsync(wang, inspection, 58, true, "test", default)).Message);
    }

    [Fact]
    public async Task Someone_the_roster_does_not_know_makes_no_write_and_learns_only_how_to_bind()
    {
        await using var world = await WorkflowWorld.CreateAsync();
        var before = await AuditCountAsync(world.Store);
        foreach (var text in new[] { "认领56", "51 完成 已对5个散埋点完成整治", "第51项申请销号", "同意51销号", "签字51", "同意51延期", "第51项申请延期到2024年6月30日，原因是资金未到位",
                     "集中整改阶段结束", "把李娜负责的措施交接给赵敏", "同意54认领", "第51项转给低保中心", "同意51转交", "撤销" })
        {
            await using var scope = world.Store.Scope();
            var turn = await scope.ServiceProvider.GetRequiredService<ConversationEngine>()
                .HandleAsync(new IncomingMessage(ChannelName.WeCom, "stranger", text), CancellationToken.None);
            Assert.Equal(ConversationEngine.HowToBind(ChannelName.WeCom), turn.Reply.Text);
            Assert.Empty(turn.Changes);
        }
        Assert.Equal(before, await AuditCountAsync(world.Store));
    }

    private static MeasureWorkflow Flow(IServiceProvider sp) => sp.GetRequiredService<MeasureWorkflow>();

    private static async Task<int> UnitAsync(IServiceProvider sp, string name) =>
        await sp.GetRequiredService<RectifyDbContext>().Units.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();

    private static async Task<Actor> ActorAsync(TestStore store, string name)
    {
        await using var db = store.NewContext();
        return Actor.From(await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Name == name));
    }

    private static async Task<int> AuditCountAsync(TestStore store)
    {
        await using var db = store.NewContext();
        return await db.AuditEntries.CountAsync();
    }

    /// <summary>Each write's measure in the state it needs, reached through the workflow as the office would.</summary>
    private static async Task<int> PrepareAsync(TestStore store)
    {
        int inspection;
        await using (var db = store.NewContext())
        {
            var builder = new PlanBuilder().ConversationsRoster().Person("赵敏", "社会事务科", StaffRoles.Unit).Measure(56).Measure(57);
            foreach (var n in new[] { 51, 52, 53, 55, 58, 59, 60, 61, 62, 63, 64, 65 })
            {
                builder.Measure(n, lead: "社会事务科", due: "2023-12-31", status: MeasureStatus.InProgress);
            }
            inspection = (await builder.SaveAsync(db)).Id;
            db.BeginOperation("测试数据", null);
            (await db.Measures.SingleAsync(m => m.Number == 63)).ResponsibleLeader = "赵敏";
            await db.SaveChangesAsync();
        }
        await using var scope = store.Scope();
        var flow = Flow(scope.ServiceProvider);
        var office = await ActorAsync(store, Office);
        var lina = await ActorAsync(store, Lead);
        var welfare = await UnitAsync(scope.ServiceProvider, "低保中心");
        async Task Do(Task<WriteResult> write)
        {
            var result = await write;
            Assert.True(result.Ok, result.Message);
        }
        foreach (var n in new[] { 55, 59, 60 })
        {
            await Do(flow.AddEvidenceAsync(lina, inspection, n, $"纪要{n}.pdf", null, new MemoryStream([(byte)n]), "test", default));
        }
        await Do(flow.RequestCloseAsync(lina, inspection, 59, null, "test", default));
        await Do(flow.RequestCloseAsync(lina, inspection, 60, null, "test", default));
        await Do(flow.ReviewCloseAsync(office, inspection, 60, true, null, "test", default));
        await Do(flow.RequestExtensionAsync(lina, inspection, 62, new DateOnly(2024, 6, 30), "资金未到位", "test", default));
        await Do(flow.TransferAsync(lina, inspection, 65, welfare, "第65项应该归低保中心", "test", default));
        // A co-claim of 58 by 低保中心, waiting for the office or 社会事务科.
        await using (var db = store.NewContext())
        {
            db.BeginOperation("测试数据", null);
            (await db.Measures.SingleAsync(m => m.Number == 58)).Claims.Add(new Claim { UnitId = welfare, ClaimedAt = DateTime.UtcNow, IsCoClaim = true, State = ClaimState.Pending });
            await db.SaveChangesAsync();
        }
        return inspection;
    }
}
