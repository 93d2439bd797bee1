using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Documents;
using RectifyBot.Reminders;

namespace RectifyBot.Tests.Documents;

/// <summary>
/// The report read back from the .docx, on a store where most measures have updates typed on a phone: what the
/// issue asked an office to be able to send upward as it is.
/// </summary>
public sealed partial class StatusReportContentTests(RealisticStore store) : IClassFixture<RealisticStore>
{
    private sealed record Read(List<(string? Style, string Text)> Paragraphs, List<List<string>> Annex, StatusReport Report)
    {
        public string All => string.Join("\n", Paragraphs.Select(p => p.Text)) + "\n" + string.Join("\n", Annex.Select(r => string.Join("|", r)));

        public List<string> Section(string heading, string? next) =>
            Paragraphs.Select(p => p.Text).SkipWhile(t => t != heading).Skip(1).TakeWhile(t => t != next && !t.StartsWith("附件", StringComparison.Ordinal))
                .Where(t => t.Length > 0).ToList();
    }

    private static Read Generate(LedgerSnapshot ledger)
    {
        using var stream = new MemoryStream();
        var report = StatusReportDocument.Write(ledger, stream);
        stream.Position = 0;
        using var document = WordprocessingDocument.Open(stream, false);
        OpenXmlAssert.Valid(document);
        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => (p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, p.InnerText)).ToList();
        var annex = body.Elements<Table>().Single().Elements<TableRow>()
            .Select(r => r.Elements<TableCell>().Select(c => string.Join("\n", c.Elements<Paragraph>().Select(p => p.InnerText))).ToList()).ToList();
        return new Read(paragraphs, annex, report);
    }

    [Fact]
    public void Section_two_tells_each_problem_in_action_words_without_measure_numbers()
    {
        var read = Generate(store.Ledger);
        var two = read.Section("二、反馈问题整改落实情况", "三、存在的问题和下一步打算");
        Assert.NotEmpty(two);
        Assert.DoesNotContain(two, t => MeasureNumber().IsMatch(t));
        // Six problems, each a heading and a paragraph, under three aspects.
        Assert.Equal(3 + 6 * 2, two.Count);

        var learning = two[two.IndexOf("1.关于“学习贯彻习近平总书记关于民政工作的重要指示批示精神不深入”问题") + 1];
        Assert.StartsWith("整改情况（正在整改）：一是常态化严格执行“第一议题”学习制度（办公室落实）。2023年9月3日，党组会落实“第一议题”学习，已开展12次，形成贯彻措施9条。", learning);
        Assert.Contains("二是加强日常学习。", learning);
    }

    [Fact]
    public void Phone_wording_becomes_report_sentences_with_the_figures_kept()
    {
        var read = Generate(store.Ledger);
        var two = string.Join("\n", read.Section("二、反馈问题整改落实情况", "三、存在的问题和下一步打算"));
        foreach (var filler in new[] { "附现场照片", "附学习记录照片", "请审核", "请领导审核", "谢谢", "我们科", "今天", "～", "!", "," })
        {
            Assert.DoesNotContain(filler, two);
        }
        foreach (var figure in new[] { "12次", "拆除活人墓16座", "115户", "2.6万元", "43户", "28人次", "26个机构" })
        {
            Assert.Contains(figure, two);
        }
        // 社会事务科 claimed 4: it is named as the one who did it, once.
        Assert.Contains("社会事务科已开展陵园建设检查4次，督促整改问题7个。", two);
        Assert.DoesNotContain("社会事务科社会事务科", two);
        // 5 is led by 规划财务科 with 低保中心 supporting.
        Assert.Contains("规划财务科会同低保中心完成第三季度大数据比对，发现疑似问题对象115户，已全部核实。", two);
    }

    [Fact]
    public void Measures_with_nothing_recorded_are_one_sentence_and_their_detail_is_in_the_annex()
    {
        var read = Generate(store.Ledger);
        var two = read.Section("二、反馈问题整改落实情况", "三、存在的问题和下一步打算");
        var practice = two[two.IndexOf("2.关于“践行‘民政为民、民政爱民’工作理念不到位”问题") + 1];
        Assert.EndsWith("其余1项措施（畅通群众问题反馈渠道）尚未报送进展，完成情况见附件。", practice);

        Assert.Equal(["序号", "整改措施", "责任单位", "完成时限", "完成情况", "进展情况"], read.Annex[0]);
        Assert.Equal(Enumerable.Range(1, 24).Select(n => n.ToString()), read.Annex.Skip(1).Select(r => r[0]));
        foreach (var n in RealisticStore.Silent)
        {
            Assert.Equal("尚未报送进展", read.Annex[n][5]);
        }
        Assert.Equal("推进项目进度，强化督促检查", read.Annex[4][1]);
        Assert.Equal("未明确", read.Annex[16][2]);
    }

    [Fact]
    public void Blanks_are_few_counted_and_each_listed_for_the_office()
    {
        var read = Generate(store.Ledger);
        var underscores = Regex.Matches(read.All, LedgerText.Blank).Count;
        var marked = read.Paragraphs.Count(p => p.Style == StatusReportDocument.OfficeMarkStyle);
        Assert.Equal(1, marked);
        Assert.Equal(underscores + marked, read.Report.Blanks.Count);
        // Only the addressee and the paragraph on meetings and documents: nothing per measure.
        Assert.InRange(read.Report.Blanks.Count, 1, 3);
        Assert.Contains(read.Report.Blanks, b => b.Contains("主送机关", StringComparison.Ordinal));
    }

    [Fact]
    public void Quotation_marks_nest_everywhere()
    {
        var read = Generate(store.Ledger);
        Assert.All(read.Paragraphs, p => Assert.True(ReportWording.QuotesNest(p.Text), p.Text));
        Assert.Contains("2.关于“‘三公’经费管理不规范”问题", read.Paragraphs.Select(p => p.Text));
    }

    [Fact]
    public async Task The_figures_are_the_dashboards()
    {
        await using var scope = store.Store.Scope();
        var dashboard = (await scope.ServiceProvider.GetRequiredService<Dashboard>().LoadAsync(RealisticStore.AsOf, default))!;
        var read = Generate(store.Ledger);
        var overview = read.Section("一、整改工作总体情况", "二、反馈问题整改落实情况")[0];
        Assert.Contains($"完成率{RectifyBot.Domain.Figures.Percent(dashboard.CompletionRate)}", overview);
        Assert.Contains($"共制定整改措施{store.Ledger.Measures.Count}项", overview);
        var completed = store.Ledger.Measures.Count(m => m.IsCompleted);
        Assert.Contains($"已完成{completed}项", overview);
        Assert.Equal(dashboard.Units.Where(u => u.Unit != RectifyBot.Domain.Figures.NoUnit).ToDictionary(u => u.Unit, u => u.Completed),
            store.Ledger.Responsibilities().Where(u => u.Lead.Count > 0)
                .ToDictionary(u => u.Unit, u => store.Ledger.Measures.Count(m => m.Summary.LeadUnits.Contains(u.Unit) && m.IsCompleted)));
    }

    [Fact]
    public void Section_three_groups_what_is_open_instead_of_listing_every_measure()
    {
        var read = Generate(store.Ledger);
        var three = read.Section("三、存在的问题和下一步打算", null);
        Assert.Equal(2, three.Count);
        var overdue = store.Ledger.Measures.Count(m => m.Summary.DaysOverdue > 0);
        Assert.Contains($"逾期{overdue}项，主要涉及", three[0]);
        Assert.StartsWith("下一步，一是紧盯逾期事项", three[1]);
        // At most the three longest overdue are named; the rest are counted.
        Assert.InRange(store.Ledger.Measures.Count(m => string.Concat(three).Contains(ReportWording.Action(m.Summary.Text), StringComparison.Ordinal)), 1, 3);
    }

    [Fact]
    public void A_date_long_after_the_plan_warns_and_names_as_of()
    {
        Assert.DoesNotContain(Generate(store.Ledger).Report.Warnings, w => w.Contains("--as-of", StringComparison.Ordinal));
        var late = Generate(store.Ledger with { AsOf = new DateOnly(2026, 12, 1) });
        var warning = Assert.Single(late.Report.Warnings, w => w.Contains("--as-of", StringComparison.Ordinal));
        Assert.Contains("方案最后的完成时限2023年12月31日", warning);
        Assert.Contains("1项措施方案未写明牵头单位", string.Join("\n", late.Report.Warnings));
    }

    /// <summary>
    /// The store the issue was written from: seed 003 as imported (158 measures, most without a named lead unit,
    /// nothing recorded yet). Its report had 569 blanks, 59 pages and numbers instead of actions; the fictional twin
    /// of this test is the rest of this class, on <see cref="RealisticStore"/>.
    /// </summary>
    [TestData.SharedFact]
    public async Task On_seed_003_section_two_names_actions_blanks_stay_few_and_quotes_nest()
    {
        await using var seed = await TestData.Seed003Store.CreateAsync();
        await using var scope = seed.Store.Scope();
        var ledger = (await scope.ServiceProvider.GetRequiredService<LedgerLoader>().LoadAsync(null, TestData.Seed003Store.Today, default))!;
        Assert.Equal(158, ledger.Measures.Count);

        var read = Generate(ledger);

        var two = read.Section("二、反馈问题整改落实情况", "三、存在的问题和下一步打算");
        Assert.DoesNotContain(two, t => MeasureNumber().IsMatch(t));
        Assert.DoesNotContain(two, t => t.Contains("十一是", StringComparison.Ordinal));
        Assert.Equal(Regex.Matches(read.All, LedgerText.Blank).Count + 1, read.Report.Blanks.Count);
        Assert.InRange(read.Report.Blanks.Count, 1, 4);
        Assert.All(read.Paragraphs, p => Assert.True(ReportWording.QuotesNest(p.Text), p.Text));
        Assert.Equal(158, read.Annex.Count - 1);
    }

    [GeneratedRegex(@"第\s*\d+\s*项措施")]
    private static partial Regex MeasureNumber();
}
