using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RectifyBot.Host.Tests.Channels.WeCom;

namespace RectifyBot.Host.Tests.Channels.WeComBot;

/// <summary>
/// A loopback stand-in for openws.work.weixin.qq.com: a Kestrel WebSocket endpoint that speaks the AI bot's long
/// connection (../shared/PROTOCOLS-2026.md §1) and checks every frame the bot sends: subscribe first with the right
/// credentials, every frame with a req_id and acknowledged, stream frames on a message's req_id with one stream.id,
/// cumulative content within 20,480 bytes and nothing after finish, welcomes and card updates on their event's req_id
/// within five seconds, pushes only to conversations that wrote, and at most 30 messages a minute per conversation.
/// What breaks a rule is recorded in <see cref="Problems"/>. It also serves encrypted media as WeCom does.
/// </summary>
internal sealed class FakeWeComBotServer : IAsyncDisposable
{
    public const string BotId = "aibot-7Qx2";
    public const string Secret = "aibot-secret-Zk4w";
    public const int BadCredentials = 853000;

    private readonly ConcurrentDictionary<string, Callback> _callbacks = new();
    private readonly ConcurrentDictionary<string, byte[]> _media = new();
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _sentPerConversation = new();
    private readonly HashSet<string> _knownConversations = [];
    private readonly HashSet<string> _groups = [];
    private LoopbackServer _server = null!;
    private volatile Session? _live;
    private int _connections;
    private int _subscribes;
    private int _nextMsg;
    private int _mediaDownloads;

    private sealed record Callback(string Kind, string Conversation, string UserId, string? TaskId, DateTimeOffset SentAt)
    {
        public string? StreamId { get; set; }
        public bool Finished { get; set; }
        public DateTimeOffset? LastFrame { get; set; }
        public bool AckPending { get; set; }
    }

    /// <summary>A frame the bot sent, with when it arrived.</summary>
    public sealed record Received(JsonObject Frame, DateTimeOffset At)
    {
        public string Cmd => (string)Frame["cmd"]!;
        public string ReqId => (string)Frame["headers"]!["req_id"]!;
        public JsonObject? Body => Frame["body"] as JsonObject;
    }

    public ConcurrentQueue<string> Problems { get; } = new();
    public ConcurrentQueue<Received> Frames { get; } = new();

    public int Connections => _connections;
    public int Subscribes => _subscribes;

    /// <summary>
    /// The live connection stops answering pings, as one that died without closing; the next connection answers
    /// them again (a test that turned answering back on itself could be too late on a busy machine, and lose a third).
    /// </summary>
    public void SilenceLiveConnection() => (_live ?? throw new InvalidOperationException("no live connection")).Silent = true;

    /// <summary>While false, stream frames go unanswered: the bot's turn waits on them, as on a slow network.</summary>
    public bool AnswerStreams { get; set; } = true;

    /// <summary>
    /// How long stream frames wait for their ack: a frame sent on a req_id before the one before it was acknowledged
    /// is then seen, and recorded as a problem.
    /// </summary>
    public TimeSpan StreamAckDelay { get; set; }

    /// <summary>How many times a media URL was fetched.</summary>
    public int MediaDownloads => _mediaDownloads;

    public Uri Url => new($"ws://{_server.BaseAddress.Authority}/");
    public Uri MediaBase => _server.BaseAddress;

    public static async Task<FakeWeComBotServer> StartAsync()
    {
        var fake = new FakeWeComBotServer();
        fake._server = await LoopbackServer.StartAsync(_ => { }, app =>
        {
            app.UseWebSockets();
            app.Map("/", fake.AcceptAsync);
            app.MapGet("/media/{id}", (string id) =>
            {
                Interlocked.Increment(ref fake._mediaDownloads);
                return fake._media.TryGetValue(id, out var bytes) ? Results.File(bytes, "application/octet-stream", $"{id}.jpg") : Results.NotFound();
            });
        });
        return fake;
    }

