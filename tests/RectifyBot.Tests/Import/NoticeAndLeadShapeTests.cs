using RectifyBot.Domain;
using RectifyBot.Import;

namespace RectifyBot.Tests.Import;

/// <summary>Shapes of notices, lead-unit wordings and deadline phrases, on fictional documents written for these tests.</summary>
public class NoticeAndLeadShapeTests
{
    [Fact]
    public void A_notice_with_totals_and_no_items_is_a_status_report_that_says_it_lists_none()
    {
        var notice = PlanParser.Parse("""
            示例县人民政府门户网站
            索 引 号：000-2024-001　　分　　类：党务公开
            浏览次数：321
            中共示例县林业局党组关于县委巡察反馈意见
            整改进展情况的通报
            　　2024年3月至5月，县委第二巡察组对县林业局党组开展了常规巡察，并于2024年6月10日反馈了巡察意见。现将巡察整改进展情况予以公布。
            　　县委第二巡察组共反馈问题3个方面15个，移交问题线索3条。局党组制定整改措施48项。截至2024年10月31日，已完成整改40项，正在整改6项，长期坚持2项，整改完成率83.3%。
            　　一、提高政治站位
            　　局党组先后召开党组会议6次，新建制度11项，清退资金2.4万元，培训干部120人次。
            　　二、下一步工作打算
            　　一是对尚未完成的6项整改措施倒排工期；二是巩固成果。
            【打印本页】【关闭窗口】
            """);

        Assert.Equal(DocumentKind.StatusReport, notice.Kind);
        Assert.Empty(notice.Items);
        Assert.Equal(new StatedTotals(3, 15, 48, 40, 6, 2, 83.3m), notice.Stated);
        Assert.Contains(notice.Warnings, w => w.Contains("没有逐项列出", StringComparison.Ordinal));
    }

