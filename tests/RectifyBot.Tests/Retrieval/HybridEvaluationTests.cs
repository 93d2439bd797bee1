using RectifyBot.Retrieval;
using RectifyBot.Tests.TestData;
using Xunit.Abstractions;

namespace RectifyBot.Tests.Retrieval;

/// <summary>
/// The leave-one-out evaluation (as <c>eval retrieval</c> runs it) of hybrid search over the sample corpus's plans,
/// with vectors in the embedded store and in Qdrant through Qdrant.Client: moving the vectors must not change what
/// is found.
/// </summary>
public sealed class HybridEvaluationTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rectifybot-hybrid-eval-").FullName;

    /// <summary>Character bigrams hashed into 256 dimensions: a crude embedding, but one with few exact ties.</summary>
    private static float[] Bigrams(string text)
    {
        var vector = new float[256];
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsLetter(text[i]) && char.IsLetter(text[i + 1]))
            {
                vector[(text[i] * 31 + text[i + 1]) % 256] += 1;
            }
        }
        vector[0] += 0.01f;
        return vector;
    }

    [Fact]
    public async Task Retrieval_scores_the_same_with_vectors_in_qdrant_as_in_the_embedded_store()
    {
        var plans = new List<EvaluationPlan>();
        foreach (var file in CorpusLoader.Files(SampleCorpus.Folder))
        {
            if ((await CorpusLoader.ReadAsync(SampleCorpus.Folder, file, default)).Parsed is { Kind: RectifyBot.Import.DocumentKind.Plan } parsed)
            {
                plans.Add(CorpusLoader.ToEvaluationPlan(file, parsed));
            }
        }
        await using var embeddings = await FakeEmbeddings.StartAsync(Bigrams);
        await using var qdrant = await FakeQdrant.StartAsync("rectifybot");
        var options = new RetrievalOptions { EmbeddingEndpoint = embeddings.Endpoint, EmbeddingModel = "bge-m3", QdrantAddress = qdrant.Address };

        var lexical = RetrievalEvaluator.Evaluate(plans, _folder);
        var embedded = await EvaluateAsync(plans, options, EmbeddedVectorIndex.Open(Path.Combine(_folder, "embedded")), "embedded");
        var inQdrant = await EvaluateAsync(plans, options, QdrantVectorIndex.Create(options)!, "qdrant");
        output.WriteLine($"lexical {RectifyJson.Serialize(lexical.Overall)}\nembedded {RectifyJson.Serialize(embedded.Overall)}\nqdrant {RectifyJson.Serialize(inQdrant.Overall)}");

        Assert.True(plans.Count >= 3);
        Assert.Empty(qdrant.Errors);
        Assert.Contains("Points/Query", qdrant.Requests);
        Assert.Equal(embedded.Overall.Queries, inQdrant.Overall.Queries);
        Assert.Equal((embedded.Overall.RecallAt5, embedded.Overall.RecallAt10, embedded.Overall.Mrr),
            (inQdrant.Overall.RecallAt5, inQdrant.Overall.RecallAt10, inQdrant.Overall.Mrr));
    }

    private async Task<RetrievalEvaluation> EvaluateAsync(IReadOnlyList<EvaluationPlan> plans, RetrievalOptions options, IVectorIndex vectors, string name)
    {
        using var lexical = LexicalIndex.Open(Path.Combine(_folder, name));
        var search = new HybridSearch(lexical, EmbeddingClient.Create(options), vectors);
        await search.AddDocumentsAsync([.. plans.Select(p => new DocumentChunks(p.Document, RetrievalEvaluator.Chunks(p)))], default);
        return await RetrievalEvaluator.EvaluateAsync(plans, request => search.SearchAsync(request, default));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
