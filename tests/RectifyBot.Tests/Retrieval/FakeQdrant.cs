using System.Numerics.Tensors;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Tests.Retrieval.QdrantWire;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Retrieval;

/// <summary>
/// A loopback Qdrant for one collection, speaking its public gRPC API (QdrantWire/qdrant.proto: Qdrant's package,
/// services, messages and field numbers) over HTTP/2 on Kestrel. Each call is checked for the fields Qdrant
/// requires and the shapes we rely on; a malformed one fails with InvalidArgument, as Qdrant answers, and an
/// unknown collection with NotFound. Points are kept in memory so queries and deletes behave.
/// </summary>
public sealed class FakeQdrant : IAsyncDisposable
{
    private readonly string _collection;
    private readonly Dictionary<string, (float[] Vector, Dictionary<string, Value> Payload)> _points = [];
    private LoopbackServer _server = null!;

    private FakeQdrant(string collection) => _collection = collection;

    public List<string> Errors { get; } = [];

    /// <summary>Each call as "Service/Method".</summary>
    public List<string> Requests { get; } = [];
    public List<string?> ApiKeys { get; } = [];
    public ulong? CollectionSize { get; private set; }
    public Uri Address => _server.Address;
    public int PointCount => _points.Count;

    /// <summary>The last upsert's payloads, for tests of what a point carries.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, Value>> LastPayloads { get; private set; } = [];

    public static async Task<FakeQdrant> StartAsync(string collection)
    {
        var fake = new FakeQdrant(collection);
        fake._server = await LoopbackServer.StartAsync(
            app =>
            {
                app.MapGrpcService<CollectionsService>();
                app.MapGrpcService<PointsService>();
            },
            builder =>
            {
                // gRPC without TLS is HTTP/2 with prior knowledge, as a client reaching Qdrant on port 6334 speaks it.
                builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(o => o.Protocols = HttpProtocols.Http2));
                builder.Services.AddGrpc();
                builder.Services.AddSingleton(fake);
            });
        return fake;
    }

    private void Record(ServerCallContext context)
    {
        Requests.Add(context.Method.TrimStart('/').Replace("qdrant.", ""));
        ApiKeys.Add(context.RequestHeaders.GetValue("api-key"));
    }

    private void Begin(ServerCallContext context, string collection)
    {
        Record(context);
        if (collection != _collection)
        {
            Fail(StatusCode.NotFound, $"Collection `{collection}` doesn't exist!");
        }
    }

    private void Require(bool condition, string message)
    {
        if (!condition)
        {
            Fail(StatusCode.InvalidArgument, "Wrong input: " + message);
        }
    }

    private void Fail(StatusCode code, string message)
    {
        Errors.Add(message);
        throw new RpcException(new Status(code, message));
    }

    // Older clients send a vector's numbers in the deprecated first field, newer ones in dense; either is accepted.
#pragma warning disable CS0612
    private static float[] Dense(Vector? v) => v is null ? [] : v.Dense is { } dense ? [.. dense.Data] : [.. v.Data];
