using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Llm;

/// <summary>A tool call the scripted model makes: the function's name and its arguments as the JSON text the model wrote.</summary>
public sealed record ScriptedCall(string Name, string Arguments);

/// <summary>One scripted completion: text, tool calls, or both; optionally slow, or an HTTP error.</summary>
public sealed record ScriptedReply(string? Text = null, IReadOnlyList<ScriptedCall>? Calls = null)
{
    public TimeSpan Delay { get; init; }

    /// <summary>When streamed, the wait before each chunk: a model writing slowly.</summary>
    public TimeSpan ChunkDelay { get; init; }

    public int Status { get; init; } = 200;

    public static ScriptedReply Says(string text) => new(text);

    public static ScriptedReply Call(string name, string arguments) => new(null, [new ScriptedCall(name, arguments)]);
}

/// <summary>
/// A scripted model behind a loopback server speaking OpenAI's POST /v1/chat/completions: a JSON
/// chat.completion, or with "stream": true server-sent chat.completion.chunk events whose tool calls arrive in
/// fragments, ending with "data: [DONE]". Each request is checked against the parts of the API schema we rely
/// on and kept for the test to inspect. REF: https://platform.openai.com/docs/api-reference/chat/create
/// The same server speaks Azure OpenAI's two shapes of the API: a resource's deployments,
/// POST /openai/deployments/{deployment}/chat/completions?api-version=…, and its v1 API, POST /openai/v1/chat/completions,
/// both with the key in the api-key header. REF: https://learn.microsoft.com/azure/ai-foundry/openai/reference
/// </summary>
public sealed class FakeOpenAi : IAsyncDisposable
{
    public const string Model = "gpt-test";
    public const string ApiKey = "sk-test-key";

    private readonly Queue<ScriptedReply> _script = new();
    private LoopbackServer _server = null!;

    public List<JsonObject> Requests { get; } = [];
    public List<string?> Authorizations { get; } = [];
    public List<string?> ApiKeys { get; } = [];

    /// <summary>Each request's path and query, as the client sent them.</summary>
    public List<string> Paths { get; } = [];
    public List<string> Errors { get; } = [];

    /// <summary>An OpenAI-compatible server's base URL (vLLM, Ollama).</summary>
    public Uri Endpoint => new(_server.Address, "v1/");

    /// <summary>An Azure OpenAI resource's endpoint: calls go to its deployments.</summary>
    public Uri AzureEndpoint => _server.Address;

    /// <summary>An Azure OpenAI resource's v1 API.</summary>
    public Uri AzureV1Endpoint => new(_server.Address, "openai/v1/");

