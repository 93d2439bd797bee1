using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;
using RectifyBot.Store;

namespace RectifyBot.Rectification;

/// <summary>
/// A demonstration inspection for an empty store, so that a fresh server answers "社会事务科有哪些逾期的" with
/// something real. Everything is fictional and marked 示例; deadlines are set relative to today so the mix of
/// overdue, due-soon and done work is the same whatever day the demo starts. The demo people sign in on the
/// web with the password <see cref="Password"/>, so the demo is added only when asked (the server's --demo, or
/// rectifybot demo) and never lives beside real data: the first real plan imported removes it
/// (<see cref="RemoveAsync"/>), in the import's own transaction.
/// </summary>
public sealed class DemoData(RectifyDbContext db, OrganisationClock clock)
{
    public const string Password = "demo";

    private sealed record DemoMeasure(string Text, string Lead, string? Supporting, int DueInDays, MeasureStatus Status, string? Update = null, Recurrence? Every = null, bool LongTerm = false);

    private sealed record DemoFinding(string Title, string Text, DemoMeasure[] Measures);

    private sealed record DemoProblem(string Title, DemoFinding[] Findings);

    private sealed record DemoAspect(string Title, DemoProblem[] Problems);

    /// <summary>Instances starting together take turns (<see cref="StoreInitializer.OneAtATimeAsync"/>), so one seeds.</summary>
    public Task<bool> SeedIfEmptyAsync(CancellationToken ct) => db.OneAtATimeAsync(SeedAloneAsync, ct);

