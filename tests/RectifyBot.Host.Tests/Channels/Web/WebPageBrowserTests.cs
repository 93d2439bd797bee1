using Microsoft.Playwright;

namespace RectifyBot.Host.Tests.Channels.Web;

/// <summary>The page in a real browser at phone and desktop sizes, against the real server with the demo inspection.</summary>
public sealed class WebPageBrowserTests : BrowserPageTests
{
    [BrowserTheory]
    [InlineData("phone", 375, 812)]
    [InlineData("desktop", 1280, 800)]
    public async Task Sign_in_ask_for_overdue_update_one_with_a_photo_and_see_the_change(string size, int width, int height)
    {
        await using var context = await PageBrowser.NewContextAsync(Viewport(width, height));
        var page = await context.NewPageAsync();
        await page.GotoAsync(Server.BaseAddress.ToString());

        await page.Locator("#login").FillAsync("lina");
        await page.Locator("#password").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("账号或密码不正确。");
        await Screenshot(page, size, "1-login");
        await page.Locator("#password").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync("李娜");

        await page.Locator("#text").FillAsync("我们科有哪些逾期的");
        await page.Locator("#text").PressAsync("Enter");
        var answer = page.Locator(".msg.bot").Last;
        await Assertions.Expect(answer).ToContainTextAsync("社会事务科逾期的措施共");
        var cards = answer.Locator(".card.is-overdue");
        Assert.True(await cards.CountAsync() > 0);
        await Assertions.Expect(cards.First).ToContainTextAsync("逾期");
        await Screenshot(page, size, "2-overdue");
        await AssertFitsTheScreen(page);

        var card = cards.First;
        var number = await card.GetAttributeAsync("data-number");
        await card.GetByRole(AriaRole.Button, new() { Name = "更新进展" }).ClickAsync();
        var sheet = page.Locator("#update");
        await Assertions.Expect(sheet).ToBeVisibleAsync();
        await sheet.Locator("textarea[name=text]").FillAsync($"已完成专班调度（{size}）");
        await sheet.Locator("select[name=status]").SelectOptionAsync("已完成");
        await sheet.Locator("input[name=photo]").SetInputFilesAsync(new FilePayload
        {
            Name = $"现场照片-{size}.png", MimeType = "image/png", Buffer = PngFile.Solid(width / 100, 3, 40, 120, 60),
        });
        await Assertions.Expect(sheet.Locator("#update-file")).ToContainTextAsync($"现场照片-{size}.png");
        await Screenshot(page, size, "3-update");
        await sheet.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();

        var detail = page.Locator("#detail");
        await Assertions.Expect(detail).ToBeVisibleAsync();
        await Assertions.Expect(detail.Locator("#detail-title")).ToHaveTextAsync($"第{number}项");
        await Assertions.Expect(detail.Locator(".evidence-count")).ToHaveTextAsync("佐证材料（1份）");
        await Assertions.Expect(detail).ToContainTextAsync($"已完成专班调度（{size}）");
        await Assertions.Expect(detail).ToContainTextAsync("已完成待销号");
        await Assertions.Expect(detail).ToContainTextAsync($"现场照片-{size}.png");
        await Screenshot(page, size, "4-detail");
        await AssertFitsTheScreen(page);

        await detail.GetByRole(AriaRole.Button, new() { Name = "关闭" }).ClickAsync();
        await Assertions.Expect(page.Locator(".msg.bot").Last).ToContainTextAsync($"已记录第{number}项进展");
        await page.Locator("#tile-overdue").ClickAsync();
        await Assertions.Expect(page.Locator(".msg.bot").Last).ToContainTextAsync("逾期措施（社会事务科）");
        await Screenshot(page, size, "5-after");
        await AssertFitsTheScreen(page);

        // A wide per-unit table scrolls inside its message, never the page.
        await page.GetByRole(AriaRole.Button, new() { Name = "整体进度" }).ClickAsync();
        await Assertions.Expect(page.Locator(".msg.bot").Last.Locator("table")).ToBeVisibleAsync();
        await Screenshot(page, size, "6-stats");
        await AssertFitsTheScreen(page);

        // Another unit's measure (the demo's 7th is 社会救助科's): its detail, and no write she would be refused.
        await page.Locator("#text").FillAsync("第7项什么情况");
        await page.Locator("#text").PressAsync("Enter");
        var others = page.Locator(".msg.bot").Last.Locator(".card");
        await Assertions.Expect(others.GetByRole(AriaRole.Button)).ToHaveTextAsync(["查看详情"]);
        await others.GetByRole(AriaRole.Button, new() { Name = "查看详情" }).ClickAsync();
        await Assertions.Expect(detail.Locator("#detail-title")).ToHaveTextAsync("第7项");
        await Assertions.Expect(detail.Locator(".actions button")).ToHaveCountAsync(0);
    }

    /// <summary>No horizontal scrolling, and every visible button at least 44 px tall: a thumb can hit it.</summary>
    internal static async Task AssertFitsTheScreen(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page scrolls sideways by {overflow} px");
        var small = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('button, .file-button, input:not([type=file]), select')]
                .filter(b => b.offsetParent !== null || b.closest('dialog[open]'))
                .map(b => [b, b.getBoundingClientRect()])
                .filter(([b, r]) => r.width > 0 && (r.height < 44 || r.width < 44))
                .map(([b, r]) => `${b.textContent.trim() || b.name}: ${Math.round(r.width)}x${Math.round(r.height)}`)
            """);
        Assert.True(small.Length == 0, "tap targets under 44 px: " + string.Join("; ", small));
    }

    internal static async Task Screenshot(IPage page, string size, string step)
    {
        Directory.CreateDirectory(Browser.ScreenshotFolder);
        // The whole conversation, except while a sheet is open: it sits on the screen, not at the end of the page.
        var sheetOpen = await page.Locator("dialog[open]").CountAsync() > 0;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotFolder, $"{size}-{step}.png"), FullPage = !sheetOpen });
    }
}
