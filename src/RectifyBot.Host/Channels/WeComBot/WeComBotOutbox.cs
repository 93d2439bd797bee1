using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RectifyBot.Conversation;
using RectifyBot.Host.Channels.WeCom;
using RectifyBot.Host.Channels.Web;
using RectifyBot.Host.Outbox;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.WeComBot;

/// <summary>How a callback is answered: each has its own frame, and only a message's req_id takes a stream.</summary>
public enum WeComBotAnswer
{
    /// <summary><c>aibot_respond_msg</c> frames on the message's req_id.</summary>
    Stream,
    /// <summary><c>aibot_send_msg</c>: a later part of a message, or a message replayed after a restart, whose req_id belonged to the old connection.</summary>
    Push,
    /// <summary><c>aibot_respond_welcome_msg</c> for enter_chat, within five seconds.</summary>
    Welcome,
    /// <summary><c>aibot_respond_update_msg</c> for a card click, within five seconds.</summary>
    CardUpdate,
}

/// <summary>A reply to an AI-bot callback. <see cref="Stream"/> is the reply's stream when it is answered as one.</summary>
public sealed record WeComBotReplyTo(WeComBotCallback Callback, WeComBotAnswer Answer) : ReplyTo(WeComBotTurns.Channel)
{
    /// <summary>Said before the reply (a message the bot cannot read).</summary>
    public string Hint { get; init; } = "";

    public WeComBotStream? Stream { get; init; }

    /// <summary>The clicked card's task_id and when the click came, for <see cref="WeComBotAnswer.CardUpdate"/>.</summary>
    public string? TaskId { get; init; }

    public DateTimeOffset Received { get; init; }
}

