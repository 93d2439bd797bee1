using RectifyBot.Import;

namespace RectifyBot.Tests.Import;

public class DocumentFactsTests
{
    [Theory]
    [InlineData("反馈了6个方面18个突出问题，我局制定了164项整改措施。", 6, 18, 164, null)]
    [InlineData("本轮整改任务106个，已完成98个，整改完成率92%。", null, null, 106, 98)]
    [InlineData("已完成整改19个、正在整改6个。", null, null, null, 19)]
    [InlineData("指出三个方面十二个问题。", 3, 12, null, null)]
    [InlineData("清退45名人员，完善制度12项，追回资金230万元，约谈15次。", null, null, null, null)]
    [InlineData("涉及我站的问题共6个，针对每个问题制定了具体措施，共12条。", null, 6, 12, null)]
    [InlineData("梳理出整改不彻底等问题2个方面5个，制定巩固提升措施10条。", 2, 5, 10, null)]
    [InlineData("8个问题中 己完成5个，正在推进2个", null, 8, null, 5)]                      // a scan's 己 for 已
    [InlineData("围绕摸清底数等重点任务，细化具体措施10条。", null, null, 10, null)]
    [InlineData("县委第二巡察组共反馈我局问题8个，已整改4个。", null, 8, null, 4)]
    [InlineData("合计：整改问题14个，已完成10个，正在推进2个。", null, 14, null, 10)]
    public void Stated_totals_are_counts_of_aspects_problems_measures_and_completed_items(string text, int? aspects, int? problems, int? measures, int? completed) =>
        Assert.Equal(new StatedTotals(aspects, problems, measures, completed), DocumentFacts.StatedTotals([text]) with { InProgress = null, Ongoing = null, CompletionRate = null });

    [Fact]
    public void A_notice_in_its_own_words_states_what_is_done_under_way_and_the_rate() =>
        Assert.Equal(new StatedTotals(3, 12, null, 7, 4, 1, 58.3m),
            DocumentFacts.StatedTotals(["反馈问题3个方面12个。截至10月15日，已办结7个，正在办理4个，常态化整改1个，办结率58.3%。"]));

    [Theory]
    [InlineData("已完成整改7个（其中2个需长期坚持），正在推进2个，持续整改1个，整改完成率70%。", 1)]
    [InlineData("已完成整改7个（其中2个需长期坚持），正在推进3个。", 2)]
    [InlineData("已完成6个，正在整改3个，持续整改1个，未启动1个。", 1)]
    public void Long_term_items_are_counted_from_a_breakdown_only_when_nothing_else_counts_them(string text, int ongoing) =>
        Assert.Equal(ongoing, DocumentFacts.StatedTotals([text]).Ongoing);

    [Fact]
    public void Feedback_date_is_the_full_date_in_the_sentence_about_feedback()
    {
        string[] lines = ["县委第一巡察组于2023年4月初至6月底对县民政局党组开展了常规巡察。2023年8月3日，巡察反馈会在我局召开。"];
        Assert.Equal(new DateOnly(2023, 8, 3), DocumentFacts.FeedbackDate(lines));
        Assert.Null(DocumentFacts.FeedbackDate(["并于2020年X月X日反馈了巡察意见。"]));
    }

    [Theory]
    [InlineData("2025年1月6日至2月28日，县委第二巡察组对县司法局党组开展了常规巡察，3月14日反馈了巡察意见。", "2025-03-14")]
    // The day after the inspection's dates, in the next year where they cross one.
    [InlineData("2024年11月4日至2025年1月10日，县委第四巡察组对县人民医院党委开展了常规巡察，2月21日反馈了巡察意见。", "2025-02-21")]
    [InlineData("2024年11月4日至12月20日开展了常规巡察，1月15日反馈了巡察意见。", "2025-01-15")]
    public void Feedback_date_is_the_day_said_before_feedback_not_the_inspections_first(string sentence, string feedback) =>
        Assert.Equal(DateOnly.Parse(feedback), DocumentFacts.FeedbackDate([sentence]));
}

public class StageTests
{
    private static readonly DateOnly Feedback = new(2023, 8, 3);

    [Theory]
    [InlineData("（二）推进落实阶段（8月11日——10月20日）", "推进落实", "2023-08-11", "2023-10-20")]
    [InlineData("第一阶段：动员部署（2023年8月3日至8月10日）", "动员部署", "2023-08-03", "2023-08-10")]
    [InlineData("1.集中整改阶段：8月11日至10月20日。对照方案逐项整改。", "集中整改", "2023-08-11", "2023-10-20")]
    [InlineData("（四）持续巩固阶段（11月3日之后）", "持续巩固", "2023-11-03", null)]
    [InlineData("（一）动员部署阶段（8月10日前）", "动员部署", null, "2023-08-10")]
    public void Stage_lines(string line, string name, string? start, string? end) =>
        Assert.Equal(
            new ParsedStage(name, start is null ? null : DateOnly.Parse(start), end is null ? null : DateOnly.Parse(end)),
            Assert.Single(DocumentFacts.Stages([line], Feedback)));

    [Fact]
    public void Lines_without_dates_are_not_stages() =>
        Assert.Empty(DocumentFacts.Stages(["（一）提高政治站位。全局干部职工要对照方案抓好整改。", "2.建立工作台账。"], Feedback));
}

public class StaffTests
{
    [Fact]
    public void Leadership_group_in_prose_and_as_role_lines()
    {
        string[] lines =
        [
            "成立整改工作领导小组，由局党组书记、局长巨伟同志任组长，班子成员任副组长。领导小组下设办公室，由陈奇奇同志兼任办公室主任。",
            "组长：张三（局党组书记）",
            "副组长：李四、王五",
        ];
        Assert.Equal(
            [
                new SuggestedStaff("巨伟", "组长"),
                new SuggestedStaff(null, "副组长（班子成员）"),
                new SuggestedStaff("陈奇奇", "办公室主任"),
                new SuggestedStaff("张三", "组长"),
                new SuggestedStaff("李四", "副组长"),
                new SuggestedStaff("王五", "副组长"),
            ],
            DocumentFacts.Staff(lines));
    }
}
