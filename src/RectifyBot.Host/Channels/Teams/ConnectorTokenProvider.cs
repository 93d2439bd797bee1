using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace RectifyBot.Host.Channels.Teams;

/// <summary>
/// The bot's own token for calls to the Connector: the OAuth 2.0 client-credentials grant against the AAD v2 token
/// endpoint with scope https://api.botframework.com/.default (bot-framework-rest-connector-authentication,
/// "Step 1: Request an access token from the Microsoft Entra ID account login service"), cached until shortly before it expires.
/// </summary>
/// <remarks>
/// A small typed request rather than Microsoft.Identity.Client: MSAL insists on an https authority and performs
/// instance discovery against login.microsoftonline.com, so it cannot be pointed at the loopback token endpoint the
/// tests run, and the grant itself is one form POST.
/// </remarks>
public sealed class ConnectorTokenProvider(HttpClient http, IOptions<TeamsOptions> options, TimeProvider clock)
{
    // Renew a little early so a token never expires between being read here and reaching the Connector.
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim gate = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? cached;

    public async Task<string> GetTokenAsync(CancellationToken ct)
    {
        if (cached is { } fresh && clock.GetUtcNow() < fresh.RenewAt)
            return fresh.Token;
        await gate.WaitAsync(ct);
        try
        {
            if (cached is { } other && clock.GetUtcNow() < other.RenewAt)
                return other.Token;
            var settings = options.Value;
            using var request = new HttpRequestMessage(HttpMethod.Post, settings.EffectiveTokenEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = settings.AppId ?? "",
                    ["client_secret"] = settings.AppPassword ?? "",
                    ["scope"] = TeamsOptions.ConnectorScope,
                }),
            };
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
                // The body may echo request details; only the status is reported.
                throw new HttpRequestException($"Token endpoint {settings.EffectiveTokenEndpoint} answered {(int)response.StatusCode}.", null, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync(TeamsJson.Default.ClientCredentialsTokenResponse, ct)
                ?? throw new HttpRequestException("Token endpoint answered with an empty body.");
            var lifetime = TimeSpan.FromSeconds(body.ExpiresIn);
            cached = (body.AccessToken, clock.GetUtcNow() + (lifetime > RenewBefore * 2 ? lifetime - RenewBefore : lifetime / 2));
            return body.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>The token endpoint's answer (RFC 6749 §5.1).</summary>
internal sealed record ClientCredentialsTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("token_type")] string? TokenType);
