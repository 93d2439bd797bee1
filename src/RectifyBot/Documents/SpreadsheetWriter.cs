using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RectifyBot.Text;

namespace RectifyBot.Documents;

/// <summary>A column of a sheet: its header, the widest it may grow (in width units), and whether it is centred.</summary>
public sealed record SheetColumn(string Header, int MaxWidth = 40, bool Centered = false);

/// <summary>
/// What stands above a sheet's header, as on the ledgers offices hand upward: the title row
/// ("…巡察反馈问题整改台账（截至2023年11月21日）"), then 编制单位 on the left and 填报日期 on the right.
/// </summary>
public sealed record SheetHeading(string Title, string Compiler, string FilledOn);

/// <summary>One sheet: an optional heading, a header row and data rows of strings or integers.</summary>
public sealed record SheetTable(string Name, IReadOnlyList<SheetColumn> Columns, IReadOnlyList<IReadOnlyList<object>> Rows, SheetHeading? Heading = null)
{
    /// <summary>The 1-based row of the column headers: after the heading's two rows when there is one.</summary>
    public int HeaderRow => Heading is null ? 1 : 3;
}

/// <summary>
/// Writes tables as an .xlsx the way offices expect to work on them: a title row, bold filled header frozen under
/// it, an autofilter, wrapped bordered cells, columns sized for Chinese text, rows as tall as their text, landscape
/// A3 printing one page wide with the title and header repeated on every page and a wider left margin for binding.
/// Strings are inline, so there is no shared-string table to keep in step.
/// </summary>
public static class SpreadsheetWriter
{
    // Cell formats, in the order of CellFormats below.
    private const uint BodyStyle = 1;
    private const uint CenteredStyle = 2;
    private const uint HeaderStyle = 3;
    private const uint TitleStyle = 4;
    private const uint NoteLeftStyle = 5;
    private const uint NoteRightStyle = 6;

    // Points per line of 11 pt text in a CJK face, whose line gap is larger than a Latin one's.
    private const double LineHeight = 15;

