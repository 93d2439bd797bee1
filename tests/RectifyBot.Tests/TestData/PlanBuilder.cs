using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Tests.TestData;

/// <summary>
/// Builds an inspection through the domain API: units with aliases, one aspect/problem/finding per distinct
/// path, measures with lead and supporting units and deadlines, and staff.
/// </summary>
public sealed class PlanBuilder(string name = "县民政局党组巡察整改实施方案")
{
    private readonly List<(string Name, string[] Aliases)> _units = [];
    private readonly List<MeasureSpec> _measures = [];
    private readonly List<(string Name, string? Unit, StaffRoles Roles)> _staff = [];
    private DateOnly? _stageEnd = new(2023, 10, 20);

    public sealed record MeasureSpec(int Number, string Text, string[] Leads, string[] Supporting, Deadline? Deadline,
        MeasureStatus Status, int Aspect, int Problem, int Finding, DateOnly? LastUpdate);

    public PlanBuilder Unit(string name, params string[] aliases)
    {
        _units.Add((name, aliases));
        return this;
    }

    public PlanBuilder Person(string name, string? unit, StaffRoles roles)
    {
        _staff.Add((name, unit, roles));
        return this;
    }

    private readonly Dictionary<(int, int), string> _problemTitles = [];

    /// <summary>Names a problem (by aspect and problem ordinal) instead of "问题1.1".</summary>
    public PlanBuilder Problem(int aspect, int problem, string title)
    {
        _problemTitles[(aspect, problem)] = title;
        return this;
    }

    public PlanBuilder StageEnd(DateOnly? end)
    {
        _stageEnd = end;
        return this;
    }

    public PlanBuilder Measure(int number, string? lead = null, string? due = null, MeasureStatus status = MeasureStatus.NotStarted,
        string? supporting = null, Deadline? deadline = null, string? text = null, (int, int, int)? path = null, string? lastUpdate = null)
    {
        var (a, p, f) = path ?? (1, 1, 1);
        _measures.Add(new MeasureSpec(number, text ?? $"第{number}项整改措施的内容。", lead is null ? [] : [lead],
            supporting is null ? [] : [supporting], deadline ?? (due is null ? null : Deadline.On(DateOnly.Parse(due), due)),
            status, a, p, f, lastUpdate is null ? null : DateOnly.Parse(lastUpdate)));
        return this;
    }

    /// <summary>The roster and units of ../shared/conversations.md.</summary>
    public PlanBuilder ConversationsRoster() => this
        .Unit("社会事务科", "社事科").Unit("社会救助科").Unit("办公室", "整改办").Unit("局党组")
        .Unit("殡葬服务中心", "县殡葬服务中心", "殡服中心").Unit("规划财务科", "局机关规划财务科").Unit("低保中心")
        .Person("李娜", "社会事务科", StaffRoles.Unit)
        .Person("王强", "社会救助科", StaffRoles.Unit)
        .Person("陈奇奇", "办公室", StaffRoles.Office)
        .Person("巨伟", "局党组", StaffRoles.Leader);

    public async Task<Inspection> SaveAsync(RectifyDbContext db)
    {
        db.BeginOperation("测试数据", actorId: null, summarise: true);
        var directory = new UnitDirectory(db);
        var units = new Dictionary<string, Unit>();
        foreach (var (unitName, aliases) in _units)
        {
            units[unitName] = await directory.GetOrCreateAsync(unitName, aliases, CancellationToken.None);
        }
        foreach (var (person, unit, roles) in _staff)
        {
            db.Staff.Add(new Staff { Name = person, Unit = unit is null ? null : units[unit], Roles = roles });
        }
        var inspection = new Inspection
        {
            Name = name,
            InspectingBody = "县委第一巡察组",
            InspectedOrganisation = "县民政局党组",
            FeedbackDate = new DateOnly(2023, 8, 3),
            CreatedAt = db.Clock.GetUtcNow().UtcDateTime,
            Stages = [new Stage { Ordinal = 1, Name = "推进落实", Start = new DateOnly(2023, 8, 4), End = _stageEnd, IsConcentrated = true }],
        };
        var findings = new Dictionary<(int, int, int), Finding>();
        foreach (var spec in _measures.OrderBy(m => m.Number))
        {
            var key = (spec.Aspect, spec.Problem, spec.Finding);
            if (!findings.TryGetValue(key, out var finding))
            {
                var aspect = inspection.Aspects.FirstOrDefault(x => x.Ordinal == spec.Aspect);
                if (aspect is null)
                {
                    aspect = new Aspect { Ordinal = spec.Aspect, Title = $"方面{spec.Aspect}" };
                    inspection.Aspects.Add(aspect);
                }
                var problem = aspect.Problems.FirstOrDefault(x => x.Ordinal == spec.Problem);
                if (problem is null)
                {
                    problem = new Problem { Ordinal = spec.Problem, Title = _problemTitles.GetValueOrDefault((spec.Aspect, spec.Problem), $"问题{spec.Aspect}.{spec.Problem}") };
                    aspect.Problems.Add(problem);
                }
                finding = new Finding { Ordinal = spec.Finding, Title = $"表现{spec.Aspect}.{spec.Problem}.{spec.Finding}", Text = "具体表现的事实和数字。" };
                problem.Findings.Add(finding);
                findings[key] = finding;
            }
            var measure = new Measure { Number = spec.Number, Text = spec.Text, Inspection = inspection };
            measure.SetDeadline(spec.Deadline ?? Deadline.Unstated(_stageEnd));
            if (spec.LastUpdate is { } last)
            {
                measure.NoteUpdate(last);
            }
            foreach (var s in WalkTo(spec.Status))
            {
                measure.MoveTo(s);
            }
            measure.Units.AddRange(spec.Leads.Select(l => new MeasureUnit { Unit = units[l], Role = UnitRole.Lead }));
            measure.Units.AddRange(spec.Supporting.Select(l => new MeasureUnit { Unit = units[l], Role = UnitRole.Supporting }));
            finding.Measures.Add(measure);
        }
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync();
        return inspection;
    }

    /// <summary>The workflow's own path to a status, so fixtures never hold a state the domain would refuse.</summary>
    private static IEnumerable<MeasureStatus> WalkTo(MeasureStatus target) => target switch
    {
        MeasureStatus.NotStarted => [],
        MeasureStatus.Closed => [MeasureStatus.InProgress, MeasureStatus.Done, MeasureStatus.Closed],
        _ => [target],
    };
}
