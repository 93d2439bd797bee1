using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Store;

namespace RectifyBot.Tests.TestData;

/// <summary>
/// A small plan with the conversations.md roster (plus 赵敏 of 社会事务科), today 2023-11-21 (a Tuesday), and one
/// measure per reminder tier: 51 overdue, 49 due in 7 days, 52 in 17 days, 53 long-term and Ongoing, 60 long-term
/// and Done, 56 unclaimed, 54 another unit's and far off. Turns go through the real engine.
/// </summary>
public sealed class WorkflowWorld : IAsyncDisposable
{
    private WorkflowWorld(TestStore store, int inspectionId)
    {
        Store = store;
        InspectionId = inspectionId;
    }

    public TestStore Store { get; }
    public int InspectionId { get; }
    public TestClock Clock => Store.Clock;

    public static async Task<WorkflowWorld> CreateAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var store = await TestStore.CreateAsync(StoreProvider.Sqlite, TestClock.At("2023-11-21"), settings: settings, services: services);
        await using var db = store.NewContext();
        var plan = await new PlanBuilder().ConversationsRoster()
            .Person("赵敏", "社会事务科", StaffRoles.Unit)
            .Measure(49, lead: "社会事务科", due: "2023-11-28")
            .Measure(51, lead: "社会事务科", due: "2023-10-20", status: MeasureStatus.InProgress)
            .Measure(52, lead: "社会事务科", due: "2023-12-08")
            .Measure(53, lead: "社会事务科", deadline: Deadline.LongTermFrom(new DateOnly(2024, 3, 31), Recurrence.Quarterly, "长期坚持"), status: MeasureStatus.Ongoing)
            .Measure(54, lead: "社会救助科", due: "2024-06-30")
            .Measure(56)
            .Measure(60, lead: "社会事务科", deadline: Deadline.LongTermFrom(new DateOnly(2023, 10, 20), source: "长期坚持"), status: MeasureStatus.Done)
            .SaveAsync(db);
        db.BeginOperation("测试数据", null);
        foreach (var m in await db.Measures.Where(m => m.Number == 51 || m.Number == 49).ToListAsync())
        {
            m.ResponsibleLeader = "巨伟";
        }
        await db.SaveChangesAsync();
        return new WorkflowWorld(store, plan.Id);
    }

    public async Task<TurnResult> SayAsync(string who, string? text, Attachment? file = null)
    {
        await using var scope = Store.Scope();
        return await scope.ServiceProvider.GetRequiredService<ConversationEngine>()
            .HandleAsync(new IncomingMessage(ChannelName.Cli, who, text) { Attachment = file }, CancellationToken.None);
    }

    public static Attachment File(string name, byte[] content) =>
        new(_ => Task.FromResult<FetchedFile?>(new FetchedFile(name, null, new MemoryStream(content))));

    public async Task<Measure> MeasureAsync(int number)
    {
        await using var db = Store.NewContext();
        return await db.Measures.AsSplitQuery().Include(m => m.Updates).Include(m => m.Claims).Include(m => m.Evidence)
            .Include(m => m.CloseRequests).Include(m => m.Extensions).Include(m => m.Owner)
            .SingleAsync(m => m.InspectionId == InspectionId && m.Number == number);
    }

    public async Task<int> UnitIdAsync(string name)
    {
        await using var db = Store.NewContext();
        return await db.Units.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
    }

    public async Task<List<string>> OperationsAsync(int number)
    {
        await using var db = Store.NewContext();
        var id = await db.Measures.Where(m => m.Number == number).Select(m => m.Id).SingleAsync();
        return (await db.AuditEntries.Where(a => a.MeasureId == id).OrderBy(a => a.Id).Select(a => a.Operation).ToListAsync()).Distinct().ToList();
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
