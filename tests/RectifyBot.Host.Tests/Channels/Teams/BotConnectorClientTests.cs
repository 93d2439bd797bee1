using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Host.Channels.Teams;

namespace RectifyBot.Host.Tests.Channels.Teams;

public sealed class BotConnectorClientTests : TeamsChannelTest
{
    private BotConnectorClient Connector => Bot.Services.GetRequiredService<BotConnectorClient>();

    private TeamsConversationReference Channel => new(Bf.ServiceUrl, TeamsActivities.ChannelConversationId, TeamsActivities.TenantId, TeamsActivities.UserAadObjectId);

    [Fact]
    public async Task Reply_goes_to_the_activity_in_the_conversation_with_the_bots_token()
    {
        var id = await Connector.ReplyAsync(Channel, "1732176930555", TeamsRenderer.Text("第12项由社会事务科负责。")[0], CancellationToken.None);

        Assert.StartsWith("1:", id);
        var request = Assert.Single(Bf.Activities);
        Assert.Equal("/amer/v3/conversations/19%3A3b5e1c2f8a7d4e6b9c0a1f2e3d4c5b6a%40thread.tacv2%3Bmessageid%3D1732176930555/activities/1732176930555", request.Path);
        Assert.Equal("Bearer " + FakeBotFramework.ConnectorToken, request.Authorization);
        Assert.StartsWith("application/json", request.ContentType);
        Assert.Equal("message", (string?)request.Body["type"]);
        Assert.Equal("第12项由社会事务科负责。", (string?)request.Body["text"]);
        Assert.Equal("1732176930555", (string?)request.Body["replyToId"]);
        Assert.Equal(TeamsActivities.ChannelConversationId, (string?)request.Body["conversation"]!["id"]);
        Assert.Equal("msteams", (string?)request.Body["channelId"]);
        Assert.Null(request.Body["serviceUrl"]);
    }

    [Fact]
    public async Task Channel_message_is_answered_with_a_measure_card_in_its_thread()
    {
        using var inbound = await Bot.PostActivityAsync(TeamsActivities.ChannelMessageWithMention(Bf.ServiceUrl), Bf.Token());
        var turn = Assert.Single(Bot.Sink.Turns);
        var card = TeamsRenderer.MeasureCards("社会事务科的逾期措施", [new TeamsCardItem(12, "规范低保资金发放", "社会事务科 · 逾期 3 天", [])], [])[0];

        await Connector.ReplyAsync(turn.Conversation, turn.ActivityId, card, CancellationToken.None);

        var reply = Assert.Single(Bf.Activities);
        Assert.EndsWith("/activities/1732176930555", reply.Path);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)reply.Body["attachments"]![0]!["contentType"]);
        Assert.Equal("1.5", (string?)reply.Body["attachments"]![0]!["content"]!["version"]);
    }

    [Fact]
    public async Task Client_credentials_token_is_requested_once_and_reused()
    {
        await Connector.SendAsync(Channel, TeamsRenderer.Text("一")[0], CancellationToken.None);
        await Connector.SendAsync(Channel, TeamsRenderer.Text("二")[0], CancellationToken.None);

        var form = Assert.Single(Bf.TokenRequests);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(FakeBotFramework.AppId, form["client_id"]);
        Assert.Equal(FakeBotFramework.AppPassword, form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);
        Assert.Equal(2, Bf.Activities.Count);
    }

    [Fact]
    public async Task Proactive_send_posts_to_the_conversation()
    {
        var personal = new TeamsConversationReference(Bf.ServiceUrl, TeamsActivities.PersonalConversationId, TeamsActivities.TenantId, null);

        await Connector.SendAsync(personal, TeamsRenderer.Text("第7项明天到期。")[0], CancellationToken.None);

        var request = Assert.Single(Bf.Activities);
        Assert.Equal("/amer/v3/conversations/a%3A1XyZpQ9rT8sUvW7xY6zA5bC4dE3fG2hI1jK0lM/activities", request.Path);
        Assert.Null(request.Body["replyToId"]);
        Assert.Equal(TeamsActivities.TenantId, (string?)request.Body["conversation"]!["tenantId"]);
    }

    [Fact]
    public async Task Throttled_send_is_retried_after_the_Retry_After_delay()
    {
        Bf.ConnectorFailures.Enqueue((429, 0));
        Bf.ConnectorFailures.Enqueue((503, 0));

        var id = await Connector.SendAsync(Channel, TeamsRenderer.Text("重试")[0], CancellationToken.None);

        Assert.NotNull(id);
        Assert.Single(Bf.Activities);
        Assert.Empty(Bf.ConnectorFailures);
    }

    [Fact]
    public void Retry_After_is_honoured_as_seconds_or_a_date_and_capped()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-21T08:00:00Z"));
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)) } };
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new RetryConditionHeaderValue(clock.GetUtcNow().AddSeconds(4)) } };
        using var tooLong = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1)) } };
        using var none = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.FromSeconds(7), BotConnectorClient.RetryAfter(seconds, clock));
        Assert.Equal(TimeSpan.FromSeconds(4), BotConnectorClient.RetryAfter(date, clock));
        Assert.Equal(TimeSpan.FromSeconds(30), BotConnectorClient.RetryAfter(tooLong, clock));
        Assert.Null(BotConnectorClient.RetryAfter(none, clock));
    }

    [Fact]
    public async Task Token_is_renewed_shortly_before_it_expires()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-21T08:00:00Z"));
        var options = Options.Create(new TeamsOptions { AppId = FakeBotFramework.AppId, AppPassword = FakeBotFramework.AppPassword, TokenEndpoint = new Uri(Bf.TokenEndpoint) });
        using var http = new HttpClient();
        var tokens = new ConnectorTokenProvider(http, options, clock);

        await tokens.GetTokenAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(50));
        await tokens.GetTokenAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        await tokens.GetTokenAsync(CancellationToken.None);

        // expires_in is 3599 s: reused at 50 minutes, renewed at 55 (five minutes before expiry).
        Assert.Equal(2, Bf.TokenRequests.Count);
    }

    [Fact]
    public async Task In_emulator_mode_replies_go_to_a_loopback_connector_without_a_token()
    {
        await using var emulator = await TeamsBotHost.StartAsync(Bf, appId: null, emulatorMode: true);

        await emulator.Services.GetRequiredService<BotConnectorClient>().SendAsync(Channel, TeamsRenderer.Text("本地")[0], CancellationToken.None);

        Assert.Null(Assert.Single(Bf.Activities).Authorization);
        Assert.Empty(Bf.TokenRequests);
    }

    [Fact]
    public async Task Internal_server_error_is_not_replayed_because_the_message_may_have_been_posted()
    {
        Bf.ConnectorFailures.Enqueue((500, null));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Connector.SendAsync(Channel, TeamsRenderer.Text("不重放")[0], CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Empty(Bf.Activities);
    }

    [Fact]
    public async Task ServiceUrl_outside_the_allowed_patterns_gets_no_request_and_no_token()
    {
        var foreign = Channel with { ServiceUrl = "https://evil.example.com/amer/" };

        await Assert.ThrowsAsync<InvalidOperationException>(() => Connector.SendAsync(foreign, TeamsRenderer.Text("x")[0], CancellationToken.None));

        Assert.Empty(Bf.TokenRequests);
        Assert.Empty(Bf.Activities);
    }
}
