using System.Globalization;
using RectifyBot.Domain;
using RectifyBot.Text;
using static RectifyBot.Documents.LedgerText;

namespace RectifyBot.Documents;

/// <summary>What a paragraph of the report is: the layout gives each kind its font and indent.</summary>
public enum ReportPart
{
    Addressee,
    Body,
    Heading1,
    Heading2,
    /// <summary>A place the office completes by hand (what the store cannot know: meetings, documents), marked in the file.</summary>
    ForOffice,
    AnnexNote,
    Signature,
}

/// <summary>A paragraph of the report; <paramref name="ProblemId"/> marks a problem's 整改情况 in section 二, the prose a model may polish.</summary>
public sealed record ReportParagraph(ReportPart Part, string Text, int? ProblemId = null);

/// <summary>A line of 附件 整改任务完成情况表.</summary>
public sealed record AnnexRow(int Number, string Action, string Units, string Deadline, string Status, string Progress);

/// <summary>
/// The 整改情况报告 as words, before layout: what <see cref="StatusReportDocument"/> prints, with each blank left
/// for the office described in <see cref="Blanks"/> and anything the office should know first in <see cref="Warnings"/>.
/// </summary>
public sealed record StatusReport(
    IReadOnlyList<string> TitleLines, IReadOnlyList<ReportParagraph> Paragraphs, IReadOnlyList<AnnexRow> Annex,
    IReadOnlyList<string> Blanks, IReadOnlyList<string> Warnings)
{
    public const string AnnexTitle = "整改任务完成情况表";
}

/// <summary>
/// Polishes a composed report's wording where a model is configured, keeping each paragraph whose rewrite cannot
/// be checked against the records as composed. Declared here and implemented in Drafting
/// (<see cref="Drafting.ReportParagraphDrafter"/>), which builds on the documents: the documents do not depend on
/// the drafters.
/// </summary>
public interface IReportPolisher
{
    /// <summary><paramref name="partial"/>, when given, is told which problem is being written and its text so far.</summary>
    Task<StatusReport> PolishAsync(LedgerSnapshot ledger, StatusReport report, CancellationToken ct, Action<string>? partial = null);
}

/// <summary>
/// Writes the 整改情况报告 from recorded facts only, the way offices' reports read (seeds/002, seeds/004): the
/// figures and timetable, then per problem what was done in each measure's own action words with the recorded
/// progress as report sentences, then what is still open, grouped; every measure's detail goes to the annex. A
/// fact the store does not have is a visible blank, and each blank is listed for the office. Kept apart from the
/// layout so that a model may polish the wording (<see cref="IReportPolisher"/>) without touching it.
/// </summary>
public sealed class StatusParagraphComposer
{
    /// <summary>How far past the plan's last deadline a report date may be before the office is warned.</summary>
    public const int FarPastDays = 90;

    /// <summary>Recorded updates a measure's 整改情况 tells at most (the latest); the ledger's 进展 sheet has them all.</summary>
    private const int UpdatesTold = 3;

    /// <summary>Measures without any record listed by their action in a problem's paragraph; more are only counted.</summary>
    private const int SilentListed = 3;

    public const string OfficeParagraph =
        "【请整改办补充：成立整改工作领导小组、召开专题会议和推进会、印发整改方案和制度文件等组织推动情况。】";

    public StatusReport Compose(LedgerSnapshot ledger)
    {
        var blanks = new List<string>();
        string Missing(string? value, string what)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
            blanks.Add(what);
            return Blank;
        }
        var i = ledger.Inspection;
        var organisation = Missing(i.InspectedOrganisation, "被巡察单位名称（标题、正文和落款）");
        var body = Missing(i.InspectingBody, "巡察组名称（标题和开头）");
        var feedback = Missing(i.FeedbackDate is { } d ? Date(d) : null, "巡察反馈日期（开头）");
        // The addressee (主送机关, GB/T 9704 7.3.2) is never recorded.
        var addressee = Missing(null, "主送机关（标题下第一行）");

        var paragraphs = new List<ReportParagraph>
        {
            new(ReportPart.Addressee, addressee + "："),
            new(ReportPart.Body, $"根据巡察工作安排，{body}于{feedback}向{organisation}反馈了巡察意见。" +
                $"现将截至{Date(ledger.AsOf)}的整改落实情况报告如下。"),
            new(ReportPart.Heading1, "一、整改工作总体情况"),
            new(ReportPart.Body, Overview(ledger)),
        };
        if (Timetable(ledger) is { } timetable)
        {
            paragraphs.Add(new(ReportPart.Body, timetable));
        }
        paragraphs.Add(new(ReportPart.ForOffice, OfficeParagraph));
        blanks.Add("一、整改工作总体情况中标注【】的一段：领导小组、专题会议、印发文件等组织推动情况");

