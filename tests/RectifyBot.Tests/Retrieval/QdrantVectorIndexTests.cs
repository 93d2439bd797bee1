using RectifyBot.Retrieval;

namespace RectifyBot.Tests.Retrieval;

/// <summary>Qdrant.Client against the loopback gRPC Qdrant: the calls' wire shapes, and what they do.</summary>
public sealed class QdrantVectorIndexTests
{
    private static Chunk Chunk(string id, string document, ChunkKind kind, int year, string? organisation = "县民政局") =>
        new(id, document, organisation, year, kind, "p1", null, "文本");

    private static QdrantVectorIndex Index(FakeQdrant qdrant, string? apiKey) =>
        QdrantVectorIndex.Create(new RetrievalOptions
        {
            EmbeddingEndpoint = new Uri("http://127.0.0.1:9/v1/"), EmbeddingModel = "bge-m3",
            QdrantAddress = qdrant.Address, QdrantCollection = "plans", QdrantApiKey = apiKey,
        })!;

    [Fact]
    public async Task Creates_the_collection_upserts_queries_with_a_payload_filter_and_deletes_by_document()
    {
        await using var qdrant = await FakeQdrant.StartAsync("plans");
        var index = Index(qdrant, apiKey: "secret");

        await index.UpsertAsync(
            [Chunk("a#1", "a", ChunkKind.Plan, 2023), Chunk("a#2", "a", ChunkKind.Report, 2023), Chunk("b#1", "b", ChunkKind.Plan, 2024, organisation: null)],
            [[1, 0, 0], [0.9f, 0.1f, 0], [0, 1, 0]], CancellationToken.None);
        Assert.Equal(3ul, qdrant.CollectionSize);
        Assert.Equal(3, qdrant.PointCount);
        Assert.Equal(["chunk_id", "document", "kind", "organisation", "year"], qdrant.LastPayloads[0].Keys.Order());
        Assert.Equal(2023, qdrant.LastPayloads[0]["year"].IntegerValue);
        Assert.Equal("plan", qdrant.LastPayloads[0]["kind"].StringValue);
        Assert.DoesNotContain("organisation", qdrant.LastPayloads[2].Keys);

        var all = await index.SearchAsync([1, 0, 0], new SearchRequest(""), 10, CancellationToken.None);
        Assert.Equal(["a#1", "a#2", "b#1"], all.Select(h => h.ChunkId));
        Assert.Equal(1.0, all[0].Score, 5);
        var plans2024 = await index.SearchAsync([1, 0, 0], new SearchRequest("", Kind: ChunkKind.Plan, Year: 2024), 10, CancellationToken.None);
        Assert.Equal(["b#1"], plans2024.Select(h => h.ChunkId));
        var byOrganisation = await index.SearchAsync([1, 0, 0], new SearchRequest("", Organisation: "县民政局"), 1, CancellationToken.None);
        Assert.Equal(["a#1"], byOrganisation.Select(h => h.ChunkId));

        await index.DeleteDocumentAsync("a", CancellationToken.None);
        Assert.Equal(1, qdrant.PointCount);

        Assert.Empty(qdrant.Errors);
        Assert.All(qdrant.ApiKeys, key => Assert.Equal("secret", key));
        Assert.Equal(
            ["Collections/CollectionExists", "Collections/Create", "Points/Upsert", "Points/Query", "Points/Query", "Points/Query", "Points/Delete"],
            qdrant.Requests);
    }

    [Fact]
    public async Task An_existing_collection_is_used_as_it_is_and_no_key_sends_no_header()
    {
        await using var qdrant = await FakeQdrant.StartAsync("plans");
        await Index(qdrant, apiKey: null).UpsertAsync([Chunk("a#1", "a", ChunkKind.Plan, 2023)], [[1, 0]], CancellationToken.None);

        await Index(qdrant, apiKey: null).UpsertAsync([Chunk("b#1", "b", ChunkKind.Plan, 2023)], [[0, 1]], CancellationToken.None);

        Assert.Empty(qdrant.Errors);
        Assert.Equal(["Collections/CollectionExists", "Collections/Create", "Points/Upsert", "Collections/CollectionExists", "Points/Upsert"], qdrant.Requests);
        Assert.All(qdrant.ApiKeys, Assert.Null);
        Assert.Equal(2, qdrant.PointCount);
    }

    [Fact]
    public async Task A_rejected_call_surfaces_with_qdrants_message()
    {
        await using var qdrant = await FakeQdrant.StartAsync("plans");
        var index = Index(qdrant, apiKey: null);
        await index.UpsertAsync([Chunk("a#1", "a", ChunkKind.Plan, 2023)], [[1, 0, 0]], CancellationToken.None);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => index.SearchAsync([1, 0], new SearchRequest(""), 5, CancellationToken.None));
        Assert.Contains("dimension error", error.ToString());
    }

    [Fact]
    public void Point_ids_are_stable_uuids()
    {
        Assert.Equal(QdrantVectorIndex.PointId("003#12"), QdrantVectorIndex.PointId("003#12"));
        Assert.NotEqual(QdrantVectorIndex.PointId("003#12"), QdrantVectorIndex.PointId("003#13"));
    }
}
