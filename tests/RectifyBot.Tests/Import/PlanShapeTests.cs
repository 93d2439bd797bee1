using RectifyBot.Domain;
using RectifyBot.Import;

namespace RectifyBot.Tests.Import;

public class PlanShapeTests
{
    /// <summary>A fictional document of TestData/Plans, parsed.</summary>
    internal static ParsedDocument Fixture(string name) =>
        PlanParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Plans", name)));

    /// <summary>What SeedDocumentTests checks on seed 003 (which needs ../shared), on the fictional plan in the same layout.</summary>
    [Fact]
    public void Fictional_plan_in_the_seed_layout_has_its_tree_units_and_deadlines()
    {
        var plan = PlanParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Plans", "fictional-culture-bureau.txt")), new DateOnly(2023, 8, 3));
        Assert.Equal(DocumentKind.Plan, plan.Kind);
        Assert.Equal(2, plan.Aspects.Count);
        Assert.Equal(4, plan.Problems.Count());
        Assert.Equal(Enumerable.Range(1, 34), plan.Measures.Select(m => m.Number));
        Assert.Equal("文物安全巡查流于形式", plan.Aspects[0].Problems[0].Findings[0].Title);
        var measure = plan.Measures.ToDictionary(m => m.Number);
        Assert.Equal(["文物保护科"], measure[12].LeadUnits);
        Assert.Equal(["办公室"], measure[2].LeadUnits);
        Assert.Equal(["文物安全科"], measure[8].LeadUnits);
        Assert.Equal(["非遗保护中心"], measure[8].SupportingUnits);
        Assert.Equal(9, plan.Findings.Count());
        Assert.Empty(measure[15].LeadUnits);
        Assert.Equal(new DateOnly(2023, 9, 30), measure[3].Deadline.Date);
        Assert.Equal(new DateOnly(2025, 6, 30), measure[20].Deadline.Date);
    }

    /// <summary>
    /// A problem's measures written inline (一是…二是…) with one line of fields under them for all, beside a measure that
    /// names its own: each gets the line's fields but the one that names its own units.
    /// </summary>
    [Fact]
    public void A_line_of_fields_in_parentheses_under_inline_measures_is_theirs_all()
    {
        var plan = PlanParser.Parse("""
            示例县发改局整改方案
            （一）政治建设方面
            1.学习不深入。
            整改措施：一是修订学习制度；二是建立学习台账。
            （责任单位：办公室，配合单位：机关党支部；完成时限：2025年4月底前）
            2.项目推进缓慢。
            （3）建立项目储备库。（责任单位：投资股）
            （4）逐一分析未开工项目原因。
            （责任单位：财务股；完成时限：2025年9月底前）
            """, new DateOnly(2025, 3, 1));

        var m = plan.Measures.ToList();
        Assert.Equal([["办公室"], ["办公室"], ["投资股"], ["财务股"]], m.Select(x => x.LeadUnits));
        Assert.Equal(["机关党支部"], m[1].SupportingUnits);
        Assert.Equal(new DateOnly(2025, 4, 30), m[0].Deadline.Date);
    }

    /// <summary>（一） aspects, （1） problems each with "整改措施：" and ① measures under it: （1） is no measure.</summary>
    [Fact]
    public void Paren_numbers_over_circled_measures_are_problems()
    {
        var plan = PlanParser.Parse("""
            示例县信访局整改方案
            （一）政治建设方面
            （1）学习贯彻不深入。
            整改措施：
            ①纳入中心组学习计划。（牵头科室：办公室；完成时限：每季度）
            ②开展专题培训，由综合科牵头，2025年6月底前完成。
            （2）制度落实不规范。
            整改措施：
            ①修订学习制度。（牵头科室：办公室；完成时限：2025年5月底前）
            """, new DateOnly(2025, 3, 1));

        Assert.Equal(2, plan.Problems.Count());
        Assert.Equal([["办公室"], ["综合科"], ["办公室"]], plan.Measures.Select(x => x.LeadUnits));
    }

