using RectifyBot.Conversation.Understanding;

namespace RectifyBot.Tests.Conversation.Understanding;

public class UnitNameResolverTests
{
    private static readonly UnitNameResolver Resolver = UnitNameResolver.For(UnderstandingFixture.Units);

    private static UnitResolution? Find(string text, string sender = "李娜") => Resolver.Find(text, UnderstandingFixture.Roster[sender]);

    [Theory]
    [InlineData("社会事务科逾期", "社会事务科")]
    [InlineData("县殡葬服务中心", "殡葬服务中心")]
    [InlineData("殡服中心", "殡葬服务中心")]
    [InlineData("殡葬中心", "殡葬服务中心")]
    [InlineData("局机关规划财务科", "规划财务科")]
    [InlineData("社事科", "社会事务科")]
    [InlineData("社救科", "社会救助科")]
    [InlineData("规财科", "规划财务科")]
    [InlineData("救助科", "社会救助科")]
    [InlineData("整改办", "办公室")]
    public void Resolves_names_aliases_and_short_forms(string text, string unit) =>
        Assert.Equal(unit, Assert.IsType<UnitFound>(Find(text)).Unit.Name);

    [Theory]
    [InlineData("低保那边的台账导一份", "低保中心")]
    [InlineData("殡服那儿超期了几项", "殡葬服务中心")]
    public void Resolves_a_unit_named_by_where_it_is(string text, string unit) =>
        Assert.Equal(unit, Assert.IsType<UnitFound>(Find(text)).Unit.Name);

    [Theory]
    [InlineData("社会那边怎么样")]
    [InlineData("那边的情况")]
    public void Names_no_unit_by_a_word_two_units_share_or_by_none(string text) =>
        Assert.IsNotType<UnitFound>(Find(text));

    [Theory]
    [InlineData("社会事物科逾期", "社会事务科")]
    [InlineData("社会事科", "社会事务科")]
    [InlineData("殡仪服务中心", "殡葬服务中心")]
    [InlineData("查询社会救济科", "社会救助科")]
    public void Resolves_a_name_one_character_off(string text, string unit) =>
        Assert.Equal(unit, Assert.IsType<UnitFound>(Find(text)).Unit.Name);

    [Theory]
    [InlineData("我们科", "李娜", "社会事务科")]
    [InlineData("本科室", "李娜", "社会事务科")]
    [InlineData("本单位", "王强", "社会救助科")]
    [InlineData("我们", "陈奇奇", "办公室")]
    public void Reads_we_as_the_senders_unit(string text, string sender, string unit)
    {
        var found = Assert.IsType<UnitFound>(Find(text, sender));
        Assert.Equal(unit, found.Unit.Name);
        Assert.True(found.Unit.IsSendersOwn);
    }

    [Fact]
    public void A_short_form_that_fits_two_units_is_ambiguous() =>
        Assert.Equal(["社会事务科", "社会救助科"], Assert.IsType<UnitAmbiguous>(Find("社会科逾期")).Candidates.Select(u => u.Name));

    [Fact]
    public void An_unknown_unit_comes_with_the_nearest_names()
    {
        var unknown = Assert.IsType<UnitUnknown>(Find("社会保障科逾期"));
        Assert.Equal("社会保障科", unknown.Written);
        Assert.Equal(["社会事务科", "社会救助科", "低保中心"], unknown.Nearest.Select(u => u.Name));
    }

    [Theory]
    [InlineData("本周到期的有哪些")]
    [InlineData("各科室完成情况")]
    [InlineData("把所有措施都标记为完成")]
    public void A_message_without_a_unit_names_none(string text) => Assert.Null(Find(text));

    [Fact]
    public void We_from_someone_without_a_unit_is_unknown() =>
        Assert.IsType<UnitUnknown>(Find("我们科", "新人"));
}
