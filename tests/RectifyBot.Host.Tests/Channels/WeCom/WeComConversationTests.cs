using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Host.Channels.WeCom;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Channels.WeCom;

/// <summary>
/// The whole WeCom path over real HTTP: encrypted callbacks into the real server (demo store), the turn queue,
/// the engine, and replies sent to a loopback fake of WeCom's API, which checks every request's shape.
/// </summary>
public sealed class WeComConversationTests : IAsyncLifetime
{
    private const string User = "lina-wx";
    private readonly WeComCrypto _crypto = WeComTestData.Crypto();
    // A callback is answered as soon as its reply is known to go by message/send, never after the whole wait below.
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private FakeWeComApi _wecom = null!;
    private Web.WebServer _server = null!;

    public async Task InitializeAsync()
    {
        _wecom = await FakeWeComApi.StartAsync();
        var settings = WeComTestData.Settings(_wecom.BaseAddress).Select(kv => $"--{kv.Key}={kv.Value}").Append("--WeCom:ReplyInCallbackWithin=00:01:00");
        _server = Web.WebServer.With(settings);
        await _server.InitializeAsync();
        _http.BaseAddress = _server.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _wecom.DisposeAsync();
    }

    [Fact]
    public async Task A_stranger_binds_with_a_code_from_the_web_asks_and_updates_and_a_retried_callback_is_handled_once()
    {
        await BindAsync("lina", msgId: 1);
        Assert.StartsWith("绑定成功。您好，李娜（社会事务科）", await ReplyAsync(1));

        await SendAsync("我们科有哪些逾期的", msgId: 2);
        Assert.StartsWith("社会事务科逾期的措施共", await ReplyAsync(2));

        // WeCom re-sends a callback it thinks was lost; both deliveries carry the same MsgId.
        await SendAsync("9 完成 已对5个散埋点完成整治", msgId: 3);
        await SendAsync("9 完成 已对5个散埋点完成整治", msgId: 3);
        Assert.StartsWith("已记录第9项进展", await ReplyAsync(3));
        await SendAsync("帮助", msgId: 4);
        await ReplyAsync(4); // by now the retried delivery, queued before, has been handled too

        Assert.Equal(4, _wecom.Messages.Count(m => (string?)m["touser"] == User));
        // Each came back in its own callback's response: none by message/send, and nothing for the retry.
        Assert.All(_wecom.Messages, m => Assert.True((bool?)m["passive"]));
        Assert.Equal(0, _wecom.SendCalls);
        Assert.Empty(_wecom.Problems);
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        Assert.Equal(1, await db.ProgressUpdates.CountAsync(u => u.Text == "已对5个散埋点完成整治"));
        Assert.Equal(User, (await db.Staff.SingleAsync(s => s.Name == "李娜")).WeComId);
    }

    [Fact]
    public async Task A_question_answered_in_its_callbacks_response_leaves_no_inbox_row_and_one_sent_after_it_does()
    {
        await BindAsync("lina", msgId: 1);
        await ReplyAsync(1);

        // Acknowledged and answered by one response: no row, and only the list it showed is kept, for "更多".
        await SendAsync("我们科有哪些逾期的", msgId: 2);
        var answer = await ReplyAsync(2);
        Assert.StartsWith("社会事务科逾期的措施共", answer);
        Assert.True((bool?)(await MessageAsync(2))["passive"]);
        Assert.False(await StoredAsync(2));
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var memory = await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().ConversationStates.SingleAsync(s => s.UserKey == User);
            Assert.Contains("lastList", memory.Json, StringComparison.OrdinalIgnoreCase);
        }
        // WeCom sends a message again only when it got no response within five seconds: this answer never reached the
        // member, and is given again.
        await SendAsync("我们科有哪些逾期的", msgId: 2);
        Assert.Equal(answer, await ReplyAsync(3));

        // A reply with a card: its text in the response, its card by message/send once the response is sent. No row
        // either: a response WeCom did not get is answered again, card and all.
        await SendAsync("第9项什么情况", msgId: 3);
        var (detail, _) = await TextAndCardAsync(4);
        Assert.True((bool?)detail["passive"]);
        Assert.False(await StoredAsync(3));
        await SendAsync("第9项什么情况", msgId: 3);
        Assert.Equal((string?)detail["text"]!["content"], (string?)(await TextAndCardAsync(6)).Text["text"]!["content"]);

