using System.Text.Json.Nodes;

namespace RectifyBot.Host.Channels.Teams;

/// <summary>
/// One reply streamed in a Teams personal chat (Teams streaming-ux): a reply still being worked on after
/// <see cref="TeamsOptions.StreamAfter"/> gets an informative update ("正在处理…", a typing activity with a
/// <c>streaminfo</c> entity, <c>streamSequence</c> 1, answered 201 with the stream's id), and the reply then ends the
/// stream as its final message (<c>streamType</c> final, no sequence). Requests go one after another, at most one a
/// second; a stream is not continued two minutes after it began (Teams answers 403 ContentStreamNotAllowed), and the
/// reply then goes as a message of its own. REF: ../shared/PROTOCOLS-2026.md §3.
/// </summary>
public sealed class TeamsStream(TimeProvider time)
{
    internal const string Working = "正在处理…";

    /// <summary>Two minutes, less a margin for the request's way there.</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(10);

    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private CancellationTokenSource? _waiting;
    private Task _informing = Task.CompletedTask;
    private DateTimeOffset _began;
    private DateTimeOffset _last;

    /// <summary>The stream's id, once Teams took the informative update.</summary>
    public string? Id { get; private set; }

    /// <summary>After <paramref name="after"/>, unless the reply came first, sends the informative update.</summary>
    public void Begin(BotConnectorClient connector, TeamsConversationReference conversation, TimeSpan after, CancellationToken ct)
    {
        _waiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var waiting = _waiting.Token;
        _informing = InformAsync();

        async Task InformAsync()
        {
            // Only the wait is called off by the reply: an update already on its way is let finish, for the reply to end its stream.
            await Task.Delay(after, time, waiting);
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

    /// <summary>
    /// The reply has come: no informative update is started any more, one under way is waited for. True when the
    /// stream is open and young enough for <see cref="FinalAsync"/>.
    /// </summary>
    public async Task<bool> SettleAsync()
    {
        if (_waiting is null)
        {
            return false;
        }
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
