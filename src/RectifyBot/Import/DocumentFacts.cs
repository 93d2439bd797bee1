using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Import;

/// <summary>What a document says about itself outside its problem list: dates, parties, totals, timetable, leadership group.</summary>
internal static partial class DocumentFacts
{
    /// <summary>The date of the feedback meeting: the full date written in the sentence that speaks of 反馈.</summary>
    public static DateOnly? FeedbackDate(IEnumerable<string> lines)
    {
        foreach (var sentence in Sentences(lines))
        {
            if (!sentence.Contains("反馈", StringComparison.Ordinal))
            {
                continue;
            }
            var feedbackAt = sentence.IndexOf("反馈", StringComparison.Ordinal);
            var full = ChineseDates.FindAll(sentence, DateOnly.MinValue).Where(m => FullDate().IsMatch(m.Text)).ToList();
            if (full.Count > 0)
            {
                // "2025年1月6日至2月28日…巡察，3月14日反馈了巡察意见": the day said last before 反馈, in the year the
                // sentence's first full date gives.
                var days = ChineseDates.FindAll(sentence, full[0].Date).Where(m => m.Text.TrimEnd().EndsWith('日') || m.Text.TrimEnd().EndsWith('号')).ToList();
                return (days.LastOrDefault(m => m.Index < feedbackAt) ?? full.LastOrDefault(m => m.Index < feedbackAt) ?? full[0]).Date;
            }
        }
        return null;
    }

    /// <summary>The earliest fully written date, to infer years when no feedback date is given.</summary>
    public static DateOnly? FirstFullDate(IEnumerable<string> lines) =>
        lines.SelectMany(l => ChineseDates.FindAll(l, DateOnly.MinValue)).Where(m => FullDate().IsMatch(m.Text))
            .Select(m => (DateOnly?)m.Date).FirstOrDefault();

    [GeneratedRegex(@"^\d{4}\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}", RegexOptions.CultureInvariant)]
    private static partial Regex FullDate();

    /// <summary>县委第一巡察组, 市委巡察二组.</summary>
    public static string? InspectingBody(IEnumerable<string> lines) => FirstMatch(lines, InspectingBodyPattern(), "body");

    /// <summary>The organisation inspected: "对县民政局党组开展了常规巡察" → 县民政局党组.</summary>
    public static string? InspectedOrganisation(IEnumerable<string> lines) => FirstMatch(lines, InspectedPattern(), "org");

    private static string? FirstMatch(IEnumerable<string> lines, Regex regex, string group) =>
        lines.Select(l => regex.Match(l)).FirstOrDefault(m => m.Success)?.Groups[group].Value;

    [GeneratedRegex(@"(?<body>(?:[省市县区州旗]委|中央)[\u4e00-\u9fff]{0,6}?巡[察视][\u4e00-\u9fff]{0,3}?组)", RegexOptions.CultureInvariant)]
    private static partial Regex InspectingBodyPattern();

    [GeneratedRegex(@"巡[察视][\u4e00-\u9fff]{0,3}?组[^，,。]{0,20}?(?:对(?<org>[\u4e00-\u9fff*X]{2,24}?)(?:开展了?|进行了?)|向(?<org>[\u4e00-\u9fff*X]{2,24}?)反馈)", RegexOptions.CultureInvariant)]
    private static partial Regex InspectedPattern();

    /// <summary>
    /// The lines after the last item, past its heading and its 整改情况, that count the problems and those done ("截至9月底，
    /// 巡察反馈的4个方面13个问题中，已完成整改10个…"): a report's closing paragraph, which the items' reading takes for the
    /// last item's words; or a plan's, that counts the problems and their measures ("以上共4个问题、细化措施11条"). (The last
    /// item's own account may count its own: "对上轮反馈的8个问题开展‘回头看’，其中6个已整改到位".)
    /// </summary>
    public static IEnumerable<string> ClosingTotals(IReadOnlyList<string> lines)
    {
        var last = lines.Count - 1;
        while (last >= 0 && LineMarker.Read(lines[last]).Kind == MarkerKind.None && !StatusReportReader.IsStatusLine(lines[last]))
        {
            last--;
        }
        return last < 0 ? [] : lines.Skip(last + 1).Where(l => ProblemCount().IsMatch(l) && (CompletedCount().IsMatch(l) || MeasureCount().IsMatch(l)));
    }

