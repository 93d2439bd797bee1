using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RectifyBot.Documents;
using RectifyBot.Domain;

namespace RectifyBot.Tests.Documents;

public sealed class StatusReportDocumentTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private MemoryStream Report()
    {
        var stream = new MemoryStream();
        StatusReportDocument.Write(fixture.Ledger, stream);
        stream.Position = 0;
        return stream;
    }

    private static List<(string? Style, string Text)> Paragraphs(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document.Body!.Elements<Paragraph>()
            .Select(p => (p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, p.InnerText)).ToList();

    private static Style Style(WordprocessingDocument document, string id) =>
        document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<Style>().Single(s => s.StyleId == id);

    [Fact]
    public void The_report_passes_the_open_xml_validator()
    {
        using var document = WordprocessingDocument.Open(Report(), false);
        OpenXmlAssert.Valid(document);
    }

    [Fact]
    public void The_page_is_a4_with_the_gb_t_9704_margins_and_line_pitch()
    {
        using var document = WordprocessingDocument.Open(Report(), false);
        var section = document.MainDocumentPart!.Document.Body!.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        var margin = section.GetFirstChild<PageMargin>()!;
        // 37, 35, 28 and 26 mm in twips.
        Assert.Equal((2098, 1984, 1587u, 1474u), (margin.Top!.Value, margin.Bottom!.Value, margin.Left!.Value, margin.Right!.Value));
        Assert.Equal(579, section.GetFirstChild<DocGrid>()!.LinePitch!.Value);
        // 22 lines of 28.95 pt fill the 225 mm text block.
        Assert.InRange(22 * 579 / 20.0 / 72 * 25.4, 224, 226);
    }

    [Fact]
    public void Styles_set_the_official_fonts_sizes_indent_and_fixed_spacing()
    {
        using var document = WordprocessingDocument.Open(Report(), false);
        var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!;
        var defaults = styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("仿宋_GB2312", defaults.RunFonts!.EastAsia!.Value);
        Assert.Equal("32", defaults.FontSize!.Val!.Value);

        var normal = Style(document, "Normal").StyleParagraphProperties!;
        Assert.Equal(("579", LineSpacingRuleValues.Exact), (normal.SpacingBetweenLines!.Line!.Value, normal.SpacingBetweenLines.LineRule!.Value));
        Assert.Equal(("640", 200), (normal.Indentation!.FirstLine!.Value, normal.Indentation.FirstLineChars!.Value));

        void Font(string style, string font, string size)
        {
            var run = Style(document, style).StyleRunProperties!;
            Assert.Equal((font, size), (run.RunFonts!.EastAsia!.Value!, run.FontSize!.Val!.Value!));
        }
        Font(StatusReportDocument.TitleStyle, "方正小标宋简体", "44");
        Font(StatusReportDocument.Heading1Style, "黑体", "32");
        Font(StatusReportDocument.Heading2Style, "楷体_GB2312", "32");
        Font(StatusReportDocument.FooterStyle, "宋体", "28");
        Assert.Equal(JustificationValues.Center, Style(document, StatusReportDocument.TitleStyle).StyleParagraphProperties!.Justification!.Val!.Value);

        var fallback = document.MainDocumentPart.FontTablePart!.Fonts!.Elements<Font>().Single(f => f.Name == "仿宋_GB2312");
        Assert.Equal("仿宋,FangSong", fallback.AltName!.Val!.Value);
        Assert.Equal("86", fallback.FontCharSet!.Val!.Value);
    }

    [Fact]
    public void Page_numbers_are_page_fields_between_dashes_on_alternate_sides()
    {
        using var document = WordprocessingDocument.Open(Report(), false);
        var main = document.MainDocumentPart!;
        Assert.NotNull(main.DocumentSettingsPart!.Settings!.GetFirstChild<EvenAndOddHeaders>());
        var references = main.Document.Body!.Elements<SectionProperties>().Single().Elements<FooterReference>().ToList();
        Assert.Equal([HeaderFooterValues.Default, HeaderFooterValues.Even], references.Select(r => r.Type!.Value));
        var sides = references.Select(r =>
        {
            var footer = ((FooterPart)main.GetPartById(r.Id!.Value!)).Footer!;
            Assert.Equal("— 1 —", footer.InnerText.Replace(" PAGE ", ""));
            Assert.Equal(" PAGE ", footer.Descendants<FieldCode>().Single().Text);
            return footer.Descendants<Justification>().Single().Val!.Value;
        });
        Assert.Equal([JustificationValues.Right, JustificationValues.Left], sides);
    }

    [Fact]
    public void The_report_is_title_overview_problems_by_aspect_and_outstanding_items()
    {
        using var document = WordprocessingDocument.Open(Report(), false);
        var paragraphs = Paragraphs(document);
        Assert.Equal((StatusReportDocument.TitleStyle, "县民政局党组关于县委第一巡察组巡察反馈意见整改落实情况的报告"), paragraphs[0]);
        Assert.Equal((StatusReportDocument.AddresseeStyle, "＿＿："), paragraphs[2]);
        Assert.Equal("根据巡察工作安排，县委第一巡察组于2023年8月3日向县民政局党组反馈了巡察意见。现将截至2023年11月21日的整改落实情况报告如下。", paragraphs[3].Text);
        Assert.Equal(
            ["一、整改工作总体情况", "二、巡察反馈问题整改情况", "三、需要进一步整改的事项"],
            paragraphs.Where(p => p.Style == StatusReportDocument.Heading1Style).Select(p => p.Text));
        Assert.Equal(
            ["（一）党的政治建设方面", "（二）全面从严治党方面"],
            paragraphs.Where(p => p.Style == StatusReportDocument.Heading2Style).Select(p => p.Text));
        Assert.Equal(
            "巡察反馈意见涉及2个方面3个问题、4个具体表现，共制定整改措施6项。截至2023年11月21日，已完成3项（其中已销号1项、已完成待销号1项、" +
            "已完成并长期坚持1项），正在整改2项，尚未启动1项，完成率50%；逾期2项。",
            paragraphs[5].Text);
        Assert.Contains("1.关于“学习贯彻习近平新时代中国特色社会主义思想不够深入”问题", paragraphs.Select(p => p.Text));
        Assert.Equal([(StatusReportDocument.SignatureStyle, "县民政局党组"), (StatusReportDocument.SignatureStyle, "2023年11月21日")], paragraphs[^2..]);
    }

    [Fact]
    public void Each_problem_reports_only_recorded_facts_and_leaves_the_rest_blank()
    {
        using var document = WordprocessingDocument.Open(Report(), false);
        var texts = Paragraphs(document).Select(p => p.Text).ToList();
        string After(string heading) => texts[texts.IndexOf(heading) + 1];

        Assert.Equal(
            "整改情况（持续推进）：" +
            "一是社会事务科牵头落实第51项措施，殡葬服务中心配合：2023年10月9日，完成殡葬服务收费专项检查，清退超标准收费12.6万元；" +
            "2023年10月13日，在服务大厅公示收费项目和标准，补充清退凭证。形成佐证材料2份，2023年10月16日经审核销号。" +
            "二是社会事务科牵头落实第56项措施：2023年11月12日，2个乡镇公益性公墓已建成并投入使用。形成佐证材料1份，已完成，2023年11月14日申请销号，待审核。" +
            "三是社会事务科牵头落实第60项措施：2023年10月17日，已完成选址和土地预审。佐证材料＿＿，正在整改，完成时限2023年12月15日。",
            After("1.关于“殡葬领域监管存在薄弱环节”问题"));
        Assert.Equal(
            "整改情况（尚未启动）：社会救助科牵头落实第54项措施：整改进展＿＿。佐证材料＿＿，尚未启动，完成时限2023年10月20日，已逾期32天。",
            After("2.关于“落实意识形态工作责任制不到位”问题"));
    }

    [Fact]
    public void Items_needing_further_work_list_the_most_overdue_first_with_their_latest_update()
    {
        using var document = WordprocessingDocument.Open(Report(), false);
        var texts = Paragraphs(document).Select(p => p.Text).ToList();
        var outstanding = texts.Skip(texts.IndexOf("三、需要进一步整改的事项") + 1).TakeWhile(t => t.Length > 0).ToList();
        Assert.Equal(4, outstanding.Count);
        Assert.Equal(
            "1.第32项措施（办公室牵头）：将理论学习纳入党组会议第一议题，常态化开展学习研讨。完成时限长期坚持（每季度报告，下次2023年9月30日），" +
            "当前长期坚持（逾期52天）。最近进展：＿＿。",
            outstanding[0]);
        Assert.StartsWith("2.第54项措施（社会救助科牵头）", outstanding[1]);
        Assert.Equal(
            "4.第60项措施（社会事务科牵头）：督促乡镇加快公益性公墓建设进度，按月调度。完成时限2023年12月15日（原时限2023年10月20日，已批准延期），" +
            "当前推进中。最近进展：2023年10月17日，已完成选址和土地预审。",
            outstanding[3]);
    }

    [Theory]
    [InlineData(new[] { MeasureStatus.Closed, MeasureStatus.Done }, "已完成")]
    [InlineData(new[] { MeasureStatus.Closed, MeasureStatus.Ongoing }, "已完成，并将长期坚持")]
    [InlineData(new[] { MeasureStatus.Closed, MeasureStatus.InProgress }, "持续推进")]
    [InlineData(new[] { MeasureStatus.NotStarted, MeasureStatus.InProgress }, "正在整改")]
    [InlineData(new[] { MeasureStatus.NotStarted }, "尚未启动")]
    [InlineData(new MeasureStatus[0], "＿＿")]
    public void A_problems_status_words_follow_its_measures(MeasureStatus[] statuses, string words)
    {
        var template = fixture.Measure(51);
        var measures = statuses.Select(s => template with { Summary = template.Summary with { Status = s } }).ToList();
        Assert.Equal(words, new StatusParagraphComposer().StatusWords(measures));
    }

    [LibreOfficeFact]
    public async Task LibreOffice_renders_the_report_to_pdf_with_page_numbers() =>
        await LibreOffice.WithPdfAsync(Report().ToArray(), "report.docx", async pdf =>
        {
            await LibreOffice.RenderPageAsync(pdf, 1, "report-page1");
            if (await LibreOffice.PageCountAsync(pdf) is { } pages)
            {
                Assert.InRange(pages, 2, 4);
            }
            if (await LibreOffice.PdfTextAsync(pdf) is { } text)
            {
                Assert.Contains("整改工作总体情况", text);
                // pdftotext drops the spaces around the number.
                var compact = text.Replace(" ", "");
                Assert.Contains("—1—", compact);
                Assert.Contains("—2—", compact);
            }
        });
}
