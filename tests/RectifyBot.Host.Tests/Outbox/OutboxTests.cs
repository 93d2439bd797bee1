using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RectifyBot.Host.Reminders;
using RectifyBot.Host.Tests.Channels.Teams;
using RectifyBot.Host.Tests.Channels.WeCom;
using RectifyBot.Host.Tests.Channels.WeComBot;
using RectifyBot.Host.Tests.Channels.Web;
using RectifyBot.Reminders;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Outbox;

/// <summary>
/// The real server with every channel on, against loopback fakes of WeCom's app API, WeCom's AI-bot long connection
/// and the Bot Connector: reminders and notices reach each person once, on the channel they use.
/// 李娜 writes to the AI bot, 陈奇奇 (the office) to Teams, and 王强 has only a WeCom userid.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private const string Lina = "lina-wx";
    private FakeWeComApi _app = null!;
    private FakeWeComBotServer _bot = null!;
    private FakeBotFramework _bf = null!;
    private WebServer _server = null!;

    public async Task InitializeAsync()
    {
        _app = await FakeWeComApi.StartAsync();
        _bot = await FakeWeComBotServer.StartAsync();
        _bf = await FakeBotFramework.StartAsync();
        _server = WebServer.With([
            .. WeComTestData.Settings(_app.BaseAddress).Concat(_bot.Settings()).Select(kv => $"--{kv.Key}={kv.Value}"),
            .. _bf.ServerArguments(),
            // Every reply as one message, however slow the machine (streaming has its own tests).
            "--Teams:StreamAfter=01:00:00",
        ]);
        await _server.InitializeAsync();

        await FinishedAsync(await _bot.SendTextAsync(Lina, await _server.BindWordsAsync("lina")));
        await PostTeamsAsync(await _server.BindWordsAsync("chenqq"), "1732176930100");
        await FakeWeComBotServer.WaitUntilAsync(() => _bf.Activities.Count == 1, "the Teams reply to the binding");
        await using var scope = _server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().Staff.Where(s => s.Name == "王强")
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.WeComId, "wangqiang-wx"));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _bot.DisposeAsync();
        await _bf.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_reminder_reaches_each_person_once_on_the_channel_they_last_wrote_from()
    {
        var report = (await _server.Services.GetRequiredService<ReminderJob>().RunOnceAsync(NextWorkdayAtTen(), default))!;

        Assert.Null(report.Skipped);
        // 李娜 on the AI bot: her unit's digest as a markdown push to her single chat, then its buttons as a card; no app message.
        var pushes = await FakeWeComBotServer.WaitAsync(() => _bot.Of("aibot_send_msg").Where(f => (string?)f.Body!["chatid"] == Lina).ToList() is { Count: >= 2 } p ? p : null, "the pushes to 李娜");
        Assert.Contains("整改提醒（社会事务科）", (string?)pushes[0].Body!["markdown"]!["content"]);
        Assert.Equal("template_card", (string?)pushes[1].Body!["msgtype"]);
        Assert.DoesNotContain(_app.Messages, m => ((string?)m["touser"])?.Split('|').Contains(Lina) == true);
        // Her unit's group still gets it from its group robot.
        Assert.Contains(_app.RobotMessages, m => ((string?)m["markdown"]!["content"])!.Contains("社会事务科"));
        Assert.Equal(["wecom", "wecom-bot"], report.Digests.Single(d => d.Digest.Audience.Name == "社会事务科").Channels.Order());
        // 王强 has written to no one: a WeCom app message reaches him.
        var toWang = Assert.Single(_app.Messages, m => (string?)m["touser"] == "wangqiang-wx");
        Assert.StartsWith("**", (string?)toWang["markdown"]!["content"]);
        // The office in its Teams personal chat, as a new message there (no reply id).
        var office = Assert.Single(_bf.Activities.Skip(1), a => ((string?)a.Body["text"])!.Contains("整改提醒（整改办）"));
        Assert.EndsWith($"/v3/conversations/{Uri.EscapeDataString(TeamsActivities.PersonalConversationId)}/activities", office.Path);
        Assert.Empty(_bot.Problems);
        Assert.Empty(_app.Problems);
    }

    [Fact]
    public async Task A_close_request_made_on_the_ai_bot_tells_the_office_in_teams()
    {
        Assert.StartsWith("已记录第9项进展", Final(await FinishedAsync(await _bot.SendTextAsync(Lina, "9 完成 已对5个散埋点完成整治"))));
        await FinishedAsync(await _bot.SendImageAsync(Lina, PngFile.Solid(2, 2, 10, 20, 30)));

        Assert.StartsWith("已提交第9项销号申请", Final(await FinishedAsync(await _bot.SendTextAsync(Lina, "第9项申请销号"))));

        var notice = await FakeWeComBotServer.WaitAsync(() => _bf.Activities.Skip(1).FirstOrDefault(), "the notice in Teams");
        Assert.Contains("申请第9项销号", (string?)notice.Body["text"]);
        Assert.EndsWith($"/v3/conversations/{Uri.EscapeDataString(TeamsActivities.PersonalConversationId)}/activities", notice.Path);
        Assert.Empty(_app.Messages);
        Assert.Empty(_bot.Problems);
    }

    private DateTimeOffset NextWorkdayAtTen()
    {
        var options = _server.Services.GetRequiredService<IOptions<ReminderOptions>>().Value;
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        while (!options.IsWorkday(day))
        {
            day = day.AddDays(1);
        }
        return new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
    }

    private static string? Final(List<JsonObject> stream) => (string?)stream[^1]["content"];

    private async Task PostTeamsAsync(string text, string activityId) =>
        Assert.Equal(HttpStatusCode.Accepted, await _bf.PostActivityAsync(_server.BaseAddress,
            TeamsActivities.PersonalMessage(_bf.ServiceUrl, text).Replace("1732176930123", activityId, StringComparison.Ordinal)));

    private Task<List<JsonObject>> FinishedAsync(string reqId) =>
        FakeWeComBotServer.WaitAsync(() => _bot.Stream(reqId) is { Count: > 0 } s && (bool)s[^1]["finish"]! ? s : null,
            $"the finished stream on {reqId}; problems: {string.Join("; ", _bot.Problems)}");
}
