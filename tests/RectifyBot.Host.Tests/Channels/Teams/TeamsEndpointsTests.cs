using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Host.Channels.Teams;

namespace RectifyBot.Host.Tests.Channels.Teams;

public sealed class TeamsEndpointsTests : TeamsChannelTest
{
    [Fact]
    public async Task Personal_message_with_a_valid_token_is_handed_off_and_acknowledged_with_202()
    {
        using var response = await Bot.PostActivityAsync(TeamsActivities.PersonalMessage(Bf.ServiceUrl), Bf.Token());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var turn = Assert.Single(Bot.Sink.Turns);
        Assert.Equal(TeamsTurnKind.Message, turn.Kind);
        Assert.Equal("社会事务科有哪些逾期的", turn.Text);
        Assert.Equal("1732176930123", turn.ActivityId);
        Assert.Equal("personal", turn.ConversationType);
        Assert.Equal("张三", turn.User.Name);
        Assert.Equal(new TeamsConversationReference(Bf.ServiceUrl, TeamsActivities.PersonalConversationId, TeamsActivities.TenantId, TeamsActivities.UserAadObjectId),
            turn.Conversation);
    }

    [Fact]
    public async Task Channel_message_loses_the_bots_own_mention()
    {
        using var response = await Bot.PostActivityAsync(TeamsActivities.ChannelMessageWithMention(Bf.ServiceUrl), Bf.Token());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var turn = Assert.Single(Bot.Sink.Turns);
        Assert.Equal("第12项谁负责", turn.Text);
        Assert.Equal("channel", turn.ConversationType);
        Assert.Equal(TeamsActivities.ChannelConversationId, turn.Conversation.ConversationId);
    }

    [Fact]
    public async Task A_quoted_reply_comes_as_the_reply_with_its_quote_apart()
    {
        using var response = await Bot.PostActivityAsync(TeamsActivities.QuotedReply(Bf.ServiceUrl), Bf.Token());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var turn = Assert.Single(Bot.Sink.Turns);
        Assert.True(QuotedReply.TrySplit(turn.Text, out var reply, out var quoted), turn.Text);
        Assert.Equal(("同意", "第45条申请销号，材料已上传 & 已盖章"), (reply, quoted));
        Assert.StartsWith("「李娜：", turn.Text);
    }

    [Fact]
    public async Task Card_submit_comes_back_as_a_card_action_with_the_words_of_its_button()
    {
        using var response = await Bot.PostActivityAsync(TeamsActivities.CardSubmit(Bf.ServiceUrl), Bf.Token());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var turn = Assert.Single(Bot.Sink.Turns);
        Assert.Equal(TeamsTurnKind.CardAction, turn.Kind);
        Assert.Equal(new TeamsCardAction("认领第12项"), turn.CardAction);
        Assert.Equal("1:1f2e3d4c5b6a", turn.Activity.ReplyToId);
    }

