using RectifyBot.Conversation.Understanding;
using RectifyBot.Domain;

namespace RectifyBot.Tests.Conversation.Understanding;

/// <summary>The rules that are easy to get wrong, stated as behaviour; the utterance file covers the breadth.</summary>
public class RuleIntentRecognizerTests
{
    private static Intent Recognize(string text, string sender = "李娜", int? focus = null) =>
        RuleIntentRecognizer.Recognize(text, UnderstandingFixture.Context(sender, focus: focus));

    private static string Quoting(string author, string quoted, string reply) => QuotedReply.Format(author, quoted, reply);

    [Fact]
    public void A_reply_that_names_no_measure_decides_what_the_quote_asks()
    {
        Assert.Equal(MeasureRef.Of(45), Assert.IsType<ApproveClose>(Recognize(Quoting("李娜", "45条申请销号 材料传好了", "同意"), "陈奇奇")).Measures);
        var refused = Assert.IsType<RefuseExtension>(Recognize(Quoting("王强", "第55条申请延期到12月15日，资金还没到位", "不同意 月底前必须完成"), "巨伟"));
        Assert.Equal((MeasureRef.Of(55), "月底前必须完成"), (refused.Measures, refused.Reason));
        Assert.Equal(new[] { 52, 53 }, Assert.IsType<ApproveExtension>(Recognize(Quoting("王强", "#52 #53 申请延到月底", "ok 同意延"), "陈奇奇")).Measures.Numbers);
    }

    [Theory]
    [InlineData("不好意思前段时间一直下乡没顾上报，第15项：10月份对全县6家养老机构开展了消防安全检查")]
    [InlineData("前段时间一直下乡没顾上报，第15项：10月份对全县6家养老机构开展了消防安全检查")]
    public void A_clause_that_excuses_a_late_report_leaves_the_report_after_it(string text)
    {
        var report = Assert.IsType<ReportProgress>(Recognize(text));
        Assert.Equal((MeasureRef.Of(15), "10月份对全县6家养老机构开展了消防安全检查"), (report.Measures, report.Text));
        // The excuse makes no question a report.
        Assert.IsType<MeasureDetailQuery>(Recognize("不好意思，第15项什么情况"));
    }

    [Fact]
    public void The_words_of_a_quote_are_never_the_senders()
    {
        // The office returned 37; the unit's reply requests its close again, and never returns anything.
        Assert.Equal(MeasureRef.Of(37), Assert.IsType<RequestClose>(Recognize(Quoting("陈奇奇", "37条销号退回，入户复核台账没附上", "台账补上了 重新申请销号"), "王强")).Measures);
        // Thanks for a quoted request is thanks: the quote's 申请销号 approves nothing.
        Assert.IsType<Acknowledge>(Recognize(Quoting("李娜", "第45条申请销号", "收到 辛苦"), "陈奇奇"));
        // A reply that names its own measure is about that one.
        Assert.Equal(MeasureRef.Of(46), Assert.IsType<ApproveClose>(Recognize(Quoting("李娜", "45条申请销号", "46条同意销号"), "陈奇奇")).Measures);
    }

    [Fact]
    public void A_reply_to_a_list_picks_from_the_quote_and_its_counts_are_no_measures()
    {
        var listed = Quoting("整改助手", "逾期措施3条：第12条（社会事务科）、第37条（社会事务科）、第88条（低保中心）", "第二个已经整改完了 制度文件已印发");
        Assert.Equal(MeasureRef.Of(37).Numbers, Assert.IsType<ReportProgress>(Recognize(listed, "李娜")).Measures.Numbers);
        var few = Quoting("陈奇奇", "12到15条巡察组明天要看，各科抓紧", "这几条现在什么情况");
        Assert.Equal(new[] { 12, 13, 14, 15 }, Assert.IsType<MeasureDetailQuery>(Recognize(few, "李娜")).Measures.Numbers);
        var returned = Quoting("王强", "第55条申请延期到12月15日", "退回 理由不充分");
        Assert.Equal(MeasureRef.Of(55).Numbers, Assert.IsType<RefuseExtension>(Recognize(returned, "陈奇奇")).Measures.Numbers);
        // A reply that says what it decides is that decision, whatever the quote asked.
        var close = Quoting("王强", "第55条申请延期到12月15日", "46条同意销号");
        Assert.Equal(MeasureRef.Of(46).Numbers, Assert.IsType<ApproveClose>(Recognize(close, "陈奇奇")).Measures.Numbers);
    }

    [Fact]
    public void A_quote_without_an_author_or_a_reply_is_not_a_quoted_reply()
    {
        Assert.True(QuotedReply.TrySplit(QuotedReply.Format(null, "第45条申请销号", "同意"), out var reply, out var quoted));
        Assert.Equal(("同意", "第45条申请销号"), (reply, quoted));
        Assert.False(QuotedReply.TrySplit("「第45条申请销号」\n- - - - -\n ", out _, out _));
        Assert.False(QuotedReply.TrySplit("「第45条申请销号」同意", out _, out _));
        // A phone's client leaves out the dashed line; other clients write "回复 某某：" on the quote's line.
        Assert.True(QuotedReply.TrySplit("「王强：23号申请消号」\n同意销号", out reply, out quoted));
        Assert.Equal(("同意销号", "23号申请消号"), (reply, quoted));
        Assert.True(QuotedReply.TrySplit("回复 陈奇奇：目前全局逾期11项\n其中社会救助科逾期的是哪几项", out reply, out quoted));
        Assert.Equal(("其中社会救助科逾期的是哪几项", "目前全局逾期11项"), (reply, quoted));
        Assert.False(QuotedReply.TrySplit("回复王强：同意", out _, out _));
    }

    [Theory]
    [InlineData("刚才说错了 五十六不是完成 是长期坚持", 56, MeasureStatus.Ongoing)]
    [InlineData("刚才说错了 第9项是长期坚持不是推进中", 9, MeasureStatus.Ongoing)]
    [InlineData("不好意思 12号应该是已完成，不是推进中", 12, MeasureStatus.Done)]
    [InlineData("sorry 41刚才报错了 不是已完成 应该是推进中😅", 41, MeasureStatus.InProgress)]
    public void A_status_put_right_in_either_order_changes_it(string text, int measure, MeasureStatus status)
    {
        var change = Assert.IsType<ChangeStatus>(Recognize(text));
        Assert.Equal((MeasureRef.Of(measure), status), (change.Measures, change.Status));
    }

    [Theory]
    [InlineData("第33项不是已完成 是还在推进中 帮我改一下", 33, MeasureStatus.InProgress)]
    [InlineData("第21项 不对 是第12项 已完成", 12, MeasureStatus.Done)]
    public void What_it_is_not_then_what_it_is_reads_what_it_is(string text, int measure, MeasureStatus status)
    {
        var change = Assert.IsType<ChangeStatus>(Recognize(text));
        Assert.Equal((MeasureRef.Of(measure), status), (change.Measures, change.Status));
        Assert.Equal(MeasureRef.Of(20), Assert.IsType<RequestClose>(Recognize("不是申请延期，是申请销号 第20项")).Measures);
        Assert.Equal(MeasureRef.Of(54), Assert.IsType<ClaimMeasures>(Recognize("认领第45项 哦打错了 是第54项")).Measures);
    }

    [Fact]
    public void The_words_that_set_a_status_are_one_list_for_a_measure_all_measures_and_the_completed_question()
    {
        // "标成" and "更新为" set a status for one measure and for all of them alike.
        Assert.Equal(MeasureStatus.Done, Assert.IsType<ChangeStatus>(Recognize("12号标成已完成")).Status);
        Assert.Equal(MeasureStatus.Done, Assert.IsType<BulkStatusChange>(Recognize("所有措施都更新为已完成", "陈奇奇")).Status);
        Assert.IsNotType<CompletedQuery>(Recognize("把上周完成的都标记成已完成", "陈奇奇"));
        // The request after the question, not the status the question recalls.
        Assert.Equal(MeasureStatus.InProgress, Assert.IsType<ChangeStatus>(Recognize("12号还没完成啊，谁给标成完成了？改回推进中")).Status);
        // 目标为 states a goal and sets nothing.
        Assert.IsNotType<ChangeStatus>(Recognize("第12项目标为年底前完成"));
    }

    [Fact]
    public void A_window_that_says_when_something_else_happens_is_no_window_of_the_question()
    {
        Assert.IsType<MeasureListQuery>(Recognize("巡察组下周就来了 我们科还剩哪些没弄完的"));
        // Alone, or asked in its own clause, the window is the question's.
        Assert.IsType<DueQuery>(Recognize("下周 我们科有哪些要完成的"));
        Assert.IsType<DueQuery>(Recognize("下周到期的有哪些，我好安排"));
    }

    [Fact]
    public void A_measure_given_away_is_claimed_only_for_the_unit_it_goes_to()
    {
        var claim = Assert.IsType<ClaimMeasures>(Recognize("第30项不归我们科管，已经跟规划财务科沟通好了，转给他们负责"));
        Assert.Equal((MeasureRef.Of(30), "规划财务科"), (claim.Measures, claim.Unit.Name));
        // Without the unit it goes to: whom, asked back; nothing written. With 点错了 and 撤销: the claim taken back.
        Assert.Contains("交给哪个单位", Assert.IsType<Clarify>(Recognize("第30项不归我们科管")).Question);
        Assert.IsType<Undo>(Recognize("刚才认领的58不是我们的 点错了 撤销"));
        // Handing one's own work over after saying why; "一条都不能落下" names no measure.
        Assert.Equal(new HandOver("李娜", "赵敏"), Recognize("下周一起休产假了，我手上的措施都交接给赵敏🙏"));
        Assert.IsType<UnclaimedQuery>(Recognize("还有没分下去的措施没 一条都不能落下", "陈奇奇"));
        Assert.Equal(142, Assert.IsType<ClaimMeasures>(Recognize("142号没人领的 我们救助科认了😄", "王强")).Measures.Numbers.Single());
        // A bare number before the unit that asks for it names the measure.
        Assert.Equal(54, Assert.IsType<RefuseClaim>(Recognize("54救助科申请共同认领 我们不同意 这项我们科自己能办")).Measures.Numbers.Single());
    }

