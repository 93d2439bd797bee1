using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RectifyBot.Benchmarks.Load;

/// <summary>
/// A loopback stand-in for WeCom's API that hands out a token and collects app messages per user: replies (text, by
/// message/send or in their callbacks' responses) and the daily reminder's digests (markdown), counted per person and digest.
/// </summary>
internal sealed class WeComSink : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _replies = new();
    private readonly ConcurrentDictionary<(string User, string Title), int> _digests = new();
    private WebApplication _app = null!;
    private int _count;

    public Uri BaseAddress { get; private set; } = null!;
    public int Replies => _count;

    /// <summary>Digests received, one per person and digest; and how many of those came more than once.</summary>
    public (int Received, int Duplicates) Digests => (_digests.Count, _digests.Values.Sum(n => n - 1));

    public static async Task<WeComSink> StartAsync()
    {
        var sink = new WeComSink();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        sink._app = builder.Build();
        sink._app.MapGet("/cgi-bin/gettoken", () => Results.Json(new { errcode = 0, errmsg = "ok", access_token = "load-token", expires_in = 7200 }));
        sink._app.MapPost("/cgi-bin/message/send", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            // The reply is the text message; a button card may follow it and is not a second reply.
            if ((string?)body["msgtype"] == "text")
            {
                Interlocked.Increment(ref sink._count);
                foreach (var user in ((string)body["touser"]!).Split('|'))
                {
                    sink.Signal(user).Release();
                }
            }
            else if ((string?)body["msgtype"] == "markdown")
            {
                // A digest's first line names its day and audience: "**2026年12月2日整改提醒（某单位）**".
                var title = ((string)body["markdown"]!["content"]!).Split('\n')[0];
                foreach (var user in ((string)body["touser"]!).Split('|'))
                {
                    sink._digests.AddOrUpdate((user, title), 1, (_, n) => n + 1);
                }
            }
            return Results.Json(new { errcode = 0, errmsg = "ok", msgid = "m" });
        });
        await sink._app.StartAsync();
        sink.BaseAddress = new Uri(sink._app.Urls.Single());
        return sink;
    }

    public Task<bool> NextReplyAsync(string user, TimeSpan timeout) => Signal(user).WaitAsync(timeout);

    /// <summary>
    /// A reply that came back in its callback's response (被动回复), taken as WeCom takes it: the signature checked and
    /// the text decrypted, then counted as a reply to the member it names. False when it is not a valid reply.
    /// </summary>
    public bool TakeCallbackReply(Host.Channels.WeCom.WeComCrypto crypto, string body, string timestamp, string nonce)
    {
        var envelope = System.Xml.Linq.XElement.Parse(body);
        var opened = crypto.VerifyAndDecrypt((string?)envelope.Element("MsgSignature") ?? "", timestamp, nonce, (string?)envelope.Element("Encrypt") ?? "");
        if (!opened.Succeeded || (string?)System.Xml.Linq.XElement.Parse(opened.Message).Element("ToUserName") is not { } user)
        {
            return false;
        }
        Interlocked.Increment(ref _count);
        Signal(user).Release();
        return true;
    }

    private SemaphoreSlim Signal(string user) => _replies.GetOrAdd(user, _ => new SemaphoreSlim(0));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
