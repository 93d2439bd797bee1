using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RectifyBot.Documents;

namespace RectifyBot.Tests.Documents;

public sealed class LedgerWorkbookTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private static readonly string[] TaskColumns =
        ["序号", "问题", "整改措施", "牵头单位", "配合单位", "责任领导", "责任人", "完成时限", "整改状态", "进展情况", "佐证材料", "销号情况"];

    private MemoryStream Workbook()
    {
        var stream = new MemoryStream();
        LedgerWorkbook.Write(fixture.Ledger, stream);
        stream.Position = 0;
        return stream;
    }

    /// <summary>The header and data rows, after the title and 编制单位 rows.</summary>
    private static List<List<string>> Rows(SpreadsheetDocument document, string sheet) =>
        Worksheet(document, sheet).Descendants<Row>().Where(r => r.RowIndex!.Value >= 3)
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList())
            .ToList();

    private static Worksheet Worksheet(SpreadsheetDocument document, string sheet)
    {
        var workbook = document.WorkbookPart!;
        return ((WorksheetPart)workbook.GetPartById(workbook.Workbook.Descendants<Sheet>().Single(s => s.Name == sheet).Id!.Value!)).Worksheet;
    }

    [Fact]
    public void The_workbook_passes_the_open_xml_validator()
    {
        using var document = SpreadsheetDocument.Open(Workbook(), false);
        OpenXmlAssert.Valid(document);
    }

    [Fact]
    public void A_plan_with_nothing_recorded_still_gives_a_valid_workbook_of_headers()
    {
        using var stream = new MemoryStream();
        LedgerWorkbook.Write(fixture.Ledger with { Problems = [], Measures = [] }, stream);
        using var document = SpreadsheetDocument.Open(stream, false);
        OpenXmlAssert.Valid(document);
        Assert.Single(Rows(document, LedgerWorkbook.Progress));
    }

    [Fact]
    public void It_has_the_three_lists_and_progress_with_the_task_columns_offices_use()
    {
        using var document = SpreadsheetDocument.Open(Workbook(), false);
        Assert.Equal(["问题清单", "任务清单", "责任清单", "进展"], document.WorkbookPart!.Workbook.Descendants<Sheet>().Select(s => s.Name!.Value!));
        var tasks = Rows(document, LedgerWorkbook.TaskList);
        Assert.Equal(TaskColumns, tasks[0]);
        Assert.Equal(["32", "49", "51", "54", "56", "60"], tasks.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public void Measure_51_row_shows_units_people_evidence_and_the_return_before_its_close()
    {
        using var document = SpreadsheetDocument.Open(Workbook(), false);
        var row = Rows(document, LedgerWorkbook.TaskList).Single(r => r[0] == "51");
        var cell = TaskColumns.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => row[x.i]);

        Assert.Equal("殡葬领域监管存在薄弱环节", cell["问题"]);
        Assert.StartsWith("对县殡葬服务中心收费情况开展专项检查", cell["整改措施"]);
        Assert.Equal("社会事务科", cell["牵头单位"]);
        Assert.Equal("殡葬服务中心", cell["配合单位"]);
        Assert.Equal("分管副局长", cell["责任领导"]);
        Assert.Equal("李娜", cell["责任人"]);
        Assert.Equal("2023年10月20日", cell["完成时限"]);
        Assert.Equal("已销号", cell["整改状态"]);
        Assert.Equal(
            "2023年10月13日 李娜：在服务大厅公示收费项目和标准，补充清退凭证。\n2023年10月9日 李娜：完成殡葬服务收费专项检查，清退超标准收费12.6万元。",
            cell["进展情况"]);
        Assert.Equal("共2份：专项检查报告.pdf；清退凭证.jpg", cell["佐证材料"]);
        Assert.Equal(
            "2023年10月11日申请（李娜）：已完成检查和清退；2023年10月12日退回（陈奇奇），原因：缺少清退凭证\n" +
            "2023年10月15日申请（李娜）：补充了清退凭证；2023年10月16日审核通过（陈奇奇）\n销号日期：2023年10月16日",
            cell["销号情况"]);
    }

    [Fact]
    public void Extended_overdue_and_long_term_deadlines_read_as_offices_write_them()
    {
        using var document = SpreadsheetDocument.Open(Workbook(), false);
        var rows = Rows(document, LedgerWorkbook.TaskList).Skip(1).ToDictionary(r => r[0]);
        Assert.Equal("2023年12月15日（原时限2023年10月20日，已批准延期）", rows["60"][7]);
        Assert.Equal("推进中", rows["60"][8]);
        Assert.Equal("未启动（逾期32天）", rows["54"][8]);
        Assert.Equal("长期坚持（每季度报告，下次2023年9月30日）", rows["32"][7]);
        Assert.Equal("长期坚持（逾期52天）", rows["32"][8]);
        Assert.Equal("社会事务科", rows["56"][3]);
        Assert.Equal("2023年11月14日申请（李娜）：公墓已建成；待审核", rows["56"][11]);
    }

    [Fact]
    public void Problem_responsibility_and_progress_sheets_carry_findings_units_and_updates_newest_first()
    {
        using var document = SpreadsheetDocument.Open(Workbook(), false);
        var problems = Rows(document, LedgerWorkbook.ProblemList);
        Assert.Equal(["序号", "方面", "问题", "具体表现", "整改措施", "牵头单位", "整改进度"], problems[0]);
        var funeral = problems.Single(r => r[2] == "殡葬领域监管存在薄弱环节");
        Assert.Equal("殡葬服务收费不规范：县殡葬服务中心存在超标准收取服务费的情况。\n公墓建设管理滞后：2个乡镇公益性公墓未按期建成。", funeral[3]);
        // A finding whose text opens with its own title shows the title once.
        Assert.Equal("自觉贯彻落实“第一议题”学习制度有温差：未常态化落实。",
            LedgerWorkbook.Finding(new LedgerFinding(1, "自觉贯彻落实“第一议题”学习制度有温差", "自觉贯彻落实“第一议题”学习制度有温差。未常态化落实。"), "理论学习不深入"));
        // A finding named by its problem (a plan with no 一是、二是) does not say the problem again.
        Assert.Equal("未常态化落实。", LedgerWorkbook.Finding(new LedgerFinding(1, "学习制度有温差", "学习制度有温差。未常态化落实。"), "学习制度有温差"));
        Assert.Equal("", LedgerWorkbook.Finding(new LedgerFinding(1, "学习制度有温差。", "学习制度有温差。"), "学习制度有温差"));
        Assert.Equal("（51）（56）（60）", funeral[4]);
        Assert.Equal("共3项：推进中1项，已完成待销号1项，已销号1项", funeral[6]);

        var units = Rows(document, LedgerWorkbook.ResponsibilityList).Skip(1).ToDictionary(r => r[1]);
        Assert.Equal(["（51）（56）（60）", "", "3", "2", "0", "分管副局长", "李娜"], units["社会事务科"][2..]);
        Assert.Equal(["", "（51）", "1", "1", "0"], units["殡葬服务中心"][2..7]);
        Assert.Equal("1", units["社会救助科"][6]);

        var progress = Rows(document, LedgerWorkbook.Progress);
        Assert.Equal(["序号", "日期", "措施编号", "牵头单位", "填报人", "进展内容", "状态变化"], progress[0]);
        Assert.Equal(["56", "49", "60", "51", "51"], progress.Skip(1).Select(r => r[2]));
        Assert.Equal("已完成待销号", progress[1][6]);
    }

    [Fact]
    public void Sheets_freeze_the_header_filter_all_rows_wrap_text_and_size_columns_for_chinese()
    {
        using var document = SpreadsheetDocument.Open(Workbook(), false);
        var sheet = Worksheet(document, LedgerWorkbook.TaskList);
        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(3d, pane.VerticalSplit!.Value);
        Assert.Equal("A4", pane.TopLeftCell!.Value);
        Assert.Equal("A3:L9", sheet.Descendants<AutoFilter>().Single().Reference!.Value);

        var widths = sheet.Descendants<Column>().Select(c => c.Width!.Value).ToList();
        Assert.Equal(12, widths.Count);
        Assert.Equal(6 + 2, widths[0]);
        Assert.Equal(36 + 2, widths[2]);
        // 牵头单位: its header plus room for the filter button (8 + 2) is as wide as 社会事务科 (10); plus padding.
        Assert.Equal(10 + 2, widths[3]);

        var styles = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var formats = styles.CellFormats!.Elements<CellFormat>().ToList();
        var header = formats[(int)sheet.Descendants<Row>().Single(r => r.RowIndex! == 3).Elements<Cell>().First().StyleIndex!.Value];
        Assert.NotNull(styles.Fonts!.Elements<Font>().ElementAt((int)header.FontId!.Value).Bold);
        Assert.Equal(PatternValues.Solid, styles.Fills!.Elements<Fill>().ElementAt((int)header.FillId!.Value).PatternFill!.PatternType!.Value);
        var body = formats[(int)sheet.Descendants<Row>().Single(r => r.RowIndex! == 4).Elements<Cell>().ElementAt(2).StyleIndex!.Value];
        Assert.True(body.Alignment!.WrapText!.Value);
    }

    [Fact]
    public void Each_sheet_has_a_title_row_compiler_and_date_and_prints_on_a3_landscape_with_titles_repeated()
    {
        using var document = SpreadsheetDocument.Open(Workbook(), false);
        var names = document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().ToList();
        foreach (var (name, index) in new[] { LedgerWorkbook.ProblemList, LedgerWorkbook.TaskList, LedgerWorkbook.ResponsibilityList, LedgerWorkbook.Progress }.Select((n, i) => (n, i)))
        {
            var sheet = Worksheet(document, name);
            var rows = sheet.Descendants<Row>().ToList();
            string Text(Row row, int cell) => row.Elements<Cell>().ElementAt(cell).InlineString!.InnerText;
            Assert.Equal($"县民政局党组巡察反馈问题整改台账·{name}（截至2023年11月21日）", Text(rows[0], 0));
            Assert.Equal("编制单位：县民政局党组", Text(rows[1], 0));
            Assert.Equal("填报日期：2023年11月21日", Text(rows[1], 1));
            Assert.Equal("序号", Text(rows[2], 0));
            var columns = sheet.Descendants<Column>().Count();
            Assert.Contains(sheet.Descendants<MergeCell>(), m => m.Reference!.Value == $"A1:{(char)('A' + columns - 1)}1");

            var setup = sheet.Descendants<PageSetup>().Single();
            Assert.Equal((8u, OrientationValues.Landscape, 1u, 0u), (setup.PaperSize!.Value, setup.Orientation!.Value, setup.FitToWidth!.Value, setup.FitToHeight!.Value));
            Assert.True(sheet.Descendants<PageSetupProperties>().Single().FitToPage!.Value);
            var margins = sheet.Descendants<PageMargins>().Single();
            Assert.True(margins.Left!.Value > margins.Right!.Value, "the binding side has the wider margin");
            Assert.Contains("&P", sheet.Descendants<OddFooter>().Single().Text);
            Assert.Contains(names, n => n.Name == "_xlnm.Print_Titles" && n.LocalSheetId! == (uint)index && n.Text == $"'{name}'!$1:$3");
            // Heights are estimates, not fixed: LibreOffice and Excel fit each data row to its text.
            Assert.All(rows.Skip(2), r => Assert.NotEqual(true, r.CustomHeight?.Value));
        }
    }

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("社会事务科", 10)]
    [InlineData("（51）第1项", 11)]
    public void Display_width_counts_chinese_and_full_width_as_two(string text, int width) =>
        Assert.Equal(width, SpreadsheetWriter.DisplayWidth(text));

    [LibreOfficeFact]
    public async Task LibreOffice_converts_the_workbook_to_pdf_with_its_chinese_text() =>
        await LibreOffice.WithPdfAsync(Workbook().ToArray(), "ledger.xlsx", async pdf =>
        {
            await LibreOffice.RenderPageAsync(pdf, 1, "ledger-page1");
            // The three problems fit on page 1; the task list, the sheet offices work in, starts on page 2.
            await LibreOffice.RenderPageAsync(pdf, 2, "ledger-page2");
            if (await LibreOffice.PdfTextAsync(pdf) is { } text)
            {
                Assert.Contains("整改措施", text);
                // Wrapped cells break across lines in the PDF's text, so only short values are looked for.
                Assert.Contains("殡葬服务中心", text);
            }
        });
}
