using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RectifyBot.Domain;
using RectifyBot.Text;

namespace RectifyBot.Documents;

/// <summary>
/// Fonts of an official document, each a chain: the first is the one GB/T 9704-2012 names and that government PCs
/// have; the rest are recorded in the font table as alternates for machines without it.
/// </summary>
public sealed record ReportFonts(
    IReadOnlyList<string> Title, IReadOnlyList<string> Body, IReadOnlyList<string> Heading1, IReadOnlyList<string> Heading2, IReadOnlyList<string> PageNumber)
{
    public static ReportFonts GbT9704 { get; } = new(
        ["方正小标宋简体", "华文中宋", "宋体"],
        ["仿宋_GB2312", "仿宋", "FangSong"],
        ["黑体", "SimHei"],
        ["楷体_GB2312", "楷体", "KaiTi"],
        ["宋体", "SimSun"]);
}

/// <summary>
/// 整改情况报告 as a .docx laid out as GB/T 9704-2012 (党政机关公文格式) asks: A4, the 156 × 225 mm text block,
/// 二号小标宋 title, 三号仿宋 body on a fixed line pitch, 黑体 and 楷体 headings, "— 1 —" page numbers.
/// The words come from <see cref="StatusParagraphComposer"/>; this class only arranges them, with 附件 (the
/// 整改任务完成情况表) on its own pages after the signature.
/// </summary>
public static class StatusReportDocument
{
    // Twentieths of a point (twips) per millimetre.
    private const double TwipsPerMm = 1440 / 25.4;

    // GB/T 9704-2012 5.2.1: A4; 5.2.2: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, hence bottom 35 mm and right 26 mm.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private static readonly int TopMargin = Twips(37);
    private static readonly int BottomMargin = Twips(35);
    private static readonly int LeftMargin = Twips(28);
    private static readonly int RightMargin = Twips(26);

    // 5.2.4: 22 lines of 28 characters in 三号 on each page; 225 mm / 22 lines = 28.95 pt a line. The lines are
    // fixed; the 28-character grid (docGrid linesAndChars) is left out because LibreOffice spreads the characters of
    // such a grid far apart, and 16 pt characters already fill the 156 mm line with 27 to 28.
    private const int LinePitch = 579;

    // Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt.
    private const string TitleSize = "44";
    private const string BodySize = "32";
    private const string PageNumberSize = "28";
    private const string TableSize = "21";

    // A character of 三号 is 16 pt = 320 twips; paragraphs indent two (7.3.3: 每个自然段左空二字).
    private const int BodyChar = 320;
    private const int PageNumberChar = 280;

    // 7.5: the page number line sits 7 mm below the text block: 35 - 7 mm, less the line's own 14 pt (≈ 5 mm).
    private static readonly uint FooterDistance = (uint)Twips(23);

    public const string TitleStyle = "ReportTitle";
    public const string Heading1Style = "Heading1";
    public const string Heading2Style = "Heading2";
    public const string AddresseeStyle = "Addressee";
    public const string SignatureStyle = "Signature";
    public const string FooterStyle = "Footer";
    public const string AnnexTitleStyle = "AnnexTitle";

    public const string AnnexTableStyle = "AnnexTable";
    public const string OfficeMarkStyle = "ForOffice";

    /// <summary>Composes the report from the ledger and writes it; returns what was written, with its blanks and warnings.</summary>
    public static StatusReport Write(LedgerSnapshot ledger, Stream output, StatusParagraphComposer? composer = null, ReportFonts? fonts = null)
    {
        var report = (composer ?? new StatusParagraphComposer()).Compose(ledger);
        Write(report, output, fonts);
        return report;
    }

