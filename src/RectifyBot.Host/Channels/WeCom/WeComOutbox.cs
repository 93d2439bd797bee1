using Microsoft.Extensions.Options;
using RectifyBot.Conversation;
using RectifyBot.Host.Outbox;

namespace RectifyBot.Host.Channels.WeCom;

/// <summary>
/// A reply to a member who wrote to the app; <see cref="Hint"/> goes before the reply's text. <see cref="Callback"/>:
/// the message's callback, open for a while, which can carry the reply back itself.
/// </summary>
public sealed record WeComReplyTo(string User, string Hint = "") : ReplyTo(ChannelName.WeCom)
{
    public WeComCallbackReply? Callback { get; init; }
}

/// <summary>
/// A message's callback waiting for its reply (<see cref="WeComOptions.ReplyInCallbackWithin"/>): the turn offers the
/// reply's text, and it goes back as the callback's response unless the callback has stopped waiting; what the
/// response cannot carry (a card) follows it once it is sent.
/// </summary>
public sealed class WeComCallbackReply
{
    private readonly TaskCompletionSource<string?> _text = new();
    private readonly TaskCompletionSource<bool> _responded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// True when the callback takes the text, or null to stop it waiting; false when it had stopped waiting already, and
    /// the text is to go by message/send.
    /// </summary>
    public bool TryOffer(string? text) => _text.TrySetResult(text);

    /// <summary>True when this text was offered and the callback takes it.</summary>
    public bool Carries(string text) => _text.Task.IsCompletedSuccessfully && _text.Task.Result == text;

    /// <summary>The text offered within <paramref name="wait"/>, or null; after this, no offer is taken.</summary>
    public async Task<string?> TakeAsync(TimeSpan wait, TimeProvider clock)
    {
        try
        {
            return await _text.Task.WaitAsync(wait, clock);
        }
        catch (TimeoutException)
        {
            // The offer and the end of the wait may meet: whichever came first stands.
            return _text.TrySetResult(null) ? null : await _text.Task;
        }
    }

    /// <summary>Called by the endpoint once the response carrying the text is sent (true) or could not be (false).</summary>
    public void Responded(bool sent) => _responded.TrySetResult(sent);

    /// <summary>True once the response carrying the text is sent; false when it failed or is not sent within <paramref name="wait"/>.</summary>
    public async Task<bool> SentAsync(TimeSpan wait, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            return await _responded.Task.WaitAsync(wait, clock, ct);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}

/// <summary>
/// The self-built app's messages (message/send): a reply as text split within WeCom's size limit, one measure's next
/// steps as a button card, and its file; people are reached by their WeCom userid, a unit's group by its group robot
/// (<c>WeCom:RobotWebhooks</c>).
/// </summary>
public sealed class WeComOutbox(WeComApiClient api, IOptions<WeComOptions> options, TimeProvider clock) : IOutbox
{
    public string Channel => ChannelName.WeCom;

    public bool Enabled => options.Value.Enabled;

    public Task OpenAsync(ReplyTo to, CancellationToken ct) => Task.CompletedTask;

    public bool TryAnswerInAcknowledgement(ReplyTo to, Reply reply) =>
        to is WeComReplyTo { Callback: { } callback } member && Passive(member, reply) is { } text && callback.TryOffer(text);

    public async Task ReplyAsync(ReplyTo to, Reply reply, CancellationToken ct)
    {
        var member = (WeComReplyTo)to;
        if (member.Callback is { } callback && Passive(member, reply) is var passive)
        {
            // Any reply the callback cannot carry tells it at once to stop waiting, and goes by message/send; a text it
            // carries may have been offered already (TryAnswerInAcknowledgement).
            callback.TryOffer(passive);
            if (passive is not null && callback.Carries(passive))
            {
                // A card follows the response, so that it cannot arrive before the text; a response not sent is retried
                // by WeCom, and its retry answered whole.
                if (HasCard(reply) && await callback.SentAsync(CardAfterResponseWithin, clock, ct))
                {
                    await api.SendButtonCardAsync(member.User, Card(reply.Measures[0]), ct);
                }
                return;
            }
        }
        await SendAsync(member.User, reply with { Text = member.Hint + reply.Text }, markdown: null, ct);
    }

    /// <summary>WeCom retries a callback not answered within five seconds: a response not sent by then is not coming.</summary>
    private static readonly TimeSpan CardAfterResponseWithin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The text a callback's response carries: the reply's one text, with no file (a file sent by message/send could
    /// arrive before it; a card is sent after the response); null for any other reply.
    /// </summary>
    private static string? Passive(WeComReplyTo member, Reply reply) =>
        member.Hint + reply.Text is var text && reply.File is null && System.Text.Encoding.UTF8.GetByteCount(text) <= WeComReplySplitter.TextMaxBytes
            ? text
            : null;

    public async Task<bool> SendAsync(Recipients to, Outgoing message, CancellationToken ct)
    {
        var reached = false;
        // message/send takes up to 1000 users joined by "|".
        var users = to.People.Where(p => p.WeComId is not null).Select(p => p.WeComId!).Take(1000).ToList();
        if (Enabled && users.Count > 0)
        {
            reached = await SendAsync(string.Join('|', users), message.Reply, message.Markdown, ct);
        }
        if (to.UnitName is { } unit && options.Value.RobotWebhooks.ContainsKey(unit))
        {
            reached |= (await api.SendRobotMarkdownAsync(unit, message.Markdown ?? message.Reply.Text, ct)).Succeeded;
        }
        return reached;
    }

    /// <summary>True when the text went out; the card and the file follow it.</summary>
    private async Task<bool> SendAsync(string users, Reply reply, string? markdown, CancellationToken ct)
    {
        var sent = true;
        if (markdown is not null)
        {
            sent = (await api.SendMarkdownAsync(users, markdown, ct)).Succeeded;
        }
        else
        {
            foreach (var part in WeComReplySplitter.Split(reply.Text, WeComReplySplitter.TextMaxBytes))
            {
                sent &= (await api.SendTextAsync(users, part, ct)).Succeeded;
            }
        }
        if (HasCard(reply))
        {
            await api.SendButtonCardAsync(users, Card(reply.Measures[0]), ct);
        }
        if (reply.File is { } file)
        {
            await api.SendFileAsync(users, file.FileName, file.Content, ct);
        }
        return sent;
    }

    private static bool HasCard(Reply reply) => reply.Measures is [var measure] && measure.Actions.Count > 0;

    /// <summary>
    /// One measure's next steps as a button card (模板卡片, 按钮交互型): a tap comes back as a template_card_event whose
    /// key is the words the button stands for. A list stays text: a card holds a single title and six buttons at most.
    /// </summary>
    internal static WeComButtonCard Card(MeasureCard measure) => new(
        $"m{measure.Number}-{Guid.NewGuid():N}",
        $"第{measure.Number}项｜{measure.Status}",
        measure.Note is null ? measure.Text : $"{measure.Note}\n{measure.Text}",
        [.. measure.Actions.Take(6).Select((a, i) => new WeComCardButton(a.Label, a.Text, i == 0 ? 1 : 2))]);
}
