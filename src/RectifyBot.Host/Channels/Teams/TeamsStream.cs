using System.Text.Json.Nodes;
using RectifyBot.Host.Outbox;

namespace RectifyBot.Host.Channels.Teams;

/// <summary>
/// One reply streamed in a Teams personal chat (Teams streaming-ux): a reply still being worked on after
/// <see cref="TeamsOptions.StreamAfter"/> gets an informative update ("正在处理…", a typing activity with a
/// <c>streaminfo</c> entity, <c>streamSequence</c> 1, answered 201 with the stream's id); text the model writes
/// meanwhile goes as streaming updates (typing, the whole text so far, the sequence rising by one); the reply then
/// ends the stream as its final message (<c>streamType</c> final, no sequence). Requests go one after another, at most
/// one a second; a stream is not continued two minutes after it began (Teams answers 403 ContentStreamNotAllowed),
/// and the reply then goes as a message of its own. REF: ../shared/PROTOCOLS-2026.md §3.
/// </summary>
public sealed class TeamsStream(TimeProvider time)
{
    internal const string Working = "正在处理…";

    /// <summary>Two minutes, less a margin for the request's way there.</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(10);

    private static readonly TimeSpan MinInterval = GrowingAnswer.Interval;

    private CancellationTokenSource? _waiting;
    private Task _informing = Task.CompletedTask;
    private bool _hurried;
    private DateTimeOffset _began;
    private DateTimeOffset _last;
    private int _sequence = 1;
    private BotConnectorClient? _connector;
    private TeamsConversationReference? _conversation;
    private GrowingAnswer? _growing;

    /// <summary>The stream's id, once Teams took the informative update.</summary>
    public string? Id { get; private set; }

    /// <summary>After <paramref name="after"/>, unless the reply came first, sends the informative update.</summary>
    public void Begin(BotConnectorClient connector, TeamsConversationReference conversation, TimeSpan after, CancellationToken ct)
    {
        (_connector, _conversation) = (connector, conversation);
        _waiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var waiting = _waiting.Token;
        _growing = new GrowingAnswer(UpdateAsync, () => _last, time, ct);
        _informing = InformAsync();

        async Task InformAsync()
        {
            // Only the wait is called off by the reply: an update already on its way is let finish, for the reply to end its stream.
            try
            {
                await Task.Delay(after, time, waiting);
            }
            catch (OperationCanceledException) when (_hurried && !ct.IsCancellationRequested)
            {
                // Text came before the wait was over: the stream opens now.
            }
            var update = new BotActivity
            {
                Type = "typing",
                Text = Working,
                Entities = [new JsonObject { ["type"] = "streaminfo", ["streamType"] = "informative", ["streamSequence"] = 1 }],
            };
            _began = time.GetUtcNow();
            Id = await connector.SendAsync(conversation, update, ct);
            _last = time.GetUtcNow();
        }
    }

    /// <summary>The whole text so far, sent as a streaming update when the last update is a second old.</summary>
    public void Update(string text) => _growing?.Report(text);

    /// <summary>Opens the stream if the informative update is still waiting, then sends the text; false when the stream cannot take it.</summary>
    private async Task<bool> UpdateAsync(string text, CancellationToken ct)
    {
        if (Id is null)
        {
            _hurried = true;
            await _waiting!.CancelAsync();
            try
            {
                await _informing;
            }
            catch (HttpRequestException)
            {
                // Teams did not open the stream: the reply goes as a message of its own.
                return false;
            }
            if (_last + MinInterval - time.GetUtcNow() is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, time, ct);
            }
        }
        if (Id is null || time.GetUtcNow() - _began >= Lifetime)
        {
            return false;
        }
        var update = new BotActivity
        {
            Type = "typing",
            // Each update must extend the one before: a text too long for one message stops growing at the cut.
            Text = TeamsRenderer.Text(text)[0].Text,
            Entities = [new JsonObject { ["type"] = "streaminfo", ["streamId"] = Id, ["streamType"] = "streaming", ["streamSequence"] = ++_sequence }],
        };
        try
        {
            await _connector!.SendAsync(_conversation!, update, ct);
        }
        catch (HttpRequestException)
        {
            // Refused (the user pressed stop, or the stream is over): the reply still ends it, or goes as a message.
            return false;
        }
        _last = time.GetUtcNow();
        return true;
    }

    /// <summary>
    /// The reply has come: no informative update is started any more, one under way is waited for, and so is a
    /// streaming update. True when the stream is open and young enough for <see cref="FinalAsync"/>.
    /// </summary>
    public async Task<bool> SettleAsync()
    {
        if (_waiting is null)
        {
            return false;
        }
        await _growing!.StopAsync();
        await _waiting.CancelAsync();
        try
        {
            await _informing;
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
        {
            // Not started, or refused: the reply goes as a message of its own.
        }
        _waiting.Dispose();
        _waiting = null;
        return Id is not null && time.GetUtcNow() - _began < Lifetime;
    }

    /// <summary>The reply's message as the stream's final one, sent no sooner than a second after the update before it.</summary>
    public async Task<BotActivity> FinalAsync(BotActivity message, CancellationToken ct)
    {
        if (_last + MinInterval - time.GetUtcNow() is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait, time, ct);
        }
        return message with { Entities = [new JsonObject { ["type"] = "streaminfo", ["streamId"] = Id, ["streamType"] = "final" }, .. message.Entities ?? []] };
    }
}
