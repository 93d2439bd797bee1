using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.SemanticKernel;
using OpenAI;

namespace RectifyBot.Llm;

/// <summary>
/// The Semantic Kernel the model is reached through: one chat client (Microsoft.Extensions.AI's over the OpenAI SDK)
/// for whichever server <see cref="LlmOptions"/> names. Plugins are added per turn to a clone, since what a turn's
/// functions may read depends on who asks; the kernel itself holds only the chat client.
/// </summary>
public static class LlmKernel
{
    /// <summary>The scope Azure OpenAI accepts Entra ID tokens for.</summary>
    public const string AzureScope = "https://cognitiveservices.azure.com/.default";

    public static Kernel Create(LlmOptions options)
    {
        if (!options.Enabled)
        {
            throw new InvalidOperationException("Llm:Endpoint and Llm:Model must be set to create the kernel.");
        }
        var builder = Kernel.CreateBuilder();
        builder.AddOpenAIChatClient(options.Model!, Client(options));
        return builder.Build();
    }

    /// <summary>
    /// The SDK client for the configured server. The SDK's retries are off and its network timeout is the user's:
    /// a waiting user is better served by the rule answer than by backoff.
    /// </summary>
    public static OpenAIClient Client(LlmOptions options)
    {
        var endpoint = options.Endpoint!;
        var key = string.IsNullOrEmpty(options.ApiKey) ? null : new ApiKeyCredential(options.ApiKey);
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        var noRetries = new ClientRetryPolicy(maxRetries: 0);
        if (options.Provider == LlmProvider.AzureOpenAi && !options.IsAzureV1)
        {
            // Azure's resource endpoint: /openai/deployments/{deployment}/chat/completions?api-version=…, api-key header.
            var azure = new AzureOpenAIClientOptions { NetworkTimeout = timeout, RetryPolicy = noRetries };
            return key is null ? new AzureOpenAIClient(endpoint, new DefaultAzureCredential(), azure) : new AzureOpenAIClient(endpoint, key, azure);
        }
        AuthenticationPolicy auth = options.Provider == LlmProvider.AzureOpenAi
            ? key is null
                ? new BearerTokenPolicy(new DefaultAzureCredential(), AzureScope)
                : ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(key, "api-key")
            // The SDK insists on a credential; on-prem servers started without a key ignore the header.
            : ApiKeyAuthenticationPolicy.CreateBearerAuthorizationPolicy(key ?? new ApiKeyCredential("no-key"));
        // OPENAI001: the constructor taking an AuthenticationPolicy is marked for evaluation; it is the SDK's one way to
        // send a key other than as a bearer token, and to use Entra ID tokens, on an OpenAI-shaped endpoint.
#pragma warning disable OPENAI001
        return new OpenAIClient(auth, new OpenAIClientOptions { Endpoint = endpoint, NetworkTimeout = timeout, RetryPolicy = noRetries });
#pragma warning restore OPENAI001
    }
}
