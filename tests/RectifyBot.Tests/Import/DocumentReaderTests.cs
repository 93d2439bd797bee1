using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RectifyBot.Domain;
using RectifyBot.Import;

namespace RectifyBot.Tests.Import;

public sealed class DocumentReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("rectifybot-reader-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Table_form_docx_plan_reads_problems_measures_and_columns()
    {
        var path = Path.Combine(folder, "plan.docx");
        TablePlan.Write(path);

        var plan = await PlanParser.ParseFileAsync(path, today: null, CancellationToken.None);

        Assert.Equal(DocumentKind.Plan, plan.Kind);
        Assert.Equal(new DateOnly(2023, 6, 1), plan.FeedbackDate);
        Assert.Equal(["党的政治建设", "作风建设"], plan.Aspects.Select(a => a.Title));
        Assert.Equal(["学习贯彻不深入", "服务窗口作风不实"], plan.Problems.Select(p => p.Title));
        var measures = plan.Measures.ToList();
        Assert.Equal(["制定学习计划", "每月集中学习", "开展专题研讨", "整治窗口作风"], measures.Select(m => m.Text));
        Assert.Equal(Enumerable.Range(1, 4), measures.Select(m => m.Number));
        Assert.Equal(["办公室"], measures[0].LeadUnits);
        Assert.Equal("张三", measures[0].ResponsibleLeader);
        Assert.Equal(new DateOnly(2023, 7, 31), measures[0].Deadline.Date);
        Assert.Equal(new DateOnly(2023, 7, 31), measures[1].Deadline.Date);   // the 完成时限 column wins over "每月"
        Assert.Equal(["医保中心"], measures[2].LeadUnits);
        Assert.Equal(DeadlineKind.LongTerm, measures[2].Deadline.Kind);
        Assert.Equal(["基金监管股"], measures[3].LeadUnits);
        Assert.Equal(new DateOnly(2023, 12, 31), measures[3].Deadline.Date);
    }

    [Fact]
    public async Task Table_form_docx_report_reads_items_and_statuses()
    {
        var path = Path.Combine(folder, "report.docx");
        WriteDocx(path,
            Para("关于巡察反馈问题整改进展情况的报告"),
            new Table(
                TablePlan.Row("序号", "反馈问题", "整改情况", "完成情况"),
                TablePlan.Row("1", "学习制度落实不到位", "已修订学习制度并开展集中学习", "已完成"),
                TablePlan.Row("2", "作风整顿不彻底", "正在开展专项整治", "持续推进")));

        var report = await PlanParser.ParseFileAsync(path, new DateOnly(2023, 1, 1), CancellationToken.None);

        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal(
            [
                new ParsedStatusItem(1, "学习制度落实不到位", MeasureStatus.Done, "已完成", "已修订学习制度并开展集中学习"),
                new ParsedStatusItem(2, "作风整顿不彻底", MeasureStatus.InProgress, "持续推进", "正在开展专项整治"),
            ],
            report.Items);
    }

    [Fact]
    public async Task A_cell_with_the_leader_over_the_units_under_a_header_that_names_both_gives_each_its_field()
    {
        var path = Path.Combine(folder, "leader-over-units.docx");
        WriteDocx(path,
            Para("县住建局巡察整改方案"),
            Para("注：责任单位有多个的，排在首位的为牵头单位，其余为配合单位。"),
            new Table(
                TablePlan.Row("序号", "反馈问题", "整改措施", "责任领导\n责任单位", "完成时限"),
                TablePlan.Row("1", "学习不深入。", "（1）每季度组织1次专题研讨，建立学习研讨台账。", "陈立新\n办公室、机关党支部", "每季度")));

        var measure = (await PlanParser.ParseFileAsync(path, new DateOnly(2026, 3, 27), CancellationToken.None)).Measures.Single();

        Assert.Equal("陈立新", measure.ResponsibleLeader);
        Assert.Equal(["办公室"], measure.LeadUnits);
        Assert.Equal(["机关党支部"], measure.SupportingUnits);
    }

    [Fact]
    public async Task Cells_merged_down_over_a_problems_measures_are_each_measures()
    {
        var path = Path.Combine(folder, "merged-down.docx");
        WriteDocx(path,
            Para("县交投集团巡察整改方案"),
            new Table(
                TablePlan.Row("序号", "反馈问题", "整改措施", "牵头部门", "配合部门", "完成时限"),
                new TableRow(Merged("1", true), Merged("财务管理不规范。", true), new TableCell(Para("补齐审批手续。")), Merged("财务管理部", true),
                    new TableCell(Para("纪委办公室")), new TableCell(Para("2025年6月30日前"))),
                new TableRow(Merged("", false), Merged("", false), new TableCell(Para("开展公务用车费用清理。")), Merged("", false),
                    new TableCell(Para("公交集团有限公司")), new TableCell(Para("2025年9月底前")))));

        var plan = await PlanParser.ParseFileAsync(path, new DateOnly(2025, 5, 1), CancellationToken.None);

        Assert.Equal(["财务管理不规范"], plan.Problems.Select(p => p.Title));
        Assert.Equal([["财务管理部"], ["财务管理部"]], plan.Measures.Select(m => m.LeadUnits));
        Assert.Equal([["纪委办公室"], ["公交集团有限公司"]], plan.Measures.Select(m => m.SupportingUnits));
    }

    /// <summary>
    /// 问题1… under 一、 aspects, each followed by its own table numbered from 1 (责任领导 and 责任处室 merged down): the aspect
    /// that says what falls short "…工作要求有差距" holds problems, and the unnumbered "整改工作要求" after the last table
    /// with its 1. 2. lines is no problem's.
    /// </summary>
    [Fact]
    public async Task A_table_per_problem_under_aspects_that_say_what_falls_short_gives_each_measure_its_units()
    {
        var path = Path.Combine(folder, "table-per-problem.docx");
        TableRow Header() => TablePlan.Row("序号", "整改措施", "责任领导", "责任处室", "完成时限");
        WriteDocx(path,
            Para("示例厅党组关于落实省委巡视反馈意见的整改方案"),
            Para("一、贯彻落实上级决策部署和工作要求有差距"),
            Para("问题1：理论学习不够深入。中心组学习研讨不深。"),
            new Table(Header(),
                new TableRow(new TableCell(Para("1")), new TableCell(Para("制定年度学习计划。")), Merged("厅长", true),
                    new TableCell(Para("机关党委（牵头）、办公室")), new TableCell(Para("每季度"))),
                new TableRow(new TableCell(Para("2")), new TableCell(Para("建立学习台账。")), Merged("", false),
                    new TableCell(Para("办公室")), new TableCell(Para("2025年3月底前")))),
            Para("二、项目资金监管不严"),
            Para("问题2：资金拨付滞后。"),
            new Table(Header(),
                new TableRow(new TableCell(Para("1")), new TableCell(Para("开展资金专项清理。")), Merged("副厅长", true),
                    Merged("计划财务处牵头，各直属单位配合", true), new TableCell(Para("2024年12月底前"))),
                new TableRow(new TableCell(Para("2")), new TableCell(Para("修订资金管理办法。")), Merged("", false),
                    Merged("", false), new TableCell(Para("2025年3月底前")))),
            Para("整改工作要求"),
            Para("1.压实整改责任。各处室对照本方案细化措施。"),
            Para("2.按时报告进展。每月25日前报送整改进展情况。"),
            Para("示例厅党组"),
            Para("2024年9月20日"));

        var plan = await PlanParser.ParseFileAsync(path, null, CancellationToken.None);

        Assert.Equal(["贯彻落实上级决策部署和工作要求有差距", "项目资金监管不严"], plan.Aspects.Select(a => a.Title));
        Assert.Equal(["理论学习不够深入", "资金拨付滞后"], plan.Problems.Select(p => p.Title));
        Assert.Equal(Enumerable.Range(1, 4), plan.Measures.Select(m => m.Number));
        Assert.Equal([["机关党委"], ["办公室"], ["计划财务处"], ["计划财务处"]], plan.Measures.Select(m => m.LeadUnits));
        Assert.Equal([["办公室"], [], ["各直属单位"], ["各直属单位"]], plan.Measures.Select(m => m.SupportingUnits));
    }

    [Fact]
    public async Task A_responsibility_list_after_the_plan_gives_each_measure_its_units_leader_and_deadline()
    {
        var path = Path.Combine(folder, "responsibility-list.docx");
        WriteDocx(path,
            Para("关于落实县委第二巡察组巡察反馈意见的整改方案"),
            Para("2025年1月6日至2月28日，县委第二巡察组对县司法局党组开展了常规巡察，3月14日反馈了巡察意见。"),
            Para("二、问题清单及整改措施"),
            Para("（一）学习贯彻不够深入。"),
            Para("整改措施："),
            Para("1. 修订学习制度，每季度开展1次专题研讨。"),
            Para("2. 建立学习台账。"),
            Para("（二）执法监督存在短板。"),
            Para("整改措施："),
            Para("1. 制定法治政府建设工作要点。"),
            Para("附件"),
            Para("整改责任清单"),
            new Table(
                TablePlan.Row("问题序号", "措施序号", "牵头单位", "配合单位", "责任领导", "完成时限"),
                TablePlan.Row("（一）", "1", "局办公室", "机关党支部", "王振华", "每季度"),
                TablePlan.Row("", "2", "政工科", "", "王振华", "2025年5月底前"),
                TablePlan.Row("（二）", "1", "法治督察科", "局办公室", "刘建国", "2025年6月30日前")));

        var plan = await PlanParser.ParseFileAsync(path, null, CancellationToken.None);

        Assert.Equal(new DateOnly(2025, 3, 14), plan.FeedbackDate);
        var measures = plan.Measures.ToList();
        Assert.Equal(3, measures.Count);
        Assert.Equal([["办公室"], ["政工科"], ["法治督察科"]], measures.Select(m => m.LeadUnits));
        Assert.Equal([["机关党支部"], [], ["办公室"]], measures.Select(m => m.SupportingUnits));
        Assert.Equal(["王振华", "王振华", "刘建国"], measures.Select(m => m.ResponsibleLeader));
        Assert.Equal(new DateOnly(2025, 5, 31), measures[1].Deadline.Date);
    }

    [Fact]
    public async Task Docx_automatic_numbering_is_written_out()
    {
        var path = Path.Combine(folder, "numbered.docx");
        NumberedPlan.Write(path);

        var plan = await PlanParser.ParseFileAsync(path, new DateOnly(2023, 1, 1), CancellationToken.None);

        Assert.Equal(DocumentKind.Plan, plan.Kind);
        Assert.Equal(["学习不深入", "制度不健全"], plan.Problems.Select(p => p.Title));
        Assert.Equal(["由办公室牵头制定学习计划。", "由人事科牵头完善制度。"], plan.Measures.Select(m => m.Text));
    }

    [Fact]
    public async Task Text_files_in_gb18030_and_utf8_read_the_same()
    {
        const string text = "关于巡察整改的方案\n（1）由办公室牵头，2023年10月底前完成。";
        var gb = Path.Combine(folder, "gb.txt");
        var utf8 = Path.Combine(folder, "utf8.md");
        await File.WriteAllBytesAsync(gb, CodePages.Gb18030.GetBytes(text));
        await File.WriteAllTextAsync(utf8, text, new UTF8Encoding(true));

        Assert.Equal(text, (await DocumentReader.ReadAsync(gb, CancellationToken.None)).Text);
        Assert.Equal(text, (await DocumentReader.ReadAsync(utf8, CancellationToken.None)).Text);
    }

    [Theory]
    [InlineData("broken.docx")]
    [InlineData("old.doc")]
    [InlineData("missing.txt")]
    public async Task Unreadable_files_say_why_in_one_sentence(string name)
    {
        var path = Path.Combine(folder, name);
        if (name != "missing.txt")
        {
            await File.WriteAllBytesAsync(path, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5]);
        }

        var document = await PlanParser.ParseFileAsync(path, null, CancellationToken.None);

        Assert.Equal(DocumentKind.Unknown, document.Kind);
        Assert.EndsWith("。", Assert.Single(document.Warnings));
    }

    [Theory]
    [InlineData("plan.doc")]
    [InlineData("plan.wps")]
    public async Task Without_LibreOffice_an_old_word_file_says_in_one_sentence_what_to_install_or_save_as(string name)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllBytesAsync(path, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        var withoutLibreOffice = new ImportOptions { Soffice = Path.Combine(folder, "no-such-dir", "soffice") };

        var read = await DocumentReader.ReadAsync(path, withoutLibreOffice, CancellationToken.None);
        var document = await PlanParser.ParseFileAsync(path, null, CancellationToken.None, withoutLibreOffice);

        Assert.Empty(read.Text);
        Assert.Equal($"读取{Path.GetExtension(name)}文件需要安装 LibreOffice（soffice），或请用 Word/WPS 另存为 .docx 后再导入。", read.Error);
        Assert.Equal(DocumentKind.Unknown, document.Kind);
        Assert.Equal([read.Error!], document.Warnings);
    }

    [Fact]
    public async Task A_zip_that_is_not_a_word_document_says_so()
    {
        var path = Path.Combine(folder, "archive.docx");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var entry = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            await entry.WriteAsync("不是Word文件");
        }

        var document = await PlanParser.ParseFileAsync(path, null, CancellationToken.None);

        Assert.Equal(DocumentKind.Unknown, document.Kind);
        Assert.Equal(["无法读取这个Word文件，它可能已损坏或不是.docx格式。"], document.Warnings);
    }

    private static class CodePages
    {
        public static Encoding Gb18030
        {
            get
            {
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                return Encoding.GetEncoding("GB18030");
            }
        }
    }

    /// <summary>A plan laid out as a table, as many offices write them, built with OpenXml.</summary>
    private static class TablePlan
    {
        public static void Write(string path) =>
            WriteDocx(path,
                Para("县医保局巡察反馈问题整改任务清单"),
                Para("2023年6月1日，县委第三巡察组对县医保局党组反馈了巡察意见。"),
                new Table(
                    Row("序号", "问题", "整改措施", "责任领导", "责任单位", "完成时限"),
                    MergedRow("一、党的政治建设"),
                    Row("1", "学习贯彻不深入", "1.制定学习计划\n2.每月集中学习", "张三", "办公室", "2023年7月底前"),
                    Row("", "", "开展专题研讨", "张三", "县医保中心", "长期坚持"),
                    MergedRow("二、作风建设"),
                    Row("2", "服务窗口作风不实", "整治窗口作风", "李四", "基金监管股", "2023年12月31日")));

        public static TableRow Row(params string[] cells) =>
            new(cells.Select(c => new TableCell(c.Split('\n').Select(Para))));

        private static TableRow MergedRow(string text) =>
            new(new TableCell(new TableCellProperties(new GridSpan { Val = 6 }), Para(text)));
    }

    /// <summary>A plan whose （一） and 1. numbers come from Word's automatic numbering, not the text.</summary>
    private static class NumberedPlan
    {
        public static void Write(string path)
        {
            using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
            var main = document.AddMainDocumentPart();
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = new Numbering(
                new AbstractNum(
                    Level(0, NumberFormatValues.ChineseCounting, "（%1）"),
                    Level(1, NumberFormatValues.Decimal, "%2."),
                    Level(2, NumberFormatValues.Decimal, "（%3）")) { AbstractNumberId = 1 },
                new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
            main.Document = new Document(new Body(
                Para("县人社局巡察整改方案"),
                Numbered("学习教育方面", 0),
                Numbered("学习不深入。", 1),
                Para("整改措施："),
                Numbered("由办公室牵头制定学习计划。", 2),
                Numbered("制度不健全。", 1),
                Para("整改措施："),
                Numbered("由人事科牵头完善制度。", 2)));
        }

        private static Level Level(int index, NumberFormatValues format, string text) =>
            new(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = format }, new LevelText { Val = text }) { LevelIndex = index };

        private static Paragraph Numbered(string text, int level) =>
            new(new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = 1 })), new Run(new DocumentFormat.OpenXml.Wordprocessing.Text(text)));
    }

    private static Paragraph Para(string text) => new(new Run(new DocumentFormat.OpenXml.Wordprocessing.Text(text)));

    /// <summary>A cell merged down: Word keeps its text in the first row, and the rows under it hold an empty cell marked as merged.</summary>
    private static TableCell Merged(string text, bool first) =>
        new(new TableCellProperties(new VerticalMerge { Val = first ? MergedCellValues.Restart : null }), Para(text));

    /// <summary>A Word document of these paragraphs and tables.</summary>
    private static void WriteDocx(string path, params OpenXmlElement[] body)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        document.AddMainDocumentPart().Document = new Document(new Body(body));
    }
}
