using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Documents;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Channels.Web;

/// <summary>
/// 整改销号审批表 and the 一事一档 archive downloaded over real HTTP from the demo server and read back: the form lists
/// the evidence a unit uploaded on the page; the archive holds that very file. Reads are open to every signed-in
/// person as the ledger and the report are (Permissions governs writes); the archive, which carries every unit's
/// files, is the office's. Each test has a server of its own: they upload evidence.
/// </summary>
public sealed class DocumentExportWebTests
{
    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];

    private static async Task UploadAsync(WebServer server)
    {
        using var lina = await server.SignedInAsync("lina");
        using var saved = await lina.PostAsync("/api/measures/9/progress", TrustWebTests.Form("已完成摸底排查", Photo, "摸底照片.jpg"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    /// <summary>Each form (a table per measure) as its text, cells joined.</summary>
    private static List<string> Forms(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return [.. document.MainDocumentPart!.Document.Body!.Elements<Table>()
            .Select(t => string.Join("\n", t.Descendants<TableCell>().Select(c => string.Join("\n", c.Elements<Paragraph>().Select(p => p.InnerText)))))];
    }

    [Fact]
    public async Task A_measures_review_form_is_a_docx_that_lists_its_evidence()
    {
        await using var server = await TrustWebTests.StartAsync(WebServer.With([]));
        using (var stranger = server.Client())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/exports/closure?measure=9")).StatusCode);
        }
        await UploadAsync(server);

        // 王强 is of 社会救助科; measure 9 is 社会事务科's. The form shows what the ledger already shows him.
        using var wang = await server.SignedInAsync("wangqiang");
        using var one = await wang.GetAsync("/api/exports/closure?measure=9");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(DocumentExports.DocxContentType, one.Content.Headers.ContentType!.MediaType);
        Assert.Contains("整改销号审批表（第9项）", one.Content.Headers.ContentDisposition!.FileNameStar);
        var form = Assert.Single(Forms(await one.Content.ReadAsByteArrayAsync()));
        Assert.Contains("已完成摸底排查", form);
        Assert.Contains("1. 摸底照片.jpg（李娜，", form);
        Assert.Contains("SHA-256 " + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Photo))[..ClosureForms.ShortHash], form);

        using var two = await wang.GetAsync("/api/exports/closure?measure=9&measure=10");
        Assert.Equal(2, Forms(await two.Content.ReadAsByteArrayAsync()).Count);

        using var missing = await wang.GetAsync("/api/exports/closure?measure=999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("方案中没有第999项措施。", (string)JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["error"]!);
    }

    [Fact]
    public async Task The_archive_is_the_offices_with_a_folder_per_measure_holding_its_files_and_form()
    {
        await using var server = await TrustWebTests.StartAsync(WebServer.With([]));
        await UploadAsync(server);
        foreach (var login in new[] { "lina", "juwei" })
        {
            using var client = await server.SignedInAsync(login);
            using var refused = await client.GetAsync("/api/exports/archive");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("档案含各单位的佐证材料，只有整改办可以导出。", (string)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!);
        }

        using var chenqq = await server.SignedInAsync("chenqq");
        using var response = await chenqq.GetAsync("/api/exports/archive");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DocumentExports.ZipContentType, response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Single(names, n => n.EndsWith(".xlsx", StringComparison.Ordinal) && !n.Contains('/'));
        Assert.Single(names, n => n.EndsWith(".docx", StringComparison.Ordinal) && !n.Contains('/'));
        Assert.Contains(ArchiveWriter.IndexName, names);
        int measures;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            measures = await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().Measures.CountAsync();
        }
        Assert.Equal(measures, names.Count(n => n.StartsWith(ArchiveWriter.MeasuresFolder + "/", StringComparison.Ordinal) && n.EndsWith("/" + ArchiveWriter.FormName, StringComparison.Ordinal)));

        var folder9 = names.Single(n => n.StartsWith($"{ArchiveWriter.MeasuresFolder}/009 ", StringComparison.Ordinal) && n.EndsWith("/" + ArchiveWriter.FormName, StringComparison.Ordinal))[..^ArchiveWriter.FormName.Length];
        var photo = new MemoryStream();
        await using (var entry = zip.GetEntry(folder9 + "摸底照片.jpg")!.Open())
        {
            await entry.CopyToAsync(photo);
        }
        Assert.Equal(Photo, photo.ToArray());
        var form = new MemoryStream();
        await using (var entry = zip.GetEntry(folder9 + ArchiveWriter.FormName)!.Open())
        {
            await entry.CopyToAsync(form);
        }
        Assert.Contains("1. 摸底照片.jpg（李娜，", Assert.Single(Forms(form.ToArray())));
    }
}
