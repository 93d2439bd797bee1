using System.Diagnostics;
using RectifyBot.Host.Channels.WeCom;

namespace RectifyBot.Host.Tests.Channels.WeCom;

public class WeComRateLimiterTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task Sends_within_the_limit_do_not_wait_and_the_next_waits_for_the_window()
    {
        var limiter = new WeComRateLimiter(TimeProvider.System, (3, Window));
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
        var limiter = new WeComRateLimiter(TimeProvider.System, (1, TimeSpan.FromMinutes(1)));

        await limiter.WaitAsync("robot-a", default);
        var other = limiter.WaitAsync("robot-b", default);

        Assert.True(other.IsCompletedSuccessfully);
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.WaitAsync("robot-a", soon.Token));
    }

    [Fact]
    public async Task Every_window_is_kept_the_longer_one_too()
    {
        // The AI bot's two limits in small: the short window lets the third send through after it, the long one does not let a fourth.
        var limiter = new WeComRateLimiter(TimeProvider.System, (2, TimeSpan.FromMilliseconds(200)), (3, TimeSpan.FromMinutes(1)));
        for (int i = 0; i < 3; i++)
        {
            await limiter.WaitAsync("chat", default);
        }

        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(600));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.WaitAsync("chat", soon.Token));
    }
}
