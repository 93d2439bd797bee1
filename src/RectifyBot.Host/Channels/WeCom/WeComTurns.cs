using Microsoft.EntityFrameworkCore;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Host.Turns;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.WeCom;

/// <summary>
/// Where a WeCom message becomes a turn and its reply goes back: the callback's message is mapped to an
/// <see cref="IncomingMessage"/> and queued (the callback is answered at once, because WeCom retries after five
/// seconds); the engine's reply is sent through the app message API, split within WeCom's size limit, and
/// its notices go to the office or the unit's staff who use WeCom.
/// </summary>
public sealed partial class WeComTurns(TurnQueue queue, WeComApiClient api, ILogger<WeComTurns> logger)
{
    /// <summary>Stores and queues the message; false when the queue is full, so that WeCom is asked to retry.</summary>
    public async ValueTask<bool> Receive(WeComMessage message, string xml, CancellationToken ct)
    {
        if (Turn(message) is not { } turn)
        {
            return true;
        }
        if (await queue.AcceptAsync(turn, message.DedupKey, xml, ct) == Acceptance.Full)
        {
            Log.QueueFull(logger);
            return false;
        }
        return true;
    }

    /// <summary>The turn of a message stored in the inbox, parsed again as it came.</summary>
    public static InboxReplay Replay { get; } = new(ChannelName.WeCom, (services, stored) =>
        WeComMessage.TryParse(stored.Payload, out var message, out _) ? services.GetRequiredService<WeComTurns>().Turn(message) : null);

    /// <summary>The turn a message asks for, or null for events the bot does not act on.</summary>
    private QueuedTurn? Turn(WeComMessage message)
    {
        // Voice and other types the bot cannot read are answered with what it can do, and why it did not answer them.
        var unsupported = message is WeComVoiceMessage or WeComUnsupportedMessage;
        return ToIncoming(message) is { } incoming
            ? new QueuedTurn(incoming, $"{ChannelName.WeCom}:{message.FromUserName}",
                (services, result, ct) => DeliverAsync(services, message.FromUserName,
                    unsupported ? result with { Reply = result.Reply with { Text = UnsupportedHint + result.Reply.Text } } : result, ct))
            : null;
    }

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

    private async Task DeliverAsync(IServiceProvider services, string user, TurnResult result, CancellationToken ct)
    {
        foreach (var part in WeComReplySplitter.Split(result.Reply.Text, WeComReplySplitter.TextMaxBytes))
        {
            await api.SendTextAsync(user, part, ct);
        }
        if (result.Reply.Measures is [var measure] && measure.Actions.Count > 0)
        {
            await api.SendButtonCardAsync(user, Card(measure), ct);
        }
        if (result.Reply.File is { } file)
        {
            await api.SendFileAsync(user, file.FileName, file.Content, ct);
        }
    }

    /// <summary>
    /// One measure's next steps as a button card (模板卡片, 按钮交互型): a tap comes back as a template_card_event whose
    /// key is the words the button stands for. A list stays text: a card holds a single title and six buttons at most.
    /// </summary>
    internal static WeComButtonCard Card(MeasureCard measure) => new(
        $"m{measure.Number}-{Guid.NewGuid():N}",
        $"第{measure.Number}项｜{measure.Status}",
        measure.Note is null ? measure.Text : $"{measure.Note}\n{measure.Text}",
        [.. measure.Actions.Take(6).Select((a, i) => new WeComCardButton(a.Label, a.Text, i == 0 ? 1 : 2))]);

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Turn queue full; a WeCom message was refused for WeCom to retry")]
        public static partial void QueueFull(ILogger logger);
    }
}
