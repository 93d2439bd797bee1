using RectifyBot.Domain;

namespace RectifyBot.Import;

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
            // A notice that counts 长期坚持 apart ("已销号的8个……需长期坚持的1个") does not count it as completed.
            var apart = stated.CountsOngoingApart(document.Items.Count);
            var completed = document.Items.Count(i => i.Status is { } s && s.IsCompleted() && !(apart && s == MeasureStatus.Ongoing));
            // A report counts its items as 问题 or as 整改任务; either total should match the items read.
            if ((stated.Problems ?? stated.Measures) is { } total && total != document.Items.Count && stated.Measures != document.Items.Count)
            {
                yield return $"文件称有{total}个问题，实际读到{document.Items.Count}项，请核对。";
            }
            // "已完成18条" of 21 measures says nothing about 6 problems: compare only a count of the items themselves.
            if (stated.Completed is { } c && c != completed && CountsItems(stated, document.Items.Count))
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

    private static bool CountsItems(StatedTotals stated, int items) =>
        stated.Measures is not { } measures || measures == items || stated.Completed <= stated.Problems;
}