    [Fact]
    public async Task Adaptive_card_action_invoke_is_answered_with_an_invoke_response_and_handed_off()
    {
        using var response = await Bot.PostActivityAsync(TeamsActivities.AdaptiveCardActionInvoke(Bf.ServiceUrl), Bf.Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)body["type"]);
        Assert.False(string.IsNullOrEmpty((string?)body["value"]));
        var turn = Assert.Single(Bot.Sink.Turns);
        Assert.Equal(new TeamsCardAction("7 进展："), turn.CardAction);
    }

    [Fact]
    public async Task Bot_added_to_a_chat_hands_off_a_greeting_turn()
    {
        using var response = await Bot.PostActivityAsync(TeamsActivities.BotAddedToPersonalChat(Bf.ServiceUrl), Bf.Token());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(TeamsTurnKind.BotAdded, Assert.Single(Bot.Sink.Turns).Kind);
    }

    [Fact]
    public async Task Typing_is_acknowledged_without_a_turn()
    {
        using var response = await Bot.PostActivityAsync(TeamsActivities.Typing(Bf.ServiceUrl), Bf.Token());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(Bot.Sink.Turns);
    }

    [Fact]
    public async Task Invoke_the_bot_does_not_handle_is_answered_501_without_a_turn()
    {
        var messagingExtension = TeamsActivities.AdaptiveCardActionInvoke(Bf.ServiceUrl).Replace("adaptiveCard/action", "composeExtension/query");

        using var response = await Bot.PostActivityAsync(messagingExtension, Bf.Token());

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Empty(Bot.Sink.Turns);
    }

    [Theory]
    [InlineData("none", "no bearer token")]
    [InlineData("garbage", "malformed token")]
    [InlineData("three garbage segments", "malformed token")]
    [InlineData("expired", "SecurityTokenExpiredException")]
    [InlineData("wrong audience", "SecurityTokenInvalidAudienceException")]
    [InlineData("wrong issuer", "SecurityTokenInvalidIssuerException")]
    [InlineData("tampered", "SecurityTokenInvalidSignatureException")]
    [InlineData("wrong serviceUrl", "serviceurl claim")]
    [InlineData("unknown key", "SecurityTokenSignatureKeyNotFoundException")]
    [InlineData("key not endorsed for msteams", "not endorsed for channel 'msteams'")]
    public async Task Requests_without_a_valid_Bot_Framework_token_are_rejected_with_401_and_no_turn(string kind, string reason)
    {
        using var unknownKey = RSA.Create(2048);
        var token = kind switch
        {
            "none" => null,
            "garbage" => "not-a-jwt",
            "three garbage segments" => "eyJhbGciOi.bm90IGpzb24.c2ln",
            "expired" => Bf.Token(expiresIn: TimeSpan.FromMinutes(-6)),
            "wrong audience" => Bf.Token(audience: "11111111-2222-3333-4444-555555555555"),
            "wrong issuer" => Bf.Token(issuer: "https://evil.example.com"),
            "tampered" => Tamper(Bf.Token()),
            "wrong serviceUrl" => Bf.Token(serviceUrl: "https://smba.trafficmanager.net/emea/"),
            "unknown key" => Bf.Token(key: unknownKey, kid: "unknown-key"),
            "key not endorsed for msteams" => Bf.Token(key: Bf.WebChatKey, kid: FakeBotFramework.WebChatKeyId),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        using var response = await Bot.PostActivityAsync(TeamsActivities.PersonalMessage(Bf.ServiceUrl), token);
        var activity = new BotActivity { Type = "message", ChannelId = "msteams", ServiceUrl = Bf.ServiceUrl };
        var check = await Bot.Services.GetRequiredService<BotTokenValidator>().ValidateAsync(token is null ? null : "Bearer " + token, activity, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(Bot.Sink.Turns);
        Assert.Contains(reason, check.Reason);
    }

    [Fact]
    public async Task Token_that_expired_within_the_five_minute_clock_skew_is_accepted()
    {
        using var response = await Bot.PostActivityAsync(TeamsActivities.PersonalMessage(Bf.ServiceUrl), Bf.Token(expiresIn: TimeSpan.FromMinutes(-3)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Single_tenant_app_accepts_its_tenants_tokens_checked_with_the_tenants_keys()
    {
        await using var singleTenant = await TeamsBotHost.StartAsync(Bf, tenantId: TeamsActivities.TenantId);
        var activity = TeamsActivities.PersonalMessage(Bf.ServiceUrl);

        using var fromTenant = await singleTenant.PostActivityAsync(activity,
            Bf.Token(issuer: FakeBotFramework.TenantIssuer, key: Bf.EntraKey, kid: FakeBotFramework.EntraKeyId));
        using var fromBotFramework = await singleTenant.PostActivityAsync(activity, Bf.Token());
        using var tenantIssuerWithBotFrameworkKey = await singleTenant.PostActivityAsync(activity, Bf.Token(issuer: FakeBotFramework.TenantIssuer));
        using var otherTenant = await singleTenant.PostActivityAsync(activity,
            Bf.Token(issuer: "https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/v2.0", key: Bf.EntraKey, kid: FakeBotFramework.EntraKeyId));

        Assert.Equal(HttpStatusCode.Accepted, fromTenant.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fromBotFramework.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tenantIssuerWithBotFrameworkKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherTenant.StatusCode);
        Assert.Equal(2, singleTenant.Sink.Turns.Count);
    }

    [Fact]
    public async Task Malformed_activity_json_is_a_400()
    {
        using var response = await Bot.PostActivityAsync("{\"type\": ", Bf.Token());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Bot.Sink.Turns);
    }

    [Fact]
    public async Task Emulator_mode_without_an_app_id_accepts_loopback_requests_without_a_token()
    {
        await using var emulator = await TeamsBotHost.StartAsync(Bf, appId: null, emulatorMode: true);

        using var response = await emulator.PostActivityAsync(TeamsActivities.PersonalMessage("http://127.0.0.1:56150/_connector"), bearer: null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("http://127.0.0.1:56150/_connector", Assert.Single(emulator.Sink.Turns).Conversation.ServiceUrl);
    }

    [Fact]
    public async Task Without_an_app_id_or_emulator_mode_there_is_no_endpoint_to_post_to()
    {
        await using var off = await TeamsBotHost.StartAsync(Bf, appId: null);

        using var response = await off.PostActivityAsync(TeamsActivities.PersonalMessage("http://127.0.0.1:56150/_connector"), bearer: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(off.Sink.Turns);
    }

    [Fact]
    public async Task Emulator_mode_refuses_a_loopback_request_that_came_through_a_proxy()
    {
        await using var emulator = await TeamsBotHost.StartAsync(Bf, appId: null, emulatorMode: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseAddress, "/api/messages"))
        {
            Content = new StringContent(TeamsActivities.PersonalMessage("http://127.0.0.1:56150/_connector"), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var http = new HttpClient();

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(emulator.Sink.Turns);
    }

    [Fact]
    public async Task An_activity_from_a_tenant_not_allowed_is_forbidden_and_one_from_an_allowed_tenant_is_taken()
    {
        await using var bot = await TeamsBotHost.StartAsync(Bf, settings: [new("Teams:AllowedTenants:0", "11111111-2222-3333-4444-555555555555")]);
        var ours = TeamsActivities.PersonalMessage(Bf.ServiceUrl);
        var theirs = ours.Replace(TeamsActivities.TenantId, "11111111-2222-3333-4444-555555555555");
        var stranger = ours.Replace(TeamsActivities.TenantId, "99999999-2222-3333-4444-555555555555");

        using var fromTheirs = await bot.PostActivityAsync(theirs, Bf.Token());
        using var fromStranger = await bot.PostActivityAsync(stranger, Bf.Token());
        using var fromOurs = await bot.PostActivityAsync(ours, Bf.Token());

        Assert.Equal(HttpStatusCode.Accepted, fromTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromStranger.StatusCode);
        // Named tenants are the only ones: the activity's own tenant is not Teams:TenantId here.
        Assert.Equal(HttpStatusCode.Forbidden, fromOurs.StatusCode);
        Assert.Single(bot.Sink.Turns);
    }

    [Fact]
    public async Task Emulator_mode_rejects_callers_that_are_not_on_loopback()
    {
        var context = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse("10.20.30.40") } };
        var activity = new BotActivity { Type = "message" };
        var validator = Bot.Services.GetRequiredService<BotTokenValidator>();

        var emulator = new TeamsOptions { EmulatorMode = true };
        var remote = await TeamsEndpoints.AuthenticateAsync(context, activity, emulator, validator, CancellationToken.None);
        context.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:127.0.0.1");
        var mappedLoopback = await TeamsEndpoints.AuthenticateAsync(context, activity, emulator, validator, CancellationToken.None);

        Assert.False(remote.IsValid);
        Assert.True(mappedLoopback.IsValid);
    }

    /// <summary>Swaps in a payload that would pass every other check (it only lives longer) but keeps the original signature.</summary>
    private string Tamper(string token)
    {
        var parts = token.Split('.');
        var forged = Bf.Token(expiresIn: TimeSpan.FromDays(30)).Split('.');
        return $"{parts[0]}.{forged[1]}.{parts[2]}";
    }
}
