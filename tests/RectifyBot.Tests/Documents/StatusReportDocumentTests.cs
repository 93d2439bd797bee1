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
    public void The_report_is_title_overview_problems_by_aspect_next_steps_and_the_annex()
    {
        using var document = WordprocessingDocument.Open(Report(), false);
        var paragraphs = Paragraphs(document);
        Assert.Equal((StatusReportDocument.TitleStyle, "县民政局党组关于县委第一巡察组巡察反馈意见整改落实情况的报告"), paragraphs[0]);
        Assert.Equal((StatusReportDocument.AddresseeStyle, "＿＿："), paragraphs[2]);
        Assert.Equal("根据巡察工作安排，县委第一巡察组于2023年8月3日向县民政局党组反馈了巡察意见。现将截至2023年11月21日的整改落实情况报告如下。", paragraphs[3].Text);
        Assert.Equal(
            ["一、整改工作总体情况", "二、反馈问题整改落实情况", "三、存在的问题和下一步打算", "附件"],
            paragraphs.Where(p => p.Style == StatusReportDocument.Heading1Style).Select(p => p.Text));
        Assert.Equal(
            ["（一）党的政治建设方面", "（二）全面从严治党方面"],
            paragraphs.Where(p => p.Style == StatusReportDocument.Heading2Style).Select(p => p.Text));
        Assert.Equal(
            "巡察反馈意见涉及2个方面3个问题、4个具体表现，共制定整改措施6项，由3个单位牵头落实。截至2023年11月21日，已完成3项（其中已销号1项、已完成待销号1项、" +
            "已完成并长期坚持1项），正在整改2项，尚未启动1项，完成率50%；逾期2项。",
            paragraphs[5].Text);
        Assert.Equal("按照整改方案，整改工作分1个阶段推进：推进落实（2023年8月4日至2023年10月20日）；有明确时限的整改措施最晚于2023年12月31日完成。", paragraphs[6].Text);
        Assert.Equal((StatusReportDocument.OfficeMarkStyle, StatusParagraphComposer.OfficeParagraph), paragraphs[7]);
        Assert.Contains("1.关于“学习贯彻习近平新时代中国特色社会主义思想不够深入”问题", paragraphs.Select(p => p.Text));
        Assert.Contains("附件：整改任务完成情况表", paragraphs.Select(p => p.Text));
        var signature = paragraphs.Where(p => p.Style == StatusReportDocument.SignatureStyle).ToList();
        Assert.Equal([(StatusReportDocument.SignatureStyle, "县民政局党组"), (StatusReportDocument.SignatureStyle, "2023年11月21日")], signature);
    }

    [Fact]
    public void Each_problem_tells_what_was_done_in_the_measures_words_with_the_units_dates_and_reviews()
    {
        using var document = WordprocessingDocument.Open(Report(), false);
        var texts = Paragraphs(document).Select(p => p.Text).ToList();
        string After(string heading) => texts[texts.IndexOf(heading) + 1];

        Assert.Equal(
            "整改情况（持续推进）：" +
            "一是对县殡葬服务中心收费情况开展专项检查，清退超标准收取的费用。2023年10月9日，社会事务科会同殡葬服务中心完成殡葬服务收费专项检查，清退超标准收费12.6万元。" +
            "2023年10月13日，在服务大厅公示收费项目和标准，补充清退凭证。形成佐证材料2份，已于2023年10月16日经审核销号。" +
            "二是对未按期建成的乡镇公益性公墓逐一制定建设计划（社会事务科落实）。2023年11月12日，2个乡镇公益性公墓已建成并投入使用。形成佐证材料1份，已完成整改，2023年11月14日申请销号。" +
            "三是督促乡镇加快公益性公墓建设进度，按月调度。2023年10月17日，社会事务科已完成选址和土地预审。正在推进，完成时限2023年12月15日。",
            After("1.关于“殡葬领域监管存在薄弱环节”问题"));
        Assert.Equal(
            "整改情况（尚未启动）：建立局属单位新媒体平台三审三校制度，开展一次全面排查，尚未报送进展，完成情况见附件。",
            After("2.关于“落实意识形态工作责任制不到位”问题"));
    }

    [Fact]
    public void The_annex_has_every_measure_with_its_units_deadline_status_and_latest_progress()
    {
        using var document = WordprocessingDocument.Open(Report(), false);
        var rows = document.MainDocumentPart!.Document.Body!.Elements<Table>().Single().Elements<TableRow>()
            .Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(["序号", "整改措施", "责任单位", "完成时限", "完成情况", "进展情况"], rows[0]);
        Assert.Equal(["32", "49", "51", "54", "56", "60"], rows.Skip(1).Select(r => r[0]));
        Assert.NotNull(document.MainDocumentPart.Document.Body.Elements<Table>().Single().Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>());
        var row51 = rows.Single(r => r[0] == "51");
        Assert.Equal("社会事务科（配合：殡葬服务中心）", row51[2]);
        Assert.Equal("已销号", row51[4]);
        Assert.Equal("2023年10月13日，在服务大厅公示收费项目和标准，补充清退凭证。2023年10月16日销号。", row51[5]);
        Assert.Equal("未启动（逾期32天）", rows.Single(r => r[0] == "54")[4]);
        Assert.Equal("尚未报送进展", rows.Single(r => r[0] == "54")[5]);
    }

    [Fact]
    public void Section_three_counts_what_is_open_and_overdue_and_plans_the_next_steps()
    {
        using var document = WordprocessingDocument.Open(Report(), false);
        var texts = Paragraphs(document).Select(p => p.Text).ToList();
        var three = texts.Skip(texts.IndexOf("三、存在的问题和下一步打算") + 1).TakeWhile(t => t.Length > 0).ToList();
        Assert.Equal(2, three.Count);
        Assert.StartsWith("截至2023年11月21日，尚有3项措施未完成，其中正在整改2项、尚未启动1项；逾期2项，主要涉及办公室（1项）、社会救助科（1项）2个单位；", three[0]);
        Assert.Contains("另有1项措施需长期坚持、定期报告进展", three[0]);
        Assert.Equal(
            "下一步，一是紧盯逾期事项，对逾期的2项措施逐项督办，督促责任单位明确完成时间、尽快整改到位。二是加快推进在办事项，对未完成的3项措施按照完成时限倒排工期、挂图作战。" +
            "三是抓好审核销号，对已完成待销号的1项措施及时审核佐证材料，成熟一项、销号一项。四是坚持长期整改，对需长期坚持的1项措施按期报告进展，健全长效机制。" +
            "五是巩固整改成果，对已销号的1项措施适时开展“回头看”，防止问题反弹。",
            three[1]);
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
            await LibreOffice.RenderPageAsync(pdf, 2, "report-page2");
            if (await LibreOffice.PageCountAsync(pdf) is { } last)
            {
                await LibreOffice.RenderPageAsync(pdf, last, "report-annex");
            }
            if (await LibreOffice.PageCountAsync(pdf) is { } pages)
            {
                Assert.InRange(pages, 2, 6);
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
