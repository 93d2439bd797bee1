using System.Text.Json;
using Microsoft.Extensions.Options;
using RectifyBot.Conversation;
using RectifyBot.Host.Outbox;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.Teams;

/// <summary>A reply to a Teams turn: in the thread of the user's activity, or after an invoke as a new message.</summary>
public sealed record TeamsReplyTo(TeamsTurn Turn, string UserId) : ReplyTo(ChannelName.Teams)
{
    /// <summary>The reply's stream in a personal chat, from when the turn started.</summary>
    internal TeamsStream? Stream { get; set; }
}

/// <summary>
/// Activities through the Bot Connector: a reply in the user's thread, measures as Adaptive Cards, and messages to
/// people in the personal chat remembered from their last turn there (Teams "Send proactive messages"). A reply
/// that takes a while in a personal chat is streamed (<see cref="TeamsStream"/>); an answer from past plans or
/// records, or written by the model, carries citations, the AI label and feedback buttons (<see cref="TeamsAnswer"/>).
/// </summary>
public sealed class TeamsOutbox(BotConnectorClient connector, Web.FileLinks files, TimeProvider time, IServiceScopeFactory scopes,
    IOptions<TeamsOptions> options) : IOutbox
{
    /// <summary>
    /// Teams takes files in a personal chat only through its file-consent card flow, which is not built: a reply's
    /// file goes as a download link when Web:PublicUrl is set, and otherwise the web page's 看板 has the same files.
    /// </summary>
    internal const string FileHint = "Teams 中暂不能直接发送文件，请在网页端“看板”页面下载台账和报告。";

    public string Channel => ChannelName.Teams;

    public bool Enabled => options.Value.Listening;

    /// <summary>Streaming is for personal chats only (one stream per chat); elsewhere the reply is one message.</summary>
    public Task OpenAsync(ReplyTo to, CancellationToken ct)
    {
        if (to is TeamsReplyTo { Turn.ConversationType: "personal" } teams)
        {
            teams.Stream = new TeamsStream(time);
            teams.Stream.Begin(connector, teams.Turn.Conversation, options.Value.StreamAfter, ct);
        }
        return Task.CompletedTask;
    }

    /// <summary>Text the model writes goes as streaming updates, where the reply is streamed.</summary>
    public Action<string>? Partial(ReplyTo to, CancellationToken ct) => (to as TeamsReplyTo)?.Stream is { } stream ? stream.Update : null;

    public async Task ReplyAsync(ReplyTo to, Reply reply, CancellationToken ct)
    {
        var (turn, user) = (TeamsReplyTo)to;
        if (turn.ConversationType == "personal")
        {
            // The personal chat is where later messages to this person go.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            await Outboxes.RememberAsync(db, time, Channel, db.Staff.Where(s => s.TeamsId == user), JsonSerializer.Serialize(turn.Conversation), ct);
        }
        var activities = TeamsAnswer.Mark(reply, await ActivitiesAsync(reply, ct));
        if (((TeamsReplyTo)to).Stream is { } stream && await stream.SettleAsync())
        {
            // The stream's final message is the reply's first; what is left of a long reply follows it.
            await connector.SendAsync(turn.Conversation, await stream.FinalAsync(activities[0], ct), ct);
            activities = activities.Skip(1).ToList();
        }
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

    public async Task<bool> SendAsync(Recipients to, Outgoing message, CancellationToken ct)
    {
        var activities = TeamsAnswer.Mark(message.Reply, await ActivitiesAsync(message.Reply, ct));
        var reached = false;
        foreach (var reference in to.People.Where(p => p.Reference is not null).Select(p => JsonSerializer.Deserialize<TeamsConversationReference>(p.Reference!)!))
        {
            foreach (var activity in activities)
            {
                reached |= await connector.SendAsync(reference, activity, ct) is not null;
            }
        }
        return reached;
    }

    /// <summary>
    /// A list of measures as cards, each measure with the reply's own next steps for it; one measure, or a reply with
    /// actions of its own, as its text in a card with those buttons; otherwise text.
    /// </summary>
    private async Task<IReadOnlyList<BotActivity>> ActivitiesAsync(Reply reply, CancellationToken ct)
    {
        if (reply.Measures.Count > 1)
        {
            return TeamsRenderer.MeasureCards(reply.Text.Split('\n')[0], reply.Measures.Select(m => new TeamsCardItem(m.Number, m.Text, m.Subtitle, m.Actions)).ToList(),
                reply.Actions);
        }
        var text = await files.TextWithFileAsync(reply, FileHint, ct);
        IReadOnlyList<ReplyAction> actions = reply.Measures is [var one] ? [.. one.Actions, .. reply.Actions] : reply.Actions;
        return actions.Count > 0 && text.Length <= TeamsRenderer.MaxTextLength ? [TeamsRenderer.ActionCard(text, actions)] : TeamsRenderer.Text(text);
    }
}