        paragraphs.Add(new(ReportPart.Heading1, "二、反馈问题整改落实情况"));
        foreach (var aspect in ledger.Problems.GroupBy(p => (p.AspectOrdinal, p.AspectTitle)))
        {
            paragraphs.Add(new(ReportPart.Heading2, $"（{ChineseNumber.ToChinese(aspect.Key.AspectOrdinal)}）{aspect.Key.AspectTitle}"));
            foreach (var problem in aspect)
            {
                paragraphs.Add(new(ReportPart.Body, $"{problem.Ordinal}.{Heading(problem)}"));
                paragraphs.Add(new(ReportPart.Body, Progress(ledger.MeasuresOf(problem).ToList()), problem.Id));
            }
        }

        paragraphs.Add(new(ReportPart.Heading1, "三、存在的问题和下一步打算"));
        paragraphs.Add(new(ReportPart.Body, Remaining(ledger)));
        paragraphs.Add(new(ReportPart.Body, NextSteps(ledger)));

        paragraphs.Add(new(ReportPart.AnnexNote, $"附件：{StatusReport.AnnexTitle}"));
        paragraphs.Add(new(ReportPart.Signature, organisation));
        paragraphs.Add(new(ReportPart.Signature, Date(ledger.AsOf)));

        return new StatusReport(TitleLines(ledger, organisation, body), paragraphs, ledger.Measures.Select(AnnexLine).ToList(), blanks, Warnings(ledger));
    }

    /// <summary>
    /// The title in lines that break where the sense does (GB/T 9704-2012 7.3.1: 回行时要做到词意完整，排列对称):
    /// who reports, then what about.
    /// </summary>
    private static IReadOnlyList<string> TitleLines(LedgerSnapshot ledger, string organisation, string body) =>
        [$"{organisation}关于{body}", "巡察反馈意见整改落实情况的报告"];

    /// <summary>The figures, with the one definition of completed and completion rate the dashboard and chat use.</summary>
    public string Overview(LedgerSnapshot ledger)
    {
        var s = ledger.Stats;
        int Count(MeasureStatus status) => s.ByStatus.GetValueOrDefault(status);
        var aspects = ledger.Problems.Select(p => p.AspectOrdinal).Distinct().Count();
        var findings = ledger.Problems.Sum(p => p.Findings.Count);
        var units = ledger.Measures.SelectMany(m => m.Summary.LeadUnits).Distinct().Count();
        var unitsText = units > 0 ? $"，由{units}个单位牵头落实" : "";
        return $"巡察反馈意见涉及{aspects}个方面{ledger.Problems.Count}个问题、{findings}个具体表现，共制定整改措施{s.Total}项{unitsText}。" +
               $"截至{Date(ledger.AsOf)}，已完成{s.Completed}项（其中已销号{Count(MeasureStatus.Closed)}项、已完成待销号{Count(MeasureStatus.Done)}项、" +
               $"已完成并长期坚持{Count(MeasureStatus.Ongoing)}项），正在整改{Count(MeasureStatus.InProgress)}项，尚未启动{Count(MeasureStatus.NotStarted)}项，" +
               $"完成率{Figures.Percent(s.CompletionRate)}；逾期{s.Overdue}项。";
    }

    /// <summary>The plan's timetable (动员部署, 集中整改 …) with its dates, and whether the concentrated stage is over.</summary>
    private static string? Timetable(LedgerSnapshot ledger)
    {
        var stages = ledger.Inspection.Stages;
        var parts = stages.Select(s => s.Start is { } start && s.End is { } end ? $"{s.Name}（{Date(start)}至{Date(end)}）"
            : s.End is { } e ? $"{s.Name}（{Date(e)}前）" : s.Name).ToList();
        var last = ledger.LastDeadline;
        var sentences = new List<string>();
        if (parts.Count > 0)
        {
            sentences.Add($"按照整改方案，整改工作分{parts.Count}个阶段推进：{string.Join("、", parts)}");
        }
        if (ledger.Inspection.ConcentratedStageClosedOn is { } closed)
        {
            sentences.Add($"集中整改阶段已于{Date(closed)}结束，长期坚持的措施转入定期报告");
        }
        if (last is { } l)
        {
            sentences.Add($"有明确时限的整改措施最晚于{Date(l)}完成");
        }
        return sentences.Count == 0 ? null : string.Join("；", sentences) + "。";
    }

    /// <summary>The status words of a problem's 整改情况, from the statuses of its measures (seeds/004).</summary>
    public string StatusWords(IReadOnlyList<LedgerMeasure> measures)
    {
        if (measures.Count == 0)
        {
            return Blank;
        }
        if (measures.All(m => m.IsCompleted))
        {
            return measures.Any(m => m.Status == MeasureStatus.Ongoing) ? "已完成，并将长期坚持" : "已完成";
        }
        if (measures.Any(m => m.IsCompleted))
        {
            return "持续推进";
        }
        return measures.All(m => m.Status == MeasureStatus.NotStarted) ? "尚未启动" : "正在整改";
    }

    /// <summary>关于“……”问题, with the problem's title without a doubled 问题 or a full stop, its own quotes nested.</summary>
    public string Heading(LedgerProblem problem)
    {
        var name = problem.Title.Trim().TrimEnd('。', '；');
        name = name.EndsWith("问题", StringComparison.Ordinal) && name.Length > 2 ? name[..^2].TrimEnd('的') : name;
        return $"关于{ReportWording.Quote(name)}问题";
    }

    /// <summary>One problem's paragraph in the style of the public notices: "关于……问题。整改情况（…）：……".</summary>
    public string Paragraph(LedgerSnapshot ledger, LedgerProblem problem) =>
        $"{Heading(problem)}。{Progress(ledger.MeasuresOf(problem).ToList())}";

    /// <summary>
    /// How a problem's paragraph must begin, polished or not: its heading and its status words
    /// ("关于……问题。整改情况（正在整改）："), which say what the ledger says and are not the model's to change.
    /// </summary>
    public string Lead(LedgerSnapshot ledger, LedgerProblem problem) =>
        $"{Heading(problem)}。整改情况（{StatusWords(ledger.MeasuresOf(problem).ToList())}）：";

    /// <summary>
    /// "整改情况（…）：一是<i>action</i>。<i>date</i>，<i>unit</i><i>what was done</i>。……" for each measure with something
    /// recorded; the measures with nothing recorded in one closing sentence.
    /// </summary>
    public string Progress(IReadOnlyList<LedgerMeasure> measures)
    {
        if (measures.Count == 0)
        {
            return "整改情况：整改方案未对该问题单列措施。";
        }
        var told = measures.Where(m => Told(m).Count > 0 || m.IsCompleted).ToList();
        var silent = measures.Except(told).ToList();
        var text = string.Concat(told.Select((m, i) => (told.Count > 1 ? ChineseNumber.ToChinese(i + 1) + "是" : "") + Measure(m)));
        if (silent.Count > 0)
        {
            var listed = silent.Count <= SilentListed ? $"（{string.Join("；", silent.Select(m => ReportWording.Action(m.Summary.Text)))}）" : "";
            text += told.Count == 0
                ? silent.Count == 1 ? $"{ReportWording.Action(silent[0].Summary.Text)}，尚未报送进展，完成情况见附件。" : $"{silent.Count}项措施{listed}均尚未报送进展，完成情况见附件。"
                : $"其余{silent.Count}项措施{listed}尚未报送进展，完成情况见附件。";
        }
        return $"整改情况（{StatusWords(measures)}）：{text}";
    }

    /// <summary>The updates a measure's account tells, oldest first, as report sentences.</summary>
    private static List<(DateOnly On, string Sentence)> Told(LedgerMeasure m) =>
        m.Updates.Select(u => (u.On, Sentence: ReportWording.Sentence(u.Text, Units(m))))
            .Where(x => x.Sentence.Length > 0).Take(UpdatesTold).Reverse().ToList();

    private static string Measure(LedgerMeasure m)
    {
        var action = ReportWording.Action(m.Summary.Text);
        var told = Told(m);
        var subject = Subject(m);
        // The unit is the subject of the first sentence when that starts with what it did (已…, 完成…, 对…);
        // otherwise ("2个乡镇公墓已建成") it is named after the action.
        var asSubject = subject.Length > 0 && told.Count > 0 && ReportWording.StartsWithAction(told[0].Sentence)
            && !told[0].Sentence.StartsWith(Units(m)!, StringComparison.Ordinal);
        var named = subject.Length > 0 && !asSubject && !(told.Count > 0 && told[0].Sentence.StartsWith(Units(m)!, StringComparison.Ordinal))
            ? $"（{subject}落实）" : "";
        var account = string.Concat(told.Select((x, i) => $"{Date(x.On)}，{(i == 0 && asSubject ? subject : "")}{x.Sentence}"));
        var evidence = m.Evidence.Count > 0 ? $"形成佐证材料{m.Evidence.Count}份，" : "";
        return $"{action}{named}。{account}{evidence}{State(m)}。";
    }

    /// <summary>Who did it, as a sentence's subject: the lead units, with the supporting ones after 会同.</summary>
    private static string Subject(LedgerMeasure m)
    {
        var lead = Units(m);
        if (lead is null)
        {
            return "";
        }
        return m.Summary.SupportingUnits.Count > 0 ? $"{lead}会同{Names(m.Summary.SupportingUnits)}" : lead;
    }

    private static string? Units(LedgerMeasure m) => m.Summary.LeadUnits.Count == 0 ? null : Names(m.Summary.LeadUnits);

    private static string State(LedgerMeasure m)
    {
        var late = m.Summary.DaysOverdue > 0 ? $"，已逾期{m.Summary.DaysOverdue}天" : "";
        var last = m.CloseRequests.LastOrDefault();
        var returned = last?.Request.State == RequestState.Returned
            ? $"，{Date(last.ReviewedOn)}销号申请因{ReportWording.Sentence(last.Request.ReturnReason ?? "", null).TrimEnd('。')}被退回"
            : "";
        return m.Status switch
        {
            MeasureStatus.Closed => $"已于{Date(m.ClosedOn)}经审核销号",
            MeasureStatus.Done when last?.Request.State == RequestState.Pending => $"已完成整改，{Date(last.RequestedOn)}申请销号",
            MeasureStatus.Done when last?.Request.State == RequestState.Reviewed => $"已完成整改，{Date(last.ReviewedOn)}经整改办审核，待责任领导签字销号",
            MeasureStatus.Done => "已完成整改",
            MeasureStatus.Ongoing => $"已完成阶段性任务，转入长期坚持，下次报告时限{Date(m.Summary.DueDate)}{late}",
            MeasureStatus.InProgress => $"正在推进{returned}，完成时限{Date(m.Summary.DueDate)}{late}",
            _ => $"尚未启动，完成时限{Date(m.Summary.DueDate)}{late}",
        };
    }

    /// <summary>存在的问题: what is still open, overdue and long-term, counted and grouped by unit, not listed one by one.</summary>
    private static string Remaining(LedgerSnapshot ledger)
    {
        var s = ledger.Stats;
        int Count(MeasureStatus status) => s.ByStatus.GetValueOrDefault(status);
        var open = Count(MeasureStatus.InProgress) + Count(MeasureStatus.NotStarted);
        if (open == 0 && s.Overdue == 0)
        {
            return $"截至{Date(ledger.AsOf)}，整改措施均已完成，暂无逾期事项。";
        }
        var sentences = new List<string>
        {
            $"截至{Date(ledger.AsOf)}，尚有{open}项措施未完成，其中正在整改{Count(MeasureStatus.InProgress)}项、尚未启动{Count(MeasureStatus.NotStarted)}项",
        };
        var overdue = ledger.Measures.Where(m => m.Summary.DaysOverdue > 0).ToList();
        if (overdue.Count > 0)
        {
            sentences.Add($"逾期{overdue.Count}项，{ByUnit(overdue)}");
            var longest = overdue.OrderByDescending(m => m.Summary.DaysOverdue).ThenBy(m => m.Number).Take(3)
                .Select(m => $"{ReportWording.Action(m.Summary.Text)}（{Units(m) ?? "未明确牵头单位"}，逾期{m.Summary.DaysOverdue}天）");
            sentences.Add($"逾期时间较长的有：{string.Join("；", longest)}");
        }
        var periodic = PeriodicOpen(ledger);
        if (periodic > 0)
        {
            sentences.Add($"另有{periodic}项措施需长期坚持、定期报告进展");
        }
        return string.Join("；", sentences) + "。";
    }

    /// <summary>"主要涉及社会事务科（5项）、办公室（3项）等单位": the units with the most, then those without a lead unit.</summary>
    private static string ByUnit(IReadOnlyList<LedgerMeasure> measures)
    {
        var units = measures.SelectMany(m => m.Summary.LeadUnits).GroupBy(u => u)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var unnamed = measures.Count(m => m.Summary.LeadUnits.Count == 0);
        var parts = new List<string>();
        if (units.Count > 0)
        {
            parts.Add($"主要涉及{string.Join("、", units.Take(5).Select(g => $"{g.Key}（{g.Count()}项）"))}{(units.Count > 5 ? "等" : "")}{units.Count}个单位");
        }
        if (unnamed > 0)
        {
            parts.Add($"{unnamed}项未明确牵头单位");
        }
        return string.Join("，", parts);
    }

    private static int PeriodicOpen(LedgerSnapshot ledger) => ledger.Measures.Count(m =>
        m.Status != MeasureStatus.Closed && m.Summary.Deadline.Kind is DeadlineKind.LongTerm or DeadlineKind.Recurring);

    /// <summary>下一步打算, one item for each kind of work still owed, with its count.</summary>
    private static string NextSteps(LedgerSnapshot ledger)
    {
        var s = ledger.Stats;
        int Count(MeasureStatus status) => s.ByStatus.GetValueOrDefault(status);
        var open = Count(MeasureStatus.InProgress) + Count(MeasureStatus.NotStarted);
        var steps = new List<string>();
        if (s.Overdue > 0)
        {
            steps.Add($"紧盯逾期事项，对逾期的{s.Overdue}项措施逐项督办，督促责任单位明确完成时间、尽快整改到位");
        }
        if (open > 0)
        {
            steps.Add($"加快推进在办事项，对未完成的{open}项措施按照完成时限倒排工期、挂图作战");
        }
        if (Count(MeasureStatus.Done) > 0)
        {
            steps.Add($"抓好审核销号，对已完成待销号的{Count(MeasureStatus.Done)}项措施及时审核佐证材料，成熟一项、销号一项");
        }
        if (PeriodicOpen(ledger) is > 0 and var periodic)
        {
            steps.Add($"坚持长期整改，对需长期坚持的{periodic}项措施按期报告进展，健全长效机制");
        }
        steps.Add(Count(MeasureStatus.Closed) > 0
            ? $"巩固整改成果，对已销号的{Count(MeasureStatus.Closed)}项措施适时开展“回头看”，防止问题反弹"
            : "巩固整改成果，对完成整改的措施适时开展“回头看”，防止问题反弹");
        return "下一步，" + string.Concat(steps.Select((step, i) => $"{ChineseNumber.ToChinese(i + 1)}是{step}。"));
    }

    /// <summary>A measure's line in the annex: the per-measure detail the body leaves out.</summary>
    private static AnnexRow AnnexLine(LedgerMeasure m)
    {
        var units = Units(m) ?? "未明确";
        if (m.Summary.SupportingUnits.Count > 0)
        {
            units += $"（配合：{Names(m.Summary.SupportingUnits)}）";
        }
        var latest = Told(m).LastOrDefault();
        var progress = latest.Sentence is { Length: > 0 } ? $"{Date(latest.On)}，{latest.Sentence}" : m.IsCompleted ? "" : "尚未报送进展";
        if (m.ClosedOn is { } closed)
        {
            progress = (progress + $"{Date(closed)}销号。").TrimStart();
        }
        return new AnnexRow(m.Number, ReportWording.Action(m.Summary.Text), units, Deadline(m), Status(m), progress);
    }

    /// <summary>What the office should know before sending the report up: an as-of date long after the plan's end, units nobody named.</summary>
    private static List<string> Warnings(LedgerSnapshot ledger)
    {
        var warnings = new List<string>();
        if (ledger.LastDeadline is { } last && ledger.AsOf.DayNumber - last.DayNumber > FarPastDays)
        {
            var lastRecord = ledger.LastRecordOn;
            var suggest = lastRecord is { } r && r > last ? r : last;
            warnings.Add($"报告截至{Date(ledger.AsOf)}，比方案最后的完成时限{Date(last)}晚{ledger.AsOf.DayNumber - last.DayNumber}天，" +
                         $"逾期天数都按{Date(ledger.AsOf)}计算。如要报告当时的情况，请指定截至日期（命令行加 --as-of {suggest:yyyy-MM-dd}）。");
        }
        var unnamed = ledger.Measures.Count(m => m.Summary.LeadUnits.Count == 0);
        if (unnamed > 0)
        {
            warnings.Add($"{unnamed}项措施方案未写明牵头单位，也没有单位认领，附件中写作“未明确”。");
        }
        return warnings;
    }
}