    /// <remarks>
    /// A heartbeat of 1 s (a lease of 3 s, a ping's ack awaited 1 s): with 0.3 s, a server on a busy machine missed two
    /// pings, dropped the connection and lost a message the fake had just written into it (a test's first message never
    /// answered, once in a few full runs), or let its lease lapse between two renewals.
    /// </remarks>
    public Dictionary<string, string?> Settings(string secret = Secret) => new()
    {
        ["WeComBot:BotId"] = BotId,
        ["WeComBot:Secret"] = secret,
        ["WeComBot:Url"] = Url.ToString(),
        ["WeComBot:Heartbeat"] = "00:00:01",
        ["WeComBot:ReconnectDelay"] = "00:00:00.100",
    };

    public IEnumerable<Received> Of(string cmd) => Frames.Where(f => f.Cmd == cmd);

    /// <summary>When the callback with this req_id was sent to the bot.</summary>
    public DateTimeOffset SentAt(string reqId) => _callbacks[reqId].SentAt;

    /// <summary>The stream frames sent on a callback's req_id, in order.</summary>
    public List<JsonObject> Stream(string reqId) => [.. Of("aibot_respond_msg").Where(f => f.ReqId == reqId).Select(f => (JsonObject)f.Body!["stream"]!)];

    /// <summary>The stream frames on a message's req_id, once its last frame (finish) has come.</summary>
    public Task<List<JsonObject>> FinishedAsync(string reqId, int seconds = 10) =>
        WaitAsync(() => Stream(reqId) is { Count: > 0 } s && (bool)s[^1]["finish"]! ? s : null,
            $"the finished stream on {reqId}; problems: {string.Join("; ", Problems)}", seconds);

