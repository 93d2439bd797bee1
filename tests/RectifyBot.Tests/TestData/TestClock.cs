namespace RectifyBot.Tests.TestData;

/// <summary>A clock the test sets. Local time is China's (UTC+8), as the organisation's.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    /// <summary>Noon in Beijing on the given day.</summary>
    public static TestClock At(string date) => new(new DateTimeOffset(DateOnly.Parse(date).ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8)));

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    public void Advance(TimeSpan by) => Now += by;
}
