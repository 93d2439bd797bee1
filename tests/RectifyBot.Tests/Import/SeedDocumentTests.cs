using RectifyBot.Domain;
using RectifyBot.Import;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Import;

public class SeedDocumentTests
{
    private static readonly Lazy<ParsedDocument> Plan003 = new(() => PlanParser.Parse(File.ReadAllText(Shared.Seed("003"))));
    private static readonly Lazy<ParsedDocument> Report004 = new(() => PlanParser.Parse(File.ReadAllText(Shared.Seed("004"))));

    private static ParsedMeasure Measure(int number) => Plan003.Value.Measures.Single(m => m.Number == number);

    [SharedFact]
    public void Seed_003_has_the_plans_tree()
    {
        var plan = Plan003.Value;
        Assert.Equal(DocumentKind.Plan, plan.Kind);
        Assert.Equal(3, plan.Aspects.Count);
        Assert.Equal(9, plan.Problems.Count());
        Assert.Equal(26, plan.Findings.Count());
        Assert.Equal(Enumerable.Range(1, 158), plan.Measures.Select(m => m.Number));
        Assert.Equal("自觉贯彻落实“第一议题”学习制度有温差", plan.Aspects[0].Problems[0].Findings[0].Title);
    }

    [SharedFact]
    public void Seed_003_joins_lines_broken_mid_sentence()
    {
        var problem = Plan003.Value.Aspects[0].Problems[2];
        Assert.Equal("贯彻执行上级决策部署不够坚决，重点工作推进需持续用力", problem.Title);
        Assert.Contains("苗头性、倾向性问题", Plan003.Value.Aspects[1].Problems[0].Findings[1].Text);
    }

    [SharedTheory]
    [InlineData(5, "社会事务科")]
    [InlineData(32, "社会事务科")]
    [InlineData(51, "社会事务科")]
    [InlineData(137, "社会事务科")]
    [InlineData(61, "办公室")]
    [InlineData(100, "办公室")]
    [InlineData(102, "办公室")]
    [InlineData(124, "办公室")]
    [InlineData(125, "办公室")]
    [InlineData(129, "办公室")]
    [InlineData(104, "政务服务科")]
    [InlineData(119, "殡葬服务中心")]
    [InlineData(120, "殡葬服务中心")]
    [InlineData(123, "规划财务科")]
    public void Seed_003_lead_units(int number, string unit) => Assert.Equal([unit], Measure(number).LeadUnits);

    [SharedTheory]
    [InlineData(11)]
    [InlineData(13)]
    public void Seed_003_social_assistance_leads_with_the_subsistence_centre_supporting(int number)
    {
        Assert.Equal(["社会救助科"], Measure(number).LeadUnits);
        Assert.Equal(["低保中心"], Measure(number).SupportingUnits);
    }

    [SharedFact]
    public void Seed_003_deadlines()
    {
        Assert.Equal(Deadline.On(new DateOnly(2025, 6, 30)), Measure(49).Deadline with { SourceText = null });
        Assert.Contains(new DateOnly(2024, 1, 20), Measure(5).Milestones);
        Assert.Equal((DeadlineKind.Recurring, Recurrence.Quarterly), (Measure(32).Deadline.Kind, Measure(32).Deadline.Recurrence));
        Assert.Equal((DeadlineKind.Recurring, Recurrence.HalfYearly), (Measure(137).Deadline.Kind, Measure(137).Deadline.Recurrence));
        var unstated = Plan003.Value.Measures.Where(m => m.Deadline.Kind == DeadlineKind.NotStated).ToList();
        Assert.True(unstated.Count > 100);
        Assert.All(unstated, m => Assert.Equal(new DateOnly(2023, 10, 20), m.Deadline.Date));
        Assert.Equal(DeadlineKind.LongTerm, Measure(1).Deadline.Kind);   // "常态化严格执行…"; "完善2023年…学习计划" names a year, not a deadline
    }

    [SharedFact]
    public void Seed_003_facts_stages_and_leadership_group()
    {
        var plan = Plan003.Value;
        Assert.Equal(new DateOnly(2023, 8, 3), plan.FeedbackDate);
        Assert.Equal("县委第一巡察组", plan.InspectingBody);
        Assert.Equal("县民政局党组", plan.InspectedOrganisation);
        Assert.Equal(new StatedTotals(3, 26, null, null), plan.Stated);
        Assert.Equal(
            [
                new ParsedStage("动员部署", new(2023, 8, 3), new(2023, 8, 10)),
                new ParsedStage("推进落实", new(2023, 8, 11), new(2023, 10, 20)),
                new ParsedStage("汇总上报", new(2023, 10, 20), new(2023, 11, 1)),
                new ParsedStage("持续巩固", new(2023, 11, 3), null),
            ],
            plan.Stages);
        Assert.Contains(new SuggestedStaff("巨伟", "组长"), plan.SuggestedStaff);
        Assert.Contains(new SuggestedStaff("陈奇奇", "办公室主任"), plan.SuggestedStaff);
        Assert.DoesNotContain(plan.Warnings, w => w.Contains("文件称", StringComparison.Ordinal));
    }

    [SharedFact]
    public void Seed_004_is_a_status_report_with_30_items()
    {
        var report = Report004.Value;
        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal("关于巡察整改阶段情况的通报", report.Title);
        Assert.Equal(Enumerable.Range(1, 30), report.Items.Select(i => i.Number));
        Assert.Equal("对市直机关党建工作统筹谋划不够", report.Items[0].Title);
        Assert.Equal((MeasureStatus.Ongoing, "已完成，并将长期坚持"), (report.Items[0].Status!.Value, report.Items[0].StatusText));
        Assert.Equal(MeasureStatus.Done, report.Items[5].Status);
        Assert.Null(report.Items[9].Status);
        Assert.Equal(23, report.Items.Count(i => i.Status == MeasureStatus.Ongoing));
        Assert.Equal(6, report.Items.Count(i => i.Status == MeasureStatus.Done));
        Assert.Equal("市委巡察二组", report.InspectingBody);
    }

    [SharedFact]
    public void Seed_004_advertisement_stays_out_of_the_items()
    {
        var advertisement = File.ReadLines(Shared.Seed("004")).TakeWhile(l => !l.Contains("通报", StringComparison.Ordinal))
            .Select(l => l.Trim()).Where(l => l.Length > 3).ToList();
        Assert.NotEmpty(advertisement);
        foreach (var item in Report004.Value.Items)
        {
            Assert.All(advertisement, ad => Assert.DoesNotContain(ad, item.Text + item.Title));
        }
        Assert.DoesNotContain("会员", Report004.Value.Items[^1].Text);
        Assert.DoesNotContain("线索", Report004.Value.Items[^1].Text);
    }
}
