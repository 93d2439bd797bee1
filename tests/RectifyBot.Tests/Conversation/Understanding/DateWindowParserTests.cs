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
    [InlineData("下下周有啥要到期的", "2023-12-04", "2023-12-10")]
    [InlineData("麻烦列下下周到期的", "2023-11-27", "2023-12-03")]
    [InlineData("下下周三之前", "2023-11-21", "2023-12-06")]
    [InlineData("查下下周三的", "2023-11-29", "2023-11-29")]
    [InlineData("上上周", "2023-11-06", "2023-11-12")]
    [InlineData("今明两天到期的", "2023-11-21", "2023-11-22")]
    [InlineData("12月上旬各单位有哪些要到期", "2023-12-01", "2023-12-10")]
    [InlineData("这个月中旬到期的", "2023-11-11", "2023-11-20")]
    [InlineData("12月下旬", "2023-12-21", "2023-12-31")]
    [InlineData("12月中旬前要完成的", "2023-11-21", "2023-12-20")]
    [InlineData("11月13号到现在完成了哪些", "2023-11-13", "2023-11-21")]
    [InlineData("11月1日以来", "2023-11-01", "2023-11-21")]
    [InlineData("这周完成了哪几项？周五要汇总", "2023-11-20", "2023-11-26")]
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
    [InlineData("昨天", "2023-11-20", "2023-11-20")]
    [InlineData("上周五", "2023-11-17", "2023-11-17")]
    [InlineData("上周一项都没完成", "2023-11-13", "2023-11-19")]
    [InlineData("半个月内", "2023-11-21", "2023-12-06")]
    [InlineData("今年", "2023-01-01", "2023-12-31")]
    [InlineData("本年度", "2023-01-01", "2023-12-31")]
    [InlineData("今年年底前", "2023-11-21", "2023-12-31")]
    [InlineData("明年", "2024-01-01", "2024-12-31")]
    [InlineData("年内", "2023-11-21", "2023-12-31")]
    [InlineData("元月份", "2024-01-01", "2024-01-31")]
    [InlineData("本季度", "2023-10-01", "2023-12-31")]
    [InlineData("下个季度", "2024-01-01", "2024-03-31")]
    [InlineData("上季度", "2023-07-01", "2023-09-30")]
    [InlineData("四季度", "2023-10-01", "2023-12-31")]
    [InlineData("三季度", "2024-07-01", "2024-09-30")]
    [InlineData("明年一季度", "2024-01-01", "2024-03-31")]
    [InlineData("明年一季度末之前", "2023-11-21", "2024-03-31")]
    [InlineData("下半年", "2023-07-01", "2023-12-31")]
    [InlineData("上半年", "2024-01-01", "2024-06-30")]
    [InlineData("10月份", "2024-10-01", "2024-10-31")]
    [InlineData("12月和1月", "2023-12-01", "2024-01-31")]
    public void Reads_windows_relative_to_today(string text, string from, string to) => AssertWindow(text, past: false, from, to);

    /// <summary>What was completed in a period named without its year: the last one begun, not the next one.</summary>
    [Theory]
    [InlineData("三季度", "2023-07-01", "2023-09-30")]
    [InlineData("上半年", "2023-01-01", "2023-06-30")]
    [InlineData("10月份", "2023-10-01", "2023-10-31")]
    [InlineData("11月", "2023-11-01", "2023-11-30")]
    [InlineData("元月", "2023-01-01", "2023-01-31")]
    [InlineData("10月、11月两个月", "2023-10-01", "2023-11-30")]
    [InlineData("9月到11月", "2023-09-01", "2023-11-30")]
    [InlineData("四季度", "2023-10-01", "2023-12-31")]
    [InlineData("本周", "2023-11-20", "2023-11-26")]
    public void Reads_a_period_of_what_was_done_as_the_last_one_begun(string text, string from, string to) => AssertWindow(text, past: true, from, to);

    private static void AssertWindow(string text, bool past, string from, string to)
    {
        var window = DateWindowParser.Find(text, UnderstandingFixture.Today, past);
        Assert.NotNull(window);
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), (window.From, window.To));
    }

    /// <summary>A span between two named days is shown by their names ("上周五到昨天（11月17日至11月20日）"), not the question's words.</summary>
    [Theory]
    [InlineData("要写周报，上周五到昨天完成的有哪些", true, "2023-11-17", "2023-11-20", "上周五到昨天")]
    [InlineData("今天到这周五到期的有哪些", false, "2023-11-21", "2023-11-24", "今天到这周五")]
    [InlineData("上周末到今天，都有哪些措施完成了？", true, "2023-11-18", "2023-11-21", "上周末到今天")]
    [InlineData("11月6号到昨天完成的", true, "2023-11-06", "2023-11-20", "11月6号到昨天")]
    public void A_span_from_one_named_day_to_another_is_both_and_between(string text, bool past, string from, string to, string label)
    {
        var window = DateWindowParser.Find(text, UnderstandingFixture.Today, past);
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to), label), (window!.From, window.To, window.Label));
    }

    [Theory]
    [InlineData("推进到一半了")]
    [InlineData("社事科逾期")]
    [InlineData("第51项什么情况")]
    [InlineData("三年内整改到位")]
    public void A_message_without_dates_has_no_window(string text) => Assert.Null(DateWindowParser.Find(text, UnderstandingFixture.Today));
}
