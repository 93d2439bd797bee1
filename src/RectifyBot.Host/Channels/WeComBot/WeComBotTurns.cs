using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Host.Channels.WeCom;
using RectifyBot.Host.Channels.Web;
using RectifyBot.Host.Turns;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.WeComBot;

/// <summary>
/// Where an AI-bot callback becomes a turn and its reply goes back. A message is answered as a stream that opens
/// with "正在处理…" as soon as its turn starts and finishes with the reply; what does not fit in a stream (20,480 bytes,
/// six minutes) continues as pushes, and measures follow as a button card. Images and files are downloaded at once
/// (their URL lasts five minutes) and stored as evidence by the turn. The sender is the WeCom member, so identity,
/// memory and retried deliveries are those of the WeCom channel; the bot's msgids are kept apart by a prefix.
/// Every message to a conversation counts against WeCom's 30 a minute and 1,000 an hour.
/// </summary>
public sealed partial class WeComBotTurns(TurnQueue queue, WeComBotClient client, WeComBotMedia media, FileLinks files,
    IOptions<EvidenceOptions> evidence, IServiceScopeFactory scopes, TimeProvider time, ILogger<WeComBotTurns> logger)
{
    /// <summary>The bot's name in the store's bookkeeping (feedback); its turns are the WeCom channel's.</summary>
    public const string Channel = "wecom-bot";

    internal const string Working = "正在处理…";
    internal const string UnsupportedHint = "暂不支持视频和这类消息，请发送文字、图片或文件。\n";
    internal const string FileHint = "文件请在网页端“看板”页面下载。";

    /// <summary>A welcome and a card update are taken only within five seconds of their event.</summary>
    internal static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(5);

    private readonly WeComRateLimiter _limits = new(time, (30, TimeSpan.FromMinutes(1)), (1000, TimeSpan.FromHours(1)));

    /// <summary>Called by the connection for each callback; only queues, so the connection keeps reading.</summary>
    public void Receive(JsonObject frame)
    {
        if (WeComBotCallback.Parse(frame) is not { } callback)
        {
            Log.Unreadable(logger, (string?)frame["cmd"] ?? "");
            return;
        }
        switch (callback.Cmd, callback.EventType)
        {
            case (WeComBotCallback.MessageCmd, _):
                OnMessage(callback);
                break;
            case (WeComBotCallback.EventCmd, "enter_chat"):
                Enqueue(callback, "帮助", callback.MsgId, (_, result, ct) => WelcomeAsync(callback, result, ct));
                break;
            case (WeComBotCallback.EventCmd, "template_card_event") when callback.CardEvent() is ({ } key, var taskId):
                var received = time.GetUtcNow();
                Enqueue(callback, key, callback.MsgId, (_, result, ct) => AnswerCardAsync(callback, taskId, received, result, ct));
                break;
            case (WeComBotCallback.EventCmd, "feedback_event"):
                _ = RecordFeedbackAsync(callback);
                break;
            default:
                Log.Ignored(logger, callback.Cmd, callback.EventType ?? callback.MsgType);
                break;
        }
    }

    /// <summary>
    /// 👍/👎 under a reply, named by the stream id its first frame carried as <c>feedback.id</c>. Type 1 is taken as
    /// accurate and 2 as inaccurate (2 comes with <c>inaccurate_reason_list</c>; WeCom does not document the codes).
    /// </summary>
    private async Task RecordFeedbackAsync(WeComBotCallback callback)
    {
        var feedback = callback.Body["event"]?["feedback_event"];
        if ((string?)feedback?["id"] is not { Length: > 0 } replyId)
        {
            return;
        }
        var type = (int?)feedback["type"] ?? 0;
        var reasons = feedback["inaccurate_reason_list"] is JsonArray list ? string.Join(",", list.Select(r => r?.ToString())) : "";
        var comment = string.Join(" ", new[] { (string?)feedback["content"], reasons.Length > 0 ? $"reasons:{reasons}" : null }.Where(c => !string.IsNullOrEmpty(c)));
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await FeedbackLog.RecordAsync(scope.ServiceProvider.GetRequiredService<RectifyDbContext>(), new ReplyFeedback
            {
                Channel = Channel, ReplyId = replyId, UserId = callback.UserId,
                Rating = type switch { 1 => "like", 2 => "dislike", _ => $"type{type}" },
                Comment = comment.Length > 0 ? comment : null, At = time.GetUtcNow().UtcDateTime,
            }, CancellationToken.None);
            Log.Feedback(logger, replyId, type);
        }
        catch (System.Data.Common.DbException e)
        {
            Log.FeedbackFailed(logger, e);
        }
    }

    private void OnMessage(WeComBotCallback callback)
    {
        var text = callback.Text();
        var files = callback.Media();
        var streamed = false;
        if (text is not null || files.Count == 0)
        {
            // Video and other types the bot cannot read are answered with what it can do, and why it did not answer them.
            var hint = text is null ? UnsupportedHint : "";
            Streamed(callback, text ?? "帮助", callback.MsgId, hint);
            streamed = true;
        }
        foreach (var (file, i) in files.Select((f, i) => (f, i)))
        {
            var key = i == 0 && !streamed ? callback.MsgId : $"{callback.MsgId}#{i}";
            var message = Incoming(callback, null) with { Attachment = Download(callback, file.Url, file.AesKey, $"{file.Kind}{callback.MsgId}{(file.Kind == "图片" ? ".jpg" : "")}") };
            if (!streamed)
            {
                Streamed(callback, message, key, "");
                streamed = true;
            }
            else
            {
                Enqueue(message, key, (_, result, ct) => PushReplyAsync(callback.Conversation, result.Reply, ct));
            }
        }
    }

    private void Streamed(WeComBotCallback callback, string text, string key, string hint) => Streamed(callback, Incoming(callback, text), key, hint);

    /// <summary>The reply is a stream opened when the turn starts; the time to that first frame is what the user waits for.</summary>
    private void Streamed(WeComBotCallback callback, IncomingMessage message, string key, string hint)
    {
        var stream = new WeComBotStream(client, callback.ReqId, time);
        Enqueue(message, key, (_, result, ct) => FinishAsync(callback, stream, result.Reply, hint, ct), async ct =>
        {
            await _limits.WaitAsync(callback.Conversation, ct);
            await Tolerate(() => stream.SendAsync(Working, finish: false, ct));
        });
    }

    private async Task FinishAsync(WeComBotCallback callback, WeComBotStream stream, Reply reply, string hint, CancellationToken ct)
    {
        var parts = await PartsAsync(reply, hint, ct);
        var finished = stream.Opened is not null && await Tolerate(() => stream.SendAsync(parts[0], finish: true, ct));
        foreach (var part in finished ? parts.Skip(1) : parts)
        {
            await PushAsync(callback.Conversation, Markdown(part), ct);
        }
        await PushCardAsync(callback.Conversation, reply, ct);
    }

    private async Task WelcomeAsync(WeComBotCallback callback, TurnResult result, CancellationToken ct)
    {
        await _limits.WaitAsync(callback.Conversation, ct);
        var body = new JsonObject { ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = result.Reply.Text } };
        Check("aibot_respond_welcome_msg", await client.SendAsync("aibot_respond_welcome_msg", callback.ReqId, body, ct));
    }

    /// <summary>
    /// The tapped card shows what the tap did (within five seconds, or WeCom no longer takes the update); a reply too long
    /// for the card, or one that came too late, follows as a push. A click cannot be answered with a stream (846605).
    /// </summary>
    private async Task AnswerCardAsync(WeComBotCallback callback, string? taskId, DateTimeOffset received, TurnResult result, CancellationToken ct)
    {
        var reply = result.Reply;
        var updated = false;
        if (taskId is not null && time.GetUtcNow() - received < EventDeadline)
        {
            var body = new JsonObject
            {
                ["response_type"] = "update_template_card",
                ["userids"] = new JsonArray(callback.UserId),
                ["template_card"] = WeComBotRenderer.Answered(reply.Text, taskId),
            };
            updated = Check("aibot_respond_update_msg", await client.SendAsync("aibot_respond_update_msg", callback.ReqId, body, ct));
        }
        if (!updated || !WeComBotRenderer.FitsCard(reply.Text) || reply.File is not null || reply.Table is not null)
        {
            foreach (var part in await PartsAsync(reply, "", ct))
            {
                await PushAsync(callback.Conversation, Markdown(part), ct);
            }
        }
        await PushCardAsync(callback.Conversation, reply, ct);
    }

    /// <summary>A reply to someone who did not just write (a push, <c>aibot_send_msg</c>): text as markdown parts, then its card.</summary>
    public async Task PushReplyAsync(string conversation, Reply reply, CancellationToken ct)
    {
        foreach (var part in await PartsAsync(reply, "", ct))
        {
            await PushAsync(conversation, Markdown(part), ct);
        }
        await PushCardAsync(conversation, reply, ct);
    }

    private async Task PushCardAsync(string conversation, Reply reply, CancellationToken ct)
    {
        if (WeComBotRenderer.Card(reply, WeComBotRenderer.NewTaskId()) is { } card)
        {
            await PushAsync(conversation, new JsonObject { ["msgtype"] = "template_card", ["template_card"] = card }, ct);
        }
    }

    /// <summary>Pushes work only to a person or group that has written to the bot before; WeCom says so in its errcode.</summary>
    private async Task PushAsync(string conversation, JsonObject message, CancellationToken ct)
    {
        await _limits.WaitAsync(conversation, ct);
        message["chatid"] = conversation;
        Check("aibot_send_msg", await client.SendAsync("aibot_send_msg", WeComBotClient.NewReqId("aibot_send_msg", time), message, ct));
    }

    private async Task<IReadOnlyList<string>> PartsAsync(Reply reply, string hint, CancellationToken ct)
    {
        var text = hint + await files.TextWithFileAsync(reply, FileHint, ct);
        // A final frame of only whitespace would leave WeCom's "thinking" placeholder on screen.
        return WeComReplySplitter.SplitMarkdown(string.IsNullOrWhiteSpace(text) ? "好的。" : WeComBotRenderer.Markdown(reply, text), WeComBotRenderer.MaxMarkdownBytes);
    }

    private static JsonObject Markdown(string content) =>
        new() { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["content"] = content } };

    /// <summary>
    /// The image or file is fetched now, not when the turn runs: its URL is valid for five minutes and the turn may
    /// wait behind others. The turn then stores it as evidence like any channel's file.
    /// </summary>
    private Attachment Download(WeComBotCallback callback, Uri url, string aesKey, string fallbackName)
    {
        var download = DownloadAsync(url, aesKey);
        // Null when it could not be fetched: the engine then asks the person to send it again.
        return new Attachment(async ct => await download.WaitAsync(ct) is { } file
            ? new FetchedFile(file.FileName ?? fallbackName, file.ContentType, new MemoryStream(file.Content))
            : null);

        async Task<(string? FileName, string? ContentType, byte[] Content)?> DownloadAsync(Uri url, string aesKey)
        {
            try
            {
                return await media.DownloadAsync(url, aesKey, evidence.Value.MaxBytes, CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidDataException or FormatException or TaskCanceledException)
            {
                Log.DownloadFailed(logger, e, callback.MsgId);
                return null;
            }
        }
    }

    private static IncomingMessage Incoming(WeComBotCallback callback, string? text) => new(ChannelName.WeCom, callback.UserId, text);

    private void Enqueue(WeComBotCallback callback, string text, string key, Func<IServiceProvider, TurnResult, CancellationToken, Task> deliver) =>
        Enqueue(Incoming(callback, text), key, deliver);

    private void Enqueue(IncomingMessage message, string key, Func<IServiceProvider, TurnResult, CancellationToken, Task> deliver, Func<CancellationToken, Task>? started = null) =>
        // The same lane as the person's app messages: one person's turns run in order whichever way they came.
        _ = AcceptAsync(new QueuedTurn(message, $"{ChannelName.WeCom}:{message.UserId}", deliver) { StartedAsync = started }, key);

    /// <summary>
    /// Deduplicated by msgid in the store's inbox like every channel's messages. A bot message is not replayed after a
    /// crash: its reply stream belongs to the connection that died, so the person is answered only by asking again.
    /// </summary>
    private async Task AcceptAsync(QueuedTurn turn, string key)
    {
        try
        {
            if (await queue.AcceptAsync(turn, "aibot:" + key, "", CancellationToken.None, inboxChannel: Channel) == Acceptance.Full)
            {
                Log.QueueFull(logger);
            }
        }
        catch (System.Data.Common.DbException e)
        {
            Log.AcceptFailed(logger, e);
        }
    }

    /// <summary>A stream frame that cannot go (no connection, no ack) is not the end of the reply: it continues as pushes.</summary>
    private async Task<bool> Tolerate(Func<Task<bool>> send)
    {
        try
        {
            return await send();
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException)
        {
            Log.StreamFailed(logger, e.Message);
            return false;
        }
    }

    private bool Check(string cmd, WeComBotAck ack)
    {
        if (!ack.Succeeded)
        {
            Log.Refused(logger, cmd, ack.ErrCode, ack.ErrMsg);
        }
        return ack.Succeeded;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6210, Level = LogLevel.Warning, Message = "WeCom AI bot: a {Cmd} frame without req_id, msgid, sender or msgtype was ignored")]
        public static partial void Unreadable(ILogger logger, string cmd);

        [LoggerMessage(EventId = 6211, Level = LogLevel.Debug, Message = "WeCom AI bot: {Cmd} {Type} is not handled")]
        public static partial void Ignored(ILogger logger, string cmd, string type);

        [LoggerMessage(EventId = 6212, Level = LogLevel.Information, Message = "WeCom AI bot: feedback {Type} on reply {StreamId}")]
        public static partial void Feedback(ILogger logger, string streamId, int type);

        [LoggerMessage(EventId = 6218, Level = LogLevel.Warning, Message = "WeCom AI bot: feedback could not be recorded")]
        public static partial void FeedbackFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 6213, Level = LogLevel.Warning, Message = "WeCom AI bot: the file of message {MsgId} could not be downloaded")]
        public static partial void DownloadFailed(ILogger logger, Exception exception, string msgId);

        [LoggerMessage(EventId = 6214, Level = LogLevel.Warning, Message = "WeCom AI bot: {Cmd} refused with errcode {ErrCode} {ErrMsg}")]
        public static partial void Refused(ILogger logger, string cmd, int errCode, string errMsg);

        [LoggerMessage(EventId = 6215, Level = LogLevel.Warning, Message = "WeCom AI bot: a stream frame could not be sent ({Reason}); the reply continues as pushes")]
        public static partial void StreamFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 6216, Level = LogLevel.Warning, Message = "Turn queue full; a WeCom AI bot message was not queued")]
        public static partial void QueueFull(ILogger logger);

        [LoggerMessage(EventId = 6219, Level = LogLevel.Error, Message = "WeCom AI bot: a message could not be stored in the inbox and was not handled")]
        public static partial void AcceptFailed(ILogger logger, Exception exception);
    }
}