/// <summary>
/// Everything the AI bot sends on its long connection. A message is answered as a stream that opens with "正在处理…"
/// when its turn starts and finishes with the reply; what does not fit in a stream (20,480 bytes, six minutes)
/// continues as pushes, and measures follow as a button card. People are reached by a push to their single chat,
/// which works once they have written to the bot (their reference is kept then), and a unit's reminders also go to
/// the group chats bound to it; those pushes are queued in the store and sent by the instance holding the connection.
/// Every message to a conversation counts against WeCom's 30 a minute and 1,000 an hour.
/// </summary>
public sealed partial class WeComBotOutbox(WeComBotClient client, FileLinks files, IOptions<WeComBotOptions> options,
    WeComBotPushes queue, IServiceScopeFactory scopes, TimeProvider time, ILogger<WeComBotOutbox> logger) : IOutbox
{
    /// <summary>
    /// <c>chat_type</c> of a push: WeCom's page leaves it undocumented and the SDK omits it; third-party notes give
    /// 1 for a single chat (chatid is the userid) and 2 for a group (its chatid). REF: ../shared/PROTOCOLS-2026.md §1.
    /// </summary>
    private const int SingleChat = 1;
    private const int GroupChat = 2;

    internal const string Working = "正在处理…";
    internal const string FileHint = "文件请在网页端“看板”页面下载。";

    /// <summary>A welcome and a card update are taken only within five seconds of their event.</summary>
    internal static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(5);

    /// <summary>Past the longest reconnect delay (30 s): a push that waited this long for the connection is given up.</summary>
    private static readonly TimeSpan ConnectWait = TimeSpan.FromSeconds(40);

    private readonly WeComRateLimiter _limits = new(time, (30, TimeSpan.FromMinutes(1)), (1000, TimeSpan.FromHours(1)));

    public string Channel => WeComBotTurns.Channel;

    public bool Enabled => options.Value.Enabled;

    /// <summary>
    /// The stream opens when the turn starts: the time to this first frame is what the person waits for. A push waits
    /// for the connection, for a while: messages replayed at start are handled before the bot has connected.
    /// </summary>
    public async Task OpenAsync(ReplyTo to, CancellationToken ct)
    {
        if (to is WeComBotReplyTo { Answer: WeComBotAnswer.Stream, Stream: { } stream } bot)
        {
            await _limits.WaitAsync(bot.Callback.Conversation, ct);
            await Tolerate(() => stream.SendAsync(Working, finish: false, ct));
        }
        else if (to is WeComBotReplyTo { Answer: WeComBotAnswer.Push } && !client.Connected)
        {
            await Tolerate(async () =>
            {
                await client.WaitConnectedAsync(ConnectWait, time, ct);
                return true;
            });
        }
    }

    /// <summary>Text the model writes goes as frames of the message's stream.</summary>
    public Action<string>? Partial(ReplyTo to, CancellationToken ct) =>
        to is WeComBotReplyTo { Answer: WeComBotAnswer.Stream, Stream: { } stream } ? stream.Partial(ct) : null;

    public async Task ReplyAsync(ReplyTo to, Reply reply, CancellationToken ct)
    {
        var bot = (WeComBotReplyTo)to;
        var callback = bot.Callback;
        if (callback.ChatId is null)
        {
            await RememberAsync(callback.UserId, ct);
        }
        switch (bot.Answer)
        {
            case WeComBotAnswer.Stream when bot.Stream is { } stream:
                await FinishAsync(callback.Conversation, stream, reply, bot.Hint, ct);
                break;
            case WeComBotAnswer.Welcome:
                await WelcomeAsync(callback, reply, ct);
                break;
            case WeComBotAnswer.CardUpdate:
                await AnswerCardAsync(callback, bot.TaskId, bot.Received, reply, ct);
                break;
            default:
                await PushReplyAsync(callback.Conversation, reply, bot.Hint, ct);
                break;
        }
    }

    /// <summary>
    /// Queues the message for each person who has written to the bot and each group chat bound to the unit
    /// (<see cref="WeComBotPushes"/>): whichever instance holds the connection sends it. True when it went to anyone.
    /// </summary>
    public async Task<bool> SendAsync(Recipients to, Outgoing message, CancellationToken ct)
    {
        List<(string Conversation, int ChatType)> conversations = [.. to.People
            .Select(p => p.Reference is null ? null : (string?)JsonNode.Parse(p.Reference)?["userid"])
            .OfType<string>().Where(user => user.Length > 0).Select(user => (user, SingleChat))];
        if (to.UnitName is { } unit)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            var chats = await db.UnitChats.Where(c => c.Channel == Channel)
                .Join(db.Units.Where(u => u.Name == unit), c => c.UnitId, u => u.Id, (c, _) => c.ChatId).ToListAsync(ct);
            conversations.AddRange(chats.Select(chat => (chat, GroupChat)));
        }
        if (conversations.Count == 0)
        {
            return false;
        }
        // WeCom's markdown for the bot is not the app's (its <font> colours): the reply is rendered here.
        var parts = await PartsAsync(message.Reply, "", ct);
        List<(string, JsonObject)> pushes = [];
        foreach (var (conversation, chatType) in conversations)
        {
            // A card's task_id is once per bot: each conversation's card has its own.
            foreach (var body in parts.Select(Markdown).Concat(Card(message.Reply) is { } card ? [card] : []))
            {
                body["chat_type"] = chatType;
                pushes.Add((conversation, body));
            }
        }
        await queue.QueueAsync(pushes, ct);
        return true;
    }

    /// <summary>While this instance holds the connection: sends what any instance queued.</summary>
    public Task DrainAsync(CancellationToken ct) => queue.DrainAsync(PushAsync, ct);

    /// <summary>A person's single chat with the bot, where later messages to them can be pushed.</summary>
    private async Task RememberAsync(string user, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        await Outboxes.RememberAsync(db, time, Channel, db.Staff.Where(s => s.WeComId == user), new JsonObject { ["userid"] = user }.ToJsonString(), ct);
    }

    private async Task FinishAsync(string conversation, WeComBotStream stream, Reply reply, string hint, CancellationToken ct)
    {
        await stream.SettleAsync();
        var parts = await PartsAsync(reply, hint, ct);
        var finished = stream.Opened is not null && await Tolerate(() => stream.SendAsync(parts[0], finish: true, ct));
        foreach (var part in finished ? parts.Skip(1) : parts)
        {
            await PushAsync(conversation, Markdown(part), ct);
        }
        await PushCardAsync(conversation, reply, ct);
    }

    private async Task WelcomeAsync(WeComBotCallback callback, Reply reply, CancellationToken ct)
    {
        await _limits.WaitAsync(callback.Conversation, ct);
        var body = new JsonObject { ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = reply.Text } };
        Check("aibot_respond_welcome_msg", await client.SendAsync("aibot_respond_welcome_msg", callback.ReqId, body, ct));
    }

    /// <summary>
    /// The tapped card shows what the tap did (within five seconds, or WeCom no longer takes the update); a reply too long
    /// for the card, or one that came too late, follows as a push. A click cannot be answered with a stream (846605).
    /// </summary>
    private async Task AnswerCardAsync(WeComBotCallback callback, string? taskId, DateTimeOffset received, Reply reply, CancellationToken ct)
    {
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
    private async Task PushReplyAsync(string conversation, Reply reply, string hint, CancellationToken ct)
    {
        foreach (var part in await PartsAsync(reply, hint, ct))
        {
            await PushAsync(conversation, Markdown(part), ct);
        }
        await PushCardAsync(conversation, reply, ct);
    }

    private async Task PushCardAsync(string conversation, Reply reply, CancellationToken ct)
    {
        if (Card(reply) is { } card)
        {
            await PushAsync(conversation, card, ct);
        }
    }

    private static JsonObject? Card(Reply reply) => WeComBotRenderer.Card(reply, WeComBotRenderer.NewTaskId()) is { } card
        ? new JsonObject { ["msgtype"] = "template_card", ["template_card"] = card }
        : null;

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
        [LoggerMessage(EventId = 6214, Level = LogLevel.Warning, Message = "WeCom AI bot: {Cmd} refused with errcode {ErrCode} {ErrMsg}")]
        public static partial void Refused(ILogger logger, string cmd, int errCode, string errMsg);

        [LoggerMessage(EventId = 6215, Level = LogLevel.Warning, Message = "WeCom AI bot: a stream frame could not be sent ({Reason}); the reply continues as pushes")]
        public static partial void StreamFailed(ILogger logger, string reason);
    }
}
