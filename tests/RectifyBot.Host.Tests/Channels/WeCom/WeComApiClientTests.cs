using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RectifyBot.Host.Channels.WeCom;

namespace RectifyBot.Host.Tests.Channels.WeCom;

/// <summary>The API client over real HTTP against <see cref="FakeWeComApi"/>.</summary>
public sealed class WeComApiClientTests : IAsyncLifetime
{
    private static readonly System.Text.Json.JsonSerializerOptions Unescaped =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly LogCapture _logs = new();
    private FakeWeComApi _api = null!;
    private ServiceProvider _services = null!;
    private WeComApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWeComApi.StartAsync();
        _services = Services(WeComTestData.Settings(_api.BaseAddress));
        _client = _services.GetRequiredService<WeComApiClient>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Text_is_sent_to_message_send_with_the_app_agentid()
    {
        var result = await _client.SendTextAsync("zhangsan", "社会事务科有3项逾期措施。", default);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal("msg-1", result.Value.MsgId);
        Assert.Empty(_api.Problems);
        var sent = Assert.Single(_api.Messages);
        Assert.Equal("""{"touser":"zhangsan","msgtype":"text","agentid":218,"text":{"content":"社会事务科有3项逾期措施。"}}""",
            sent.ToJsonString(Unescaped));
    }

    [Fact]
    public async Task Markdown_and_button_cards_have_the_documented_shape()
    {
        var card = new WeComButtonCard("rect_20260101_0001", "整改确认", "问题 #42 已到期",
            [new WeComCardButton("已整改", "done:42"), new WeComCardButton("申请延期", "delay:42", Style: 2)]);

        var markdown = await _client.SendMarkdownAsync("zhangsan|lisi", "**逾期** <font color=\"warning\">3</font> 项", default);
        var cardResult = await _client.SendButtonCardAsync("zhangsan", card, default);

        Assert.True(markdown.Succeeded && cardResult.Succeeded);
        Assert.Equal("RESPONSE_CODE", cardResult.Value!.ResponseCode);
        Assert.Empty(_api.Problems);
        var sentCard = _api.Messages.Last()["template_card"]!;
        Assert.Equal("rect_20260101_0001", (string?)sentCard["task_id"]);
        Assert.Equal("问题 #42 已到期", (string?)sentCard["main_title"]!["desc"]);
        Assert.Equal(["done:42", "delay:42"], sentCard["button_list"]!.AsArray().Select(b => (string?)b!["key"]));
        Assert.Equal([1, 2], sentCard["button_list"]!.AsArray().Select(b => (int)b!["style"]!));
    }

    [Fact]
    public async Task A_clicked_card_is_updated_with_its_response_code()
    {
        var result = await _client.UpdateCardButtonAsync("zhangsan", "RC1", "已认领", default);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Empty(_api.Problems);
        Assert.Equal("""{"userids":["zhangsan"],"agentid":218,"response_code":"RC1","button":{"replace_name":"已认领"}}""",
            Assert.Single(_api.CardUpdates).ToJsonString(Unescaped));
    }

    [Fact]
    public async Task The_access_token_is_fetched_once_and_reused()
    {
        await _client.SendTextAsync("zhangsan", "一", default);
        await _client.SendTextAsync("zhangsan", "二", default);
        await _client.GetMediaAsync("photo-1", default);

        Assert.Equal(1, _api.TokenCalls);
    }

