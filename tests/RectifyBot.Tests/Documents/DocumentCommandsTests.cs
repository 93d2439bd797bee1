using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Cli;
using RectifyBot.Documents;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Documents;

/// <summary>rectifybot export ledger and rectifybot report, run in process against the fixture's SQLite file.</summary>
public sealed class DocumentCommandsTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rectifybot-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(TestStore store, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--db", store.DbArgument], output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Export_ledger_writes_the_workbook_and_reports_progress_on_stderr()
    {
        var file = Path.Combine(_folder, "台账.xlsx");
        var (code, _, error) = await Run(fixture.Store, "export", "ledger", "--out", file, "--as-of", "2023-11-21");

        Assert.True(code == 0, error);
        Assert.Equal(
            ["正在生成台账……", $"已生成台账：{file}（县民政局党组落实县委第一巡察组巡察反馈意见整改工作实施方案，措施6项，截至2023-11-21）"],
            error.TrimEnd().Split(Environment.NewLine));
        using var document = SpreadsheetDocument.Open(file, false);
        Assert.Equal(4, document.WorkbookPart!.WorksheetParts.Count());
    }

    [Fact]
    public async Task Report_writes_the_document_for_the_given_inspection()
    {
        var file = Path.Combine(_folder, "report.docx");
        var (code, _, error) = await Run(fixture.Store, "report", "--out", file, "--inspection", fixture.InspectionId.ToString(), "--as-of", "2023-11-21");

        Assert.True(code == 0, error);
        using var document = WordprocessingDocument.Open(file, false);
        Assert.Contains("整改情况（持续推进）", document.MainDocumentPart!.Document.Body!.InnerText);
    }

    [Fact]
    public async Task A_missing_folder_or_inspection_is_a_chinese_sentence_and_no_file()
    {
        var missing = Path.Combine(_folder, "没有这个目录", "台账.xlsx");
        var (code, _, error) = await Run(fixture.Store, "export", "ledger", "--out", missing);
        Assert.Equal(1, code);
        Assert.Equal($"无法写入“{missing}”：目录“{Path.GetDirectoryName(missing)}”不存在。", error.Trim());

        (code, _, error) = await Run(fixture.Store, "report", "--out", Path.Combine(_folder, "r.docx"), "--inspection", "99");
        Assert.Equal(1, code);
        Assert.EndsWith("没有编号为99的巡察。用 rectifybot measures 查看已导入的方案。", error.Trim());
        Assert.False(File.Exists(Path.Combine(_folder, "r.docx")));
    }

    [Fact]
    public async Task An_empty_store_says_to_import_a_plan_first()
    {
        await using var empty = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var (code, _, error) = await Run(empty, "report", "--out", Path.Combine(_folder, "r.docx"));
        Assert.Equal(1, code);
        Assert.EndsWith("库中还没有整改方案。先用 rectifybot import 导入方案。", error.Trim());
    }

    [Fact]
    public async Task The_service_names_files_for_download_with_their_content_type()
    {
        await using var scope = fixture.Store.Scope();
        var exports = scope.ServiceProvider.GetRequiredService<DocumentExports>();
        var ledger = await exports.LedgerAsync(null, LedgerFixture.AsOf, default);
        var report = await exports.ReportAsync(fixture.InspectionId, LedgerFixture.AsOf, default);

        Assert.Equal("县民政局党组巡察整改台账（截至2023-11-21）.xlsx", ledger!.FileName);
        Assert.Equal(DocumentExports.XlsxContentType, ledger.ContentType);
        Assert.Equal("县民政局党组巡察整改情况报告（截至2023-11-21）.docx", report!.FileName);
        Assert.Equal(DocumentExports.DocxContentType, report.ContentType);
        Assert.Equal(6, report.Ledger.Measures.Count);
    }
}
