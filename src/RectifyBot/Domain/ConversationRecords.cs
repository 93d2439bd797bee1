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

/// <summary>A channel message already handled, so a retried delivery (WeCom re-sends after 5 s) is not handled twice.</summary>
public sealed class ProcessedMessage
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string MessageKey { get; set; }
    public DateTime At { get; set; }
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
