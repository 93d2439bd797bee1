using System.Net;
using RectifyBot.Host.Channels.Web;
using RectifyBot.Host.Tests.Channels.WeCom;

namespace RectifyBot.Host.Tests.Channels.Web;

public sealed class LoginThrottleTests
{
    private static readonly IPAddress Office = IPAddress.Parse("10.1.2.3");
    private static readonly IPAddress Sprayer = IPAddress.Parse("203.0.113.7");
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void After_the_free_failures_each_try_waits_twice_as_long_and_an_account_never_waits_more_than_a_minute()
    {
        var throttle = new LoginThrottle(_clock);
        for (var i = 0; i < LoginThrottle.FreeFailures; i++)
        {
            Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("lina", Office));
            throttle.Failed("lina", IPAddress.Parse($"198.51.100.{i}"));
        }
        Assert.Equal(TimeSpan.FromSeconds(5), throttle.RetryAfter("LINA", Office));
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("lina", Office));
        throttle.Failed("lina", IPAddress.Parse("198.51.100.99"));
        Assert.Equal(TimeSpan.FromSeconds(10), throttle.RetryAfter("lina", Office));
        for (var i = 0; i < 20; i++)
        {
            throttle.Failed("lina", IPAddress.Parse($"192.0.2.{i}"));
        }
        // Someone guessing lina's password from many places holds her back a minute, no more: no lockout.
        Assert.Equal(LoginThrottle.AccountCap, throttle.RetryAfter("lina", Office));
        _clock.Advance(LoginThrottle.AccountCap);
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("lina", Office));
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("wangqiang", Office));
    }

    [Fact]
    public void One_client_trying_many_accounts_is_slowed_down_on_every_account()
    {
        var throttle = new LoginThrottle(_clock);
        for (var i = 0; i < LoginThrottle.FreeFailuresPerAddress + 8; i++)
        {
            throttle.Failed($"user{i}", Sprayer);
        }
        Assert.True(throttle.RetryAfter("someone-new", Sprayer) >= TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("someone-new", Office));
        // A success on one of its own accounts does not let the client start again.
        throttle.Succeeded("user0");
        Assert.True(throttle.RetryAfter("someone-new", Sprayer) > TimeSpan.Zero);
    }

    [Fact]
    public void A_success_clears_the_accounts_count_and_failures_are_forgotten_after_a_quiet_while()
    {
        var throttle = new LoginThrottle(_clock);
        for (var i = 0; i < LoginThrottle.FreeFailures - 1; i++)
        {
            throttle.Failed("lina", Office);
        }
        throttle.Succeeded("lina");
        throttle.Failed("lina", null);
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("lina", null));

        for (var i = 0; i < LoginThrottle.FreeFailures + 3; i++)
        {
            throttle.Failed("wangqiang", null);
        }
        _clock.Advance(LoginThrottle.Forget + TimeSpan.FromSeconds(1));
        throttle.Failed("wangqiang", null);
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("wangqiang", null));
    }
}
