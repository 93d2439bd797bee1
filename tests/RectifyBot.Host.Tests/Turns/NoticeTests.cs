using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Host.Tests.Channels.Web;
using RectifyBot.Host.Tests.Channels.WeCom;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Turns;

/// <summary>A notice reaches its recipients on their channel, whichever channel its sender used.</summary>
public sealed class NoticeTests : IAsyncLifetime
{
    private FakeWeComApi _wecom = null!;
    private WebServer _server = null!;

    public async Task InitializeAsync()
    {
        _wecom = await FakeWeComApi.StartAsync();
        _server = WebServer.With(WeComTestData.Settings(_wecom.BaseAddress).Select(kv => $"--{kv.Key}={kv.Value}"));
        await _server.InitializeAsync();
        await using var scope = _server.Services.CreateAsyncScope();
        // The office (陈奇奇) uses WeCom; 李娜 works on the web page.
        await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().Staff.Where(s => s.Name == "陈奇奇")
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.WeComId, "chenqq-wx"));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _wecom.DisposeAsync();
    }

    [Fact]
    public async Task A_close_request_made_on_the_web_tells_the_office_on_wecom()
    {
        using var lina = await _server.SignedInAsync("lina");
        using var form = new MultipartFormDataContent { { new StringContent("专班已完成全部选址和调度"), "text" }, { new StringContent("已完成"), "status" } };
        var photo = new ByteArrayContent(PngFile.Solid(2, 2, 10, 20, 30));
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(photo, "photo", "专班会议.png");
        (await lina.PostAsync("/api/measures/9/progress", form)).EnsureSuccessStatusCode();

        using var chat = await lina.PostAsJsonAsync("/api/chat", new { text = "第9项申请销号" });
        Assert.StartsWith("已提交第9项销号申请", (await chat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString());

        var notice = Assert.Single(_wecom.Messages, m => (string?)m["touser"] == "chenqq-wx");
        Assert.Contains("申请第9项销号", (string)notice["text"]!["content"]!);
        Assert.Empty(_wecom.Problems);
    }
}
