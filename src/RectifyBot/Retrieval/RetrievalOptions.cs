using System.ComponentModel.DataAnnotations;

namespace RectifyBot.Retrieval;

/// <summary>
/// Section "Retrieval". BM25 is always on; vectors are on when an embedding endpoint and model are set, and
/// go to Qdrant when its gRPC address is set too, else to the embedded exact-cosine store.
/// </summary>
public sealed class RetrievalOptions : IValidatableObject
{
    public const string Section = "Retrieval";

    /// <summary>The index's folder inside the data folder (<c>Data:Path</c>).</summary>
    public static string IndexFolder(string dataFolder) => Path.Combine(dataFolder, "index");

    /// <summary>The folder an empty index is filled from on first use; relative paths are taken from the folder appsettings.json is in.</summary>
    public string CorpusPath { get; init; } = "corpus";

    /// <summary>An OpenAI-compatible base URL ending before "embeddings", e.g. https://api.openai.com/v1/ or http://bge-m3:8080/v1/.</summary>
    public Uri? EmbeddingEndpoint { get; init; }

    public string? EmbeddingModel { get; init; }

    public string? EmbeddingApiKey { get; init; }

    /// <summary>Qdrant's gRPC address, e.g. http://qdrant:6334 (6333 is its REST port, which this client does not use).</summary>
    public Uri? QdrantAddress { get; init; }

    public string QdrantCollection { get; init; } = "rectifybot";

    public string? QdrantApiKey { get; init; }

    public bool EmbeddingsEnabled => EmbeddingEndpoint is not null && !string.IsNullOrWhiteSpace(EmbeddingModel);

    public bool QdrantEnabled => EmbeddingsEnabled && QdrantAddress is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EmbeddingEndpoint is not null && string.IsNullOrWhiteSpace(EmbeddingModel))
        {
            yield return new ValidationResult("Missing configuration: Retrieval:EmbeddingModel (needed with Retrieval:EmbeddingEndpoint). See the README.", [nameof(EmbeddingModel)]);
        }
        if (QdrantAddress is not null && EmbeddingEndpoint is null)
        {
            yield return new ValidationResult("Missing configuration: Retrieval:EmbeddingEndpoint (Qdrant stores embeddings, so it needs an embedding endpoint). See the README.", [nameof(EmbeddingEndpoint)]);
        }
    }
}
