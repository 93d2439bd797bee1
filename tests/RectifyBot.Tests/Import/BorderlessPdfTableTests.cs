using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RectifyBot.Domain;
using RectifyBot.Import;
using RectifyBot.Tests.Documents;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace RectifyBot.Tests.Import;

/// <summary>
/// Tables drawn without borders, as a Word or WPS document exported to PDF sets them (cells centred in their rows,
/// names set in two lines, cells merged down): made here as .docx and printed to PDF by LibreOffice, skipped without it.
/// </summary>
public sealed class BorderlessPdfTableTests
{
    [LibreOfficeFact]
    public async Task A_header_name_set_in_two_lines_centred_on_the_others_is_a_column_of_its_own()
    {
        // 责任领导 is too wide for its column: "责任领" above the other names' line, "导" under it.
        var docx = TaskList([800, 1500, 2300, 850, 1100, 1300, 1100],
            Row("序号", "反馈问题", "整改措施", "责任领导", "牵头单位", "配合单位", "完成时限"),
            Row("1", "河湖长制落实不到位。", "开展河湖常态化排查整治。", "王秀梅", "规划建设股", "水政监察大队", "2024年12月底前"),
            Row("2", "取水许可监管存在漏洞。", "对全县取水户开展核查。", "陈国平", "水资源股", "农村水利股", "2024年11月底前"));

        var plan = await ParsePdfAsync(docx);

        Assert.Equal(DocumentKind.Plan, plan.Kind);
        Assert.Equal([["规划建设股"], ["水资源股"]], plan.Measures.Select(m => m.LeadUnits));
        Assert.Equal(["王秀梅", "陈国平"], plan.Measures.Select(m => m.ResponsibleLeader));
    }

    [LibreOfficeFact]
    public async Task A_problems_measures_in_cells_of_their_own_keep_their_own_units_under_its_merged_leader_and_lead_unit()
    {
        // The problem, its number, leader and lead unit merged over its three measures' rows and centred: "王秀梅 水资源股"
        // stands beside the second measure alone.
        var docx = TaskList([800, 1500, 2400, 1000, 1100, 1200, 1100],
            Row("序号", "反馈问题", "整改措施", "责任领导", "牵头单位", "配合单位", "完成时限"),
            Spaced(Row("^1", "^水资源刚性约束落实不严，取水许可监管存在漏洞，部分取水户无证取水。", "1.对全县取水户开展全面核查，对未办理取水许可的依法依规处理。",
                "^王秀梅", "^水资源股", "水政监察大队", "2024年11月30日前")),
            Spaced(Row("^", "^", "2.推进取水计量设施安装，实现规模以上取水户在线计量全覆盖。", "^", "^", "农村水利股", "2025年6月底前")),
            Spaced(Row("^", "^", "3.建立取水许可监管巡查制度，开展取水户日常巡查。", "^", "^", "财务股", "2024年12月底前")),
            Spaced(Row("2", "河湖长制落实不到位。", "1.完善河湖长巡河履职考核办法。", "陈国平", "河湖长制工作股", "办公室", "2025年3月底前")));

        var plan = await ParsePdfAsync(docx);

        Assert.Equal(DocumentKind.Plan, plan.Kind);
        var measures = plan.Measures.ToList();
        Assert.Equal([1, 2, 3, 4], measures.Select(m => m.Number));
        Assert.Equal([["水资源股"], ["水资源股"], ["水资源股"], ["河湖长制工作股"]], measures.Select(m => m.LeadUnits));
        Assert.Equal([["水政监察大队"], ["农村水利股"], ["财务股"], ["办公室"]], measures.Select(m => m.SupportingUnits));
        Assert.Equal(["王秀梅", "王秀梅", "王秀梅", "陈国平"], measures.Select(m => m.ResponsibleLeader));
        Assert.Equal([new DateOnly(2024, 11, 30), new DateOnly(2025, 6, 30), new DateOnly(2024, 12, 31), new DateOnly(2025, 3, 31)], measures.Select(m => m.Deadline.Date));
    }

    [LibreOfficeFact]
    public async Task A_unit_cell_broken_after_a_two_character_name_ending_in_ju_goes_on_with_it()
    {
        // 配合单位 six characters wide: "办公室、驻局" over "纪检监察组", one name (驻局纪检监察组), not 驻局 and another.
        var docx = TaskList([800, 1600, 2400, 1100, 1500, 1400],
            Row("序号", "反馈问题", "整改措施", "牵头单位", "配合单位", "完成时限"),
            Row("1", "财务管理不规范。", "修订《局机关财务管理制度》。", "财务股", "办公室、驻局纪检监察组", "2024年12月底前"),
            Row("2", "干部培养力度不够。", "制定年轻干部培养计划。", "人事股", "办公室", "2025年6月底前"));

        var plan = await ParsePdfAsync(docx);

        Assert.Equal([["办公室", "驻局纪检监察组"], ["办公室"]], plan.Measures.Select(m => m.SupportingUnits));
    }

