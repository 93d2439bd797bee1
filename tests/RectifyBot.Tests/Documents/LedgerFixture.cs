using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Documents;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Documents;

/// <summary>
/// A store with real recorded facts, written through the workflow on a moving clock: 51 was returned once and then
/// closed; 56 was claimed and awaits review; 60 had its deadline extended; 54 never started and is overdue; 32 is a
/// long-term measure whose quarterly check-in is missed; 49 is in progress.
/// </summary>
public sealed class LedgerFixture : IAsyncLifetime
{
    public static readonly DateOnly AsOf = new(2023, 11, 21);

    public TestStore Store { get; private set; } = null!;
    public int InspectionId { get; private set; }
    public LedgerSnapshot Ledger { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = await TestStore.CreateAsync(StoreProvider.Sqlite, TestClock.At("2023-10-09"));
        await using (var db = Store.NewContext())
        {
            var plan = await new PlanBuilder("县民政局党组落实县委第一巡察组巡察反馈意见整改工作实施方案").ConversationsRoster()
                .Measure(32, lead: "办公室", status: MeasureStatus.Ongoing, path: (1, 1, 1),
                    deadline: Deadline.LongTermFrom(new DateOnly(2023, 9, 30), Recurrence.Quarterly, "长期坚持，每季度报告"),
                    text: "将理论学习纳入党组会议第一议题，常态化开展学习研讨。")
                .Measure(49, lead: "办公室", due: "2023-12-31", path: (1, 1, 1),
                    text: "严格落实理论学习中心组学习制度，制定年度学习计划，每月至少集中学习1次。")
                .Measure(51, lead: "社会事务科", supporting: "殡葬服务中心", due: "2023-10-20", path: (2, 1, 1),
                    text: "对县殡葬服务中心收费情况开展专项检查，清退超标准收取的费用，公示收费项目和标准。")
                .Measure(54, lead: "社会救助科", due: "2023-10-20", path: (1, 2, 1),
                    text: "建立局属单位新媒体平台三审三校制度，开展一次全面排查。")
                .Measure(56, path: (2, 1, 2), text: "对未按期建成的乡镇公益性公墓逐一制定建设计划，限期建成投入使用。")
                .Measure(60, lead: "社会事务科", due: "2023-10-20", path: (2, 1, 2), text: "督促乡镇加快公益性公墓建设进度，按月调度。")
                .SaveAsync(db);
            InspectionId = plan.Id;
            await NameThePlanAsync(db);
        }

        await using var scope = Store.Scope();
        var flow = scope.ServiceProvider.GetRequiredService<MeasureWorkflow>();
        var lina = await ActorAsync("李娜");
        var office = await ActorAsync("陈奇奇");
        var leader = await ActorAsync("巨伟");
        async Task Do(Task<WriteResult> write)
        {
            var result = await write;
            Assert.True(result.Ok, result.Message);
            Store.Clock.Advance(TimeSpan.FromDays(1));
        }

        await Do(flow.RecordProgressAsync(lina, InspectionId, 51, "完成殡葬服务收费专项检查，清退超标准收费12.6万元。", MeasureStatus.InProgress, "test", default));
        await Do(flow.AddEvidenceAsync(lina, InspectionId, 51, "专项检查报告.pdf", "application/pdf", new MemoryStream([1, 2, 3]), "test", default));
        await Do(flow.RequestCloseAsync(lina, InspectionId, 51, "已完成检查和清退", "test", default));
        await Do(flow.ReviewCloseAsync(office, InspectionId, 51, approve: false, "缺少清退凭证", "test", default));
        await Do(flow.RecordProgressAsync(lina, InspectionId, 51, "在服务大厅公示收费项目和标准，补充清退凭证。", null, "test", default));
        await Do(flow.AddEvidenceAsync(lina, InspectionId, 51, "清退凭证.jpg", "image/jpeg", new MemoryStream([4, 5, 6]), "test", default));
        await Do(flow.RequestCloseAsync(lina, InspectionId, 51, "补充了清退凭证", "test", default));
        await Do(flow.ReviewCloseAsync(office, InspectionId, 51, approve: true, null, "test", default));

        await Do(flow.RecordProgressAsync(lina, InspectionId, 60, "已完成选址和土地预审。", MeasureStatus.InProgress, "test", default));
        await Do(flow.RequestExtensionAsync(lina, InspectionId, 60, new DateOnly(2023, 12, 15), "土地审批手续未办结", "test", default));
        await Do(flow.DecideExtensionAsync(leader, InspectionId, 60, approve: true, null, "test", default));

        Store.Clock.Now = new DateTimeOffset(2023, 11, 10, 10, 0, 0, TimeSpan.FromHours(8));
        await Do(flow.RecordProgressAsync(office, InspectionId, 49, "制定2023年度理论学习中心组学习计划，10月、11月各集中学习1次。", MeasureStatus.InProgress, "test", default));
        await Do(flow.ClaimAsync(lina, InspectionId, [56], coClaim: false, "test", default));
        await Do(flow.RecordProgressAsync(lina, InspectionId, 56, "2个乡镇公益性公墓已建成并投入使用。", MeasureStatus.Done, "test", default));
        await Do(flow.AddEvidenceAsync(lina, InspectionId, 56, "公墓验收照片.jpg", "image/jpeg", new MemoryStream([7, 8, 9]), "test", default));
        await Do(flow.RequestCloseAsync(lina, InspectionId, 56, "公墓已建成", "test", default));

        await using var read = Store.Scope();
        Ledger = (await read.ServiceProvider.GetRequiredService<LedgerLoader>().LoadAsync(InspectionId, AsOf, default))!;
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    public LedgerMeasure Measure(int number) => Ledger.Measures.Single(m => m.Number == number);

    private async Task<Actor> ActorAsync(string name)
    {
        await using var db = Store.NewContext();
        return Actor.From(await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Name == name));
    }

