using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RectifyBot.Documents;
using RectifyBot.Domain;
using RectifyBot.Import;
using RectifyBot.Tests.Documents;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace RectifyBot.Tests.Import;

/// <summary>
/// The formats only an office suite writes (.xls, .doc, .wps, a PDF with running headers and footers), each made
/// here from our own fictional content by LibreOffice as offices' suites save them; skipped with a message without it.
/// </summary>
public sealed class OfficeSuiteFormatTests(LedgerFixture ledger) : IClassFixture<LedgerFixture>
{
    private const string Plan = """
        示例县民政局落实县委巡察反馈意见整改方案
        2024年5月20日，县委第一巡察组向县民政局党组反馈了巡察意见。
        一、整改措施
        （一）政治建设方面
        1.学习贯彻不够深入。
        （1）由办公室对党组理论学习中心组学习制度进行修订，2024年7月底前完成。
        （2）由低保中心到各乡镇开展低保对象入户核查，2024年9月底前完成。
        （二）作风建设方面
        2.作风不实。
        （3）县殡葬服务中心负责，清退超标准收取的费用，长期坚持。
        """;

    [LibreOfficeFact]
    public async Task Our_ledger_saved_as_xls_by_an_office_suite_reads_back_to_the_same_measures()
    {
        using var xlsx = new MemoryStream();
        LedgerWorkbook.Write(ledger.Ledger, xlsx);

        await LibreOffice.WithConvertedAsync(xlsx.ToArray(), "台账.xlsx", "xls", xls => FileFormatTests.AssertReadsBackAsync(ledger.Ledger, xls));
    }

    [LibreOfficeFact]
    public async Task A_doc_and_a_wps_file_are_read_through_LibreOffice()
    {
        await LibreOffice.WithConvertedAsync(Encoding.UTF8.GetBytes(Plan), "方案.txt", "doc", async doc =>
        {
            // WPS Office's .wps is the same compound-file family as .doc; LibreOffice tells them apart by content.
            var wps = Path.ChangeExtension(doc, ".wps");
            File.Copy(doc, wps);
            foreach (var file in (string[])[doc, wps])
            {
                var plan = await PlanParser.ParseFileAsync(file, null, CancellationToken.None);

                Assert.Equal(DocumentKind.Plan, plan.Kind);
                Assert.Equal([1, 2, 3], plan.Measures.Select(m => m.Number));
                Assert.Equal([["办公室"], ["低保中心"], ["殡葬服务中心"]], plan.Measures.Select(m => m.LeadUnits));
                Assert.Equal(new DateOnly(2024, 9, 30), plan.Measures.ElementAt(1).Deadline.Date);
            }
        });
    }

    [LibreOfficeFact]
    public async Task A_multi_page_pdf_loses_its_running_header_footer_and_page_numbers_and_its_wrapped_lines_are_joined()
    {
        const string header = "示例县民政局巡察整改工作资料";
        const int measures = 36;
        await LibreOffice.WithConvertedAsync(LongPlanDocx(header, measures), "long-plan.docx", "pdf", async pdf =>
        {
            Assert.True(await LibreOffice.PageCountAsync(pdf) is null or >= 3, "the document should run over at least three pages");

            var read = await DocumentReader.ReadAsync(pdf, CancellationToken.None);
            var plan = await PlanParser.ParseFileAsync(pdf, null, CancellationToken.None);

            Assert.Null(read.Error);
            Assert.DoesNotContain(header, read.Text);
            Assert.DoesNotContain("印发", read.Text);
            Assert.DoesNotMatch(@"第\s*\d+\s*页", read.Text);
            Assert.Equal(Enumerable.Range(1, measures), plan.Measures.Select(m => m.Number));
            foreach (var m in plan.Measures)
            {
                // Each measure runs over two or three lines of the page; read back, it is one text again.
                Assert.StartsWith($"由社会事务科对第{m.Number}个乡镇", m.Text);
                Assert.EndsWith($"第{m.Number}项工作2024年9月底前完成。", m.Text);
                Assert.Equal(["社会事务科"], m.LeadUnits);
            }

            var limited = await DocumentReader.ReadAsync(pdf, new ImportOptions { MaxPages = 2 }, CancellationToken.None);
            Assert.Matches(@"^这个PDF有\d+页，超过了2页的上限，未读取。$", limited.Error);
            var tooLarge = await DocumentReader.ReadAsync(pdf, new ImportOptions { MaxPackageBytes = 1000 }, CancellationToken.None);
            Assert.Matches(@"^这个PDF有\d+MB，超过了1MB的上限，未读取。$", tooLarge.Error);
        });
    }

    /// <summary>A plan long enough for several pages, with a running header, and a footer that numbers the pages.</summary>
    private static byte[] LongPlanDocx(string header, int measures)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var headerPart = main.AddNewPart<HeaderPart>();
            headerPart.Header = new Header(new Paragraph(new Run(new W.Text(header))));
            var footerPart = main.AddNewPart<FooterPart>();
            footerPart.Footer = new Footer(new Paragraph(
                new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                new Run(new W.Text("县民政局党组办公室印发　第 ") { Space = SpaceProcessingModeValues.Preserve }),
                new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
                new Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
                new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
                new Run(new W.Text("1")),
                new Run(new FieldChar { FieldCharType = FieldCharValues.End }),
                new Run(new W.Text(" 页") { Space = SpaceProcessingModeValues.Preserve })));
            var body = new Body(
                Para("示例县民政局落实县委巡察反馈意见整改方案"),
                Para("2024年5月20日，县委第一巡察组向县民政局党组反馈了巡察意见。"),
                Para("一、整改措施"),
                Para("（一）作风建设方面"),
                Para("1.公益性公墓建设推进缓慢。"));
            for (var n = 1; n <= measures; n++)
            {
                body.Append(Para($"（{n}）由社会事务科对第{n}个乡镇的公益性公墓建设情况开展实地督导，逐一核实用地手续、建设资金和施工进度，" +
                                 $"对进度滞后的下发督办通知，建立问题清单和责任清单，按月调度通报，第{n}项工作2024年9月底前完成。"));
            }
            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(headerPart) },
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footerPart) }));
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    private static Paragraph Para(string text) => new(new Run(new W.Text(text)));
}
