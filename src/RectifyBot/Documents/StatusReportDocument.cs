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
/// The words come from <see cref="StatusParagraphComposer"/>; this class only arranges them.
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

    public static void Write(LedgerSnapshot ledger, Stream output, StatusParagraphComposer? composer = null, ReportFonts? fonts = null)
    {
        composer ??= new StatusParagraphComposer();
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
        foreach (var paragraph in Content(ledger, composer))
        {
            body.Append(paragraph);
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

    private static IEnumerable<Paragraph> Content(LedgerSnapshot ledger, StatusParagraphComposer composer)
    {
        var title = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = TitleStyle }));
        foreach (var (line, i) in composer.TitleLines(ledger).Select((line, i) => (line, i)))
        {
            if (i > 0)
            {
                title.Append(new Run(new Break()));
            }
            title.Append(TextRun(line));
        }
        yield return title;
        yield return Para(null, "");
        // 主送机关 (7.3.2) is not recorded: left blank for the office.
        yield return Para(AddresseeStyle, LedgerText.Blank + "：");
        yield return Para(null, composer.Opening(ledger));

        yield return Para(Heading1Style, "一、整改工作总体情况");
        yield return Para(null, composer.Overview(ledger));

        yield return Para(Heading1Style, "二、巡察反馈问题整改情况");
        foreach (var aspect in ledger.Problems.GroupBy(p => (p.AspectOrdinal, p.AspectTitle)))
        {
            yield return Para(Heading2Style, $"（{ChineseNumber.ToChinese(aspect.Key.AspectOrdinal)}）{aspect.Key.AspectTitle}");
            foreach (var problem in aspect)
            {
                yield return Para(null, $"{problem.Ordinal}.{composer.Heading(problem)}");
                yield return Para(null, composer.Progress(ledger.MeasuresOf(problem).ToList()));
            }
        }

        yield return Para(Heading1Style, "三、需要进一步整改的事项");
        var outstanding = ledger.Measures.Where(m => m.Status.IsOpen() || m.Summary.DaysOverdue > 0)
            .OrderByDescending(m => m.Summary.DaysOverdue).ThenBy(m => m.Number).ToList();
        if (outstanding.Count == 0)
        {
            yield return Para(null, "所有整改措施均已完成，暂无逾期事项。");
        }
        for (var i = 0; i < outstanding.Count; i++)
        {
            yield return Para(null, $"{i + 1}.{composer.Outstanding(outstanding[i])}");
        }

        yield return Para(null, "");
        yield return Para(SignatureStyle, ledger.Inspection.InspectedOrganisation ?? LedgerText.Blank);
        yield return Para(SignatureStyle, LedgerText.Date(ledger.AsOf));
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
    /// <summary>Every piece of text in the report, stored text included, which may hold what XML forbids.</summary>
    private static Run TextRun(string text) =>
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

    private static RunFonts Fonts(string font) => new() { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font };

    private static Fonts FontTable(ReportFonts fonts)
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