    /// <summary>Sends a text message; returns its req_id.</summary>
    public Task<string> SendTextAsync(string user, string text, string? chatId = null, string? msgId = null) =>
        SendMessageAsync(user, chatId, new JsonObject { ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = text } }, msgId);

    /// <summary>Encrypts <paramref name="content"/> as WeCom does (AES-256-CBC, IV = key[..16], PKCS#7 to 32 bytes) and sends it as an image message.</summary>
    public Task<string> SendImageAsync(string user, byte[] content, string? msgId = null)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var pad = 32 - content.Length % 32;
        var padded = content.Concat(Enumerable.Repeat((byte)pad, pad)).ToArray();
        using var aes = Aes.Create();
        aes.Key = key;
        var id = $"m{Interlocked.Increment(ref _nextMsg)}";
        _media[id] = aes.EncryptCbc(padded, key.AsSpan(0, 16), PaddingMode.None);
        var image = new JsonObject { ["url"] = new Uri(MediaBase, $"media/{id}").ToString(), ["aeskey"] = Convert.ToBase64String(key).TrimEnd('=') };
        return SendMessageAsync(user, null, new JsonObject { ["msgtype"] = "image", ["image"] = image }, msgId);
    }

    public async Task<string> SendMessageAsync(string user, string? chatId, JsonObject content, string? msgId)
    {
        var body = Body(user, chatId, msgId);
        foreach (var (key, value) in content.ToList())
        {
            content.Remove(key);
            body[key] = value;
        }
        return await CallbackAsync("aibot_msg_callback", "message", body, null);
    }

    /// <summary>An event: enter_chat, template_card_event (nested or flat key), feedback_event, disconnected_event.</summary>
    public Task<string> SendEventAsync(string user, JsonObject @event, string? taskId = null) => EventAsync(user, @event, taskId, null);

    private Task<string> EventAsync(string user, JsonObject @event, string? taskId, Session? only) =>
        CallbackAsync("aibot_event_callback", (string)@event["eventtype"]!, Body(user, null, null, @event), taskId, only);

    public static JsonObject CardClick(string key, string taskId, bool nested) => nested
        ? new JsonObject
        {
            ["eventtype"] = "template_card_event",
            ["template_card_event"] = new JsonObject { ["card_type"] = "button_interaction", ["event_key"] = key, ["task_id"] = taskId },
        }
        : new JsonObject { ["eventtype"] = "template_card_event", ["event_key"] = key, ["task_id"] = taskId };

    /// <summary>What WeCom does when another connection subscribes for the bot: disconnected_event, then close.</summary>
    public async Task KickAsync()
    {
        var session = _live ?? throw new InvalidOperationException("no live connection");
        await EventAsync("sys", new JsonObject { ["eventtype"] = "disconnected_event" }, null, session);
        try
        {
            await session.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "kicked", default);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The bot let the connection go on the event before our close went out, as it may: the socket is then
            // aborted, or its request has already ended (the test still asserts that no reconnect follows).
        }
    }

    /// <summary>The network drops the connection without a close handshake.</summary>
    public void Drop() => (_live ?? throw new InvalidOperationException("no live connection")).Socket.Abort();

    public static async Task<T> WaitAsync<T>(Func<T?> probe, string what, int seconds = 10) where T : class
    {
        for (var waited = 0; waited < seconds * 50; waited++)
        {
            if (probe() is { } found)
            {
                return found;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"never saw {what}");
    }

    public static Task WaitUntilAsync(Func<bool> probe, string what, int seconds = 10) =>
        WaitAsync(() => probe() ? "" : null, what, seconds);

    private static JsonObject Body(string user, string? chatId, string? msgId, JsonObject? @event = null)
    {
        var body = new JsonObject
        {
            ["msgid"] = msgId ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["aibotid"] = BotId,
            ["from"] = new JsonObject { ["userid"] = user },
            ["create_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        if (chatId is not null)
        {
            body["chatid"] = chatId;
            body["chattype"] = "group";
        }
        else
        {
            body["chattype"] = "single";
        }
        if (@event is not null)
        {
            body["msgtype"] = "event";
            body["event"] = @event;
        }
        return body;
    }

    /// <param name="only">The connection the frame is for, and no other: sent once, whatever becomes of it.</param>
    private async Task<string> CallbackAsync(string cmd, string kind, JsonObject body, string? taskId, Session? only = null)
    {
        var reqId = $"REQ{Interlocked.Increment(ref _nextMsg)}";
        var conversation = (string?)body["chatid"] ?? (string)body["from"]!["userid"]!;
        lock (_knownConversations)
        {
            _knownConversations.Add(conversation);
            if (body["chatid"] is not null)
            {
                _groups.Add(conversation);
            }
        }
        _callbacks[reqId] = new Callback(kind, conversation, (string)body["from"]!["userid"]!, taskId, DateTimeOffset.UtcNow);
        var frame = new JsonObject { ["cmd"] = cmd, ["headers"] = new JsonObject { ["req_id"] = reqId }, ["body"] = body };
        if (only is not null)
        {
            // A kick is for its own connection, which the bot lets go as the event arrives, perhaps before our send has
            // finished: sending it again on another connection would be a kick WeCom never sends.
            try
            {
                await only.SendAsync(frame);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
            return reqId;
        }
        while (true)
        {
            Session session;
            try
            {
                session = await WaitAsync(() => _live is { Subscribed: true } s && s.Socket.State == WebSocketState.Open ? s : null, "a subscribed connection");
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}: {_connections} connections, {_subscribes} subscribes, the last one {_live?.Socket.State.ToString() ?? "gone"}", e);
            }
            try
            {
                await session.SendAsync(frame);
                return reqId;
            }
            catch (Exception) when (session.Socket.State != WebSocketState.Open)
            {
                // The connection closed under us: WeCom delivers over whichever connection is live next; a test
                // counting connections still sees any reconnect this took.
            }
        }
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Interlocked.Increment(ref _connections);
        var session = new Session(await context.WebSockets.AcceptWebSocketAsync());
        try
        {
            await RunAsync(session);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            // Only if no later connection has subscribed since: a check and then a write could clear that one.
            Interlocked.CompareExchange(ref _live, null, session);
        }
    }

    private async Task RunAsync(Session session)
    {
        var buffer = new byte[64 * 1024];
        while (session.Socket.State == WebSocketState.Open)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await session.Socket.ReceiveAsync(buffer, default);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
            if (result.MessageType != WebSocketMessageType.Text || JsonNode.Parse(message.ToArray()) is not JsonObject frame
                || (string?)frame["cmd"] is not { } cmd || (string?)frame["headers"]?["req_id"] is not { Length: > 0 } reqId)
            {
                Problems.Enqueue($"not a frame: {Encoding.UTF8.GetString(message.ToArray())}");
                continue;
            }
            Frames.Enqueue(new Received(frame, DateTimeOffset.UtcNow));
            var errcode = Check(session, cmd, reqId, frame["body"] as JsonObject);
            if (cmd == "ping" && session.Silent || cmd == "aibot_respond_msg" && !AnswerStreams)
            {
                continue;
            }
            var ack = new JsonObject
            {
                ["headers"] = new JsonObject { ["req_id"] = reqId },
                ["errcode"] = errcode,
                ["errmsg"] = errcode == 0 ? "ok" : "refused",
            };
            if (cmd == "aibot_respond_msg" && StreamAckDelay > TimeSpan.Zero && _callbacks.TryGetValue(reqId, out var streamed))
            {
                streamed.AckPending = true;
                _ = Task.Run(async () =>
                {
                    await Task.Delay(StreamAckDelay);
                    streamed.AckPending = false;
                    await session.SendAsync(ack);
                });
                continue;
            }
            await session.SendAsync(ack);
        }
    }

    /// <summary>The errcode WeCom would answer; a rule broken is also recorded.</summary>
    private int Check(Session session, string cmd, string reqId, JsonObject? body)
    {
        if (cmd == "aibot_subscribe")
        {
            if (session.Subscribed)
            {
                return Problem("subscribed twice on one connection");
            }
            if ((string?)body?["bot_id"] != BotId || (string?)body?["secret"] != Secret)
            {
                return BadCredentials;
            }
            session.Subscribed = true;
            _live = session;
            Interlocked.Increment(ref _subscribes);
            return 0;
        }
        if (!session.Subscribed)
        {
            return Problem($"{cmd} before subscribe");
        }
        return cmd switch
        {
            "ping" => body is null ? 0 : Problem("ping with a body"),
            "aibot_respond_msg" => CheckStream(reqId, body),
            "aibot_respond_welcome_msg" => CheckEventReply(reqId, "enter_chat", body, b => (string?)b["msgtype"] == "text" && Text(b["text"]?["content"], 2048)),
            "aibot_respond_update_msg" => CheckEventReply(reqId, "template_card_event", body, b =>
                (string?)b["response_type"] == "update_template_card" && b["userids"] is JsonArray { Count: > 0 }
                && (string?)b["template_card"]?["task_id"] == _callbacks[reqId].TaskId && Text(b["template_card"]?["main_title"]?["title"], 128)),
            "aibot_send_msg" => CheckPush(body),
            _ => Problem($"unknown cmd {cmd}"),
        };
    }

    private int CheckStream(string reqId, JsonObject? body)
    {
        if (!_callbacks.TryGetValue(reqId, out var callback) || callback.Kind != "message")
        {
            // WeCom: a stream on a card click's req_id is 846605.
            return Problem($"stream on req_id {reqId}, which is not a message callback");
        }
        if ((string?)body?["msgtype"] != "stream" || body["stream"] is not JsonObject stream || (string?)stream["id"] is not { Length: > 0 } id
            || stream["finish"] is not JsonValue finish || finish.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)
            || !Text(stream["content"], 20480))
        {
            return Problem($"stream body {body?.ToJsonString()}");
        }
        if (callback.Finished)
        {
            return Problem("stream frame after finish");
        }
        if (callback.AckPending)
        {
            return Problem("a stream frame sent before the one before it was acknowledged");
        }
        var now = DateTimeOffset.UtcNow;
        if (!(bool)finish && callback.LastFrame is { } last && now - last < TimeSpan.FromSeconds(0.95))
        {
            Problem($"stream frames {(now - last).TotalMilliseconds:0} ms apart (about one a second at most)");
        }
        callback.LastFrame = now;
        if (callback.StreamId is null)
        {
            if (!Count(callback.Conversation))
            {
                return Problem($"over 30 messages a minute to {callback.Conversation}");
            }
            callback.StreamId = id;
        }
        else if (callback.StreamId != id)
        {
            return Problem("a second stream.id on one req_id");
        }
        else if (stream["feedback"] is not null)
        {
            return Problem("feedback.id after the first frame");
        }
        if (string.IsNullOrWhiteSpace((string?)stream["content"]))
        {
            return Problem("a stream frame of only whitespace");
        }
        callback.Finished = (bool)finish;
        return 0;
    }

    private int CheckEventReply(string reqId, string kind, JsonObject? body, Func<JsonObject, bool> shape)
    {
        if (!_callbacks.TryGetValue(reqId, out var callback) || callback.Kind != kind)
        {
            return Problem($"{kind} reply on req_id {reqId}");
        }
        if (DateTimeOffset.UtcNow - callback.SentAt > TimeSpan.FromSeconds(5))
        {
            return Problem($"{kind} reply after five seconds");
        }
        return body is not null && shape(body) ? 0 : Problem($"{kind} reply body {body?.ToJsonString()}");
    }

    private int CheckPush(JsonObject? body)
    {
        var chat = (string?)body?["chatid"];
        bool known, group;
        lock (_knownConversations)
        {
            known = chat is not null && _knownConversations.Contains(chat);
            group = chat is not null && _groups.Contains(chat);
        }
        if (!known)
        {
            return Problem($"push to {chat}, who never wrote to the bot");
        }
        // chat_type is optional (the SDK omits it); when given, 1 is a single chat and 2 a group.
        if (body!["chat_type"] is { } chatType && (int)chatType != (group ? 2 : 1))
        {
            return Problem($"push to {chat} with chat_type {chatType}");
        }
        var ok = (string?)body!["msgtype"] switch
        {
            "markdown" => Text(body["markdown"]?["content"], 20480),
            "template_card" => body["template_card"] is JsonObject card && (string?)card["card_type"] == "button_interaction"
                && Text(card["main_title"]?["title"], 128) && ((string?)card["task_id"])?.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '@') == true
                && card["button_list"] is JsonArray { Count: > 0 and <= 6 } buttons
                && buttons.All(b => Text(b?["text"], 64) && Text(b?["key"], 1024) && b?["style"] is JsonValue),
            _ => false,
        };
        if (!ok)
        {
            return Problem($"push body {body.ToJsonString()}");
        }
        return Count(chat!) ? 0 : Problem($"over 30 messages a minute to {chat}");
    }

    private bool Count(string conversation)
    {
        var sent = _sentPerConversation.GetOrAdd(conversation, _ => []);
        lock (sent)
        {
            sent.RemoveAll(t => t < DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1));
            sent.Add(DateTimeOffset.UtcNow);
            return sent.Count <= 30;
        }
    }

    private static bool Text(JsonNode? node, int maxBytes) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && Encoding.UTF8.GetByteCount((string)v!) is > 0 and var n && n <= maxBytes;

    private int Problem(string problem)
    {
        Problems.Enqueue(problem);
        return 40058;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private sealed class Session(WebSocket socket)
    {
        private readonly SemaphoreSlim _sending = new(1, 1);

        public WebSocket Socket => socket;
        public bool Subscribed { get; set; }
        public bool Silent { get; set; }

        public async Task SendAsync(JsonObject frame)
        {
            await _sending.WaitAsync();
            try
            {
                await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(frame), WebSocketMessageType.Text, true, default);
            }
            finally
            {
                _sending.Release();
            }
        }
    }
}
