using RectifyBot.Domain;

namespace RectifyBot.Import;

/// <summary>Turns the builder's drafts into the parsed records: plan-wide measure numbers, units, leaders and deadlines.</summary>
internal static class PlanTree
{
    public static IReadOnlyList<ParsedAspect> Finish(List<PlanTreeBuilder.AspectDraft> drafts, DeadlineReader deadlines, List<string> warnings)
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
            var who = Responsibility.Read(text, draft.Fields);
            var deadlineField = draft.Fields.Concat(FieldLabel.FindInline(text)).LastOrDefault(f => f.Kind == FieldKind.Deadline)?.Value;
            var when = deadlines.Read(text, deadlineField);
            if (who.LeadUnits.Count == 0)
            {
                withoutLead.Add(number);
            }
            if (deadlineField is not null && when.Deadline.Kind == DeadlineKind.NotStated)
            {
                warnings.Add($"第{number}项措施的完成时限“{deadlineField}”无法识别，暂按集中整改阶段截止日期计。");
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

/// <summary>Checks the totals a document states against what was read.</summary>
internal static class TotalsCheck
{
    /// <summary>
    /// Plans count either their problems or their findings as 问题 ("26个突出问题" counts 一是 findings), so a
    /// stated problem total warns only when it matches neither.
    /// </summary>
    public static IEnumerable<string> Compare(ParsedDocument document)
    {
        var stated = document.Stated;
        if (document.Kind == DocumentKind.StatusReport)
        {
            var completed = document.Items.Count(i => i.Status is MeasureStatus.Done or MeasureStatus.Ongoing or MeasureStatus.Closed);
            if (stated.Problems is { } p && p != document.Items.Count && stated.Measures != document.Items.Count)
            {
                yield return $"文件称有{p}个问题，实际读到{document.Items.Count}项，请核对。";
            }
            if (stated.Completed is { } c && c != completed)
            {
                yield return $"文件称已完成{c}个，实际读到{completed}项已完成，请核对。";
            }
            yield break;
        }
        var problems = document.Problems.Count();
        var findings = document.Findings.Count();
        var measures = document.Measures.Count();
        if (stated.Aspects is { } a && a != document.Aspects.Count)
        {
            yield return $"文件称有{a}个方面，实际读到{document.Aspects.Count}个，请核对。";
        }
        if (stated.Problems is { } n && n != problems && n != findings)
        {
            yield return $"文件称有{n}个问题，实际读到{problems}个问题、{findings}条具体表现，请核对。";
        }
        if (stated.Measures is { } m && m != measures)
        {
            yield return $"文件称有{m}项整改措施，实际读到{measures}项，请核对。";
        }
    }
}
