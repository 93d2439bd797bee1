using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Host.Channels.Web;
using RectifyBot.Host.Tests.Channels.WeCom;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Channels.Web;

/// <summary>WeCom sign-in on the web page, over real HTTP, with WeCom's API played by the loopback fake.</summary>
public sealed class WeComSignInTests : IAsyncLifetime
{
    private FakeWeComApi _wecom = null!;
    private WebServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _wecom = await FakeWeComApi.StartAsync();
        var settings = WeComTestData.Settings(_wecom.BaseAddress).Select(kv => $"--{kv.Key}={kv.Value}");
        _server = WebServer.With(["--Web:PublicUrl=https://rectifybot.example.gov.cn/", .. settings]);
        await _server.InitializeAsync();
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            // 李娜 uses WeCom only: no web login of her own.
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            await db.Staff.Where(s => s.Name == "李娜").ExecuteUpdateAsync(u => u.SetProperty(s => s.WeComId, FakeWeComApi.SignInUser).SetProperty(s => s.WebLogin, (string?)null));
        }
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = _server.BaseAddress };
        _http.DefaultRequestHeaders.Add(WebPage.RequestHeader, "1");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        await _wecom.DisposeAsync();
    }

    [Fact]
    public async Task A_wecom_member_signs_in_through_wecom_and_talks_as_themselves()
    {
        Assert.True((await _http.GetFromJsonAsync<JsonElement>("/api/login/options")).GetProperty("wecom").GetBoolean());

        using var start = await _http.GetAsync("/api/login/wecom");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.Equal("open.weixin.qq.com", authorize.Host);
        Assert.Contains($"appid={WeComTestData.CorpId}", authorize.Query);
        Assert.Contains("redirect_uri=https%3A%2F%2Frectifybot.example.gov.cn%2Fapi%2Flogin%2Fwecom%2Fcallback", authorize.Query);
        Assert.Contains("scope=snsapi_base", authorize.Query);
        var state = authorize.Query.Split('&').Single(p => p.StartsWith("state=", StringComparison.Ordinal))[6..];

        using var back = await _http.GetAsync($"/api/login/wecom/callback?code={FakeWeComApi.SignInCode}&state={state}");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/", back.Headers.Location!.OriginalString);

        var me = await _http.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("李娜", me.GetProperty("name").GetString());
        using var chat = await _http.PostAsJsonAsync("/api/chat", new { text = "我们科有哪些逾期的" });
        Assert.StartsWith("社会事务科逾期的措施共", (await chat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_forged_state_or_a_code_wecom_does_not_know_signs_no_one_in()
    {
        using var start = await _http.GetAsync("/api/login/wecom");
        using var forged = await _http.GetAsync($"/api/login/wecom/callback?code={FakeWeComApi.SignInCode}&state=0123456789abcdef0123456789abcdef");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("企业微信登录已失效", await forged.Content.ReadAsStringAsync());

        using var again = await _http.GetAsync("/api/login/wecom");
        var state = again.Headers.Location!.Query.Split('&').Single(p => p.StartsWith("state=", StringComparison.Ordinal))[6..];
        using var unknown = await _http.GetAsync($"/api/login/wecom/callback?code=not-a-code&state={state}");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        using var me = await _http.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }
}
