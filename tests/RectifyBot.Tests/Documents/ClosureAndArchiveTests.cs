using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RectifyBot.Cli;
using RectifyBot.Conversation;
using RectifyBot.Documents;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Tests.Documents;

/// <summary>
/// 整改销号审批表 and the 一事一档 archive, read back: from the service, the command line and chat, on the fixture
/// where 51 was returned once and then closed with two evidence files.
/// </summary>
public sealed class ClosureAndArchiveTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rectifybot-closure-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Each form's table as label → text, in page order.</summary>
    private static List<Dictionary<string, string>> Forms(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        OpenXmlAssert.Valid(document);
        return document.MainDocumentPart!.Document.Body!.Elements<Table>().Select(table =>
        {
            var cells = new Dictionary<string, string>();
            foreach (var row in table.Elements<TableRow>())
            {
                var texts = row.Elements<TableCell>().Select(c => string.Join("\n", c.Elements<Paragraph>().Select(p => p.InnerText))).ToList();
                for (var i = 0; i + 1 < texts.Count; i += 2)
                {
                    cells[texts[i]] = texts[i + 1];
                }
            }
            return cells;
        }).ToList();
    }

    private static ClosureForms Forms(SignOffMode signOff) =>
        new(Options.Create(new WorkflowOptions { SignOff = signOff }), new OrganisationClock(TimeProvider.System, Options.Create(new OrganisationOptions())));

    [Fact]
    public async Task Every_measure_gets_a_page_with_its_account_evidence_and_reviews()
    {
        await using var scope = fixture.Store.Scope();
        var file = (await scope.ServiceProvider.GetRequiredService<DocumentExports>().ClosureAsync(fixture.InspectionId, [], LedgerFixture.AsOf, default))!;
        var forms = Forms(file.Content);
        Assert.Equal(fixture.Ledger.Measures.Count, forms.Count);
        using (var document = WordprocessingDocument.Open(new MemoryStream(file.Content), false))
        {
            // One page each: every form after the first starts on a new page.
            Assert.Equal(forms.Count - 1, document.MainDocumentPart!.Document.Body!.Descendants<PageBreakBefore>().Count());
        }

        var form51 = forms[fixture.Ledger.Measures.ToList().FindIndex(m => m.Number == 51)];
        Assert.StartsWith("殡葬领域监管存在薄弱环节\n具体表现：殡葬服务收费不规范", form51["反馈问题"]);
        Assert.StartsWith("对县殡葬服务中心收费情况开展专项检查", form51["整改措施"]);
        Assert.Equal(("社会事务科", "殡葬服务中心"), (form51["牵头单位"], form51["配合单位"]));
        Assert.Contains("销号申请所述：补充了清退凭证", form51["整改完成情况"]);
        Assert.Contains("2023年10月9日，李娜：完成殡葬服务收费专项检查，清退超标准收费12.6万元。", form51["整改完成情况"]);
        var evidence = form51["佐证材料"].Split('\n');
        Assert.Equal(2, evidence.Length);
        var report = fixture.Measure(51).Evidence[0];
        Assert.Equal($"1. 专项检查报告.pdf（李娜，2023年10月10日上传，SHA-256 {report.Sha256[..ClosureForms.ShortHash]}）", evidence[0]);
        Assert.StartsWith("2. 清退凭证.jpg（李娜，", evidence[1]);
        Assert.StartsWith("李娜于2023年10月15日申请销号。", form51["责任单位意见"]);
        Assert.Contains("负责人（签字）", form51["责任单位意见"]);
        Assert.StartsWith("经审核，同意销号（陈奇奇，2023年10月16日）。", form51["整改办审核意见"]);
        // The office alone closes here (Workflow:SignOff is OfficeOnly): no leader's row.
        Assert.DoesNotContain("分管领导意见", form51.Keys);

        var form54 = forms[fixture.Ledger.Measures.ToList().FindIndex(m => m.Number == 54)];
        Assert.Equal("尚未上传佐证材料。", form54["佐证材料"]);
        Assert.StartsWith("尚未申请销号。", form54["责任单位意见"]);
        Assert.All(forms, f => Assert.Contains("佐证材料", f.Keys));
    }

    [Fact]
    public void Where_the_leader_signs_off_the_form_has_the_leaders_row()
    {
        using var stream = new MemoryStream();
        Forms(SignOffMode.OfficeAndLeader).Write(fixture.Ledger, [fixture.Measure(56)], stream);
        var form = Assert.Single(Forms(stream.ToArray()));
        Assert.Contains("分管领导（签字）", form["分管领导意见"]);
        Assert.Equal("待审核。\n审核人（签字）：\u3000\u3000\u3000\u3000\u3000\u3000（盖章）\u3000\u3000年\u3000月\u3000日", form["整改办审核意见"]);
    }

    [Fact]
    public async Task The_archive_holds_the_ledger_report_and_a_folder_per_measure_with_its_files_and_form()
    {
        await using var scope = fixture.Store.Scope();
        var file = (await scope.ServiceProvider.GetRequiredService<DocumentExports>().ArchiveAsync(fixture.InspectionId, LedgerFixture.AsOf, default))!;
        Assert.Equal(DocumentExports.ZipContentType, file.ContentType);
        using var zip = new ZipArchive(new MemoryStream(file.Content), ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("县民政局党组巡察整改台账（截至2023-11-21）.xlsx", names);
        Assert.Contains("县民政局党组巡察整改情况报告（截至2023-11-21）.docx", names);
        Assert.Contains(ArchiveWriter.IndexName, names);
        foreach (var m in fixture.Ledger.Measures)
        {
            Assert.Contains($"{ArchiveWriter.MeasuresFolder}/{ArchiveWriter.Folder(m)}/{ArchiveWriter.FormName}", names);
        }
        var folder51 = $"{ArchiveWriter.MeasuresFolder}/051 对县殡葬服务中心收费情况开展专项检查";
        Assert.Equal(folder51, $"{ArchiveWriter.MeasuresFolder}/{ArchiveWriter.Folder(fixture.Measure(51))}");
        await using (var pdf = zip.GetEntry($"{folder51}/专项检查报告.pdf")!.Open())
        {
            var bytes = new MemoryStream();
            await pdf.CopyToAsync(bytes);
            Assert.Equal(new byte[] { 1, 2, 3 }, bytes.ToArray());
        }
        Assert.NotNull(zip.GetEntry($"{folder51}/清退凭证.jpg"));

        // The form in the folder is the measure's own and lists its evidence.
        var form = new MemoryStream();
        await using (var entry = zip.GetEntry($"{folder51}/{ArchiveWriter.FormName}")!.Open())
        {
            await entry.CopyToAsync(form);
        }
        Assert.Contains("专项检查报告.pdf", Assert.Single(Forms(form.ToArray()))["佐证材料"]);
        using var index = new StreamReader(zip.GetEntry(ArchiveWriter.IndexName)!.Open());
        Assert.Contains($"  专项检查报告.pdf（李娜，SHA-256 {fixture.Measure(51).Evidence[0].Sha256}）", await index.ReadToEndAsync());
    }

    [LibreOfficeFact]
    public async Task LibreOffice_lays_each_form_out_on_one_page()
    {
        await using var scope = fixture.Store.Scope();
        var exports = scope.ServiceProvider.GetRequiredService<DocumentExports>();
        var file = (await exports.ClosureAsync(fixture.InspectionId, [51, 56], LedgerFixture.AsOf, default))!;
        await LibreOffice.WithPdfAsync(file.Content, "closure.docx", async pdf =>
        {
            await LibreOffice.RenderPageAsync(pdf, 1, "closure-form-51");
            if (await LibreOffice.PageCountAsync(pdf) is { } pages)
            {
                Assert.Equal(2, pages);
            }
            if (await LibreOffice.PdfTextAsync(pdf) is { } text)
            {
                Assert.Contains("整改销号审批表", text);
                Assert.Contains("专项检查报告.pdf", text);
            }
        });
        // The archive's folder listing, for a reader of docs/.
        if (Environment.GetEnvironmentVariable(LibreOffice.ImagesVariable) is { Length: > 0 } folder)
        {
            var archive = (await exports.ArchiveAsync(fixture.InspectionId, LedgerFixture.AsOf, default))!;
            using var zip = new ZipArchive(new MemoryStream(archive.Content), ZipArchiveMode.Read);
            await File.WriteAllLinesAsync(Path.Combine(folder, "archive-listing.txt"),
                [$"{archive.FileName}", .. zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal).Select(e => $"  {e.FullName}  ({e.Length:N0} bytes)")]);
        }
    }

    private static async Task<(int Code, string Err)> Run(TestData.TestStore store, params string[] args)
    {
        var error = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--db", store.DbArgument], new StringWriter(), error, CancellationToken.None);
        return (code, error.ToString());
    }

    [Fact]
    public async Task The_command_line_exports_one_measures_form_all_forms_or_the_archive()
    {
        var one = Path.Combine(_folder, "51.docx");
        var (code, error) = await Run(fixture.Store, "export", "closure", "--measure", "51", "--out", one, "--as-of", "2023-11-21");
        Assert.True(code == 0, error);
        Assert.Single(Forms(await File.ReadAllBytesAsync(one)));

        (code, error) = await Run(fixture.Store, "export", "closure", "--all", "--out", Path.Combine(_folder, "all.docx"), "--as-of", "2023-11-21");
        Assert.True(code == 0, error);
        Assert.Equal(6, Forms(await File.ReadAllBytesAsync(Path.Combine(_folder, "all.docx"))).Count);

        (code, error) = await Run(fixture.Store, "export", "closure", "--measure", "99", "--out", Path.Combine(_folder, "x.docx"));
        Assert.Equal((1, "方案中没有第99项措施。用 rectifybot measures 查看编号。"), (code, error.Trim().Split('\n')[^1]));
        Assert.False(File.Exists(Path.Combine(_folder, "x.docx")));
        (code, error) = await Run(fixture.Store, "export", "closure", "--out", Path.Combine(_folder, "x.docx"));
        Assert.Equal((1, "请用 --measure 编号 或 --all 指明导出哪些措施（二选一）。"), (code, error.Trim()));

        var archive = Path.Combine(_folder, "档案.zip");
        (code, error) = await Run(fixture.Store, "export", "archive", "--out", archive, "--as-of", "2023-11-21");
        Assert.True(code == 0, error);
        using var zip = ZipFile.OpenRead(archive);
        Assert.Equal(6, zip.Entries.Count(e => e.Name == ArchiveWriter.FormName));
    }

    [Fact]
    public async Task The_report_command_lists_each_blank_and_warns_when_the_date_is_long_after_the_plan()
    {
        var (code, error) = await Run(fixture.Store, "report", "--out", Path.Combine(_folder, "r.docx"), "--as-of", "2026-12-01");
        Assert.True(code == 0, error);
        var lines = error.Trim().Split(Environment.NewLine);
        Assert.Contains(lines, l => l.StartsWith("注意：报告截至2026年12月1日", StringComparison.Ordinal) && l.Contains("--as-of 2023-12-31", StringComparison.Ordinal));
        var listed = lines.SkipWhile(l => !l.StartsWith("有", StringComparison.Ordinal)).ToList();
        Assert.Equal("有2处留给整改办补充（文中“＿＿”和【】处）：", listed[0]);
        Assert.Equal(["  1. 主送机关（标题下第一行）", "  2. 一、整改工作总体情况中标注【】的一段：领导小组、专题会议、印发文件等组织推动情况"], listed[1..]);
    }

    [Fact]
    public async Task In_chat_the_office_asks_for_a_measures_form_and_gets_the_file()
    {
        await using var scope = fixture.Store.Scope();
        var engine = scope.ServiceProvider.GetRequiredService<ConversationEngine>();
        var turn = await engine.HandleAsync(new IncomingMessage(ChannelName.Cli, "陈奇奇", "打印51的销号审批表"), default);
        Assert.Equal("PrintClosureForm", turn.Intent);
        Assert.Equal("已生成第51项的销号审批表，打印后由责任单位、整改办签字。", turn.Reply.Text);
        Assert.NotNull(turn.Reply.File);
        Assert.EndsWith(".docx", turn.Reply.File!.FileName);
        Assert.Contains("专项检查报告.pdf", Assert.Single(Forms(turn.Reply.File.Content))["佐证材料"]);

        turn = await engine.HandleAsync(new IncomingMessage(ChannelName.Cli, "陈奇奇", "打印第99项的销号审批表"), default);
        Assert.Null(turn.Reply.File);
    }
}