    [Fact]
    public void A_ledgers_totals_row_states_its_totals_and_is_no_items_text()
    {
        // As TableLines writes a ledger: a line per problem, its status, and the merged 合计 row under the last.
        var ledger = PlanParser.Parse("""
            示例县水务局巡察反馈问题整改台账
            1.农村供水工程管护不到位
            整改情况（已完成）：落实管护人员12名。
            2.项目资金拨付滞后
            整改情况：已拨付大部分资金，此项整改仍在推进。
            3.作风建设有短板
            整改情况（持续整改）：建立月度通报机制。
            合计：反馈问题3个，已完成1个，整改中1个，需长期坚持、持续整改的1个，整改完成率33.3%。
            """);

        Assert.Equal(DocumentKind.StatusReport, ledger.Kind);
        Assert.Equal(new StatedTotals(null, 3, null, 1, 1, 1, 33.3m), ledger.Stated);
        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress, MeasureStatus.Ongoing], ledger.Items.Select(i => i.Status));
        Assert.DoesNotContain("合计", ledger.Items[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_articles_bullets_number_its_problems_and_measures_and_bars_part_the_fields()
    {
        // As a 公众号 article sets a plan: 一｜ aspects, ● problems, ▲ measures, fields parted by ｜, a plan "公示".
        var plan = PlanParser.Parse("""
            示例县疾控中心关于巡察反馈意见整改方案的公示
            县委第三巡察组于2025年2月10日反馈了巡察意见，梳理出2个方面2个问题，制定3条整改措施。
            一｜党的领导方面
            ● 议事规则界限不清。
            ▲ 修订《主任办公会议事规则》。
            责任科室：办公室、党建科｜完成时限：2025年4月底前
            ▲ 建立“三重一大”事项清单。
            牵头科室：办公室｜配合科室：纪检组｜完成时限：立行立改
            二｜业务工作方面
            ● 疫苗冷链管理不规范。
            ▲ 开展冷链设备专项检查。
            牵头科室：免疫规划科，配合科室：设备科、财务科｜完成时限：每季度
            """);

        Assert.Equal(DocumentKind.Plan, plan.Kind);
        var measures = plan.Aspects.SelectMany(a => a.Problems).SelectMany(p => p.Findings).SelectMany(f => f.Measures).ToList();
        Assert.Equal([1, 1], plan.Aspects.Select(a => a.Problems.Count));
        Assert.Equal([["办公室", "党建科"], ["办公室"], ["免疫规划科"]], measures.Select(m => m.LeadUnits));
        Assert.Equal([[], ["纪检组"], ["设备科", "财务科"]], measures.Select(m => m.SupportingUnits));
    }

    [Fact]
    public void An_articles_report_reads_each_problems_fields_and_status()
    {
        // As a 公众号 post sets a village's report: emoji before each field, fields parted by ｜ or wide spaces, a title a
        // column break cut before its 整改情况.
        var report = PlanParser.Parse("""
            示例村党支部关于巡察反馈问题整改进展情况的公示
            截至6月30日，3个问题已整改完成2个，剩余1个正在加紧推进。
            📌问题1：党员大会记录不全
            ✅措施：补齐会议记录
            👤责任人：张三｜⏰时限：2025年5月底前｜📊进展：已完成
            📌问题2  村级工程未按规定比选
            ✅措施  重新审核结算
            👤责任人  李四  ⏰时限  2025年4月底前  📊进展  已完成✔️
            📌问题3：集体合同管理不规范，租金长期未收缴
            ✅措施：逐户催缴
            👤责任人：王五｜⏰时限：2025年9月底前｜📊进展：推进中（已收回2份，1份已起诉）
            """);

        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal([MeasureStatus.Done, MeasureStatus.Done, MeasureStatus.InProgress], report.Items.Select(i => i.Status));
        Assert.Equal((3, 2, 1), (report.Stated.Problems, report.Stated.Completed, report.Stated.InProgress));
    }

    [Fact]
    public void A_title_cut_by_a_break_goes_on_in_the_next_line()
    {
        var report = PlanParser.Parse("""
            示例公司党委关于巡察整改进展情况的通报
            1.关于“学习不深入”问题。整改情况（已完成）：修订学习计划。
            2.关于“违规发放津补贴”问题。整改
            情况（整改中）：已追回大部分资金。
            3.关于“农网改造进度滞后，
            部分项目未按期投运”问题。整改情况（正在推进）：逐一制定赶工计划。
            """);

        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress, MeasureStatus.InProgress], report.Items.Select(i => i.Status));
        Assert.Equal("农网改造进度滞后，部分项目未按期投运", report.Items[2].Title);
    }

    [Fact]
    public void A_speech_is_not_a_notice_and_states_no_totals()
    {
        var speech = PlanParser.Parse("""
            在全县巡察整改推进会上的讲话
            同志们：今天召开会议，推进巡察整改。目前整改完成率85%，9个部门已完成整改。
            一、提高认识
            一是思想上重视；二是行动上落实。
            """);

        Assert.Equal(DocumentKind.Unknown, speech.Kind);
        Assert.Equal(StatedTotals.None, speech.Stated);
    }

    [Fact]
    public void Items_written_as_problem_n_blocks_and_inline_accounts_map_their_status()
    {
        var blocks = PlanParser.Parse("""
            示例县交通局巡察反馈问题整改销号公示
            县委第一巡察组反馈问题3个，制定整改措施7项，已完成2项，基本完成1项。
            问题1：道路养护资金拨付滞后。
            整改措施：建立拨付台账。
            整改情况：已完成整改。资金已全部拨付，予以销号。
            问题2：工程变更审批不规范。
            整改措施：修订变更管理办法。
            整改情况：基本完成。已完成12项中的11项。
            问题3：安全生产检查走过场。
            整改措施：开展专项检查。
            整改情况：已完成整改，并长期坚持。每季度开展检查。
            """);
        var inline = PlanParser.Parse("""
            示例县文旅局关于审计发现问题整改情况的报告
            现将审计整改情况报告如下。
            （一）关于门票收入未及时上缴的问题。整改情况：已整改到位。收入32.5万元已上缴。
            （二）关于固定资产未入账的问题。整改情况：部分整改。已入账一半。
            （三）关于合同管理不规范的问题。整改情况：已销号。
            """);

        Assert.Equal(DocumentKind.StatusReport, blocks.Kind);
        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress, MeasureStatus.Ongoing], blocks.Items.Select(i => i.Status));
        Assert.Equal((3, 7, 2, 1), (blocks.Stated.Problems, blocks.Stated.Measures, blocks.Stated.Completed, blocks.Stated.InProgress));
        Assert.Equal(DocumentKind.StatusReport, inline.Kind);
        Assert.Equal(["关于门票收入未及时上缴的问题", "关于固定资产未入账的问题", "关于合同管理不规范的问题"], inline.Items.Select(i => i.Title));
        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress, MeasureStatus.Done], inline.Items.Select(i => i.Status));
    }

    /// <summary>
    /// A group chat's export: the report is the message that numbers its problems, each named by its number alone with its
    /// status first ("问题1：已完成。…"); the message asking for it, the replies, the senders' lines and "[图片]" are no part of it.
    /// </summary>
    [Fact]
    public void A_chats_export_reads_the_message_that_reports_each_problem_by_its_number()
    {
        var report = PlanParser.Parse("""
            “示例镇巡察整改工作群”的聊天记录

            王敏（镇巡察整改办） 2025-08-26 09:12
            @各村书记 请今天下班前把巡察整改进展发群里，逐个问题写清楚状态。

            李春生（示例村） 2025-08-26 16:47
            各位领导好，示例村巡察整改进展报告如下：
            问题1：已完成。47份发包合同全部清理完毕。
            问题2：正在推进，已补齐手续16笔，预计9月底前完成。
            问题3：长期坚持。村务监督月例会已建立。
            3个问题已完成1个，正在推进1个，长期坚持1个。
            [图片]

            王敏（镇巡察整改办） 2025-08-26 16:58
            收到👍 问题2请抓紧，按时限完成后及时报销号材料。

            李春生（示例村） 2025-08-26 17:01
            好的[抱拳]
            """);

        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress, MeasureStatus.Ongoing], report.Items.Select(i => i.Status));
        Assert.Equal("已补齐手续16笔，预计9月底前完成。", report.Items[1].Text);
        Assert.DoesNotContain(report.Items, i => i.Text.Contains("收到", StringComparison.Ordinal) || i.Text.Contains("[图片]", StringComparison.Ordinal));
        Assert.Equal(new StatedTotals(null, 3, null, 1, 1, 1), report.Stated);
    }

    /// <summary>
    /// A summary pasted into a work chat gives each problem's status after a dash ("2.…——正在推进，…", "3.…——✅已完成"), and
    /// its counts above them.
    /// </summary>
    [Fact]
    public void A_chats_summary_gives_each_problems_status_after_a_dash()
    {
        var report = PlanParser.Parse("""
            张敏 8月15日 16:47
            @所有人 县委巡察办通知今天下班前报巡察整改最新进度，汇总如下，有出入的私聊我

            【局巡察整改进度（截至8月15日）】
            2个方面4个问题、9条措施，目前已完成2个，正在推进1个，长期坚持1个
            1.学习制度落实不严——长期坚持（制度已建立）
            2.资金监管不严格——正在推进，违规资金已追回12万
            3.窗口服务不便民——✅已完成
            4.台账管理不规范——已完成（8月10日印发办法）

            李强 8月15日 16:55
            收到，2号对的
            """);

        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal([MeasureStatus.Ongoing, MeasureStatus.InProgress, MeasureStatus.Done, MeasureStatus.Done], report.Items.Select(i => i.Status));
        Assert.Equal("资金监管不严格", report.Items[1].Title);
        Assert.Equal(new StatedTotals(2, 4, 9, 2, 1, 1), report.Stated);
    }

    /// <summary>
    /// A title over three lines whose last names no inspection ("中共…党组" / "关于…巡察集中整改" / "阶段情况的报告") is the title,
    /// not an item's account further down that a page cut short ("整改情况（持续整改）：按月通报…").
    /// </summary>
    [Fact]
    public void A_title_whose_head_names_the_inspection_beats_an_account_cut_by_a_page()
    {
        var report = PlanParser.Parse("""
            中共示例县医疗保障局党组
            关于县委第三巡察组巡察集中整改
            阶段情况的报告
            县委巡察办：
            现将集中整改阶段情况报告如下。
            一、整改工作总体情况
            对反馈的2个方面3个问题制定整改措施8条。截至9月30日，已完成整改2个，持续整改1个，整改完成率66.7%。
            二、反馈问题整改情况
            （一）贯彻落实决策部署方面
            1.关于“学习制度落实有温差”问题
            整改情况（已完成）：制定学习计划，开展专题研讨3次。
            2.关于“集采政策落地不到位”问题
            整改情况（持续整改）：按月通报集采执行情况6期，对5家医疗机构已全部约谈，其中3家已达到时序进
            度；结余留用资金待年度清算后拨付。
            （二）全面从严治党方面
            3.关于“廉政风险防控不力”问题
            整改情况（已完成）：梳理廉政风险点31个，制定防控措施45条。
            """);

        Assert.Equal("关于县委第三巡察组巡察集中整改阶段情况的报告", report.Title);
        Assert.Equal([MeasureStatus.Done, MeasureStatus.Ongoing, MeasureStatus.Done], report.Items.Select(i => i.Status));
        Assert.Equal((3, 8), (report.Stated.Problems, report.Stated.Measures));
    }

    /// <summary>
    /// "持续整改" is work kept up, but where a notice counts it apart from 长期坚持 ("持续整改1个，长期坚持1个") it is work still
    /// under way, as its figures say.
    /// </summary>
    [Fact]
    public void Continued_work_counted_apart_from_standing_work_is_in_progress()
    {
        const string Items = """
            1.关于“学习不深入”问题
            整改情况（已完成）：制定学习计划。
            2.关于“监管不严格”问题
            整改情况（持续整改）：已追回资金12万元。
            3.关于“整改不到位”问题
            整改情况（长期坚持）：按月调度。
            """;
        var apart = PlanParser.Parse("示例县医保局巡察整改情况的报告\n反馈的3个问题已完成整改1个，持续整改1个，长期坚持1个。\n" + Items);
        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress, MeasureStatus.Ongoing], apart.Items.Select(i => i.Status));
        Assert.Equal((1, 1, 1), (apart.Stated.Completed, apart.Stated.InProgress, apart.Stated.Ongoing));

        var together = PlanParser.Parse("示例县医保局巡察整改情况的报告\n反馈的3个问题已完成整改1个，需长期坚持、持续整改的2个。\n" + Items);
        Assert.Equal([MeasureStatus.Done, MeasureStatus.Ongoing, MeasureStatus.Ongoing], together.Items.Select(i => i.Status));
    }

    /// <summary>
    /// A ledger with a share done (完成进度) beside a column named for the status (整改状态): the status column says it, so a
    /// share written "—" leaves the item its status; a task table's title counts its tasks ("细化为38项具体任务").
    /// </summary>
    [Fact]
    public void A_column_named_for_the_status_gives_it_over_a_share_done()
    {
        var ledger = PlanParser.Parse(
            "示例县医疗保障局巡察反馈问题整改台账\n" +
            "序号\t反馈问题\t整改进展情况\t完成进度\t整改状态\n" +
            "1\t学习不深入\t学习15篇\t100%\t长期坚持\n" +
            "2\t监管不严格\t追回58.9万\t80%\t正在推进\n" +
            "3\t上轮整改不到位\t月调度4次\t—\t长期坚持\n");
        Assert.Equal([MeasureStatus.Ongoing, MeasureStatus.InProgress, MeasureStatus.Ongoing], ledger.Items.Select(i => i.Status));

        var table = PlanParser.Parse(
            "示例县医疗保障局巡察反馈问题整改任务分解表\n（2个方面3个问题，细化为5项具体任务）\n" +
            "序号\t反馈问题\t整改任务\t牵头单位\t完成时限\n" +
            "1\t学习不深入\t制定学习计划\t局办公室\t2025年6月底前\n" +
            "2\t监管不严格\t追回违规资金\t基金监管股\t2025年9月底前\n");
        Assert.Equal(5, table.Stated.Measures);
    }

    /// <summary>
    /// A plan sent under a cover ("关于印发《…》的通知", its title over two lines) whose own title follows; its 1. problems each
    /// hold their measures ("整改措施：一是…；二是…。（牵头单位：…）") and head them.
    /// </summary>
    [Fact]
    public void Numbered_problems_holding_their_measures_under_a_cover_notice()
    {
        var plan = PlanParser.Parse("""
            中共示例县林业局党组
            关于印发《落实县委第三巡察组
            巡察反馈意见整改方案》的通知
            局机关各股室：
            现将《落实县委第三巡察组巡察反馈意见整改方案》印发给你们，请认真抓好落实
            中共示例县林业局党组
            2025年9月5日
            落实县委第三巡察组巡察反馈意见
            整改方案
            一、问题清单及整改措施
            （一）贯彻落实决策部署方面
            1.林长制落实不到位。巡林记录缺失率达31%。整改措施：一是修订巡林工作制度；二是建立季度通报制度。（牵头单位：林政资源股；配合单位：办公室；完成时限：2025年11月底前）
            2.森林防火责任不够有力。护林员巡护不到岗。整改措施：一是开展护林员履职排查（牵头单位：森林防火股；完成时限：2025年10月底前）；二是补充扑火物资（牵头单位：计划财务股；完成时限：2025年12月底前）。
            （二）全面从严治党方面
            3.主体责任压得不实。专题研究党风廉政建设仅1次。整改措施：一是制定主体责任清单；二是每半年专题研究一次。（牵头单位：机关党委；配合单位：办公室；完成时限：长期坚持）
            """);

        Assert.Equal("落实县委第三巡察组巡察反馈意见整改方案", plan.Title);
        Assert.Equal([2, 1], plan.Aspects.Select(a => a.Problems.Count));
        var measures = plan.Aspects.SelectMany(a => a.Problems).SelectMany(p => p.Findings).SelectMany(f => f.Measures).ToList();
        Assert.Equal(["林政资源股", "林政资源股", "森林防火股", "计划财务股", "机关党委", "机关党委"], measures.Select(m => string.Join("、", m.LeadUnits)));
    }

    /// <summary>A chat's report of each problem's "进展：…" with its "状态：…" on the next line: the account, then its status.</summary>
    [Fact]
    public void A_progress_line_then_a_status_field_is_an_items_account_and_status()
    {
        var report = PlanParser.Parse("""
            示例县林业局巡察整改工作群
            许明（局办）：
            @所有人 【巡察整改第六周调度情况】截至10月17日进展汇总如下
            1.林长制落实不到位（林政资源股）
            进展：巡林制度修订稿已送审。
            状态：正在推进
            2.主体责任压得不实（局办）
            进展：主体责任清单9月18日已印发。
            状态：已完成✅
            3.干部队伍建设不够有力（人事股）
            进展：人才培养计划还没动。
            状态：未启动
            """);

        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal([MeasureStatus.InProgress, MeasureStatus.Done, MeasureStatus.NotStarted], report.Items.Select(i => i.Status));
        Assert.Equal("主体责任清单9月18日已印发。", report.Items[1].Text);
    }

    [Fact]
    public void A_status_table_flattened_with_tabs_becomes_items()
    {
        var report = PlanParser.Parse(
            "示例县医保局巡察整改情况通报\n" +
            "序号\t问题类别\t反馈问题\t整改措施\t责任股室\t整改情况\n" +
            "1\t政治建设\t学习不深入\t制定学习计划\t办公室\t已完成，长期坚持\n" +
            "2\t\t宣传不到位\t建立舆情机制，每季度研判\n1次\t办公室\t正在整改\n" +
            "—　2　—\n" +
            "3\t作风建设\t违规发放福利\t清退福利费\t财务股\t已办结\n");

        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal([1, 2, 3], report.Items.Select(i => i.Number));
        Assert.Equal([MeasureStatus.Ongoing, MeasureStatus.InProgress, MeasureStatus.Done], report.Items.Select(i => i.Status));
    }

    [Fact]
    public void A_share_done_whose_remark_says_the_work_stands_is_ongoing()
    {
        var ledger = PlanParser.Parse(
            "示例县水利局巡察反馈问题整改台账\n" +
            "序号\t问题\t整改进展情况\t整改进度\t备注\n" +
            "1\t学习不深入\t制定学习计划，每月学习\t100%\t制度已建立，长期坚持\n" +
            "2\t宣传不到位\t建立舆情机制\t100%\t已销号\n" +
            "3\t违规发放福利\t清退福利费\t60%\t\n");

        Assert.Equal(DocumentKind.StatusReport, ledger.Kind);
        Assert.Equal([MeasureStatus.Ongoing, MeasureStatus.Done, MeasureStatus.InProgress], ledger.Items.Select(i => i.Status));
    }

    /// <summary>
    /// A plan for one problem, pasted from a phone: （一）…（四） are its measures, each with its 牵头/配合 and 时限 lines under it, the
    /// units of a body named as a group ("局属各单位") among those who help. A plan whose （一） problems hold their own measures
    /// ("整改措施：一是…") keeps them problems.
    /// </summary>
    [Fact]
    public void Numbered_items_with_their_units_and_deadline_under_each_are_the_measures_of_a_plan_for_one_problem()
    {
        var plan = PlanParser.Parse("""
            示例县农机服务中心关于农机补贴发放不规范问题的专项整改方案
            根据局党组整改方案要求，制定本方案。
            一、问题表现
            2024年农机购置补贴有3户资料不全。
            二、整改措施
            经研究，制定以下4条整改措施：
            （一）全面复核补贴档案。对2023年以来的补贴档案逐户复核，补齐资料。
            牵头：补贴管理股，配合：各乡镇农机站
            时限：2025年6月30日前
            （二）规范审核流程。修订补贴审核办法，实行双人审核。
            牵头：补贴管理股　配合：中心办公室
            时限：10月底前
            （三）加强公开公示。每季度公示补贴发放情况。
            责任股室：中心办公室
            时限：每季度
            （四）开展警示教育。由中心办公室牵头，局属各单位配合。
            时限：长期
            三、保障措施
            1.加强组织领导。成立整改专班。
            示例县农机服务中心
            2025年4月8日
            """);

        Assert.Equal(DocumentKind.Plan, plan.Kind);
        var measures = plan.Measures.ToList();
        Assert.Equal(4, measures.Count);
        Assert.Equal(["补贴管理股", "补贴管理股", "中心办公室", "中心办公室"], measures.Select(m => string.Join("、", m.LeadUnits)));
        Assert.Equal(["各乡镇农机站", "中心办公室", "", "局属各单位"], measures.Select(m => string.Join("、", m.SupportingUnits)));
        Assert.Equal(new DateOnly(2025, 6, 30), measures[0].Deadline.Date);
        Assert.Equal([DeadlineKind.Recurring, DeadlineKind.LongTerm], measures[2..].Select(m => m.Deadline.Kind));

        var problems = PlanParser.Parse("""
            示例村关于巡察反馈问题的整改方案
            二、存在问题及整改措施
            （一）村级财务管理不规范。整改措施：一是清理账目；二是严格执行“四议两公开”。（责任人：村支书 张某某，完成时限：2025年5月底）
            （二）村务监督不充分。整改措施：一是建立监督台账；二是开展一次检查。（责任人：村务监督委员会主任 李某某，完成时限：2025年4月15日前）
            """, new DateOnly(2025, 3, 28));
        Assert.Equal(2, problems.Aspects.SelectMany(a => a.Problems).Count());
        Assert.Equal(4, problems.Measures.Count());
    }

    /// <summary>
    /// A problem's 一是…二是…三是… measures closed by one parenthesis of fields that names units with their own parenthesis
    /// ("各乡镇（街道）"): the fields are each measure's. A title that counts the problems states them.
    /// </summary>
    [Fact]
    public void Closing_fields_holding_a_units_parenthesis_are_each_measures_and_a_title_may_count_the_problems()
    {
        var plan = PlanParser.Parse("""
            示例县住建局关于公租房管理问题的专项整改方案（2个问题）
            一、存在问题及整改措施
            （一）公租房动态复核不及时。整改措施：一是开展全面复核，建立复核台账；二是依法清退追缴；三是建立信息比对机制。（责任单位：局住房保障股；配合单位：县民政局、各乡镇（街道）；完成时限：2025年6月底前）
            （二）维修资金管理不规范。整改措施：一是清查欠缴资金；二是规范使用审批。（责任单位：财务股；完成时限：长期坚持）
            """, new DateOnly(2025, 4, 2));

        var measures = plan.Measures.ToList();
        Assert.Equal(5, measures.Count);
        Assert.All(measures[..3], m => Assert.Equal(["住房保障股"], m.LeadUnits));
        Assert.All(measures[..3], m => Assert.Equal(["民政局", "各乡镇（街道）"], m.SupportingUnits));
        Assert.All(measures[..3], m => Assert.Equal(new DateOnly(2025, 6, 30), m.Deadline.Date));
        Assert.Equal(2, plan.Stated.Problems);
    }

    /// <summary>An item's account that ends by saying where it stands now: "目前整改…" is no promise of 前整改.</summary>
    [Fact]
    public void Where_an_item_stands_now_is_its_status()
    {
        var report = PlanParser.Parse("""
            示例县交通运输局关于巡察整改进展情况的报告
            一、总体情况
            截至4月25日，4个问题中已完成整改1个，正在推进整改3个。
            二、具体问题整改进展情况
            1.关于“学习不深入”的问题。制定了学习计划。该问题已整改完毕。
            2.关于“安全生产责任不到位”的问题。排查隐患41处，已整改33处。目前该问题仍在整改过程中。
            3.关于“干部队伍建设存在短板”的问题。已完成摸底，三年规划正在起草。
            目前整改正在进行中。
            4.关于“上轮巡察整改不彻底”的问题。对整改不到位的2个问题重新制定了措施。
            目前正按新的措施推进整改。
            """);

        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress, MeasureStatus.InProgress, MeasureStatus.InProgress], report.Items.Select(i => i.Status));
        Assert.Equal((1, 3), (report.Stated.Completed, report.Stated.InProgress));
    }

    [Fact]
    public void Yishi_lines_under_an_aspect_are_its_problems_when_numbered_lines_under_them_name_their_units()
    {
        var plan = PlanParser.Parse("""
            示例县卫生健康局关于县委巡察反馈意见整改工作方案
            2025年5月16日，县委第一巡察组反馈了巡察意见，指出了2个方面3个具体问题，制定整改措施4条。
            一、总体要求
            坚持问题导向。
            二、整改任务及措施
            （一）贯彻落实上级决策部署方面
            一是院长负责制落实不到位。
            1.修订议事规则。（责任单位：机关党委；配合单位：县人民医院；完成时限：2025年8月底前）
            2.每年开展一次专项督查。（责任单位：机关党委；完成时限：每年）
            二是医共体建设推进缓慢。
            3.制定医共体建设年度工作方案。（责任单位：医政医管股；完成时限：2025年9月底前）
            （二）落实全面从严治党方面
            一是主体责任落实有差距。
            4.制定主体责任清单。（责任单位：办公室；完成时限：2025年7月底前）
            三、保障措施
            加强组织领导。
            """, new DateOnly(2025, 6, 1));

        Assert.Equal(DocumentKind.Plan, plan.Kind);
        Assert.Equal([2, 1], plan.Aspects.Select(a => a.Problems.Count));
        Assert.Equal(["机关党委", "机关党委", "医政医管股", "办公室"], plan.Measures.Select(m => m.LeadUnits.Single()));
        Assert.Equal(["人民医院"], plan.Measures.First().SupportingUnits);   // stored as 人民医院, 县人民医院 its alias
    }

    [Fact]
    public void Fields_parted_by_spaces_on_one_line_are_each_their_own()
    {
        var plan = PlanParser.Parse("""
            示例街道党工委巡察整改方案
            一、基层治理方面
            1.网格化管理不到位。
            (1)完善网格员管理办法。
            牵头领导：王海涛（党工委副书记）　　牵头部门：社区建设办公室　　协同部门：平安建设办公室、各社区　　完成时间：2025年8月底前
            (2)建立闭环管理机制。
            牵头领导：王海涛  牵头部门：基层治理指挥中心  协同部门：无  完成时间：每季度
            """, new DateOnly(2025, 6, 1));

        var (first, second) = (plan.Measures.First(), plan.Measures.Last());
        Assert.Equal(["社区建设办公室"], first.LeadUnits);
        Assert.Equal(["平安建设办公室", "各社区"], first.SupportingUnits);
        Assert.Equal(["基层治理指挥中心"], second.LeadUnits);
        Assert.Empty(second.SupportingUnits);
        Assert.Equal(new DateOnly(2025, 8, 31), first.Deadline.Date);
    }

    /// <summary>
    /// Text copied out of a PDF, its lines broken wherever the width ended: a label begun at one line's end ("完成") and ended
    /// at the next's start ("时限：每季度") is one label, its first characters no unit; a 配合 broken off its last character
    /// ("配" over "合") still names the helpers.
    /// </summary>
    [Fact]
    public void A_field_label_broken_across_lines_is_one_label()
    {
        var plan = PlanParser.Parse("""
            示例镇落实巡察反馈意见整改工作方案
            一、乡村振兴方面
            （一）产业项目效益不佳，个别项目长期闲置。
            1.健全产业项目资产后续管护和收益分配机制，项目收益分配情
            况在村务公开栏公开。
            责任领导：赵海涛　责任单位：镇农业农村办、镇财政所　完成
            时限：每季度
            2.对全镇集体资金、资产、资源和经济合同开展全面清查，摸清家底，建立台账。
            责任领导：张建国　责任单位：镇农经站牵头，各村（社区）配
            合　完成时限：2025年8月底前
            """, new DateOnly(2025, 6, 5));

        var (first, second) = (plan.Measures.First(), plan.Measures.Last());
        Assert.Equal(["镇农业农村办", "镇财政所"], first.LeadUnits);
        Assert.Equal(DeadlineKind.Recurring, first.Deadline.Kind);
        Assert.Equal(["镇农经站"], second.LeadUnits);
        Assert.Equal(["各村（社区）"], second.SupportingUnits);
        Assert.Equal(new DateOnly(2025, 8, 31), second.Deadline.Date);
    }

    [Fact]
    public void Units_in_brackets_and_a_note_that_the_first_listed_leads()
    {
        var bracketed = PlanParser.Parse("""
            示例中心关于巡察反馈意见的整改方案
            （一）党的建设方面
            1.学习不深入。
            （1）完善学习制度。【牵头单位：党委办公室；配合单位：综合办公室、各分中心】【完成时限：2025年9月底前】
            （2）建立监督机制。【牵头单位：纪委办公室】【配合单位：审计室】【完成时限：2025年10月底前】
            """, new DateOnly(2025, 6, 1));
        var (first, second) = (bracketed.Measures.First(), bracketed.Measures.Last());
        Assert.Equal(["党委办公室"], first.LeadUnits);
        Assert.Equal(["综合办公室", "各分中心"], first.SupportingUnits);
        Assert.Equal(["纪委办公室"], second.LeadUnits);
        Assert.Equal(["审计室"], second.SupportingUnits);

        var noted = PlanParser.Parse("""
            示例法院关于巡察反馈意见的整改方案
            注：“责任部门”栏中排在第一位的为牵头部门，其余为配合部门。
            （一）审判执行方面
            1.案件审理周期偏长。
            （1）开展长期未结案件专项清理。
            责任单位：审判管理办公室、民事审判第二庭、执行局
            完成时限：2025年12月底前
            """, new DateOnly(2025, 6, 1));
        Assert.Equal(["审判管理办公室"], noted.Measures.Single().LeadUnits);
        Assert.Equal(["民事审判第二庭", "执行局"], noted.Measures.Single().SupportingUnits);
    }

    [Fact]
    public void A_cell_of_several_measures_gives_each_its_unit_by_place()
    {
        var plan = PlanParser.Parse(
            "示例县财政局巡察整改任务清单\n" +
            "序号\t存在问题\t整改措施\t责任单位\t配合单位\t完成时限\n" +
            "1\t过紧日子要求落实不到位。\t1.压减一般性支出。2.建立季度通报制度。3.清退超标准费用。\t1.预算股；2.国库股；3.监督检查股\t1.各预算单位；2.办公室；3.—\t1.2025年10月底前；2—3.2025年12月底前\n" +
            "2\t干部队伍结构不合理。\t1.制定年轻干部培养计划。2.引进财会专业人才。\t人事股\t—\t2025年12月底前\n" +
            // One measure, its unit numbered as the rows above number theirs.
            "3\t上轮巡察问题整改不彻底。\t1.逐项开展“回头看”。\t1.办公室\t1.各股室\t1.2025年9月底前\n",
            new DateOnly(2025, 7, 1));

        Assert.Equal(6, plan.Measures.Count());
        Assert.Equal(["预算股", "国库股", "监督检查股", "人事股", "人事股", "办公室"], plan.Measures.Select(m => m.LeadUnits.Single()));
        Assert.Equal(["各股室"], plan.Measures.Last().SupportingUnits);
        Assert.Equal(["各预算单位"], plan.Measures.First().SupportingUnits);
        Assert.Empty(plan.Measures.ElementAt(2).SupportingUnits);
        Assert.Equal(new DateOnly(2025, 10, 31), plan.Measures.First().Deadline.Date);
        Assert.Equal(new DateOnly(2025, 12, 31), plan.Measures.ElementAt(1).Deadline.Date);
    }

    [Fact]
    public void An_account_numbered_in_points_keeps_its_status_said_last_and_a_numbered_note_is_no_item()
    {
        var report = PlanParser.Parse("""
            关于巡察反馈问题整改进展情况的报告
            1.关于“议事规则落实不到位”的问题。
            整改情况：（1）修订印发了《党委会议事规则》。（2）对以来的事项开展全面自查，已逐项补正程序。该问题已整改完成。
            2.关于“意识形态工作责任制落实不到位”的问题。
            整改情况：（1）印发了学习计划。（2）召开党委会专题分析研判。此项工作需长期坚持，院党委将按计划常态化开展。
            说明：1.完成情况以本报告为准。
            2.截至2025年6月30日，反馈的2个问题已完成整改1个，长期坚持1个。
            """, new DateOnly(2025, 7, 4));

        Assert.Equal([MeasureStatus.Done, MeasureStatus.Ongoing], report.Items.Select(i => i.Status!.Value));
    }

    [Fact]
    public void Cells_broken_a_line_a_measure_give_each_measure_its_line_where_the_deadlines_are_so_broken()
    {
        var text = new System.Text.StringBuilder("示例县人民医院巡察整改任务清单\n");
        TableLines.Write(
            [
                ["序号", "存在问题", "整改措施", "牵头科室", "配合科室", "完成时限"],
                ["1", "议事规则不健全。", "1.修订议事规则。\n2.开展全面自查。\n3.严格执行前置程序。", "党办\n院办公室\n党办", "院办公室\n党办\n—", "2025年1月底前\n2025年2月底前\n长期坚持"],
                // Two units a line each, one deadline for both measures: both lead both.
                ["2", "责任落实不到位。", "1.签订责任书。\n2.开展廉洁谈话。", "医务科\n护理部", "—", "2025年6月底前"],
            ],
            text);
        var plan = PlanParser.Parse(text.ToString(), new DateOnly(2024, 12, 16));

        Assert.Equal([["党办"], ["院办公室"], ["党办"], ["医务科", "护理部"], ["医务科", "护理部"]], plan.Measures.Select(m => m.LeadUnits));
        Assert.Equal([["院办公室"], ["党办"], []], plan.Measures.Take(3).Select(m => m.SupportingUnits));
        Assert.Equal(new DateOnly(2025, 2, 28), plan.Measures.ElementAt(1).Deadline.Date);
    }

    [Fact]
    public void A_lead_and_supporting_column_gives_the_leads_before_its_slash_and_the_supporting_units_after()
    {
        var text = new System.Text.StringBuilder("示例县市场监督管理局巡察整改任务清单\n");
        TableLines.Write(
            [
                ["序号", "具体问题", "整改措施", "牵头/配合", "完成时限"],
                ["1", "选人用人程序不规范。", "修订干部选拔任用工作规程。", "人事股/办公室", "2025年6月底前"],
                ["2", "党建责任落实不到位。", "签订党建工作责任书。", "机关党支部、人事股", "2025年5月底前"],
            ],
            text);
        var plan = PlanParser.Parse(text.ToString(), new DateOnly(2025, 4, 15));

        Assert.Equal([["人事股"], ["机关党支部", "人事股"]], plan.Measures.Select(m => m.LeadUnits));
        Assert.Equal([["办公室"], []], plan.Measures.Select(m => m.SupportingUnits));
    }

    [Fact]
    public void A_ledger_whose_problems_are_grouped_by_their_source_reports_on_each_problem()
    {
        var text = new System.Text.StringBuilder("示例学院巡视整改工作台账\n");
        TableLines.Write(
            [
                ["序号", "问题来源", "具体问题", "主要整改措施", "牵头单位", "整改进展情况", "完成状态"],
                ["1", "巡视反馈意见", "立德树人根本任务落实不够有力", "1.配齐思政课教师；2.修订考核办法。", "人事处", "已新进教师2人。", "正在推进"],
                ["2", "", "意识形态工作责任制落实不到位", "修订讲座论坛管理办法。", "党委宣传部", "办法已修订印发。", "已完成"],
                ["3", "选人用人专项检查", "干部选拔任用动议环节不够规范", "修订选拔任用工作实施办法。", "党委组织部", "办法已印发。", "已完成"],
            ],
            text);
        var report = PlanParser.Parse(text.ToString(), new DateOnly(2025, 9, 30));

        Assert.Equal([MeasureStatus.InProgress, MeasureStatus.Done, MeasureStatus.Done], report.Items.Select(i => i.Status!.Value));
    }

    [Fact]
    public void Bare_lead_and_supporting_labels_after_a_measures_full_stop_name_its_units()
    {
        var plan = PlanParser.Parse("""
            示例医院巡察整改任务分解
            一、专家下沉流于形式
            ①制定坐诊排班表，每月坐诊不少于4次。牵头：医务科，配合：各临床科室；责任人：刘志刚；时限：2025年5月10日前
            ②开通上转患者绿色通道。牵头：门诊部；责任人：周敏；时限：2025年5月底前
            """, new DateOnly(2025, 4, 20));

        Assert.Equal([["医务科"], ["门诊部"]], plan.Measures.Select(m => m.LeadUnits));
        Assert.Equal([["各临床科室"], []], plan.Measures.Select(m => m.SupportingUnits));
    }

    [Fact]
    public void A_mark_that_is_all_a_row_says_reads_as_the_legend_under_the_table_has_it()
    {
        var report = PlanParser.Parse("""
            示例委巡察整改工作台账
            1.医共体建设进展缓慢
            整改情况：✓
            2.绩效考核结果运用不充分
            整改情况：○
            注：完成情况栏中，“✓”表示已完成整改，“○”表示正在推进。
            """, new DateOnly(2025, 9, 30));

        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress], report.Items.Select(i => i.Status!.Value));
    }

    [Fact]
    public void An_oa_export_with_columns_padded_to_fixed_places_and_a_rule_under_its_header_reads_row_by_row()
    {
        var report = PlanParser.Parse(
            "示例镇巡察整改台账\n" +
            "问题总数：3    已完成：1    推进中：1\n\n" +
            "序号    问题描述                    责任部门      整改进展                      整改状态\n" +
            "------------------------------------------------------------------------------------\n" +
            "1       乡村振兴项目推进缓慢        经发办        12个项目已全部建档            已完成\n" +
            "2       村级三资监管不力            农经站        清收租金21.7万元              推进中\n" +
            "3       干部作风不够扎实            党政办        专项整治常态化开展            长期坚持\n\n" +
            "说明：本台账由系统自动生成。\n", new DateOnly(2024, 12, 20));

        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress, MeasureStatus.Ongoing], report.Items.Select(i => i.Status!.Value));
    }

    [Theory]
    [InlineData("目前该项整改已完成80%", MeasureStatus.InProgress)]
    [InlineData("该问题已整改到位", MeasureStatus.Done)]
    public void Work_part_done_is_under_way(string said, MeasureStatus status) =>
        Assert.Equal(status, StatusReportReader.ItemStatus(said));

    [Fact]
    public void A_cell_of_circled_measures_gives_each_its_units_by_circled_place_and_a_place_left_out_has_none()
    {
        var plan = PlanParser.Parse(
            "示例县第二中学巡察整改任务清单\n" +
            "序号\t存在问题\t整改措施\t牵头单位\t配合单位\t完成时限\n" +
            "1\t议事规则不健全。\t①制定议事规则，明确议事清单。②复核“三重一大”事项，补充履行程序。③每半年检查一次执行情况。\t" +
            "①党政办公室、②政教处、③教科室\t②财务室、③工会\t①2025年5月底前、②立行立改，2025年4月底前、③每半年\n",
            new DateOnly(2025, 4, 10));

        Assert.Equal(["党政办公室", "政教处", "教科室"], plan.Measures.Select(m => m.LeadUnits.Single()));
        Assert.Equal([[], ["财务室"], ["工会"]], plan.Measures.Select(m => m.SupportingUnits.ToArray()));
        Assert.Equal([new DateOnly(2025, 5, 31), new DateOnly(2025, 4, 30)], plan.Measures.Take(2).Select(m => m.Deadline.Date));
        Assert.Equal(DeadlineKind.Recurring, plan.Measures.Last().Deadline.Kind);
        // The measure as the cell writes it: its full-width comma is kept.
        Assert.Equal("制定议事规则，明确议事清单。", plan.Measures.First().Text);
    }

    [Fact]
    public void Points_numbered_in_circles_inside_a_numbered_measure_stay_that_measure()
    {
        var plan = PlanParser.Parse(
            "示例市生态环境局巡察整改任务清单\n" +
            "序号\t存在问题\t整改措施\t牵头单位\t完成时限\n" +
            "1\t大气污染防治成效不明显。\t1.深化工业源治理：①推进超低排放改造；②对重点企业实行“一企一策”。\t大气环境科\t2025年10月底前\n",
            new DateOnly(2025, 4, 8));

        Assert.Equal("深化工业源治理：①推进超低排放改造；②对重点企业实行“一企一策”。", plan.Measures.Single().Text);
    }

    [Fact]
    public void A_helper_named_after_a_comma_inside_the_measures_parenthesis_supports_it()
    {
        var plan = PlanParser.Parse("""
            示例县供销社巡察整改方案
            （一）综合改革方面
            1.综合改革推进缓慢。
            （1）制定基层供销社恢复重建三年行动计划。（责任单位：合作指导科，配合：办公室）
            （2）盘活冷链物流中心，引入社会主体合作运营。（责任单位：资产管理科、县农资公司，配合：财务审计科）
            2.安全生产责任落实不到位。
            （3）对2个水厂加氯间泄漏报警装置进行更换改造。由安全环保部牵头，第二水厂、第三水厂配合。
            """, new DateOnly(2025, 4, 28));

        Assert.Equal([["合作指导科"], ["资产管理科", "农资公司"], ["安全环保部"]], plan.Measures.Select(m => m.LeadUnits.ToArray()));
        Assert.Equal([["办公室"], ["财务审计科"], ["第二水厂", "第三水厂"]], plan.Measures.Select(m => m.SupportingUnits.ToArray()));
    }

    [Fact]
    public void A_ledger_with_a_lead_column_and_statuses_marked_by_a_legend_reports_on_its_items()
    {
        var report = PlanParser.Parse(
            "示例职业技术学院巡察整改台账\n" +
            "填报说明：“完成情况”栏用符号标注：●已完成　◐正在推进　○未启动　★长期坚持\n" +
            "序号\t反馈问题\t整改措施\t牵头部门\t协办部门\t整改进展\t完成情况\n" +
            "1\t议事规则界定不清。\t修订议事规则。\t党委办公室\t—\t已印发执行。\t●\n" +
            "2\t审批系统未上线。\t建立线上审批系统。\t宣传部\t信息中心\t正在上线调试。\t◐\n" +
            "3\t双带头人比例偏低。\t实施培育工程。\t组织部\t—\t逐年提高占比。\t★\n",
            new DateOnly(2025, 11, 30));

        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress, MeasureStatus.Ongoing], report.Items.Select(i => i.Status));
    }

    [Fact]
    public void A_column_of_units_that_assist_names_the_supporting_units()
    {
        var plan = PlanParser.Parse(
            "示例市公路事业发展中心巡察整改任务清单\n" +
            "序号\t反馈问题\t整改措施\t责任科室\t协办科室\t整改时限\n" +
            "1\t学习研讨不充分。\t制定年度学习计划。\t党委办公室\t各党支部\t2025年7月底前\n",
            new DateOnly(2025, 6, 1));

        Assert.Equal(["党委办公室"], plan.Measures.Single().LeadUnits);
        Assert.Equal(["各党支部"], plan.Measures.Single().SupportingUnits);
    }

    [Fact]
    public void A_report_whose_totals_close_it_states_them_and_an_items_own_count_does_not()
    {
        var report = PlanParser.Parse("""
            示例区公安分局党委关于巡察整改情况的通报
            1.执法规范化建设不到位。
            整改情况（已完成）：对上轮反馈的8个问题开展“回头看”，其中6个已整改到位。
            2.队伍管理有漏洞。
            整改情况（正在推进）：正在修订管理办法。
            截至9月底，巡察反馈的2个方面2个问题中，已完成整改1个，正在推进1个，整改完成率50%。
            """, new DateOnly(2025, 10, 1));

        Assert.Equal((2, 1, 1, 50m), (report.Stated.Problems, report.Stated.Completed, report.Stated.InProgress, report.Stated.CompletionRate));
    }

    [Fact]
    public void A_responsible_subject_column_and_a_helper_with_its_qualifier_in_brackets_are_read()
    {
        var tasks = PlanParser.Parse(
            "示例社区巡察整改任务清单\n" +
            "序号\t问题\t整改措施\t责任主体\t协同单位\t完成时限\n" +
            "1\t议事不规范。\t修订议事规则。\t社区党委\t社区居委会\t2025年6月底前\n",
            new DateOnly(2025, 4, 1));
        var prose = PlanParser.Parse("""
            示例市科协巡察整改方案
            一、政治建设方面
            问题1：阵地建设滞后。
            1.制定“科技工作者之家”建设方案。（由科技服务部牵头，各县（市、区）科协配合；完成时限：年底前）
            """, new DateOnly(2025, 4, 1));

        Assert.Equal(["社区党委"], tasks.Measures.Single().LeadUnits);
        Assert.Equal(["各县（市、区）科协"], prose.Measures.Single().SupportingUnits);
    }

    [Fact]
    public void A_notice_of_a_meeting_on_the_rectification_is_neither_plan_nor_report()
    {
        var notice = PlanParser.Parse("""
            关于巡察整改工作推进会议情况的通报
            各科室：
            8月21日下午，馆党组召开巡察整改工作推进会议。现将会议有关情况通报如下。
            一、会议基本情况
            巡察反馈的3个方面10个问题整体按时序推进，一批问题已基本整改到位。
            二、下一步工作要求
            （一）加快滞后任务推进。数字化工作由档案信息化科牵头，保管利用科配合，9月10日前拿出提速方案。
            """, new DateOnly(2025, 8, 22));

        Assert.Equal(DocumentKind.Unknown, notice.Kind);
    }

    [Fact]
    public void A_progress_table_is_an_item_a_problem_over_its_measures_and_its_percentage_its_status()
    {
        var report = PlanParser.Parse(
            "示例集团巡察反馈问题整改进展情况统计表\n" +
            "序号\t反馈问题\t整改措施\t责任部门\t完成情况\t整改进度\n" +
            "1\t债务风险化解进度滞后。\t制定债务化解计划。\t计划财务部\t✓\t80%\n" +
            "2\t债务风险化解进度滞后。\t推进高息债务置换。\t融资管理部\t×\t80%\n" +
            "3\t老旧小区改造开工率偏低。\t倒排工期全部开工。\t工程管理部\t✓\t100%\n" +
            "4\t管党治党宽松软。\t制定主体责任清单。\t党群工作部\t—\t长期坚持\n",
            new DateOnly(2025, 9, 30));

        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal([MeasureStatus.InProgress, MeasureStatus.Done, MeasureStatus.Ongoing], report.Items.Select(i => i.Status));
    }

    [Fact]
    public void A_sentence_after_a_group_of_measures_gives_them_all_their_units_and_deadline()
    {
        var plan = PlanParser.Parse("""
            示例区统计局巡察整改方案
            （一）普查成果应用方面
            1.普查成果开发应用不充分。
            （1）编印普查资料汇编。
            （2）开展普查数据深度分析。
            以上措施由区统计普查中心（牵头）、综合核算科负责落实，2025年10月底前完成。
            2.作风建设存在薄弱环节。
            （3）开展违规吃喝问题专项整治。
            此项工作由机关党支部（牵头）、办公室负责，2025年7月31日前完成。
            """, new DateOnly(2025, 6, 1));

        Assert.All(plan.Measures.Take(2), m => Assert.Equal(["统计普查中心"], m.LeadUnits));
        Assert.All(plan.Measures.Take(2), m => Assert.Equal(["综合核算科"], m.SupportingUnits));
        Assert.Equal(new DateOnly(2025, 10, 31), plan.Measures.First().Deadline.Date);
        Assert.Equal(["机关党支部"], plan.Measures.Last().LeadUnits);
        Assert.Equal(["办公室"], plan.Measures.Last().SupportingUnits);
        Assert.Equal(new DateOnly(2025, 7, 31), plan.Measures.Last().Deadline.Date);
    }

    [Fact]
    public void An_items_numbered_account_parts_are_no_items()
    {
        var report = PlanParser.Parse("""
            示例卫生院关于巡察反馈问题整改进展情况的报告
            二、反馈问题整改进展情况
            问题一：理论学习不深入。
            1.整改进展
            制定年度学习计划。
            2.完成情况
            已完成整改。
            问题二：医疗质量管理不到位。
            1.整改进展
            每月开展处方点评。
            2.完成情况
            正在整改。
            """, new DateOnly(2025, 7, 1));

        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress], report.Items.Select(i => i.Status));
    }

    [Fact]
    public void A_status_ends_before_an_emoji_and_kept_up_as_routine_is_ongoing()
    {
        var report = PlanParser.Parse("""
            示例医院巡察整改进展情况公示
            一、党的建设方面
            ①党委会议事规则不健全。
            整改进展：修订议事规则。该问题已整改完成👍
            ②作风建设存在薄弱环节。
            整改进展：开展专项整治。该问题已取得阶段性成效，需长期坚持、常态化推进。
            """, new DateOnly(2025, 9, 1));

        Assert.Equal([MeasureStatus.Done, MeasureStatus.Ongoing], report.Items.Select(i => i.Status!.Value));
    }

    [Fact]
    public void Lead_units_in_every_prose_form_with_prefixes_kept_as_aliases_and_collectives_as_helpers()
    {
        var plan = PlanParser.Parse("""
            示例区民政局落实区委巡察反馈意见整改方案
            2024年5月20日，区委第一巡察组向区民政局党组反馈了巡察意见。
            二、整改措施
            （一）政治建设方面
            1.学习不深入。
            （1）加强日常学习。由办公室对重要指示精神进行梳理，形成清单。
            （2）由低保中心到各乡镇进行定点督促指导。
            （3）由县殡葬服务中心就无发票报销一事督促相关职工清退。
            （4）项目股、投资股按职责分工负责，建立动态管理机制。
            （5）财务股会同区财政局、区审计局核实后限期拨付。
            （6）由社会救助股牵头，各乡镇（街道）配合，每季度走访一次。
            （7）机关党支部负责，严格落实“三会一课”制度。
            （8）各股室对照检查，立行立改。
            （9）由分管领导牵头，开展提醒谈话。
            """, new DateOnly(2024, 6, 1));

        var m = plan.Measures.ToDictionary(x => x.Number);
        Assert.Equal(["办公室"], m[1].LeadUnits);
        Assert.Equal(["低保中心"], m[2].LeadUnits);
        Assert.Equal(["殡葬服务中心"], m[3].LeadUnits);
        Assert.Equal(["项目股", "投资股"], m[4].LeadUnits);
        Assert.Equal(["财务股"], m[5].LeadUnits);
        Assert.Equal(["财政局", "审计局"], m[5].SupportingUnits);
        Assert.Equal(["社会救助股"], m[6].LeadUnits);
        Assert.Equal(["各乡镇（街道）"], m[6].SupportingUnits);
        Assert.Equal(["机关党支部"], m[7].LeadUnits);
        Assert.Empty(m[9].LeadUnits);   // a person, not a unit
        Assert.Equal(["县殡葬服务中心"], plan.UnitAliases["殡葬服务中心"]);
        Assert.Equal(0.778, plan.LeadUnitShare);
    }

    [Theory]
    [InlineData("2024-10-15", "春节前完成走访慰问。", "2025-01-28")]        // the eve of 2025's Spring Festival (29 January)
    [InlineData("2024-03-28", "完成时限：2025年春节前", "2025-01-28")]
    [InlineData("2024-08-20", "确保中秋节前投入使用。", "2024-09-16")]        // the day before the holiday, as for every holiday
    [InlineData("2024-11-05", "端午节前完成整治。", "2025-05-30")]
    [InlineData("2030-01-10", "元宵节前完成建档。", "2030-02-16")]        // beyond any table: computed from the lunisolar calendar
    [InlineData("2024-03-28", "完成时限：2024年国庆节前", "2024-09-30")]
    [InlineData("2025-02-20", "五一劳动节前完成。", "2025-04-30")]
    [InlineData("2024-11-12", "确保元旦前全部结清。", "2024-12-31")]
    [InlineData("2024-09-05", "明年3月底前完成入账登记。", "2025-03-31")]
    [InlineData("2024-09-20", "确保次年一季度完成。", "2025-03-31")]
    [InlineData("2024-07-20", "2025年底前完成。", "2025-12-31")]          // an explicit year wins over inference
    [InlineData("2024-09-20", "确保一季度完成。", "2025-03-31")]           // the next first quarter, not the one gone by
    public void Holiday_and_relative_deadlines(string planDate, string text, string due)
    {
        var deadline = PlanParser.ReadDeadline(text, DateOnly.Parse(planDate));

        Assert.Equal((DeadlineKind.Date, DateOnly.Parse(due)), (deadline.Kind, deadline.Date!.Value));
    }

    [Theory]
    [InlineData("2024-05-20", "立即整改并于2个月内完成", "2024-07-20")]
    [InlineData("2024-03-15", "完成时限：3个月内", "2024-06-15")]
    [InlineData("2024-03-15", "两周内完成", "2024-03-29")]
    [InlineData("2024-05-20", "年内完成", "2024-12-31")]
    [InlineData("2024-06-18", "本年度内", "2024-12-31")]
    [InlineData("2024-08-15", "本季度末", "2024-09-30")]
    public void A_time_from_the_plans_date_is_a_deadline(string planDate, string text, string due)
    {
        var deadline = PlanParser.ReadDeadline(text, DateOnly.Parse(planDate));

        Assert.Equal((DeadlineKind.Date, DateOnly.Parse(due)), (deadline.Kind, deadline.Date!.Value));
    }

    [Theory]
    [InlineData("完成时限：2026年2月底前并长效推进", "2026-02-28")]
    [InlineData("完成时限：2024年12月20日前并建立长效机制", "2024-12-20")]
    [InlineData("完成时限：2024年11月30日前完成，建立长效机制", "2024-11-30")]
    public void A_date_then_a_lasting_mechanism_is_due_then_kept_up(string text, string due)
    {
        var deadline = PlanParser.ReadDeadline(text, new DateOnly(2024, 10, 15));
        Assert.Equal((DeadlineKind.Date, DateOnly.Parse(due), true), (deadline.Kind, deadline.Date!.Value, deadline.LongTermAfter));
    }

    [Theory]
    [InlineData("完成时限：每年6月、12月各开展一次")]
    [InlineData("完成时限：半年一次")]
    public void Twice_a_year_said_other_ways_is_half_yearly(string text) =>
        Assert.Equal(Recurrence.HalfYearly, PlanParser.ReadDeadline(text, new DateOnly(2024, 10, 15)).Recurrence);

    [Theory]
    [InlineData("对3个月内未更新的台账逐一核查。")]
    [InlineData("力争三年内全面建成。")]
    [InlineData("对长期闲置的产业项目逐个制定盘活方案。")]
    public void A_span_that_is_not_the_works_is_no_deadline(string text) =>
        Assert.Equal(DeadlineKind.NotStated, PlanParser.ReadDeadline(text, new DateOnly(2024, 3, 15)).Kind);

    [Theory]
    [InlineData("对进度滞后项目挂牌督办，常态化推进。")]
    [InlineData("重新制定整改措施，持续推进。")]
    [InlineData("持续抓好作风建设，久久为功。")]
    [InlineData("持续整改")]
    [InlineData("长期")]
    public void Standing_work_is_long_term(string text) =>
        Assert.Equal(DeadlineKind.LongTerm, PlanParser.ReadDeadline(text, new DateOnly(2024, 6, 12)).Kind);

    [Fact]
    public void A_date_then_keep_it_up_keeps_both()
    {
        var deadline = PlanParser.ReadDeadline("修订《公务用车管理办法》，2024年7月底前完成修订，并长期坚持。", new DateOnly(2024, 6, 12));

        Assert.Equal((DeadlineKind.Date, new DateOnly(2024, 7, 31), true), (deadline.Kind, deadline.Date!.Value, deadline.LongTermAfter));
        Assert.False(PlanParser.ReadDeadline("2024年7月底前完成修订。", new DateOnly(2024, 6, 12)).LongTermAfter);
    }
}
