using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RectifyBot.Retrieval.Qdrant;

/// <summary>
/// A small typed client over Qdrant's REST API for the calls retrieval uses: create a collection, upsert
/// points, query with a payload filter, delete points by filter. Targets Qdrant 1.10 and later (the
/// universal /points/query endpoint arrived in 1.10); request shapes follow the OpenAPI document of 1.10
/// through master. Qdrant.Client (gRPC) is not in our package registry.
/// </summary>
public sealed class QdrantClient : IVectorIndex
{
    private readonly HttpClient _http;
    private readonly string _collection;
    private int _ensuredSize;

    public QdrantClient(HttpClient http, Uri url, string collection, string? apiKey)
    {
        _http = http;
        _http.BaseAddress = url;
        if (!string.IsNullOrEmpty(apiKey))
        {
            _http.DefaultRequestHeaders.Add("api-key", apiKey);
        }
        _collection = Uri.EscapeDataString(collection);
    }

    public static QdrantClient? Create(RetrievalOptions options, HttpClient? http = null) =>
        options.QdrantEnabled ? new QdrantClient(http ?? new HttpClient(), options.QdrantUrl!, options.QdrantCollection, options.QdrantApiKey) : null;

    /// <summary>Creates the collection for vectors of <paramref name="size"/> dimensions unless it exists.</summary>
    public async Task EnsureCollectionAsync(int size, CancellationToken cancellationToken)
    {
        if (_ensuredSize == size)
        {
            return;
        }
        var exists = await SendAsync<CollectionExistence>(HttpMethod.Get, $"collections/{_collection}/exists", null, cancellationToken);
        if (exists is not { Exists: true })
        {
            await SendAsync<JsonElement>(HttpMethod.Put, $"collections/{_collection}", new CreateCollection(new VectorParams(size, "Cosine")), cancellationToken);
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
        var points = chunks.Select((c, i) => new PointStruct(PointId(c.Id), vectors[i],
            new ChunkPayload(c.Id, c.Document, c.Organisation, c.Year, Kind(c.Kind)))).ToList();
        await SendAsync<JsonElement>(HttpMethod.Put, $"collections/{_collection}/points?wait=true", new PointsList(points), cancellationToken);
    }

    public async Task DeleteDocumentAsync(string document, CancellationToken cancellationToken) =>
        await SendAsync<JsonElement>(HttpMethod.Post, $"collections/{_collection}/points/delete?wait=true",
            new FilterSelector(new Filter([new FieldCondition("document", new MatchValue(document))])), cancellationToken);

    public async Task<IReadOnlyList<VectorHit>> SearchAsync(float[] vector, SearchRequest filter, int top, CancellationToken cancellationToken)
    {
        var conditions = new List<FieldCondition>();
        if (filter.Kind is { } kind)
        {
            conditions.Add(new FieldCondition("kind", new MatchValue(Kind(kind))));
        }
        if (filter.Year is { } year)
        {
            conditions.Add(new FieldCondition("year", new MatchValue(year)));
        }
        if (filter.Organisation is { } organisation)
        {
            conditions.Add(new FieldCondition("organisation", new MatchValue(organisation)));
        }
        var request = new QueryRequest(vector, conditions.Count == 0 ? null : new Filter(conditions), top, WithPayload: true);
        var response = await SendAsync<QueryResponse>(HttpMethod.Post, $"collections/{_collection}/points/query", request, cancellationToken);
        return [.. (response?.Points ?? []).Where(p => p.Payload is not null).Select(p => new VectorHit(p.Payload!.ChunkId, p.Score))];
    }

    /// <summary>Qdrant ids are integers or UUIDs; a chunk id maps to a stable UUID so re-upserting replaces.</summary>
    internal static string PointId(string chunkId) =>
        new Guid(MD5.HashData(Encoding.UTF8.GetBytes(chunkId))).ToString();

    private static string Kind(ChunkKind kind) => kind.ToString().ToLowerInvariant();

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType()) };
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Qdrant {method} {path} failed: {(int)response.StatusCode} {detail}", null, response.StatusCode);
        }
        var wrapped = await response.Content.ReadFromJsonAsync<QdrantResponse<T>>(cancellationToken);
        return wrapped is null ? default : wrapped.Result;
    }
}