    [Fact]
    public void Accounts_dictated_or_excused_or_followed_by_their_status_are_progress()
    {
        var dictated = Assert.IsType<ReportProgress>(Recognize("陈主任你好我是社会救助科王强跟你说一下那个第七十六项的情况我们十一月上旬已经走访了二百一十三户", "王强"));
        Assert.Equal((MeasureRef.Of(76), "我们十一月上旬已经走访了二百一十三户"), (dictated.Measures, dictated.Text));
        var excused = Assert.IsType<ReportProgress>(Recognize("不好意思这个月忙忘了😂 补报下23号措施进展：10月已对全县38个养老服务站开展排查"));
        Assert.Equal((MeasureRef.Of(23), "10月已对全县38个养老服务站开展排查"), (excused.Measures, excused.Text));
        var changed = Assert.IsType<ReportProgress>(Recognize("第51项补充下进展:11月17日召开专题推进会,印发整改通知2份 状态改推进中"));
        Assert.Equal(("11月17日召开专题推进会,印发整改通知2份", MeasureStatus.InProgress), (changed.Text, changed.NewStatus));
        var marked = Assert.IsType<ReportProgress>(Recognize("第九十项社会组织年检工作已经全部结束了全县一百四十二家参检一百三十六家没参检的六家已经发了限期整改通知这项可以标完成了"));
        Assert.Equal(("社会组织年检工作已经全部结束了全县一百四十二家参检一百三十六家没参检的六家已经发了限期整改通知", MeasureStatus.Done), (marked.Text, marked.NewStatus));
        // "了没" inside a dictated account goes on with it: no question.
        Assert.IsType<ReportProgress>(Recognize("第九十项社会组织年检工作已经全部结束了没参检的六家已经发了限期整改通知这项可以标完成了"));
        // The change with why it is made is a change.
        Assert.IsType<ChangeStatus>(Recognize("No.37、No.38 误点成以完成了😅 都改回未启动"));
    }

    [Fact]
    public void Mentions_typed_full_width_and_a_chief_called_by_surname_and_section_are_no_words()
    {
        Assert.IsType<Acknowledge>(Recognize("＠王强 收到，谢谢王科🙏", "陈奇奇"));
        Assert.IsType<Acknowledge>(Recognize("辛苦各位了，年底再加把劲💪", "巨伟"));
    }

    [Fact]
    public void An_ask_to_the_approver_is_no_part_of_the_reason_and_as_of_now_asks_no_deadline()
    {
        var ask = Assert.IsType<RequestExtension>(Recognize("第88项申请延期到12月底，原因是县里配套文件还没下来 @巨伟 麻烦您批一下🙏"));
        Assert.Equal("县里配套文件还没下来", ask.Reason);
        // A reason that ends in 审批 keeps it.
        Assert.Equal("公墓选址需要自然资源局重新审批", Assert.IsType<RequestExtension>(Recognize("No.36 申请延期至明年3月31号，理由：公墓选址需要自然资源局重新审批")).Reason);
        Assert.IsType<ProgressStatsQuery>(Recognize("截止目前整体完成率多少了", "陈奇奇"));
        Assert.IsType<UnitRankingQuery>(Recognize("目前预期最多的是哪个科室？", "巨伟"));
    }

    [Fact]
    public void Traditional_characters_and_full_width_digits_read_as_typed_in_simplified()
    {
        Assert.Equal(MeasureRef.Of(35), Assert.IsType<RequestClose>(Recognize("第３５項申請銷號，佐證材料已經上傳了")).Measures);
        Assert.Equal(MeasureRef.Of(88), Assert.IsType<ClaimMeasures>(Recognize("我們科認領第８８項")).Measures);
    }

    [Fact]
    public void A_number_put_right_later_in_the_message_replaces_the_one_said_first()
    {
        var update = Assert.IsType<ReportProgress>(Recognize("第66项整改到位，更正一下是65项不是66，敬老院消防通道堵塞问题已全部清理"));
        Assert.Equal((MeasureRef.Of(65), "敬老院消防通道堵塞问题已全部清理", MeasureStatus.Done), (update.Measures, update.Text, update.NewStatus));
    }

    [Fact]
    public void Everyday_forms_of_a_status_a_date_and_a_reason_are_read()
    {
        Assert.Equal(MeasureStatus.Done, Assert.IsType<ChangeStatus>(Recognize("58 → 已完成")).Status);
        Assert.Equal(MeasureStatus.InProgress, Assert.IsType<ChangeStatus>(Recognize("第27项不是未启动，已经在推进了，麻烦改一下状态")).Status);
        Assert.Equal(new DateOnly(2024, 1, 15), Assert.IsType<RequestExtension>(Recognize("第118项申请延期至2024年元月15日，原因：评估报告未出")).NewDeadline);
        Assert.Equal("材料不全", Assert.IsType<ReturnClose>(Recognize("材料不全，第64项先退回去", "陈奇奇")).Reason);
        // Thanks at the end are said to the reader, no part of the account.
        Assert.Equal("本周组织全科学习，签到表已上传", Assert.IsType<ReportProgress>(Recognize("陈老师您好，打扰一下～汇报第90项进展：本周组织全科学习，签到表已上传。谢谢！")).Text);
    }

    [Fact]
    public void A_measure_named_after_the_account_is_the_one_reported()
    {
        var update = Assert.IsType<ReportProgress>(Recognize("殡葬服务中心的收费标准已经在服务大厅公示上墙了，已经整改完了，是第8项"));
        Assert.Equal((MeasureRef.Of(8), "殡葬服务中心的收费标准已经在服务大厅公示上墙了", MeasureStatus.Done), (update.Measures, update.Text, update.NewStatus));
    }

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

    [Theory]
    [InlineData("65 进展：审批流程已修订，正在征求意见，进行中", "审批流程已修订，正在征求意见", MeasureStatus.InProgress)]
    [InlineData("65 进展：审批流程已修订，征求意见已完成", "审批流程已修订，征求意见已完成", null)]
    public void A_report_may_end_with_its_status_as_a_clause_of_its_own(string text, string expected, MeasureStatus? status)
    {
        var update = Assert.IsType<ReportProgress>(Recognize(text));
        Assert.Equal((expected, status), (update.Text, update.NewStatus));
    }

    [Theory]
    [InlineData("第34条已完成，申请销号", true)]
    [InlineData("58、59都弄完了 材料也传了 申请消号", true)]
    [InlineData("51 完成 逾期问题已整改，已申请销号", false)]
    public void A_stated_status_that_ends_asking_for_the_close_review_is_the_request(string text, bool request) =>
        Assert.Equal(request, Recognize(text) is RequestClose);

    [Theory]
    [InlineData("待我审核的", "陈奇奇")]
    [InlineData("有没有要我签字的", "巨伟")]
    [InlineData("需要我这边审的有几个", "陈奇奇")]
    [InlineData("我要审核的有哪些", "陈奇奇")]
    public void What_waits_for_my_review_is_the_close_queue(string text, string sender) =>
        Assert.IsType<PendingCloseQuery>(Recognize(text, sender));

    [Theory]
    [InlineData("哪个单位最慢", true)]
    [InlineData("谁完成得最差", true)]
    [InlineData("最好本周完成", false)]
    [InlineData("社事科进度有点落后", false)]
    public void A_pace_word_ranks_units_only_when_asked_which(string text, bool ranks) =>
        Assert.Equal(ranks, Recognize(text, "巨伟") is UnitRankingQuery { By: RankBy.CompletionRate });

    [Theory]
    [InlineData("哪个单位最慢", true)]
    [InlineData("哪个科室最拖后腿", true)]
    [InlineData("哪个科完成得最好", false)]
    [InlineData("各科室完成率排个名", false)]
    public void Asked_who_lags_the_ranking_puts_the_laggards_first(string text, bool slowestFirst) =>
        Assert.Equal(slowestFirst, Assert.IsType<UnitRankingQuery>(Recognize(text, "巨伟")).SlowestFirst);

    [Theory]
    [InlineData("130条不能延期，年底前必须完成", "巨伟", typeof(RefuseExtension))]
    [InlineData("98号延期 可以", "陈奇奇", typeof(ApproveExtension))]
    [InlineData("51不能按时完成，申请延期到12月底", "李娜", typeof(RequestExtension))]
    [InlineData("98号延期 可以吗", "李娜", typeof(MeasureDetailQuery))]
    public void Who_says_yes_or_no_to_an_extension_and_how(string text, string sender, Type expected) =>
        Assert.IsType(expected, Recognize(text, sender));

    [Theory]
    [InlineData("措施63延到下个月15号，因为要等审计", "2023-12-15")]
    [InlineData("60号延期到12月20 需要等审计结果", "2023-12-20")]
    [InlineData("第35项因省厅配套资金尚未下达，申请延期至本月底，请审核。", "2023-11-30")]
    public void An_extension_date_may_be_said_as_people_say_it(string text, string date) =>
        Assert.Equal(DateOnly.Parse(date), Assert.IsType<RequestExtension>(Recognize(text)).NewDeadline);

    [Fact]
    public void A_formal_extension_gives_its_cause_not_its_closing_courtesy() =>
        Assert.Equal("省厅配套资金尚未下达", Assert.IsType<RequestExtension>(Recognize("第35项因省厅配套资金尚未下达，申请延期至2023年12月31日，请审核。")).Reason);

    [Theory]
    [InlineData("措施64具体是什么内容", 64)]
    [InlineData("51不同意延期", 51)]
    public void A_number_before_these_words_is_a_measure(string text, int number) =>
        Assert.Contains(number, MeasureReferenceParser.FindAll(text, UnderstandingFixture.Context()).SelectMany(m => m.Ref?.Numbers ?? []));

    [Fact]
    public void A_number_of_remains_is_no_measure() =>
        Assert.Equal([51], Assert.IsType<ReportProgress>(Recognize("51 已迁移散埋坟墓12具遗骸")).Measures.Numbers);

