using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Rectification;

public class MeasureWorkflowTests
{
    private static async Task<(TestStore Store, int InspectionId)> SeedAsync(StoreProvider provider = StoreProvider.Sqlite)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.NewContext();
        var plan = await new PlanBuilder().ConversationsRoster()
            .Measure(49, lead: "社会事务科", due: "2023-12-31")
            .Measure(51, lead: "社会事务科", due: "2023-10-20")
            .Measure(54, lead: "社会救助科", due: "2023-10-20")
            .Measure(56)
            .SaveAsync(db);
        return (store, plan.Id);
    }

    private static async Task<Actor> ActorAsync(TestStore store, string name)
    {
        await using var db = store.NewContext();
        return Actor.From(await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Name == name));
    }

    private static MeasureWorkflow Workflow(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<MeasureWorkflow>();

    private static async Task<Measure> LoadAsync(TestStore store, int inspection, int number)
    {
        await using var db = store.NewContext();
        return await db.Measures.AsSplitQuery().Include(m => m.Updates).Include(m => m.Claims).Include(m => m.Evidence)
            .Include(m => m.CloseRequests).Include(m => m.Extensions)
            .SingleAsync(m => m.InspectionId == inspection && m.Number == number);
    }

    [Fact]
    public async Task A_status_change_to_the_status_a_measure_has_writes_nothing_and_says_so()
    {
        var (store, inspection) = await SeedAsync();
        await using var _ = store;
        await using var scope = store.Scope();
        var flow = Workflow(scope);
        var lina = await ActorAsync(store, "李娜");

        var moved = await flow.ChangeStatusAsync(lina, inspection, 51, MeasureStatus.InProgress, "test", default);
        Assert.True(moved.Ok, moved.Message);
        var again = await flow.ChangeStatusAsync(lina, inspection, 51, MeasureStatus.InProgress, "test", default);
        Assert.False(again.Ok);
        Assert.Equal("第51项当前已是“推进中”，无需再改。", again.Message);

        var measure = await LoadAsync(store, inspection, 51);
        Assert.Equal("状态改为推进中", Assert.Single(measure.Updates).Text);
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Claim_update_evidence_close_return_rerequest_approve_ends_closed(StoreProvider provider)
    {
        var (store, inspection) = await SeedAsync(provider);
        await using var _ = store;
        await using var scope = store.Scope();
        var flow = Workflow(scope);
        var lina = await ActorAsync(store, "李娜");
        var office = await ActorAsync(store, "陈奇奇");

        var claim = await flow.ClaimAsync(lina, inspection, [56], coClaim: false, "test", default);
        Assert.True(claim.Ok, claim.Message);
        Assert.Equal("已为社会事务科认领第56项。", claim.Message);

        var update = await flow.RecordProgressAsync(lina, inspection, 56, "已对5个僵尸组织完成调查，清理3个", MeasureStatus.Done, "test", default);
        Assert.True(update.Ok, update.Message);
        Assert.Contains("状态由“未启动”改为“已完成待销号”", update.Message);
        Assert.Contains("请上传佐证材料", update.Message);

        var early = await flow.RequestCloseAsync(lina, inspection, 56, null, "test", default);
        Assert.False(early.Ok);
        Assert.Contains("还没有佐证材料", early.Message);

        var photo = await flow.AddEvidenceAsync(lina, inspection, 56, "清理现场.jpg", "image/jpeg", new MemoryStream([1, 2, 3, 4]), "test", default);
        Assert.True(photo.Ok, photo.Message);
        var request = await flow.RequestCloseAsync(lina, inspection, 56, "已清理", "test", default);
        Assert.True(request.Ok, request.Message);

        var notOffice = await flow.ReviewCloseAsync(lina, inspection, 56, approve: true, null, "test", default);
        Assert.Equal("只有整改办可以审核销号申请。", notOffice.Message);

        var returned = await flow.ReviewCloseAsync(office, inspection, 56, approve: false, "佐证材料不全", "test", default);
        Assert.True(returned.Ok, returned.Message);
        var afterReturn = await LoadAsync(store, inspection, 56);
        Assert.Equal(MeasureStatus.InProgress, afterReturn.Status);
        Assert.Equal("佐证材料不全", afterReturn.CloseRequests.Single().ReturnReason);

        await flow.AddEvidenceAsync(lina, inspection, 56, "会议纪要.pdf", "application/pdf", new MemoryStream([9, 9, 9]), "test", default);
        Assert.True((await flow.RequestCloseAsync(lina, inspection, 56, "补充了会议纪要", "test", default)).Ok);
        var approved = await flow.ReviewCloseAsync(office, inspection, 56, approve: true, null, "test", default);
        Assert.Equal("第56项已销号。", approved.Message);

        var closed = await LoadAsync(store, inspection, 56);
        Assert.Equal(MeasureStatus.Closed, closed.Status);
        Assert.Equal([RequestState.Returned, RequestState.Approved], closed.CloseRequests.OrderBy(r => r.Id).Select(r => r.State));
        Assert.Equal(2, closed.Evidence.Count);
        await using var db = store.NewContext();
        var operations = await db.AuditEntries.Select(a => a.Operation).Distinct().ToListAsync();
        Assert.Superset(new HashSet<string> { "认领", "进展更新并改状态", "上传佐证材料", "申请销号", "退回销号", "同意销号" }, operations.ToHashSet());
    }

    [Fact]
    public async Task A_measure_led_by_another_unit_asks_before_a_co_claim()
    {
        var (store, inspection) = await SeedAsync();
        await using var _ = store;
        await using var scope = store.Scope();
        var lina = await ActorAsync(store, "李娜");

        var asked = await Workflow(scope).ClaimAsync(lina, inspection, [51, 54], coClaim: false, "test", default);
        Assert.False(asked.Ok);
        Assert.Equal("第54项由社会救助科牵头。要申请作为共同认领单位加入吗？需经整改办或社会救助科同意。回复“是”确认。", asked.Message);
        Assert.Empty((await LoadAsync(store, inspection, 54)).Claims);

        var confirmed = await Workflow(scope).ClaimAsync(lina, inspection, [51, 54], coClaim: true, "test", default);
        Assert.True(confirmed.Ok);
        Assert.Equal("已申请共同认领第54项，待整改办或社会救助科同意后生效。第51项已由本单位负责。", confirmed.Message);
        Assert.True((await LoadAsync(store, inspection, 54)).Claims.Single().IsCoClaim);
    }

    [Fact]
    public async Task Unit_staff_cannot_write_another_units_measure()
    {
        var (store, inspection) = await SeedAsync();
        await using var _ = store;
        await using var scope = store.Scope();
        var wang = await ActorAsync(store, "王强");
        var refused = await Workflow(scope).RecordProgressAsync(wang, inspection, 51, "已完成", MeasureStatus.Done, "test", default);
        Assert.False(refused.Ok);
        Assert.Equal("第51项不是社会救助科负责的措施。如需负责，请先发送“认领第51项”。", refused.Message);
        Assert.Empty((await LoadAsync(store, inspection, 51)).Updates);
    }

    [Fact]
    public async Task An_extension_keeps_the_original_deadline_visible_once_approved()
    {
        var (store, inspection) = await SeedAsync();
        await using var _ = store;
        await using var scope = store.Scope();
        var flow = Workflow(scope);
        var lina = await ActorAsync(store, "李娜");
        var leader = await ActorAsync(store, "巨伟");

        var requested = await flow.RequestExtensionAsync(lina, inspection, 49, new DateOnly(2025, 12, 31), "资金未到位", "test", default);
        Assert.True(requested.Ok, requested.Message);
        Assert.False((await flow.DecideExtensionAsync(lina, inspection, 49, true, null, "test", default)).Ok);
        var approved = await flow.DecideExtensionAsync(leader, inspection, 49, true, null, "test", default);
        Assert.Equal("已批准第49项延期至2025-12-31（原时限2023-12-31）。", approved.Message);

        var m = await LoadAsync(store, inspection, 49);
        Assert.Equal(new DateOnly(2025, 12, 31), m.DueDate);
        Assert.Equal(new DateOnly(2023, 12, 31), m.Extensions.Single().PreviousDue);
        Assert.Contains("原时限2023-12-31", m.Deadline.SourceText);
        await using var db = store.NewContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Operation == "批准延期" && a.EntityType == nameof(Measure));
        Assert.Contains("\"Deadline.Date\":\"2023-12-31\"", audit.Before);
        Assert.Contains("\"Deadline.Date\":\"2025-12-31\"", audit.After);
    }

    /// <summary>
    /// The office's 撤销 after deciding takes back the decision, its latest write: an approved extension's deadline is the
    /// plan's again, with its words, and the request and a co-claim wait for a decision again.
    /// </summary>
    [Fact]
    public async Task Undo_after_the_office_decides_takes_back_the_decision_not_an_older_write()
    {
        var (store, inspection) = await SeedAsync();
        await using var _ = store;
        await using var scope = store.Scope();
        var flow = Workflow(scope);
        var lina = await ActorAsync(store, "李娜");
        var office = await ActorAsync(store, "陈奇奇");
        var planned = (await LoadAsync(store, inspection, 49)).Deadline;

        await flow.ClaimAsync(lina, inspection, [54], coClaim: true, "test", default);
        await flow.RequestExtensionAsync(lina, inspection, 49, new DateOnly(2024, 6, 30), "资金未到位", "test", default);
        await flow.DecideClaimAsync(office, inspection, 54, approve: false, "test", default);
        store.Clock.Advance(TimeSpan.FromMinutes(1));
        await flow.DecideExtensionAsync(office, inspection, 49, approve: true, null, "test", default);

        Assert.Equal("已撤销对第49项延期申请的审批，时限恢复为2023-12-31，申请恢复为待审批。", (await flow.UndoAsync(office, "test", default)).Message);
        var m = await LoadAsync(store, inspection, 49);
        Assert.Equal(planned, m.Deadline);
        Assert.Equal(new DateOnly(2023, 12, 31), m.DueDate);
        Assert.Equal(RequestState.Pending, m.Extensions.Single().State);

        Assert.Equal("已撤销对第54项共同认领的审批，申请恢复为待审批。", (await flow.UndoAsync(office, "test", default)).Message);
        var claim = (await LoadAsync(store, inspection, 54)).Claims.Single();
        Assert.Equal((ClaimState.Pending, null), (claim.State, claim.WithdrawnAt));
        Assert.Equal("已同意社会事务科共同认领第54项。", (await flow.DecideClaimAsync(office, inspection, 54, approve: true, "test", default)).Message);
    }

    [Fact]
    public async Task Undo_reverts_the_authors_last_write_within_ten_minutes_and_keeps_the_trail()
    {
        var (store, inspection) = await SeedAsync();
        await using var _ = store;
        await using var scope = store.Scope();
        var flow = Workflow(scope);
        var lina = await ActorAsync(store, "李娜");
        var wang = await ActorAsync(store, "王强");

        await flow.RecordProgressAsync(lina, inspection, 51, "已完成摸底", null, "test", default);
        store.Clock.Advance(TimeSpan.FromMinutes(1));
        await flow.RecordProgressAsync(lina, inspection, 51, "已清理3个", MeasureStatus.Done, "test", default);

        Assert.False((await flow.UndoAsync(wang, "test", default)).Ok); // someone else's write is not theirs to undo

        var undone = await flow.UndoAsync(lina, "test", default);
        // The first update started the measure, so undoing the second goes back to 推进中.
        Assert.Equal("已撤销第51项的进展“已清理3个”，状态恢复为“推进中”。", undone.Message);
        var m = await LoadAsync(store, inspection, 51);
        Assert.Equal(MeasureStatus.InProgress, m.Status);
        Assert.Equal(["已完成摸底"], m.Updates.Where(u => u.UndoneAt == null).Select(u => u.Text));
        Assert.Equal(2, m.Updates.Count);

        store.Clock.Advance(TimeSpan.FromMinutes(11));
        var tooLate = await flow.UndoAsync(lina, "test", default);
        Assert.Equal("没有可以撤销的操作：只能撤销自己10分钟内的操作。", tooLate.Message);

        await using var db = store.NewContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Operation == "撤销" && a.ActorId == lina.StaffId));
    }

    [Fact]
    public async Task Evidence_is_stored_once_by_content_hash_and_bad_files_are_refused()
    {
        var (store, inspection) = await SeedAsync();
        await using var _ = store;
        await using var scope = store.Scope();
        var flow = Workflow(scope);
        var lina = await ActorAsync(store, "李娜");

        var first = await flow.AddEvidenceAsync(lina, inspection, 51, "照片.jpg", null, new MemoryStream("abc"u8.ToArray()), "test", default);
        Assert.True(first.Ok, first.Message);
        var again = await flow.AddEvidenceAsync(lina, inspection, 51, "照片副本.jpg", null, new MemoryStream("abc"u8.ToArray()), "test", default);
        Assert.Equal("这份材料已是第51项的佐证材料，无需重复上传。", again.Message);
        var exe = await flow.AddEvidenceAsync(lina, inspection, 51, "病毒.exe", null, new MemoryStream([1]), "test", default);
        Assert.StartsWith("不支持“.exe”类型的文件", exe.Message);

        var stored = (await LoadAsync(store, inspection, 51)).Evidence.Single();
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", stored.Sha256);
        Assert.Equal("image/jpeg", stored.ContentType);
        Assert.True(File.Exists(Path.Combine(store.DataPath, stored.StoredPath)));
    }

    [Fact]
    public async Task Closing_without_review_is_refused_and_an_unknown_measure_gives_the_range()
    {
        var (store, inspection) = await SeedAsync();
        await using var _ = store;
        await using var scope = store.Scope();
        var office = await ActorAsync(store, "陈奇奇");
        var closing = await Workflow(scope).RecordProgressAsync(office, inspection, 51, "完成", MeasureStatus.Closed, "test", default);
        Assert.Equal("销号需要经过审核：请发送“第51项申请销号”。", closing.Message);
        var missing = await Workflow(scope).RecordProgressAsync(office, inspection, 999, "完成", null, "test", default);
        Assert.Equal("没有第999项措施，本方案措施编号为49至56。", missing.Message);
    }

    [Fact]
    public async Task With_evidence_required_a_long_term_check_in_counts_only_once_evidence_is_in()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, settings: new Dictionary<string, string?> { ["Workflow:CheckInNeedsEvidence"] = "true" });
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster()
                .Measure(137, lead: "社会事务科", status: MeasureStatus.Ongoing, deadline: Deadline.LongTermFrom(new DateOnly(2023, 10, 20), Recurrence.Quarterly))
                .SaveAsync(db)).Id;
        }
        await using var scope = store.Scope();
        var flow = Workflow(scope);
        var lina = await ActorAsync(store, "李娜");

        var update = await flow.RecordProgressAsync(lina, inspection, 137, "本季度开展了一次全面检查", null, "test", default);
        Assert.EndsWith("本期检查还需佐证材料：上传后本期才算完成。", update.Message);
        Assert.Equal(new DateOnly(2023, 10, 20), (await LoadAsync(store, inspection, 137)).DueDate);

        var photo = await flow.AddEvidenceAsync(lina, inspection, 137, "检查记录.jpg", null, new MemoryStream([5, 6, 7]), "test", default);
        Assert.EndsWith("本期检查已完成，下次应于2024-04-20前报送。", photo.Message);
        Assert.Equal(new DateOnly(2024, 4, 20), (await LoadAsync(store, inspection, 137)).DueDate);
    }
}