    /// <summary>
    /// "问题1：" headings, a leader named over a problem, then each measure's own units and deadline on the line under it:
    /// each line is its measure's, not the next one's (from a blind set, where every unit had moved down one measure and
    /// piled up, and the problems were not read).
    /// </summary>
    [Fact]
    public void A_field_line_under_each_measure_is_that_measures()
    {
        var plan = PlanParser.Parse("""
            关于巡察反馈意见的整改方案
            （一）党的领导方面
            问题1：议事规则边界不清。
            责任领导：张三
            整改措施：
            1.修订议事规则。
            牵头单位：党委办公室；配合单位：院长办公室；完成时限：2024年7月底前
            2.开展决策事项自查。
            牵头单位：院长办公室；配合单位：党委办公室、纪检监察室；完成时限：2024年6月30日前
            问题2：意识形态工作不到位。
            牵头单位：党委宣传部
            整改措施：
            3.专题研究意识形态工作。
            4.建立网络阵地管理台账。
            配合单位：信息中心；完成时限：2024年8月底前
            """, new DateOnly(2024, 5, 10));

        var measure = plan.Measures.ToDictionary(m => m.Number, Who);
        Assert.Equal("党委办公室 | 院长办公室 | 张三 | 2024-07-31", measure[1]);
        Assert.Equal("院长办公室 | 党委办公室、纪检监察室 | 张三 | 2024-06-30", measure[2]);
        // A problem's own lead stands for each of its measures that names none; a line after two measures is both's.
        Assert.Equal("党委宣传部 | 信息中心 |  | 2024-08-31", measure[3]);
        Assert.Equal("党委宣传部 | 信息中心 |  | 2024-08-31", measure[4]);
        Assert.Equal(2, plan.Problems.Count());
    }

    /// <summary>A measure's lead and supporting units, leader and deadline, as one line to compare.</summary>
    private static string Who(ParsedMeasure m) =>
        $"{string.Join("、", m.LeadUnits)} | {string.Join("、", m.SupportingUnits)} | {m.ResponsibleLeader} | {m.Deadline.Date:yyyy-MM-dd}";

    /// <summary>"一是…；二是…。（牵头单位：…）": the fields closing a line of measures are each one's, unless the others name their own.</summary>
    [Fact]
    public void Fields_closing_a_line_of_measures_are_each_ones()
    {
        var plan = PlanParser.Parse("""
            县农业农村局巡察整改方案
            （一）项目管理方面
            1.高标准农田建后管护不到位。
            整改措施：一是开展全面排查；二是制定管护办法；三是纳入乡镇考核。（牵头单位：农田建设管理股；配合单位：各乡镇；完成时限：2024年10月底前）
            2.招投标不规范。
            整改措施：一是开展专项自查（牵头单位：项目办）；二是修订内控制度（牵头单位：计划财务股）。
            """, new DateOnly(2024, 5, 10));

        var measure = plan.Measures.ToDictionary(m => m.Number, Who);
        Assert.All([1, 2, 3], n => Assert.Equal("农田建设管理股 | 各乡镇 |  | 2024-10-31", measure[n]));
        Assert.Equal("制定管护办法", plan.Measures.Single(m => m.Number == 2).Text.TrimEnd('；'));
        Assert.StartsWith("项目办 |  | ", measure[4]);
        Assert.StartsWith("计划财务股 |  | ", measure[5]);
    }

    [Fact]
    public void A_unit_cell_that_carries_its_own_label_is_read_without_it()
    {
        var plan = PlanParser.Parse("""
            县财政局巡察整改任务清单
            序号	问题	整改措施	责任单位	完成时限
            1	预算执行不严格	从严审核追加预算申请	责任单位：预算股	长期坚持
            2		规范三会一课记录台账	机关党委牵头，各党支部配合	每季度检查一次
            """, new DateOnly(2024, 3, 15));

        var measure = plan.Measures.ToDictionary(m => m.Number, Who);
        Assert.StartsWith("预算股 |  | ", measure[1]);
        Assert.StartsWith("机关党委 | 各党支部 | ", measure[2]);
    }

