using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Documents;
using RectifyBot.Domain;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;
using RectifyBot.Text;

namespace RectifyBot.Tests.Documents;

/// <summary>
/// Text XML 1.0 forbids: cleaned where it comes in, and harmless to the documents even where an older store already
/// holds it (written here straight into the store, as an old version of the web form did).
/// </summary>
public class StoredTextTests
{
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_stored_control_character_does_not_break_the_ledger_or_the_report(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewContext())
        {
            await new PlanBuilder().ConversationsRoster().Measure(51, lead: "社会事务科", due: "2023-12-31", status: MeasureStatus.InProgress).SaveAsync(db);
            db.BeginOperation("测试数据", null);
            var m = await db.Measures.SingleAsync();
            m.Updates.Add(new ProgressUpdate { Text = "已完成\u0001摸底\u000B排查", At = DateTime.UtcNow, On = new DateOnly(2023, 11, 20) });
            await db.SaveChangesAsync();
        }
        await using var scope = store.Scope();
        var exports = scope.ServiceProvider.GetRequiredService<DocumentExports>();

        var ledger = (await exports.LedgerAsync(null, null, default))!;
        using (var xlsx = SpreadsheetDocument.Open(new MemoryStream(ledger.Content), false))
        {
            OpenXmlAssert.Valid(xlsx);
            var text = string.Concat(xlsx.WorkbookPart!.WorksheetParts.Select(p => p.Worksheet.InnerText));
            Assert.Contains("已完成摸底排查", text);
        }
        var report = (await exports.ReportAsync(null, null, default))!;
        using var docx = WordprocessingDocument.Open(new MemoryStream(report.Content), false);
        OpenXmlAssert.Valid(docx);
        // Every part parses as XML 1.0.
        foreach (var part in docx.Parts.Select(p => p.OpenXmlPart).Append(docx.MainDocumentPart!))
        {
            using var reader = XmlReader.Create(part.GetStream());
            while (reader.Read())
            {
            }
        }
    }

    [Theory]
    [InlineData("已完成\u0001摸底", 100, "已完成摸底")]
    [InlineData("一\u000B二\u0000三\uFFFE", 100, "一二三")]
    [InlineData("第一行\r\n第二行\r第三行\u2028第四行", 100, "第一行\n第二行\n第三行\n第四行")]
    [InlineData("😀😀", 3, "😀")]
    [InlineData("制表\t保留", 100, "制表\t保留")]
    public void Channel_text_is_cleaned_in_one_place(string input, int max, string expected) =>
        Assert.Equal(expected, InputText.Clean(input, max));

    [Fact]
    public void A_lone_surrogate_is_dropped() => Assert.Equal("断开的代理", InputText.Clean("断开\uD800的代理"));
}
