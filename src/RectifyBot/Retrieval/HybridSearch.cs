using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RectifyBot.Retrieval;

/// <summary>
/// Search as the product uses it: BM25 always, and when vectors are configured, a vector search whose list is
/// fused with BM25's by reciprocal rank. Adding documents keeps both indexes in step: an unchanged document
/// is skipped by the lexical index, and only changed ones are re-embedded.
/// </summary>
public sealed partial class HybridSearch(LexicalIndex lexical, EmbeddingClient? embeddings = null, IVectorIndex? vectors = null, ILogger<HybridSearch>? logger = null) : IDisposable
{
    // How deep each list goes before fusion: deep enough that a chunk ranked modestly by both can win.
    private const int Pool = 50;

    private readonly ILogger _logger = logger ?? NullLogger<HybridSearch>.Instance;

    /// <summary>
    /// The search the configuration asks for, over the indexes in <paramref name="dataFolder"/>: BM25 alone,
    /// or with vectors in Qdrant when its address is set, else in the embedded store beside the lexical index.
    /// </summary>
    public static HybridSearch Open(string dataFolder, RetrievalOptions options, ILogger<HybridSearch>? logger = null)
    {
        var embeddings = EmbeddingClient.Create(options);
        var vectors = embeddings is null ? null : (IVectorIndex?)QdrantVectorIndex.Create(options) ?? EmbeddedVectorIndex.Open(dataFolder);
        return new HybridSearch(LexicalIndex.Open(dataFolder), embeddings, vectors, logger);
    }

    public bool VectorsEnabled => embeddings is not null && vectors is not null;

    public LexicalIndex Lexical => lexical;

    /// <summary>
    /// Adds or replaces documents; returns the names of those that changed. Vectors are written first and the
    /// lexical index last, because the lexical commit is what marks a document done: if embedding fails,
    /// nothing is marked and the next add retries it.
    /// </summary>
    public async Task<IReadOnlyList<string>> AddDocumentsAsync(IReadOnlyList<DocumentChunks> documents, CancellationToken cancellationToken)
    {
        if (VectorsEnabled)
        {
            var changed = lexical.Changed(documents);
            foreach (var document in documents.Where(d => changed.Contains(d.Document)))
            {
                await vectors!.DeleteDocumentAsync(document.Document, cancellationToken);
                var embedded = await embeddings!.EmbedAsync([.. document.Chunks.Select(c => c.Text)], cancellationToken);
                await vectors.UpsertAsync(document.Chunks, embedded, cancellationToken);
            }
        }
        return lexical.AddDocuments(documents);
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        if (!VectorsEnabled)
        {
            return lexical.Search(request);
        }
        var lexicalHits = lexical.Search(request with { Top = Pool });
        IReadOnlyList<VectorHit> vectorHits;
        try
        {
            var vector = (await embeddings!.EmbedAsync([request.Query], cancellationToken))[0];
            vectorHits = await vectors!.SearchAsync(vector, request, Pool, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // BM25 is the product and vectors enhance it: an unreachable embedding server or Qdrant costs
            // the vector half of this search, not the search.
            Log.VectorSearchFailed(_logger, e);
            return [.. lexicalHits.Take(request.Top)];
        }

        var fused = ReciprocalRankFusion.Fuse([[.. lexicalHits.Select(h => h.Chunk.Id)], [.. vectorHits.Select(h => h.ChunkId)]])
            .Take(request.Top).ToList();
        var known = lexicalHits.ToDictionary(h => h.Chunk.Id);
        var fetched = lexical.GetChunks(fused.Select(f => f.Id).Where(id => !known.ContainsKey(id))).ToDictionary(c => c.Id);
        return [.. fused
            .Select(f => known.TryGetValue(f.Id, out var hit)
                ? hit with { Score = f.Score }
                : fetched.TryGetValue(f.Id, out var chunk) ? new SearchHit(chunk, f.Score, LexicalIndex.Snippet(chunk.Text, request.Query)) : null)
            .OfType<SearchHit>()];
    }

    /// <summary>Closes the lexical index, which this search owns.</summary>
    public void Dispose() => lexical.Dispose();

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Vector search failed; answering from BM25 alone")]
        public static partial void VectorSearchFailed(ILogger logger, Exception exception);
    }
}

/// <summary>
/// Reciprocal-rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): score = Σ 1 / (k + rank). It needs no
/// score calibration between BM25 and cosine, which live on unrelated scales.
/// </summary>
public static class ReciprocalRankFusion
{
    public const int DefaultK = 60;

    public static IReadOnlyList<(string Id, double Score)> Fuse(IReadOnlyList<IReadOnlyList<string>> rankings, int k = DefaultK)
    {
        var scores = new Dictionary<string, double>();
        var firstSeen = new Dictionary<string, int>();
        foreach (var ranking in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var id = ranking[rank];
                scores[id] = scores.GetValueOrDefault(id) + 1.0 / (k + rank + 1);
                firstSeen.TryAdd(id, firstSeen.Count);
            }
        }
        return [.. scores.OrderByDescending(s => s.Value).ThenBy(s => firstSeen[s.Key]).Select(s => (s.Key, s.Value))];
    }
}
