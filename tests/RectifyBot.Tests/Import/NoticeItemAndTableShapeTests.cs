using RectifyBot.Domain;
using RectifyBot.Import;

namespace RectifyBot.Tests.Import;

/// <summary>
/// Items of notices wherever their status is worded, and tables flattened to text, on fictional documents in
/// TestData/Plans written for these tests.
/// </summary>
public class NoticeItemAndTableShapeTests
{
    private static ParsedDocument Fixture(string name) => PlanShapeTests.Fixture(name);

    private static string Units(ParsedMeasure measure) => $"{string.Join("、", measure.LeadUnits)} / {string.Join("、", measure.SupportingUnits)}";

    [Fact]
    public void Grouped_items_take_their_status_from_the_last_status_clause_not_from_an_action_done_or_a_promise()
    {
        var notice = Fixture("notice-grouped-status-sentences.txt");

        Assert.Equal(DocumentKind.StatusReport, notice.Kind);
        Assert.Equal([1, 2, 3, 4, 5, 6], notice.Items.Select(i => i.Number));
        // 2 opens "已完成12座水库预案修订" and ends "并将长期坚持"; 3 opens "完成51处维修" and ends "正在整改中";
        // 4 promises "确保年底前全部整改到位" and says "部分整改"; 5 closes with "（已整改到位）".
        Assert.Equal([MeasureStatus.Done, MeasureStatus.Ongoing, MeasureStatus.InProgress, MeasureStatus.InProgress, MeasureStatus.Done, MeasureStatus.InProgress],
            notice.Items.Select(i => i.Status));
        Assert.Equal(new StatedTotals(2, 6, 21, 18, 3, null, 85.7m), notice.Stated);
        // 18 of 21 measures done says nothing about the six problems.
        Assert.DoesNotContain(notice.Warnings, w => w.Contains("已完成18", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("整改情况：已完成。对账务进行了调整。", MeasureStatus.Done)]
    [InlineData("整改情况：已完成12处修复，新建隔离带8公里。已完成整改，并长期坚持。", MeasureStatus.Ongoing)]
    [InlineData("整改情况：完成45处检修；剩余2处正在施工。目前该问题正在整改中。", MeasureStatus.InProgress)]
    [InlineData("整改情况：追回资金9万元，确保年底前全部整改到位。", null)]
    [InlineData("整改情况：尚未整改到位，已制定计划。", MeasureStatus.InProgress)]
    [InlineData("整改情况：建立常态化机制，该问题已办结。", MeasureStatus.Done)]
    [InlineData("整改情况：聘请机构整理档案，补充归档文件1,260件。（基本完成）", MeasureStatus.InProgress)]
    [InlineData("整改情况：清退不符合条件对象21户，已按期完成整改并销号。", MeasureStatus.Done)]
    [InlineData("整改情况：新组建党组织6个。\n销号情况：阶段性完成，继续整改", MeasureStatus.InProgress)]
    [InlineData("整改情况：已完成设备清查，平台正在建设。\n销号情况：已销号", MeasureStatus.Done)]
    [InlineData("整改情况：古镇街区项目已完成主体工程。目前，该问题基本完成整改。", MeasureStatus.InProgress)]
    [InlineData("整改情况：（已完成）局党委制定三年行动方案。", MeasureStatus.Done)]
    [InlineData("整改情况：行动计划已完成初稿，正在征求意见。该问题正在按计划推进。", MeasureStatus.InProgress)]
    [InlineData("整改情况：问题档案27卷已全部完成认定。已于2024年12月完成整改。", MeasureStatus.Done)]
    [InlineData("整改情况：方案已印发，计划继续推进整改。", null)]
    public void An_items_status_is_read_wherever_it_is_worded(string account, MeasureStatus? expected)
    {
        var notice = PlanParser.Parse($"""
            示例县林业局关于巡察整改情况的通报
            现将巡察整改情况通报如下。
            二、反馈问题整改情况
            1.护林员选聘不规范的问题。
            {account}
            2.公务接待管理不规范的问题。
            整改情况：已整改到位。
            """);

        Assert.Equal(expected, notice.Items[0].Status);
        Assert.Equal(MeasureStatus.Done, notice.Items[1].Status);
    }

    [Fact]
    public void A_yes_or_no_column_is_the_status()
    {
        var notice = PlanParser.Parse("""
            关于巡察整改情况的报告
            序号	反馈问题	整改措施	是否完成
            1	议事规则不清	修订议事规则	是
            2	医联体建设缓慢	签订医联体协议	否
            """);

        Assert.Equal(DocumentKind.StatusReport, notice.Kind);
        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress], notice.Items.Select(i => i.Status));
    }

