using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Host.Channels.WeComBot;
using RectifyBot.Host.Tests.Channels.Web;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Channels.WeComBot;

/// <summary>
/// The AI bot end to end over a real WebSocket: the real server (demo store) connects out to a loopback fake of
/// WeCom's long-connection service, which checks every frame; the turn queue and the engine answer.
/// </summary>
public sealed class WeComBotTests : IAsyncLifetime
{
    private const string User = "lina-wx";
    private FakeWeComBotServer _wecom = null!;
    private WebServer _server = null!;

    public async Task InitializeAsync()
    {
        _wecom = await FakeWeComBotServer.StartAsync();
        // The connection's comings and goings are logged, so a failure here on CI says what the bot did.
        _server = WebServer.With([.. _wecom.Settings().Select(kv => $"--{kv.Key}={kv.Value}"), "--Logging:LogLevel:RectifyBot.Host.Channels.WeComBot=Information"]);
        await _server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _wecom.DisposeAsync();
    }

    [Fact]
    public async Task A_message_is_answered_as_a_stream_and_a_repeated_msgid_is_handled_once()
    {
        var bind = await _wecom.SendTextAsync(User, await _server.BindWordsAsync("lina"));
        var stream = await _wecom.FinishedAsync(bind);
        Assert.Equal(WeComBotOutbox.Working, (string?)stream[0]["content"]);
        Assert.False((bool)stream[0]["finish"]!);
        Assert.Equal((string?)stream[0]["id"], (string?)stream[0]["feedback"]?["id"]);
        Assert.StartsWith("绑定成功。您好，李娜（社会事务科）", (string?)stream[^1]["content"]);
        Assert.All(stream, f => Assert.Equal((string?)stream[0]["id"], (string?)f["id"]));

        // WeCom delivers the same message again (same msgid, its own req_id): one turn, one reply.
        var first = await _wecom.SendTextAsync(User, "9 完成 已对5个散埋点完成整治", msgId: "dup-1");
        var again = await _wecom.SendTextAsync(User, "9 完成 已对5个散埋点完成整治", msgId: "dup-1");
        Assert.StartsWith("已记录第9项进展", (string?)(await _wecom.FinishedAsync(first))[^1]["content"]);
        await _wecom.FinishedAsync(await _wecom.SendTextAsync(User, "帮助"));
        Assert.Empty(_wecom.Stream(again));

        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        Assert.Equal(1, await db.ProgressUpdates.CountAsync(u => u.Text == "已对5个散埋点完成整治"));
        Assert.Equal(User, (await db.Staff.SingleAsync(s => s.Name == "李娜")).WeComId);
        Assert.Empty(_wecom.Problems);
    }

    [Fact]
    public async Task In_a_group_the_mention_is_stripped_and_voice_arrives_as_its_transcript()
    {
        var bind = await _wecom.SendTextAsync(User, "@整改助手 " + await _server.BindWordsAsync("lina"), chatId: "group-1");
        Assert.StartsWith("绑定成功。您好，李娜", (string?)(await _wecom.FinishedAsync(bind))[^1]["content"]);

        var voice = await _wecom.SendMessageAsync(User, null,
            new JsonObject { ["msgtype"] = "voice", ["voice"] = new JsonObject { ["content"] = "第9项什么情况" } }, null);
        Assert.StartsWith("第9项｜", (string?)(await _wecom.FinishedAsync(voice))[^1]["content"]);
        Assert.Empty(_wecom.Problems);
    }

    [Fact]
    public async Task An_image_is_downloaded_decrypted_and_stored_as_evidence_of_the_measure_in_focus()
    {
        await _wecom.FinishedAsync(await _wecom.SendTextAsync(User, await _server.BindWordsAsync("lina")));
        await _wecom.FinishedAsync(await _wecom.SendTextAsync(User, "第9项什么情况"));
        // 77 bytes: padded to 96, so the pad (19) is more than AES's own 16-byte block allows.
        var photo = new byte[77];
        new Random(9).NextBytes(photo);
        photo[0] = 0xFF;
        photo[1] = 0xD8;

        var reply = await _wecom.FinishedAsync(await _wecom.SendImageAsync(User, photo));

        Assert.Contains("第9项", (string?)reply[^1]["content"]);
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        var evidence = await db.Evidence.SingleAsync();
        Assert.Equal(9, await db.Measures.Where(m => m.Id == evidence.MeasureId).Select(m => m.Number).SingleAsync());
        Assert.Equal(Convert.ToHexString(SHA256.HashData(photo)), evidence.Sha256, ignoreCase: true);
        Assert.Equal(photo.Length, evidence.Size);
        Assert.Empty(_wecom.Problems);
    }