    [LibreOfficeFact]
    public async Task Centred_rows_going_on_over_a_page_break_that_cut_a_row_keep_their_numbers()
    {
        string[][] items =
        [
            ["1", "学习贯彻不够深入，“第一议题”制度落实不到位的问题", "严格落实党委会“第一议题”制度，7月以来召开党委会9次，开展中心组专题研讨2次，学习贯彻情况已纳入述职评议考核。", "已完成"],
            ["2", "服务全市重大战略不够有力，主业投资占比偏低的问题", "《集团投资管理办法》修订稿已征求意见，拟提交党委会审议；14个非主业投资项目中已完成处置3个，其余项目正在制定处置方案。", "正在推进"],
            ["3", "防范化解重大风险不到位，对子公司债务风险监测预警不及时的问题", "建立子公司债务风险月度监测机制，已形成月度监测报告3期；对3家资产负债率超70%的子公司制定降杠杆方案，9月末集团合并资产负债率较6月末下降1.8个百分点。该项工作需按月常态化开展。", "长期坚持"],
            ["4", "党委主体责任落实不够到位，对子公司指导督促不够的问题", "印发集团党委落实全面从严治党主体责任清单，明确责任事项42项；9月听取6家子公司党组织专题汇报。", "已完成"],
            ["5", "落实中央八项规定精神不严格，公务用车管理不规范的问题", "专项检查发现问题7个，已全部整改，清退违规报销费用2.36万元；修订印发公务接待、公务用车两项制度。", "已完成"],
            ["6", "干部人事档案审核问题整改不彻底的问题", "干部人事档案再审核已完成128卷，正在逐人建立整改台账。", "正在推进"],
        ];
        // Enough paragraphs above the table that the page break cuts row 3, between its problem's lines.
        var filler = Enumerable.Range(1, 26).Select(n => Para($"集团党委坚持把巡察整改作为重大政治任务，第{n}次专题研究整改工作。"));
        var docx = Document(
        [
            Para("中共市恒泰投资集团有限公司委员会关于市委第三巡察组反馈意见整改进展情况的报告"),
            Para("市委巡察工作领导小组办公室："),
            Para("一、整改工作开展情况"),
            .. filler,
            Para("二、整改任务完成情况"),
            Para("截至2025年10月15日，巡察反馈的6个问题中，已完成整改3个，正在推进2个，长期坚持1个。具体情况如下："),
            Table([800, 2600, 4300, 1200], [Row("序号", "反馈问题", "整改落实情况", "整改状态"), .. items.Select(i => Row(i))]),
            Para("三、下一步工作打算"),
            Para("集团党委将继续从严从实抓好整改，对正在推进的问题逐项倒排工期，确保2025年12月底前整改到位。"),
        ]);

        var report = await ParsePdfAsync(docx);

        Assert.Equal(DocumentKind.StatusReport, report.Kind);
        Assert.Equal([1, 2, 3, 4, 5, 6], report.Items.Select(i => i.Number));
        Assert.Equal(items.Select(i => i[1]), report.Items.Select(i => i.Title));
        Assert.Equal(items.Select(i => i[3]), report.Items.Select(i => i.StatusText));
    }

    /// <summary>The document printed to PDF by LibreOffice and read as the importer reads a file.</summary>
    private static async Task<ParsedDocument> ParsePdfAsync(byte[] docx)
    {
        ParsedDocument? parsed = null;
        await LibreOffice.WithPdfAsync(docx, "table.docx", async pdf => parsed = await PlanParser.ParseFileAsync(pdf, new DateOnly(2024, 6, 1), CancellationToken.None));
        return parsed!;
    }

    private static byte[] Document(params OpenXmlElement[] content)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new W.Document(new Body(content));
        }
        return stream.ToArray();
    }

    private static Paragraph Para(string text) => new(new Run(new W.Text(text)));

    /// <summary>A water bureau's task list: its title, then the table.</summary>
    private static byte[] TaskList(int[] widths, params TableRow[] rows) => Document(Para("县水利局巡察反馈问题整改任务清单"), Table(widths, rows));

    /// <summary>A table without borders, its columns this wide (twentieths of a point).</summary>
    private static Table Table(int[] widths, params TableRow[] rows)
    {
        foreach (var row in rows)
        {
            foreach (var (cell, width) in row.Elements<TableCell>().Zip(widths))
            {
                cell.TableCellProperties!.PrependChild(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa });
            }
        }
        return new([
            new TableProperties(
                new TableWidth { Width = widths.Sum().ToString(), Type = TableWidthUnitValues.Dxa },
                new TableBorders(new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
                    new RightBorder { Val = BorderValues.None }, new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None }),
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() })),
            .. rows,
        ]);
    }

    /// <summary>A row whose cells' lines have space above and below them: a blank between one row's cells and the next's.</summary>
    private static TableRow Spaced(TableRow row)
    {
        foreach (var paragraph in row.Descendants<Paragraph>())
        {
            paragraph.PrependChild(new ParagraphProperties(new SpacingBetweenLines { Before = "160", After = "160" }));
        }
        return row;
    }

    /// <summary>
    /// A row of cells centred in it; a cell's lines are its paragraphs; "^" goes on with the cell above (merged down), "^" and
    /// text after it starts such a merge.
    /// </summary>
    private static TableRow Row(params string[] cells) =>
        new(cells.Select(c => new TableCell(
        [
            new TableCellProperties(
                [new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center },
                    .. c.StartsWith('^') ? [new VerticalMerge { Val = c.Length == 1 ? MergedCellValues.Continue : MergedCellValues.Restart }] : (OpenXmlElement[])[]]),
            .. c.TrimStart('^').Split('\n').Select(Para),
        ])));
}
