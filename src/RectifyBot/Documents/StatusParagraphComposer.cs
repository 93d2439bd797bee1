using System.Globalization;
using RectifyBot.Domain;
using RectifyBot.Text;
using static RectifyBot.Documents.LedgerText;

namespace RectifyBot.Documents;

/// <summary>
/// Writes the prose of the 整改情况报告 from recorded facts only: progress updates with their dates, evidence
/// counts, review outcomes, deadlines and statuses. A fact that is not recorded is written as <see cref="LedgerText.Blank"/>
/// for the office to fill in, never guessed. Kept apart from the layout so that drafting from retrieved report
/// paragraphs can later replace or enrich the wording without touching the document.
/// </summary>
public sealed class StatusParagraphComposer
{
    /// <summary>
    /// The title in lines that break where the sense does (GB/T 9704-2012 7.3.1: 回行时要做到词意完整，排列对称):
    /// who reports, then what about.
    /// </summary>
    public IReadOnlyList<string> TitleLines(LedgerSnapshot ledger)
    {
        var i = ledger.Inspection;
        return [$"{i.InspectedOrganisation ?? Blank}关于{i.InspectingBody ?? Blank}", "巡察反馈意见整改落实情况的报告"];
    }

    public string Opening(LedgerSnapshot ledger)
    {
        var i = ledger.Inspection;
        return $"根据巡察工作安排，{i.InspectingBody ?? Blank}于{Date(i.FeedbackDate)}向{i.InspectedOrganisation ?? Blank}反馈了巡察意见。" +
               $"现将截至{Date(ledger.AsOf)}的整改落实情况报告如下。";
    }

    public string Overview(LedgerSnapshot ledger)
    {
        var s = ledger.Stats;
        int Count(MeasureStatus status) => s.ByStatus.GetValueOrDefault(status);
        var aspects = ledger.Problems.Select(p => p.AspectOrdinal).Distinct().Count();
        var findings = ledger.Problems.Sum(p => p.Findings.Count);
        return $"巡察反馈意见涉及{aspects}个方面{ledger.Problems.Count}个问题、{findings}个具体表现，共制定整改措施{s.Total}项。" +
               $"截至{Date(ledger.AsOf)}，已完成{s.Completed}项（其中已销号{Count(MeasureStatus.Closed)}项、已完成待销号{Count(MeasureStatus.Done)}项、" +
               $"已完成并长期坚持{Count(MeasureStatus.Ongoing)}项），正在整改{Count(MeasureStatus.InProgress)}项，尚未启动{Count(MeasureStatus.NotStarted)}项，" +
               $"完成率{Figures.Percent(s.CompletionRate)}；逾期{s.Overdue}项。";
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

    /// <summary>关于“……”问题, with the problem's title without a doubled 问题 or a full stop.</summary>
    public string Heading(LedgerProblem problem)
    {
        var name = problem.Title.Trim().TrimEnd('。', '；');
        name = name.EndsWith("问题", StringComparison.Ordinal) && name.Length > 2 ? name[..^2].TrimEnd('的') : name;
        return $"关于“{name}”问题";
    }

    /// <summary>One problem's paragraph in the style of the public notices: "关于……问题。整改情况（…）：……".</summary>
    public string Paragraph(LedgerSnapshot ledger, LedgerProblem problem) =>
        $"{Heading(problem)}。{Progress(ledger.MeasuresOf(problem).ToList())}";

    /// <summary>"整改情况（…）：一是……。二是……。", one clause per measure.</summary>
    public string Progress(IReadOnlyList<LedgerMeasure> measures)
    {
        var clauses = measures.Select((m, i) => (measures.Count > 1 ? ChineseNumber.ToChinese(i + 1) + "是" : "") + Measure(m));
        return $"整改情况（{StatusWords(measures)}）：{(measures.Count == 0 ? Blank + "。" : string.Concat(clauses))}";
    }

    /// <summary>A line of "items needing further work": the measure, its deadline and delay, and its latest update.</summary>
    public string Outstanding(LedgerMeasure m)
    {
        var latest = m.Updates.FirstOrDefault();
        return $"第{m.Number}项措施（{Leads(m)}牵头）：{Sentence(m.Summary.Text)}完成时限{Deadline(m)}，当前{Status(m)}。" +
               $"最近进展：{(latest is null ? Blank : $"{Date(latest.On)}，{Clause(latest.Text)}")}。";
    }

    private static string Measure(LedgerMeasure m)
    {
        var supporting = m.Summary.SupportingUnits.Count > 0 ? $"，{Names(m.Summary.SupportingUnits)}配合" : "";
        var updates = m.Updates.Reverse().Select(u => $"{Date(u.On)}，{Clause(u.Text)}").ToList();
        var done = updates.Count == 0 ? $"整改进展{Blank}" : string.Join("；", updates);
        var evidence = m.Evidence.Count == 0 ? $"佐证材料{Blank}" : $"形成佐证材料{m.Evidence.Count}份";
        return $"{Leads(m)}牵头落实第{m.Number}项措施{supporting}：{done}。{evidence}，{State(m)}。";
    }

    private static string State(LedgerMeasure m)
    {
        var late = m.Summary.DaysOverdue > 0 ? $"，已逾期{m.Summary.DaysOverdue}天" : "";
        var last = m.CloseRequests.LastOrDefault();
        var returned = last?.Request.State == RequestState.Returned ? $"（{Date(last.ReviewedOn)}销号申请被退回，原因：{Clause(last.Request.ReturnReason ?? Blank)}）" : "";
        return m.Status switch
        {
            MeasureStatus.Closed => $"{Date(m.ClosedOn)}经审核销号",
            MeasureStatus.Done when last?.Request.State == RequestState.Pending => $"已完成，{Date(last.RequestedOn)}申请销号，待审核",
            MeasureStatus.Done when last?.Request.State == RequestState.Reviewed => $"已完成，{Date(last.ReviewedOn)}经审核，待责任领导签字销号",
            MeasureStatus.Done => "已完成，待申请销号",
            MeasureStatus.Ongoing => $"已完成并长期坚持，下次报告时限{Date(m.Summary.DueDate)}{late}",
            MeasureStatus.InProgress => $"正在整改{returned}，完成时限{Date(m.Summary.DueDate)}{late}",
            _ => $"尚未启动，完成时限{Date(m.Summary.DueDate)}{late}",
        };
    }

    private static string Leads(LedgerMeasure m) => m.Summary.LeadUnits.Count == 0 ? Blank : Names(m.Summary.LeadUnits);

    /// <summary>Recorded text as a clause inside a sentence: without its closing punctuation.</summary>
    private static string Clause(string text) => text.Trim().TrimEnd('。', '；', ';', '.', '，', ',');

    private static string Sentence(string text) => Clause(text) + "。";
}
