using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RectifyBot.Cli;
using RectifyBot.Documents;
using RectifyBot.Domain;
using RectifyBot.Import;
using RectifyBot.Tests.Documents;

namespace RectifyBot.Tests.Import;

/// <summary>PDF, Excel and hostile packages, with every fixture generated here.</summary>
public sealed class FileFormatTests : IClassFixture<LedgerFixture>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("rectifybot-formats-").FullName;
    private readonly LedgerFixture ledger;

    public FileFormatTests(LedgerFixture ledger) => this.ledger = ledger;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_docx_whose_document_part_inflates_past_the_limit_is_refused_in_one_sentence()
    {
        var path = Path.Combine(folder, "bomb.docx");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            await using (var types = zip.CreateEntry("[Content_Types].xml").Open())
            {
                await types.WriteAsync(Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"));
            }
            // 256 MB of spaces deflate to a few hundred kilobytes: more than the 200 MB the reader allows a package.
            await using var document = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)' ');
            for (var i = 0; i < 256; i++)
            {
                await document.WriteAsync(block);
            }
        }
        Assert.True(new FileInfo(path).Length < 8_000_000);

        var (code, output, error) = await Cli("parse", path);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("解压后超过", error);
    }

    [Fact]
    public async Task A_docx_with_a_dtd_is_refused_in_one_sentence_without_a_stack_trace()
    {
        var path = Path.Combine(folder, "dtd.docx");
        using (var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body());
        }
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry("word/document.xml")!.Delete();
            await using var part = zip.CreateEntry("word/document.xml").Open();
            await part.WriteAsync(Encoding.UTF8.GetBytes(
                "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>" +
                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"));
        }

        var (code, _, error) = await Cli("parse", path, "--json");

        Assert.Equal(1, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain(" at ", error);
    }

    [Fact]
    public async Task A_task_list_with_its_header_under_a_title_columns_in_any_order_and_a_merged_problem_reads_as_a_plan()
    {
        var plan = await ParseWorkbookAsync("tasks.xlsx",
            [
                ["示例县水利局巡察反馈问题整改任务清单"],
                [],
                ["完成时限", "整改措施", "序号", "牵头单位", "反馈问题", "配合单位"],
                ["2024年9月底前", "梳理合同履约情况", "1", "规划建设股", "项目管理不规范", ""],
                ["长期坚持", "建立项目台账", "2", "县河道管理所", "", "财务股"],
                ["2024年10月31日前", "结余资金上缴财政", "3", "财务股", "资金管理不严", "规划建设股"],
            ],
            merges: ["A1:F1", "E4:E5"]);

        Assert.Equal(DocumentKind.Plan, plan.Kind);
        Assert.Equal("示例县水利局巡察反馈问题整改任务清单", plan.Title);
        Assert.Equal(["项目管理不规范", "资金管理不严"], plan.Problems.Select(p => p.Title));
        var m = plan.Measures.ToList();
        Assert.Equal([1, 2, 3], m.Select(x => x.Number));
        Assert.Equal([["规划建设股"], ["河道管理所"], ["财务股"]], m.Select(x => x.LeadUnits));
        Assert.Equal(["规划建设股"], m[2].SupportingUnits);
        Assert.Equal((DeadlineKind.Date, new DateOnly(2024, 9, 30)), (m[0].Deadline.Kind, m[0].Deadline.Date!.Value));
        Assert.Equal(DeadlineKind.LongTerm, m[1].Deadline.Kind);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_cover_sheet_states_the_totals_in_its_note_or_its_total_row(bool note)
    {
        string[][] cover =
        [
            ["示例县水务公司巡察反馈意见整改任务清单"],
            note ? ["说明：", "县委巡察组指出2个方面3个问题，公司制定整改措施4项，具体见第二页。"] : [],
            ["序号", "问题方面", "问题数（个）", "整改措施数（项）"],
            ["1", "政治建设方面", "1", "2"],
            ["2", "作风建设方面", "2", "2"],
            ["合计", "", note ? "" : "3", note ? "" : "4"],
        ];
        var plan = await ParseWorkbookAsync("cover.xlsx",
            [
                ["序号", "存在问题", "整改措施", "责任单位", "完成时限"],
                ["1", "学习不深入", "修订学习计划", "办公室", "2024年9月底前"],
                ["2", "", "开展专题研讨", "办公室", "2024年9月底前"],
                ["3", "用车不规范", "修订用车办法", "办公室", "2024年10月31日前"],
                ["4", "监督不到位", "开展用车自查", "财务股", "立行立改"],
            ],
            merges: ["B2:B3"], cover);

        Assert.Equal(4, plan.Measures.Count());
        Assert.Equal((note ? 2 : null, 3, 4), (plan.Stated.Aspects, plan.Stated.Problems, plan.Stated.Measures));
    }

    [Fact]
    public async Task A_task_list_whose_aspects_are_rows_across_it_numbered_as_parts_reads_each_aspect()
    {
        var plan = await ParseWorkbookAsync("aspects.xlsx",
            [
                ["序号", "存在问题", "整改措施", "责任单位", "完成时限"],
                ["（一）政治建设方面"],
                ["1", "学习不深入", "修订学习计划", "办公室", "2024年9月底前"],
                ["（二）作风建设方面"],
                ["2", "公务用车管理不规范", "修订用车办法", "办公室", "2024年10月31日前"],
                ["3", "", "开展用车自查", "财务股", "立行立改"],
            ],
            merges: ["A2:E2", "A4:E4", "B5:B6"]);

        Assert.Equal(["政治建设方面", "作风建设方面"], plan.Aspects.Select(a => a.Title));
        Assert.Equal([1, 2], plan.Aspects.Select(a => a.Problems.SelectMany(p => p.Findings).Sum(f => f.Measures.Count)));
    }

    [Fact]
    public async Task A_ledger_marking_each_row_under_one_of_several_status_columns_reads_each_items_status()
    {
        var report = await ParseWorkbookAsync("marks.xlsx",
            [
                ["示例县巡察反馈问题整改落实情况台账"],
                ["序号", "反馈问题", "整改落实情况", "整改状态", "", ""],
                ["", "", "", "已完成", "正在推进", "长期坚持"],
                ["1", "学习不深入", "修订学习计划", "√", "", ""],
                ["2", "公务用车管理不规范", "用车办法已起草", "", "√", ""],
                ["3", "监督不到位", "每季度开展检查", "", "", "√"],
            ],
            merges: ["A1:F1", "A2:A3", "B2:B3", "C2:C3", "D2:F2"]);

        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress, MeasureStatus.Ongoing], report.Items.Select(i => i.Status!.Value));
    }

    [Fact]
    public async Task A_ledger_whose_completion_column_marks_rows_done_or_in_progress_reads_as_a_status_report()
    {
        // Three of five rows marked (✓, 进行中, √), two not yet, and who filled it in under the table: no row of it.
        var report = await ParseWorkbookAsync("taizhang.xlsx",
            [
                ["示例中心巡察反馈问题整改台账"],
                ["序号", "问题类别", "巡察反馈问题", "整改措施", "责任科室", "整改时限", "整改进展", "完成情况"],
                ["1", "作风建设方面", "窗口服务不规范。", "1.推行预约服务；\n2.公开办事指南。", "综合科", "2024年5月底前", "已推行预约服务。", "✓"],
                ["2", "作风建设方面", "档案管理混乱。", "1.清理归档。", "办公室", "2024年8月底前", "已清理一半。", "进行中"],
                ["3", "财务管理方面", "报销审核不严。", "1.修订报销办法。", "财务科", "2024年4月底前", "办法已印发。", "√"],
                ["4", "财务管理方面", "资产账实不符。", "1.全面清查资产。", "财务科", "2024年10月底前", "", ""],
                ["5", "财务管理方面", "合同管理不规范。", "1.建立合同台账。", "办公室", "2024年12月底前", "", ""],
                ["填表人：王某", "", "", "审核人：李某"],
            ],
            merges: ["A1:H1", "B3:B4", "B5:B7"]);

        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal([MeasureStatus.Done, MeasureStatus.InProgress, MeasureStatus.Done, null, null], report.Items.Select(i => i.Status));
    }

    [Fact]
    public async Task Our_own_ledger_reads_back_to_the_same_measures_units_and_deadlines()
    {
        var path = Path.Combine(folder, "ledger.xlsx");
        await using (var file = File.Create(path))
        {
            LedgerWorkbook.Write(ledger.Ledger, file);
        }

        await AssertReadsBackAsync(ledger.Ledger, path);
    }

    /// <summary>The ledger file, read as a plan, has the ledger's measures with their text, units and deadlines.</summary>
    internal static async Task AssertReadsBackAsync(LedgerSnapshot ledger, string path)
    {
        var plan = await PlanParser.ParseFileAsync(path, LedgerFixture.AsOf, CancellationToken.None);

        Assert.Equal(DocumentKind.Plan, plan.Kind);
        var read = plan.Measures.ToDictionary(m => m.Number);
        Assert.Equal(ledger.Measures.Select(m => m.Number), read.Keys);
        foreach (var written in ledger.Measures)
        {
            var back = read[written.Number];
            Assert.Equal(written.Summary.Text, back.Text);
            Assert.Equal(written.Summary.LeadUnits, back.LeadUnits);
            Assert.Equal(written.Summary.SupportingUnits, back.SupportingUnits);
            Assert.Equal(written.Summary.Deadline.Kind, back.Deadline.Kind);
            Assert.Equal(written.Summary.DueDate, back.Deadline.Date);
        }
    }

    [LibreOfficeFact]
    public async Task A_pdf_made_by_an_office_suite_reads_in_order_with_wrapped_lines_joined()
    {
        var text = """
            示例县民政局落实县委巡察反馈意见整改方案
            2024年5月20日，县委第一巡察组向县民政局党组反馈了巡察意见，指出2个方面2个问题，本方案制定整改措施3项。
            一、整改措施
            （一）政治建设方面
            1.学习贯彻不够深入。
            （1）由社会救助股会同县低保中心，每月开展一次低保对象大数据比对，对比对发现的疑点逐户核实，建立问题台账，限期核实处理，确保2024年9月底前完成首轮核查工作。
            （2）由县殡葬服务中心就无发票报销定额差旅费一事督促相关职工进行清退，2024年7月底前完成。
            （二）作风建设方面
            2.作风不实。
            （3）机关党支部负责，严格落实“三会一课”制度，长期坚持。
            """;
        await LibreOffice.WithPdfAsync(Encoding.UTF8.GetBytes(text), "plan.txt", async pdf =>
        {
            var plan = await PlanParser.ParseFileAsync(pdf, null, CancellationToken.None);

            Assert.Equal(DocumentKind.Plan, plan.Kind);
            var m = plan.Measures.ToList();
            Assert.Equal([1, 2, 3], m.Select(x => x.Number));
            Assert.Equal(["社会救助股"], m[0].LeadUnits);
            Assert.Equal(["低保中心"], m[0].SupportingUnits);
            Assert.EndsWith("确保2024年9月底前完成首轮核查工作。", m[0].Text);
            Assert.Equal(new DateOnly(2024, 9, 30), m[0].Deadline.Date);
            Assert.Equal(["殡葬服务中心"], m[1].LeadUnits);
            Assert.Equal(new StatedTotals(2, 2, 3, null), plan.Stated);
        });
    }

    [LibreOfficeFact]
    public async Task A_pdf_without_a_text_layer_says_so_in_one_sentence()
    {
        // A blank page has no letters, as a scan has none: only pictures of them.
        await LibreOffice.WithPdfAsync(Encoding.UTF8.GetBytes(" \n"), "scan.txt", async pdf =>
        {
            var (code, _, error) = await Cli("parse", pdf);

            Assert.Equal(1, code);
            Assert.Equal(PdfText.NoTextLayer, error.Trim());
        });
    }

    /// <summary>A workbook of these rows and merged ranges, read as the importer reads a file, on 2024-06-01.</summary>
    private Task<ParsedDocument> ParseWorkbookAsync(string name, string[][] rows, string[] merges, string[][]? cover = null)
    {
        var path = Path.Combine(folder, name);
        WriteWorkbook(path, rows, merges, cover);
        return PlanParser.ParseFileAsync(path, new DateOnly(2024, 6, 1), CancellationToken.None);
    }

    /// <summary>A workbook of the task list, after a cover sheet when one is given.</summary>
    private static void WriteWorkbook(string path, string[][] rows, string[] merges, string[][]? cover)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheets = workbook.Workbook.AppendChild(new Sheets());
        if (cover is not null)
        {
            AddSheet(workbook, sheets, "封面", cover, []);
        }
        AddSheet(workbook, sheets, "任务清单", rows, merges);
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, string name, string[][] rows, string[] merges)
    {
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < rows.Length; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Length; c++)
            {
                if (rows[r][c].Length > 0)
                {
                    row.Append(new Cell { CellReference = $"{(char)('A' + c)}{r + 1}", DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(rows[r][c])) });
                }
            }
            data.Append(row);
        }
        sheetPart.Worksheet = merges.Length > 0 ? new Worksheet(data, new MergeCells(merges.Select(m => new MergeCell { Reference = m }))) : new Worksheet(data);
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = (uint)(sheets.Count() + 1), Name = name });
    }
}