    private async Task<bool> SeedAloneAsync(CancellationToken ct)
    {
        if (await db.Inspections.AnyAsync(ct))
        {
            return false;
        }
        var today = clock.Today;
        db.BeginOperation("示例数据", actorId: null, summarise: true);
        var units = new Dictionary<string, Unit>();
        foreach (var (name, aliases) in Units)
        {
            var unit = new Unit { Name = name, Aliases = aliases.Select(a => new UnitAlias { Alias = a }).ToList(), IsDemo = true };
            units[name] = unit;
            db.Units.Add(unit);
        }
        var hash = PasswordHasher.Hash(Password);
        var staff = People.Select(p => new Staff { Name = p.Name, Unit = units[p.Unit], Roles = p.Roles, WebLogin = p.Login, PasswordHash = hash, IsDemo = true }).ToList();
        db.Staff.AddRange(staff);

        var inspection = new Inspection
        {
            Name = "（示例）县民政局党组落实县委巡察反馈意见整改方案",
            InspectingBody = "县委第二巡察组（示例）",
            InspectedOrganisation = "县民政局党组（示例）",
            FeedbackDate = today.AddDays(-100),
            PrincipalLeader = staff.Single(s => s.Roles.HasFlag(StaffRoles.Leader)),
            CreatedAt = clock.Time.GetUtcNow().UtcDateTime,
            IsDemo = true,
            Stages =
            [
                new Stage { Ordinal = 1, Name = "动员部署", Start = today.AddDays(-100), End = today.AddDays(-90) },
                new Stage { Ordinal = 2, Name = "集中整改", Start = today.AddDays(-89), End = today.AddDays(-10), IsConcentrated = true },
                new Stage { Ordinal = 3, Name = "持续巩固", Start = today.AddDays(-9), End = today.AddDays(180) },
            ],
        };
        var number = 0;
        var author = staff.ToDictionary(s => s.Unit!.Name);
        foreach (var (aspect, a) in Plan.Select((x, i) => (x, i + 1)))
        {
            var aspectRow = new Aspect { Ordinal = a, Title = aspect.Title };
            foreach (var (problem, p) in aspect.Problems.Select((x, i) => (x, i + 1)))
            {
                var problemRow = new Problem { Ordinal = p, Title = problem.Title };
                foreach (var (finding, f) in problem.Findings.Select((x, i) => (x, i + 1)))
                {
                    var findingRow = new Finding { Ordinal = f, Title = finding.Title, Text = finding.Text };
                    foreach (var spec in finding.Measures)
                    {
                        findingRow.Measures.Add(Build(++number, spec, inspection, units, author.GetValueOrDefault(spec.Lead), today));
                    }
                    problemRow.Findings.Add(findingRow);
                }
                aspectRow.Problems.Add(problemRow);
            }
            inspection.Aspects.Add(aspectRow);
        }
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Marks the demo for deletion in <paramref name="db"/>, to go in the caller's save: the demo inspection with
    /// everything recorded on it, the demo people (so their sign-ins and chat accounts stop working at once) and
    /// what the bot remembered of their conversations, and the demo's units unless the real plan or a real person
    /// uses them. Returns a sentence for the import's summary, or null when there was no demo.
    /// </summary>
    public static async Task<string?> RemoveAsync(RectifyDbContext db, IReadOnlyCollection<Unit> keepUnits, CancellationToken ct)
    {
        var inspections = await db.Inspections.Where(i => i.IsDemo)
            .Include(i => i.Stages).Include(i => i.Aspects).ThenInclude(a => a.Problems).ThenInclude(p => p.Findings)
            .Include(i => i.Measures).ThenInclude(m => m.Units)
            .Include(i => i.Measures).ThenInclude(m => m.Claims).Include(i => i.Measures).ThenInclude(m => m.Updates)
            .Include(i => i.Measures).ThenInclude(m => m.Evidence).Include(i => i.Measures).ThenInclude(m => m.Extensions)
            .Include(i => i.Measures).ThenInclude(m => m.CloseRequests)
            .AsSplitQuery().ToListAsync(ct);
        var people = await db.Staff.Where(s => s.IsDemo).ToListAsync(ct);
        if (inspections.Count == 0 && people.Count == 0)
        {
            return null;
        }
        // Measures first: a finding's measures are not deleted with it (the store refuses), only with their inspection.
        db.Measures.RemoveRange(inspections.SelectMany(i => i.Measures));
        db.Inspections.RemoveRange(inspections);
        db.Staff.RemoveRange(people);
        var accounts = people.SelectMany(p => new[] { ("web", p.WebLogin), ("wecom", p.WeComId), ("teams", p.TeamsId) })
            .Where(a => a.Item2 is not null).Select(a => a.Item1 + ":" + a.Item2).ToList();
        db.ConversationStates.RemoveRange(await db.ConversationStates.Where(c => accounts.Contains(c.Channel + ":" + c.UserKey)).ToListAsync(ct));
        var demoIds = people.Select(p => p.Id).ToList();
        foreach (var unit in await db.Units.Where(u => u.IsDemo).Include(u => u.Aliases).ToListAsync(ct))
        {
            if (keepUnits.Contains(unit) || await db.Staff.AnyAsync(s => s.UnitId == unit.Id && !demoIds.Contains(s.Id), ct))
            {
                unit.IsDemo = false;
            }
            else
            {
                db.Units.Remove(unit);
            }
        }
        return $"已移除示例数据（示例巡察和{people.Count}名示例人员，示例账号不能再登录）。";
    }

    private Measure Build(int number, DemoMeasure spec, Inspection inspection, Dictionary<string, Unit> units, Staff? author, DateOnly today)
    {
        var due = today.AddDays(spec.DueInDays);
        var m = new Measure { Number = number, Text = spec.Text, Inspection = inspection, ResponsibleLeader = "分管领导" };
        m.SetDeadline(spec.LongTerm ? Deadline.LongTermFrom(due, Recurrence.Quarterly, "长期坚持，每季度报告")
            : spec.Every is { } every ? Deadline.Every(every, due, every == Recurrence.Monthly ? "每月" : "每季度")
            : Deadline.On(due, $"{due:yyyy年M月d日}前"));
        m.Units.Add(new MeasureUnit { Unit = units[spec.Lead], Role = UnitRole.Lead });
        if (spec.Supporting is { } supporting)
        {
            m.Units.Add(new MeasureUnit { Unit = units[supporting], Role = UnitRole.Supporting });
        }
        if (spec.Update is { } text)
        {
            var on = today.AddDays(-3 - (number % 7));
            m.Updates.Add(new ProgressUpdate { Staff = author, At = on.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc), On = on, Text = text, StatusTo = spec.Status, Channel = "demo" });
            m.NoteUpdate(on);
        }
        foreach (var step in spec.Status switch
                 {
                     MeasureStatus.InProgress => [MeasureStatus.InProgress],
                     MeasureStatus.Done => [MeasureStatus.Done],
                     MeasureStatus.Ongoing => [MeasureStatus.Ongoing],
                     MeasureStatus.Closed => new[] { MeasureStatus.Done, MeasureStatus.Closed },
                     _ => [],
                 })
        {
            m.MoveTo(step);
        }
        return m;
    }

    private static readonly (string Name, string[] Aliases)[] Units =
    [
        ("办公室", ["局办公室", "整改办"]),
        ("社会事务科", ["社事科"]),
        ("社会救助科", ["救助科"]),
        ("养老服务科", ["养老科"]),
        ("规划财务科", ["局机关规划财务科", "财务科"]),
        ("殡葬服务中心", ["县殡葬服务中心", "殡服中心"]),
        ("低保中心", ["县低保中心"]),
        ("局党组", []),
    ];

    private static readonly (string Name, string Unit, StaffRoles Roles, string Login)[] People =
    [
        ("李娜", "社会事务科", StaffRoles.Unit, "lina"),
        ("王强", "社会救助科", StaffRoles.Unit, "wangqiang"),
        ("赵敏", "养老服务科", StaffRoles.Unit, "zhaomin"),
        ("孙磊", "规划财务科", StaffRoles.Unit, "sunlei"),
        ("周洁", "殡葬服务中心", StaffRoles.Unit, "zhoujie"),
        ("陈奇奇", "办公室", StaffRoles.Office, "chenqq"),
        ("巨伟", "局党组", StaffRoles.Leader, "juwei"),
    ];

