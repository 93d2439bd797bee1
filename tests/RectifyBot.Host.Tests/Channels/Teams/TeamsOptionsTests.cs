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
    public void Without_an_app_id_the_channel_is_off_unless_emulator_mode_is_asked_for()
    {
        var off = new TeamsOptions();
        var emulator = new TeamsOptions { EmulatorMode = true };

        Assert.False(off.Listening);
        Assert.False(off.IsAllowedServiceUrl("http://127.0.0.1:56150/_connector"));
        Assert.True(emulator.Listening);
        Assert.True(new TeamsOptionsValidator().Validate(null, emulator).Succeeded);
        Assert.True(emulator.IsAllowedServiceUrl("http://127.0.0.1:56150/_connector"));
    }

    [Fact]
    public void Emulator_mode_is_refused_with_a_forwarded_headers_proxy_or_an_app_id()
    {
        var behindProxy = new TeamsOptionsValidator(Microsoft.Extensions.Options.Options.Create(new ProxyOptions { KnownProxies = ["127.0.0.1"] }))
            .Validate(null, new TeamsOptions { EmulatorMode = true });
        var withAppId = new TeamsOptionsValidator().Validate(null, new TeamsOptions { EmulatorMode = true, AppId = "app", AppPassword = "secret" });

        Assert.True(behindProxy.Failed);
        Assert.Contains("ForwardedHeaders", behindProxy.FailureMessage);
        Assert.True(withAppId.Failed);
    }

    [Theory]
    [InlineData(null, null, "any-tenant", true)]
    [InlineData(TeamsActivities.TenantId, null, TeamsActivities.TenantId, true)]
    [InlineData(TeamsActivities.TenantId, null, "other-tenant", false)]
    [InlineData(TeamsActivities.TenantId, null, null, false)]
    [InlineData(null, "partner-tenant", "partner-tenant", true)]
    [InlineData(TeamsActivities.TenantId, "partner-tenant", "PARTNER-TENANT", true)]
    [InlineData(null, "partner-tenant", "other-tenant", false)]
    public void Tenants_are_checked_when_named(string? tenantId, string? allowed, string? activityTenant, bool accepted) =>
        Assert.Equal(accepted, new TeamsOptions { TenantId = tenantId, AllowedTenants = allowed is null ? [] : [allowed] }.IsAllowedTenant(activityTenant));

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