    [Theory]
    [InlineData("23条材料我看了没问题，同意销号", "陈奇奇", typeof(ApproveClose))]
    [InlineData("23条材料交了没", "陈奇奇", typeof(MeasureDetailQuery))]
    public void No_problem_is_no_question(string text, string sender, Type expected) =>
        Assert.IsType(expected, Recognize(text, sender));

    [Theory]
    [InlineData("陈奇奇", typeof(ApproveClose))]
    [InlineData("巨伟", typeof(SignClose))]
    public void A_yes_to_a_close_is_the_offices_review_or_the_leaders_signature(string sender, Type expected) =>
        Assert.IsType(expected, Recognize("措施15、16同意销号", sender));

    [Fact]
    public void A_spoken_report_drops_its_fillers() =>
        Assert.Equal("已经和医保局对接了", Assert.IsType<ReportProgress>(Recognize("嗯那个措施31的进度就是嗯已经和医保局对接了")).Text);

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
    [InlineData("绑定 幺三五七九二", "135792")]
    [InlineData("绑定 零一二三四五", "012345")]
    public void A_bind_code_is_recognised(string text, string code) =>
        Assert.Equal(code, Assert.IsType<BindWithCode>(Recognize(text)).Code);

    [Fact]
    public void Voice_input_homophones_are_read_as_meant()
    {
        var report = Assert.IsType<ReportProgress>(Recognize("第三十五项已经万成了 全县低保对象都复核完了", "王强"));
        Assert.Equal((MeasureStatus.Done, "全县低保对象都复核完了"), (report.NewStatus, report.Text));
        Assert.Equal([20], Assert.IsType<ClaimMeasures>(Recognize("第二是项由殡服中心牵头负责", "陈奇奇")).Measures.Numbers);
    }

    [Fact]
    public void A_sign_off_ends_the_report_before_it()
    {
        var report = Assert.IsType<ReportProgress>(Recognize("巨局您好！向您汇报一下第二十三项的进展：11月20日对全县23家养老机构开展了消防安全隐患排查，已全部整改到位，该项已经完成了。特此汇报，请巨局指导🙏"));
        Assert.Equal((MeasureRef.Of(23), "11月20日对全县23家养老机构开展了消防安全隐患排查，已全部整改到位", MeasureStatus.Done), (report.Measures, report.Text, report.NewStatus));
        // "有什么不到位的" asks nothing: it is the sign-off's.
        Assert.IsType<ReportProgress>(Recognize("巨局好 跟您汇报一下五十二项的情况 备用金已经全部下拨到十五个乡镇了 有什么不到位的请巨局批评指正", "王强"));
        Assert.Equal("财政那边说年底前拨不下来", Assert.IsType<RequestExtension>(Recognize("陈主任您好，第九十三项财政那边说年底前拨不下来，想申请延期到明年春节前，麻烦您帮忙审一下，谢谢！")).Reason);
    }

    [Fact]
    public void The_office_naming_a_unit_that_helps_decides_its_co_claim()
    {
        Assert.Equal(MeasureRef.Of(103), Assert.IsType<ApproveClaim>(Recognize("同意社会事务科协助103项", "陈奇奇")).Measures);
        Assert.Equal(MeasureRef.Of(104), Assert.IsType<ApproveClaim>(Recognize("救助科配合104那条，同意", "陈奇奇")).Measures);
        // From a unit, the same words are its own claim to help.
        Assert.True(Assert.IsType<ClaimMeasures>(Recognize("一百零三项我们科配合一起做", "李娜")).CoClaim);
    }

    [Fact]
    public void A_write_that_names_no_measure_offers_the_one_talked_about()
    {
        var clarify = Assert.IsType<Clarify>(Recognize("延到月底", "王强", focus: 23));
        Assert.Equal([23], Assert.IsType<RequestExtension>(Assert.Single(clarify.Options).Intent).Measures.Numbers);
        // Nothing talked about: the question alone.
        Assert.Empty(Assert.IsType<Clarify>(Recognize("延到月底", "王强")).Options);
    }

    [Fact]
    public void A_day_alone_is_a_date_where_one_is_asked_for()
    {
        Assert.Equal(new DateOnly(2023, 11, 30), Assert.IsType<DueQuery>(Recognize("30号到期的？", "陈奇奇")).Window.From);
        Assert.Equal([30], Assert.IsType<MeasureDetailQuery>(Recognize("30号进展怎么样", "陈奇奇")).Measures.Numbers);
    }

    [Theory]
    [InlineData("我刘洋，救助科新来的", "刘洋")]
    [InlineData("你好，我是刘晓燕，巨局新来的秘书，以后帮巨局跟一下整改进度，请多关照", "刘晓燕")]
    [InlineData("您好，我是社会救助科王强，换了个新手机企业微信要重新登", "王强")]
    public void Who_someone_says_they_are_is_a_claim_to_check(string text, string person) =>
        Assert.Equal(person, Assert.IsType<BindIdentity>(Recognize(text, "新人")).PersonName);

    [Fact]
    public void A_status_said_before_the_next_steps_is_the_reports_and_no_part_of_its_text()
    {
        var report = Assert.IsType<ReportProgress>(Recognize("52 临时救助备用金已经全部下拨到十五个乡镇了 目前还在推进中 下一步我们准备到乡镇实地督导", "王强"));
        Assert.Equal(("临时救助备用金已经全部下拨到十五个乡镇了 下一步我们准备到乡镇实地督导", MeasureStatus.InProgress), (report.Text, report.NewStatus));
    }

    [Fact]
    public void Dictation_drops_what_the_measure_is_about_and_how_it_ends()
    {
        var report = Assert.IsType<ReportProgress>(Recognize("那个第三十七项啊就是低保动态管理那个我们这周已经把全县的低保户重新核了一遍这个就算完成了", "王强"));
        Assert.Equal(("我们这周已经把全县的低保户重新核了一遍", MeasureStatus.Done), (report.Text, report.NewStatus));
        Assert.Equal("我们这周开展了消防安全排查", Assert.IsType<ReportProgress>(Recognize("第十二项就是养老机构安全那个我们这周开展了消防安全排查嗯就这样")).Text);
    }

    [Fact]
    public void A_status_change_is_told_apart_from_its_account_and_from_a_change_told_of()
    {
        var report = Assert.IsType<ReportProgress>(Recognize("（62）三季度救助资金发放情况已报县财政，数据已核对无误，状态改为长期坚持", "王强"));
        Assert.Equal(("三季度救助资金发放情况已报县财政，数据已核对无误", MeasureStatus.Ongoing), (report.Text, report.NewStatus));
        Assert.Equal(MeasureStatus.Ongoing, Assert.IsType<ChangeStatus>(Recognize("第58条上周我手快点成已完成了，其实这个每季度都要做，应该是长期坚持，帮忙改一下🙏")).Status);
        Assert.IsType<MeasureDetailQuery>(Recognize("第１２项现在系统里是啥状态？上次好像被改成已完成了"));
        // A change told of beside one asked for: the verb that is not 被's sets.
        var asked = Assert.IsType<ChangeStatus>(Recognize("第12项上次被改成已完成了，麻烦改成推进中"));
        Assert.Equal(("12", MeasureStatus.InProgress), (string.Join(",", asked.Measures.Numbers), asked.Status));
    }

    [Fact]
    public void The_offices_short_decisions_on_a_queue_are_read_as_it_means_them()
    {
        var context = UnderstandingFixture.Context("陈奇奇", [56, 97]);
        Assert.Equal([56, 97], Assert.IsType<ApproveClaim>(RuleIntentRecognizer.Recognize("认领这俩都过", context)).Measures.Numbers);
        var returned = Assert.IsType<ReturnClose>(RuleIntentRecognizer.Recognize("最后那个销号也先不批，台账上没盖公章", UnderstandingFixture.Context("陈奇奇", [12, 88])));
        Assert.Equal([88], returned.Measures.Numbers);
        Assert.Equal("台账上没盖公章", returned.Reason);
        Assert.Equal("佐证里缺救助对象签字的审批表", Assert.IsType<ReturnClose>(Recognize("52号的销号申请我看了，佐证里缺救助对象签字的审批表，退回去补一下", "陈奇奇")).Reason);
    }

    [Fact]
    public void The_unit_asked_about_is_not_the_senders_told_of_in_another_clause() =>
        Assert.Equal("殡葬服务中心", Assert.IsType<OverdueQuery>(Recognize("周末在家把材料又捋了一遍，问一下殡服中心那边现在超期的有几条，我们有两项要跟他们对接", "王强")).Unit!.Name);

    [Fact]
    public void An_assignment_with_every_other_unit_helping_is_no_co_claim() =>
        Assert.False(Assert.IsType<ClaimMeasures>(Recognize("第１２０项，由规划财务科牵头，其他单位配合", "陈奇奇")).CoClaim);

    [Fact]
    public void A_close_asked_for_politely_is_asked_for() =>
        Assert.Equal(MeasureRef.Of(23), Assert.IsType<RequestClose>(Recognize("第23项 长效机制已经建立了，制度文件10月份印发了，我们想申请销号，可以吗")).Measures);

    [Fact]
    public void A_window_told_of_in_other_words_gives_way_to_the_question()
    {
        Assert.IsType<ProgressStatsQuery>(Recognize("我这周刚接手整改工作，完成率现在多少？", "巨伟"));
        Assert.IsType<ProgressStatsQuery>(Recognize("明天要去县里汇报，现在长期坚持的有多少条、已完成的多少条，给我个数", "巨伟"));
        Assert.Equal("本月", Assert.IsType<CompletedQuery>(Recognize("本月已经完成的有哪些？月底要汇总", "陈奇奇")).Window.Label);
        Assert.IsType<NotUnderstood>(Recognize("各位同事，从本周起整改工作由巨局亲自抓，请各科室每周五前把进度更新到位，谢谢配合！", "陈奇奇"));
    }

