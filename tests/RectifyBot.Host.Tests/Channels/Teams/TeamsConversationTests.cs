using System.Net;
using System.Text;

namespace RectifyBot.Host.Tests.Channels.Teams;

/// <summary>
/// The whole Teams path over real HTTP: signed activities into the real server (demo store), the turn queue, the
/// engine, and replies posted to a loopback fake Bot Connector that checks the token and the reply's shape.
/// </summary>
public sealed class TeamsConversationTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private FakeBotFramework _bf = null!;
    private Web.WebServer _server = null!;

    public async Task InitializeAsync()
    {
        _bf = await FakeBotFramework.StartAsync();
        _server = Web.WebServer.With(_bf.ServerArguments(
            "--Web:PublicUrl=https://rectifybot.example.gov.cn/",
            // Every reply as one message, however slow the machine (streaming has its own tests).
            "--Teams:StreamAfter=01:00:00"));
        await _server.InitializeAsync();
        _http.BaseAddress = _server.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _bf.DisposeAsync();
    }

    [Fact]
    public async Task A_teams_user_binds_with_a_code_from_the_web_then_gets_overdue_measures_as_an_adaptive_card()
    {
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(await _server.BindWordsAsync("lina")));
        var hello = await ReplyAsync(1);
        Assert.StartsWith("绑定成功。您好，李娜", (string?)hello.Body["text"]);
        Assert.Equal($"Bearer {FakeBotFramework.ConnectorToken}", hello.Authorization);
        Assert.EndsWith($"/activities/1732176930123", hello.Path);

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync("我们科有哪些逾期的"));
        var card = await ReplyAsync(2);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)card.Body["attachments"]![0]!["contentType"]);
        Assert.Contains("逾期", card.Body.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);

        // The first measure's 查看详情 button sends its words back, and the engine answers them.
        var detail = card.Body["attachments"]![0]!["content"]!["body"]![1]!["items"]!.AsArray()
            .Single(i => (string?)i!["type"] == "ActionSet")!["actions"]!.AsArray().Single(a => (string?)a!["title"] == "查看详情")!;
        var words = (string)detail["data"]!["text"]!;
        Assert.Matches(@"^第\d+项什么情况$", words);
        Assert.Equal(HttpStatusCode.Accepted, await PostRawAsync(TeamsActivities.CardSubmit(_bf.ServiceUrl).Replace("认领第12项", words, StringComparison.Ordinal)));
        Assert.StartsWith(words[..words.IndexOf('项')] + "项｜", (string?)(await ReplyAsync(3)).Body["text"]);
    }

    [Fact]
    public async Task A_file_asked_for_in_teams_comes_as_a_download_link_that_works_for_a_day()
    {
        await PostAsync(await _server.BindWordsAsync("chenqq"));
        await ReplyAsync(1);
        await PostAsync("导出台账");
        var text = (string)(await ReplyAsync(2)).Body["text"]!;
        var link = new Uri(text[(text.IndexOf("https://", StringComparison.Ordinal))..].Trim());
        Assert.Equal("rectifybot.example.gov.cn", link.Host);

        using var file = await _http.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("PK"u8.ToArray(), (await file.Content.ReadAsByteArrayAsync())[..2]);
        using var forged = await _http.GetAsync("/files/00000000000000000000000000000000/..%2Fkeys");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task An_unsigned_activity_is_refused_and_nothing_is_replied()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(TeamsActivities.PersonalMessage(_bf.ServiceUrl, "我是李娜"), Encoding.UTF8, "application/json"),
        };
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Task.Delay(300);
        Assert.Empty(_bf.Activities);
    }

    private Task<HttpStatusCode> PostAsync(string text) =>
        PostRawAsync(TeamsActivities.PersonalMessage(_bf.ServiceUrl, text).Replace("1732176930123", $"17321769301{_bf.Activities.Count + 23}", StringComparison.Ordinal));

    private Task<HttpStatusCode> PostRawAsync(string activity) => _bf.PostActivityAsync(_server.BaseAddress, activity);

    private async Task<ConnectorRequest> ReplyAsync(int n)
    {
        for (var waited = 0; waited < 200; waited++)
        {
            if (_bf.Activities.Count >= n)
            {
                return _bf.Activities.ElementAt(n - 1);
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"reply {n} never reached the connector");
    }
}