    public static void Write(StatusReport report, Stream output, ReportFonts? fonts = null)
    {
        fonts ??= ReportFonts.GbT9704;
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        main.AddNewPart<StyleDefinitionsPart>().Styles = Styles(fonts);
        main.AddNewPart<FontTablePart>().Fonts = FontTable(fonts);
        // Odd and even pages carry their page numbers on opposite sides (7.5). Compatibility mode 15 keeps Word from
        // opening the file in Word 2007 compatibility mode.
        main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(
            new EvenAndOddHeaders(),
            new Compatibility(new CompatibilitySetting
            {
                Name = CompatSettingNameValues.CompatibilityMode, Uri = "http://schemas.microsoft.com/office/word", Val = "15",
            }));
        var odd = Footer(main, JustificationValues.Right, new Indentation { Right = PageNumberChar.ToString() });
        var even = Footer(main, JustificationValues.Left, new Indentation { Left = PageNumberChar.ToString() });

        var body = new Body();
        foreach (var element in Content(report))
        {
            body.Append(element);
        }
        body.Append(new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = odd },
            new FooterReference { Type = HeaderFooterValues.Even, Id = even },
            new PageSize { Width = PageWidth, Height = PageHeight },
            new PageMargin
            {
                Top = TopMargin, Bottom = BottomMargin, Left = (uint)LeftMargin, Right = (uint)RightMargin,
                Header = 851, Footer = FooterDistance, Gutter = 0,
            },
            new DocGrid { Type = DocGridValues.Lines, LinePitch = LinePitch }));
        main.Document = new Document(body);
    }

    private static IEnumerable<OpenXmlElement> Content(StatusReport report)
    {
        var title = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = TitleStyle }));
        foreach (var (line, i) in report.TitleLines.Select((line, i) => (line, i)))
        {
            if (i > 0)
            {
                title.Append(new Run(new Break()));
            }
            title.Append(TextRun(line));
        }
        yield return title;
        yield return Para(null, "");
        foreach (var p in report.Paragraphs)
        {
            if (p.Part == ReportPart.AnnexNote)
            {
                // 7.3.4: 附件说明 one line below the body, indented two characters.
                yield return Para(null, "");
            }
            if (p.Part == ReportPart.Signature && p.Text == report.Paragraphs.First(x => x.Part == ReportPart.Signature).Text)
            {
                yield return Para(null, "");
                yield return Para(null, "");
            }
            yield return p.Part switch
            {
                ReportPart.Addressee => Para(AddresseeStyle, p.Text),
                ReportPart.Heading1 => Para(Heading1Style, p.Text),
                ReportPart.Heading2 => Para(Heading2Style, p.Text),
                ReportPart.Signature => Para(SignatureStyle, p.Text),
                // Highlighted, so it cannot go upward unnoticed.
                ReportPart.ForOffice => new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = OfficeMarkStyle }),
                    new Run(new RunProperties(new Highlight { Val = HighlightColorValues.Yellow }),
                        new DocumentFormat.OpenXml.Wordprocessing.Text(InputText.ForXml(p.Text)) { Space = SpaceProcessingModeValues.Preserve })),
                _ => Para(null, p.Text),
            };
        }

        // 附件 (7.4.1): on a new page, 附件 in 黑体 at the top left, its title centred, then the table.
        yield return new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = Heading1Style }, new Indentation { FirstLine = "0", FirstLineChars = 0 }),
            new Run(new Break { Type = BreakValues.Page }), TextRun("附件"));
        yield return Para(AnnexTitleStyle, StatusReport.AnnexTitle);
        yield return AnnexTable(report.Annex);
        yield return Para(null, "");
    }

    // The annex table fills the 156 mm text block: 序号, 整改措施, 责任单位, 完成时限, 完成情况, 进展情况.
    private static readonly (string Header, int Width)[] AnnexColumns =
        [("序号", 560), ("整改措施", 2300), ("责任单位", 1400), ("完成时限", 1480), ("完成情况", 1100), ("进展情况", 1998)];

    private static Table AnnexTable(IReadOnlyList<AnnexRow> rows)
    {
        static TableCell Cell(string text, int width, bool header)
        {
            var paragraphs = text.Split('\n').Select(line => new Paragraph(
                new ParagraphProperties(new ParagraphStyleId { Val = AnnexTableStyle },
                    new Justification { Val = header ? JustificationValues.Center : JustificationValues.Left }),
                header ? new Run(new RunProperties(new RunFonts { EastAsia = "黑体", Ascii = "黑体", HighAnsi = "黑体" }), new DocumentFormat.OpenXml.Wordprocessing.Text(InputText.ForXml(line)))
                       : TextRun(line)));
            return new TableCell(new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa },
                new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }))
                .AppendAll(paragraphs);
        }
        TableBorders Borders() => new(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(
                new TableWidth { Width = AnnexColumns.Sum(c => c.Width).ToString(), Type = TableWidthUnitValues.Dxa },
                Borders(), new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(new TopMargin { Width = "30", Type = TableWidthUnitValues.Dxa }, new TableCellLeftMargin { Width = 60, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "30", Type = TableWidthUnitValues.Dxa }, new TableCellRightMargin { Width = 60, Type = TableWidthValues.Dxa })),
            new TableGrid(AnnexColumns.Select(c => new GridColumn { Width = c.Width.ToString() })));
        // The header row repeats on every page of the table.
        table.Append(new TableRow(new TableRowProperties(new TableHeader(), new CantSplit())).AppendAll(AnnexColumns.Select(c => Cell(c.Header, c.Width, header: true))));
        foreach (var r in rows)
        {
            string[] values = [r.Number.ToString(), r.Action, r.Units, r.Deadline, r.Status, r.Progress];
            table.Append(new TableRow(new TableRowProperties(new CantSplit())).AppendAll(values.Select((v, i) => Cell(v, AnnexColumns[i].Width, header: false))));
        }
        return table;
    }

    private static Paragraph Para(string? style, string text)
    {
        var paragraph = new Paragraph();
        if (style is not null)
        {
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }
        if (text.Length > 0)
        {
            paragraph.Append(TextRun(text));
        }
        return paragraph;
    }

    // RectifyBot.Text (a namespace) hides the OpenXml Text type here, hence the full name.
    /// <summary>Appends the children and returns the element, so a row or cell reads as one expression.</summary>
    private static T AppendAll<T>(this T element, IEnumerable<OpenXmlElement> children) where T : OpenXmlElement
    {
        element.Append(children);
        return element;
    }

    /// <summary>Every piece of text in the report, stored text included, which may hold what XML forbids.</summary>
    internal static Run TextRun(string text) =>
        new(new DocumentFormat.OpenXml.Wordprocessing.Text(InputText.ForXml(text)) { Space = SpaceProcessingModeValues.Preserve });

    private static string Footer(MainDocumentPart main, JustificationValues side, Indentation indent)
    {
        var part = main.AddNewPart<FooterPart>();
        // 7.5: 4号半角宋体阿拉伯数字, with a 一字线 on each side: — 1 —.
        part.Footer = new Footer(new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = FooterStyle }, indent, new Justification { Val = side }),
            TextRun("— "),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            TextRun("1"),
            new Run(new FieldChar { FieldCharType = FieldCharValues.End }),
            TextRun(" —")));
        return main.GetIdOfPart(part);
    }

    private static Styles Styles(ReportFonts fonts)
    {
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                Fonts(fonts.Body[0]), new FontSize { Val = BodySize }, new FontSizeComplexScript { Val = BodySize },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })));
        var normal = new Style(
            new StyleName { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(
                new SpacingBetweenLines { Line = LinePitch.ToString(), LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" },
                new Indentation { FirstLine = (2 * BodyChar).ToString(), FirstLineChars = 200 },
                new Justification { Val = JustificationValues.Both }))
            { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true };
        return new Styles(
            defaults,
            normal,
            // 二号 characters need more room than the body's pitch; 35 pt, as document templates give the title.
            ParagraphStyle(TitleStyle, "公文标题", fonts.Title[0], TitleSize,
                new SpacingBetweenLines { Line = "700", LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" },
                new Indentation { FirstLine = "0", FirstLineChars = 0 }, new Justification { Val = JustificationValues.Center }),
            // 7.3.3: 第一层 黑体 "一、", 第二层 楷体 "（一）", indented like the body.
            ParagraphStyle(Heading1Style, "heading 1", fonts.Heading1[0], BodySize, new KeepNext(), new OutlineLevel { Val = 0 }),
            ParagraphStyle(Heading2Style, "heading 2", fonts.Heading2[0], BodySize, new KeepNext(), new OutlineLevel { Val = 1 }),
            ParagraphStyle(AddresseeStyle, "主送机关", null, BodySize, new Indentation { FirstLine = "0", FirstLineChars = 0 }),
            // 7.3.5: the signature and date end four characters from the right margin.
            ParagraphStyle(SignatureStyle, "落款", null, BodySize,
                new Indentation { FirstLine = "0", FirstLineChars = 0, Right = (4 * BodyChar).ToString() }, new Justification { Val = JustificationValues.Right }),
            // The annex title in 小标宋 三号; the table's text in 仿宋 五号 on single spacing, as offices' tables print.
            ParagraphStyle(AnnexTitleStyle, "附件标题", fonts.Title[0], BodySize,
                new Indentation { FirstLine = "0", FirstLineChars = 0 }, new Justification { Val = JustificationValues.Center }),
            ParagraphStyle(AnnexTableStyle, "附件表格", null, TableSize, new SnapToGrid { Val = false },
                new SpacingBetweenLines { Line = "260", LineRule = LineSpacingRuleValues.Auto, Before = "0", After = "0" },
                new Indentation { FirstLine = "0", FirstLineChars = 0 }),
            ParagraphStyle(OfficeMarkStyle, "待补充", fonts.Heading2[0], BodySize),
            ParagraphStyle(FooterStyle, "footer", fonts.PageNumber[0], PageNumberSize,
                new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto, Before = "0", After = "0" },
                new Indentation { FirstLine = "0", FirstLineChars = 0 }));
    }

    private static Style ParagraphStyle(string id, string name, string? font, string size, params OpenXmlElement[] paragraph)
    {
        var run = new StyleRunProperties();
        if (font is not null)
        {
            run.Append(Fonts(font));
        }
        run.Append(new FontSize { Val = size }, new FontSizeComplexScript { Val = size });
        return new Style(new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(), new StyleParagraphProperties(paragraph), run)
        // Word's built-in styles go by lower-case English names (heading 1, footer); ours by Chinese ones.
        { Type = StyleValues.Paragraph, StyleId = id, CustomStyle = !name.All(char.IsAscii) };
    }

    internal static RunFonts Fonts(string font) => new() { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font };

    internal static Fonts FontTable(ReportFonts fonts)
    {
        var table = new Fonts();
        foreach (var (chain, family) in new[]
                 {
                     (fonts.Title, FontFamilyValues.Roman), (fonts.Body, FontFamilyValues.Roman), (fonts.Heading1, FontFamilyValues.Swiss),
                     (fonts.Heading2, FontFamilyValues.Script), (fonts.PageNumber, FontFamilyValues.Roman),
                 })
        {
            if (table.Elements<Font>().Any(f => f.Name == chain[0]))
            {
                continue;
            }
            // Charset 86 (GB2312) and the family let Word and LibreOffice substitute a Chinese face of the same kind.
            var font = new Font { Name = chain[0] };
            if (chain.Count > 1)
            {
                font.Append(new AltName { Val = string.Join(",", chain.Skip(1)) });
            }
            font.Append(new FontCharSet { Val = "86" }, new FontFamily { Val = family }, new Pitch { Val = FontPitchValues.Variable });
            table.Append(font);
        }
        return table;
    }

    private static int Twips(double mm) => (int)Math.Round(mm * TwipsPerMm);
}
