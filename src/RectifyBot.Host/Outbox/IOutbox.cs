using RectifyBot.Conversation;

namespace RectifyBot.Host.Outbox;

/// <summary>Where a turn's reply goes on its channel: the channel's own address, made when the message came in.</summary>
public abstract record ReplyTo(string Channel);

/// <summary>A person to reach, with this channel's stored reference to them when there is one (ConversationReferences).</summary>
public sealed record Recipient(int StaffId, string? WeComId, string? Reference);

/// <summary>The people a message is for on one channel, and the unit whose group chat it may also go to.</summary>
public sealed record Recipients(IReadOnlyList<Recipient> People, string? UnitName);

/// <summary>A message for people who did not just write (a notice, a reminder): a reply, and its WeCom markdown when it has one.</summary>
public sealed record Outgoing(Reply Reply)
{
    public string? Markdown { get; init; }
}

/// <summary>
/// Everything a channel sends: the reply to a turn (opened when the turn starts, for a channel that shows it is
/// working), and messages to people, files included. The turn queue, notices and reminders all send through it.
/// </summary>
public interface IOutbox
{
    /// <summary>The channel's name: of its <see cref="ReplyTo"/>, of its stored references, and in the reminder log.</summary>
    string Channel { get; }

    /// <summary>Configured: its references count when choosing where a person is reached.</summary>
    bool Enabled { get; }

    /// <summary>The turn has started: a channel that streams shows that an answer is coming.</summary>
    Task OpenAsync(ReplyTo to, CancellationToken ct);

    /// <summary>
    /// Where the answer goes while the model writes it (the whole text so far each time), after <see cref="OpenAsync"/>;
    /// null where the channel shows only the finished reply. <see cref="ReplyAsync"/> ends it.
    /// </summary>
    Action<string>? Partial(ReplyTo to, CancellationToken ct) => null;

    Task ReplyAsync(ReplyTo to, Reply reply, CancellationToken ct);

    /// <summary>
    /// Hands the reply to the message's acknowledgement where the channel carries it there (a WeCom callback's response):
    /// true when it is taken. <see cref="ReplyAsync"/> is called after it still, and sends only what the acknowledgement
    /// does not carry (a WeCom card, once the response is sent).
    /// </summary>
    bool TryAnswerInAcknowledgement(ReplyTo to, Reply reply) => false;

    /// <summary>Sends to the people who use this channel (and the unit's group chat, where it has one); true when it reached anyone.</summary>
    Task<bool> SendAsync(Recipients to, Outgoing message, CancellationToken ct);
}
