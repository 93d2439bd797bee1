using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace RectifyBot.Host.Channels.Teams;

/// <summary>
/// Settings of the Microsoft Teams channel (Bot Framework protocol). The channel is on and authenticates every
/// request when <see cref="AppId"/> is set. Unauthenticated requests are accepted only in <see cref="EmulatorMode"/>,
/// which must be asked for; with neither, <c>/api/messages</c> does not exist.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>Bot Framework's OpenID metadata for tokens the Connector sends to bots (bot-framework-rest-connector-authentication, "Connector to bot": OpenID metadata document).</summary>
    public static readonly Uri BotFrameworkOpenIdMetadataUrl = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    /// <summary>The issuer of Connector → bot tokens (same doc, "Connector to bot": the token requirements).</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>The scope of bot → Connector tokens (same doc, "Authenticate requests from your bot").</summary>
    public const string ConnectorScope = "https://api.botframework.com/.default";

    /// <summary>Microsoft App ID of the bot registration; also the audience of inbound tokens.</summary>
    public string? AppId { get; set; }

    /// <summary>Client secret of the app registration, used for the client-credentials grant. Never logged.</summary>
    public string? AppPassword { get; set; }

    /// <summary>Set for a single-tenant app registration: tokens are requested from this tenant and its issuers are accepted.</summary>
    public string? TenantId { get; set; }

    /// <summary>Further tenants whose activities are accepted, for a multi-tenant app; with <see cref="TenantId"/> and this empty, any tenant.</summary>
    public string[] AllowedTenants { get; set; } = [];

    /// <summary>
    /// For the Bot Framework Emulator on this machine only: activities without a token are accepted from loopback
    /// callers that came through no proxy. Never on a server: behind a same-host proxy every caller is loopback.
    /// </summary>
    public bool EmulatorMode { get; set; }

    /// <summary>Where the signing keys of tokens issued by Bot Framework (<see cref="BotFrameworkIssuer"/>) are published.</summary>
    public Uri OpenIdMetadataUrl { get; set; } = BotFrameworkOpenIdMetadataUrl;

    /// <summary>
    /// Where the keys of tokens issued by the app's own tenant are published (single-tenant only); empty means the
    /// tenant's Microsoft Entra ID v2.0 metadata.
    /// </summary>
    public Uri? TenantOpenIdMetadataUrl { get; set; }

    /// <summary>Accepted token issuers; empty means <see cref="EffectiveIssuers"/>' defaults.</summary>
    public string[] ValidIssuers { get; set; } = [];

    /// <summary>AAD v2 token endpoint; empty means the Microsoft identity platform's for the tenant (or botframework.com).</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>
    /// Patterns for the serviceUrls the bot may send to (and so send its token to). <c>*</c> matches within one
    /// URL segment, a trailing <c>*</c> matches the rest. Empty means the Teams public cloud, <c>https://smba.trafficmanager.net/*</c>.
    /// </summary>
    public string[] AllowedServiceUrls { get; set; } = [];

    /// <summary>
    /// A reply in a personal chat still being worked on after this long (a draft, a report) is streamed: Teams shows
    /// "正在处理…" at once and the answer in its place. Teams asks for 1.5–2 s of buffering between stream updates.
    /// </summary>
    public TimeSpan StreamAfter { get; set; } = TimeSpan.FromSeconds(1.5);

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId);

    /// <summary>Whether <c>/api/messages</c> is there at all.</summary>
    public bool Listening => Enabled || EmulatorMode;

    /// <summary>Whether an activity from <paramref name="tenantId"/> is accepted: any, unless tenants are named.</summary>
    public bool IsAllowedTenant(string? tenantId)
    {
        var allowed = string.IsNullOrWhiteSpace(TenantId) ? AllowedTenants : [TenantId, .. AllowedTenants];
        return allowed.Length == 0 || (tenantId is not null && allowed.Contains(tenantId, StringComparer.OrdinalIgnoreCase));
    }

    public IReadOnlyList<string> EffectiveIssuers => ValidIssuers.Length > 0 ? ValidIssuers
        : string.IsNullOrWhiteSpace(TenantId) ? [BotFrameworkIssuer]
        // Single-tenant registrations also receive tokens from their own tenant (v1 and v2 issuers).
        : [BotFrameworkIssuer, $"https://sts.windows.net/{TenantId}/", $"https://login.microsoftonline.com/{TenantId}/v2.0"];

    public Uri? EffectiveTenantOpenIdMetadataUrl => string.IsNullOrWhiteSpace(TenantId) ? null
        : TenantOpenIdMetadataUrl ?? new Uri($"https://login.microsoftonline.com/{TenantId}/v2.0/.well-known/openid-configuration");

    public Uri EffectiveTokenEndpoint => TokenEndpoint
        ?? new Uri($"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(TenantId) ? "botframework.com" : TenantId)}/oauth2/v2.0/token");

    public IReadOnlyList<string> EffectiveServiceUrlPatterns => AllowedServiceUrls.Length > 0 ? AllowedServiceUrls : ["https://smba.trafficmanager.net/*"];

    /// <summary>
    /// Whether the bot may post to (and send its token to) <paramref name="serviceUrl"/>. In local emulator mode there
    /// is no token to leak and the emulator's connector runs on loopback, so loopback URLs are allowed as well.
    /// </summary>
    public bool IsAllowedServiceUrl(string serviceUrl) =>
        (!Enabled && EmulatorMode && Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && uri.IsLoopback)
        || EffectiveServiceUrlPatterns.Any(pattern => Regex.IsMatch(serviceUrl, PatternToRegex(pattern), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));

    private static string PatternToRegex(string pattern)
    {
        var escaped = Regex.Escape(pattern.Trim());
        // A trailing * takes any path; any other * stays inside one segment, so "https://*.example.com/*"
        // cannot be satisfied by "https://evil.test/.example.com/".
        return "^" + (escaped.EndsWith(@"\*", StringComparison.Ordinal) ? escaped[..^2].Replace(@"\*", "[^/?#]*") + ".*" : escaped.Replace(@"\*", "[^/?#]*")) + "$";
    }
}

