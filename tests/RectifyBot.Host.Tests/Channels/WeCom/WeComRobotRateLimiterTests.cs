using System.Diagnostics;
using RectifyBot.Host.Channels.WeCom;

namespace RectifyBot.Host.Tests.Channels.WeCom;

public class WeComRobotRateLimiterTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task Sends_within_the_limit_do_not_wait_and_the_next_waits_for_the_window()
    {
        var limiter = new WeComRobotRateLimiter(TimeProvider.System, limit: 3, Window);
        var clock = Stopwatch.StartNew();

        for (int i = 0; i < 3; i++)
        {
            await limiter.WaitAsync("robot-a", default);
        }
        var withinLimit = clock.Elapsed;
        await limiter.WaitAsync("robot-a", default);

        Assert.True(withinLimit < Window, $"the first three took {withinLimit}");
        Assert.True(clock.Elapsed >= Window - TimeSpan.FromMilliseconds(20), $"the fourth came after {clock.Elapsed}");
    }

    [Fact]
    public async Task Each_robot_has_its_own_window()
    {
        var limiter = new WeComRobotRateLimiter(TimeProvider.System, limit: 1, TimeSpan.FromMinutes(1));

        await limiter.WaitAsync("robot-a", default);
        var other = limiter.WaitAsync("robot-b", default);

        Assert.True(other.IsCompletedSuccessfully);
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.WaitAsync("robot-a", soon.Token));
    }
}