    [Fact]
    public async Task A_repeated_image_message_is_dropped_before_its_file_is_downloaded()
    {
        await _wecom.FinishedAsync(await _wecom.SendTextAsync(User, await _server.BindWordsAsync("lina")));
        await _wecom.FinishedAsync(await _wecom.SendTextAsync(User, "第9项什么情况"));
        var photo = new byte[64];
        new Random(7).NextBytes(photo);

        await _wecom.FinishedAsync(await _wecom.SendImageAsync(User, photo, msgId: "img-1"));
        var again = await _wecom.SendImageAsync(User, photo, msgId: "img-1");
        await _wecom.FinishedAsync(await _wecom.SendTextAsync(User, "帮助"));

        Assert.Empty(_wecom.Stream(again));
        Assert.Equal(1, _wecom.MediaDownloads);
        await using var scope = _server.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().Evidence.CountAsync());
        Assert.Empty(_wecom.Problems);
    }

    [Fact]
    public async Task Messages_sent_back_to_back_are_handled_in_the_order_they_were_sent()
    {
        await _wecom.FinishedAsync(await _wecom.SendTextAsync(User, await _server.BindWordsAsync("lina")));
        var tag = "巡查" + Guid.NewGuid().ToString("N")[..6];
        List<string> sent = [];
        for (var n = 1; n <= 12; n++)
        {
            sent.Add(await _wecom.SendTextAsync(User, $"9 进展：{tag}第{n}次"));
        }
        foreach (var reqId in sent)
        {
            await _wecom.FinishedAsync(reqId);
        }

        await using var scope = _server.Services.CreateAsyncScope();
        var notes = await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().ProgressUpdates
            .Where(u => u.Text.StartsWith(tag)).OrderBy(u => u.Id).Select(u => u.Text).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"{tag}第{n}次"), notes);
        Assert.Empty(_wecom.Problems);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_list_comes_with_a_button_card_and_a_click_runs_through_the_engine_and_updates_the_card(bool nestedEventKey)
    {
        await _wecom.FinishedAsync(await _wecom.SendTextAsync(User, await _server.BindWordsAsync("lina")));
        var list = await _wecom.SendTextAsync(User, "我们科有哪些逾期的");
        Assert.StartsWith("社会事务科逾期的措施共", (string?)(await _wecom.FinishedAsync(list))[^1]["content"]);
        var card = (JsonObject)(await FakeWeComBotServer.WaitAsync(
            () => _wecom.Of("aibot_send_msg").LastOrDefault(f => (string?)f.Body!["msgtype"] == "template_card"), "the list's card")).Body!["template_card"]!;
        var button = card["button_list"]!.AsArray()[0]!;
        Assert.Matches(@"^第\d+项$", (string?)button["text"]);
        var taskId = (string)card["task_id"]!;

        var click = await _wecom.SendEventAsync(User, FakeWeComBotServer.CardClick((string)button["key"]!, taskId, nestedEventKey), taskId);

        var update = await FakeWeComBotServer.WaitAsync(() => _wecom.Of("aibot_respond_update_msg").FirstOrDefault(f => f.ReqId == click), "the card update");
        Assert.Equal(taskId, (string?)update.Body!["template_card"]!["task_id"]);
        Assert.StartsWith((string)button["text"]! + "｜", (string?)update.Body["template_card"]!["main_title"]!["title"]);
        Assert.Empty(_wecom.Problems);
    }

    [Fact]
    public async Task Entering_the_chat_is_welcomed_and_feedback_is_taken()
    {
        var enter = await _wecom.SendEventAsync(User, new JsonObject { ["eventtype"] = "enter_chat" });
        var welcome = await FakeWeComBotServer.WaitAsync(() => _wecom.Of("aibot_respond_welcome_msg").FirstOrDefault(f => f.ReqId == enter), "the welcome");
        Assert.False(string.IsNullOrWhiteSpace((string?)welcome.Body!["text"]!["content"]));

        var answer = await _wecom.SendTextAsync(User, "帮助");
        var streamId = (string)(await _wecom.FinishedAsync(answer))[0]["feedback"]!["id"]!;
        await _wecom.SendEventAsync(User, new JsonObject
        {
            ["eventtype"] = "feedback_event",
            ["feedback_event"] = new JsonObject { ["id"] = streamId, ["type"] = 2, ["content"] = "没说清楚", ["inaccurate_reason_list"] = new JsonArray(2, 4) },
        });
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        await FakeWeComBotServer.WaitUntilAsync(() => db.ReplyFeedbacks.Any(), "the feedback in the store");
        var feedback = await db.ReplyFeedbacks.SingleAsync();
        Assert.Equal((WeComBotTurns.Channel, streamId, User, "dislike", "没说清楚 reasons:2,4"), (feedback.Channel, feedback.ReplyId, feedback.UserId, feedback.Rating, feedback.Comment));
        Assert.Empty(_wecom.Problems);
    }

    [Fact]
    public async Task Pings_keep_the_connection_two_unanswered_ones_end_it_and_it_comes_back()
    {
        await FakeWeComBotServer.WaitUntilAsync(() => _wecom.Of("ping").Count() >= 2, "two pings");
        Assert.Equal(1, _wecom.Connections);

        _wecom.SilenceLiveConnection();
        await FakeWeComBotServer.WaitUntilAsync(() => _wecom.Subscribes == 2, "a second subscribe after two unanswered pings");

        // The new connection answers messages.
        Assert.StartsWith("绑定成功。您好，李娜", (string?)(await _wecom.FinishedAsync(await _wecom.SendTextAsync(User, await _server.BindWordsAsync("lina"))))[^1]["content"]);
        Assert.Empty(_wecom.Problems);
    }

    [Fact]
    public async Task A_dropped_connection_comes_back_but_after_disconnected_event_it_never_does()
    {
        await FakeWeComBotServer.WaitUntilAsync(() => _wecom.Subscribes == 1, "the first subscribe");
        _wecom.Drop();
        await FakeWeComBotServer.WaitUntilAsync(() => _wecom.Subscribes == 2, "a subscribe after the drop");

        await _wecom.KickAsync();

        var client = _server.Services.GetRequiredService<WeComBotClient>();
        await FakeWeComBotServer.WaitUntilAsync(() => !client.Connected, "the bot to let the connection go");
        // Ten reconnect delays (0.1 s in these settings): a reconnect would have come by now.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, _wecom.Connections);
        Assert.Empty(_wecom.Problems);
    }

}

