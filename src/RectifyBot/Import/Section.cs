using System.Text.RegularExpressions;

namespace RectifyBot.Import;

internal enum SectionRole { Problems, Stages, Leadership, General, Other }

/// <summary>A top-level 一、 section of a document, by line range, with what it is for.</summary>
internal sealed partial record Section(string Title, SectionRole Role, int Start, int End)
{
    public static List<Section> Split(IReadOnlyList<string> lines, int from)
    {
        var starts = new List<(int Index, string Title)>();
        var last = 0;
        for (var i = from; i < lines.Count; i++)
        {
            // "三、反馈问题及整改措施" then "一、党的建设…方面": numbering begun again inside a section heads its parts.
            if (LineMarker.Read(lines[i]) is { Kind: MarkerKind.Section } marker && (marker.Ordinal > last || starts.Count == 0 || RoleOf(starts[^1].Title) != SectionRole.Problems))
            {
                starts.Add((i, marker.Rest));
                last = marker.Ordinal;
            }
            else if (starts.Count > 0 && IsUnnumberedHeading(lines[i]))
            {
                starts.Add((i, lines[i]));
            }
        }
        return starts.Select((s, k) => new Section(s.Title, RoleOf(s.Title), s.Index, k + 1 < starts.Count ? starts[k + 1].Index : lines.Count)).ToList();
    }

    /// <summary>
    /// The lines holding the problem list: the bodies of the sections named for it (二、整改内容及措施). A document
    /// with no such section has its problems in its other sections, whose 一、 headings are then aspects, or,
    /// without sections at all, everywhere after the title.
    /// </summary>
    public static (List<string> Lines, bool SectionsAreAspects) ProblemArea(IReadOnlyList<string> lines, List<Section> sections, int from)
    {
        var problems = sections.Where(s => s.Role == SectionRole.Problems).ToList();
        // Each section's heading an item numbered in turn, its body under it.
        List<string> AsItems(List<Section> items) => [.. items.SelectMany((s, k) => s.Body(lines).Prepend($"{k + 1}.{s.Title}"))];
        // "一、关于…问题的整改情况" section after section, each of one problem, told in prose: each heading is an item.
        if (problems.Count >= 2 && problems.All(s => OneProblem().IsMatch(s.Title) && s.Body(lines).All(l => LineMarker.Read(l).Kind == MarkerKind.None)))
        {
            return (AsItems(problems), false);
        }
        // "一、…不规范。" over "整改进度：…", section after section: each heading is an item, its account under it (whatever
        // words the heading holds: "五、内部审计发现问题整改不彻底。").
        var items = sections.Where(s => s.Role is SectionRole.Problems or SectionRole.Other).ToList();
        if (items.Count >= 2 && items.All(s => s.Body(lines).FirstOrDefault() is { } first && StatusReportReader.IsStatusLine(first)))
        {
            return (AsItems(items), false);
        }
        // "一、村级财务管理不规范…。整改结果：…（已完成）" section after section: each heading an item whole on its line, and
        // what follows the last (公示时间, the signature) no part of it.
        if (sections.Count >= 2 && sections.All(s => StatusReportReader.StatesStatus(s.Title)
            && !s.Body(lines).Any(l => LineMarker.Read(l).Kind != MarkerKind.None || StatusReportReader.IsStatusLine(l))))
        {
            return ([.. sections.Select((s, k) => $"{k + 1}.{s.Title}")], false);
        }
        if (problems.Count > 0)
        {
            return (problems.SelectMany(s => s.Body(lines)).ToList(), false);
        }
        return sections.Count == 0
            ? (lines.Skip(from).ToList(), true)
            : (sections.Where(s => s.Role == SectionRole.Other).SelectMany(s => s.AllLines(lines)).ToList(), true);
    }

