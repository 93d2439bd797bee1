using RectifyBot.Documents;
using RectifyBot.Rectification;
using RectifyBot.Retrieval;

namespace RectifyBot.Drafting;

/// <summary>
/// One problem's 整改情况 paragraph: the facts always come from the records (updates, evidence, dates, reviews)
/// through <see cref="StatusParagraphComposer"/>, with unrecorded facts left as visible blanks. Report paragraphs
/// retrieved from past notices are shown as references for the wording. With a model configured it may rewrite the
/// paragraph in their style; a rewrite that changes the heading or status words, or has any figure, date, figure
/// with its unit, unit, person or quoted name found in neither the records nor the references, is not used.
/// The same check, paragraph by paragraph, polishes the whole report (<see cref="PolishAsync"/>).
/// </summary>
public sealed class ReportParagraphDrafter(StatusParagraphComposer composer, CorpusBootstrap corpus, LlmReportWriter llm) : IReportPolisher
{
    private const int References = 3;

    public sealed record Result(string Problem, string Text, IReadOnlyList<DraftSource> References, IReadOnlyList<string> Notes, IReadOnlyList<int> Measures);

    /// <summary>The problem's paragraph; <paramref name="partial"/> is told the model's rewrite as it is written.</summary>
    public async Task<Result> DraftAsync(LedgerSnapshot ledger, LedgerProblem problem, CancellationToken ct, Action<string>? partial = null)
    {
        var records = composer.Paragraph(ledger, problem);
        var references = await ReferencesAsync(problem, ct);
        var measures = ledger.MeasuresOf(problem).Select(m => m.Number).ToList();
        var rewrite = await RewriteAsync(ledger, problem, records, references, ct, partial);
        return new Result(problem.Title, rewrite.Text ?? records, references, rewrite.Note is { } note ? [note] : [], measures);
    }

    /// <summary>
    /// The report with each problem's 整改情况 in section 二 rewritten by the model where the rewrite checks, the
    /// composed text kept where it does not, so one bad paragraph costs only itself. The figures of sections 一 and 三
    /// are the dashboard's and stay as composed: a rewrite could pin a true figure to the wrong word, which no check
    /// sees. Paragraphs go one at a time, and a model that fails or times out is not asked again for this report,
    /// so a dead endpoint costs one timeout, not one per problem. The office is told what was polished and what not.
    /// </summary>
    public async Task<StatusReport> PolishAsync(LedgerSnapshot ledger, StatusReport report, CancellationToken ct, Action<string>? partial = null)
    {
        if (!llm.IsEnabled)
        {
            return report;
        }
        var problems = ledger.Problems.ToDictionary(p => p.Id);
        var paragraphs = report.Paragraphs.ToList();
        // The paragraphs of problems with measures, each with its problem: what is polished, and how many there are to say.
        var polishable = paragraphs
            .Select((p, i) => (Index: i, Problem: p.ProblemId is { } id && problems.TryGetValue(id, out var problem) && ledger.MeasuresOf(problem).Any() ? problem : null))
            .Where(t => t.Problem is not null).ToList();
        var (polished, rejected, failed) = (0, new List<string>(), false);
        for (var k = 0; k < polishable.Count && !failed; k++)
        {
            var (i, problem) = (polishable[k].Index, polishable[k].Problem!);
            var records = composer.Paragraph(ledger, problem);
            // A report takes one model call per problem: the chat shows which one is being written, as it is written.
            var writing = $"正在写整改情况报告（第{k + 1}/{polishable.Count}个问题）：\n";
            var rewrite = await RewriteAsync(ledger, problem, records, await ReferencesAsync(problem, ct), ct,
                partial is null ? null : soFar => partial(writing + soFar));
            if (rewrite.Text is { } text)
            {
                // The report prints the heading as its own line: the paragraph is what follows it.
                paragraphs[i] = paragraphs[i] with { Text = text[(composer.Heading(problem).Length + 1)..] };
                polished++;
            }
            else if (rewrite.Note is not null)
            {
                rejected.Add(problem.Title);
            }
            else
            {
                failed = true;
            }
        }
        var notes = new List<string>();
        if (polished + rejected.Count > 0)
        {
            notes.Add($"二、反馈问题整改落实情况中有{polished}个问题的整改情况经模型润色" + (rejected.Count == 0 ? "。"
                : $"；{rejected.Count}个问题（{string.Join("；", rejected.Select(t => ReportWording.Quote(t)))}）的润色稿含有记录中没有的内容，保留了根据记录生成的文字。"));
        }
        if (failed)
        {
            notes.Add("模型未能完成润色（连接失败或超时），其余段落为根据记录生成的文字。");
        }
        return report with { Paragraphs = paragraphs, Warnings = [.. report.Warnings, .. notes] };
    }

    private async Task<List<DraftSource>> ReferencesAsync(LedgerProblem problem, CancellationToken ct)
    {
        var search = await corpus.ReadyAsync(ct);
        var hits = await search.SearchAsync(new SearchRequest(problem.Title, Top: References * 3, Kind: ChunkKind.Report), ct);
        return hits.Select(h => h.Chunk).Where(c => QueryOverlap.Relevant(problem.Title, c.Text)).Take(References)
            .Select((c, i) => new DraftSource(i + 1, c.Document, DraftText.Location(c), c.Text)).ToList();
    }

    /// <summary>
    /// The model's rewrite of <paramref name="records"/> when it checks; otherwise no text and a note saying why, or
    /// neither when the model is off or failed.
    /// </summary>
    private async Task<(string? Text, string? Note)> RewriteAsync(LedgerSnapshot ledger, LedgerProblem problem, string records,
        IReadOnlyList<DraftSource> references, CancellationToken ct, Action<string>? partial = null)
    {
        if (await llm.RewriteAsync(records, references, ct, partial) is not { Length: > 0 } rewritten)
        {
            return (null, null);
        }
        var invented = DraftChecks.UnsupportedFacts(rewritten, [records, problem.Title, .. references.Select(r => r.Text)], ledger.Names());
        if (invented.Count > 0)
        {
            return (null, $"模型改写的段落中出现了记录里没有的“{string.Join("”“", invented)}”，已改用根据记录生成的段落。");
        }
        var lead = composer.Lead(ledger, problem);
        return rewritten.StartsWith(lead, StringComparison.Ordinal)
            ? (rewritten, null)
            : (null, $"模型改写的段落没有以“{lead}”开头，问题名称或整改状态与记录不符，已改用根据记录生成的段落。");
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