        // A message stored before (a first try that was slow, or taken by another instance) says nothing when it comes again.
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            var id = await Inbox.AcceptAsync(db, Inbox.NewOwner(), ChannelName.WeCom, "msg:4", $"{ChannelName.WeCom}:{User}", "", DateTime.UtcNow);
            await Inbox.MarkHandledAsync(db, id!.Value, DateTime.UtcNow, default);
        }
        await SendAsync("帮助", msgId: 4);
        await SendAsync("我是谁", msgId: 5);
        Assert.StartsWith("您是李娜", await ReplyAsync(8));
        Assert.Equal(8, _wecom.Messages.Count(m => (string?)m["touser"] == User));
        Assert.Empty(_wecom.Problems);
    }

    /// <summary>
    /// A measure the member may write on comes with its next steps as buttons; another unit's, whose writes they would be
    /// refused, comes as text alone: a card whose only button showed the same detail again would be noise.
    /// </summary>
    [Fact]
    public async Task One_measure_comes_with_a_button_card_of_the_writes_the_member_may_make()
    {
        await BindAsync("lina", msgId: 1);
        await ReplyAsync(1);
        await SendAsync("第9项什么情况", msgId: 2);
        // The text goes back in the callback's response, the card by message/send once that response is sent.
        var (text, card) = await TextAndCardAsync(2);
        Assert.True((bool?)text["passive"]);
        var buttons = card["template_card"]!["button_list"]!.AsArray();
        Assert.Equal(["更新进展|9 进展：", "申请销号|第9项申请销号"], buttons.Select(b => $"{b!["text"]}|{b["key"]}"));

        // Measure 7 is 社会救助科's.
        await SendAsync("第7项什么情况", msgId: 3);
        Assert.StartsWith("第7项｜", await ReplyAsync(4));
        await SendAsync("帮助", msgId: 4);
        await ReplyAsync(5);
        Assert.Equal(1, _wecom.SendCalls);
        Assert.Empty(_wecom.Problems);
    }

    [Fact]
    public async Task A_voice_message_is_answered_with_a_hint_to_type_and_the_help()
    {
        var xml = $"<xml><ToUserName><![CDATA[{WeComTestData.CorpId}]]></ToUserName><FromUserName><![CDATA[{User}]]></FromUserName>" +
                  $"<CreateTime>1700000009</CreateTime><MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[voice-1]]></MediaId>" +
                  $"<Format><![CDATA[amr]]></Format><MsgId>9</MsgId><AgentID>{WeComTestData.AgentId}</AgentID></xml>";
        await SendXmlAsync(xml);
        var reply = await ReplyAsync(1);
        Assert.StartsWith("暂不支持语音和这类消息，请发送文字。", reply);
    }

    [Fact]
    public async Task The_ledger_asked_for_in_chat_arrives_as_a_file_message()
    {
        await BindAsync("chenqq", msgId: 1);
        await ReplyAsync(1);
        await SendAsync("导出台账", msgId: 2);
        Assert.StartsWith("已生成台账", await ReplyAsync(2));
        var file = await MessageAsync(3);
        Assert.Equal("file", (string?)file["msgtype"]);
        var (name, content) = _wecom.Uploads[(string)file["file"]!["media_id"]!];
        Assert.EndsWith(".xlsx", name);
        Assert.Equal("PK"u8.ToArray(), content[..2]);
        Assert.Empty(_wecom.Problems);
    }

    private async Task<bool> StoredAsync(long msgId)
    {
        await using var scope = _server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().Inbox.AnyAsync(m => m.MessageKey == $"msg:{msgId}" && m.HandledAt != null);
    }

    /// <summary>As a person does: signed in on the web page, they are shown a bind code, and type it in WeCom.</summary>
    private async Task BindAsync(string login, long msgId)
    {
        using var web = await _server.SignedInAsync(login);
        using var response = await web.PostAsync("/api/bind-code", null);
        response.EnsureSuccessStatusCode();
        var code = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!;
        await SendAsync($"绑定 {code}", msgId);
    }

    private Task SendAsync(string text, long msgId) => SendXmlAsync(
        $"<xml><ToUserName><![CDATA[{WeComTestData.CorpId}]]></ToUserName><FromUserName><![CDATA[{User}]]></FromUserName>" +
        $"<CreateTime>{1700000000 + msgId}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content>" +
        $"<MsgId>{msgId}</MsgId><AgentID>{WeComTestData.AgentId}</AgentID></xml>");

    private async Task SendXmlAsync(string xml)
    {
        using var response = await _wecom.PostCallbackAsync(_http, xml);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The text of the n-th message sent to the user.</summary>
    private async Task<string> ReplyAsync(int n) => (string)(await MessageAsync(n))["text"]!["content"]!;

    /// <summary>
    /// A text in a callback's response and the card sent after it, the n-th and the next message: the fake records the
    /// text once it has read the response, and the card may reach it first.
    /// </summary>
    private async Task<(JsonObject Text, JsonObject Card)> TextAndCardAsync(int n)
    {
        JsonObject[] both = [await MessageAsync(n), await MessageAsync(n + 1)];
        var text = Assert.Single(both, m => (string?)m["msgtype"] == "text");
        Assert.StartsWith("第9项｜", (string?)text["text"]!["content"]);
        return (text, Assert.Single(both, m => (string?)m["msgtype"] == "template_card"));
    }

    /// <summary>The n-th message the user got, in its callback's response or by message/send, waited for (a reply by message/send comes after the callback).</summary>
    private async Task<JsonObject> MessageAsync(int n)
    {
        for (var waited = 0; waited < 200; waited++)
        {
            var replies = _wecom.Messages.Where(m => (string?)m["touser"] == User).ToList();
            if (replies.Count >= n)
            {
                return replies[n - 1];
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"message {n} never came; problems: {string.Join("; ", _wecom.Problems)}");
    }
}
