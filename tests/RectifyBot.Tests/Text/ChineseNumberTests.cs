using RectifyBot.Text;

namespace RectifyBot.Tests.Text;

public class ChineseNumberTests
{
    [Theory]
    [InlineData("51", 51)]
    [InlineData("５１", 51)]
    [InlineData("五十一", 51)]
    [InlineData("十二", 12)]
    [InlineData("十", 10)]
    [InlineData("一百零八", 108)]
    [InlineData("一百五十八", 158)]
    [InlineData("两千", 2000)]
    [InlineData("二〇二三", 2023)]
    [InlineData("三万零五", 30005)]
    public void Parses_numerals_in_every_form(string text, int expected) => Assert.Equal(expected, ChineseNumber.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("五十a")]
    [InlineData("措施")]
    [InlineData("99999999999")]
    public void Rejects_what_is_not_a_number(string text) => Assert.Null(ChineseNumber.Parse(text));

    [Theory]
    [InlineData(1, "一")]
    [InlineData(10, "十")]
    [InlineData(16, "十六")]
    [InlineData(26, "二十六")]
    [InlineData(108, "一百零八")]
    [InlineData(110, "一百一十")]
    [InlineData(2005, "二千零五")]
    public void Writes_ordinals(int n, string expected) => Assert.Equal(expected, ChineseNumber.ToChinese(n));

    [Fact]
    public void Round_trips_every_measure_number_of_a_large_plan()
    {
        for (var n = 0; n < 1000; n++)
        {
            Assert.Equal(n, ChineseNumber.Parse(ChineseNumber.ToChinese(n)));
        }
    }
}
