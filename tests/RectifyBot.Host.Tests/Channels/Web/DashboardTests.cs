using System.Net;
using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using RectifyBot.Reminders;

namespace RectifyBot.Host.Tests.Channels.Web;

/// <summary>The dashboard: its figures and downloads over HTTP, and the page in a phone-sized browser.</summary>
public sealed class DashboardTests(WebServer server) : IClassFixture<WebServer>
{
    [Fact]
    public async Task Figures_and_both_files_are_for_signed_in_users()
    {
        using var stranger = server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/exports/ledger")).StatusCode);

        using var client = await server.SignedInAsync("lina");
        var data = (await client.GetFromJsonAsync<DashboardData>("/api/dashboard"))!;
        Assert.NotEmpty(data.Units);
        Assert.Equal(["red", "yellow", "green", "blue"], data.Tiers.Select(t => t.Tier));
        Assert.True(data.Tiers.Single(t => t.Tier == "red").Count > 0, "the demo has overdue measures");
        Assert.Equal(Dashboard.Weeks, data.Trend.Count);
        Assert.Equal(data.AsOf, data.Trend[^1].Day);
        Assert.True(data.Trend[^1].Overdue > 0);

        using var ledger = await client.GetAsync("/api/exports/ledger");
        Assert.Equal(HttpStatusCode.OK, ledger.StatusCode);
        Assert.EndsWith(".xlsx", ledger.Content.Headers.ContentDisposition!.FileNameStar);
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(await ledger.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Contains(workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>(), s => s.Name == "任务清单");
        }
        using var report = await client.GetAsync("/api/exports/report");
        Assert.EndsWith(".docx", report.Content.Headers.ContentDisposition!.FileNameStar);
        using var document = WordprocessingDocument.Open(new MemoryStream(await report.Content.ReadAsByteArrayAsync()), false);
        Assert.NotNull(document.MainDocumentPart!.Document.Body);
    }

    [BrowserFact]
    public async Task The_page_draws_its_charts_at_375_px_without_scrolling_sideways()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 375, Height = 812 }, Locale = "zh-CN", HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.BaseAddress.ToString());
        await page.Locator("#login").FillAsync("chenqq");
        await page.Locator("#password").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync("陈奇奇");

        await page.GetByRole(AriaRole.Link, new() { Name = "看板" }).ClickAsync();
        await Assertions.Expect(page.Locator("#dash-status")).ToContainTextAsync("总体完成率");
        foreach (var chart in new[] { "#chart-units", "#chart-tiers", "#chart-trend" })
        {
            await Assertions.Expect(page.Locator($"{chart} svg")).ToBeVisibleAsync();
        }
        Assert.Equal(4, await page.Locator("#chart-tiers svg rect[fill='#b3261e'], #chart-tiers svg rect[fill='#c98a00'], #chart-tiers svg rect[fill='#2e7d32'], #chart-tiers svg rect[fill='#1565c0']").CountAsync());
        Assert.Equal(Dashboard.Weeks, await page.Locator("#chart-trend circle").CountAsync());
        await WebPageBrowserTests.AssertFitsTheScreen(page);
        var widest = await page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('svg')].map(s => s.getBoundingClientRect().right))");
        Assert.True(widest <= 375, $"a chart reaches {widest} px");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "整改台账（.xlsx）" })).ToHaveAttributeAsync("href", "/api/exports/ledger");

        Directory.CreateDirectory(Browser.ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotFolder, "phone-dashboard.png"), FullPage = true });
    }
}
