namespace RectifyBot.Domain;

/// <summary>巡察: one inspection round of one organisation, with the plan that answers it.</summary>
public sealed class Inspection
{
    public int Id { get; set; }

    /// <summary>The plan's title, e.g. 县民政局党组落实县委第一巡察组巡察反馈意见整改工作实施方案.</summary>
    public required string Name { get; set; }

    /// <summary>The inspecting body, e.g. 县委第一巡察组.</summary>
    public string? InspectingBody { get; set; }

    /// <summary>The inspected organisation, e.g. 县民政局党组.</summary>
    public string? InspectedOrganisation { get; set; }

    /// <summary>反馈日期: the feedback meeting.</summary>
    public DateOnly? FeedbackDate { get; set; }

    public int? PrincipalLeaderId { get; set; }
    public Staff? PrincipalLeader { get; set; }

    /// <summary>The file the plan was imported from and its SHA-256, so a re-import of the same file changes nothing.</summary>
    public string? SourceFileName { get; set; }
    public string? SourceSha256 { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The demonstration inspection (示例): never kept beside a real plan.</summary>
    public bool IsDemo { get; set; }

    /// <summary>When the concentrated stage was declared over (集中整改阶段结束): long-term measures then move to Ongoing.</summary>
    public DateTime? ConcentratedStageClosedAt { get; set; }

    public List<Stage> Stages { get; set; } = [];
    public List<Aspect> Aspects { get; set; } = [];
    public List<Measure> Measures { get; set; } = [];

    /// <summary>The end of the concentrated stage (集中整改), which is the deadline of measures that state none.</summary>
    public DateOnly? ConcentratedStageEnd => Stages.Where(s => s.IsConcentrated).Select(s => s.End).FirstOrDefault();
}

/// <summary>A timetable stage (动员部署 / 推进落实 / 汇总上报 / 持续巩固) with its dates.</summary>
public sealed class Stage
{
    public int Id { get; set; }
    public int InspectionId { get; set; }
    public int Ordinal { get; set; }
    public required string Name { get; set; }
    public DateOnly? Start { get; set; }
    public DateOnly? End { get; set; }

    /// <summary>The concentrated-rectification stage: its end is the fallback deadline.</summary>
    public bool IsConcentrated { get; set; }
}

/// <summary>方面: the top level of a plan's problem list, （一）（二）….</summary>
public sealed class Aspect
{
    public int Id { get; set; }
    public int InspectionId { get; set; }
    public int Ordinal { get; set; }
    public required string Title { get; set; }
    public List<Problem> Problems { get; set; } = [];
}

/// <summary>问题: numbered 1. 2. … under an aspect.</summary>
public sealed class Problem
{
    public int Id { get; set; }
    public int AspectId { get; set; }
    public Aspect? Aspect { get; set; }
    public int Ordinal { get; set; }
    public required string Title { get; set; }
    public string Text { get; set; } = "";
    public List<Finding> Findings { get; set; } = [];
}

/// <summary>具体表现 (一是、二是…): the concrete shortcoming with its facts, which the measures answer.</summary>
public sealed class Finding
{
    public int Id { get; set; }
    public int ProblemId { get; set; }
    public Problem? Problem { get; set; }
    public int Ordinal { get; set; }
    public required string Title { get; set; }
    public string Text { get; set; } = "";
    public List<Measure> Measures { get; set; } = [];

    /// <summary>
    /// Whether a finding's title only says its problem's again, as a plan with no 一是、二是 under a problem gives it
    /// (the importer names such a finding by its problem): then it is not shown a second time.
    /// </summary>
    public static bool Repeats(string findingTitle, string problemTitle) => findingTitle.TrimEnd('。') == problemTitle.TrimEnd('。');
}
