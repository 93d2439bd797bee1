using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace RectifyBot.Host.Tests.Channels.Web;

/// <summary>
/// The office's review list in a real browser at phone and desktop sizes: 李娜 asks to close one measure, to extend
/// another and to give that one to another unit, through the API; then 陈奇奇 sees the badge, the queue as cards with
/// who asked, the evidence count, the dates and the unit's words, and returns the close with a reason typed after the
/// 退回 button's words.
/// </summary>
public sealed class OfficeReviewBrowserTests : BrowserPageTests
{
    [BrowserTheory]
    [InlineData("phone", 375, 812)]
    [InlineData("desktop", 1280, 800)]
    public async Task The_office_sees_its_queue_with_a_badge_and_acts_on_the_cards(string size, int width, int height)
    {
        var (close, extend) = await UnitAsksAsync();
        await using var context = await PageBrowser.NewContextAsync(Viewport(width, height));
        var page = await SignInAsync(context, "chenqq");
        await Assertions.Expect(page.Locator("#tile-review .count")).ToHaveTextAsync("3");

        await page.Locator("#tile-review").ClickAsync();
        var list = page.Locator(".msg.bot").Last;
        await Assertions.Expect(list).ToContainTextAsync("待审核3项");
        var closeCard = list.Locator($".card[data-number='{close}']");
        await Assertions.Expect(closeCard).ToContainTextAsync("李娜（社会事务科）");
        await Assertions.Expect(closeCard).ToContainTextAsync("佐证1份");
        await Assertions.Expect(list.Locator($".card[data-number='{extend}']").Filter(new() { HasText = "理由：资金没到位" })).ToHaveCountAsync(1);
        var transfer = list.Locator($".card[data-number='{extend}']").Filter(new() { HasText = "社会事务科→低保中心" });
        await Assertions.Expect(transfer).ToContainTextAsync("“第" + extend + "项不是我们科的活，应该归低保中心”");
        await Assertions.Expect(transfer.GetByRole(AriaRole.Button, new() { Name = "同意转交" })).ToBeVisibleAsync();
        await WebPageBrowserTests.Screenshot(page, size, "office-1-review");
        await WebPageBrowserTests.AssertFitsTheScreen(page);

        await closeCard.GetByRole(AriaRole.Button, new() { Name = "退回" }).ClickAsync();
        await Assertions.Expect(page.Locator("#text")).ToHaveValueAsync($"退回第{close}项，原因：");
        await page.Locator("#text").PressSequentiallyAsync("缺现场照片");
        await page.Locator("#text").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".msg.bot").Last).ToContainTextAsync("退回");
        await Assertions.Expect(page.Locator("#tile-review .count")).ToHaveTextAsync("2");

        // A ranking is the figures and a table, not the same lines twice.
        await page.Locator("#text").FillAsync("哪个科室逾期最多");
        await page.Locator("#text").PressAsync("Enter");
        var ranking = page.Locator(".msg.bot").Last;
        await Assertions.Expect(ranking.Locator("table")).ToBeVisibleAsync();
        Assert.DoesNotContain("：逾期", await ranking.EvaluateAsync<string>("e => e.firstChild.textContent"));
        await WebPageBrowserTests.Screenshot(page, size, "office-2-ranking");
        await WebPageBrowserTests.AssertFitsTheScreen(page);
    }

    [BrowserTheory]
    [InlineData("phone", 375, 812)]
    [InlineData("desktop", 1280, 800)]
    public async Task A_reminder_cards_four_buttons_fit_and_thanks_get_no_buttons(string size, int width, int height)
    {
        await using var context = await PageBrowser.NewContextAsync(Viewport(width, height));
        var page = await SignInAsync(context, "lina");
        await Assertions.Expect(page.Locator("#tile-review")).ToBeHiddenAsync();

        await page.Locator("#text").FillAsync("今天有哪些要提醒的");
        await page.Locator("#text").PressAsync("Enter");
        var digest = page.Locator(".msg.bot").Last;
        await Assertions.Expect(digest.Locator(".card").First.Locator("button")).ToHaveCountAsync(4);
        // The buttons belong to the cards: none repeated under the message.
        await Assertions.Expect(digest.Locator(":scope > .actions")).ToHaveCountAsync(0);
        await WebPageBrowserTests.Screenshot(page, size, "office-3-reminders");
        await WebPageBrowserTests.AssertFitsTheScreen(page);

        await page.Locator("#text").FillAsync("谢谢");
        await page.Locator("#text").PressAsync("Enter");
        var thanks = page.Locator(".msg.bot").Last;
        await Assertions.Expect(thanks).ToHaveTextAsync("不客气，有事随时找我。");
        await Assertions.Expect(thanks.Locator("button")).ToHaveCountAsync(0);
    }

    [BrowserTheory]
    [InlineData("phone", 375, 812)]
    [InlineData("desktop", 1280, 800)]
    public async Task A_measure_asked_about_is_one_sheet_with_its_own_buttons(string size, int width, int height)
    {
        using var lina = await Server.SignedInAsync("lina");
        var number = (await lina.GetFromJsonAsync<JsonElement>("/api/my/measures")).GetProperty("overdue")[0].GetProperty("number").GetInt32();
        await using var context = await PageBrowser.NewContextAsync(Viewport(width, height));
        var page = await SignInAsync(context, "lina");

        await page.Locator("#text").FillAsync($"第{number}项什么情况");
        await page.Locator("#text").PressAsync("Enter");
        var answer = page.Locator(".msg.bot").Last;
        var sheet = answer.Locator($".card[data-number='{number}']");
        await Assertions.Expect(sheet).ToContainTextAsync("牵头：");
        // The detail once, inside its card, the buttons in the card: nothing above or under it.
        Assert.Equal(1, await answer.EvaluateAsync<int>("e => e.children.length"));
        Assert.Equal(1, await answer.Locator(".card").CountAsync());
        Assert.Equal(1, (await answer.InnerTextAsync()).Split("牵头：").Length - 1);
        Assert.True(await sheet.Locator(".actions button").CountAsync() > 0);
        await WebPageBrowserTests.Screenshot(page, size, "office-4-detail-sheet");
        await WebPageBrowserTests.AssertFitsTheScreen(page);
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string login)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(Server.BaseAddress.ToString());
        await page.Locator("#login").FillAsync(login);
        await page.Locator("#password").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#who")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>李娜 reports an overdue measure done with a photo and asks to close it, and asks to extend another.</summary>
    private async Task<(int Close, int Extend)> UnitAsksAsync()
    {
        using var lina = await Server.SignedInAsync("lina");
        var mine = await lina.GetFromJsonAsync<JsonElement>("/api/my/measures");
        var numbers = mine.GetProperty("overdue").EnumerateArray().Concat(mine.GetProperty("dueSoon").EnumerateArray())
            .Select(m => m.GetProperty("number").GetInt32()).Distinct().ToList();
        var (close, extend) = (numbers[0], numbers[1]);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("已完成整治"), "text" },
            { new StringContent("已完成"), "status" },
            { new ByteArrayContent(PngFile.Solid(4, 3, 40, 120, 60)), "photo", "现场.png" },
        };
        (await lina.PostAsync($"/api/measures/{close}/progress", form)).EnsureSuccessStatusCode();
        foreach (var text in new[] { $"第{close}项申请销号", $"{extend} 申请延期到明年年底 资金没到位", $"第{extend}项不是我们科的活，应该归低保中心" })
        {
            (await lina.PostAsJsonAsync("/api/chat", new { text })).EnsureSuccessStatusCode();
        }
        return (close, extend);
    }
}
