using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Retrieval;

/// <summary>
/// A loopback server speaking OpenAI's POST /v1/embeddings wire format. Its "model" knows three topics by a
/// few words each, so texts on one topic embed close together even when they share no characters. It
/// answers data items in reverse order, as the API allows, to check the client orders by "index".
/// </summary>
public sealed class FakeEmbeddings : IAsyncDisposable
{
    private static readonly string[][] Topics = [["殡葬", "火化", "墓地", "陵园"], ["保密", "涉密", "失泄密"], ["学习", "培训", "教育"]];
    private LoopbackServer _server = null!;

    public List<string> Errors { get; } = [];
    public List<string?> Authorizations { get; } = [];
    public int Calls { get; private set; }
    public Uri Endpoint => new(_server.Address, "v1/");

    public static float[] Embed(string text) => [.. Topics.Select(words => words.Count(text.Contains) + 0.01f)];

    /// <param name="embed">How texts embed; the default is <see cref="Embed"/>'s three topics.</param>
    public static async Task<FakeEmbeddings> StartAsync(Func<string, float[]>? embed = null)
    {
        embed ??= Embed;
        var fake = new FakeEmbeddings();
        fake._server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", async (HttpContext http) =>
        {
            fake.Calls++;
            fake.Authorizations.Add(http.Request.Headers.Authorization.FirstOrDefault());
            var body = (await JsonDocument.ParseAsync(http.Request.Body)).RootElement;
            if (!body.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String
                || !body.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Array
                || body.TryGetProperty("encoding_format", out var format) && format.GetString() is not ("float" or "base64"))
            {
                fake.Errors.Add(body.ToString());
                await Results.Json(new { error = new { message = "invalid request", type = "invalid_request_error" } }, statusCode: 400).ExecuteAsync(http);
                return;
            }
            var texts = input.EnumerateArray().Select(t => t.GetString()!).ToList();
            var data = texts.Select((t, i) => new { @object = "embedding", index = i, embedding = embed(t) }).Reverse();
            await Results.Json(new { @object = "list", data, model = model.GetString(), usage = new { prompt_tokens = texts.Count, total_tokens = texts.Count } }).ExecuteAsync(http);
        }));
        return fake;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
