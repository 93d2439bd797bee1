using RectifyBot.Text;

namespace RectifyBot.Tests.Text;

public class ChineseDatesTests
{
    private static readonly DateOnly PlanDate = new(2023, 8, 3);

    [Theory]
    [InlineData("2023年10月20日前完成", "2023-10-20")]
    [InlineData("2025年6月底前完成", "2025-06-30")]
    [InlineData("10月底前", "2023-10-31")]
    [InlineData("3月底前", "2024-03-31")]           // before the plan's date: next year
    [InlineData("申请延期到2025年12月底", "2025-12-31")]
    [InlineData("２０２４年１月２０日", "2024-01-20")]
    [InlineData("2024年上半年", "2024-06-30")]
    [InlineData("年底前", "2023-12-31")]
    [InlineData("十二月底", "2023-12-31")]
    [InlineData("二〇二四年三月十五日", "2024-03-15")]
    [InlineData("二〇二五年十月底前", "2025-10-31")]   // 十 alone: the digits keep the text's length, so it stays a character
    [InlineData("二〇二四年十月十日", "2024-10-10")]
    [InlineData("2023-11-05", "2023-11-05")]
    [InlineData("2023.9.1", "2023-09-01")]
    [InlineData("2024.9", "2024-09-30")]            // a year and a month in a 完成时限 column: by its end
    [InlineData("力争2024年完成", "2024-12-31")]
    public void Reads_absolute_dates(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), ChineseDates.TryParse(text, PlanDate));

    [Theory]
    [InlineData("本月底前完成", "2023-08-31")]
    [InlineData("延到下个月15号", "2023-09-15")]
    [InlineData("下月中旬", "2023-09-20")]
    [InlineData("延期到12月20 需要等审计", "2023-12-20")]
    [InlineData("12月20个工作日内", "2023-12-31")]
    [InlineData("5月10万元到位", "2024-05-31")]
    [InlineData("延到月底", "2023-08-31")]
    [InlineData("延到下周五", "2023-08-11")]     // the plan's date is a Thursday
    [InlineData("本周五前", "2023-08-04")]
    [InlineData("到周一", "2023-08-07")]       // the next one
    [InlineData("12月1号到15号之间", "2023-12-01")]
    public void Reads_months_said_from_the_reference_and_a_day_without_its_character(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), ChineseDates.TryParse(text, PlanDate));

    [Theory]
    [InlineData("120 延到12.15 等审计报告", "2023-12-15")]
    [InlineData("第75项申请延期至12/31", "2023-12-31")]
    [InlineData("3.31前报送", "2024-03-31")]
    [InlineData("于10.8日完成", "2023-10-08")]
    public void Reads_a_bare_month_and_day_where_a_date_is_asked_for(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Assert.Single(ChineseDates.FindAll(text, PlanDate)).Date);

    [Theory]
    [InlineData("已拨付资金3.5万元")]
    [InlineData("完成率达到12.5%")]
    [InlineData("第2.1.3项问题")]
    [InlineData("按1/3比例抽查")]
    [InlineData("拨付2024.9万元")]
    public void A_figure_with_a_point_or_a_slash_is_no_date(string text) =>
        Assert.Empty(ChineseDates.FindAll(text, PlanDate));

    [Theory]
    [InlineData("每月报送下月计划")]
    [InlineData("2023年2月30日")]
    [InlineData("13月底")]
    [InlineData("每季度开展一次")]
    [InlineData("每周五报送")]
    [InlineData("建立周一例会制度")]
    [InlineData("每月底前报送")]
    public void Rejects_impossible_or_absent_dates(string text) => Assert.Null(ChineseDates.TryParse(text, PlanDate));

    [Fact]
    public void A_range_of_days_ends_in_the_month_it_begins_in() =>
        Assert.Equal([new DateOnly(2023, 12, 1), new DateOnly(2023, 12, 15)], ChineseDates.FindAll("12月1号到15号之间要到期的", PlanDate).Select(m => m.Date));

    [Fact]
    public void Finds_every_mention_with_its_position()
    {
        const string text = "确保2023年10月底前完成，力争2024年6月前投入运营";
        var all = ChineseDates.FindAll(text, PlanDate);
        Assert.Equal([new DateOnly(2023, 10, 31), new DateOnly(2024, 6, 30)], all.Select(m => m.Date));
        Assert.Equal("2023年10月底", all[0].Text);
        Assert.Equal(text.IndexOf("2024", StringComparison.Ordinal), all[1].Index);
    }
}