    /// <summary>Titles, leaders and owners as a real plan has them (the builder numbers them only).</summary>
    private async Task NameThePlanAsync(RectifyDbContext db)
    {
        db.BeginOperation("测试数据", actorId: null, summarise: true);
        var aspects = await db.Aspects.Where(a => a.InspectionId == InspectionId).Include(a => a.Problems).ThenInclude(p => p.Findings).ToListAsync();
        (string Aspect, (string Problem, (string Title, string Text)[] Findings)[] Problems)[] titles =
        [
            ("党的政治建设方面",
            [
                ("学习贯彻习近平新时代中国特色社会主义思想不够深入的问题", [("理论学习中心组学习制度落实不到位", "2022年理论学习中心组集中学习仅8次，低于规定次数。")]),
                ("落实意识形态工作责任制不到位", [("意识形态阵地管理不严", "局属单位微信公众号未落实三审三校制度。")]),
            ]),
            ("全面从严治党方面",
            [
                ("殡葬领域监管存在薄弱环节", [("殡葬服务收费不规范", "县殡葬服务中心存在超标准收取服务费的情况。"), ("公墓建设管理滞后", "2个乡镇公益性公墓未按期建成。")]),
            ]),
        ];
        foreach (var aspect in aspects)
        {
            var (title, problems) = titles[aspect.Ordinal - 1];
            aspect.Title = title;
            foreach (var problem in aspect.Problems)
            {
                (problem.Title, var findings) = problems[problem.Ordinal - 1];
                foreach (var finding in problem.Findings)
                {
                    (finding.Title, finding.Text) = findings[finding.Ordinal - 1];
                }
            }
        }
        var staff = await db.Staff.ToDictionaryAsync(s => s.Name);
        foreach (var m in await db.Measures.Where(m => m.InspectionId == InspectionId).ToListAsync())
        {
            (m.ResponsibleLeader, m.OwnerId) = m.Number switch
            {
                32 or 49 => ("党组书记", staff["陈奇奇"].Id),
                54 => (null, staff["王强"].Id),
                _ => ("分管副局长", (int?)staff["李娜"].Id),
            };
        }
        await db.SaveChangesAsync();
    }
}
