using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Import;

/// <summary>
/// A plan's 责任清单 set apart from its measures, often as an annex: a table that gives each measure's units, leader and
/// deadline by its problem's and its own number ("问题序号 | 措施序号 | 牵头单位 | 配合单位 | 责任领导 | 完成时限") and holds no
/// measure's text. <see cref="TableLines"/> writes each of its rows as one line (<see cref="Line"/>); the plan's parser
/// takes those lines out of the text and gives each measure the fields its row names (<see cref="Apply"/>).
/// </summary>
internal static partial class ResponsibilityList
{
    public sealed record Entry(int Problem, int Measure, IReadOnlyList<FieldLabel> Fields);

    /// <summary>A row of the list as a line: "责任清单：问题3措施2：牵头单位：X；配合单位：Y；完成时限：…".</summary>
    public static string Line(int problem, int measure, IEnumerable<(string Label, string Value)> fields) =>
        $"责任清单：问题{problem}措施{measure}：{string.Join("；", fields.Where(f => f.Value.Length > 0 && !TableLines.SaysNone(f.Value)).Select(f => $"{f.Label}：{f.Value}"))}";

    public static Entry? Read(string line) =>
        Written().Match(line) is { Success: true } m
            ? new Entry(int.Parse(m.Groups["p"].ValueSpan), int.Parse(m.Groups["m"].ValueSpan), FieldLabel.FindInline(m.Groups["fields"].Value).ToList())
            : null;

    [GeneratedRegex(@"^责任清单：问题(?<p>\d{1,3})措施(?<m>\d{1,3})：(?<fields>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Written();

    /// <summary>
    /// The number a list gives a problem or a measure: "（一）", "一", "3", "问题3"; null for none. The plan numbers its
    /// problems across the whole of it, and its measures under each problem or across the plan.
    /// </summary>
    public static int? Number(string cell)
    {
        var bare = ChineseText.Fold(cell).Trim().Trim('(', ')', '（', '）', '.', '、');
        return ChineseNumber.Parse(bare.StartsWith("问题", StringComparison.Ordinal) || bare.StartsWith("措施", StringComparison.Ordinal) ? bare[2..] : bare);
    }

    /// <summary>
    /// Gives each measure the list names the fields of each kind it does not have already (<see cref="PlanTreeBuilder.MeasureDraft.Complete"/>):
    /// a measure's own 牵头单位 wins over the list's. A measure is found by its problem's place in the plan and its own under that problem, or by its
    /// place in the whole plan where the list numbers measures across it.
    /// </summary>
    public static void Apply(List<PlanTreeBuilder.AspectDraft> drafts, IReadOnlyList<Entry> entries)
    {
        var problems = drafts.SelectMany(a => a.Problems).Select(p => p.Findings.SelectMany(f => f.Measures).ToList()).ToList();
        var all = problems.SelectMany(p => p).ToList();
        foreach (var entry in entries)
        {
            var measure = entry.Problem >= 1 && entry.Problem <= problems.Count && entry.Measure <= problems[entry.Problem - 1].Count ? problems[entry.Problem - 1].ElementAtOrDefault(entry.Measure - 1)
                : all.ElementAtOrDefault(entry.Measure - 1);
            measure?.Complete(entry.Fields);
        }
    }
}
