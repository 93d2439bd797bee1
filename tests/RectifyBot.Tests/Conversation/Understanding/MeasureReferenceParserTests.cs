using RectifyBot.Conversation.Understanding;

namespace RectifyBot.Tests.Conversation.Understanding;

public class MeasureReferenceParserTests
{
    private static string Numbers(string text, IReadOnlyList<int>? lastList = null, int? focus = null) =>
        string.Join(" | ", MeasureReferenceParser.FindAll(text, UnderstandingFixture.Context(lastList: lastList, focus: focus))
            .Select(m => m.Ref is null ? "?" : string.Join(",", m.Ref.Numbers)));

    [Theory]
    [InlineData("51", "51")]
    [InlineData("５１", "51")]
    [InlineData("五十一", "51")]
    // Dictated: numerals run together are a list; 幺 is 一 said digit by digit; "三四条" is about three or four.
    [InlineData("七十二七十三七十四号都已经完成了", "72,73,74")]
    [InlineData("十一十二号推进中", "11,12")]
    [InlineData("那个幺零八 跟一百零九 申请销号", "108,109")]
    [InlineData("还有三四条没完成", "")]
    [InlineData("（51）", "51")]
    [InlineData("(51)", "51")]
    [InlineData("第51条", "51")]
    [InlineData("第51项", "51")]
    [InlineData("第五十一号", "51")]
    [InlineData("51号", "51")]
    [InlineData("措施51", "51")]
    [InlineData("measure 51", "51")]
    [InlineData("#51", "51")]
    [InlineData("第一百零八项", "108")]
    [InlineData("第一百五十八项", "158")]
    public void Reads_a_single_measure_in_every_form(string text, string expected) => Assert.Equal(expected, Numbers(text));

    [Theory]
    [InlineData("51到55", "51,52,53,54,55")]
    [InlineData("51-55", "51,52,53,54,55")]
    [InlineData("51至55项", "51,52,53,54,55")]
    [InlineData("第51项到第55项", "51,52,53,54,55")]
    [InlineData("五十一到五十五项", "51,52,53,54,55")]
    [InlineData("51、54", "51,54")]
    [InlineData("51,54", "51,54")]
    [InlineData("51，54", "51,54")]
    [InlineData("51和54", "51,54")]
    [InlineData("第51、54项", "51,54")]
    [InlineData("55到51", "55,51")]
    public void Reads_ranges_and_lists(string text, string expected) => Assert.Equal(expected, Numbers(text));

    [Theory]
    [InlineData("已对5个僵尸组织完成调查")]
    [InlineData("10天内到期")]
    [InlineData("两周内")]
    [InlineData("申请延期到2025年12月底")]
    [InlineData("占比20.8%")]
    [InlineData("第一议题")]
    [InlineData("alert(1)")]
    [InlineData("where 1=1")]
    [InlineData("abc51")]
    [InlineData("统一思想")]
    [InlineData("within 10 days")]
    [InlineData("以前的方案里“第51项”")]
    public void Counts_dates_and_words_are_not_measures(string text) => Assert.Equal("", Numbers(text));

    [Theory]
    [InlineData("158条措施现在办完多少了", "")]
    [InlineData("全部86项整改任务完成率多少", "")]
    [InlineData("共40条措施已销号几条了", "")]
    [InlineData("我们科这15条措施里逾期的有哪些", "")]
    [InlineData("30项任务中逾期的是哪几项", "")]
    [InlineData("这7条还有几条没完成啊", "")]
    [InlineData("我们科负责的9项里哪些已经完成了", "")]
    [InlineData("社会救助科那12项现在啥进度", "")]
    [InlineData("158条咋样了", "158")]
    [InlineData("130项呢 啥情况", "130")]
    [InlineData("第158条措施完成了多少了", "158")]
    [InlineData("45号措施完成没", "45")]
    [InlineData("12到15条进展", "12,13,14,15")]
    public void A_number_of_measures_counts_them_and_names_none(string text, string expected) => Assert.Equal(expected, Numbers(text));

    [Fact]
    public void Only_the_opening_number_of_an_update_is_a_measure() =>
        Assert.Equal("51", Numbers("51 完成 已对5个僵尸组织完成调查，清理3个"));

    [Theory]
    [InlineData("上面第2条", "51")]
    [InlineData("上述第三项", "60")]
    [InlineData("第二个", "51")]
    [InlineData("上面第9条", "?")]
    [InlineData("第二条 第三条 申请销号", "51,60")]
    public void Reads_positions_in_the_last_list(string text, string expected) => Assert.Equal(expected, Numbers(text, lastList: [12, 51, 60]));

    [Theory]
    [InlineData("第2条", "51")]
    [InlineData("第12条", "12")]
    [InlineData("第9条", "9")]
    [InlineData("2号", "2")]
    public void An_ordinal_after_a_list_is_its_place_unless_the_list_holds_the_measure_or_is_shorter(string text, string expected) =>
        Assert.Equal(expected, Numbers(text, lastList: [12, 51, 60]));

    [Theory]
    [InlineData("这条", 51, "51")]
    [InlineData("该项申请销号", 51, "51")]
    [InlineData("这条", null, "?")]
    public void Reads_the_measure_in_focus(string text, int? focus, string expected) => Assert.Equal(expected, Numbers(text, focus: focus));

    [Fact]
    public void Marks_references_from_the_conversation() =>
        Assert.True(MeasureReferenceParser.FindAll("这条", UnderstandingFixture.Context(focus: 51))[0].Ref!.FromConversation);
}
