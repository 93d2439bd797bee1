using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using OpenAiChatMessage = OpenAI.Chat.ChatMessage;
using OpenAiFinishReason = OpenAI.Chat.ChatFinishReason;

namespace RectifyBot.Llm;

/// <summary>
/// <see cref="IChatClient"/> over the OpenAI 2.x SDK's <see cref="ChatClient"/>, pointed at any server speaking
/// OpenAI's chat completions API (OpenAI, Azure OpenAI's v1 API, vLLM, Ollama). Microsoft.Extensions.AI.OpenAI
/// would provide this adapter, but it is not in our NuGet copy. It covers what the bot uses: text, function
/// tools and their results, and streaming, whose tool calls arrive as fragments and are assembled here.
/// REF: https://platform.openai.com/docs/api-reference/chat/create
/// </summary>
public sealed class OpenAiCompatibleChatClient : IChatClient
{
    private readonly ChatClient _client;
    private readonly ChatClientMetadata _metadata;

    public OpenAiCompatibleChatClient(LlmOptions options)
    {
        if (!options.Enabled)
        {
            throw new InvalidOperationException("Llm:Endpoint and Llm:Model must be set to create a chat client.");
        }
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            // A user is waiting and the rule answer is a good fallback: fail fast instead of retrying with backoff.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        // The SDK insists on a credential; on-prem servers started without a key ignore the header.
        var key = string.IsNullOrEmpty(options.ApiKey) ? "no-key" : options.ApiKey;
        _client = new ChatClient(options.Model, new ApiKeyCredential(key), clientOptions);
        _metadata = new ChatClientMetadata("openai-compatible", options.Endpoint, options.Model);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatCompletion completion = await _client.CompleteChatAsync(ToOpenAi(messages), ToOpenAi(options), cancellationToken);
        var contents = new List<AIContent>();
        contents.AddRange(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => new TextContent(p.Text)));
        contents.AddRange(completion.ToolCalls.Select(c => ToFunctionCall(c.Id, c.FunctionName, c.FunctionArguments?.ToString())));
        return new ChatResponse(new AiChatMessage(ChatRole.Assistant, contents))
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = ToFinishReason(completion.FinishReason),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Tool calls stream as fragments keyed by index: the first carries the id and name, the rest pieces of
        // the JSON arguments. They are complete only at the end, so they are yielded once, last.
        var calls = new SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)>();
        AiFinishReason? finish = null;
        string? responseId = null, modelId = null;
        await foreach (var update in _client.CompleteChatStreamingAsync(ToOpenAi(messages), ToOpenAi(options), cancellationToken))
        {
            responseId ??= update.CompletionId;
            modelId ??= update.Model;
            foreach (var part in update.ContentUpdate.Where(p => p.Kind == ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(p.Text)))
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, part.Text) { ResponseId = responseId, ModelId = modelId };
            }
            foreach (var fragment in update.ToolCallUpdates)
            {
                if (!calls.TryGetValue(fragment.Index, out var call))
                {
                    call = (null, null, new StringBuilder());
                }
                calls[fragment.Index] = (call.Id ?? fragment.ToolCallId, call.Name ?? fragment.FunctionName, call.Arguments.Append(fragment.FunctionArgumentsUpdate?.ToString()));
            }
            if (update.FinishReason is { } reason)
            {
                finish = ToFinishReason(reason);
            }
        }
        if (calls.Count > 0 || finish is not null)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, [.. calls.Values.Select(c => ToFunctionCall(c.Id ?? "", c.Name ?? "", c.Arguments.ToString()))])
            {
                ResponseId = responseId,
                ModelId = modelId,
                FinishReason = finish,
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType == typeof(ChatClient) ? _client
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The SDK's client owns nothing that needs disposing.
    }

    /// <summary>
    /// Arguments the model wrote are parsed here; JSON that does not parse is kept on the content as its
    /// <see cref="FunctionCallContent.Exception"/> rather than thrown, so the caller decides what a bad call means.
    /// </summary>
    private static FunctionCallContent ToFunctionCall(string id, string name, string? arguments) =>
        FunctionCallContent.CreateFromParsedArguments(string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments, id, name,
            json => JsonSerializer.Deserialize<Dictionary<string, object?>>(json, AIJsonUtilities.DefaultOptions));

    private static List<OpenAiChatMessage> ToOpenAi(IEnumerable<AiChatMessage> messages)
    {
        var result = new List<OpenAiChatMessage>();
        foreach (var m in messages)
        {
            if (m.Role == ChatRole.System)
            {
                result.Add(new SystemChatMessage(m.Text));
            }
            else if (m.Role == ChatRole.User)
            {
                result.Add(new UserChatMessage(m.Text));
            }
            else if (m.Role == ChatRole.Assistant)
            {
                var calls = m.Contents.OfType<FunctionCallContent>()
                    .Select(c => ChatToolCall.CreateFunctionToolCall(c.CallId, c.Name, BinaryData.FromString(JsonSerializer.Serialize(c.Arguments, RectifyJson.Compact))))
                    .ToList();
                result.Add(calls.Count > 0 ? new AssistantChatMessage(calls) : new AssistantChatMessage(m.Text));
            }
            else if (m.Role == ChatRole.Tool)
            {
                result.AddRange(m.Contents.OfType<FunctionResultContent>().Select(r =>
                    new ToolChatMessage(r.CallId, r.Result as string ?? JsonSerializer.Serialize(r.Result, RectifyJson.Compact))));
            }
            else
            {
                throw new NotSupportedException($"Chat role \"{m.Role}\" is not supported.");
            }
        }
        return result;
    }

    private static ChatCompletionOptions ToOpenAi(ChatOptions? options)
    {
        var result = new ChatCompletionOptions();
        if (options is null)
        {
            return result;
        }
        result.Temperature = options.Temperature;
        result.MaxOutputTokenCount = options.MaxOutputTokens;
        foreach (var tool in options.Tools?.OfType<AIFunctionDeclaration>() ?? [])
        {
            result.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, BinaryData.FromString(tool.JsonSchema.GetRawText())));
        }
        if (result.Tools.Count > 0)
        {
            result.ToolChoice = options.ToolMode switch
            {
                NoneChatToolMode => ChatToolChoice.CreateNoneChoice(),
                RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.CreateFunctionChoice(name),
                RequiredChatToolMode => ChatToolChoice.CreateRequiredChoice(),
                _ => ChatToolChoice.CreateAutoChoice(),
            };
        }
        return result;
    }

    private static AiFinishReason? ToFinishReason(OpenAiFinishReason reason) => reason switch
    {
        OpenAiFinishReason.Stop => AiFinishReason.Stop,
        OpenAiFinishReason.Length => AiFinishReason.Length,
        OpenAiFinishReason.ToolCalls or OpenAiFinishReason.FunctionCall => AiFinishReason.ToolCalls,
        OpenAiFinishReason.ContentFilter => AiFinishReason.ContentFilter,
        _ => null,
    };
}
