using System.Text.Json;
using RectifyBot.Domain;

namespace RectifyBot.Import;

/// <summary>What a document of an evaluation set should read as (NAME.expect.json beside NAME.txt/.docx/…).</summary>
public sealed record ImportExpectation(
    string Kind,
    ExpectedTotals? Stated,
    int? Items,
    Dictionary<string, string?>? ItemStatuses,
    int? Measures,
    Dictionary<string, List<string>>? LeadUnits,
    Dictionary<string, List<string>>? SupportingUnits);

public sealed record ExpectedTotals(int? Aspects, int? Problems, int? Measures, int? Completed, int? InProgress, int? Ongoing, decimal? CompletionRate);

/// <summary>One line of deadlines.jsonl: a measure as written, the plan's date, and the deadline it should read as.</summary>
public sealed record DeadlineCase(string Text, DateOnly PlanDate, ExpectedDeadline Expect);

public sealed record ExpectedDeadline(string Kind, DateOnly? Date, string? Recurrence, bool LongTermAfter);

/// <summary>Hits out of the cases counted.</summary>
public sealed record Score(int Correct, int Total)
{
    public double Share => Total == 0 ? 0 : (double)Correct / Total;

    public override string ToString() => $"{Correct}/{Total}";

    public static Score operator +(Score a, Score b) => new(a.Correct + b.Correct, a.Total + b.Total);

    public static Score Zero { get; } = new(0, 0);
}

/// <summary>
/// Stated totals: <see cref="Found"/> of the expected ones were read at all, <see cref="Correct"/> with the right value,
/// and <see cref="Spurious"/> were read where the document states none.
/// </summary>
public sealed record TotalsScore(int Expected, int Found, int Correct, int Spurious);

public sealed record DocumentScore(
    string Document, string ExpectedKind, string Kind, TotalsScore Totals, Score Items, Score ItemStatuses, Score Measures,
    Score LeadUnits, Score SupportingUnits, IReadOnlyList<string> Misses);

public sealed record ImportEvaluation(
    Score Kind, TotalsScore Totals, Score Items, Score ItemStatuses, Score Measures, Score LeadUnits, Score SupportingUnits,
    Score Deadlines, IReadOnlyList<DocumentScore> Documents, IReadOnlyList<string> DeadlineMisses);

/// <summary>
/// Scores the importer on a folder written before it was tuned: each NAME.expect.json against the document NAME.* it
/// describes, and every line of deadlines.jsonl. Nothing is stored.
/// </summary>
public static class ImportEvaluator
{
    private static readonly JsonSerializerOptions Json = new(RectifyJson.Options) { PropertyNameCaseInsensitive = true };