    [Fact]
    public void All_but_a_place_in_the_list_shown_names_the_rest_of_it_and_nothing_when_nothing_is_left()
    {
        var returned = Assert.IsType<ReturnClose>(RuleIntentRecognizer.Recognize("除了第二个其余都退回 佐证材料只有照片", UnderstandingFixture.Context("陈奇奇", [12, 35, 77])));
        Assert.Equal([12, 77], returned.Measures.Numbers);
        // Under a list of one, "the others" are none: nothing is decided, least of all the one set apart.
        Assert.IsNotType<ApproveExtension>(RuleIntentRecognizer.Recognize("除了第一个 其余都同意", UnderstandingFixture.Context("陈奇奇", [9]) with { ListTitle = RectifyBot.Conversation.Handlers.OfficeHandlers.ExtensionsTitle }));
    }

    [Theory]
    [InlineData("1和3同意", "陈奇奇", "12,47")]
    [InlineData("1、3 同意", "陈奇奇", "12,47")]
    [InlineData("第1和第3个同意", "陈奇奇", "12,47")]
    [InlineData("1到2都过", "陈奇奇", "12,31")]
    [InlineData("2退回 材料不全", "陈奇奇", "31")]
    [InlineData("1 3 签了", "巨伟", "12,47")]
    public void Bare_numbers_over_a_queue_without_those_measures_are_its_places_for_who_decides_it(string text, string sender, string measures)
    {
        var queue = UnderstandingFixture.Context(sender, [12, 31, 47]) with { ListTitle = RectifyBot.Conversation.Handlers.OfficeHandlers.ClosesTitle };
        var decided = RuleIntentRecognizer.Recognize(text, queue) switch
        {
            ApproveClose a => a.Measures,
            ReturnClose r => r.Measures,
            SignClose s => s.Measures,
            var other => throw new Xunit.Sdk.XunitException($"{text}: {other}"),
        };
        Assert.Equal(measures, string.Join(",", decided.Numbers));
        // Under a list that is no queue, or from unit staff, the numbers are measures.
        Assert.Equal([1], Assert.IsType<MeasureDetailQuery>(RuleIntentRecognizer.Recognize("1的情况", queue with { ListTitle = "社会事务科的逾期措施" })).Measures.Numbers);
        Assert.Equal([1, 3], Assert.IsType<RequestClose>(RuleIntentRecognizer.Recognize("1和3申请销号", UnderstandingFixture.Context("李娜", [12, 31, 47]) with { ListTitle = queue.ListTitle })).Measures.Numbers);
    }

    /// <summary>What the forty-second session's blind sets taught, each in other words than the sets' (today is 2023-11-21, a Tuesday).</summary>
    [Theory]
    // Places: the middle of an odd list, a range of them, the list they are picked from, all but one with what is put off.
    [InlineData("中间的那项退回去，缺会议记录", "陈奇奇", "5,9,14", "intent=ReturnClose; measures=9; reason=缺会议记录")]
    [InlineData("第二个到第四个什么情况", "李娜", "5,9,14,20", "intent=MeasureDetailQuery; measures=9,14,20")]
    [InlineData("上面那5个里头第三个，昨天已经把整改通知印发了", "李娜", "5,9,14,20,33", "intent=ReportProgress; measures=14; text=昨天已经把整改通知印发了")]
    [InlineData("这几个除了第一个都过 第一个我明天再看", "陈奇奇", "5,9,14", "intent=ApproveClose; measures=9,14")]
    // Windows: from one named day to another; a weekend said with its week.
    [InlineData("前天到今天完成了哪些", "陈奇奇", "", "intent=CompletedQuery; window=2023-11-19..2023-11-21")]
    [InlineData("上周末到昨天完成了哪些", "陈奇奇", "", "intent=CompletedQuery; window=2023-11-18..2023-11-20")]
    [InlineData("下周末到期的有哪些", "陈奇奇", "", "intent=DueQuery; window=2023-12-02..2023-12-03")]
    [InlineData("周末到期的有哪些", "陈奇奇", "", "intent=DueQuery; window=2023-11-25..2023-11-26")]
    [InlineData("周末完成了哪些", "巨伟", "", "intent=CompletedQuery; window=2023-11-18..2023-11-19")]
    // Who one is, then clauses that ask and report nothing.
    [InlineData("大家好，我是救助科的孙丽，上个月从民政所调上来，以后多联系", "新人", "", "intent=BindIdentity; person=孙丽")]
    // Handovers: someone's work to someone else, 由…接手; one's own, dictated without a break.
    [InlineData("赵敏同志下周起借调到县委办，这段时间她负责的措施由刘洋接手", "陈奇奇", "", "from=赵敏; intent=HandOver; to=刘洋")]
    [InlineData("陈主任好我下个月调走了我手上的整改任务都交给孙丽她都清楚", "李娜", "", "from=李娜; intent=HandOver; to=孙丽")]
    // A question first, then a remark: the remark's 没人管 or 交接 asks nothing.
    [InlineData("殡服中心还有多少逾期的？合并以后怕没人管", "陈奇奇", "", "intent=OverdueQuery; unit=殡葬服务中心")]
    [InlineData("把社会救助科没完成的列一下，下周要交接", "陈奇奇", "", "filter=Open; intent=MeasureListQuery; unit=社会救助科")]
    // The unit asked about as 他们, beside the sender's own.
    [InlineData("殡服中心的活划到我们科了，他们逾期的有哪些？", "李娜", "", "intent=OverdueQuery; unit=殡葬服务中心")]
    // A slip named in two words; a report said after 把…再更新一下; what is left as the account; where to reach the writer.
    [InlineData("第12项，不对说错了，是第21项：入户核查已完成两个村", "李娜", "", "intent=ReportProgress; measures=21; text=入户核查已完成两个村")]
    [InlineData("我趁今天把第三十项再更新一下已经召开了专题会", "李娜", "", "intent=ReportProgress; measures=30; text=已经召开了专题会")]
    [InlineData("第9项还剩两个社区没走访", "李娜", "", "intent=ReportProgress; measures=9; text=还剩两个社区没走访")]
    [InlineData("第9项已完成，有事随时联系我", "李娜", "", "intent=ChangeStatus; measures=9; status=Done")]
    // That it fell due is no reason for the extension.
    [InlineData("第9项上周就逾期了，系统还没上线，申请延到12月15号", "李娜", "", "date=2023-12-15; intent=RequestExtension; measures=9; reason=系统还没上线")]
    // Called off, with what comes next; thanks with a promise; the assistant's abilities; who one is bound as; more.
    [InlineData("算了 先不批了 等材料齐了再说", "陈奇奇", "", "intent=CancelPending")]
    [InlineData("收到，周五前保证弄完", "李娜", "", "intent=Acknowledge")]
    [InlineData("助手，语音转的字你认得不", "李娜", "", "intent=Help")]
    [InlineData("我这个号绑在哪个单位了", "李娜", "", "intent=WhoAmI")]
    [InlineData("还有吗？就这3个？", "陈奇奇", "5,9,14", "intent=ShowMore")]
    // From the round's held-out sets' misses: a document's number, places in a range, a report for a colleague after whose it is,
    // 签字 in unit staff's account, a voice slip, a cancel after 哦, what "this thing" can do.
    [InlineData("第9项已印发实施细则并组织全员学习（县民发〔2023〕41号）", "李娜", "", "intent=ReportProgress; measures=9; text=已印发实施细则并组织全员学习（县民发〔2023〕41号）")]
    [InlineData("第1到第3个都退回，缺签字", "陈奇奇", "5,9,14,20", "intent=ReturnClose; measures=5,9,14; reason=缺签字")]
    [InlineData("老张住院了，他手上的第30项我帮他报一下：已完成两个乡镇的排查", "李娜", "", "intent=ReportProgress; measures=30; text=已完成两个乡镇的排查")]
    [InlineData("第30项今天把走访记录都收齐了，签字也补签了", "李娜", "", "intent=ReportProgress; measures=30; text=今天把走访记录都收齐了，签字也补签了")]
    [InlineData("沿期的申请有几个", "陈奇奇", "", "intent=PendingExtensionQuery")]
    [InlineData("哦不用了", "李娜", "", "intent=CancelPending")]
    [InlineData("刚来不太懂 这东西能查点啥", "新人", "", "intent=Help")]
    public void The_forty_second_rounds_readings(string text, string sender, string list, string expected) => Reads(text, sender, list, expected);

    /// <summary>
    /// The message read as <paramref name="sender"/> just after a list of <paramref name="list"/> ("5,9,14"; empty for none)
    /// and while <paramref name="focus"/> is talked about, slot by slot.
    /// </summary>
    private static void Reads(string text, string sender, string list, string expected, int? focus = null)
    {
        var context = UnderstandingFixture.Context(sender, list.Length == 0 ? [] : [.. list.Split(',').Select(int.Parse)], focus);
        var slots = UnderstandingFixture.Describe(RuleIntentRecognizer.Recognize(text, context));
        Assert.Equal(expected, string.Join("; ", slots.Select(p => $"{p.Key}={p.Value}")));
    }

