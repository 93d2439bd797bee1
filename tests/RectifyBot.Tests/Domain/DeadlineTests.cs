using RectifyBot.Domain;

namespace RectifyBot.Tests.Domain;

public class DeadlineTests
{
    private static readonly DateOnly Dec31 = new(2023, 12, 31);

    [Fact]
    public void One_off_deadline_is_owed_on_its_date_whatever_the_updates()
    {
        var d = Deadline.On(new DateOnly(2023, 10, 20));
        Assert.Equal(new DateOnly(2023, 10, 20), d.DueAfter(new DateOnly(2023, 11, 1)));
    }

    [Theory]
    [InlineData(null, "2023-12-31")]         // nothing done yet: the first occurrence is owed
    [InlineData("2023-09-01", "2023-12-31")] // before the first period began: does not count
    [InlineData("2023-11-01", "2024-03-31")] // inside the first period: the next one is owed
    [InlineData("2023-12-31", "2024-03-31")] // on the due day itself
    [InlineData("2024-05-01", "2024-09-30")] // quarter ends stay quarter ends
    public void Quarterly_measure_owes_the_occurrence_after_its_last_update(string? lastUpdate, string expected)
    {
        var d = Deadline.Every(Recurrence.Quarterly, Dec31);
        var last = lastUpdate is null ? (DateOnly?)null : DateOnly.Parse(lastUpdate);
        Assert.Equal(DateOnly.Parse(expected), d.DueAfter(last));
    }

    [Fact]
    public void Long_term_check_in_period_works_like_a_recurrence()
    {
        var d = Deadline.LongTermFrom(new DateOnly(2023, 10, 20), Recurrence.HalfYearly);
        Assert.Equal(new DateOnly(2024, 4, 20), d.DueAfter(new DateOnly(2023, 10, 1)));
    }

    [Fact]
    public void Unknown_date_owes_nothing() => Assert.Null(Deadline.Unstated(null).DueAfter(null));
}
