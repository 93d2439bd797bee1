using System.Text.Json.Serialization;

namespace RectifyBot.Retrieval.Qdrant;

// Request and response shapes of Qdrant's REST API, named after the schemas in its OpenAPI document
// (docs/redoc/master/openapi.json in qdrant/qdrant; /points/query exists from v1.10).
// REF: https://api.qdrant.tech/api-reference

/// <summary>CreateCollection: PUT /collections/{collection_name}.</summary>
internal sealed record CreateCollection([property: JsonPropertyName("vectors")] VectorParams Vectors);

/// <summary>VectorParams; distance is one of Cosine, Euclid, Dot, Manhattan.</summary>
internal sealed record VectorParams(
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("distance")] string Distance);

/// <summary>PointsList: PUT /collections/{collection_name}/points.</summary>
internal sealed record PointsList([property: JsonPropertyName("points")] IReadOnlyList<PointStruct> Points);

/// <summary>PointStruct; the id is a UUID string (ExtendedPointId allows uint64 or UUID).</summary>
internal sealed record PointStruct(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("vector")] float[] Vector,
    [property: JsonPropertyName("payload")] ChunkPayload Payload);

/// <summary>The payload we store with each point: enough to filter and to find the chunk again.</summary>
internal sealed record ChunkPayload(
    [property: JsonPropertyName("chunk_id")] string ChunkId,
    [property: JsonPropertyName("document")] string Document,
    [property: JsonPropertyName("organisation")] string? Organisation,
    [property: JsonPropertyName("year")] int? Year,
    [property: JsonPropertyName("kind")] string Kind);

/// <summary>QueryRequest: POST /collections/{collection_name}/points/query with a nearest-vector query.</summary>
internal sealed record QueryRequest(
    [property: JsonPropertyName("query")] float[] Query,
    [property: JsonPropertyName("filter"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Filter? Filter,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("with_payload")] bool WithPayload);

/// <summary>FilterSelector: POST /collections/{collection_name}/points/delete.</summary>
internal sealed record FilterSelector([property: JsonPropertyName("filter")] Filter Filter);

/// <summary>Filter with only "must" conditions, which is all we need.</summary>
internal sealed record Filter([property: JsonPropertyName("must")] IReadOnlyList<FieldCondition> Must);

/// <summary>FieldCondition with a MatchValue.</summary>
internal sealed record FieldCondition(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("match")] MatchValue Match);

/// <summary>MatchValue: ValueVariants is a string, an int64 or a bool.</summary>
internal sealed record MatchValue([property: JsonPropertyName("value")] object Value);

/// <summary>Every Qdrant response wraps its result: {"result": …, "status": "ok", "time": seconds}.</summary>
internal sealed record QdrantResponse<T>(
    [property: JsonPropertyName("result")] T? Result,
    [property: JsonPropertyName("status")] object? Status);

/// <summary>QueryResponse.</summary>
internal sealed record QueryResponse([property: JsonPropertyName("points")] IReadOnlyList<ScoredPoint> Points);

/// <summary>ScoredPoint (the fields we read).</summary>
internal sealed record ScoredPoint(
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("payload")] ChunkPayload? Payload);

/// <summary>CollectionExistence: GET /collections/{collection_name}/exists (v1.8+).</summary>
internal sealed record CollectionExistence([property: JsonPropertyName("exists")] bool Exists);
