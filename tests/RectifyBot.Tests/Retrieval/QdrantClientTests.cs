using RectifyBot.Retrieval;
using RectifyBot.Retrieval.Qdrant;

namespace RectifyBot.Tests.Retrieval;

public sealed class QdrantClientTests
{
    private static Chunk Chunk(string id, string document, ChunkKind kind, int year) =>
        new(id, document, "县民政局", year, kind, "p1", null, "文本");

    [Fact]
    public async Task Upserts_into_a_new_collection_queries_with_a_payload_filter_and_deletes_by_document()
    {
        await using var qdrant = await FakeQdrant.StartAsync("plans");
        var client = new QdrantClient(new HttpClient(), qdrant.Address, "plans", apiKey: "secret");

        await client.UpsertAsync(
            [Chunk("a#1", "a", ChunkKind.Plan, 2023), Chunk("a#2", "a", ChunkKind.Report, 2023), Chunk("b#1", "b", ChunkKind.Plan, 2024)],
            [[1, 0, 0], [0.9f, 0.1f, 0], [0, 1, 0]], CancellationToken.None);
        Assert.Equal(3, qdrant.CollectionSize);
        Assert.Equal(3, qdrant.PointCount);

        var all = await client.SearchAsync([1, 0, 0], new SearchRequest(""), 10, CancellationToken.None);
        Assert.Equal(["a#1", "a#2", "b#1"], all.Select(h => h.ChunkId));
        var plans2024 = await client.SearchAsync([1, 0, 0], new SearchRequest("", Kind: ChunkKind.Plan, Year: 2024), 10, CancellationToken.None);
        Assert.Equal(["b#1"], plans2024.Select(h => h.ChunkId));

        await client.DeleteDocumentAsync("a", CancellationToken.None);
        Assert.Equal(1, qdrant.PointCount);

        Assert.Empty(qdrant.Errors);
        Assert.All(qdrant.ApiKeys, key => Assert.Equal("secret", key));
        Assert.Equal(
            ["GET /collections/plans/exists", "PUT /collections/plans", "PUT /collections/plans/points?wait=true",
             "POST /collections/plans/points/query", "POST /collections/plans/points/query", "POST /collections/plans/points/delete?wait=true"],
            qdrant.Requests);
    }

    [Fact]
    public async Task A_rejected_request_surfaces_with_qdrants_message()
    {
        await using var qdrant = await FakeQdrant.StartAsync("plans");
        var client = new QdrantClient(new HttpClient(), qdrant.Address, "plans", apiKey: null);

        // An empty vector is not a VectorStruct the schema accepts.
        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.SearchAsync([], new SearchRequest(""), 5, CancellationToken.None));
        Assert.Contains("query must be an array of numbers", error.Message);
    }

    [Fact]
    public void Point_ids_are_stable_uuids()
    {
        Assert.Equal(QdrantClient.PointId("003#12"), QdrantClient.PointId("003#12"));
        Assert.NotEqual(QdrantClient.PointId("003#12"), QdrantClient.PointId("003#13"));
        Assert.True(Guid.TryParse(QdrantClient.PointId("003#12"), out _));
    }
}