    public static void Write(Stream output, IReadOnlyList<SheetTable> tables)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        var sheets = new Sheets();
        var names = new DefinedNames();
        for (var i = 0; i < tables.Count; i++)
        {
            var table = tables[i];
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = Sheet(table);
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(i + 1), Name = table.Name });
            var quoted = $"'{table.Name}'";
            var header = table.HeaderRow;
            // Excel keeps the filter range and the repeated print rows as these built-in names.
            names.Append(new DefinedName($"{quoted}!${Column(0)}${header}:${Column(table.Columns.Count - 1)}${table.Rows.Count + header}")
                { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true });
            names.Append(new DefinedName($"{quoted}!$1:${header}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
        }
        workbook.Workbook.Append(sheets, names);
    }

    /// <summary>Width in spreadsheet units: a CJK or full-width character is as wide as two Latin ones.</summary>
    public static int DisplayWidth(string text) => text.Sum(c => ChineseText.IsWide(c) ? 2 : 1);

    private static Worksheet Sheet(SheetTable table)
    {
        var lastColumn = Column(table.Columns.Count - 1);
        var widths = Widths(table);
        var header = (uint)table.HeaderRow;
        var data = new SheetData();
        var merges = new MergeCells();
        if (table.Heading is { } heading)
        {
            // The title across the table; 编制单位 over the left half, 填报日期 over the right.
            var half = Math.Max(1, table.Columns.Count / 2);
            data.Append(
                new Row(Text($"A1", heading.Title, TitleStyle)) { RowIndex = 1, Height = 30, CustomHeight = true },
                new Row(Text("A2", heading.Compiler, NoteLeftStyle), Text($"{Column(half)}2", heading.FilledOn, NoteRightStyle))
                    { RowIndex = 2, Height = 20, CustomHeight = true });
            merges.Append(new MergeCell { Reference = $"A1:{lastColumn}1" });
            if (half > 1)
            {
                merges.Append(new MergeCell { Reference = $"A2:{Column(half - 1)}2" });
            }
            if (half < table.Columns.Count - 1)
            {
                merges.Append(new MergeCell { Reference = $"{Column(half)}2:{lastColumn}2" });
            }
        }
        data.Append(Row(header, table.Columns.Select(c => (object)c.Header).ToList(), table.Columns, widths, isHeader: true));
        for (var r = 0; r < table.Rows.Count; r++)
        {
            data.Append(Row((uint)r + header + 1, table.Rows[r], table.Columns, widths, isHeader: false));
        }
        var firstData = $"A{header + 1}";
        var frozen = new Pane { VerticalSplit = header, TopLeftCell = firstData, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen };
        var sheet = new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetViews(new SheetView(frozen, new Selection { Pane = PaneValues.BottomLeft, ActiveCell = firstData, SequenceOfReferences = new ListValue<StringValue> { InnerText = firstData } })
                { WorkbookViewId = 0 }),
            new SheetFormatProperties { DefaultRowHeight = 15 },
            Columns(widths),
            data,
            new AutoFilter { Reference = $"A{header}:{lastColumn}{table.Rows.Count + header}" });
        if (merges.HasChildren)
        {
            sheet.Append(merges);
        }
        sheet.Append(
            new PrintOptions { HorizontalCentered = true },
            // Ledgers are bound on the left: 2.5 cm there, 1 to 1.5 cm elsewhere (inches here).
            new PageMargins { Left = 1.0, Right = 0.4, Top = 0.6, Bottom = 0.7, Header = 0.3, Footer = 0.3 },
            // A3 (paper size 8) landscape, one page wide and as many tall as needed: offices bind ledgers in A3, and
            // the task list's twelve columns print there at nearly full size.
            new PageSetup { PaperSize = 8, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 },
            new HeaderFooter(new OddFooter("&C第 &P 页，共 &N 页")));
        return sheet;
    }

    private static Cell Text(string reference, string text, uint style) => new()
    {
        CellReference = reference, StyleIndex = style, DataType = CellValues.InlineString,
        InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(InputText.ForXml(text)) { Space = SpaceProcessingModeValues.Preserve }),
    };

    private static int[] Widths(SheetTable table) => table.Columns.Select((spec, c) =>
    {
        var widest = table.Rows.Select(r => Show(r[c]).Split('\n').Max(DisplayWidth)).DefaultIfEmpty(0).Max();
        // Two units of padding, and room for the header's filter button.
        return Math.Min(Math.Max(widest, DisplayWidth(spec.Header) + 2), spec.MaxWidth) + 2;
    }).ToArray();

    private static Columns Columns(int[] widths)
    {
        var columns = new Columns();
        for (var c = 0; c < widths.Length; c++)
        {
            columns.Append(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = widths[c], CustomWidth = true });
        }
        return columns;
    }

    /// <summary>
    /// The height wrapped text needs, for Excel, which shows a row at the height written. The height is not marked
    /// custom, so LibreOffice (and Excel on an edit) fits the row to the text it actually lays out.
    /// </summary>
    private static double Height(IReadOnlyList<object> values, int[] widths)
    {
        var lines = values.Select((v, c) => Show(v).Split('\n')
            .Sum(line => Math.Max(1, (int)Math.Ceiling(DisplayWidth(line) / (double)Math.Max(1, widths[c] - 4))))).Max();
        return lines * LineHeight + 4;
    }

    private static Row Row(uint index, IReadOnlyList<object> values, IReadOnlyList<SheetColumn> columns, int[] widths, bool isHeader)
    {
        var row = new Row { RowIndex = index, Height = Height(values, widths) };
        for (var c = 0; c < values.Count; c++)
        {
            var style = isHeader ? HeaderStyle : columns[c].Centered ? CenteredStyle : BodyStyle;
            var reference = $"{Column(c)}{index}";
            row.Append(values[c] switch
            {
                int n => new Cell { CellReference = reference, StyleIndex = style, CellValue = new CellValue(n) },
                var v => Text(reference, Show(v), style),
            });
        }
        return row;
    }

    private static string Show(object value) => value as string ?? value.ToString() ?? "";

    /// <summary>A, B, … Z, AA, AB …</summary>
    private static string Column(int index) => (index < 26 ? "" : Column(index / 26 - 1)) + (char)('A' + index % 26);

    private static Stylesheet Styles()
    {
        Border Thin() => new(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        Font Font(bool bold, double size = 11) => bold
            ? new Font(new Bold(), new FontSize { Val = size }, new FontName { Val = "宋体" }, new FontCharSet { Val = 134 })
            : new Font(new FontSize { Val = size }, new FontName { Val = "宋体" }, new FontCharSet { Val = 134 });
        Alignment Align(HorizontalAlignmentValues h, VerticalAlignmentValues v) => new() { Horizontal = h, Vertical = v, WrapText = true };
        return new Stylesheet(
            new Fonts(Font(false), Font(true), Font(true, 18)) { Count = 3 },
            // Fills 0 and 1 are reserved by the format (none, gray125); 2 is the header's.
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
                { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), Thin()) { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                new CellFormat(Align(HorizontalAlignmentValues.Left, VerticalAlignmentValues.Top)) { FontId = 0, FillId = 0, BorderId = 1, FormatId = 0, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat(Align(HorizontalAlignmentValues.Center, VerticalAlignmentValues.Top)) { FontId = 0, FillId = 0, BorderId = 1, FormatId = 0, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat(Align(HorizontalAlignmentValues.Center, VerticalAlignmentValues.Center)) { FontId = 1, FillId = 2, BorderId = 1, FormatId = 0, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat(Align(HorizontalAlignmentValues.Center, VerticalAlignmentValues.Center)) { FontId = 2, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyAlignment = true },
                new CellFormat(Align(HorizontalAlignmentValues.Left, VerticalAlignmentValues.Center)) { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true },
                new CellFormat(Align(HorizontalAlignmentValues.Right, VerticalAlignmentValues.Center)) { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true })
                { Count = 7 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