    private static readonly DemoAspect[] Plan =
    [
        new("（示例）落实全面从严治党主体责任不够到位",
        [
            new("理论学习走过场，学用结合不紧",
            [
                new("一是党组理论学习中心组学习计划性不强", "（示例）全年中心组集体学习少于规定次数，研讨发言以念稿为主，未结合民政业务提出贯彻举措。",
                [
                    new("修订党组理论学习中心组年度学习计划，明确每季度不少于一次专题研讨。由办公室牵头。", "办公室", null, -40, MeasureStatus.Done, "已印发年度学习计划，完成两次专题研讨。"),
                    new("建立学习研讨发言点评制度，每次学习指定一名领导点评并形成贯彻措施清单。", "办公室", null, 5, MeasureStatus.InProgress, "已起草点评制度，待党组会审议。"),
                ]),
                new("二是支部学习制度执行不严格", "（示例）机关支部“三会一课”记录不全，部分党员学习笔记缺失。",
                [
                    new("开展“三会一课”记录专项检查，对缺失记录限期补齐。", "办公室", null, -12, MeasureStatus.InProgress, "已检查3个支部，发现记录缺失5处。"),
                    new("每月通报支部学习情况，纳入年度党建考核。", "办公室", null, 20, MeasureStatus.Ongoing, "已通报10月情况。", Recurrence.Monthly),
                ]),
            ]),
            new("廉政风险防控存在薄弱环节",
            [
                new("一是公务接待审批不规范", "（示例）抽查发现部分公务接待无公函、无清单，超标准接待2次。",
                [
                    new("全面清理近三年公务接待台账，对超标准接待问题追责问责并退赔。由规划财务科牵头，办公室配合。", "规划财务科", "办公室", -25, MeasureStatus.NotStarted),
                    new("修订公务接待管理办法，实行“一事一函一清单”。", "规划财务科", null, 12, MeasureStatus.InProgress, "办法初稿已征求意见。"),
                ]),
                new("二是专项资金监管不严", "（示例）部分临时救助资金发放审核把关不严，存在重复发放情况。",
                [
                    new("对近两年临时救助资金逐笔复核，追回重复发放资金。由社会救助科牵头，低保中心配合。", "社会救助科", "低保中心", -30, MeasureStatus.InProgress, "已复核1200笔，追回资金2.3万元。"),
                    new("建立救助资金发放“双人审核”机制，每季度开展一次抽查。", "社会救助科", null, 30, MeasureStatus.Ongoing, "已开展第一次抽查。", Recurrence.Quarterly),
                ]),
            ]),
        ]),
        new("（示例）履行民政职责不够到位",
        [
            new("殡葬改革推进缓慢",
            [
                new("一是公益性公墓建设滞后", "（示例）新建公益性公墓未按期开工，群众安葬需求得不到满足。",
                [
                    new("成立公益性公墓建设工作专班，倒排工期，每月调度一次。由社会事务科牵头。", "社会事务科", null, -18, MeasureStatus.InProgress, "专班已成立，完成选址论证。"),
                    new("完成公墓一期建设并投入使用。由社会事务科牵头，殡葬服务中心配合。", "社会事务科", "殡葬服务中心", 3, MeasureStatus.InProgress, "一期主体工程完成80%。"),
                    new("开展散埋乱葬专项整治，建立整治台账，逐一销号。", "社会事务科", null, -5, MeasureStatus.NotStarted),
                ]),
                new("二是殡葬服务收费不透明", "（示例）殡葬服务中心收费项目未全部公示，个别项目超标准收费。",
                [
                    new("在服务大厅和网站公示全部收费项目和标准，接受群众监督。", "殡葬服务中心", null, -60, MeasureStatus.Closed, "已在大厅和网站公示收费项目26项。"),
                    new("对超标准收费逐一清退，并对责任人进行约谈。", "殡葬服务中心", null, 8, MeasureStatus.Done, "已清退超收费用4笔共3200元。"),
                ]),
            ]),
            new("养老服务监管不到位",
            [
                new("一是养老机构安全隐患排查不彻底", "（示例）部分养老机构消防设施老化，隐患整改不及时。",
                [
                    new("对全县养老机构开展消防安全全覆盖排查，建立隐患清单，限期整改。由养老服务科牵头。", "养老服务科", null, -8, MeasureStatus.InProgress, "已排查12家，发现隐患23处，整改15处。"),
                    new("建立养老机构安全管理长效机制，每季度开展一次联合检查。", "养老服务科", null, 40, MeasureStatus.Ongoing, "已制定长效机制。", LongTerm: true),
                    new("完善养老服务补贴发放程序，实行季度公示。", "养老服务科", null, 6, MeasureStatus.NotStarted),
                ]),
            ]),
        ]),
    ];
}
