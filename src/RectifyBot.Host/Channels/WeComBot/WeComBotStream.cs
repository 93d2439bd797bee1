using System.Text.Json.Nodes;
using RectifyBot.Host.Outbox;

namespace RectifyBot.Host.Channels.WeComBot;

/// <summary>
/// One reply as a stream (<c>aibot_respond_msg</c>, msgtype stream): one <c>stream.id</c>, each frame the whole
/// markdown so far, <c>finish</c> on the last, each frame acknowledged before the next is sent, at most one update a
/// second, and none six minutes after the first (WeCom answers 846608). The first frame carries <c>feedback.id</c>,
/// which adds 👍/👎 under the reply; a feedback event names the stream by it. Text the model writes goes as frames of
/// the answer so far (<see cref="Partial"/>) until the reply finishes the stream.
/// </summary>
public sealed class WeComBotStream(WeComBotClient client, string reqId, TimeProvider time)
{
    /// <summary>Six minutes, less a margin for the frame's way there: past it the rest goes as pushes.</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(6) - TimeSpan.FromSeconds(10);

    private static readonly TimeSpan MinInterval = GrowingAnswer.Interval;

    private DateTimeOffset? _opened;
    private DateTimeOffset _last;
    private GrowingAnswer? _growing;

    public string Id { get; } = $"s_{Guid.NewGuid():N}";

    /// <summary>When the first frame was acknowledged; null before.</summary>
    public DateTimeOffset? Opened => _opened;

    /// <summary>Where the answer so far goes while the model writes it: frames of its newest text, not finished.</summary>
    public Action<string> Partial(CancellationToken ct) => (_growing ??= new GrowingAnswer(UpdateAsync, () => _last, time, ct)).Report;

    /// <summary>No more frames of the answer so far; the one under way is waited for, so the finish frame follows its ack.</summary>
    public Task SettleAsync() => _growing?.StopAsync() ?? Task.CompletedTask;

    private async Task<bool> UpdateAsync(string text, CancellationToken ct)
    {
        try
        {
            // Past 20,480 bytes the frame shows what fits; the reply's parts carry all of it.
            return await SendAsync(WeCom.WeComReplySplitter.SplitMarkdown(text, WeComBotRenderer.MaxMarkdownBytes)[0], finish: false, ct);
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or TimeoutException)
        {
            // The finish frame meets the same trouble, and the outbox logs it there.
            return false;
        }
    }

    /// <summary>Sends the content so far; false when the stream is past its six minutes or WeCom refused the frame.</summary>
    /// <exception cref="System.Net.WebSockets.WebSocketException">No live connection.</exception>
    /// <exception cref="TimeoutException">No acknowledgement within five seconds.</exception>
    public async Task<bool> SendAsync(string content, bool finish, CancellationToken ct)
    {
        if (_opened is { } opened && time.GetUtcNow() - opened >= Lifetime)
        {
            return false;
        }
        if (_opened is not null && !finish && _last + MinInterval - time.GetUtcNow() is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait, time, ct);
        }
        var stream = new JsonObject { ["id"] = Id, ["finish"] = finish, ["content"] = content };
        if (_opened is null)
        {
            stream["feedback"] = new JsonObject { ["id"] = Id };
        }
        var ack = await client.SendAsync("aibot_respond_msg", reqId, new JsonObject { ["msgtype"] = "stream", ["stream"] = stream }, ct);
        _last = time.GetUtcNow();
        _opened ??= _last;
        return ack.Succeeded;
    }
}
