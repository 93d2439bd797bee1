using System.Security.Cryptography;
using System.Text;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using static Qdrant.Client.Grpc.Conditions;

namespace RectifyBot.Retrieval;

/// <summary>
/// Vectors in a Qdrant collection, through Qdrant.Client (gRPC, port 6334): create the collection unless it exists,
/// upsert points, query the nearest with a payload filter, delete a document's points by filter. Each point carries
/// the chunk's id, document, organisation, year and kind, which is all the filters and the hybrid search need.
/// </summary>
public sealed class QdrantVectorIndex(QdrantClient client, string collection) : IVectorIndex
{
    private int _ensuredSize;

    public static QdrantVectorIndex? Create(RetrievalOptions options) => options.QdrantEnabled
        ? new QdrantVectorIndex(new QdrantClient(options.QdrantAddress!, string.IsNullOrEmpty(options.QdrantApiKey) ? null : options.QdrantApiKey), options.QdrantCollection)
        : null;

    /// <summary>Creates the collection for vectors of <paramref name="size"/> dimensions, compared by cosine, unless it exists.</summary>
    public async Task EnsureCollectionAsync(int size, CancellationToken cancellationToken)
    {
        if (_ensuredSize == size)
        {
            return;
        }
        if (!await client.CollectionExistsAsync(collection, cancellationToken))
        {
            await client.CreateCollectionAsync(collection, new VectorParams { Size = (ulong)size, Distance = Distance.Cosine }, cancellationToken: cancellationToken);
        }
        _ensuredSize = size;
    }

    public async Task UpsertAsync(IReadOnlyList<Chunk> chunks, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken)
    {
        if (chunks.Count == 0)
        {
            return;
        }
        await EnsureCollectionAsync(vectors[0].Length, cancellationToken);
        var points = chunks.Select((c, i) =>
        {
            var point = new PointStruct { Id = PointId(c.Id), Vectors = vectors[i] };
            point.Payload["chunk_id"] = c.Id;
            point.Payload["document"] = c.Document;
            point.Payload["kind"] = Kind(c.Kind);
            if (c.Organisation is { } organisation)
            {
                point.Payload["organisation"] = organisation;
            }
            if (c.Year is { } year)
            {
                point.Payload["year"] = year;
            }
            return point;
        }).ToList();
        await client.UpsertAsync(collection, points, wait: true, cancellationToken: cancellationToken);
    }

    public async Task DeleteDocumentAsync(string document, CancellationToken cancellationToken) =>
        await client.DeleteAsync(collection, MatchKeyword("document", document), wait: true, cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<VectorHit>> SearchAsync(float[] vector, SearchRequest filter, int top, CancellationToken cancellationToken)
    {
        var must = new Filter();
        if (filter.Kind is { } kind)
        {
            must.Must.Add(MatchKeyword("kind", Kind(kind)));
        }
        if (filter.Year is { } year)
        {
            must.Must.Add(Match("year", year));
        }
        if (filter.Organisation is { } organisation)
        {
            must.Must.Add(MatchKeyword("organisation", organisation));
        }
        var points = await client.QueryAsync(collection, query: vector, filter: must.Must.Count == 0 ? null : must, limit: (ulong)top,
            payloadSelector: new WithPayloadSelector { Enable = true }, cancellationToken: cancellationToken);
        return [.. points.Where(p => p.Payload.ContainsKey("chunk_id")).Select(p => new VectorHit(p.Payload["chunk_id"].StringValue, p.Score))];
    }

    /// <summary>Qdrant ids are integers or UUIDs; a chunk id maps to a stable UUID so re-upserting replaces.</summary>
    internal static Guid PointId(string chunkId) => new(MD5.HashData(Encoding.UTF8.GetBytes(chunkId)));

    private static string Kind(ChunkKind kind) => kind.ToString().ToLowerInvariant();
}
