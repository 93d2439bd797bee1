using RectifyBot.Conversation.Understanding;

namespace RectifyBot.Tests.Conversation.Understanding;

/// <summary>Today is Tuesday 2023-11-21.</summary>
public class DateWindowParserTests
{
    [Theory]
    [InlineData("今天", "2023-11-21", "2023-11-21")]
    [InlineData("明天", "2023-11-22", "2023-11-22")]
    [InlineData("本周", "2023-11-20", "2023-11-26")]
    [InlineData("下周", "2023-11-27", "2023-12-03")]
    [InlineData("下周五", "2023-12-01", "2023-12-01")]
    [InlineData("下周五前", "2023-11-21", "2023-12-01")]
    [InlineData("周五", "2023-11-24", "2023-11-24")]
    [InlineData("本月", "2023-11-01", "2023-11-30")]
    [InlineData("下个月", "2023-12-01", "2023-12-31")]
    [InlineData("月底", "2023-11-21", "2023-11-30")]
    [InlineData("10天内", "2023-11-21", "2023-12-01")]
    [InlineData("十天之内", "2023-11-21", "2023-12-01")]
    [InlineData("两周内", "2023-11-21", "2023-12-05")]
    [InlineData("三个月内", "2023-11-21", "2024-02-21")]
    [InlineData("within 10 days", "2023-11-21", "2023-12-01")]
    [InlineData("2025年12月底", "2023-11-21", "2025-12-31")]
    [InlineData("年底前", "2023-11-21", "2023-12-31")]
    [InlineData("12月", "2023-12-01", "2023-12-31")]
    [InlineData("12月5日", "2023-12-05", "2023-12-05")]
    [InlineData("12月5日前", "2023-11-21", "2023-12-05")]
    public void Reads_windows_relative_to_today(string text, string from, string to)
    {
        var window = DateWindowParser.Find(text, UnderstandingFixture.Today);
        Assert.NotNull(window);
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), (window.From, window.To));
    }

    [Theory]
    [InlineData("社事科逾期")]
    [InlineData("第51项什么情况")]
    public void A_message_without_dates_has_no_window(string text) => Assert.Null(DateWindowParser.Find(text, UnderstandingFixture.Today));
}
