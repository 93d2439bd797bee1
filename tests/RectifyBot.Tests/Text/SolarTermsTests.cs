using RectifyBot.Text;

namespace RectifyBot.Tests.Text;

public class SolarTermsTests
{
    // Dates as published by the Purple Mountain Observatory / Hong Kong Observatory almanacs (Beijing time).
    [Theory]
    [InlineData("大寒", 2024, "2024-01-20")]
    [InlineData("大寒", 2023, "2023-01-20")]
    [InlineData("大寒", 2020, "2020-01-20")]
    [InlineData("立春", 2024, "2024-02-04")]
    [InlineData("立春", 2025, "2025-02-03")]   // 22:10, late in the evening
    [InlineData("立春", 2026, "2026-02-04")]
    [InlineData("清明", 2023, "2023-04-05")]
    [InlineData("清明", 2024, "2024-04-04")]
    [InlineData("冬至", 2022, "2022-12-22")]
    [InlineData("冬至", 2023, "2023-12-22")]
    [InlineData("冬至", 2025, "2025-12-21")]   // 23:03, an hour before midnight
    [InlineData("冬至", 2017, "2017-12-22")]   // 00:28, just after midnight
    [InlineData("冬至", 2000, "2000-12-21")]
    [InlineData("夏至", 2024, "2024-06-21")]
    [InlineData("春分", 1950, "1950-03-21")]
    public void Known_dates(string term, int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), SolarTerms.OnOrAfter(term, new DateOnly(year, 1, 1)));

    [Fact]
    public void Every_term_from_1950_to_2100_falls_in_its_usual_window_and_in_order()
    {
        for (var year = 1950; year <= 2100; year++)
        {
            var dates = Enumerable.Range(0, 24).Select(i => SolarTerms.InYear(i, year)).ToList();
            Assert.InRange(dates[0], new DateOnly(year, 3, 19), new DateOnly(year, 3, 22));
            Assert.InRange(dates[18], new DateOnly(year, 12, 20), new DateOnly(year, 12, 23));
            for (var i = 1; i < 19; i++)
            {
                Assert.InRange(dates[i].DayNumber - dates[i - 1].DayNumber, 14, 17);
            }
        }
    }

    [Fact]
    public void The_term_that_follows_a_date_is_next_year_when_this_years_has_passed() =>
        Assert.Equal(new DateOnly(2024, 1, 20), SolarTerms.OnOrAfter("大寒", new DateOnly(2023, 8, 3)));
}

public class ChineseDatesSolarTermTests
{
    private static readonly DateOnly PlanDate = new(2023, 8, 3);

    [Theory]
    [InlineData("确保2023年大寒节前完成", "2024-01-20", "2023年大寒节前")]
    [InlineData("清明前完成", "2024-04-04", "清明前")]
    [InlineData("2025年冬至之前", "2025-12-21", "2025年冬至之前")]
    public void Solar_terms_are_the_next_occurrence(string text, string expected, string mention)
    {
        var found = Assert.Single(ChineseDates.FindAll(text, PlanDate));
        Assert.Equal(DateOnly.Parse(expected), found.Date);
        Assert.Equal(mention, found.Text);
    }
}
