using System.Text.Json;
using RectifyBot.Conversation;
using RectifyBot.Host.Reminders;
using RectifyBot.Host.Turns;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.Teams;

/// <summary>
/// Where a Teams activity becomes a turn and its reply goes back: the turn is queued (the endpoint has already
/// answered 202), and the engine's reply is posted to the Bot Connector as a reply to the user's activity,
/// with the measures it lists as an Adaptive Card whose buttons come back as card actions.
/// </summary>
public sealed partial class TeamsTurns(TurnQueue queue, BotConnectorClient connector, Web.FileLinks files, TimeProvider time, ILogger<TeamsTurns> logger) : ITeamsTurnSink
{
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
    public static InboxReplay Replay { get; } = new(ChannelName.Teams, (services, stored) =>
        JsonSerializer.Deserialize(stored.Payload, TeamsJson.Default.BotActivity) is { } activity && TeamsEndpoints.ToTurn(activity) is { } turn
            ? services.GetRequiredService<TeamsTurns>().Turn(turn)
            : null);

    private QueuedTurn Turn(TeamsTurn turn)
    {
        var incoming = new IncomingMessage(ChannelName.Teams, turn.User.AadObjectId ?? turn.User.Id, TextOf(turn));
        var key = $"{ChannelName.Teams}:{turn.Conversation.ConversationId}:{incoming.UserId}";
        return new QueuedTurn(incoming, key, (services, result, ct) => DeliverAsync(services, turn, incoming.UserId, result, ct));
    }

    /// <summary>What the engine hears: the text, or the words a card button stands for.</summary>
    internal static string TextOf(TeamsTurn turn) => turn.Kind switch
    {
        TeamsTurnKind.BotAdded => "帮助",
        TeamsTurnKind.CardAction when turn.CardAction is { } a => a.Action switch
        {
            "claim" => $"认领第{a.MeasureNumber}项",
            "progress" => $"{a.MeasureNumber} 进展：",
            "close" => $"第{a.MeasureNumber}项申请销号",
            _ => $"第{a.MeasureNumber}项什么情况",
        },
        _ => turn.Text ?? "",
    };

    /// <summary>
    /// Teams takes files in a personal chat only through its file-consent card flow, which is not built: a reply's
    /// file goes as a download link when Web:PublicUrl is set, and otherwise the web page's 看板 has the same files.
    /// </summary>
    internal const string FileHint = "Teams 中暂不能直接发送文件，请在网页端“看板”页面下载台账和报告。";

    private Task<string> TextOfAsync(Reply reply, CancellationToken ct) => files.TextWithFileAsync(reply, FileHint, ct);

    private async Task DeliverAsync(IServiceProvider services, TeamsTurn turn, string user, TurnResult result, CancellationToken ct)
    {
        if (turn.ConversationType == "personal")
        {
            // The personal chat is where scheduled reminders go (Teams "Send proactive messages").
            await TeamsReferences.RememberAsync(services.GetRequiredService<RectifyDbContext>(), time, user, turn.Conversation, ct);
        }
        var reply = result.Reply;
        var activities = reply.Measures.Count > 1
            ? TeamsRenderer.MeasureCards(reply.Text.Split('\n')[0], reply.Measures.Select(m => new TeamsCardItem(m.Number, m.Text, m.Subtitle)).ToList())
            : TeamsRenderer.Text(await TextOfAsync(reply, ct));
        foreach (var activity in activities)
        {
            // An invoke was answered in its own HTTP response; what follows it is a new message in the conversation.
            if (turn.Kind == TeamsTurnKind.CardAction && turn.Activity.Type == "invoke")
            {
                await connector.SendAsync(turn.Conversation, activity, ct);
            }
            else
            {
                await connector.ReplyAsync(turn.Conversation, turn.ActivityId, activity, ct);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Turn queue full; a Teams activity was refused for the Connector to retry")]
        public static partial void QueueFull(ILogger logger);
    }
}
