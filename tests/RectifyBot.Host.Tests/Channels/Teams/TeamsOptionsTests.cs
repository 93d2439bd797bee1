using RectifyBot.Host.Channels.Teams;

namespace RectifyBot.Host.Tests.Channels.Teams;

public sealed class TeamsOptionsTests
{
    [Fact]
    public void App_id_without_a_password_fails_validation_saying_what_to_set()
    {
        var result = new TeamsOptionsValidator().Validate(null, new TeamsOptions { AppId = FakeBotFramework.AppId });

        Assert.True(result.Failed);
        Assert.Contains("Teams:AppPassword", result.FailureMessage);
    }

    [Fact]
    public void Without_an_app_id_the_channel_is_in_emulator_mode_and_valid()
    {
        var options = new TeamsOptions();

        Assert.False(options.Enabled);
        Assert.True(new TeamsOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(options.IsAllowedServiceUrl("http://127.0.0.1:56150/_connector"));
    }

    [Fact]
    public void Multi_tenant_defaults_are_Bot_Frameworks()
    {
        var options = new TeamsOptions { AppId = "app", AppPassword = "secret" };

        Assert.Equal(["https://api.botframework.com"], options.EffectiveIssuers);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", options.EffectiveTokenEndpoint.AbsoluteUri);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.OpenIdMetadataUrl.AbsoluteUri);
        Assert.Null(options.EffectiveTenantOpenIdMetadataUrl);
    }

    [Fact]
    public void Single_tenant_uses_the_tenants_token_endpoint_and_accepts_its_issuers()
    {
        var options = new TeamsOptions { AppId = "app", AppPassword = "secret", TenantId = TeamsActivities.TenantId };

        Assert.Equal($"https://login.microsoftonline.com/{TeamsActivities.TenantId}/oauth2/v2.0/token", options.EffectiveTokenEndpoint.AbsoluteUri);
        Assert.Contains($"https://sts.windows.net/{TeamsActivities.TenantId}/", options.EffectiveIssuers);
        Assert.Contains($"https://login.microsoftonline.com/{TeamsActivities.TenantId}/v2.0", options.EffectiveIssuers);
        Assert.Equal($"https://login.microsoftonline.com/{TeamsActivities.TenantId}/v2.0/.well-known/openid-configuration",
            options.EffectiveTenantOpenIdMetadataUrl!.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/72f988bf-86f1-41af-91ab-2d7cd011db47/", true)]
    [InlineData("https://SMBA.trafficmanager.net/teams/", true)]
    [InlineData("https://smba.trafficmanager.net.evil.example.com/amer/", false)]
    [InlineData("http://smba.trafficmanager.net/amer/", false)]
    [InlineData("https://evil.example.com/smba.trafficmanager.net/", false)]
    [InlineData("http://127.0.0.1:3978/", false)]
    public void Service_urls_are_checked_against_the_default_pattern(string serviceUrl, bool allowed) =>
        Assert.Equal(allowed, new TeamsOptions { AppId = "app" }.IsAllowedServiceUrl(serviceUrl));

    [Fact]
    public void A_star_inside_the_host_does_not_reach_across_the_path()
    {
        var options = new TeamsOptions { AppId = "app", AllowedServiceUrls = ["https://*.botframework.com/*"] };

        Assert.True(options.IsAllowedServiceUrl("https://webchat.botframework.com/"));
        Assert.False(options.IsAllowedServiceUrl("https://evil.example.com/x.botframework.com/"));
    }
}