    public static async Task<ImportEvaluation> EvaluateAsync(string folder, ImportOptions options, CancellationToken ct)
    {
        var documents = new List<DocumentScore>();
        foreach (var expectFile in Directory.GetFiles(folder, "*.expect.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(expectFile)[..^".expect.json".Length];
            var document = Directory.GetFiles(folder, name + ".*").FirstOrDefault(f => !f.EndsWith(".expect.json", StringComparison.Ordinal));
            if (document is null)
            {
                continue;
            }
            var expected = JsonSerializer.Deserialize<ImportExpectation>(await File.ReadAllTextAsync(expectFile, ct), Json)!;
            var parsed = await PlanParser.ParseFileAsync(document, today: null, ct, options);
            documents.Add(ScoreDocument(name, expected, parsed));
        }
        var deadlineFile = Path.Combine(folder, "deadlines.jsonl");
        var deadlineMisses = new List<string>();
        var deadlines = Score.Zero;
        if (File.Exists(deadlineFile))
        {
            foreach (var line in await File.ReadAllLinesAsync(deadlineFile, ct))
            {
                if (line.Trim().Length == 0)
                {
                    continue;
                }
                var c = JsonSerializer.Deserialize<DeadlineCase>(line, Json)!;
                var read = PlanParser.ReadDeadline(c.Text, c.PlanDate);
                var right = DeadlineMatches(c.Expect, read);
                deadlines += new Score(right ? 1 : 0, 1);
                if (!right)
                {
                    deadlineMisses.Add($"{c.Text}（{c.PlanDate:yyyy-MM-dd}）：应为{Describe(c.Expect)}，读作{Describe(read)}");
                }
            }
        }
        return new ImportEvaluation(
            new Score(documents.Count(d => d.Kind == d.ExpectedKind), documents.Count),
            documents.Select(d => d.Totals).Aggregate(new TotalsScore(0, 0, 0, 0), (a, b) =>
                new TotalsScore(a.Expected + b.Expected, a.Found + b.Found, a.Correct + b.Correct, a.Spurious + b.Spurious)),
            Sum(documents, d => d.Items), Sum(documents, d => d.ItemStatuses), Sum(documents, d => d.Measures),
            Sum(documents, d => d.LeadUnits), Sum(documents, d => d.SupportingUnits), deadlines, documents, deadlineMisses);
    }

    private static Score Sum(IEnumerable<DocumentScore> documents, Func<DocumentScore, Score> pick) =>
        documents.Select(pick).Aggregate(Score.Zero, (a, b) => a + b);

    private static DocumentScore ScoreDocument(string name, ImportExpectation expected, ParsedDocument parsed)
    {
        var misses = new List<string>();
        var kind = JsonNamingPolicy.CamelCase.ConvertName(parsed.Kind.ToString());
        if (kind != expected.Kind)
        {
            misses.Add($"类型：应为{expected.Kind}，读作{kind}");
        }

        var stated = expected.Stated ?? new ExpectedTotals(null, null, null, null, null, null, null);
        var pairs = new (string Name, decimal? Expected, decimal? Read)[]
        {
            ("aspects", stated.Aspects, parsed.Stated.Aspects), ("problems", stated.Problems, parsed.Stated.Problems),
            ("measures", stated.Measures, parsed.Stated.Measures), ("completed", stated.Completed, parsed.Stated.Completed),
            ("inProgress", stated.InProgress, parsed.Stated.InProgress), ("ongoing", stated.Ongoing, parsed.Stated.Ongoing),
            ("completionRate", stated.CompletionRate, parsed.Stated.CompletionRate),
        };
        foreach (var (field, want, got) in pairs.Where(p => p.Expected != p.Read))
        {
            misses.Add($"总数 {field}：应为{want?.ToString() ?? "无"}，读作{got?.ToString() ?? "无"}");
        }
        var totals = new TotalsScore(
            pairs.Count(p => p.Expected is not null), pairs.Count(p => p.Expected is not null && p.Read is not null),
            pairs.Count(p => p.Expected is not null && p.Expected == p.Read), pairs.Count(p => p.Expected is null && p.Read is not null));

        var items = Score.Zero;
        if (expected.Items is { } itemCount)
        {
            items = new Score(parsed.Items.Count == itemCount ? 1 : 0, 1);
            if (parsed.Items.Count != itemCount)
            {
                misses.Add($"条目数：应为{itemCount}，读作{parsed.Items.Count}");
            }
        }
        var statuses = Score.Zero;
        foreach (var (number, want) in expected.ItemStatuses ?? [])
        {
            var item = parsed.Items.FirstOrDefault(i => i.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) == number);
            var got = item?.Status is { } s ? JsonNamingPolicy.CamelCase.ConvertName(s.ToString()) : null;
            var right = item is not null && got == want;
            statuses += new Score(right ? 1 : 0, 1);
            if (!right)
            {
                misses.Add($"第{number}项状态：应为{want ?? "无"}，读作{(item is null ? "（无此项）" : got ?? "无")}");
            }
        }

        var measures = parsed.Measures.ToList();
        var measureCount = Score.Zero;
        if (expected.Measures is { } wanted)
        {
            measureCount = new Score(measures.Count == wanted ? 1 : 0, 1);
            if (measures.Count != wanted)
            {
                misses.Add($"措施数：应为{wanted}，读作{measures.Count}");
            }
        }
        var leads = Units(expected.LeadUnits, measures, m => m.LeadUnits, "牵头", misses);
        var supporting = Units(expected.SupportingUnits, measures, m => m.SupportingUnits, "配合", misses);
        return new DocumentScore(name, expected.Kind, kind, totals, items, statuses, measureCount, leads, supporting, misses);
    }

    private static Score Units(Dictionary<string, List<string>>? expected, List<ParsedMeasure> measures,
        Func<ParsedMeasure, IReadOnlyList<string>> pick, string role, List<string> misses)
    {
        var score = Score.Zero;
        foreach (var (number, want) in expected ?? [])
        {
            var measure = measures.FirstOrDefault(m => m.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) == number);
            var got = measure is null ? null : pick(measure);
            // Names compare as the importer stores them: 局办公室 is 办公室, its written name kept as an alias (UnitNames.Canonical).
            var right = got is not null && got.Order(StringComparer.Ordinal).SequenceEqual(want.Select(UnitNames.Canonical).Order(StringComparer.Ordinal));
            score += new Score(right ? 1 : 0, 1);
            if (!right)
            {
                misses.Add($"第{number}项{role}单位：应为[{string.Join("、", want)}]，读作{(got is null ? "（无此项）" : $"[{string.Join("、", got)}]")}");
            }
        }
        return score;
    }

    private static bool DeadlineMatches(ExpectedDeadline want, Deadline got)
    {
        var kind = JsonNamingPolicy.CamelCase.ConvertName(got.Kind.ToString());
        if (kind != want.Kind || got.LongTermAfter != want.LongTermAfter)
        {
            return false;
        }
        if (want.Date is { } date && got.Date != date)
        {
            return false;
        }
        return want.Kind != "recurring" || (got.Recurrence is { } r && JsonNamingPolicy.CamelCase.ConvertName(r.ToString()) == want.Recurrence);
    }

    private static string Describe(ExpectedDeadline d) =>
        $"{d.Kind} {d.Date?.ToString("yyyy-MM-dd") ?? "-"} {d.Recurrence ?? "-"}{(d.LongTermAfter ? " 之后长期坚持" : "")}";

    private static string Describe(Deadline d) =>
        $"{JsonNamingPolicy.CamelCase.ConvertName(d.Kind.ToString())} {d.Date?.ToString("yyyy-MM-dd") ?? "-"} {(d.Recurrence is { } r ? JsonNamingPolicy.CamelCase.ConvertName(r.ToString()) : "-")}{(d.LongTermAfter ? " 之后长期坚持" : "")}";
}
