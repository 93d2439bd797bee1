using RectifyBot.Documents;
using RectifyBot.Rectification;
using RectifyBot.Retrieval;

namespace RectifyBot.Drafting;

/// <summary>
/// One problem's 整改情况 paragraph: the facts always come from the records (updates, evidence, dates, reviews)
/// through <see cref="StatusParagraphComposer"/>, with unrecorded facts left as visible blanks. Report paragraphs
/// retrieved from past notices are shown as references for the wording. With a model configured it may rewrite the
/// paragraph in their style; a rewrite with any figure, date, unit, person or quoted name found in neither the records
/// nor the references is not used.
/// </summary>
public sealed class ReportParagraphDrafter(StatusParagraphComposer composer, CorpusBootstrap corpus, LlmReportWriter llm)
{
    private const int References = 3;

    public sealed record Result(string Problem, string Text, IReadOnlyList<DraftSource> References, IReadOnlyList<string> Notes, IReadOnlyList<int> Measures);

    public async Task<Result> DraftAsync(LedgerSnapshot ledger, LedgerProblem problem, CancellationToken ct)
    {
        var records = composer.Paragraph(ledger, problem);
        var search = await corpus.ReadyAsync(ct);
        var hits = await search.SearchAsync(new SearchRequest(problem.Title, Top: References * 3, Kind: ChunkKind.Report), ct);
        var references = hits.Select(h => h.Chunk).Where(c => QueryOverlap.Relevant(problem.Title, c.Text)).Take(References)
            .Select((c, i) => new DraftSource(i + 1, c.Document, DraftText.Location(c), c.Text)).ToList();
        var measures = ledger.MeasuresOf(problem).Select(m => m.Number).ToList();
        var notes = new List<string>();

        if (await llm.RewriteAsync(records, references, ct) is { Length: > 0 } rewritten)
        {
            var invented = DraftChecks.UnsupportedFacts(rewritten, [records, problem.Title, .. references.Select(r => r.Text)], ledger.Names());
            if (invented.Count == 0)
            {
                return new Result(problem.Title, rewritten, references, notes, measures);
            }
            notes.Add($"模型改写的段落中出现了记录里没有的“{string.Join("”“", invented)}”，已改用根据记录生成的段落。");
        }
        return new Result(problem.Title, records, references, notes, measures);
    }

    /// <summary>
    /// The problem a paragraph is asked for: the one a measure belongs to, a finding's path (aspect.problem.finding,
    /// as in --json), or the problem whose title and findings share the most words (bigrams) with the words given.
    /// </summary>
    public static (LedgerProblem? Problem, string? Error) Find(LedgerSnapshot ledger, int? measure, string? findingPath, string? words)
    {
        if (measure is { } number and > 0)
        {
            var m = ledger.Measures.FirstOrDefault(x => x.Number == number);
            return m is null
                ? (null, MeasureQueries.NoSuchMeasure(number, (ledger.Measures.Min(x => x.Number), ledger.Measures.Max(x => x.Number))))
                : (ledger.Problems.First(p => p.Id == m.ProblemId), null);
        }
        if (findingPath is not null)
        {
            var parts = findingPath.Split('.');
            var found = parts.Length >= 2 && int.TryParse(parts[0], out var a) && int.TryParse(parts[1], out var p)
                ? ledger.Problems.FirstOrDefault(x => x.AspectOrdinal == a && x.Ordinal == p)
                : null;
            return found is null ? (null, $"没有“{findingPath}”这个问题。路径写作 方面.问题.具体表现，例如 2.1.1。") : (found, null);
        }
        var best = ledger.Problems
            .Select(p => (Problem: p, Score: QueryOverlap.Shared(words ?? "", p.Title + string.Concat(p.Findings.Select(f => f.Title + f.Text)))))
            .Where(x => x.Score >= 2).OrderByDescending(x => x.Score).Select(x => x.Problem).FirstOrDefault();
        return best is null ? (null, $"没有找到与“{words}”相符的问题。可以说“写第56项的整改情况”。") : (best, null);
    }

    /// <summary>The paragraph, then the references for wording, then any notes: how it reads in chat and on the command line.</summary>
    public static string Format(Result result)
    {
        var lines = new List<string> { result.Text, "（根据已记录的进展和佐证材料生成；“＿＿”处为未记录的内容，请补充。）" };
        if (result.References.Count > 0)
        {
            lines.Add("可参考的往年通报写法：");
            lines.AddRange(result.References.Select(r => $"[{r.Index}] {r.Document}，{r.Location}"));
        }
        lines.AddRange(result.Notes.Select(n => "提示：" + n));
        return string.Join("\n", lines);
    }
}