    /// <summary>What the forty-third session's blind sets taught, each in other words than the sets'.</summary>
    [Theory]
    // Chatter, then 对了 turning to the point; a question asked both ways before a particle; being bound, asked.
    [InlineData("最近下乡太累了 对了，第15项已经完成了", "李娜", "", "intent=ChangeStatus; measures=15; status=Done")]
    [InlineData("第十五项跟第十七项到底完成没有啊领导在催", "李娜", "", "intent=MeasureDetailQuery; measures=15,17")]
    [InlineData("我绑上了没有 显示的是哪个科室", "新人", "", "intent=WhoAmI")]
    [InlineData("大家好，我是低保中心的周涛，11月15日刚到岗", "新人", "", "intent=BindIdentity; person=周涛")]
    // Not begun, and not finished, in everyday words; the status said twice; a paragraph asked for after a status.
    [InlineData("第22项还没开始 等资金下来", "李娜", "", "intent=ReportProgress; measures=22; status=NotStarted; text=等资金下来")]
    [InlineData("第22项还没做完，还在整改，剩一个村没核", "李娜", "", "intent=ReportProgress; measures=22; status=InProgress; text=剩一个村没核")]
    [InlineData("第12项尚未启动，帮我写一段整改情况说明", "陈奇奇", "", "intent=DraftStatusParagraph; measures=12")]
    [InlineData("第12项已召开专题会议 下周去村里复核 就这些", "李娜", "", "intent=ReportProgress; measures=12; text=已召开专题会议 下周去村里复核")]
    // That the date cannot be kept is no reason for the extension.
    [InlineData("第22项怕是赶不上了，省里文件还没下来，申请延到12月20号", "李娜", "", "date=2023-12-20; intent=RequestExtension; measures=22; reason=省里文件还没下来")]
    // More of a list doubted; a trend asked as 起色; one by one is no measure.
    [InlineData("还有呢 不止这两个吧", "陈奇奇", "5,9", "intent=ShowMore")]
    [InlineData("这个月进度有没有点起色", "巨伟", "", "intent=TrendQuery")]
    [InlineData("别一条条问了 把整改进展报告直接生成一份", "陈奇奇", "", "intent=GenerateStatusReport")]
    // Several at once: to see who leads them; digits rising after 第; all but one of a list; 还有 joining the last.
    [InlineData("31到33项的牵头单位发我一下", "李娜", "", "intent=MeasureDetailQuery; measures=31,32,33")]
    [InlineData("第二五八项现在什么情况", "李娜", "", "intent=MeasureDetailQuery; measures=2,5,8")]
    [InlineData("除了第一个，另外几条都同意销号", "陈奇奇", "5,9,14", "intent=ApproveClose; measures=9,14")]
    [InlineData("除了9，其余的都同意销号", "陈奇奇", "5,9,14", "intent=ApproveClose; measures=5,14")]
    [InlineData("第七十一 七十二还有七十五项都已完成", "李娜", "", "intent=ChangeStatus; measures=71,72,75; status=Done")]
    // How to say it, with an example; a cancel of what was talked about; a landline; whether only one is left.
    [InlineData("能不能一起报？比如第5、6项进展怎么写", "新人", "", "intent=Help")]
    [InlineData("算了 那两条先不弄了", "李娜", "", "intent=CancelPending")]
    [InlineData("有急事打0771-3845210，我们周五前都在下乡", "李娜", "", "intent=NotUnderstood")]
    [InlineData("我们科没办完的是不是就剩第12项了", "李娜", "", "filter=Open; intent=MeasureListQuery; unit=社会事务科")]
    // From the round's held-out sets' misses: a leader's 签吧; a transfer dictated without a break; a remark, then 对了; 销号没有;
    // called off with what comes next; not finished, then still under way; what a report needs; a paragraph's problem after
    // the request; who one is bound as; what will be said in person.
    [InlineData("这三个我都看过了 签吧", "巨伟", "3,19,40", "intent=SignClose; measures=3,19,40")]
    [InlineData("第7 8项转给低保中心吧 这两项都是低保中心的活 不归我们科", "李娜", "", "intent=ClaimMeasures; measures=7,8; unit=低保中心")]
    [InlineData("第12项的佐证我明天补 对了 我们科下周有哪些到期的", "李娜", "", "intent=DueQuery; unit=社会事务科; window=2023-11-27..2023-12-03")]
    [InlineData("第八十八项销号没有", "李娜", "", "intent=MeasureDetailQuery; measures=88")]
    [InlineData("算了 不用发了 我回头自己去系统里看", "李娜", "", "intent=CancelPending")]
    [InlineData("算了，不用打了", "陈奇奇", "", "intent=CancelPending")]
    [InlineData("第33项还没完成 还在推进中 剩两个村", "李娜", "", "intent=ReportProgress; measures=33; status=InProgress; text=剩两个村")]
    [InlineData("周报要用，把全局完成率统计一下发我", "陈奇奇", "", "intent=ProgressStatsQuery")]
    [InlineData("请帮我写一段殡葬服务收费不规范这个问题的整改情况", "巨伟", "", "intent=DraftStatusParagraph; problem=殡葬服务收费不规范")]
    [InlineData("我绑定的身份是哪个，现在挂在哪个科", "新人", "", "intent=WhoAmI")]
    [InlineData("认领的事我明天去找陈主任当面说", "李娜", "", "intent=NotUnderstood")]
    // The session's second round: a 报告 or 请示 pasted whole (its frame no part of it); what is conditional, or later; 已阅;
    // formal introductions and questions; a unit put forward as lead; figures in an account, a dashed window, a rank, a count
    // of what is left; chatter in clauses of its own before a report.
    [InlineData("关于第30项整改落实情况的报告\n整改办：\n现将第30项整改落实情况报告如下：我科已完成全部走访，共走访82户。\n附件：走访台账\n联系人：李娜 电话：6210001", "李娜", "", "intent=ReportProgress; measures=30; text=我科已完成全部走访，共走访82户")]
    [InlineData("关于第31项整改落实情况的报告\n整改办：\n我科已修订工作规程并印发执行。\n联系人：李娜", "李娜", "", "intent=ReportProgress; measures=31; text=我科已修订工作规程并印发执行")]
    [InlineData("关于调整第40项整改完成时限的请示\n整改办：\n因县数据平台尚未上线，按期完成确有困难，特申请将第40项完成时限调整至2023年12月31日。\n妥否，请批示。\n社会事务科\n2023年11月21日", "李娜", "", "date=2023-12-31; intent=RequestExtension; measures=40; reason=县数据平台尚未上线，按期完成确有困难")]
    [InlineData("第40项申请延期至12月31日，因为资金未拨付。请予审核。", "李娜", "", "date=2023-12-31; intent=RequestExtension; measures=40; reason=资金未拨付")]
    [InlineData("如果周五前还没消息我就去问，现在我们科逾期的有哪些？", "李娜", "", "intent=OverdueQuery; unit=社会事务科")]
    [InlineData("第40项等材料齐了再申请销号", "李娜", "", "intent=NotUnderstood")]
    [InlineData("要是资金月底还不到位，第40项我们就申请延期", "李娜", "", "intent=NotUnderstood")]
    [InlineData("第40项现在申请销号还来得及吗", "李娜", "", "intent=MeasureDetailQuery; measures=40")]
    [InlineData("好的，我下周二再把台账补上", "李娜", "", "intent=Acknowledge")]
    [InlineData("已阅。", "巨伟", "", "intent=Acknowledge")]
    [InlineData("本人系社会救助科新调入工作人员周强，现申请绑定身份。", "新人", "", "intent=BindIdentity; person=周强")]
    [InlineData("你好 我是低保中心新来的信息员刘敏", "新人", "", "intent=BindIdentity; person=刘敏")]
    [InlineData("请问本人所属单位是哪个？", "新人", "", "intent=WhoAmI")]
    [InlineData("初次使用，请问都能办理哪些业务", "新人", "", "intent=Help")]
    [InlineData("目前还有哪些措施未明确牵头单位", "陈奇奇", "", "intent=UnclaimedQuery")]
    [InlineData("经核实，第64项不属我科职责，建议由低保中心牵头", "李娜", "", "intent=ClaimMeasures; measures=64; unit=低保中心")]
    [InlineData("第88项的转交申请按程序退回，仍由社会救助科负责", "陈奇奇", "", "intent=RefuseTransfer; measures=88; reason=仍由社会救助科负责")]
    [InlineData("统计一下12.5-12.20到期的有哪些", "陈奇奇", "", "intent=DueQuery; window=2023-12-05..2023-12-20")]
    [InlineData("按逾期数给各科室排个名，排前2的约谈", "巨伟", "", "by=overdue; intent=UnitRankingQuery")]
    [InlineData("帮我看下低保中心没完成的，他们说只剩5条了", "陈奇奇", "", "filter=Open; intent=MeasureListQuery; unit=低保中心")]
    [InlineData("第73项 ①审批时限压缩至5个工作日；②发放资金12.3万元，单笔最高￥8,000", "王强", "", "intent=ReportProgress; measures=73; text=①审批时限压缩至5个工作日；②发放资金12.3万元，单笔最高￥8,000")]
    [InlineData("刚才第12项那条撤回，户数填错了，我重新发", "李娜", "", "intent=Undo")]
    [InlineData("还有呢？后面那10多条也发我一下", "陈奇奇", "5,9,14", "intent=ShowMore")]
    [InlineData("截至今天全局整体完成了多少 完成率多少", "巨伟", "", "intent=ProgressStatsQuery")]
    [InlineData("今天跑了一天 累 第27项报一下：已拨付资金56.7万元，惠及432户", "李娜", "", "intent=ReportProgress; measures=27; text=已拨付资金56.7万元，惠及432户")]
    [InlineData("社会救助科汇报第23项整改进展：实施细则已印发执行，该项已完成。", "王强", "", "intent=ReportProgress; measures=23; status=Done; text=实施细则已印发执行")]
    [InlineData("喂陈主任 我们科长让我跟您说一下第十五项的情况 已经复核了两千户", "李娜", "", "intent=ReportProgress; measures=15; text=已经复核了两千户")]
    [InlineData("他那几条等他出差回来我再一起报", "李娜", "", "intent=NotUnderstood")]
    // The third round: 补一句; a unit's label before the measure; a dictated extension with no break before the ask; how to
    // send, and its format; 不查了 and 下周再说; a unit given up to one named before the words; an assignment to a unit the
    // office cannot place is asked about; whether one is bound there.
    [InlineData("这条补一句 佐证材料已经上传", "李娜", "", "intent=ReportProgress; measures=47; text=佐证材料已经上传", 47)]
    [InlineData("社会事务科第30项 本周入户走访12户 这项长期坚持", "李娜", "", "intent=ReportProgress; measures=30; status=Ongoing; text=本周入户走访12户")]
    [InlineData("第30项因为乡镇数据还没报上来我们实在是完不成想申请延期到12月20号", "李娜", "", "date=2023-12-20; intent=RequestExtension; measures=30; reason=乡镇数据还没报上来")]
    [InlineData("申请销号要怎么发 有格式吗", "李娜", "", "intent=Help")]
    [InlineData("算了不看了 下周再说", "陈奇奇", "", "intent=CancelPending")]
    [InlineData("第30项其实一直是低保中心在管不是我们科的 麻烦转给他们", "李娜", "", "intent=ClaimMeasures; measures=30; unit=低保中心")]
    [InlineData("第30项由他们牵头", "陈奇奇", "", "intent=Clarify; options=")]
    [InlineData("我现在是不是绑在社会事务科", "新人", "", "intent=WhoAmI")]
    // The fourth round: a return told of is no return (asked about, worked on, or why an extension is asked); the leader's
    // 我都签; 怎么重新提交; dates after a holiday, 正月十五, a year so far; 转为长期坚持; thanks after a date.
    [InlineData("第30项怎么又被退回来了", "李娜", "", "intent=MeasureDetailQuery; measures=30")]
    [InlineData("退回的第30项 整改前后对比照片已经补传了", "李娜", "", "intent=ReportProgress; measures=30; text=整改前后对比照片已经补传了")]
    [InlineData("第30项退回要补的台账得重新整理 时间不够 申请延期到月底", "李娜", "", "date=2023-11-30; intent=RequestExtension; measures=30; reason=退回要补的台账得重新整理 时间不够")]
    [InlineData("第30项退回以后都补了什么", "陈奇奇", "", "intent=MeasureDetailQuery; measures=30")]
    [InlineData("这两个我都签", "巨伟", "12,76", "intent=SignClose; measures=12,76")]
    [InlineData("销号退回来了要怎么重新提交", "新人", "", "intent=Help")]
    [InlineData("第30项申请延到元旦后的1月10号 谢谢", "李娜", "", "date=2024-01-10; intent=RequestExtension; measures=30")]
    [InlineData("第30项申请延期到正月十五，春节期间走访多", "李娜", "", "date=2024-02-24; intent=RequestExtension; measures=30; reason=春节期间走访多")]
    [InlineData("今年以来销号了哪些", "巨伟", "", "intent=CompletedQuery; window=2023-01-01..2023-11-21")]
    [InlineData("第30项 巡查机制已经建立 转为长期坚持", "李娜", "", "intent=ReportProgress; measures=30; status=Ongoing; text=巡查机制已经建立")]
    public void The_forty_third_rounds_readings(string text, string sender, string list, string expected, int? focus = null) => Reads(text, sender, list, expected, focus);

