using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Host.Turns;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.WeComBot;

/// <summary>
/// Where an AI-bot callback becomes a turn; the reply goes back through <see cref="WeComBotOutbox"/>. Callbacks are
/// stored in the inbox one at a time, in the order the connection read them, so one person's messages are handled
/// in the order they were sent; a repeated msgid is dropped there, before anything is downloaded. Images and files
/// are then downloaded at once (their URL lasts five minutes) and stored as evidence by the turn. What a crash left
/// unhandled is replayed at start and answered by a push: its stream belonged to the connection that died. The
/// sender is the WeCom member, so identity, memory and the turn's lane are those of the WeCom channel.
/// </summary>
public sealed partial class WeComBotTurns(TurnQueue queue, WeComBotClient client, WeComBotMedia media,
    IOptions<EvidenceOptions> evidence, IServiceScopeFactory scopes, TimeProvider time, ILogger<WeComBotTurns> logger)
{
    /// <summary>The bot's name in the store's bookkeeping (inbox, references, feedback); its turns are the WeCom channel's.</summary>
    public const string Channel = "wecom-bot";

    internal const string UnsupportedHint = "暂不支持视频和这类消息，请发送文字、图片或文件。\n";

    private readonly Lock _order = new();
    private Task _accepting = Task.CompletedTask;

    /// <summary>Called by the connection for each callback; only queues, so the connection keeps reading.</summary>
    public void Receive(JsonObject frame)
    {
        if (WeComBotCallback.Parse(frame) is not { } callback)
        {
            Log.Unreadable(logger, (string?)frame["cmd"] ?? "");
            return;
        }
        if (callback.EventType == "feedback_event")
        {
            _ = RecordFeedbackAsync(callback);
            return;
        }
        var received = time.GetUtcNow();
        if (Turns(callback, received, replayed: false) is not { Count: > 0 } turns)
        {
            Log.Ignored(logger, callback.Cmd, callback.EventType ?? callback.MsgType);
            return;
        }
        var payload = new JsonObject { ["cmd"] = callback.Cmd, ["headers"] = new JsonObject { ["req_id"] = callback.ReqId }, ["body"] = callback.Body.DeepClone() }.ToJsonString();
        lock (_order)
        {
            // Each callback after the one before: stored and queued in the order they came, whatever the store's latency.
            _accepting = _accepting.ContinueWith(_ => AcceptAsync(turns, payload), TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>The turn of a callback stored in the inbox, answered by a push: the req_id it came with died with the old connection.</summary>
    public static InboxReplay Replay { get; } = new(Channel, (services, stored) => services.GetRequiredService<WeComBotTurns>().Replayed(stored));

    private QueuedTurn? Replayed(InboxMessage stored)
    {
        // Before replay was built the bot stored no payload: such a message stays unanswered, as it was then.
        if (stored.Payload.Length == 0 || JsonNode.Parse(stored.Payload) is not JsonObject frame || WeComBotCallback.Parse(frame) is not { } callback
            || Turns(callback, time.GetUtcNow(), replayed: true).FirstOrDefault(t => t.Key == stored.MessageKey) is not { } pending)
        {
            return null;
        }
        // Already in the inbox: its file, if its link has not expired, can be fetched now.
        pending.Download?.TrySetResult();
        return pending.Turn;
    }

    /// <summary>A callback's turns under their inbox keys, with the file each waits for; none for what the bot does not act on.</summary>
    private List<PendingTurn> Turns(WeComBotCallback callback, DateTimeOffset received, bool replayed)
    {
        WeComBotReplyTo Reply(WeComBotAnswer answer) => new(callback, replayed ? WeComBotAnswer.Push : answer);
        return (callback.Cmd, callback.EventType) switch
        {
            (WeComBotCallback.MessageCmd, _) => MessageTurns(callback, replayed),
            (WeComBotCallback.EventCmd, "enter_chat") => [Pending(callback, "帮助", callback.MsgId, Reply(WeComBotAnswer.Welcome))],
            (WeComBotCallback.EventCmd, "template_card_event") when callback.CardEvent() is ({ } key, var taskId) =>
                [Pending(callback, key, callback.MsgId, Reply(WeComBotAnswer.CardUpdate) with { TaskId = taskId, Received = received })],
            _ => [],
        };
    }

    /// <summary>
    /// The words first (or a request for help when there are neither words nor files), answered as a stream; then a
    /// turn per file, each stored as evidence, whose replies follow as pushes.
    /// </summary>
    private List<PendingTurn> MessageTurns(WeComBotCallback callback, bool replayed)
    {
        var text = callback.Text();
        var files = callback.Media();
        List<PendingTurn> turns = [];
        if (text is not null || files.Count == 0)
        {
            // Video and other types the bot cannot read are answered with what it can do, and why it did not answer them.
            turns.Add(Pending(callback, text ?? "帮助", callback.MsgId, Streamed(callback, replayed) with { Hint = text is null ? UnsupportedHint : "" }));
        }
        foreach (var (file, i) in files.Select((f, i) => (f, i)))
        {
            var key = turns.Count == 0 ? callback.MsgId : $"{callback.MsgId}#{i}";
            var to = turns.Count == 0 ? Streamed(callback, replayed) : new WeComBotReplyTo(callback, WeComBotAnswer.Push);
            var download = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var name = $"{file.Kind}{callback.MsgId}{(file.Kind == "图片" ? ".jpg" : "")}";
            var message = Incoming(callback, null) with { Attachment = Download(callback, file.Url, file.AesKey, name, download.Task) };
            turns.Add(new PendingTurn(key, new QueuedTurn(message, Lane(callback), to), download));
        }
        return turns;
    }

    private WeComBotReplyTo Streamed(WeComBotCallback callback, bool replayed) => replayed
        ? new WeComBotReplyTo(callback, WeComBotAnswer.Push)
        : new WeComBotReplyTo(callback, WeComBotAnswer.Stream) { Stream = new WeComBotStream(client, callback.ReqId, time) };

    private static PendingTurn Pending(WeComBotCallback callback, string text, string key, WeComBotReplyTo to) =>
        new(key, new QueuedTurn(Incoming(callback, text), Lane(callback), to), null);

    /// <summary>
    /// Deduplicated by msgid in the store's inbox like every channel's messages; a file is fetched only once its
    /// message is known to be new.
    /// </summary>
    private async Task AcceptAsync(IReadOnlyList<PendingTurn> turns, string payload)
    {
        foreach (var pending in turns)
        {
            var outcome = Acceptance.Full;
            try
            {
                outcome = await queue.AcceptAsync(pending.Turn, pending.Key, payload, CancellationToken.None, inboxChannel: Channel);
                if (outcome == Acceptance.Full)
                {
                    Log.QueueFull(logger);
                }
            }
            catch (System.Data.Common.DbException e)
            {
                Log.AcceptFailed(logger, e);
            }
            finally
            {
                if (outcome == Acceptance.Accepted)
                {
                    pending.Download?.TrySetResult();
                }
                else
                {
                    pending.Download?.TrySetCanceled();
                }
            }
        }
    }

    /// <summary>
    /// The image or file is fetched as soon as <paramref name="start"/> says its message is new, not when the turn runs:
    /// its URL is valid for five minutes and the turn may wait behind others. The turn then stores it as evidence.
    /// </summary>
    private Attachment Download(WeComBotCallback callback, Uri url, string aesKey, string fallbackName, Task start)
    {
        var download = DownloadAsync();
        // Null when it could not be fetched: the engine then asks the person to send it again.
        return new Attachment(async ct => await download.WaitAsync(ct) is { } file
            ? new FetchedFile(file.FileName ?? fallbackName, file.ContentType, new MemoryStream(file.Content))
            : null);

        async Task<(string? FileName, string? ContentType, byte[] Content)?> DownloadAsync()
        {
            try
            {
                await start;
                return await media.DownloadAsync(url, aesKey, evidence.Value.MaxBytes, CancellationToken.None);
            }
            catch (TaskCanceledException) when (!start.IsCompletedSuccessfully)
            {
                // A repeated delivery, or one that was not queued: nothing to fetch.
                return null;
            }
            catch (Exception e) when (e is HttpRequestException or InvalidDataException or FormatException or TaskCanceledException)
            {
                Log.DownloadFailed(logger, e, callback.MsgId);
                return null;
            }
        }
    }

    /// <summary>The same lane as the person's app messages: one person's turns run in order whichever way they came.</summary>
    private static string Lane(WeComBotCallback callback) => $"{ChannelName.WeCom}:{callback.UserId}";

    /// <summary>In a group, the engine is told which one: 本群接收提醒 binds it to a unit.</summary>
    private static IncomingMessage Incoming(WeComBotCallback callback, string? text) =>
        new(ChannelName.WeCom, callback.UserId, text) { Group = callback.ChatId is { } chat ? new GroupAddress(Channel, chat) : null };

    /// <summary>A turn under its inbox key, and the download that starts once the inbox has taken it.</summary>
    private sealed record PendingTurn(string Key, QueuedTurn Turn, TaskCompletionSource? Download);

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

        [LoggerMessage(EventId = 6216, Level = LogLevel.Warning, Message = "Turn queue full; a WeCom AI bot message was not queued")]
        public static partial void QueueFull(ILogger logger);

        [LoggerMessage(EventId = 6219, Level = LogLevel.Error, Message = "WeCom AI bot: a message could not be stored in the inbox and was not handled")]
        public static partial void AcceptFailed(ILogger logger, Exception exception);
    }
}
