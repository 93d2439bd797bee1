using System.ComponentModel.DataAnnotations;

namespace RectifyBot.Llm;

/// <summary>Which kind of server <see cref="LlmOptions.Endpoint"/> is.</summary>
public enum LlmProvider
{
    /// <summary>Any server speaking OpenAI's chat completions API: vLLM, Ollama, Xinference, OpenAI itself. Key as a bearer token.</summary>
    OpenAi,

    /// <summary>
    /// Azure OpenAI: a resource endpoint (https://{resource}.openai.azure.com/, calls go to /openai/deployments/{Model}/…
    /// with an api-version) or its v1 API (an endpoint ending /openai/v1/). Key in the api-key header; without a key,
    /// Entra ID through DefaultAzureCredential (managed identity, workload identity, az login).
    /// </summary>
    AzureOpenAi,
}

/// <summary>
/// Section "Llm": a chat model. Off unless <see cref="Endpoint"/> and <see cref="Model"/> are both set; the rule
/// path and BM25 are the product, the model only helps where they cannot. Temperature and output length are each
/// prompt's own (prompts/*.json, execution_settings).
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string Section = "Llm";

    public LlmProvider Provider { get; init; } = LlmProvider.OpenAi;

    /// <summary>
    /// OpenAi: the base URL ending before "chat/completions" (http://vllm:8000/v1/). AzureOpenAi: the resource
    /// endpoint (https://{resource}.openai.azure.com/) or its v1 API (https://{resource}.openai.azure.com/openai/v1/).
    /// </summary>
    public Uri? Endpoint { get; init; }

    /// <summary>On-prem servers often need none. On Azure, no key means Entra ID.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The model name, or the deployment name on Azure OpenAI.</summary>
    public string? Model { get; init; }

    /// <summary>How long a user waits for the model before getting the rule answer instead.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; init; } = 30;

    public bool Enabled => Endpoint is not null && !string.IsNullOrWhiteSpace(Model);

    /// <summary>Azure's v1 API is OpenAI's API under /openai/v1/; the resource endpoint takes deployments and api-version.</summary>
    public bool IsAzureV1 => Provider == LlmProvider.AzureOpenAi && Endpoint is { } e && e.AbsolutePath.TrimEnd('/').EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoint is not null && string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("Missing configuration: Llm:Model (needed with Llm:Endpoint; on Azure OpenAI it is the deployment name). See docs/llm.md.", [nameof(Model)]);
        }
        if (Endpoint is null && !string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("Missing configuration: Llm:Endpoint (needed with Llm:Model), for example http://vllm:8000/v1/ or https://{resource}.openai.azure.com/. See docs/llm.md.", [nameof(Endpoint)]);
        }
        if (Endpoint is { } e && (!e.IsAbsoluteUri || e.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"Llm:Endpoint must be an absolute http or https URL, such as http://vllm:8000/v1/; got \"{e}\".", [nameof(Endpoint)]);
        }
    }
}
