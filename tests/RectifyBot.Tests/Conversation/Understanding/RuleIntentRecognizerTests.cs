using RectifyBot.Conversation.Understanding;
using RectifyBot.Domain;

namespace RectifyBot.Tests.Conversation.Understanding;

/// <summary>The rules that are easy to get wrong, stated as behaviour; the utterance file covers the breadth.</summary>
public class RuleIntentRecognizerTests
{
    private static Intent Recognize(string text, string sender = "李娜", int? focus = null) =>
        RuleIntentRecognizer.Recognize(text, UnderstandingFixture.Context(sender, focus: focus));

    [Fact]
    public void A_status_word_standing_alone_after_the_number_changes_the_status()
    {
        var update = Assert.IsType<ReportProgress>(Recognize("51 完成 已对5个僵尸组织完成调查，清理3个"));
        Assert.Equal((MeasureRef.Of(51), "已对5个僵尸组织完成调查，清理3个", MeasureStatus.Done), (update.Measures, update.Text, update.NewStatus));
    }

    [Theory]
    [InlineData("51 进展：已完成摸底", "已完成摸底")]
    [InlineData("51 已完成摸底", "已完成摸底")]
    [InlineData("51 已完成摸底工作，下一步开展清理", "已完成摸底工作，下一步开展清理")]
    public void A_status_word_that_runs_into_the_description_is_part_of_the_text(string text, string expected)
    {
        var update = Assert.IsType<ReportProgress>(Recognize(text));
        Assert.Equal(expected, update.Text);
        Assert.Null(update.NewStatus);
    }

    [Fact]
    public void Update_text_keeps_what_the_user_typed() =>
        Assert.Equal("已清理３个，ＰＰＴ已上传", Assert.IsType<ReportProgress>(Recognize("５１　完成　已清理３个，ＰＰＴ已上传")).Text);

    [Fact]
    public void An_update_may_mention_any_keyword() =>
        Assert.Equal(MeasureStatus.Done, Assert.IsType<ReportProgress>(Recognize("51 完成 逾期问题已整改，已申请销号")).NewStatus);

    [Fact]
    public void Free_text_that_does_not_read_as_work_is_confirmed_first()
    {
        var clarify = Assert.IsType<Clarify>(Recognize("51 资金还没到位"));
        var option = Assert.Single(clarify.Options);
        Assert.Equal("资金还没到位", Assert.IsType<ReportProgress>(option.Intent).Text);
    }

    [Fact]
    public void This_one_without_a_measure_in_focus_asks_which() => Assert.IsType<Clarify>(Recognize("这条完成了"));

    [Fact]
    public void An_ambiguous_unit_asks_with_the_same_question_per_candidate()
    {
        var clarify = Assert.IsType<Clarify>(Recognize("社会科逾期", "陈奇奇"));
        Assert.Equal(["社会事务科", "社会救助科"], clarify.Options.Select(o => Assert.IsType<OverdueQuery>(o.Intent).Unit!.Name));
    }

    [Fact]
    public void A_claim_without_a_unit_is_for_the_senders_unit()
    {
        var claim = Assert.IsType<ClaimMeasures>(Recognize("认领51", "王强"));
        Assert.Equal(new UnitRef(2, "社会救助科", IsSendersOwn: true), claim.Unit);
        Assert.False(claim.CoClaim);
    }

    [Fact]
    public void A_claim_decision_is_recognised_before_a_close_return()
    {
        Assert.IsType<ApproveClaim>(Recognize("同意54认领"));
        Assert.IsType<RefuseClaim>(Recognize("不同意第54项的共同认领"));
        Assert.IsType<ReturnClose>(Recognize("退回51，佐证材料不全"));
    }

    [Theory]
    [InlineData("绑定 123456", "123456")]
    [InlineData("绑定码：654321", "654321")]
    [InlineData("绑定１２３４５６", "123456")]
    public void A_bind_code_is_recognised(string text, string code) =>
        Assert.Equal(code, Assert.IsType<BindWithCode>(Recognize(text)).Code);

    [Fact]
    public void Recognition_is_pure() =>
        Assert.Equal(Recognize("51到55项由我们科负责"), Recognize("51到55项由我们科负责"));
}