    [Fact]
    public async Task Concurrent_first_calls_share_one_gettoken()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _client.SendTextAsync("zhangsan", $"第{i}条", default)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(1, _api.TokenCalls);
    }

    [Theory]
    [InlineData(42001)]
    [InlineData(40014)]
    public async Task A_token_wecom_rejects_is_refreshed_and_the_call_retried_once(int errcode)
    {
        await _client.SendTextAsync("zhangsan", "一", default);
        _api.InvalidateTokens(errcode);

        var result = await _client.SendTextAsync("zhangsan", "二", default);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(2, _api.TokenCalls);
        Assert.Equal(3, _api.SendCalls);
        Assert.Equal(["一", "二"], _api.Messages.Select(m => (string?)m["text"]!["content"]));
    }

    [Fact]
    public async Task A_token_still_rejected_after_refresh_is_reported_without_looping()
    {
        _api.IssueExpiredTokens = true;

        var result = await _client.SendTextAsync("zhangsan", "一", default);

        Assert.Equal(new WeComError(WeComErrorKind.Api, 42001, "access_token expired"), result.Error);
        Assert.Equal(2, _api.TokenCalls);
        Assert.Equal(2, _api.SendCalls);
    }

    [Fact]
    public async Task The_token_is_refreshed_shortly_before_expires_in()
    {
        await _client.SendTextAsync("zhangsan", "一", default);
        _clock.Advance(TimeSpan.FromSeconds(7200 - 301));
        await _client.SendTextAsync("zhangsan", "二", default);
        Assert.Equal(1, _api.TokenCalls);

        _clock.Advance(TimeSpan.FromSeconds(2));
        await _client.SendTextAsync("zhangsan", "三", default);
        Assert.Equal(2, _api.TokenCalls);
    }

    [Fact]
    public async Task A_wrong_secret_is_a_configuration_error_not_a_retry_loop()
    {
        await using var services = Services(new(WeComTestData.Settings(_api.BaseAddress)) { ["WeCom:Secret"] = "wrong" });

        var result = await services.GetRequiredService<WeComApiClient>().SendTextAsync("zhangsan", "一", default);

        Assert.Equal((WeComErrorKind.Api, 40001), (result.Error?.Kind, result.Error?.ErrCode));
        Assert.Equal(0, _api.SendCalls);
    }

    [Fact]
    public async Task Media_downloads_return_bytes_content_type_and_file_name()
    {
        var photo = await _client.GetMediaAsync("photo-1", default);
        var minutes = await _client.GetMediaAsync("evidence-2", default);

        Assert.True(photo.Succeeded && minutes.Succeeded);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 }, photo.Value!.Content);
        Assert.Equal(("image/jpeg", "photo-1.jpg"), (photo.Value.ContentType, photo.Value.FileName));
        Assert.Equal(("application/pdf", "会议纪要.pdf"), (minutes.Value!.ContentType, minutes.Value.FileName));
    }

    [Fact]
    public async Task Media_errors_and_oversized_files_are_typed_failures()
    {
        var missing = await _client.GetMediaAsync("expired-media", default);
        var huge = await _client.GetMediaAsync("huge", default);

        Assert.Equal(new WeComError(WeComErrorKind.Api, 40007, "invalid media_id"), missing.Error);
        Assert.Equal(WeComErrorKind.InvalidResponse, huge.Error?.Kind);
    }

    [Fact]
    public async Task Robot_markdown_goes_to_the_units_webhook()
    {
        var result = await _client.SendRobotMarkdownAsync("社会事务科", "## 本周逾期\n> 第51项", default);
        var unknown = await _client.SendRobotMarkdownAsync("无此科室", "x", default);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal("## 本周逾期\n> 第51项", (string?)Assert.Single(_api.RobotMessages)["markdown"]!["content"]);
        Assert.Equal(WeComErrorKind.NotConfigured, unknown.Error?.Kind);
        Assert.Empty(_api.Problems);
    }

    [Fact]
    public async Task Logs_never_contain_the_secret_the_token_or_the_robot_key()
    {
        var echoed = await _client.SendTextAsync("echo-secrets", "x", default);
        _api.IssueExpiredTokens = true;
        _api.InvalidateTokens(42001);
        await _client.SendTextAsync("zhangsan", "y", default);
        await _client.GetMediaAsync("expired-media", default);
        await _client.SendRobotMarkdownAsync("社会事务科", "z", default);

        Assert.Equal(40003, echoed.Error?.ErrCode);
        Assert.Equal("invalid userid, token *** secret ***", echoed.Error?.Message);
        Assert.Contains(_logs.Lines, l => l.Contains("message/send failed: Api 40003", StringComparison.Ordinal));
        string[] credentials = [WeComTestData.Secret, FakeWeComApi.RobotKey, .. _api.IssuedTokens];
        Assert.All(credentials, c => Assert.DoesNotContain(c, _logs.All, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_api_is_an_http_failure_not_an_exception()
    {
        var closed = new Uri(_api.BaseAddress.ToString());
        await _api.DisposeAsync();
        _api = await FakeWeComApi.StartAsync();
        await using var services = Services(WeComTestData.Settings(closed));

        var result = await services.GetRequiredService<WeComApiClient>().SendTextAsync("zhangsan", "一", default);

        Assert.Equal(WeComErrorKind.Http, result.Error?.Kind);
    }

    [Fact]
    public async Task Without_settings_every_call_says_what_is_missing()
    {
        await using var services = Services(new() { ["WeCom:ApiBaseUrl"] = _api.BaseAddress.ToString() });

        var result = await services.GetRequiredService<WeComApiClient>().SendTextAsync("zhangsan", "一", default);

        Assert.Equal(WeComErrorKind.NotConfigured, result.Error?.Kind);
        Assert.Contains("WeCom:CorpId", result.Error?.Message);
    }

    [Theory]
    [InlineData(0, true)] // 2,048 bytes: one text message, in the callback
    [InlineData(1, false)] // 2,049 bytes: two, by message/send
    public async Task A_reply_goes_back_in_its_callback_only_as_one_text_within_wecoms_limit(int over, bool inCallback)
    {
        var text = new string('措', 682) + new string('a', 2 + over);
        var callback = new WeComCallbackReply();

        await _services.GetRequiredService<WeComOutbox>().ReplyAsync(new WeComReplyTo("zhangsan") { Callback = callback }, new RectifyBot.Conversation.Reply(text), default);

        // Either way the callback's wait is over at once.
        var taken = callback.TakeAsync(TimeSpan.FromMinutes(10), TimeProvider.System);
        Assert.True(taken.IsCompleted);
        Assert.Equal(inCallback ? text : null, await taken);
        Assert.Equal(inCallback ? 0 : 2, _api.Messages.Count);
        Assert.Empty(_api.Problems);
    }

    [Theory]
    [InlineData(true, 1)] // the response carrying the text is sent: the card follows it
    [InlineData(false, 0)] // it is not: WeCom retries the message, and the retry is answered whole
    public async Task A_card_after_a_text_in_the_callback_waits_for_the_response_to_be_sent(bool sent, int cards)
    {
        var reply = new RectifyBot.Conversation.Reply("第9项｜推进中") { Measures = [new(9, "建立台账", "社会事务科", null, "推进中", 0, [new("报进展", "第9项进展：")])] };
        var callback = new WeComCallbackReply();

        var replying = _services.GetRequiredService<WeComOutbox>().ReplyAsync(new WeComReplyTo("zhangsan") { Callback = callback }, reply, default);

        Assert.Equal("第9项｜推进中", await callback.TakeAsync(TimeSpan.FromMinutes(10), TimeProvider.System));
        await Task.Delay(100);
        Assert.False(replying.IsCompleted);
        Assert.Empty(_api.Messages);
        callback.Responded(sent);
        await replying.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(cards, _api.Messages.Count(m => (string?)m["msgtype"] == "template_card"));
        Assert.Equal(cards, _api.Messages.Count);
        Assert.Empty(_api.Problems);
    }

    private ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(_clock);
        services.AddWeComChannel();
        return services.BuildServiceProvider();
    }
}
