using RectifyBot.Domain;

namespace RectifyBot.Import;

/// <summary>Turns the builder's drafts into the parsed records: plan-wide measure numbers, units, leaders and deadlines.</summary>
internal static class PlanTree
{
    /// <param name="firstListedLeads">The plan says the unit named first in a 责任单位 list leads and the others support it.</param>
    public static IReadOnlyList<ParsedAspect> Finish(List<PlanTreeBuilder.AspectDraft> drafts, DeadlineReader deadlines, List<string> warnings, bool firstListedLeads = false)
    {
        var written = drafts.SelectMany(a => a.Problems).SelectMany(p => p.Findings).SelectMany(f => f.Measures).Select(m => m.WrittenNumber).ToList();
        // Numbers written across the whole plan are kept; numbering that restarts under each problem is replaced by position.
        var keepWritten = written.All(n => n is not null) && written.Zip(written.Skip(1)).All(p => p.Second > p.First);
        var position = 0;
        var withoutLead = new List<int>();

        ParsedMeasure Measure(PlanTreeBuilder.MeasureDraft draft)
        {
            position++;
            var number = keepWritten ? draft.WrittenNumber!.Value : position;
            var text = draft.Text.ToString().Trim();
            var fields = draft.InEffect.ToList();
            var who = Responsibility.Read(text, fields, firstListedLeads);
            var deadlineField = fields.Concat(FieldLabel.FindInline(text)).LastOrDefault(f => f.Kind == FieldKind.Deadline)?.Value;
            var when = deadlines.Read(text, deadlineField);
            if (who.LeadUnits.Count == 0)
            {
                withoutLead.Add(number);
            }
            if (deadlineField is not null && when.Deadline.Kind == DeadlineKind.NotStated)
            {
                // 立行立改 is read: it is due when the concentrated stage ends, which this plan does not say.
                warnings.Add(DeadlineReader.IsImmediate(deadlineField)
                    ? $"第{number}项措施要求“{deadlineField}”，文件没有写集中整改阶段的截止日期，暂无到期日，请导入后补上日期。"
                    : $"第{number}项措施的完成时限“{deadlineField}”无法识别，暂按集中整改阶段截止日期计。");
            }
            else if (when.Unresolved.Count > 0)
            {
                warnings.Add($"第{number}项措施中的日期“{string.Join("、", when.Unresolved)}”无法确定，请核对。");
            }
            return new ParsedMeasure(number, text, who.LeadUnits, who.SupportingUnits, who.ResponsibleLeader, when.Deadline, when.Milestones);
        }

        ParsedFinding Finding(PlanTreeBuilder.FindingDraft draft, PlanTreeBuilder.ProblemDraft problem)
        {
            var text = (draft.Implicit ? problem.Text : draft.Text).ToString().Trim();
            var title = draft.Implicit ? problem.Title : FirstSentence(text);
            return new ParsedFinding(draft.Ordinal, title, text, draft.Measures.Select(Measure).ToList());
        }

        var aspects = drafts.Select(a => new ParsedAspect(a.Ordinal, a.Title,
            a.Problems.Select(p => new ParsedProblem(p.Ordinal, p.Title,
                p.Findings.Count > 0 ? p.Findings.Select(f => Finding(f, p)).ToList() : [new ParsedFinding(1, p.Title, p.Text.ToString(), [])])).ToList())).ToList();
        if (withoutLead.Count > 0)
        {
            warnings.Add($"{withoutLead.Count}项措施没有写明牵头单位，需要认领：第{string.Join("、", withoutLead)}项。");
        }
        return aspects;
    }

    private static string FirstSentence(string text)
    {
        var end = text.IndexOfAny(['。', ';', '；']);
        return PlanTreeBuilder.TrimEnd(end > 0 ? text[..end] : text);
    }
}
