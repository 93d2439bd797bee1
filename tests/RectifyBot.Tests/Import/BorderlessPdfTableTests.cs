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
        var docx = Document(
            Para("县水利局巡察反馈问题整改任务清单"),
            Table([800, 1500, 2300, 850, 1100, 1300, 1100],
                Row("序号", "反馈问题", "整改措施", "责任领导", "牵头单位", "配合单位", "完成时限"),
                Row("1", "河湖长制落实不到位。", "开展河湖常态化排查整治。", "王秀梅", "规划建设股", "水政监察大队", "2024年12月底前"),
                Row("2", "取水许可监管存在漏洞。", "对全县取水户开展核查。", "陈国平", "水资源股", "农村水利股", "2024年11月底前")));

        var plan = await ParsePdfAsync(docx);

        Assert.Equal(DocumentKind.Plan, plan.Kind);
        Assert.Equal([["规划建设股"], ["水资源股"]], plan.Measures.Select(m => m.LeadUnits));
        Assert.Equal(["王秀梅", "陈国平"], plan.Measures.Select(m => m.ResponsibleLeader));
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
