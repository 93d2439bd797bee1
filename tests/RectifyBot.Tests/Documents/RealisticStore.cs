using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Documents;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Documents;

/// <summary>
/// A store as an office has it two months into the work (fictional): 24 measures over 3 aspects and 6 problems,
/// written in a plan's words (a heading clause, then who leads and how), most of them with updates typed on a phone
/// ("今天…，附现场照片", "请审核"), some done and closed, a few never touched, one problem whose title carries its
/// own quotes, and two measures no unit was named for until one claimed them.
/// </summary>
public sealed class RealisticStore : IAsyncLifetime
{
    public static readonly DateOnly AsOf = new(2023, 11, 21);

    /// <summary>Measures nobody recorded anything for.</summary>
    public static readonly int[] Silent = [6, 12, 18, 23];

    public TestStore Store { get; private set; } = null!;
    public int InspectionId { get; private set; }
    public LedgerSnapshot Ledger { get; private set; } = null!;

    private static readonly (int Aspect, int Problem, string Title)[] Problems =
    [
        (1, 1, "学习贯彻习近平总书记关于民政工作的重要指示批示精神不深入"),
        (1, 2, "践行“民政为民、民政爱民”工作理念不到位的问题"),
        (2, 1, "殡葬领域监管存在薄弱环节"),
        (2, 2, "社会救助兜底保障不够精准"),
        (3, 1, "养老服务供给水平不高"),
        (3, 2, "“三公”经费管理不规范"),
    ];

    private static readonly string[] Units = ["办公室", "社会事务科", "社会救助科", "殡葬服务中心", "规划财务科", "低保中心"];

    /// <summary>(text, update as typed) for measures 1 to 24, four to a problem.</summary>
    private static readonly (string Text, string? Update)[] Measures =
    [
        ("常态化严格执行“第一议题”学习制度。由办公室牵头，完善党组中心组学习计划，建立学习研讨发言制度。", "今天党组会落实“第一议题”学习，已开展12次，形成贯彻措施9条。"),
        ("加强日常学习。由办公室对重要指示精神进行梳理，在党组会上再学习。", "已梳理重要指示精神3批，党组会再学习2次，附学习记录照片"),
        ("由机关支部牵头，参照党组学习制度，严格落实支部学习“第一议题”制度。", "支部学习“第一议题”已开展6次，请审核"),
        ("推进项目进度，强化督促检查。由社会事务科牵头，加强对陵园建设施工单位的常态化检查，采取重点抽查、随机暗访等方式。", "我们科已开展陵园建设检查4次，督促整改问题7个，附现场照片"),
        ("持续深化主动发现救助帮扶机制，由社会救助科会同低保中心每月主动运用大数据比对，建立问题台账，定期销号。", "完成第三季度大数据比对,发现疑似问题对象115户,已全部核实"),
        ("畅通群众问题反馈渠道。通过低保公示制度、村居务公开公布群众热线电话。", null),
        ("加强殡葬领域执法。对符合办理执法资格的人员，组织参加执法资格考试，及时办理执法证件。", "8名工作人员已参加执法资格考试，6人取得执法证件。"),
        ("持续开展“活人墓”排查整治。对违规新增的16座活人墓进行拆除，督促各乡镇切实履行属地管理责任。", "已对5个散埋点完成整治，拆除活人墓16座，附现场照片3张"),
        ("开展警示约谈。由分管负责人牵头，就“活人墓”整治不力问题对相关工作人员开展1次约谈。", "已对2名工作人员开展约谈～"),
        ("编制专项规划。启动编制城乡公益性安葬设施专项规划，每个乡镇原则上至少建设一个农村公益性公墓。", "专项规划初稿已完成，正在征求意见。"),
        ("由社会救助科会同低保中心，对低保动态调整不及时的115户逐一开展调查核实。", "115户已全部核实，调整保障待遇43户，停保12户。"),
        ("多样化开展政策宣传与培训。通过公众信息网、微信公众号加大救助政策宣传力度。", null),
        ("针对信访事件，由低保中心到乡镇进行定点督促指导，精准识别保障对象。", "已到2个乡镇定点指导，信访人已息访。"),
        ("持续抓好基层民政队伍行风建设。坚持问题导向，及时纠治基层民政工作人员作风问题。", "开展行风建设专项检查1次，通报问题3个"),
        ("聚焦群众养老期盼，加大调研力度。会同人大开展加快养老服务发展对策研究调研活动。", "调研报告已形成，谢谢"),
        ("聚焦养老服务发展，提升供给水平。对26个公建民营养老服务机构进行等级评定。", "26个机构等级评定已完成，评定二级以上机构9个。"),
        ("加强阵地管理。将35个社区养老服务站统一交由县中心敬老院运营维护。", "35个养老服务站已移交运营。"),
        ("进一步加大宣传力度。通过公众信息网宣传国家养老服务政策法规。", null),
        ("对2021年至2022年“三公”经费支出逐笔核查，形成专题报告报局党组。", "已逐笔核查“三公”经费支出，专题报告已报党组。"),
        ("修订《公务接待管理办法》和《公务用车管理制度》，严格执行审批程序。", "两项制度已修订印发。"),
        ("清退违规发放的津补贴，对相关责任人进行诫勉谈话。", "违规发放的津补贴2.6万元已全部清退,请领导审核!"),
        ("建立津补贴发放审核制度。由规划财务科牵头，每季度开展一次自查。", "第四季度自查已完成，未发现问题。"),
        ("“三公”经费预决算在局门户网站公开。", null),
        ("加强财务人员业务培训。每年组织财务人员参加业务培训不少于2次。", "已组织业务培训2次，参训28人次。"),
    ];

