using System.Numerics.Tensors;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Retrieval;

/// <summary>
/// A loopback Qdrant for one collection. Each request body is checked against the shapes of Qdrant's
/// published OpenAPI schemas (CreateCollection, VectorParams, PointsList, PointStruct, QueryRequest,
/// FilterSelector, Filter, FieldCondition, MatchValue; property sets as in v1.10.x, all still present in
/// master), answered in Qdrant's envelope {"result", "status", "time"}, and a malformed one gets 400.
/// Points are kept in memory so queries and deletes behave.
/// </summary>
public sealed class FakeQdrant : IAsyncDisposable
{
    private readonly Dictionary<string, (float[] Vector, JsonElement Payload)> _points = [];
    private LoopbackServer _server = null!;

    public List<string> Errors { get; } = [];
    public List<string> Requests { get; } = [];
    public List<string?> ApiKeys { get; } = [];
    public int? CollectionSize { get; private set; }
    public Uri Address => _server.Address;
    public int PointCount => _points.Count;

    public static async Task<FakeQdrant> StartAsync(string collection)
    {
        var fake = new FakeQdrant();
        fake._server = await LoopbackServer.StartAsync(app =>
        {
            var c = "/collections/" + collection;
            app.MapGet(c + "/exists", (HttpContext http) => fake.Handle(http, null, _ => new { exists = fake.CollectionSize is not null }));
            app.MapPut(c, (HttpContext http) => fake.Handle(http, CreateCollection, body =>
            {
                fake.CollectionSize = body.GetProperty("vectors").GetProperty("size").GetInt32();
                return true;
            }));
            app.MapPut(c + "/points", (HttpContext http) => fake.Handle(http, PointsList, body =>
            {
                foreach (var p in body.GetProperty("points").EnumerateArray())
                {
                    fake._points[p.GetProperty("id").GetString()!] = (p.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()).ToArray(), p.GetProperty("payload").Clone());
                }
                return new { operation_id = 1, status = "completed" };
            }));
            app.MapPost(c + "/points/query", (HttpContext http) => fake.Handle(http, QueryRequest, body =>
            {
                var query = body.GetProperty("query").EnumerateArray().Select(v => v.GetSingle()).ToArray();
                var filter = body.TryGetProperty("filter", out var f) ? f : default;
                var points = fake._points.Values.Where(p => Matches(p.Payload, filter))
                    .Select(p => new { id = p.Payload.GetProperty("chunk_id").GetString(), version = 1, score = TensorPrimitives.CosineSimilarity(query, p.Vector), payload = p.Payload })
                    .OrderByDescending(p => p.score).Take(body.GetProperty("limit").GetInt32());
                return new { points };
            }));
            app.MapPost(c + "/points/delete", (HttpContext http) => fake.Handle(http, FilterSelector, body =>
            {
                foreach (var id in fake._points.Where(p => Matches(p.Value.Payload, body.GetProperty("filter"))).Select(p => p.Key).ToList())
                {
                    fake._points.Remove(id);
                }
                return new { operation_id = 2, status = "completed" };
            }));
        });
        return fake;
    }

    private async Task Handle(HttpContext http, Action<JsonElement, string>? validate, Func<JsonElement, object> respond)
    {
        Requests.Add($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}");
        ApiKeys.Add(http.Request.Headers["api-key"].FirstOrDefault());
        var body = default(JsonElement);
        if (validate is not null)
        {
            try
            {
                body = (await JsonDocument.ParseAsync(http.Request.Body)).RootElement;
                validate(body, "$");
            }
            catch (Exception e) when (e is JsonException or SchemaException)
            {
                Errors.Add(e.Message);
                await Results.Json(new { status = new { error = "Format error in JSON body: " + e.Message }, time = 0.0 }, statusCode: 400).ExecuteAsync(http);
                return;
            }
        }
        await Results.Json(new { result = respond(body), status = "ok", time = 0.0001 }).ExecuteAsync(http);
    }

    private static bool Matches(JsonElement payload, JsonElement filter) =>
        filter.ValueKind != JsonValueKind.Object || !filter.TryGetProperty("must", out var must) || must.EnumerateArray().All(condition =>
            payload.TryGetProperty(condition.GetProperty("key").GetString()!, out var value)
            && value.ToString() == condition.GetProperty("match").GetProperty("value").ToString());

    // --- schema shapes ---

    private sealed class SchemaException(string message) : Exception(message);

    private static void Object(JsonElement e, string path, string[] allowed, params string[] required)
    {
        Require(e.ValueKind == JsonValueKind.Object, $"{path} must be an object");
        foreach (var p in e.EnumerateObject())
        {
            Require(allowed.Contains(p.Name), $"{path}.{p.Name} is not a property of the schema");
        }
        foreach (var r in required)
        {
            Require(e.TryGetProperty(r, out _), $"{path}.{r} is required");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new SchemaException(message);
        }
    }

    private static void FloatArray(JsonElement e, string path) =>
        Require(e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0 && e.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number), $"{path} must be an array of numbers");

    private static void CreateCollection(JsonElement e, string path)
    {
        Object(e, path, ["vectors", "shard_number", "sharding_method", "replication_factor", "write_consistency_factor", "on_disk_payload", "hnsw_config", "wal_config", "optimizers_config", "quantization_config", "sparse_vectors"]);
        var v = e.GetProperty("vectors");
        Object(v, path + ".vectors", ["size", "distance", "hnsw_config", "quantization_config", "on_disk", "datatype", "multivector_config"], "size", "distance");
        Require(v.GetProperty("size").TryGetInt64(out var size) && size >= 1, "VectorParams.size must be an integer ≥ 1");
        Require(v.GetProperty("distance").GetString() is "Cosine" or "Euclid" or "Dot" or "Manhattan", "VectorParams.distance must be a Distance");
    }

    private static void PointsList(JsonElement e, string path)
    {
        Object(e, path, ["points", "shard_key"], "points");
        foreach (var p in e.GetProperty("points").EnumerateArray())
        {
            Object(p, path + ".points[]", ["id", "vector", "payload"], "id", "vector");
            PointId(p.GetProperty("id"), path + ".points[].id");
            FloatArray(p.GetProperty("vector"), path + ".points[].vector");
            Require(!p.TryGetProperty("payload", out var payload) || payload.ValueKind is JsonValueKind.Object or JsonValueKind.Null, "payload must be an object");
        }
    }

    private static void PointId(JsonElement id, string path) =>
        Require(id.ValueKind == JsonValueKind.Number ? id.TryGetUInt64(out _) : Guid.TryParse(id.GetString(), out _), $"{path} must be a uint64 or a UUID (ExtendedPointId)");

    private static void QueryRequest(JsonElement e, string path)
    {
        Object(e, path, ["shard_key", "prefetch", "query", "using", "filter", "params", "score_threshold", "limit", "offset", "with_vector", "with_payload", "lookup_from"]);
        FloatArray(e.GetProperty("query"), path + ".query");
        Require(!e.TryGetProperty("limit", out var limit) || limit.TryGetInt32(out var l) && l >= 1, "limit must be an integer ≥ 1");
        Require(!e.TryGetProperty("with_payload", out var wp) || wp.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Array or JsonValueKind.Object, "with_payload must be a WithPayloadInterface");
        if (e.TryGetProperty("filter", out var filter))
        {
            Filter(filter, path + ".filter");
        }
    }

    private static void FilterSelector(JsonElement e, string path)
    {
        Object(e, path, ["filter", "shard_key"], "filter");
        Filter(e.GetProperty("filter"), path + ".filter");
    }

    private static void Filter(JsonElement e, string path)
    {
        // Filter has additionalProperties: false.
        Object(e, path, ["should", "min_should", "must", "must_not"]);
        foreach (var clause in new[] { "should", "must", "must_not" })
        {
            if (e.TryGetProperty(clause, out var conditions))
            {
                foreach (var c in conditions.ValueKind == JsonValueKind.Array ? conditions.EnumerateArray().ToArray() : [conditions])
                {
                    Object(c, $"{path}.{clause}[]", ["key", "match", "range", "geo_bounding_box", "geo_radius", "geo_polygon", "values_count"], "key");
                    Object(c.GetProperty("match"), $"{path}.{clause}[].match", ["value"], "value");
                    Require(c.GetProperty("match").GetProperty("value").ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False,
                        "MatchValue.value must be a ValueVariants (string, int64, bool)");
                }
            }
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