    /// <summary>
    /// A 公示's 整改结果 column is each problem's account, as 整改情况 is, its status in its words: opening it ("已整改完成。…",
    /// "正在整改中。…") or closing it ("…该项工作需长期坚持。").
    /// </summary>
    [Fact]
    public void A_result_column_is_the_account_and_its_words_the_status()
    {
        var notice = PlanParser.Parse("""
            示例镇关于巡察反馈问题整改情况的公示
            序号	问题	整改措施	整改结果
            1	发包合同期限过长	1.逐份核查发包合同；2.重新发包	已整改完成。清理合同47份，重新发包2份。
            2	山塘年久失修	1.排查小型水利设施	正在整改中。已维修山塘7处，剩余2处计划年底前完工。
            3	村监委会作用发挥不充分	1.开展业务培训	已制定监督事项清单，培训38人。该项工作需长期坚持。
            """);

        Assert.Equal(DocumentKind.StatusReport, notice.Kind);
        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress, MeasureStatus.Ongoing], notice.Items.Select(i => i.Status));
        Assert.StartsWith("清理合同47份", notice.Items[0].Text, StringComparison.Ordinal);
    }

    /// <summary>Aspects as 一、…方面 sections (whatever words they hold: 领导班子, 工作要求), and 第一个问题： headings.</summary>
    [Fact]
    public void Problems_headed_by_their_count_under_aspect_sections_are_items()
    {
        var notice = PlanParser.Parse("""
            关于巡察反馈意见整改落实情况的报告
            一、关于落实市委工作要求方面
            第一个问题：思想政治工作体系不够健全。
            整改情况：制定综合改革实施方案。目前已整改到位。
            二、关于领导班子和干部队伍建设方面
            第二个问题：高层次人才引进力度不够。
            整改情况：修订人才引进办法，正在推进。
            """);

        Assert.Equal(DocumentKind.StatusReport, notice.Kind);
        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress], notice.Items.Select(i => i.Status));
    }

    [Fact]
    public void Run_in_items_numbered_in_parentheses_carry_their_status_in_their_own_paragraph()
    {
        var report = PlanParser.Parse("""
            示例县审计局关于县财政局审计整改情况的报告
            现将审计发现问题整改情况报告如下。
            一、审计发现问题整改情况
            （1）部分项目资金闲置的问题。已收回闲置资金50万元，该问题已整改。
            （2）政府采购程序不规范的问题。已修订制度，相关程序正在完善，部分整改。
            （3）国有资产账实不符的问题。已完成资产清查，账实不符问题已全部整改到位。
            二、审计建议采纳情况
            1.建议加强预算管理。已采纳。
            """);

        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress, MeasureStatus.Done], report.Items.Select(i => i.Status));
    }

    [Fact]
    public void Headings_of_how_the_work_was_done_are_not_items_and_the_totals_are_read_from_any_section()
    {
        var notice = PlanParser.Parse("""
            中共示例县商务局党组关于十五届县委
            第三轮巡察整改情况的通报
            　　2024年9月，县委第一巡察组对县商务局党组开展了常规巡察。现将巡察整改情况予以公布。
            　　一、整改工作总体情况
            　　县委第一巡察组反馈共性问题4个、个性问题9个，共计13个问题，移交问题线索2条。局党组逐项细化整改任务40项。截至2025年3月31日，40项整改任务已完成36项，阶段性完成3项，需长期坚持1项，完成率90%。
            　　二、聚焦反馈问题，推动整改落地
            　　（一）强化理论武装，筑牢思想根基。开展集中学习12次，培训干部300人次。
            　　（二）严格市场监管，守牢安全底线。自查发现同类问题8个，已全部整改。
            　　（三）严明纪律规矩，纠治“四风”。问题线索2条已按程序办结。
            　　三、下一步工作打算
            　　一是持续推进整改；二是巩固整改成果。
            """);

        Assert.Equal(DocumentKind.StatusReport, notice.Kind);
        Assert.Empty(notice.Items);
        Assert.Equal(new StatedTotals(null, 13, 40, 36, 3, 1, 90m), notice.Stated);
    }

    [Fact]
    public void A_sign_off_table_flattened_with_runs_of_spaces_reads_its_status_from_the_sign_off_column()
    {
        var notice = Fixture("notice-xiaohao-spaces.txt");

        Assert.Equal(DocumentKind.StatusReport, notice.Kind);
        Assert.Equal([1, 2, 3, 4, 5], notice.Items.Select(i => i.Number));
        // Row 3 wraps onto an indented line; its account opens "已完成2022年档案整理" but it is 暂缓销号. Row 4's account
        // ends 已完成 but its 销号情况 is 长期坚持. Row 5 has an empty account cell.
        Assert.Equal([MeasureStatus.Done, MeasureStatus.Done, MeasureStatus.InProgress, MeasureStatus.Ongoing, MeasureStatus.Done], notice.Items.Select(i => i.Status));
        Assert.Equal("档案资料管理混乱，部分补贴档案缺失", notice.Items[2].Title);
        Assert.Equal(new StatedTotals(null, 5, 14, 3, 1, 1), notice.Stated);
        Assert.Empty(notice.Warnings);
    }

    [Fact]
    public void A_tabbed_plan_table_gives_a_measure_per_row_with_its_units_and_deadline()
    {
        var plan = Fixture("plan-tab-table.txt");

        Assert.Equal(DocumentKind.Plan, plan.Kind);
        Assert.Equal(["政治建设方面", "作风建设方面"], plan.Aspects.Select(a => a.Title));
        Assert.Equal(4, plan.Problems.Count());
        var m = plan.Measures.ToDictionary(x => x.Number);
        Assert.Equal([1, 2, 3, 4, 5, 6], m.Keys);
        Assert.Equal(["办公室"], m[1].LeadUnits);
        Assert.Equal((DeadlineKind.Date, new DateOnly(2024, 6, 30)), (m[1].Deadline.Kind, m[1].Deadline.Date!.Value));
        Assert.Equal(DeadlineKind.Recurring, m[2].Deadline.Kind);
        Assert.Equal("综合统计股 / 发改局", Units(m[3]));
        Assert.Equal("执法大队 / 综合统计股", Units(m[4]));
        Assert.Equal("财务室 / 各股室", Units(m[5]));
        Assert.Equal(["办公室", "财务室"], m[6].LeadUnits);
        Assert.True(m[6].Deadline.LongTermAfter);
        Assert.Equal("示例乙", m[3].ResponsibleLeader);
        Assert.Contains("未经核实即上报", plan.Problems.ElementAt(1).Title, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Warnings, w => w.Contains("请核对", StringComparison.Ordinal));
    }

    [Fact]
    public void Circled_steps_inside_measures_that_name_their_units_are_not_measures()
    {
        var plan = Fixture("plan-circled-steps.txt");

        Assert.Equal(DocumentKind.Plan, plan.Kind);
        var m = plan.Measures.ToDictionary(x => x.Number);
        Assert.Equal([1, 2, 3, 4, 5], m.Keys);
        Assert.Contains("③建立安全巡查台账", m[3].Text, StringComparison.Ordinal);
        Assert.Equal("保管利用股 / 各乡镇档案室", Units(m[3]));
        Assert.Equal(["办公室"], m[1].LeadUnits);
        Assert.Equal((DeadlineKind.Date, new DateOnly(2024, 8, 31)), (m[1].Deadline.Kind, m[1].Deadline.Date!.Value));
        Assert.Equal(DeadlineKind.LongTerm, m[4].Deadline.Kind);
        Assert.Equal(3, plan.Problems.Count());
    }
}
