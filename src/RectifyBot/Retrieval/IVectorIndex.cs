namespace RectifyBot.Retrieval;

/// <summary>A chunk found by vector similarity.</summary>
public sealed record VectorHit(string ChunkId, double Score);

/// <summary>Where embeddings live: <see cref="EmbeddedVectorIndex"/> by default, <see cref="QdrantVectorIndex"/> when configured.</summary>
public interface IVectorIndex
{
    Task UpsertAsync(IReadOnlyList<Chunk> chunks, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken);

    Task DeleteDocumentAsync(string document, CancellationToken cancellationToken);

    /// <summary>The nearest chunks by cosine that pass the request's filters (its query text is not used).</summary>
    Task<IReadOnlyList<VectorHit>> SearchAsync(float[] vector, SearchRequest filter, int top, CancellationToken cancellationToken);
}