    /// <summary>
    /// "整改工作要求" alone on its line, unnumbered, after the numbered sections (the last problem's table): a heading of the
    /// plan's own, what follows it no problem's. Before them such a line ("整改总体情况") only opens the text.
    /// </summary>
    private static bool IsUnnumberedHeading(string line) =>
        line.Length <= 12 && LineMarker.Read(line).Kind == MarkerKind.None && !line.Any(c => "。；;，,：:、".Contains(c))
        && RoleOf(line) is SectionRole.General or SectionRole.Stages or SectionRole.Leadership;

    /// <summary>The section's lines after its heading.</summary>
    public IEnumerable<string> Body(IReadOnlyList<string> lines) => lines.Skip(Start + 1).Take(End - Start - 1);

    /// <summary>The heading and the lines after it.</summary>
    public IEnumerable<string> AllLines(IReadOnlyList<string> lines) => lines.Skip(Start).Take(End - Start);

    /// <summary>
    /// A section's role by its heading: of a run-in heading ("二、严格督查考核。整改办实行…将整改情况纳入考核")
    /// only the words before the first full stop, so the prose after it does not name the section.
    /// </summary>
    private static SectionRole RoleOf(string title) => RoleOfHeading(title.Split('。')[0]);

    private static SectionRole RoleOfHeading(string title) =>
        // "三、领导班子和干部队伍建设方面", "一、…和市委工作要求方面": an aspect of the problems, whatever words it holds; so is
        // one saying what falls short ("一、贯彻落实…省委工作要求有差距").
        AspectHeading().IsMatch(title) || (Shortfall().IsMatch(title) && !ProblemWords().IsMatch(title)) ? SectionRole.Other
        : NotProblems().IsMatch(title) ? (StageWords().IsMatch(title) ? SectionRole.Stages : LeadershipWords().IsMatch(title) ? SectionRole.Leadership : SectionRole.General)
        : ProblemWords().IsMatch(title) ? SectionRole.Problems
        : StageWords().IsMatch(title) ? SectionRole.Stages
        : LeadershipWords().IsMatch(title) ? SectionRole.Leadership
        : GeneralWords().IsMatch(title) ? SectionRole.General
        : SectionRole.Other;

    // 逐项: "二、逐项自查情况", the problems one by one, in a 回头看 report.
    [GeneratedRegex(@"整改内容|整改措施|整改任务|整改问题|问题及措施|问题清单|存在问题|反馈问题|主要问题|整改事项|问题的整改|问题整改|整改情况|整改落实情况|整改进展|整改落实|逐项", RegexOptions.CultureInvariant)]
    private static partial Regex ProblemWords();

    [GeneratedRegex(@"^关于.{2,80}问题的整改(?:落实情况|情况|进展)$", RegexOptions.CultureInvariant)]
    private static partial Regex OneProblem();

    [GeneratedRegex(@"方面(?:的?问题|存在的问题)?[。：:]?$", RegexOptions.CultureInvariant)]
    private static partial Regex AspectHeading();

    [GeneratedRegex(@"(?:有差距|不到位|不够[\u4e00-\u9fff]{0,4}|不力|不严|不实|薄弱环节|短板)$", RegexOptions.CultureInvariant)]
    private static partial Regex Shortfall();

    [GeneratedRegex(@"线索|组织情况|组织领导|步骤|时间安排|进度安排|需要进一步|下一步|工作要求", RegexOptions.CultureInvariant)]
    private static partial Regex NotProblems();

    [GeneratedRegex(@"步骤|时间安排|进度安排|阶段安排|时间节点", RegexOptions.CultureInvariant)]
    private static partial Regex StageWords();

    [GeneratedRegex(@"组织领导|领导小组|组织保障|组织机构", RegexOptions.CultureInvariant)]
    private static partial Regex LeadershipWords();

    [GeneratedRegex(@"总体要求|指导思想|工作目标|基本原则|工作要求|保障措施|整改目标|工作原则|总体情况|工作开展情况", RegexOptions.CultureInvariant)]
    private static partial Regex GeneralWords();
}