    public static async Task<FakeOpenAi> StartAsync(params ScriptedReply[] script)
    {
        var fake = new FakeOpenAi();
        foreach (var reply in script)
        {
            fake._script.Enqueue(reply);
        }
        fake._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v1/chat/completions", http => fake.AnswerAsync(http, null));
            app.MapPost("/openai/v1/chat/completions", http => fake.AnswerAsync(http, AzureError(http)));
            app.MapPost("/openai/deployments/{deployment}/chat/completions", http => fake.AnswerAsync(http,
                AzureError(http) ?? (http.Request.RouteValues["deployment"] as string != Model ? "unknown deployment"
                    : string.IsNullOrEmpty(http.Request.Query["api-version"]) ? "api-version missing" : null)));
        });
        return fake;
    }

    /// <summary>Azure OpenAI takes its key in the api-key header.</summary>
    private static string? AzureError(HttpContext http) => http.Request.Headers["api-key"] != ApiKey ? "api-key header missing or wrong" : null;

    /// <summary>The messages of request <paramref name="index"/> as (role, content) pairs; content given as parts is joined.</summary>
    public IReadOnlyList<(string Role, string? Content)> Messages(int index) => [.. Requests[index]["messages"]!.AsArray()
        .Select(m => (m!["role"]!.GetValue<string>(), m["content"] switch
        {
            JsonValue v => v.GetValue<string>(),
            JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
            _ => null,
        }))];

    /// <summary>The names of the functions request <paramref name="index"/> offered the model.</summary>
    public IReadOnlyList<string> ToolNames(int index) =>
        [.. (Requests[index]["tools"]?.AsArray() ?? []).Select(t => t!["function"]!["name"]!.GetValue<string>())];

    private async Task AnswerAsync(HttpContext http, string? routeError)
    {
        Authorizations.Add(http.Request.Headers.Authorization.FirstOrDefault());
        ApiKeys.Add(http.Request.Headers["api-key"].FirstOrDefault());
        Paths.Add(http.Request.Path + http.Request.QueryString);
        var body = JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync())!.AsObject();
        Requests.Add(body);
        var error = routeError ?? Validate(body);
        ScriptedReply? reply = null;
        if (error is null && !_script.TryDequeue(out reply))
        {
            error = "no scripted reply left";
        }
        if (error is not null || reply is null)
        {
            Errors.Add(error ?? "");
            await Results.Json(new { error = new { message = "invalid request", type = "invalid_request_error" } }, statusCode: 400).ExecuteAsync(http);
            return;
        }
        await Task.Delay(reply.Delay, http.RequestAborted);
        if (reply.Status != 200)
        {
            await Results.Json(new { error = new { message = "scripted failure", type = "server_error" } }, statusCode: reply.Status).ExecuteAsync(http);
            return;
        }
        if (body["stream"]?.GetValue<bool>() == true)
        {
            await StreamAsync(http, reply);
            return;
        }
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text };
        if (reply.Calls is { Count: > 0 } calls)
        {
            message["tool_calls"] = new JsonArray([.. calls.Select((c, i) => (JsonNode)new JsonObject
            {
                ["id"] = $"call_{i}",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments },
            })]);
        }
        var completion = Envelope("chat.completion");
        completion["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = FinishReason(reply), ["logprobs"] = null });
        completion["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 };
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(completion.ToJsonString());
    }

    /// <summary>Text in two-character pieces; each tool call's arguments in pieces of five characters after a first chunk with its id and name.</summary>
    private static async Task StreamAsync(HttpContext http, ScriptedReply reply)
    {
        http.Response.ContentType = "text/event-stream";
        var chunks = new List<JsonObject> { Delta(new JsonObject { ["role"] = "assistant", ["content"] = "" }) };
        for (var i = 0; reply.Text is { } text && i < text.Length; i += 2)
        {
            chunks.Add(Delta(new JsonObject { ["content"] = text.Substring(i, Math.Min(2, text.Length - i)) }));
        }
        foreach (var (call, index) in (reply.Calls ?? []).Select((c, i) => (c, i)))
        {
            chunks.Add(Delta(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = index, ["id"] = $"call_{index}", ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = "" },
            }) }));
            for (var i = 0; i < call.Arguments.Length; i += 5)
            {
                chunks.Add(Delta(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = index,
                    ["function"] = new JsonObject { ["arguments"] = call.Arguments.Substring(i, Math.Min(5, call.Arguments.Length - i)) },
                }) }));
            }
        }
        chunks.Add(Delta(new JsonObject(), FinishReason(reply)));
        foreach (var chunk in chunks)
        {
            await Task.Delay(reply.ChunkDelay, http.RequestAborted);
            await http.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n", Encoding.UTF8);
            await http.Response.Body.FlushAsync();
        }
        await http.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static JsonObject Delta(JsonObject delta, string? finish = null)
    {
        var chunk = Envelope("chat.completion.chunk");
        chunk["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish, ["logprobs"] = null });
        return chunk;
    }

    private static JsonObject Envelope(string kind) => new()
    {
        ["id"] = "chatcmpl-test",
        ["object"] = kind,
        ["created"] = 1700000000,
        ["model"] = Model,
        ["system_fingerprint"] = "fp_test",
    };

    private static string FinishReason(ScriptedReply reply) => reply.Calls is { Count: > 0 } ? "tool_calls" : "stop";

    /// <summary>The request fields the API requires, in the shapes it requires them.</summary>
    private static string? Validate(JsonObject body)
    {
        if (body["model"] is not JsonValue model || model.GetValueKind() != JsonValueKind.String || model.GetValue<string>() != Model)
        {
            return "model missing or unknown";
        }
        if (body["messages"] is not JsonArray { Count: > 0 } messages)
        {
            return "messages missing";
        }
        foreach (var m in messages)
        {
            var role = m?["role"]?.GetValue<string>();
            if (role is not ("system" or "user" or "assistant" or "tool" or "developer"))
            {
                return $"bad role {role}";
            }
            if (role == "tool" && m!["tool_call_id"] is null)
            {
                return "tool message without tool_call_id";
            }
        }
        foreach (var tool in body["tools"]?.AsArray() ?? [])
        {
            if (tool?["type"]?.GetValue<string>() != "function" || tool["function"]?["name"] is null
                || tool["function"]!["parameters"]?["type"]?.GetValue<string>() != "object")
            {
                return $"bad tool {tool?.ToJsonString()}";
            }
        }
        return null;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
