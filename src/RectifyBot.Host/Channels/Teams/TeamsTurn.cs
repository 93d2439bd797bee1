namespace RectifyBot.Host.Channels.Teams;

/// <summary>
/// Where to send later (proactive) messages for a conversation; stored per user/conversation once the store has a
/// place for it. <see cref="ServiceUrl"/> must be kept as received: Teams routes by region and tenant through it.
/// </summary>
public sealed record TeamsConversationReference(string ServiceUrl, string ConversationId, string? TenantId, string? UserAadObjectId);

public enum TeamsTurnKind
{
    /// <summary>A user wrote to the bot (personal chat, or an @mention in a group chat or channel).</summary>
    Message,
    /// <summary>A card button was pressed (Action.Submit message, or an adaptiveCard/action invoke).</summary>
    CardAction,
    /// <summary>The bot was added to a personal chat, group chat or team: time to greet and explain.</summary>
    BotAdded,
}

/// <summary>A card button's data: <c>{"text":"认领第12项"}</c>, the words it stands for, as <see cref="TeamsRenderer.Submit"/> writes it.</summary>
public sealed record TeamsCardAction(string Text);

/// <summary>
/// One inbound turn for the conversation engine. <see cref="Text"/> has the bot's own &lt;at&gt; mention removed.
/// Reply with <see cref="BotConnectorClient.ReplyAsync"/> to <see cref="Conversation"/> and <see cref="ActivityId"/>;
/// an invoke (Action.Execute) has already been answered in its HTTP response, so its follow-up goes with
/// <see cref="BotConnectorClient.SendAsync"/>.
/// </summary>
public sealed record TeamsTurn(
    TeamsTurnKind Kind,
    TeamsConversationReference Conversation,
    string ActivityId,
    ChannelAccount User,
    string ConversationType,
    string Text,
    TeamsCardAction? CardAction,
    BotActivity Activity);

/// <summary>
/// Takes turns from <c>/api/messages</c>. <see cref="AcceptAsync"/> must return quickly (store and queue the turn):
/// the HTTP request is answered only after it, and the Connector re-sends requests it gets no quick answer to.
/// False: the turn was not kept, and the Connector is to retry it later.
/// </summary>
public interface ITeamsTurnSink
{
    ValueTask<bool> AcceptAsync(TeamsTurn turn, CancellationToken ct);

    /// <summary>Keeps a 👍/👎 given under a bot message; Teams does not store feedback itself.</summary>
    ValueTask RecordFeedbackAsync(TeamsFeedback feedback, CancellationToken ct);
}

/// <summary>
/// Feedback from the buttons <c>channelData.feedbackLoop</c> adds: <see cref="ReplyId"/> is the bot message's id,
/// <see cref="Reaction"/> <c>like</c> or <c>dislike</c>, <see cref="Text"/> what the user wrote in Teams' form.
/// </summary>
public sealed record TeamsFeedback(string ReplyId, string UserId, string Reaction, string? Text);