internal sealed class TeamsOptionsValidator(IOptions<ProxyOptions>? proxies = null) : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        if (options.EmulatorMode)
        {
            if (options.Enabled)
                return ValidateOptionsResult.Fail("Teams:EmulatorMode and Teams:AppId are both set: remove Teams:EmulatorMode on a server that talks to Teams.");
            if (proxies?.Value.Configured == true)
                return ValidateOptionsResult.Fail("Teams:EmulatorMode is on while ForwardedHeaders names a proxy: behind a proxy unauthenticated activities would be accepted from anyone. Remove Teams:EmulatorMode.");
        }
        if (!options.Enabled)
            return ValidateOptionsResult.Success;
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AppPassword))
            missing.Add("Teams:AppPassword is missing (env Teams__AppPassword): set the client secret of the bot's app registration.");
        if (!options.OpenIdMetadataUrl.IsAbsoluteUri || options.TenantOpenIdMetadataUrl is { IsAbsoluteUri: false })
            missing.Add("Teams:OpenIdMetadataUrl and Teams:TenantOpenIdMetadataUrl must be absolute URLs; leave them out to use Bot Framework's and the tenant's.");
        if (options.TokenEndpoint is { IsAbsoluteUri: false })
            missing.Add("Teams:TokenEndpoint must be an absolute URL; leave it out to use the Microsoft identity platform's.");
        if (options.ValidIssuers.Any(string.IsNullOrWhiteSpace) || options.AllowedServiceUrls.Any(string.IsNullOrWhiteSpace))
            missing.Add("Teams:ValidIssuers and Teams:AllowedServiceUrls must not contain empty entries.");
        return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
    }
}
