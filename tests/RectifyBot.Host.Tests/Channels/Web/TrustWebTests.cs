using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Host.Channels.Web;
using RectifyBot.Import;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Channels.Web;

/// <summary>
/// Trust over real HTTP: bind codes from a signed-in page, refusals that are replies (not 500s), uploads that are
/// refused leave nothing, control characters from the form, and the demo only when asked and gone after a real import.
/// Each test has a server of its own: they change the store.
/// </summary>
public sealed class TrustWebTests
{
    [Fact]
    public async Task A_signed_in_person_gets_a_bind_code_that_binds_a_chat_account()
    {
        await using var server = await StartAsync(WebServer.With([]));
        using (var stranger = server.Client())
        {
            using var refused = await stranger.PostAsync("/api/bind-code", null);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        using var lina = await server.SignedInAsync("lina");
        using var response = await lina.PostAsync("/api/bind-code", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var code = (string)body["code"]!;
        Assert.Contains($"绑定 {code}", (string)body["message"]!);

        await using var scope = server.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<ConversationEngine>();
        var bound = await engine.HandleAsync(new IncomingMessage(ChannelName.WeCom, "lina-wx", $"绑定 {code}"), default);
        Assert.StartsWith("绑定成功。您好，李娜", bound.Reply.Text);
        Assert.Equal("lina-wx", (await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().Staff.SingleAsync(s => s.WebLogin == "lina")).WeComId);
    }

    [Fact]
    public async Task A_refused_status_change_in_web_chat_is_a_reply_not_a_server_error()
    {
        await using var server = await StartAsync(WebServer.With([]));
        using var lina = await server.SignedInAsync("lina");
        using var response = await lina.PostAsJsonAsync("/api/chat", new { text = "9 未启动" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"]!;
        Assert.Equal("第9项当前为“推进中”，不能改为“未启动”。如是刚才误操作，请发送“撤销”。", text);
    }

    [Fact]
    public async Task A_refused_upload_leaves_no_file_and_a_control_character_in_a_note_breaks_no_document()
    {
        await using var server = await StartAsync(WebServer.With([]));
        using var wang = await server.SignedInAsync("wangqiang");
        using (var refused = await wang.PostAsync("/api/measures/9/progress", Form("已上传照片", [1, 2, 3, 4], "照片.jpg")))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        }
        var evidence = Path.Combine(server.DataPath, "evidence");
        Assert.True(!Directory.Exists(evidence) || Directory.GetFiles(evidence, "*", SearchOption.AllDirectories).Length == 0);

        using var lina = await server.SignedInAsync("lina");
        using (var saved = await lina.PostAsync("/api/measures/9/progress", Form("已完成\u0001摸底\u000B排查", null, null)))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            Assert.True(await db.ProgressUpdates.AnyAsync(u => u.Text == "已完成摸底排查"));
        }
        using var chenqq = await server.SignedInAsync("chenqq");
        foreach (var path in new[] { "/api/exports/ledger", "/api/exports/report" })
        {
            using var file = await chenqq.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        }
    }

    [Fact]
    public async Task Without_demo_the_server_starts_empty_and_nobody_signs_in_with_the_demo_password()
    {
        await using var server = await StartAsync(WebServer.Bare([]));
        using var client = server.Client();
        using var response = await client.PostAsJsonAsync("/api/login", new { login = "chenqq", password = "demo" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var scope = server.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().Inspections.AnyAsync());
    }

    [Fact]
    public async Task After_the_first_real_import_the_demo_office_account_is_gone()
    {
        await using var server = await StartAsync(WebServer.With([]));
        using var chenqq = await server.SignedInAsync("chenqq");
        Assert.Equal(HttpStatusCode.OK, (await chenqq.GetAsync("/api/me")).StatusCode);

        const string plan = """
            示例县教育局党组巡察反馈意见整改实施方案
            2023年8月3日，县委第二巡察组向县教育局党组反馈了巡察意见。
            一、整改内容及措施
            （一）落实主体责任不到位
            1.理论学习不深入。
            一是学习制度执行不严。全年集中学习仅6次。
            整改措施：
            （1）修订中心组学习计划。由办公室牵头，2023年10月底前完成。
            """;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<PlanImporter>().ImportAsync(PlanParser.Parse(plan, new DateOnly(2023, 8, 3)),
                "plan.txt", PlanImporter.Sha256Of(Encoding.UTF8.GetBytes(plan)), null, null, default);
            Assert.Null(result.Error);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await chenqq.GetAsync("/api/me")).StatusCode);
        using var again = server.Client();
        using var login = await again.PostAsJsonAsync("/api/login", new { login = "chenqq", password = "demo" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    internal static async Task<WebServer> StartAsync(WebServer server)
    {
        await server.InitializeAsync();
        return server;
    }

    internal static MultipartFormDataContent Form(string text, byte[]? photo, string? fileName)
    {
        var form = new MultipartFormDataContent { { new StringContent(text), "text" } };
        if (photo is not null)
        {
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "photo", fileName!);
        }
        return form;
    }
}
