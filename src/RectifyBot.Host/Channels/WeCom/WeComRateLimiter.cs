namespace RectifyBot.Host.Channels.WeCom;

/// <summary>
/// Keeps each key (a group robot, an AI-bot conversation) under WeCom's limits, given as sliding windows:
/// 群机器人 "每个机器人发送的消息不能超过20条/分钟" (…/path/91770); 智能机器人 30 a minute and 1,000 an hour per
/// conversation. A send that would exceed a window waits until the oldest send in it leaves.
/// </summary>
internal sealed class WeComRateLimiter(TimeProvider time, params IReadOnlyList<(int Limit, TimeSpan Window)> windows)
{
    private readonly TimeSpan _longest = windows.Max(w => w.Window);
    private readonly Dictionary<string, Sender> _senders = [];

    public async Task WaitAsync(string key, CancellationToken cancellationToken)
    {
        Sender sender;
        lock (_senders)
        {
            if (!_senders.TryGetValue(key, out sender!))
            {
                sender = new Sender();
                _senders[key] = sender;
            }
        }
        await sender.Turn.WaitAsync(cancellationToken);
        try
        {
            while (Wait(sender.Sent, time.GetUtcNow()) is { } wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }
            sender.Sent.Add(time.GetUtcNow());
        }
        finally
        {
            sender.Turn.Release();
        }
    }

    /// <summary>How long until every window has room; the sends older than the longest window are dropped.</summary>
    private TimeSpan Wait(List<DateTimeOffset> sent, DateTimeOffset now)
    {
        sent.RemoveAll(t => t <= now - _longest);
        var wait = TimeSpan.Zero;
        foreach (var (limit, window) in windows)
        {
            var first = sent.FindIndex(t => t > now - window);
            var inWindow = first < 0 ? 0 : sent.Count - first;
            if (inWindow >= limit)
            {
                var leaving = sent[first + inWindow - limit];
                wait = TimeSpan.FromTicks(Math.Max(wait.Ticks, (leaving + window - now).Ticks));
            }
        }
        return wait;
    }

    private sealed class Sender
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);
        public List<DateTimeOffset> Sent { get; } = [];
    }
}