    [Fact]
    public void City_plan_with_quoted_headings_and_labelled_fields()
    {
        var plan = Fixture("city-plan-labelled-fields.txt");
        Assert.Equal(DocumentKind.Plan, plan.Kind);
        Assert.Equal("市民政局党组关于市委第二巡察组反馈意见的整改方案", plan.Title);
        Assert.Equal(new DateOnly(2023, 9, 5), plan.FeedbackDate);
        Assert.Equal("市民政局党组", plan.InspectedOrganisation);
        var aspect = Assert.Single(plan.Aspects);
        Assert.Equal(["理论学习不深入", "基层党组织建设薄弱", "财务管理不规范", "安全生产责任落实不到位"], aspect.Problems.Select(p => p.Title));
        Assert.Equal(Enumerable.Range(1, 7), plan.Measures.Select(m => m.Number));

        var first = plan.Measures.First();
        Assert.Equal(["办公室", "机关党委"], first.LeadUnits);
        Assert.Equal("局党组书记", first.ResponsibleLeader);
        Assert.Equal(DeadlineKind.LongTerm, first.Deadline.Kind);
        Assert.Contains(new DateOnly(2023, 12, 31), plan.Measures.ElementAt(1).Milestones);
    }

    [Fact]
    public void Inline_measures_parenthesised_units_and_compound_deadline()
    {
        var problem = Fixture("city-plan-labelled-fields.txt").Aspects[0].Problems[1];
        var measures = problem.Findings.Single().Measures;
        Assert.Equal(["对软弱涣散党组织进行排查", "开展党支部书记轮训（牵头单位：机关党委；责任单位：各直属单位）。"], measures.Select(m => m.Text));
        Assert.Equal(["机关党委"], measures[1].LeadUnits);
        Assert.Equal(["各直属单位"], measures[1].SupportingUnits);
        // "…前完成，长期坚持": due on the date, and kept up after it.
        Assert.All(measures, m => Assert.Equal(Deadline.OnThenLongTerm(new DateOnly(2023, 12, 31), Recurrence.HalfYearly), m.Deadline with { SourceText = null }));
    }

    [Fact]
    public void Bracket_fields_and_immediate_deadline()
    {
        var measure = Fixture("city-plan-labelled-fields.txt").Aspects[0].Problems[2].Findings.Single().Measures.Single();
        Assert.Equal("立即清退违规发放的补贴，健全财务报销制度。", measure.Text);
        Assert.Equal(["规划财务处"], measure.LeadUnits);
        Assert.Equal(Deadline.On(new DateOnly(2023, 11, 30), "立行立改"), measure.Deadline);
    }

    [Fact]
    public void Fields_after_all_measures_of_a_problem_apply_to_each_and_page_numbers_and_breaks_are_cleaned()
    {
        var plan = Fixture("city-plan-labelled-fields.txt");
        var measures = plan.Aspects[0].Problems[3].Findings.Single().Measures;
        Assert.Equal(2, measures.Count);
        Assert.StartsWith("组织开展养老机构安全隐患大排查，对发现的苗头性问题", measures[0].Text);
        Assert.All(measures, m =>
        {
            Assert.Equal(["养老服务处"], m.LeadUnits);
            Assert.Equal("分管副局长", m.ResponsibleLeader);
            Assert.Equal(new DateOnly(2024, 3, 31), m.Deadline.Date);
        });
        Assert.DoesNotContain(plan.Measures, m => m.Text.Contains("第2页", StringComparison.Ordinal) || m.Text.Contains("索引号", StringComparison.Ordinal));
        Assert.Equal([new ParsedStage("集中整改", new(2023, 9, 6), new(2023, 11, 30)), new ParsedStage("长效整改", new(2023, 12, 1), null)], plan.Stages);
    }

    [Fact]
    public void A_field_line_naming_the_lead_and_its_supporting_units_is_two_fields()
    {
        var plan = PlanParser.Parse("""
            一、防汛责任落实方面
            1.汛前检查不到位。
            整改措施：
            （1）对辖区小型水库逐库开展汛前安全检查，建立隐患清单。
            责任单位：水旱灾害防御股；配合单位：各水库管理站、县应急局
            完成时限：2025年5月31日
            """, new DateOnly(2025, 3, 1));
        var measure = plan.Measures.Single();
        Assert.Equal(["水旱灾害防御股"], measure.LeadUnits);
        Assert.Equal(["各水库管理站", "应急局"], measure.SupportingUnits);
        Assert.Equal(new DateOnly(2025, 5, 31), measure.Deadline.Date);
    }

