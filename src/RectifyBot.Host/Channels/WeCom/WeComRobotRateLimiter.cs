namespace RectifyBot.Host.Channels.WeCom;

/// <summary>
/// Keeps each group robot under "每个机器人发送的消息不能超过20条/分钟" (群机器人配置说明, …/path/91770):
/// a sliding window per webhook key; a send that would exceed it waits.
/// </summary>
internal sealed class WeComRobotRateLimiter(TimeProvider time, int limit = 20, TimeSpan? window = null)
{
    private readonly TimeSpan _window = window ?? TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Robot> _robots = [];

    public async Task WaitAsync(string key, CancellationToken cancellationToken)
    {
        Robot robot;
        lock (_robots)
        {
            if (!_robots.TryGetValue(key, out robot!))
            {
                robot = new Robot();
                _robots[key] = robot;
            }
        }
        await robot.Turn.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            while (robot.Sent.TryPeek(out var oldest) && oldest <= now - _window)
            {
                robot.Sent.Dequeue();
            }
            if (robot.Sent.Count >= limit)
            {
                await Task.Delay(robot.Sent.Peek() + _window - now, time, cancellationToken);
                robot.Sent.Dequeue();
            }
            robot.Sent.Enqueue(time.GetUtcNow());
        }
        finally
        {
            robot.Turn.Release();
        }
    }

    private sealed class Robot
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);
        public Queue<DateTimeOffset> Sent { get; } = new();
    }
}
