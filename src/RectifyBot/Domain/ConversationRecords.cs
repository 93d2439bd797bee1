namespace RectifyBot.Domain;

/// <summary>
/// What the bot remembers of one user's conversation on one channel (the last list shown, a pending
/// confirmation, the measure being talked about), kept in the store so it survives restarts and is shared by
/// every server instance.
/// </summary>
public sealed class ConversationState
{
    public int Id { get; set; }
    public required string Channel { get; set; }
    public required string UserKey { get; set; }

    /// <summary>The engine's state as JSON; its shape belongs to the conversation engine.</summary>
    public required string Json { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// A channel message the server has acknowledged (WeCom answered 200, Teams 202), kept until its turn is handled:
/// a crash loses no acknowledged message, because the server replays the unhandled ones when it starts, and a
/// delivery the channel retries is handled once, because its key can be recorded only once. Bookkeeping, not record.
/// </summary>
public sealed class InboxMessage
{
    public long Id { get; set; }
    public required string Channel { get; set; }

    /// <summary>The channel's id of the delivery (WeCom MsgId, Teams conversation and activity id).</summary>
    public required string MessageKey { get; set; }

    /// <summary>Whose conversation it belongs to: one conversation's messages are handled in the order they came.</summary>
    public required string ConversationKey { get; set; }

    /// <summary>The message as the channel sent it (WeCom's decrypted XML, Teams' activity JSON), to replay it.</summary>
    public required string Payload { get; set; }

    public DateTime ReceivedAt { get; set; }

    /// <summary>Null until the turn is handled; set in the same transaction as the turn's writes.</summary>
    public DateTime? HandledAt { get; set; }

    /// <summary>
    /// The server instance whose turn it is to handle the message: the name of that instance's inbox lease
    /// (<see cref="ChannelLease"/>), first the instance that accepted it, then one that took it over once that lease
    /// lapsed (<see cref="Store.Inbox.ClaimAsync"/>). Null for messages stored before instances owned them.
    /// </summary>
    public string? Owner { get; set; }
}

/// <summary>
/// Where a channel can reach a person later without them writing first (a Teams conversation, kept as received
/// when their turn arrived), so scheduled reminders can be sent proactively.
/// </summary>
public sealed class ConversationReference
{
    public int Id { get; set; }
    public int StaffId { get; set; }
    public required string Channel { get; set; }

    /// <summary>The channel's own reference as JSON; its shape belongs to the channel.</summary>
    public required string Json { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// Who holds a channel's single connection (the WeCom AI bot may have only one live connection per bot): an
/// instance holds it while it renews the lease, and another takes it over once the lease has lapsed.
/// </summary>
public sealed class ChannelLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTime ExpiresAt { get; set; }
}

/// <summary>
/// A group chat where a unit's reminders go: bound by the office, or by one of the unit's staff, saying 本群接收提醒
/// in it (<see cref="Rectification.Permissions.BindChat"/>). A chat receives one unit's reminders; a unit may have several chats.
/// </summary>
public sealed class UnitChat
{
    public int Id { get; set; }

    /// <summary>The channel the chat is on, and its own id for it (the AI bot's chatid).</summary>
    public required string Channel { get; set; }
    public required string ChatId { get; set; }

    public int UnitId { get; set; }
    public int BoundById { get; set; }
    public DateTime BoundAt { get; set; }
}

/// <summary>
/// A message for a channel's single connection, queued by whichever server instance made it and sent by the one
/// holding the connection (the AI bot's pushes): marked sent once the channel acknowledged it.
/// </summary>
public sealed class QueuedPush
{
    public long Id { get; set; }
    public required string Channel { get; set; }

    /// <summary>The person or group it goes to, for the channel's per-conversation limits.</summary>
    public required string Conversation { get; set; }

    /// <summary>The frame's body as JSON, addressed.</summary>
    public required string Body { get; set; }

    public DateTime QueuedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

/// <summary>A user's 👍/👎 on one of the bot's replies, as the channel reported it, for the office to review answers.</summary>
public sealed class ReplyFeedback
{
    public long Id { get; set; }
    public required string Channel { get; set; }

    /// <summary>The channel's id of the reply: the AI bot's stream id, the Teams activity id.</summary>
    public required string ReplyId { get; set; }

    public required string UserId { get; set; }

    /// <summary>"like" or "dislike", or the channel's own code when it has others.</summary>
    public required string Rating { get; set; }

    public string? Comment { get; set; }
    public DateTime At { get; set; }
}
