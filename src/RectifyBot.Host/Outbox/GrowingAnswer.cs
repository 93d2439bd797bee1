namespace RectifyBot.Host.Outbox;

/// <summary>
/// An answer shown while the model writes it. The model reports the whole text so far as often as it writes; the
/// channel is sent the newest of it, one send at a time (each waits for the channel's answer to the one before), no
/// sooner than a second after the channel's last update. Text reported while a send is under way is not queued:
/// only the newest goes next, as the WeCom AI bot SDK's replyStreamNonBlocking skips frames. A send that returns
/// false (the stream expired, was stopped or refused) ends the updates; the reply still goes when the turn ends.
/// </summary>
/// <param name="send">Sends the text so far; false when the channel takes no more updates.</param>
/// <param name="lastSent">When the channel last sent anything on this stream, the informative update included.</param>
public sealed class GrowingAnswer(Func<string, CancellationToken, Task<bool>> send, Func<DateTimeOffset> lastSent, TimeProvider time, CancellationToken ct)
{
    /// <summary>
    /// Teams takes at most one update a second, WeCom asks for about as few; the margin is for timers, which can
    /// fire a millisecond early, and would then break Teams' rule.
    /// </summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1.05);

    private readonly Lock _gate = new();
    private string? _next;
    private bool _running;
    private bool _stopped;
    private Task _pump = Task.CompletedTask;

    /// <summary>The whole text so far; returns at once, so the model's stream is never held up by the channel.</summary>
    public void Report(string text)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }
            _next = text;
            if (!_running)
            {
                _running = true;
                _pump = Task.Run(PumpAsync, CancellationToken.None);
            }
        }
    }

    /// <summary>No more updates; the one under way is waited for, so that the reply follows it.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            _stopped = true;
            return _pump;
        }
    }

    private async Task PumpAsync()
    {
        try
        {
            while (true)
            {
                // Waiting first also lets the model write more: the update then carries all of it.
                if (lastSent() + Interval - time.GetUtcNow() is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait, time, ct);
                }
                string text;
                lock (_gate)
                {
                    if (_next is null || _stopped)
                    {
                        _running = false;
                        return;
                    }
                    (text, _next) = (_next, null);
                }
                if (!await send(text, ct))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or TimeoutException or System.Net.WebSockets.WebSocketException)
        {
            // The turn's time is up, or an update failed on its way: the updates end, and the reply, which goes
            // through the same channel, goes or logs its own failure.
        }
        lock (_gate)
        {
            (_stopped, _running) = (true, false);
        }
    }
}
