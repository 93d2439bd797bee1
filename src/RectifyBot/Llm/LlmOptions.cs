using System.ComponentModel.DataAnnotations;

namespace RectifyBot.Llm;

/// <summary>
/// Section "Llm": an OpenAI-compatible chat endpoint. Off unless <see cref="Endpoint"/> and <see cref="Model"/>
/// are both set; the rule path and BM25 are the product, the model only helps where they cannot.
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string Section = "Llm";

    /// <summary>
    /// Base URL ending before "chat/completions": https://{resource}.openai.azure.com/openai/v1/ (Azure OpenAI v1),
    /// https://api.openai.com/v1/, or an on-prem vLLM/Ollama server such as http://llm:8000/v1/.
    /// </summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Sent as a bearer token; Azure OpenAI's v1 API accepts its key that way too. On-prem servers often need none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The model name, or the deployment name on Azure OpenAI.</summary>
    public string? Model { get; init; }

    /// <summary>Low by default: understanding and drafting want the likeliest reading, not variety.</summary>
    [Range(0.0, 2.0)]
    public float Temperature { get; init; } = 0.1f;

    /// <summary>How long a user waits for the model before getting the rule answer instead.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; init; } = 30;

    public bool Enabled => Endpoint is not null && !string.IsNullOrWhiteSpace(Model);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoint is not null && string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("Missing configuration: Llm:Model (needed with Llm:Endpoint; on Azure OpenAI it is the deployment name). See docs/llm.md.", [nameof(Model)]);
        }
        if (Endpoint is null && !string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("Missing configuration: Llm:Endpoint (needed with Llm:Model), for example https://{resource}.openai.azure.com/openai/v1/. See docs/llm.md.", [nameof(Endpoint)]);
        }
        if (Endpoint is { } e && (!e.IsAbsoluteUri || e.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"Llm:Endpoint must be an absolute http or https URL, such as https://api.openai.com/v1/; got \"{e}\".", [nameof(Endpoint)]);
        }
    }
}