    public async Task InitializeAsync()
    {
        Store = await TestStore.CreateAsync(StoreProvider.Sqlite, TestClock.At("2023-09-01"));
        await using (var db = Store.NewContext())
        {
            var plan = new PlanBuilder("县民政局党组落实县委第一巡察组巡察反馈意见整改工作实施方案").ConversationsRoster();
            foreach (var (aspect, problem, title) in Problems)
            {
                plan.Problem(aspect, problem, title);
            }
            for (var n = 1; n <= Measures.Length; n++)
            {
                var (aspect, problem, _) = Problems[(n - 1) / 4];
                // The plan names no unit for 4 and 16: 社会事务科 claims 4; 16 stays unnamed though the office reports on it.
                var lead = n is 4 or 16 ? null : Units[(n - 1) % Units.Length];
                var deadline = n % 8 == 0
                    ? Deadline.LongTermFrom(new DateOnly(2023, 12, 31), Recurrence.Quarterly, "长期坚持")
                    : Deadline.On(new DateOnly(2023, n % 3 == 0 ? 10 : 12, 31), null);
                plan.Measure(n, lead: lead, deadline: deadline, text: Measures[n - 1].Text, path: (aspect, problem, 1 + (n - 1) % 2),
                    supporting: n == 5 ? "低保中心" : null);
            }
            InspectionId = (await plan.SaveAsync(db)).Id;
        }

        await using var scope = Store.Scope();
        var flow = scope.ServiceProvider.GetRequiredService<MeasureWorkflow>();
        var lina = await ActorAsync("李娜");
        var office = await ActorAsync("陈奇奇");
        async Task Do(Task<WriteResult> write)
        {
            var result = await write;
            Assert.True(result.Ok, result.Message);
            Store.Clock.Advance(TimeSpan.FromDays(2));
        }
        await Do(flow.ClaimAsync(lina, InspectionId, [4], coClaim: false, "test", default));
        for (var n = 1; n <= Measures.Length; n++)
        {
            if (Measures[n - 1].Update is not { } update)
            {
                continue;
            }
            var status = n % 5 == 0 ? MeasureStatus.Done : MeasureStatus.InProgress;
            await Do(flow.RecordProgressAsync(office, InspectionId, n, update, status, "test", default));
            if (n % 5 == 0)
            {
                await Do(flow.AddEvidenceAsync(office, InspectionId, n, $"第{n}项佐证.pdf", "application/pdf", new MemoryStream([(byte)n, 1, 2]), "test", default));
                await Do(flow.RequestCloseAsync(office, InspectionId, n, "已完成", "test", default));
                if (n % 10 == 0)
                {
                    await Do(flow.ReviewCloseAsync(office, InspectionId, n, approve: true, null, "test", default));
                }
            }
        }

        await using var read = Store.Scope();
        Ledger = (await read.ServiceProvider.GetRequiredService<LedgerLoader>().LoadAsync(InspectionId, AsOf, default))!;
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    private async Task<Actor> ActorAsync(string name)
    {
        await using var db = Store.NewContext();
        return Actor.From(await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Name == name));
    }
}
