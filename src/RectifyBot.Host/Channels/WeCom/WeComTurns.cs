using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Host.Turns;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.WeCom;

/// <summary>
/// Where a WeCom message becomes a turn and its reply goes back: the callback's message is mapped to an
/// <see cref="IncomingMessage"/> and stored and queued, or run at once when its conversation is idle (the callback
/// is answered once the message is stored, within a second, because WeCom retries after five seconds); the reply goes
/// back through <see cref="WeComOutbox"/>. A file is downloaded when the turn runs, always queued.
/// </summary>
public sealed partial class WeComTurns(TurnQueue queue, WeComApiClient api, IOptions<WeComOptions> options, TimeProvider clock, ILogger<WeComTurns> logger)
{
    /// <summary>
    /// Stores and queues the message, or runs it at once (see <see cref="TurnQueue.AcceptAsync"/>), and waits a while
    /// for a message's reply to carry back (<see cref="WeComOptions.ReplyInCallbackWithin"/>); not kept when the queue
    /// is full, so that WeCom is asked to retry.
    /// </summary>
    public async ValueTask<WeComAck> Receive(WeComMessage message, string xml, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var wait = options.Value.ReplyInCallbackWithin;
        // An event's callback takes no text back (a card's click takes only a card update there).
        var callback = message is WeComEvent || wait <= TimeSpan.Zero ? null : new WeComCallbackReply();
        if (Turn(message, callback) is not { } turn)
        {
            return WeComAck.Kept;
        }
        switch (await queue.AcceptAsync(turn, message.DedupKey, xml, ct, runNow: true))
        {
            case Acceptance.Full:
                Log.QueueFull(logger);
                return WeComAck.NotKept;
            case Acceptance.Accepted when callback is not null:
                // The wait counts from the callback's arrival: a turn slow to store its message has used some of it.
                var left = wait - clock.GetElapsedTime(started);
                return new WeComAck(true, await callback.TakeAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, clock), callback.Responded);
            default:
                return WeComAck.Kept;
        }
    }

    /// <summary>The turn of a message stored in the inbox, parsed again as it came.</summary>
    public static InboxReplay Replay { get; } = new(ChannelName.WeCom, (services, stored) =>
        WeComMessage.TryParse(stored.Payload, out var message, out _) ? services.GetRequiredService<WeComTurns>().Turn(message) : null);

    /// <summary>
    /// The turn a message asks for, or null for events the bot does not act on; its reply goes back in
    /// <paramref name="callback"/> when it can.
    /// </summary>
    private QueuedTurn? Turn(WeComMessage message, WeComCallbackReply? callback = null) =>
        // Voice and other types the bot cannot read are answered with what it can do, and why it did not answer them.
        ToIncoming(message) is { } incoming
            ? new QueuedTurn(incoming, $"{ChannelName.WeCom}:{message.FromUserName}",
                new WeComReplyTo(message.FromUserName, message is WeComVoiceMessage or WeComUnsupportedMessage ? UnsupportedHint : "") { Callback = callback })
            : null;

    /// <summary>What the engine hears. Voice and other types become a request for help, with a hint first.</summary>
    internal IncomingMessage? ToIncoming(WeComMessage message) => message switch
    {
        WeComTextMessage t => Text(t, t.Content),
        WeComImageMessage i => Text(i, null) with { Attachment = Media(i.MediaId, $"图片{i.MsgId}.jpg") },
        WeComFileMessage f => Text(f, null) with { Attachment = Media(f.MediaId, $"文件{f.MsgId}") },
        WeComVoiceMessage or WeComUnsupportedMessage => Text(message, "帮助"),
        // A tapped card button or menu item carries the words it stands for as its key.
        WeComEvent { Event: "template_card_event" or "click" } e => Text(e, e.EventKey),
        WeComEvent { Event: "enter_agent" } e => Text(e, "帮助"),
        _ => null,
    };

    internal const string UnsupportedHint = "暂不支持语音和这类消息，请发送文字。\n";

    private static IncomingMessage Text(WeComMessage m, string? text) => new(ChannelName.WeCom, m.FromUserName, text);

    /// <summary>The file is downloaded when the turn runs, in the queue, never in the callback; null when WeCom does not give it.</summary>
    private Attachment Media(string mediaId, string fallbackName) => new(async ct =>
        (await api.GetMediaAsync(mediaId, ct)).Value is { } file
            ? new FetchedFile(file.FileName ?? fallbackName, file.ContentType, new MemoryStream(file.Content))
            : null);

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Turn queue full; a WeCom message was refused for WeCom to retry")]
        public static partial void QueueFull(ILogger logger);
    }
}