    /// <summary>What the forty-fourth session's blind sets taught (English and chat slang; messages sent again, passed on, or twice), each in other words than the sets'.</summary>
    [Theory]
    // English words and chat slang read as the Chinese they stand for: a list's place, a number list, a status, a queue, a report.
    [InlineData("item 8 and 9 都done了，公示照片传了", "李娜", "", "intent=ReportProgress; measures=8,9; status=Done; text=公示照片传了")]
    [InlineData("3rd那条close掉吧 材料齐了 申请销号", "李娜", "4,18,26", "intent=RequestClose; measures=26")]
    [InlineData("延期pending的还有几个", "陈奇奇", "", "intent=PendingExtensionQuery")]
    [InlineData("上周done了哪些", "巨伟", "", "intent=CompletedQuery; window=2023-11-13..2023-11-19")]
    [InlineData("帮我generate一份整改进展报告 asap", "陈奇奇", "", "intent=GenerateStatusReport")]
    [InlineData("Item 12 ddl想延到12月20号 乡镇数据还没报齐 DBQ [捂脸]", "李娜", "", "date=2023-12-20; intent=RequestExtension; measures=12; reason=乡镇数据还没报齐")]
    [InlineData("emmm 算了 不用查了", "陈奇奇", "", "intent=CancelPending")]
    [InlineData("hhh 会上又被点名done了没 yyds", "李娜", "", "intent=NotUnderstood")]
    // Sent again: after saying why, before or after the measure; what follows, alone or with the first clause naming it.
    [InlineData("网断了一下，不确定发出去没有，重发一下：第9项，已完成14个村的摸排", "李娜", "", "intent=ReportProgress; measures=9; text=已完成14个村的摸排")]
    [InlineData("第9项再发一遍：已完成14个村的摸排", "李娜", "", "intent=ReportProgress; measures=9; text=已完成14个村的摸排")]
    [InlineData("（40）延期那个，刚才没发出去，再说一次：不同意，年底前必须完成", "陈奇奇", "", "intent=RefuseExtension; measures=40; reason=年底前必须完成")]
    [InlineData("刚才没发出去，重新说一下：我是低保中心新来的周涛", "新人", "", "intent=BindIdentity; person=周涛")]
    [InlineData("信号不好发了好几次也不知道进去哪条了 第9项我再说一遍 已完成14个村的摸排", "李娜", "", "intent=ReportProgress; measures=9; text=已完成14个村的摸排")]
    // Passed on in quotes; pasted twice; a duplicate taken back; a status said as what the work is.
    [InlineData("替小刘转一下：“第9项：已完成14个村的摸排，剩2个村”", "李娜", "", "intent=ReportProgress; measures=9; text=已完成14个村的摸排，剩2个村")]
    [InlineData("第9项 已完成14个村的摸排\n第9项 已完成14个村的摸排", "李娜", "", "intent=ReportProgress; measures=9; text=已完成14个村的摸排")]
    [InlineData("刚才第9项那条发重了，撤回", "李娜", "", "intent=Undo")]
    [InlineData("刚才多发了一条 撤回", "李娜", "", "intent=Undo")]
    [InlineData("第9项 已开展宣传进村12场，这个是长期坚持的", "李娜", "", "intent=ReportProgress; measures=9; status=Ongoing; text=已开展宣传进村12场")]
    // A move in the conversation, then a remark for the chat; how to tell whether a message arrived.
    [InlineData("还有吗？刚才没刷出来", "陈奇奇", "5,9", "intent=ShowMore")]
    [InlineData("收到 ok 辛苦", "巨伟", "", "intent=Acknowledge")]
    [InlineData("算了，不用了，我已经报过了", "李娜", "", "intent=CancelPending")]
    [InlineData("怎么知道我报的东西有没有记上？", "李娜", "", "intent=Help")]
    // Being bound, with chat words around it; joining in, with why.
    [InlineData("hello 我是低保中心的周涛 最近新来的 pls帮我绑一下 thx", "新人", "", "intent=BindIdentity; person=周涛")]
    [InlineData("#88 我们科可以一起配合 这块数据我们熟", "李娜", "", "coClaim=true; intent=ClaimMeasures; measures=88; unit=社会事务科")]
    // The session's second round, the hardest messages its writers could think of: a delay told of, an extension given up, a
    // cause before 所以, words of a request inside an account, a complaint asked then a request, a decision then what follows it.
    [InlineData("第40项：原定11月10日的培训因下雪延期到11月16日，现已办完，参训52人", "李娜", "", "intent=ReportProgress; measures=40; text=原定11月10日的培训因下雪延期到11月16日，现已办完，参训52人")]
    [InlineData("第40项本来想申请延期的，后来周末加班弄完了，还是申请销号吧", "李娜", "", "intent=RequestClose; measures=40")]
    [InlineData("乡镇数据还没报齐，所以第40项想延期到月底", "李娜", "", "date=2023-11-30; intent=RequestExtension; measures=40; reason=乡镇数据还没报齐")]
    [InlineData("【40】发动爱心人士认领助学岗位，已认领35个", "李娜", "", "intent=ReportProgress; measures=40; text=发动爱心人士认领助学岗位，已认领35个")]
    [InlineData("40项 根据省厅文件要求，已完成全部核查", "李娜", "", "intent=ReportProgress; measures=40; text=根据省厅文件要求，已完成全部核查")]
    [InlineData("第40项怎么分到我们科来了？这是低保中心的事，麻烦转给他们", "李娜", "", "intent=ClaimMeasures; measures=40; unit=低保中心")]
    [InlineData("40号我签了。后面还要回头看看有没有反弹", "巨伟", "", "intent=SignClose; measures=40")]
    [InlineData("这个说法站不住，延期不批", "陈奇奇", "", "intent=RefuseExtension; measures=40; reason=这个说法站不住", 40)]
    [InlineData("40号那个转交先放一放，暂不同意，等党组会再定", "陈奇奇", "", "intent=RefuseTransfer; measures=40; reason=等党组会再定")]
    [InlineData("先看下我们科逾期的，哦不对，我要看的是我们科本周到期的", "李娜", "", "intent=DueQuery; unit=社会事务科; window=2023-11-20..2023-11-26")]
    [InlineData("上礼拜干成了哪几件，完成的发我", "巨伟", "", "intent=CompletedQuery; window=2023-11-13..2023-11-19")]
    [InlineData("等审的销号现在有几个", "陈奇奇", "", "intent=PendingCloseQuery")]
    [InlineData("完成率哪家最难看？排出来", "巨伟", "", "by=completionRate; intent=UnitRankingQuery")]
    [InlineData("下周党组会要用的材料，整改整体进展，给我出一份", "巨伟", "", "intent=GenerateStatusReport")]
    [InlineData("各单位注意：周五前把本月进展报整改办", "陈奇奇", "", "intent=NotUnderstood")]
    [InlineData("这个东西都能问它些什么", "新人", "", "intent=Help")]
    [InlineData("绑定码：583 201", "新人", "", "intent=BindWithCode")]
    [InlineData("以前巡视也查出过乱收费的问题，那时候是怎么整改的", "陈奇奇", "", "intent=SearchPastPlans; query=乱收费")]
    // Its held-out set: a date put right after two slip words; "…，签吧" from the leader; the same words pasted twice on one
    // line; a delay told of in passing; a code, and what it is for after it.
    [InlineData("第40项想申请延期到12月15号，哦不对打错了，是12月25号，资金下旬才到", "李娜", "", "date=2023-12-25; intent=RequestExtension; measures=40; reason=资金下旬才到")]
    [InlineData("这两条材料我都看过了，没问题，签吧", "巨伟", "12,33", "intent=SignClose; measures=12,33")]
    [InlineData("第40项 已入户核查36户 第40项 已入户核查36户", "李娜", "", "intent=ReportProgress; measures=40; text=已入户核查36户")]
    [InlineData("第40项 网上预约系统已上线，之前延期的那批补登也办完了", "李娜", "", "intent=ReportProgress; measures=40; text=网上预约系统已上线，之前延期的那批补登也办完了")]
    [InlineData("通知一下 周三的培训延期到周四了 大家互相转告", "陈奇奇", "", "intent=NotUnderstood")]
    [InlineData("陈主任刚发我一个码 730518 让我发到这里绑一下", "新人", "", "intent=BindWithCode")]
    // The third round: where a measure stands, in everyday and report words; a status asked for with 把状态改成; the measure
    // and its status after the account; one of two statuses asked.
    [InlineData("第40项完成了七成", "李娜", "", "intent=ChangeStatus; measures=40; status=InProgress")]
    [InlineData("40 已完成待验收", "李娜", "", "intent=ChangeStatus; measures=40; status=Done")]
    [InlineData("（40）转为长效", "李娜", "", "intent=ChangeStatus; measures=40; status=Ongoing")]
    [InlineData("40项暂未启动，等资金批下来", "李娜", "", "intent=ReportProgress; measures=40; status=NotStarted; text=等资金批下来")]
    [InlineData("第40项刚起步，分工已经定了", "李娜", "", "intent=ReportProgress; measures=40; status=InProgress; text=分工已经定了")]
    [InlineData("40项基本到位了，还差制度上墙", "李娜", "", "intent=ReportProgress; measures=40; status=InProgress; text=还差制度上墙")]
    [InlineData("复查全部做完，通知书都发了，第40项落实到位", "李娜", "", "intent=ReportProgress; measures=40; status=Done; text=复查全部做完，通知书都发了")]
    [InlineData("档案都补齐了，（40）完结", "李娜", "", "intent=ReportProgress; measures=40; status=Done; text=档案都补齐了")]
    [InlineData("第40项现在是推进中还是已完成", "陈奇奇", "", "intent=MeasureDetailQuery; measures=40")]
    [InlineData("第40项救助科那边已经全部整改完毕了，帮我把状态改成已完成", "陈奇奇", "", "intent=ReportProgress; measures=40; status=Done; text=救助科那边已经全部整改完毕了")]
    [InlineData("第40项每周走访一次，长期坚持", "李娜", "", "intent=ReportProgress; measures=40; status=Ongoing; text=每周走访一次")]
    [InlineData("状态怎么改 直接发第几项已完成吗", "新人", "", "intent=Help")]
    public void The_forty_fourth_rounds_readings(string text, string sender, string list, string expected, int? focus = null) => Reads(text, sender, list, expected, focus);

