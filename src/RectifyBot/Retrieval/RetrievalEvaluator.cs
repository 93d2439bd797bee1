using System.Diagnostics;

namespace RectifyBot.Retrieval;

/// <summary>A finding (具体表现) and the texts of its own measures.</summary>
public sealed record EvaluationFinding(string Text, IReadOnlyList<string> Measures);

/// <summary>One plan's findings, named by its source document.</summary>
public sealed record EvaluationPlan(string Document, IReadOnlyList<EvaluationFinding> Findings);

public sealed record RetrievalScores(double RecallAt5, double RecallAt10, double Mrr, int Queries, double MeanQueryMs);

public sealed record DocumentRetrievalScores(string Document, RetrievalScores Scores);

/// <summary>What <c>rectifybot eval retrieval --json</c> prints.</summary>
public sealed record RetrievalEvaluation(RetrievalScores Overall, IReadOnlyList<DocumentRetrievalScores> Documents);

/// <summary>
/// Leave-one-out: every measure of every plan is indexed by its own text only (no headings, so the finding's
/// words are not in the index), then each finding's text is the query and its own measures are the relevant
/// set. Recall@k is |relevant ∩ top k| / |relevant| averaged over findings; MRR is the mean of 1 / the rank of
/// the first relevant hit.
/// </summary>
public static class RetrievalEvaluator
{
    /// <summary>Runs the benchmark on a fresh lexical index in a subfolder of <paramref name="dataFolder"/>, removed after.</summary>
    public static RetrievalEvaluation Evaluate(IReadOnlyList<EvaluationPlan> plans, string dataFolder)
    {
        var folder = Path.Combine(dataFolder, "eval-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var index = LexicalIndex.Open(folder);
            index.AddDocuments(plans.Select(plan => new DocumentChunks(plan.Document, Chunks(plan))));
            // The lexical search completes synchronously, so waiting on it cannot block.
            return EvaluateAsync(plans, request => Task.FromResult(index.Search(request))).GetAwaiter().GetResult();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Scores any search over chunks made by <see cref="Chunks"/>: the lexical index or a hybrid.</summary>
    public static async Task<RetrievalEvaluation> EvaluateAsync(IReadOnlyList<EvaluationPlan> plans, Func<SearchRequest, Task<IReadOnlyList<SearchHit>>> search)
    {
        var all = new List<QueryOutcome>();
        var documents = new List<DocumentRetrievalScores>();
        foreach (var plan in plans)
        {
            var outcomes = new List<QueryOutcome>();
            for (var f = 0; f < plan.Findings.Count; f++)
            {
                var finding = plan.Findings[f];
                if (finding.Measures.Count == 0)
                {
                    continue;
                }
                var location = Location(f);
                var clock = Stopwatch.StartNew();
                var hits = await search(new SearchRequest(finding.Text, Top: 10));
                var elapsed = clock.Elapsed.TotalMilliseconds;
                bool Relevant(SearchHit h) => h.Chunk.Document == plan.Document && h.Chunk.Location == location;
                var firstRelevant = hits.Select((h, i) => (h, i)).FirstOrDefault(x => Relevant(x.h), (null!, -1)).Item2;
                outcomes.Add(new QueryOutcome(
                    (double)hits.Take(5).Count(Relevant) / finding.Measures.Count,
                    (double)hits.Take(10).Count(Relevant) / finding.Measures.Count,
                    firstRelevant < 0 ? 0 : 1.0 / (firstRelevant + 1),
                    elapsed));
            }
            documents.Add(new DocumentRetrievalScores(plan.Document, Summarise(outcomes)));
            all.AddRange(outcomes);
        }
        return new RetrievalEvaluation(Summarise(all), documents);
    }

    /// <summary>The chunks the benchmark indexes: one per measure, its text only, grouped by finding.</summary>
    public static IReadOnlyList<Chunk> Chunks(EvaluationPlan plan)
    {
        var chunks = new List<Chunk>();
        var number = 0;
        for (var f = 0; f < plan.Findings.Count; f++)
        {
            foreach (var measure in plan.Findings[f].Measures)
            {
                number++;
                chunks.Add(new Chunk($"{plan.Document}#{number}", plan.Document, null, null, ChunkKind.Plan, Location(f), number, measure));
            }
        }
        return chunks;
    }

    private static string Location(int finding) => $"finding/{finding + 1}";

    private static RetrievalScores Summarise(List<QueryOutcome> outcomes) => outcomes.Count == 0
        ? new RetrievalScores(0, 0, 0, 0, 0)
        : new RetrievalScores(
            Math.Round(outcomes.Average(o => o.RecallAt5), 4),
            Math.Round(outcomes.Average(o => o.RecallAt10), 4),
            Math.Round(outcomes.Average(o => o.ReciprocalRank), 4),
            outcomes.Count,
            Math.Round(outcomes.Average(o => o.Milliseconds), 3));

    private sealed record QueryOutcome(double RecallAt5, double RecallAt10, double ReciprocalRank, double Milliseconds);
}