    [Fact]
    public void Per_problem_numbering_becomes_plan_wide_and_inline_findings_are_split()
    {
        var plan = Fixture("per-problem-numbering.txt");
        Assert.Equal(2, plan.Aspects.Count);
        Assert.Equal(3, plan.Problems.Count());
        Assert.Equal(Enumerable.Range(1, 5), plan.Measures.Select(m => m.Number));
        var findings = plan.Aspects[0].Problems[0].Findings;
        Assert.Equal(["乡村振兴项目推进缓慢，3个项目未按期开工", "防返贫监测不精准"], findings.Select(f => f.Title));
        Assert.Equal("贯彻落实上级决策部署不到位", plan.Aspects[0].Problems[0].Title);
        Assert.Equal("意识形态工作责任制落实不到位", plan.Aspects[0].Problems[1].Findings.Single().Title);
    }

    [Fact]
    public void Per_problem_plan_units_deadlines_and_solar_term()
    {
        var measures = Fixture("per-problem-numbering.txt").Measures.ToList();
        Assert.Equal(["乡村振兴股"], measures[0].LeadUnits);
        Assert.Equal(new DateOnly(2023, 6, 30), measures[0].Deadline.Date);
        Assert.Equal(["农经站"], measures[1].LeadUnits);
        Assert.Equal(["乡村振兴股"], measures[1].SupportingUnits);
        Assert.Equal(Recurrence.Monthly, measures[1].Deadline.Recurrence);
        Assert.Equal(Recurrence.HalfYearly, measures[2].Deadline.Recurrence);
        Assert.Equal(Deadline.Unstated(new DateOnly(2023, 6, 30)), measures[3].Deadline);
        Assert.Equal(["人事股"], measures[4].LeadUnits);
        Assert.Equal(new DateOnly(2023, 4, 5), measures[4].Deadline.Date);
    }