    /// <summary>
    /// The forty-fifth round's sets, written blind: a unit named by a person in it (the fixture's units carry their staff);
    /// 你们 of the one colleague mentioned; a message for colleagues alone about something passed between them; the verdict
    /// said last; a report opened by the sender's own unit; an aside before who one is.
    /// </summary>
    [Theory]
    [InlineData("王强他们科还有哪些没弄完的 列一下", "陈奇奇", "", "filter=Open; intent=MeasureListQuery; unit=社会救助科")]
    [InlineData("李娜手上的都列出来", "巨伟", "", "filter=All; intent=MeasureListQuery; unit=社会事务科")]
    [InlineData("奇奇那边自己牵头的完成率多少了", "巨伟", "", "intent=ProgressStatsQuery; unit=办公室")]
    [InlineData("巨局那边牵头的还有几条没完成", "陈奇奇", "", "filter=Open; intent=MeasureListQuery; unit=局党组")]
    [InlineData("第二个不是我们股的 应该归李娜她们那边", "王强", "22,35,61", "intent=ClaimMeasures; measures=35; unit=社会事务科")]
    [InlineData("No.37不归我们办公室，定了由王强那里牵头", "陈奇奇", "", "intent=ClaimMeasures; measures=37; unit=社会救助科")]
    [InlineData("第八十一条其实是王强他们的活 麻烦转给他们那边吧", "李娜", "", "intent=ClaimMeasures; measures=81; unit=社会救助科")]
    [InlineData("五十八项我们科协助王强那边一起搞", "李娜", "", "coClaim=true; intent=ClaimMeasures; measures=58; unit=社会事务科")]
    [InlineData("@整改助手 @王强 查下你们科超期的是哪几条", "陈奇奇", "", "intent=OverdueQuery; unit=社会救助科")]
    [InlineData("@王强 你们科那个复核表格模板发我一份呗", "李娜", "", "intent=NotUnderstood")]
    [InlineData("@陈奇奇 下午我把44号的材料拿过去给你", "王强", "", "intent=NotUnderstood")]
    [InlineData("@李娜 周五交接会是几点来着", "王强", "", "intent=NotUnderstood")]
    [InlineData("@陈奇奇 把各科室完成率排个名发我看看", "巨伟", "", "by=completionRate; intent=UnitRankingQuery")]
    [InlineData("@陈奇奇 陈主任好，第23条其实是救助科的活，麻烦转给社会救助科", "李娜", "", "intent=ClaimMeasures; measures=23; unit=社会救助科")]
    [InlineData("李娜那边46、47审过了，通过", "陈奇奇", "", "intent=ApproveClose; measures=46,47")]
    [InlineData("第46项还没通过", "陈奇奇", "", "intent=Clarify; options=记为进展")]
    [InlineData("奇奇那边还压着多少个销号没审", "王强", "", "intent=PendingCloseQuery")]
    [InlineData("喂 那个我们这边第十二项啊 站点已经排查了28个 剩下8个这周能弄完", "李娜", "", "intent=ReportProgress; measures=12; text=站点已经排查了28个 剩下8个这周能弄完")]
    [InlineData("换新手机了 我是救助科的王强", "新人", "", "intent=BindIdentity; person=王强")]
    [InlineData("我现在在系统里算哪个单位的", "新人", "", "intent=WhoAmI")]
    [InlineData("这条我们科来认领吧，原来的经办人调走了一直没人管", "李娜", "", "intent=ClaimMeasures; measures=37; unit=社会事务科", 37)]
    // Its held-out set: the whole body asked about, a unit told of after it; the words pasted again with nothing between;
    // the day after 到 in the week named before it; "转过去" with the office's yes.
    [InlineData("全局现在超期的拉一下，周五整改办要通报", "陈奇奇", "", "intent=OverdueQuery")]
    [InlineData("（３５）方案已报县委组织部审核（３５）方案已报县委组织部审核", "王强", "", "intent=ReportProgress; measures=35; text=方案已报县委组织部审核")]
    [InlineData("下周一到周三有到期的吗 我们科的", "李娜", "", "intent=DueQuery; unit=社会事务科; window=2023-11-27..2023-11-29")]
    [InlineData("这个同意，转过去", "陈奇奇", "", "intent=ApproveTransfer; measures=58", 58)]
    public void The_forty_fifth_rounds_readings(string text, string sender, string list, string expected, int? focus = null) => Reads(text, sender, list, expected, focus);

    /// <summary>
    /// The forty-sixth round (2026-12-07, sets written blind of many measures at once and of people reaching past their role):
    /// numbers parted by dots; the measure talked about joined to those named; places picked out of a list, a comma before
    /// 除了; a report dictated after a hello and who one is; what the report is of ("我们科的进度："), a count after the
    /// numbers, and 领导 no 导出; "要退回的是…"; the decision said again after the numbers is no reason; a leader's ",签" and
    /// anyone's "把…销号签了" and "直接给批了吧" (Permissions decides who may); a colleague's report forwarded alone; things to
    /// bring to a colleague.
    /// </summary>
    [Theory]
    [InlineData("第8.9.10项申请销号，材料齐了", "李娜", "", "intent=RequestClose; measures=8,9,10")]
    [InlineData("61.62.63这几条什么进度", "巨伟", "", "intent=MeasureDetailQuery; measures=61,62,63")]
    [InlineData("第12项完成了5.6万元的清退", "王强", "", "intent=ReportProgress; measures=12; text=完成了5.6万元的清退")]
    [InlineData("这项连同52、53一起申请延期到月底，资金还没拨", "王强", "", "date=2023-11-30; intent=RequestExtension; measures=51,52,53; reason=资金还没拨", 51)]
    [InlineData("这几个，除了第三个其余都退回，照片不清楚", "陈奇奇", "31,32,33,34", "intent=ReturnClose; measures=31,32,34; reason=照片不清楚")]
    [InlineData("喂你好我是低保中心小刘啊报一下第二十项入户核查做完了一半", "王强", "", "intent=ReportProgress; measures=20; text=入户核查做完了一半")]
    [InlineData("喂你好那个我说一下第九项啊已经全部公示了", "李娜", "", "intent=ReportProgress; measures=9; text=已经全部公示了")]
    [InlineData("各位领导好，汇报下我们科的进度：7到9这三项，台账已经建起来了", "李娜", "", "intent=ReportProgress; measures=7,8,9; text=台账已经建起来了")]
    [InlineData("纠正一下：要退回的是44和46，不是45。原因：缺会议记录", "陈奇奇", "", "intent=ReturnClose; measures=44,46; reason=缺会议记录")]
    [InlineData("17 18 这两条退回，签到表没有盖章", "陈奇奇", "", "intent=ReturnClose; measures=17,18; reason=签到表没有盖章")]
    [InlineData("70、71的材料我都看了，签", "巨伟", "", "intent=SignClose; measures=70,71")]
    [InlineData("帮我把第64项的销号签了", "王强", "", "intent=SignClose; measures=64")]
    [InlineData("第30项的销号材料没问题 直接给批了吧", "李娜", "", "intent=ApproveClose; measures=30")]
    [InlineData("【转发】李娜：第15项宣传册已印发，已完成。", "王强", "", "intent=ReportProgress; measures=15; status=Done; text=宣传册已印发")]
    [InlineData("【转发】县纪委：请各单位于本周五前报送整改进展", "陈奇奇", "", "intent=NotUnderstood")]
    [InlineData("@王强 明早开会把40到42的原件带上", "李娜", "", "intent=NotUnderstood")]
    // Its held-out set: a colleague's words quoted after whose they are; requests to help waiting for the office; the leader's
    // "…都签了吧" of what was sent to him to sign; "…别转来转去了就由X牵头" gives it to X.
    [InlineData("帮我们股报一下，老刘发我的原话：“第31项，已完成3个村的入户复核”", "王强", "", "intent=ReportProgress; measures=31; text=已完成3个村的入户复核")]
    [InlineData("还有科室申请协助的吗？调出来看看", "陈奇奇", "", "intent=PendingClaimQuery")]
    [InlineData("推给我签字的那几个我都看过了没问题都签了吧", "巨伟", "23,67,90", "intent=SignClose; measures=23,67,90")]
    [InlineData("第九十项就别转来转去了就由低保中心负责", "巨伟", "", "intent=ClaimMeasures; measures=90; unit=低保中心")]
    public void The_forty_sixth_rounds_readings(string text, string sender, string list, string expected, int? focus = null) => Reads(text, sender, list, expected, focus);