/// <summary>A bot whose secret WeCom refuses: a few tries with growing delays, then it stops for good.</summary>
public sealed class WeComBotRefusedTests
{
    [Fact]
    public async Task A_refused_subscribe_is_tried_five_times_then_given_up()
    {
        await using var wecom = await FakeWeComBotServer.StartAsync();
        var server = WebServer.With(wecom.Settings(secret: "wrong").Select(kv => $"--{kv.Key}={kv.Value}"));
        await server.InitializeAsync();
        try
        {
            var connector = server.Services.GetRequiredService<WeComBotConnector>();
            await connector.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(WeComBotConnector.MaxAuthFailures, wecom.Connections);
            Assert.Equal(0, wecom.Subscribes);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}

/// <summary>Two server instances on one store: one holds the bot's connection, the other takes it over when that one stops.</summary>
public sealed class WeComBotLeaseTests
{
    [Fact]
    public async Task Only_the_instance_holding_the_lease_connects_and_another_takes_over_when_it_stops()
    {
        await using var wecom = await FakeWeComBotServer.StartAsync();
        var shared = Directory.CreateTempSubdirectory("rectifybot-lease-");
        string[] settings = [.. wecom.Settings().Select(kv => $"--{kv.Key}={kv.Value}"),
            $"--Store:ConnectionString=Data Source={Path.Combine(shared.FullName, "store.db")}"];
        var first = WebServer.With(settings);
        var second = WebServer.With(settings);
        try
        {
            await first.InitializeAsync();
            await FakeWeComBotServer.WaitUntilAsync(() => wecom.Subscribes == 1, "the first instance's subscribe");
            await second.InitializeAsync();
            // Three heartbeats: the second instance has looked at the lease several times and stayed out.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(1, wecom.Connections);

            await first.DisposeAsync();
            await FakeWeComBotServer.WaitUntilAsync(() => wecom.Subscribes == 2, "the second instance's subscribe");
            Assert.Equal(2, wecom.Connections);
            Assert.Empty(wecom.Problems);
        }
        finally
        {
            await second.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            shared.Delete(recursive: true);
        }
    }
}