    [Fact]
    public void Stated_totals_ignore_people_rules_and_money_and_a_mismatch_warns()
    {
        var plan = Fixture("per-problem-numbering.txt");
        Assert.Equal(new StatedTotals(2, 3, 9, null), plan.Stated);
        Assert.Contains("文件称有9项整改措施，实际读到5项，请核对。", plan.Warnings);
        Assert.Contains(plan.Warnings, w => w.StartsWith("1项措施没有写明牵头单位", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_with_in_progress_items_and_site_chrome()
    {
        var report = Fixture("report-in-progress.txt");
        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal("关于县教育局党组巡察整改进展情况的报告", report.Title);
        Assert.Equal(new DateOnly(2022, 7, 12), report.FeedbackDate);
        Assert.Equal(new StatedTotals(null, 3, null, 2, InProgress: 1), report.Stated);
        Assert.Equal(
            [
                new ParsedStatusItem(1, "学习贯彻不深入", MeasureStatus.Done, "已完成", "制定学习计划，开展集中学习12次。"),
                new ParsedStatusItem(2, "意识形态责任制落实不到位", MeasureStatus.InProgress, "持续推进", "已召开专题会议2次，下一步将每季度研判一次。"),
                new ParsedStatusItem(3, "违规发放津补贴", MeasureStatus.Ongoing, "已完成，并将长期坚持", "已清退违规发放的津补贴共计3.2万元。"),
            ],
            report.Items);
        Assert.Empty(report.Warnings);
    }
    /// <summary>
    /// A plan pasted from a chat: each problem a paragraph holding its measures ①②③ (numbered again in each), with 责任人 and
    /// 时限 inline; a 责任人 names units, a person's name after a unit is none, and one naming only a person gives no unit.
    /// </summary>
    [Fact]
    public void Circled_measures_inside_each_problems_paragraph_with_their_responsible_units_inline()
    {
        var plan = PlanParser.Parse("""
            示例研究所落实巡视反馈意见整改方案

                一、党支部组织生活不规范，学习不够深入。①补齐支部会议记录。责任人：综合科 李明；时限：10月底前。②支部书记讲党课。责任人：党支部，各研究室配合；时限：每季度。
                二、经费报销审核不严。①开展经费自查，超范围列支的限期退回。责任人：财务科 王芳，业务科配合；时限：11月30日前。②每月通报经费支出。责任人：财务科、业务科；时限：每月。③修订报销细则。责任人：张伟；时限：12月底前。

            示例研究所党支部
            2024年9月28日
            """);

        Assert.Equal(DocumentKind.Plan, plan.Kind);
        Assert.Equal(["党支部组织生活不规范，学习不够深入", "经费报销审核不严"], plan.Problems.Select(p => p.Title));
        Assert.Equal(Enumerable.Range(1, 5), plan.Measures.Select(m => m.Number));
        Assert.Equal([["综合科"], ["党支部"], ["财务科"], ["财务科", "业务科"], []], plan.Measures.Select(m => m.LeadUnits));
        Assert.Equal([[], ["各研究室"], ["业务科"], [], []], plan.Measures.Select(m => m.SupportingUnits));
        Assert.Equal(new DateOnly(2024, 11, 30), plan.Measures.ElementAt(2).Deadline.Date);
    }
}

public class DeadlineFieldTests
{
    [Fact]
    public void An_unreadable_deadline_field_is_a_warning_and_falls_back_to_the_stage_end()
    {
        var plan = PlanParser.Parse(Plan("X月X日", "（一）集中整改阶段（8月4日—10月31日）"));
        var measure = plan.Measures.Single();
        Assert.Equal(Deadline.Unstated(new DateOnly(2023, 10, 31)) with { SourceText = "X月X日" }, measure.Deadline);
        Assert.Contains("第1项措施的完成时限“X月X日”无法识别，暂按集中整改阶段截止日期计。", plan.Warnings);
    }

    [Theory]
    [InlineData("立行立改并长期坚持")]
    [InlineData("立行立改、长期坚持")]
    public void An_immediate_deadline_kept_up_after_is_due_at_the_stage_end_then_long_term(string deadline)
    {
        var plan = PlanParser.Parse(Plan(deadline, "（一）集中整改阶段（8月4日—10月31日）"));
        Assert.Equal(Deadline.OnThenLongTerm(new DateOnly(2023, 10, 31), Recurrence.HalfYearly), plan.Measures.Single().Deadline with { SourceText = null });
    }

    [Fact]
    public void An_immediate_deadline_without_a_stage_end_says_so_rather_than_that_it_was_not_read()
    {
        var plan = PlanParser.Parse(Plan("立行立改", ""));
        Assert.Equal(DeadlineKind.NotStated, plan.Measures.Single().Deadline.Kind);
        Assert.Contains("第1项措施要求“立行立改”，文件没有写集中整改阶段的截止日期，暂无到期日，请导入后补上日期。", plan.Warnings);
        Assert.DoesNotContain(plan.Warnings, w => w.Contains("无法识别", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("集中整改任务原则上于2023年10月底前完成，需要长期坚持的事项建立长效机制。", "2023-10-31")]
    [InlineData("力争2023年9月底前集中整改任务基本完成，年底前全部完成。", "2023-09-30")]
    [InlineData("集中整改工作于10月15日前基本完成。", "2023-10-15")]
    public void A_stage_end_said_in_the_opening_dates_an_immediate_deadline(string said, string end)
    {
        var plan = PlanParser.Parse(Plan("立行立改", "").Replace("反馈了巡察意见。", $"反馈了巡察意见。{said}", StringComparison.Ordinal));
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), plan.Measures.Single().Deadline.Date);
        Assert.DoesNotContain(plan.Warnings, w => w.Contains("集中整改阶段的截止日期", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stage_end_is_not_read_from_a_measure()
    {
        var plan = PlanParser.Parse(Plan("立行立改", "").Replace("1.由办公室牵头修订制度。", "1.由办公室牵头修订制度，集中整改于10月15日前完成。", StringComparison.Ordinal));
        Assert.Equal(DeadlineKind.NotStated, plan.Measures.Single().Deadline.Kind);
    }

    /// <summary>A plan of one measure with this 完成时限, and this line under 二、时间安排 (none when empty).</summary>
    private static string Plan(string deadline, string stage) => $"""
        某局巡察整改方案
        2023年8月3日，县委第一巡察组向某局党组反馈了巡察意见。
        一、整改任务
        （一）关于“制度不健全”问题的整改
        整改措施：
        1.由办公室牵头修订制度。
        完成时限：{deadline}
        """ + (stage.Length > 0 ? $"\n二、时间安排\n{stage}" : "");
}

public class SectionAspectTests
{
    [Fact]
    public void Without_a_wrapping_section_the_top_sections_are_aspects_and_bare_numbers_are_measures()
    {
        const string text = """
            县统计局巡察反馈问题整改方案
            2023年5月8日，县委第五巡察组向县统计局党组反馈了巡察意见。
            一、党的政治建设方面
            （一）理论学习不深入
            1.由办公室牵头制定学习计划。责任单位：办公室；完成时限：2023年6月底
            2.每月开展集中学习。
            二、作风建设方面
            （一）服务意识不强
            1.由综合股牵头开展作风整顿，长期坚持。
            三、工作要求
            （一）加强领导。
            """;
        var plan = PlanParser.Parse(text);
        Assert.Equal(["党的政治建设方面", "作风建设方面"], plan.Aspects.Select(a => a.Title));
        Assert.Equal(["理论学习不深入", "服务意识不强"], plan.Problems.Select(p => p.Title));
        var measures = plan.Measures.ToList();
        Assert.Equal(3, measures.Count);
        Assert.Equal((new DateOnly(2023, 6, 30), "2023年6月底"), (measures[0].Deadline.Date!.Value, measures[0].Deadline.SourceText));
        Assert.Equal(Recurrence.Monthly, measures[1].Deadline.Recurrence);
        Assert.Equal(["综合股"], measures[2].LeadUnits);
        Assert.Equal(DeadlineKind.LongTerm, measures[2].Deadline.Kind);
    }
}

public class LargePlanTests
{
    [Fact]
    public void A_plan_with_thousands_of_measures_keeps_every_number()
    {
        var text = new System.Text.StringBuilder("某局巡察整改实施方案\n2023年8月3日，县委第一巡察组向某局党组反馈了巡察意见。\n二、整改措施\n");
        for (var p = 1; p <= 300; p++)
        {
            text.Append(p).Append(".某项工作推进不力。\n整改措施：\n");
            for (var k = 1; k <= 40; k++)
            {
                text.Append('（').Append(((p - 1) * 40) + k).Append("）由办公室牵头建立台账。\n");
            }
        }
        var plan = PlanParser.Parse(text.ToString());
        Assert.Equal(Enumerable.Range(1, 12000), plan.Measures.Select(m => m.Number));
    }
}

public class DeadlineReaderTests
{
    private readonly DeadlineReader reader = new(new DateOnly(2023, 8, 3), new DateOnly(2023, 10, 20));

    [Theory]
    [InlineData("对问题立行立改，清退费用", null, "2023-10-20")]
    [InlineData("立即清理互联网计算机", null, null)]
    [InlineData("清退费用", "立即", "2023-10-20")]
    public void Immediate_measures_are_due_when_the_concentrated_stage_ends(string text, string? field, string? due)
    {
        var deadline = reader.Read(text, field).Deadline;
        Assert.Equal(due is null ? DeadlineKind.NotStated : DeadlineKind.Date, deadline.Kind);
        Assert.Equal(new DateOnly(2023, 10, 20), deadline.Date);
    }

    [Theory]
    [InlineData("每2周召开1次推进会", Recurrence.Biweekly, "2023-08-17")]
    [InlineData("每年至少开展1次检查", Recurrence.Yearly, "2023-12-31")]
    [InlineData("每季度至少开展1次", Recurrence.Quarterly, "2023-09-30")]
    [InlineData("每学期开展一次", Recurrence.HalfYearly, "2023-12-31")]
    public void Recurrences_are_first_due_at_the_end_of_the_current_period(string text, Recurrence period, string firstDue) =>
        Assert.Equal(Deadline.Every(period, DateOnly.Parse(firstDue)), reader.Read(text, null).Deadline with { SourceText = null });

    [Theory]
    [InlineData("确保X月X日前完成", "X月X日")]
    [InlineData("于20XX年X月底前完成", "20XX年X月")]
    [InlineData("10月**日前报送", "10月**日")]
    public void Redacted_dates_are_reported_as_unresolved(string text, string unresolved) =>
        Assert.Equal([unresolved], reader.Read(text, null).Unresolved);

    [Fact]
    public void History_and_document_titles_are_not_milestones()
    {
        var reading = reader.Read("对2020-2022年期间的问题，按照《2023年村务公开目录》（城府办发〔2023〕70号）整改，2023年10月底前完成", null);
        Assert.Equal([new DateOnly(2023, 10, 31)], reading.Milestones);
        Assert.Equal(Deadline.On(new DateOnly(2023, 10, 31), "2023年10月底前完成"), reading.Deadline);
    }
}

public class ReportShapeTests
{
    [Fact]
    public void Items_numbered_with_parenthesised_chinese_and_lists_inside_their_accounts()
    {
        const string text = """
            关于巡察整改情况的通报
            一、整改落实情况
            （一）关于“学习不深入”问题
            整改情况（已完成）：采取以下措施：
            1.修订学习制度；
            2.开展集中学习4次。
            （二）关于“制度执行不严”问题
            整改情况（基本完成）：已完成制度梳理。
            """;
        var report = PlanParser.Parse(text, new DateOnly(2024, 1, 1));
        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal(["学习不深入", "制度执行不严"], report.Items.Select(i => i.Title));
        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress], report.Items.Select(i => i.Status!.Value));
        Assert.Contains("2.开展集中学习4次。", report.Items[0].Text);
    }

    [Fact]
    public void A_notice_whose_sections_each_tell_one_problem_in_prose_reads_each_as_an_item()
    {
        const string text = """
            市卫生健康委员会党组关于巡察反馈意见整改进展情况的通报
            截至2026年9月30日，3个问题中已完成整改1个，正在推进1个，需长期坚持的1个。具体整改情况如下：
            　　一、关于公立医院综合改革推进缓慢问题的整改情况
            　　制定印发实施方案，组建两个城市医疗集团，实现网格化布局全覆盖。目前，该问题已完成整改。
            　　二、关于疾控机构能力建设滞后、监测预警平台建设迟缓问题的整改情况
            　　监测预警平台已于2026年9月上线试运行，接入全市二级以上医疗机构。该问题正在推进整改。
            　　三、关于基层卫生人才流失严重问题的整改情况
            　　落实县管乡用机制。人才队伍建设需要久久为功，该问题纳入长期坚持事项，持续抓好落实。
            """;
        var report = PlanParser.Parse(text, new DateOnly(2026, 10, 12));

        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal(["公立医院综合改革推进缓慢", "疾控机构能力建设滞后、监测预警平台建设迟缓", "基层卫生人才流失严重"], report.Items.Select(i => i.Title));
        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress, MeasureStatus.Ongoing], report.Items.Select(i => i.Status!.Value));
        Assert.Empty(report.Warnings);
    }

    /// <summary>
    /// "已完成，并将长期坚持" is counted as the notice counts it: done where 长期坚持 is counted apart from the completed,
    /// ongoing where it is among them; either way the notice's own totals add up and raise no warning.
    /// </summary>
    [Theory]
    [InlineData("3个问题中已完成整改2个，需长期坚持1个。", MeasureStatus.Done, "已完成，并将长期坚持")]
    [InlineData("3个问题中已完成整改3个，其中需长期坚持1个。", MeasureStatus.Ongoing, "已完成，并将长期坚持")]
    [InlineData("3个问题已完成整改3个。", MeasureStatus.Ongoing, "已完成，并将长期坚持")]
    [InlineData("3个问题中已完成整改2个，长期坚持1个。", MeasureStatus.Done, "已完成，长期坚持")]
    [InlineData("3个问题已完成整改3个。", MeasureStatus.Ongoing, "已完成，长期坚持")]
    public void Done_and_kept_up_is_counted_as_the_notice_counts_it(string totals, MeasureStatus keptUp, string said)
    {
        var text = $"""
            关于巡察整改情况的通报
            {totals}
            二、整改落实情况
            1.关于“学习不深入”问题
            整改情况（已完成）：修订学习制度。
            2.关于“制度执行不严”问题
            整改情况（{said}）：梳理制度。
            3.关于“监督不到位”问题
            整改情况（长期坚持）：每季度开展检查。
            """;
        var report = PlanParser.Parse(text, new DateOnly(2024, 1, 1));
        Assert.Equal([MeasureStatus.Done, keptUp, MeasureStatus.Ongoing], report.Items.Select(i => i.Status!.Value));
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void A_status_in_brackets_closes_an_items_title_on_its_line_or_the_next_and_a_pictures_caption_is_no_item()
    {
        var text = """
            关于巡察反馈意见整改进展情况的报告
            二、反馈问题整改进展情况
            1.党总支会议议事范围界定不清，部分重要事项未经党总支会议研究。【已完成】
            整改进展：修订议事规则，明确事项清单18项。
            2.“三会一课”制度落实不严格，部分党课以播放视频代替。
            【已完成】
            整改进展：逐本检查记录，制定工作指引。
            ▲党支部开展主题党日活动
            3.党员发展工作不规范，2名发展对象政审材料不完整。【正在推进】
            整改进展：已补齐政审材料，正在规范整理其余档案。
            """;
        var report = PlanParser.Parse(text, new DateOnly(2026, 1, 20));
        Assert.Equal([MeasureStatus.Done, MeasureStatus.Done, MeasureStatus.InProgress], report.Items.Select(i => i.Status!.Value));
        Assert.Equal("党总支会议议事范围界定不清，部分重要事项未经党总支会议研究", report.Items[0].Title);
    }

    [Fact]
    public void A_report_whose_totals_disagree_with_its_items_warns()
    {
        const string text = """
            关于巡察整改情况的通报
            巡察反馈问题共4个，已完成整改3个。
            二、整改落实情况
            1.关于“学习不深入”问题
            整改情况（已完成）：修订学习制度。
            2.关于“制度执行不严”问题
            整改情况（正在整改）：梳理制度。
            """;
        var report = PlanParser.Parse(text, new DateOnly(2024, 1, 1));
        Assert.Equal(["文件称有4个问题，实际读到2项，请核对。", "文件称已完成3个，实际读到1项已完成，请核对。"], report.Warnings);
    }

    [Fact]
    public void Plan_in_parts_with_run_in_headings_and_a_lead_marked_among_the_responsible_units()
    {
        // 第一部分/第二部分/第三部分 above the 一、 aspects, and a closing "二、严格督查考核。…将整改情况纳入…" whose prose
        // must not make it the problem section; "责任单位：县就业服务中心（牵头），各乡镇人社服务站".
        var plan = PlanParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Plans", "parts-and-run-in-headings.txt")));

        Assert.Equal(DocumentKind.Plan, plan.Kind);
        Assert.Equal(new StatedTotals(4, 8, 15, null), plan.Stated);
        Assert.Equal(["政治建设方面", "全面从严治党方面", "组织建设方面", "巡察审计整改方面"], plan.Aspects.Take(4).Select(a => a.Title));
        Assert.Equal(Enumerable.Range(1, 15), plan.Measures.Select(m => m.Number));
        var m = plan.Measures.ToDictionary(x => x.Number);
        Assert.Equal(["就业服务中心"], m[1].LeadUnits);
        Assert.Equal(["各乡镇人社服务站"], m[1].SupportingUnits);
        Assert.Equal(["办公室"], m[13].LeadUnits);
        Assert.Equal(["财务股"], m[13].SupportingUnits);
        Assert.Equal(["社会保险事业中心", "人社信息中心"], m[4].LeadUnits);
    }

}
