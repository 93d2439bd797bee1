using RectifyBot.Host.Channels.Web;
using RectifyBot.Host.Tests.Channels.WeCom;

namespace RectifyBot.Host.Tests.Channels.Web;

public sealed class LoginThrottleTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Locks_after_the_maximum_failures_and_unlocks_when_they_leave_the_window()
    {
        var throttle = new LoginThrottle(_clock);
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            Assert.False(throttle.IsLocked("lina"));
            throttle.Failed("lina");
            _clock.Advance(TimeSpan.FromSeconds(10));
        }
        Assert.True(throttle.IsLocked("LINA"));
        Assert.False(throttle.IsLocked("wangqiang"));

        _clock.Advance(LoginThrottle.Window);
        Assert.False(throttle.IsLocked("lina"));
    }

    [Fact]
    public void A_success_clears_the_count()
    {
        var throttle = new LoginThrottle(_clock);
        for (var i = 0; i < LoginThrottle.MaxFailures - 1; i++)
        {
            throttle.Failed("lina");
        }
        throttle.Succeeded("lina");
        throttle.Failed("lina");
        Assert.False(throttle.IsLocked("lina"));
    }
}