    /// <summary>What the forty-seventh session's blind set (year-end) taught, in other words than the set's.</summary>
    [Theory]
    [InlineData("第45项原本打算申请延期的，上周末加班弄完了，申请销号", "李娜", "", "intent=RequestClose; measures=45")]
    [InlineData("第８项申请盐期到12月底，原因是资金没到位", "王强", "", "date=2023-12-31; intent=RequestExtension; measures=8; reason=资金没到位")]
    [InlineData("帮转一下老周发来的：“第64项，已完成2家殡葬用品店检查”", "李娜", "", "intent=ReportProgress; measures=64; text=已完成2家殡葬用品店检查")]
    [InlineData("这几个除了第三个手续都全了，同意销号", "陈奇奇", "21,22,64", "intent=ApproveClose; measures=21,22")]
    [InlineData("这个月申请延期的有几个", "陈奇奇", "", "intent=PendingExtensionQuery")]
    [InlineData("@所有人 请各股室周五前把台账报整改办，逾期的要通报", "陈奇奇", "", "intent=NotUnderstood")]
    public void The_forty_seventh_rounds_readings(string text, string sender, string list, string expected) => Reads(text, sender, list, expected, null);

    /// <summary>What the forty-seventh session's held-out set (monday-morning) taught, in other words than the set's.</summary>
    [Theory]
    [InlineData("【第12项】本周入户核查32户，发现问题3个", "李娜", "", "intent=ReportProgress; measures=12; text=本周入户核查32户，发现问题3个")]
    [InlineData("31、32两项一块报：档案已全部补齐", "李娜", "", "intent=ReportProgress; measures=31,32; text=档案已全部补齐")]
    [InlineData("15 进度更正：实际走访18户", "李娜", "", "intent=ReportProgress; measures=15; text=实际走访18户")]
    [InlineData("首尾两个销号同意", "陈奇奇", "5,8,13,20", "intent=ApproveClose; measures=5,20")]
    [InlineData("今天有没有人提转交的？", "陈奇奇", "", "intent=PendingTransferQuery")]
    [InlineData("单位报上来的认领申请还有几条没批", "陈奇奇", "", "intent=PendingClaimQuery")]
    [InlineData("@李娜 你们那个表发我下 @整改助手 第99项申请销号", "王强", "", "intent=RequestClose; measures=99")]
    [InlineData("第30条我们查了文件，确实是低保中心的事，麻烦转给他们", "王强", "", "intent=ClaimMeasures; measures=30; unit=低保中心")]
    [InlineData("刚才那条发错了，不是12是21，撤回一下", "王强", "", "intent=Undo")]
    [InlineData("王强下周借调，他名下的措施先交给科里的刘芳", "陈奇奇", "", "from=王强; intent=HandOver; to=刘芳")]
    public void The_forty_seventh_rounds_held_out_readings(string text, string sender, string list, string expected) => Reads(text, sender, list, expected, null);

    /// <summary>What the forty-eighth session's blind set (look-back) taught, in other words than the set's.</summary>
    [Theory]
    [InlineData("好的 知道了 各位辛苦", "巨伟", "", "intent=Acknowledge")]
    [InlineData("我是社会事务科张敏 电脑坏了 用的同事手机 帮忙绑定一下", "新人", "", "intent=BindIdentity; person=张敏")]
    [InlineData("等一下 先别提交 日期我再问问科长", "王强", "", "intent=CancelPending")]
    [InlineData("第72项帮我起一段整改情况 汇报要用", "王强", "", "intent=DraftStatusParagraph; measures=72")]
    [InlineData("第41项申请延期到12月20号 哦不对20号来不及 改到12月底 乡镇材料还没收齐", "王强", "", "date=2023-12-31; intent=RequestExtension; measures=41; reason=乡镇材料还没收齐")]
    [InlineData("第41项申请延期到12月20号 不对 改到明年1月15号 原因是材料没收齐", "王强", "", "date=2024-01-15; intent=RequestExtension; measures=41; reason=材料没收齐")]
    [InlineData("第9项申请延期到月底 台账要一个个村去核", "王强", "", "date=2023-11-30; intent=RequestExtension; measures=9; reason=台账要一个个村去核")]
    [InlineData("刚才那条我报到57上了 本来是75 先撤回", "王强", "", "intent=Undo")]
    [InlineData("这半年整改进度的曲线给我看看", "巨伟", "", "intent=TrendQuery")]
    [InlineData("十天以上没报过进展的有哪些", "陈奇奇", "", "days=10; intent=StaleQuery")]
    [InlineData("第15项复查没通过 麻烦把状态退回推进中", "王强", "", "intent=ChangeStatus; measures=15; status=InProgress")]
    [InlineData("第二个不能延 理由不充分", "陈奇奇", "12,31", "intent=RefuseExtension; measures=31; reason=理由不充分")]
    [InlineData("第9项能不能延到下月底 村里还没走完", "王强", "", "date=2023-12-31; intent=RequestExtension; measures=9; reason=村里还没走完")]
    [InlineData("31之外的都同意销号", "陈奇奇", "12,31,53", "intent=ApproveClose; measures=12,53")]
    [InlineData("第20项 复查补个进展 又走访了5户", "王强", "", "intent=ReportProgress; measures=20; text=又走访了5户")]
    [InlineData("第20项 又走访了5户 先说这么多", "王强", "", "intent=ReportProgress; measures=20; text=又走访了5户")]
    [InlineData("第33项低保复核那个啊 上周又抽查了20户", "王强", "", "intent=ReportProgress; measures=33; text=上周又抽查了20户")]
    [InlineData("您刚才说的“第88项还有3天到期”，帮我申请延期到下月底 材料还在补", "王强", "", "date=2023-12-31; intent=RequestExtension; measures=88; reason=材料还在补")]
    [InlineData("12号我们自己核过了 直接销号吧 不用走审核了", "王强", "", "intent=ApproveClose; measures=12")]
    [InlineData("汇报里要写个总数 全局完成多少 完成率多少", "巨伟", "", "intent=ProgressStatsQuery")]
    public void The_forty_eighth_rounds_readings(string text, string sender, string list, string expected, int? focus = null) => Reads(text, sender, list, expected, focus);

    /// <summary>What the forty-eighth session's held-out set (pasted) taught, in other words than the set's.</summary>
    [Theory]
    [InlineData("看到了 辛苦了", "巨伟", "", "intent=Acknowledge")]
    [InlineData("后面还有吧", "陈奇奇", "", "intent=ShowMore")]
    [InlineData("算了这条先不报了，我再核一下", "王强", "", "intent=CancelPending")]
    [InlineData("定于11月28日上午9:30召开推进会，请各科室负责人参加", "陈奇奇", "", "intent=NotUnderstood")]
    [InlineData("《信访工作条例》第十二条大家学习一下", "巨伟", "", "intent=NotUnderstood")]
    [InlineData("督导组的原话：“（31）（32）两项措施进展滞后。”\n这两项到底什么情况", "巨伟", "", "intent=MeasureDetailQuery; measures=31,32")]
    [InlineData("原文：“第三方面第1个问题对应的（12）项措施。”\n这条什么情况", "巨伟", "", "intent=MeasureDetailQuery; measures=12")]
    [InlineData("（15）低保专项治理：本周又入户核查20户。\n帮我报一下", "李娜", "", "intent=ReportProgress; measures=15; text=低保专项治理：本周又入户核查20户")]
    [InlineData("纪要里这句照着办：“会议同意第（41）项、第（42）项延期申请。”", "陈奇奇", "", "intent=ApproveExtension; measures=41,42")]
    [InlineData("第（60）项，原定整改时限为2023年12月31日，因资金未到位，申请将整改时限延长至2024年3月31日。", "王强", "", "date=2024-03-31; intent=RequestExtension; measures=60; reason=资金未到位")]
    [InlineData("手里等着审的销号还有哪些", "陈奇奇", "", "intent=PendingCloseQuery")]
    [InlineData("低保中心超了几条", "陈奇奇", "", "intent=OverdueQuery; unit=低保中心")]
    [InlineData("我们科哪几条被退了", "李娜", "", "intent=ReturnedQuery")]
    [InlineData("第5项逾期几天了", "王强", "", "intent=MeasureDetailQuery; measures=5")]
    [InlineData("第5项已经连续走访十几天了", "王强", "", "intent=ReportProgress; measures=5; text=已经连续走访十几天了")]
    public void The_forty_eighth_rounds_held_out_readings(string text, string sender, string list, string expected) => Reads(text, sender, list, expected, null);

    [Fact]
    public void Slang_is_never_read_longer_than_it_is_written() =>
        Assert.All(Utterance.SlangWords, w => Assert.True(w.Chinese.Length <= w.English.Length, w.English));

    [Fact]
    public void Recognition_is_pure() =>
        Assert.Equal(Recognize("51到55项由我们科负责"), Recognize("51到55项由我们科负责"));
}