    /// <summary>
    /// The counts a document states: "3个方面26个突出问题", "反馈问题3个方面18个", "梳理问题3个方面7个", "3个方面问题7个", "涉及我院问题7个", "164项整改措施", "整改任务106个，
    /// 已完成98个", "正在整改7项", "阶段性完成4条", "完成率87.5%". Only these phrasings count: figures of people, rules,
    /// money or leads (45名, 制度12项, 230万元, 问题线索2条) never do. The first statement of each count wins.
    /// </summary>
    public static StatedTotals StatedTotals(IEnumerable<string> lines)
    {
        int? aspects = null, problems = null, measures = null, completed = null, inProgress = null, ongoing = null;
        decimal? rate = null;
        foreach (var read in lines)
        {
            // "8个问题中 己完成5个": a scan's 己 for 已.
            var said = read.Contains('己') ? StatusReportReader.Scanned(read) : read;
            // "已完成整改7个（其中2个需长期坚持），…持续整改1个": a breakdown of a count gives the long-term ones only where
            // the line states none of its own.
            var line = said.Contains("其中", StringComparison.Ordinal) ? Breakdown().Replace(said, "") : said;
            aspects ??= Count(AspectCount().Match(line));
            problems ??= Count(Total(ProblemCount().Matches(line), line));
            measures ??= Count(MeasureCount().Match(line));
            completed ??= Count(CompletedCount().Match(line));
            // "已完成整改9个，持续整改2个，长期坚持2个": counted beside what is kept up, 持续整改 is work still under way.
            var kept = OngoingCount().Matches(line);
            if (kept.FirstOrDefault(k => k.Value.Contains("持续整改", StringComparison.Ordinal)) is { } stillGoing && kept.FirstOrDefault(k => !k.Value.Contains("持续整改", StringComparison.Ordinal)) is { } keptUp)
            {
                inProgress ??= Count(stillGoing);
                ongoing ??= Count(keptUp);
            }
            // "已完成7个，基本完成1个，正在推进2个": those said to be under way, where the line also counts the nearly done apart.
            var going = InProgressCount().Matches(line);
            inProgress ??= Count(going.FirstOrDefault(g => !NearlyDone().IsMatch(g.Value)) ?? going.FirstOrDefault() ?? Match.Empty);
            ongoing ??= Count(kept.FirstOrDefault() ?? Match.Empty) ?? Count(OngoingCount().Match(said));
            rate ??= CompletionRate().Match(line) is { Success: true } r ? decimal.Parse(r.Groups["r"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        return new StatedTotals(aspects, problems, measures, completed, inProgress, ongoing, rate);
    }

    /// <summary>
    /// "涉及我公司的问题4个，…自查发现的问题1个，共梳理问题5个": of several counts in a line, the one said with 共 is the total.
    /// </summary>
    private static Match Total(MatchCollection counts, string line) =>
        counts.FirstOrDefault(c => c.Index > 0 && line.AsSpan(0, c.Index).TrimEnd().EndsWith("共")) ?? counts.FirstOrDefault() ?? Match.Empty;

    private static int? Count(Match m) =>
        m.Success ? ChineseNumber.Parse(m.Groups["n"].Captures[^1].Value) : null;

    private const string Number = @"(?<n>\d{1,4}|[一二三四五六七八九十百]{1,5})";

    private const string Unit = "(?:个|条|项|件)";

    // "3个方面", "共3类7个问题".
    [GeneratedRegex(Number + @"(?:个方面|类(?=\d{1,3}个问题))", RegexOptions.CultureInvariant)]
    private static partial Regex AspectCount();

    // "12个突出问题", "反馈问题12个", "反馈我局问题8个", "问题共计3个方面12个", "梳理出问题9个", "合计：整改问题14个".
    [GeneratedRegex(Number + Unit + @"(?:突出|具体|主要|反馈|共性|个性)?问题(?!线索)|(?:反馈|指出)(?:了)?(?:我[局委院校部办所站镇乡]|我单位|我中心)?(?:具体|突出|主要)?(?:问题|意见)(?:共)?(?:\d{1,3}个方面)?" + Number + Unit + @"(?!方面)|问题(?:共计|共)?\d{1,3}个方面" + Number + Unit + @"(?!方面)|\d{1,3}个方面问题(?:共)?" + Number + Unit + @"(?!方面)|问题(?:共|总数)" + Number + Unit + @"|整改问题(?:共计|共)?" + Number + Unit + @"(?!方面)|(?:涉及|梳理出?|查摆出?|查找出?|发现|共有)[\u4e00-\u9fff]{0,4}?问题(?:共)?" + Number + Unit + @"(?!方面)", RegexOptions.CultureInvariant)]
    private static partial Regex ProblemCount();

    // "…制定了具体措施，共12条" too; a recheck's "制定巩固提升措施10条"; "细化具体措施10条", "细化为38项具体任务"; "共5个问题、11条措施",
    // after the problems.
    [GeneratedRegex(Number + Unit + @"(?:具体)?整改(?:措施|任务|事项)|(?<=个问题[、，,和]\s?)" + Number + Unit + @"(?:具体|整改)?措施|整改(?:措施|任务|事项)(?:共)?" + Number + Unit + @"|(?:具体|整改)措施[，,]共" + Number + Unit + @"|(?:制定|明确|提出|细化)(?:了)?[\u4e00-\u9fff]{0,4}?措施(?:共)?" + Number + Unit + @"|(?:细化|分解)(?:为|成)" + Number + Unit + @"(?:具体|整改)(?:措施|任务)", RegexOptions.CultureInvariant)]
    private static partial Regex MeasureCount();

    // "已完成整改40项", "已整改完成6个", "已整改到位并销号的8个", "7个已完成整改", "已办结7个", "已完成整改措施22条".
    [GeneratedRegex(@"已(?:经)?(?:完成|整改)(?:整改)?(?:完成|到位)?(?:并销号|予以销号)?(?:措施)?(?:的)?" + Number + Unit + @"|完成整改" + Number + Unit + @"|已(?:销号|办结)(?:的)?" + Number + Unit + @"|" + Number + Unit + @"已(?:完成整改|整改完成|整改到位|销号)", RegexOptions.CultureInvariant)]
    private static partial Regex CompletedCount();

    [GeneratedRegex(@"(?:正在(?:持续)?整改|正在(?:加紧|加快)?(?:推进|办理)(?:整改)?|持续推进|整改中|推进中|阶段性完成(?:暂缓销号|、?继续整改)?|基本完成|部分整改)(?:的)?" + Number + Unit + @"|" + CountFirst + Number + Unit + @"(?:(?:正在|仍在|按计划|持续|加快|加紧){1,2}(?:整改|推进)中?|(?:整改|推进)中|阶段性完成|基本完成|部分整改)", RegexOptions.CultureInvariant)]
    private static partial Regex InProgressCount();

    // "已完成9个正在整改3个长期坚持2个", run together in a 合计 row: a count right after a status word is that word's, not
    // the next one's.
    private const string CountFirst = "(?<!完成|整改|推进|坚持|启动|到位|整改中|推进中)";

    [GeneratedRegex("基本完成|阶段性完成|部分整改", RegexOptions.CultureInvariant)]
    private static partial Regex NearlyDone();

    [GeneratedRegex(@"[(（]其中[^()（）]*[)）]", RegexOptions.CultureInvariant)]
    private static partial Regex Breakdown();

    // "需长期坚持1个", "需常态化推进1个", "需长期坚持、持续整改的1个", "2个需长期坚持", "持续整改1个" (an item's 持续整改 is ongoing too),
    // "有3个已建立长效机制、需长期坚持", "需长期坚持整改1个".
    [GeneratedRegex(@"(?:需|需要)?(?:长期坚持|常态化推进|常态化|持续整改)(?:整改)?(?:[、和]持续整改)?(?:的)?" + Number + Unit + @"|" + CountFirst + Number + Unit + @"(?:[^，。；,;、\d][^，。；,;、\d]{0,11}?、)?(?:需|需要)?(?:长期坚持|常态化推进)", RegexOptions.CultureInvariant)]
    private static partial Regex OngoingCount();

    [GeneratedRegex(@"(?:完成|办结)率(?:为|达|达到)?\s*(?<r>\d{1,3}(?:\.\d{1,2})?)\s*[%％]", RegexOptions.CultureInvariant)]
    private static partial Regex CompletionRate();

    /// <summary>The timetable: each line of the stages section that names a 阶段 and gives its dates.</summary>
    public static IReadOnlyList<ParsedStage> Stages(IEnumerable<string> lines, DateOnly reference)
    {
        var stages = new List<ParsedStage>();
        foreach (var line in lines)
        {
            var m = StageHeading().Match(LineMarker.Read(line).Rest);
            if (!m.Success || !m.Groups["stage"].Success)
            {
                continue;
            }
            var when = m.Groups["when"].Value;
            var dates = ChineseDates.FindAll(when, reference);
            if (dates.Count == 0)
            {
                continue;
            }
            var openEnded = OpenEnded().IsMatch(when);
            var start = dates.Count > 0 && !(dates.Count == 1 && EndOnly().IsMatch(when)) ? dates[0].Date : (DateOnly?)null;
            var end = dates.Count > 1 ? dates[^1].Date : dates.Count == 1 && !openEnded ? dates[0].Date : (DateOnly?)null;
            stages.Add(new ParsedStage(m.Groups["name"].Value, start, end));
        }
        return stages;
    }

    /// <summary>
    /// The concentrated stage said in a sentence rather than a timetable: "集中整改原则上于2025年9月底前完成",
    /// "力争2025年9月底前集中整改任务基本完成". Null when no line says so.
    /// </summary>
    public static ParsedStage? StageInProse(IEnumerable<string> lines, DateOnly reference) => lines
        .Select(line => StageSentence().Match(line))
        .Where(m => m.Success)
        .Select(m => ChineseDates.FindAll(m.Groups["when"].Value, reference) is [var date, ..] ? new ParsedStage("集中整改", null, date.Date) : null)
        .FirstOrDefault(s => s is not null);

    [GeneratedRegex(@"集中整改(?:阶段|任务|工作)?[^。；;，,]{0,6}?(?:于|在|到)(?<when>(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|末)?)(?:前|以前|之前)(?:基本|全部)?(?:完成|结束)|(?<when>(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|末)?)(?:前|以前|之前)集中整改(?:阶段|任务|工作)?(?:基本|全部)?(?:完成|结束)", RegexOptions.CultureInvariant)]
    private static partial Regex StageSentence();

    /// <summary>
    /// The end of the concentrated stage (集中整改, 推进落实): the due date of a measure that states none.
    /// Without such a name, the last stage with an end date before a 巩固 stage.
    /// </summary>
    public static DateOnly? ConcentratedStageEnd(IReadOnlyList<ParsedStage> stages) =>
        stages.FirstOrDefault(s => ConcentratedName().IsMatch(s.Name) && s.End is not null)?.End
        ?? stages.Where(s => s.End is not null && !s.Name.Contains("巩固", StringComparison.Ordinal)).Select(s => s.End).Max();

    // "（二）推进落实阶段（8月11日——10月20日）", "第一阶段：动员部署（…）", "1.集中整改阶段：8月11日至10月20日。"
    [GeneratedRegex(@"^(?<stage>第[一二三四五六七八九十\d]{1,2}阶段\s*[:：]?\s*)?(?<name>[^(（:：，,。]{2,12}?)(?<stage>阶段)?(?:\s*[(（](?<when>[^)）]+)[)）]|\s*[:：。,，]\s*(?<when>[^。;；]{0,60}))", RegexOptions.CultureInvariant)]
    private static partial Regex StageHeading();

    [GeneratedRegex(@"之后|以后|起", RegexOptions.CultureInvariant)]
    private static partial Regex OpenEnded();

    [GeneratedRegex(@"前|之前|以前|截至|截止", RegexOptions.CultureInvariant)]
    private static partial Regex EndOnly();

    [GeneratedRegex(@"集中整改|推进落实|整改落实|集中攻坚|整改实施", RegexOptions.CultureInvariant)]
    private static partial Regex ConcentratedName();

    /// <summary>
    /// The leadership group: "由局党组书记、局长巨伟同志任组长", "由陈奇奇同志兼任办公室主任", "班子成员任副组长",
    /// or one line per role, "组长：张三（局党组书记）".
    /// </summary>
    public static IReadOnlyList<SuggestedStaff> Staff(IEnumerable<string> lines)
    {
        var staff = new List<SuggestedStaff>();
        foreach (var sentence in Sentences(lines))
        {
            foreach (Match m in StaffList().Matches(sentence))
            {
                // "组长：张三（局党组书记）、李四": a role followed by names, each with an optional position.
                foreach (var who in Parenthesised().Replace(m.Groups["who"].Value, "").Split(['、', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    staff.Add(new SuggestedStaff(who.Replace("同志", "", StringComparison.Ordinal), m.Groups["role"].Value));
                }
            }
            foreach (Match m in StaffRole().Matches(sentence))
            {
                var who = m.Groups["who"].Value;
                var named = PersonName().Match(who);
                staff.Add(named.Success
                    ? new SuggestedStaff(named.Groups["name"].Value, m.Groups["role"].Value)
                    : new SuggestedStaff(null, $"{m.Groups["role"].Value}（{who.TrimStart('由')}）"));
            }
        }
        return staff;
    }

    [GeneratedRegex(@"^(?<role>常务副组长|副组长|组长|办公室副主任|办公室主任)\s*[:：]\s*(?<who>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex StaffList();

    /// <summary>A note in brackets: "（局党组书记）", "（含基本完成）".</summary>
    [GeneratedRegex(@"[(（][^)）]*[)）]", RegexOptions.CultureInvariant)]
    internal static partial Regex Parenthesised();

    [GeneratedRegex(@"(?<who>[^,，;；。]{2,30}?)(?:兼任|担任|任)(?<role>常务副组长|副组长|组长|办公室副主任|办公室主任|成员)", RegexOptions.CultureInvariant)]
    private static partial Regex StaffRole();

    // Two-character names are the common case; a position word before the name (局长, 书记) is not part of it.
    [GeneratedRegex(@"(?:^|[、由]|局长|书记|主任|组长)(?<name>[\u4e00-\u9fff]{2,3}?)同志", RegexOptions.CultureInvariant)]
    private static partial Regex PersonName();

    private static IEnumerable<string> Sentences(IEnumerable<string> lines) =>
        lines.SelectMany(l => l.Split(['。', ';', '；'], StringSplitOptions.RemoveEmptyEntries));
}