#pragma warning restore CS0612

    private bool Matches(Dictionary<string, Value> payload, Filter? filter) =>
        filter is null || filter.Must.All(c =>
        {
            Require(c.Field is { Match: not null }, "only field conditions with a match are expected");
            var match = c.Field!.Match!;
            return payload.TryGetValue(c.Field.Key, out var value) && match.MatchValueCase switch
            {
                Match.MatchValueOneofCase.Keyword => value.StringValue == match.Keyword && value.KindCase == Value.KindOneofCase.StringValue,
                Match.MatchValueOneofCase.Integer => value.IntegerValue == match.Integer && value.KindCase == Value.KindOneofCase.IntegerValue,
                _ => false,
            };
        });

    private sealed class CollectionsService(FakeQdrant fake) : Collections.CollectionsBase
    {
        public override Task<CollectionExistsResponse> CollectionExists(CollectionExistsRequest request, ServerCallContext context)
        {
            fake.Record(context);
            return Task.FromResult(new CollectionExistsResponse
            {
                Result = new CollectionExists { Exists = request.CollectionName == fake._collection && fake.CollectionSize is not null },
                Time = 0.0001,
            });
        }

        public override Task<CollectionOperationResponse> Create(CreateCollection request, ServerCallContext context)
        {
            fake.Begin(context, request.CollectionName);
            fake.Require(fake.CollectionSize is null, $"Collection `{request.CollectionName}` already exists!");
            var p = request.VectorsConfig?.Params;
            fake.Require(p is { Size: >= 1 }, "vectors_config.params.size must be at least 1");
            fake.Require(p!.Distance != Distance.UnknownDistance, "vectors_config.params.distance is required");
            fake.CollectionSize = p.Size;
            return Task.FromResult(new CollectionOperationResponse { Result = true, Time = 0.001 });
        }
    }

    private sealed class PointsService(FakeQdrant fake) : Points.PointsBase
    {
        public override Task<PointsOperationResponse> Upsert(UpsertPoints request, ServerCallContext context)
        {
            fake.Begin(context, request.CollectionName);
            foreach (var p in request.Points)
            {
                fake.Require(p.Id?.PointIdOptionsCase == PointId.PointIdOptionsOneofCase.Uuid && Guid.TryParse(p.Id.Uuid, out _), "point id must be a UUID or an integer");
                var vector = Dense(p.Vectors?.Vector);
                fake.Require((ulong)vector.Length == fake.CollectionSize, $"Vector dimension error: expected dim: {fake.CollectionSize}, got {vector.Length}");
                fake.Require(p.Payload.TryGetValue("chunk_id", out var id) && id.KindCase == Value.KindOneofCase.StringValue, "payload.chunk_id is expected");
                fake._points[p.Id!.Uuid] = (vector, new Dictionary<string, Value>(p.Payload));
            }
            fake.LastPayloads = [.. request.Points.Select(p => (IReadOnlyDictionary<string, Value>)new Dictionary<string, Value>(p.Payload))];
            return Task.FromResult(Done(1));
        }

        public override Task<PointsOperationResponse> Delete(DeletePoints request, ServerCallContext context)
        {
            fake.Begin(context, request.CollectionName);
            fake.Require(request.Points?.Filter is not null, "points selector must be a filter");
            foreach (var id in fake._points.Where(p => fake.Matches(p.Value.Payload, request.Points!.Filter)).Select(p => p.Key).ToList())
            {
                fake._points.Remove(id);
            }
            return Task.FromResult(Done(2));
        }

        public override Task<QueryResponse> Query(QueryPoints request, ServerCallContext context)
        {
            fake.Begin(context, request.CollectionName);
            var query = request.Query?.Nearest?.Dense is { } dense ? dense.Data.ToArray() : [];
            fake.Require(query.Length > 0 && (ulong)query.Length == fake.CollectionSize, $"query vector dimension error: expected dim: {fake.CollectionSize}, got {query.Length}");
            fake.Require(request.HasLimit && request.Limit > 0, "limit must be positive");
            var response = new QueryResponse { Time = 0.0001 };
            response.Result.AddRange(fake._points
                .Where(p => fake.Matches(p.Value.Payload, request.Filter))
                .Select(p => (Id: p.Key, p.Value.Payload, Score: TensorPrimitives.CosineSimilarity(query, p.Value.Vector)))
                .OrderByDescending(p => p.Score).Take((int)request.Limit)
                .Select(p =>
                {
                    var point = new ScoredPoint { Id = new PointId { Uuid = p.Id }, Score = p.Score, Version = 1 };
                    if (request.WithPayload?.Enable == true)
                    {
                        point.Payload.Add(p.Payload);
                    }
                    return point;
                }));
            return Task.FromResult(response);
        }

        private static PointsOperationResponse Done(ulong operation) =>
            new() { Result = new UpdateResult { OperationId = operation, Status = UpdateStatus.Completed }, Time = 0.001 };
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
