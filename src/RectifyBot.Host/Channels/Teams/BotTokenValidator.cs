using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace RectifyBot.Host.Channels.Teams;

/// <summary>Outcome of checking an inbound bearer token; <see cref="Reason"/> is for the log, never for the caller.</summary>
public sealed record BotTokenValidation(bool IsValid, string Reason)
{
    public static BotTokenValidation Valid { get; } = new(true, "valid");
    public static BotTokenValidation Invalid(string reason) => new(false, reason);
}

/// <summary>
/// Validates the JWT the Bot Connector sends with every activity, per "Authenticate requests from the Bot Connector
/// service to your bot" (learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication):
/// keys from the OpenID metadata's jwks_uri (cached, refreshed on an unknown key id; the tenant's metadata for
/// tokens its Entra ID issued to a single-tenant app), RS256, issuer, audience = app id,
/// lifetime with 5 minutes of clock skew, the key's endorsements include the activity's channelId, and the
/// <c>serviceurl</c> claim equals the activity's serviceUrl.
/// </summary>
public sealed class BotTokenValidator
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly TeamsOptions options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> botFrameworkMetadata;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? tenantMetadata;
    private readonly JsonWebTokenHandler handler = new();

    public BotTokenValidator(IOptions<TeamsOptions> options, HttpClient http)
    {
        this.options = options.Value;
        botFrameworkMetadata = Metadata(this.options.OpenIdMetadataUrl, http);
        tenantMetadata = this.options.EffectiveTenantOpenIdMetadataUrl is { } tenantUrl ? Metadata(tenantUrl, http) : null;
    }

    private static ConfigurationManager<OpenIdConnectConfiguration> Metadata(Uri url, HttpClient http) =>
        new(url.AbsoluteUri, new OpenIdConnectConfigurationRetriever(),
            // HTTPS always, except for a loopback metadata server (tests, local tools).
            new HttpDocumentRetriever(http) { RequireHttps = !url.IsLoopback });

    public async Task<BotTokenValidation> ValidateAsync(string? authorizationHeader, BotActivity activity, CancellationToken ct)
    {
        const string bearer = "Bearer ";
        if (string.IsNullOrEmpty(authorizationHeader) || !authorizationHeader.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
            return BotTokenValidation.Invalid("no bearer token");
        var token = authorizationHeader[bearer.Length..].Trim();
        string claimedIssuer;
        try
        {
            claimedIssuer = handler.ReadJsonWebToken(token).Issuer;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            return BotTokenValidation.Invalid("malformed token");
        }
        // Keys are looked up by who claims to have issued the token; the issuer itself is validated below.
        // Bot Framework signs the Connector's tokens; a single-tenant app also gets tokens from its tenant's Entra ID.
        var metadata = claimedIssuer != TeamsOptions.BotFrameworkIssuer && tenantMetadata is not null ? tenantMetadata : botFrameworkMetadata;

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await metadata.GetConfigurationAsync(ct);
        }
        catch (InvalidOperationException e)
        {
            return BotTokenValidation.Invalid($"OpenID metadata unavailable: {e.Message}");
        }

        var result = await handler.ValidateTokenAsync(token, Parameters(configuration));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Bot Framework rotates its keys; an unknown kid means our cached set may be stale (the SDKs refresh too).
            metadata.RequestRefresh();
            configuration = await metadata.GetConfigurationAsync(ct);
            result = await handler.ValidateTokenAsync(token, Parameters(configuration));
        }
        if (!result.IsValid)
            return BotTokenValidation.Invalid(result.Exception?.GetType().Name + ": " + FirstLine(result.Exception?.Message));

        var jwt = (JsonWebToken)result.SecurityToken;
        var endorsements = Endorsements(configuration, jwt.Kid);
        // A key with endorsements may only sign for those channels (auth doc: the JWKS "endorsements" property). Stricter than the SDKs,
        // which let an activity without a channelId through: Teams always sends one.
        if (endorsements is not null && !endorsements.Contains(activity.ChannelId ?? "", StringComparer.OrdinalIgnoreCase))
            return BotTokenValidation.Invalid($"signing key is not endorsed for channel '{activity.ChannelId}'");
        var serviceUrlClaim = jwt.TryGetPayloadValue<string>("serviceurl", out var claimed) ? claimed : null;
        if (!string.Equals(serviceUrlClaim, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            return BotTokenValidation.Invalid($"serviceurl claim '{serviceUrlClaim}' does not match the activity's serviceUrl '{activity.ServiceUrl}'");
        return BotTokenValidation.Valid;
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuers = options.EffectiveIssuers,
        ValidAudience = options.AppId,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
    };

    /// <summary>The non-standard <c>endorsements</c> member of the key in the JWKS, or null when the key has none.</summary>
    private static IReadOnlyList<string>? Endorsements(OpenIdConnectConfiguration configuration, string kid)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == kid);
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value))
            return null;
        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => e.ToString()).ToList(),
            IEnumerable<object> items => items.Select(i => i.ToString() ?? "").ToList(),
            _ => [],
        };
    }

    private static string FirstLine(string? message) => message is null ? "" : message.Split('\n')[0].Trim();
}
