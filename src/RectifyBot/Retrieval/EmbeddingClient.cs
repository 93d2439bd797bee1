using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace RectifyBot.Retrieval;

/// <summary>
/// Embeddings from an OpenAI-compatible <c>POST {endpoint}/embeddings</c> (OpenAI, Azure OpenAI's v1 API,
/// on-prem bge-m3 or text2vec servers). Plain HttpClient rather than the OpenAI SDK because the SDK asks for
/// base64-encoded vectors, which several on-prem servers do not implement; "float" works everywhere.
/// REF: https://platform.openai.com/docs/api-reference/embeddings/create
/// </summary>
public sealed class EmbeddingClient(HttpClient http, string model)
{
    private const int BatchSize = 64;

    /// <summary>A client for the configured endpoint, or null when embeddings are not configured.</summary>
    public static EmbeddingClient? Create(RetrievalOptions options, HttpClient? http = null)
    {
        if (!options.EmbeddingsEnabled)
        {
            return null;
        }
        http ??= new HttpClient();
        var endpoint = options.EmbeddingEndpoint!.ToString();
        http.BaseAddress = new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/");
        if (!string.IsNullOrEmpty(options.EmbeddingApiKey))
        {
            // Azure OpenAI takes its key in api-key; everything else in a bearer token.
            if (http.BaseAddress.Host.EndsWith(".openai.azure.com", StringComparison.OrdinalIgnoreCase))
            {
                http.DefaultRequestHeaders.Add("api-key", options.EmbeddingApiKey);
            }
            else
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.EmbeddingApiKey);
            }
        }
        return new EmbeddingClient(http, options.EmbeddingModel!);
    }

    /// <summary>One vector per text, in the order given.</summary>
    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var vectors = new List<float[]>(texts.Count);
        foreach (var batch in texts.Chunk(BatchSize))
        {
            using var response = await http.PostAsJsonAsync("embeddings", new EmbeddingRequest(batch, model, "float"), cancellationToken);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<EmbeddingResponse>(cancellationToken)
                ?? throw new InvalidOperationException("The embedding endpoint returned an empty body.");
            if (body.Data.Count != batch.Length)
            {
                throw new InvalidOperationException($"The embedding endpoint returned {body.Data.Count} vectors for {batch.Length} inputs.");
            }
            vectors.AddRange(body.Data.OrderBy(d => d.Index).Select(d => d.Embedding));
        }
        return vectors;
    }

    internal sealed record EmbeddingRequest(
        [property: JsonPropertyName("input")] IReadOnlyList<string> Input,
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("encoding_format")] string EncodingFormat);

    internal sealed record EmbeddingResponse([property: JsonPropertyName("data")] IReadOnlyList<EmbeddingData> Data);

    internal sealed record EmbeddingData(
        [property: JsonPropertyName("index")] int Index,
        [property: JsonPropertyName("embedding")] float[] Embedding);
}
