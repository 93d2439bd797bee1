using System.Text.Json;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Host.Turns;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.Teams;

/// <summary>
/// Where a Teams activity becomes a turn and its reply goes back: the turn is queued (the endpoint has already
/// answered 202), and the reply goes back through <see cref="TeamsOutbox"/>.
/// </summary>
public sealed partial class TeamsTurns(TurnQueue queue, IServiceScopeFactory scopes, TimeProvider time, ILogger<TeamsTurns> logger) : ITeamsTurnSink
{
    public async ValueTask RecordFeedbackAsync(TeamsFeedback feedback, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await FeedbackLog.RecordAsync(scope.ServiceProvider.GetRequiredService<RectifyDbContext>(), new ReplyFeedback
        {
            Channel = ChannelName.Teams, ReplyId = feedback.ReplyId, UserId = feedback.UserId, Rating = feedback.Reaction,
            Comment = feedback.Text, At = time.GetUtcNow().UtcDateTime,
        }, ct);
    }

    /// <summary>Stores and queues the turn; false when the queue is full, so that the Connector is asked to retry.</summary>
    public async ValueTask<bool> AcceptAsync(TeamsTurn turn, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Serialize(turn.Activity, TeamsJson.Default.BotActivity);
        var key = $"{turn.Conversation.ConversationId}|{turn.ActivityId}";
        if (await queue.AcceptAsync(Turn(turn), key, payload, cancellationToken) == Acceptance.Full)
        {
            Log.QueueFull(logger);
            return false;
        }
        return true;
    }

    /// <summary>The turn of an activity stored in the inbox, read again as it came.</summary>
    public static InboxReplay Replay { get; } = new(ChannelName.Teams, (_, stored) =>
        JsonSerializer.Deserialize(stored.Payload, TeamsJson.Default.BotActivity) is { } activity && TeamsEndpoints.ToTurn(activity) is { } turn
            ? Turn(turn)
            : null);

    private static QueuedTurn Turn(TeamsTurn turn)
    {
        var incoming = new IncomingMessage(ChannelName.Teams, turn.User.AadObjectId ?? turn.User.Id, TextOf(turn));
        var key = $"{ChannelName.Teams}:{turn.Conversation.ConversationId}:{incoming.UserId}";
        return new QueuedTurn(incoming, key, new TeamsReplyTo(turn, incoming.UserId));
    }

    /// <summary>What the engine hears: the text, or the words a card button stands for.</summary>
    internal static string TextOf(TeamsTurn turn) => turn.Kind switch
    {
        TeamsTurnKind.BotAdded => "帮助",
        TeamsTurnKind.CardAction when turn.CardAction is { } a => a.Text,
        _ => turn.Text ?? "",
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Turn queue full; a Teams activity was refused for the Connector to retry")]
        public static partial void QueueFull(ILogger logger);
    }
}
