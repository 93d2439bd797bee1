using Microsoft.Playwright;
using RectifyBot.Host.Tests.Channels.WeCom;

namespace RectifyBot.Host.Tests.Channels.Web;

/// <summary>
/// The office's 同步通讯录 button in a real browser: the real server (demo roster) reads the contacts from the loopback
/// fake of qyapi.weixin.qq.com, and the page says in Chinese who was added and whose account was set; unit staff do
/// not see the button.
/// </summary>
public sealed class ContactsSyncBrowserTests : IAsyncLifetime
{
    private FakeWeComApi _wecom = null!;
    private WebServer _server = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _wecom = await FakeWeComApi.StartAsync();
        _server = WebServer.With(WeComTestData.Settings(_wecom.BaseAddress).Select(kv => $"--{kv.Key}={kv.Value}"));
        await _server.InitializeAsync();
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await _server.DisposeAsync();
        await _wecom.DisposeAsync();
    }

    [BrowserTheory]
    [InlineData("phone", 375, 812)]
    [InlineData("desktop", 1280, 800)]
    public async Task The_office_syncs_the_contacts_and_reads_who_was_added_and_changed(string size, int width, int height)
    {
        await using var context = await _browser!.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN", HasTouch = width < 760 });
        var page = await SignInAsync(context, "chenqq");

        await page.GetByRole(AriaRole.Button, new() { Name = "同步通讯录" }).ClickAsync();

        var result = page.Locator(".msg.bot").Last;
        await Assertions.Expect(result).ToContainTextAsync("已同步企业微信通讯录：新增2人，更新1人。新建单位：殡葬管理所。");
        await Assertions.Expect(result).ToContainTextAsync("新增：刘洋（殡葬管理所），企业微信账号 liuyang");
        await Assertions.Expect(result).ToContainTextAsync("李娜：企业微信账号设为 lina-wx");
        await WebPageBrowserTests.Screenshot(page, size, "contacts-1-sync");
        await WebPageBrowserTests.AssertFitsTheScreen(page);

        // Nothing new the second time: the page says so rather than listing everyone again.
        await page.GetByRole(AriaRole.Button, new() { Name = "同步通讯录" }).ClickAsync();
        await Assertions.Expect(page.Locator(".msg.bot").Last).ToContainTextAsync("新增0人，更新3人。");
        await Assertions.Expect(page.Locator(".msg.bot").Last).ToContainTextAsync("名册中的人员没有变化。");
    }

    [BrowserFact]
    public async Task Unit_staff_do_not_see_the_button()
    {
        await using var context = await _browser!.NewContextAsync(new() { Locale = "zh-CN" });
        var page = await SignInAsync(context, "lina");

        await Assertions.Expect(page.Locator("#sync-contacts")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "本周到期" })).ToBeVisibleAsync();
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string login)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(_server.BaseAddress.ToString());
        await page.Locator("#login").FillAsync(login);
        await page.Locator("#password").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#who")).ToBeVisibleAsync();
        return page;
    }
}
