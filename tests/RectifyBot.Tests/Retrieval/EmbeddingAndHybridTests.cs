using RectifyBot.Retrieval;

namespace RectifyBot.Tests.Retrieval;

public sealed class EmbeddingAndHybridTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rectifybot-hybrid-").FullName;

    private static Chunk Paragraph(string document, int n, string text, ChunkKind kind = ChunkKind.Plan) =>
        new($"{document}#p{n}", document, "县民政局", 2023, kind, $"p{n}", null, text);

    [Fact]
    public void Embeddings_are_off_until_configured()
    {
        Assert.Null(EmbeddingClient.Create(new RetrievalOptions()));
        Assert.Null(QdrantVectorIndex.Create(new RetrievalOptions { QdrantAddress = new Uri("http://127.0.0.1:6334") }));
        Assert.NotEmpty(new RetrievalOptions { QdrantAddress = new Uri("http://127.0.0.1:6334") }.Validate(new(new object())));
        using var search = HybridSearch.Open(_folder, new RetrievalOptions());
        Assert.False(search.VectorsEnabled);
    }

    [Fact]
    public async Task The_embedding_client_speaks_the_openai_wire_format_in_batches_and_keeps_input_order()
    {
        await using var server = await FakeEmbeddings.StartAsync();
        var client = EmbeddingClient.Create(new RetrievalOptions { EmbeddingEndpoint = server.Endpoint, EmbeddingModel = "bge-m3", EmbeddingApiKey = "k" })!;

        var texts = Enumerable.Range(0, 70).Select(i => i % 2 == 0 ? "殡葬服务" : "保密教育").ToList();
        var vectors = await client.EmbedAsync(texts, CancellationToken.None);

        Assert.Equal(2, server.Calls);
        Assert.Empty(server.Errors);
        Assert.All(server.Authorizations, a => Assert.Equal("Bearer k", a));
        Assert.Equal(texts.Select(FakeEmbeddings.Embed), vectors);
    }

    [Fact]
    public async Task The_embedded_store_ranks_by_cosine_filters_and_forgets_deleted_documents()
    {
        var store = EmbeddedVectorIndex.Open(_folder);
        await store.UpsertAsync([Paragraph("a", 1, ""), Paragraph("a", 2, "", ChunkKind.Report), Paragraph("b", 1, "")],
            [[1, 0], [1, 1], [0, 1]], CancellationToken.None);

        Assert.Equal(["a#p1", "a#p2", "b#p1"], (await store.SearchAsync([1, 0.1f], new SearchRequest(""), 5, CancellationToken.None)).Select(h => h.ChunkId));
        Assert.Equal(["a#p2"], (await store.SearchAsync([1, 0], new SearchRequest("", Kind: ChunkKind.Report), 5, CancellationToken.None)).Select(h => h.ChunkId));

        await store.DeleteDocumentAsync("a", CancellationToken.None);
        var reopened = EmbeddedVectorIndex.Open(_folder);
        Assert.Equal(["b#p1"], (await reopened.SearchAsync([1, 0], new SearchRequest(""), 5, CancellationToken.None)).Select(h => h.ChunkId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Hybrid_search_adds_what_only_the_vectors_find_and_re_embeds_only_changed_documents(bool qdrant)
    {
        await using var server = await FakeEmbeddings.StartAsync();
        await using var fakeQdrant = await FakeQdrant.StartAsync("rectifybot");
        var options = new RetrievalOptions { EmbeddingEndpoint = server.Endpoint, EmbeddingModel = "bge-m3", QdrantAddress = qdrant ? fakeQdrant.Address : null };
        using var lexical = LexicalIndex.Open(_folder);
        var search = new HybridSearch(lexical, EmbeddingClient.Create(options), (IVectorIndex?)QdrantVectorIndex.Create(options) ?? EmbeddedVectorIndex.Open(_folder));
        DocumentChunks[] corpus = [new("a", [Paragraph("a", 1, "推进火化车间建设。"), Paragraph("a", 2, "新建公益性公墓，加快陵园建设。"), Paragraph("a", 3, "清理涉密文件。")])];

        Assert.Equal(["a"], await search.AddDocumentsAsync(corpus, CancellationToken.None));
        var callsAfterAdd = server.Calls;
        Assert.Empty(await search.AddDocumentsAsync(corpus, CancellationToken.None));
        Assert.Equal(callsAfterAdd, server.Calls);

        Assert.Equal(["a#p1"], lexical.Search(new SearchRequest("火化")).Select(h => h.Chunk.Id));
        var hybrid = await search.SearchAsync(new SearchRequest("火化", Top: 2), CancellationToken.None);
        Assert.Equal(["a#p1", "a#p2"], hybrid.Select(h => h.Chunk.Id));
        Assert.Contains("**", hybrid[0].Snippet);
        Assert.Empty(fakeQdrant.Errors);
    }

    [Fact]
    public async Task Hybrid_search_answers_from_bm25_when_the_embedding_server_is_down_and_retries_embedding_later()
    {
        var server = await FakeEmbeddings.StartAsync();
        var options = new RetrievalOptions { EmbeddingEndpoint = server.Endpoint, EmbeddingModel = "bge-m3" };
        await server.DisposeAsync();
        using var search = HybridSearch.Open(_folder, options);
        DocumentChunks[] corpus = [new("a", [Paragraph("a", 1, "推进火化车间建设。")])];

        await Assert.ThrowsAsync<HttpRequestException>(() => search.AddDocumentsAsync(corpus, CancellationToken.None));
        Assert.Equal(["a"], search.Lexical.Changed(corpus));

        search.Lexical.AddDocuments(corpus);
        Assert.Equal(["a#p1"], (await search.SearchAsync(new SearchRequest("火化"), CancellationToken.None)).Select(h => h.Chunk.Id));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
