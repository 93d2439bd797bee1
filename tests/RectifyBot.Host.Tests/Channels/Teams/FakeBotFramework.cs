using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RectifyBot.Host.Tests.Channels.Teams;

/// <summary>One request the fake Connector received.</summary>
public sealed record ConnectorRequest(string Path, string? Authorization, string? ContentType, JsonObject Body);

/// <summary>
/// Bot Framework's side over loopback HTTP: OpenID metadata and JWKS (with endorsements, as login.botframework.com
/// serves them), an AAD v2 token endpoint for the client-credentials grant, and a Connector that records activities.
/// </summary>
public sealed class FakeBotFramework : IAsyncDisposable
{
    public const string AppId = "9f3c2a1e-5b7d-4c8e-a0f1-2b3c4d5e6f70";
    public const string AppPassword = "test-secret-do-not-log";
    public const string ConnectorToken = "connector-access-token";
    public const string TeamsKeyId = "teams-key";
    public const string WebChatKeyId = "webchat-key";
    public const string EntraKeyId = "entra-key";

    private readonly WebApplication app;

    // Generating RSA keys is slow; every fake in the run publishes the same ones.
    public RSA TeamsKey { get; } = SharedKeys.Teams;
    public RSA WebChatKey { get; } = SharedKeys.WebChat;
    /// <summary>The key the tenant's Entra ID signs with (published without endorsements).</summary>
    public RSA EntraKey { get; } = SharedKeys.Entra;
    public string BaseUrl { get; private set; } = "";
    /// <summary>The serviceUrl activities carry: this fake's Connector, with Teams' trailing slash.</summary>
    public string ServiceUrl => BaseUrl + "/amer/";
    public string MetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";
    public string TokenEndpoint => BaseUrl + "/botframework.com/oauth2/v2.0/token";
    public string TenantMetadataUrl => BaseUrl + $"/{TeamsActivities.TenantId}/v2.0/.well-known/openid-configuration";
    public static string TenantIssuer => $"https://login.microsoftonline.com/{TeamsActivities.TenantId}/v2.0";

    public ConcurrentQueue<ConnectorRequest> Activities { get; } = new();
    public ConcurrentQueue<Dictionary<string, string>> TokenRequests { get; } = new();
    /// <summary>Statuses (and Retry-After seconds) the Connector answers before it accepts an activity.</summary>
    public ConcurrentQueue<(int Status, int? RetryAfterSeconds)> ConnectorFailures { get; } = new();

    private FakeBotFramework(WebApplication app) => this.app = app;

    public static async Task<FakeBotFramework> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeBotFramework(builder.Build());
        fake.Map();
        await fake.app.StartAsync();
        fake.BaseUrl = ListeningAddress(fake.app);
        return fake;
    }

    public static string ListeningAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    private void Map()
    {
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new JsonObject
        {
            ["issuer"] = "https://api.botframework.com",
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = BaseUrl + "/v1/.well-known/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        }));
        app.MapGet("/v1/.well-known/keys", () => Results.Json(new JsonObject
        {
            ["keys"] = new JsonArray(Jwk(TeamsKey, TeamsKeyId, "msteams", "emulator"), Jwk(WebChatKey, WebChatKeyId, "webchat")),
        }));
        app.MapGet($"/{TeamsActivities.TenantId}/v2.0/.well-known/openid-configuration", () => Results.Json(new JsonObject
        {
            ["issuer"] = TenantIssuer,
            ["jwks_uri"] = BaseUrl + $"/{TeamsActivities.TenantId}/discovery/v2.0/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }));
        app.MapGet($"/{TeamsActivities.TenantId}/discovery/v2.0/keys", () => Results.Json(new JsonObject
        {
            ["keys"] = new JsonArray(Jwk(EntraKey, EntraKeyId)),
        }));
        app.MapPost("/botframework.com/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            TokenRequests.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString()));
            return form["client_secret"] == AppPassword
                ? Results.Json(new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3599, ["ext_expires_in"] = 3599, ["access_token"] = ConnectorToken })
                : Results.Json(new JsonObject { ["error"] = "invalid_client" }, statusCode: 401);
        });
        app.MapPost("/amer/v3/conversations/{conversationId}/activities/{**activityId}", RecordActivity);
        app.MapPost("/amer/v3/conversations/{conversationId}/activities", RecordActivity);
    }

    private async Task<IResult> RecordActivity(HttpRequest request)
    {
        if (ConnectorFailures.TryDequeue(out var failure))
        {
            if (failure.RetryAfterSeconds is { } seconds)
                request.HttpContext.Response.Headers.RetryAfter = seconds.ToString();
            return Results.StatusCode(failure.Status);
        }
        var body = (JsonObject)(await JsonNode.ParseAsync(request.Body))!;
        // Path.Value keeps the %-escapes, so tests see exactly what was put on the wire.
        Activities.Enqueue(new ConnectorRequest(request.HttpContext.Features.Get<IHttpRequestFeature>()!.RawTarget,
            request.Headers.Authorization, request.ContentType, body));
        return Results.Json(new JsonObject { ["id"] = "1:" + Guid.NewGuid().ToString("N") }, statusCode: 201);
    }

    private static JsonObject Jwk(RSA key, string kid, params string[] endorsements)
    {
        var p = key.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        if (endorsements.Length > 0)
            jwk["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray());
        return jwk;
    }

    /// <summary>A Connector → bot token like Bot Framework's: iss api.botframework.com, aud the app id, a serviceurl claim.</summary>
    public string Token(string? serviceUrl = null, string issuer = "https://api.botframework.com", string audience = AppId,
        TimeSpan? expiresIn = null, RSA? key = null, string kid = TeamsKeyId)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires.AddHours(-1),
            NotBefore = expires.AddHours(-1),
            Expires = expires,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? ServiceUrl, ["appid"] = "d6d49420-f39b-4df7-a1dc-d59a935871db" },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? TeamsKey) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
        });
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static class SharedKeys
    {
        public static readonly RSA Teams = RSA.Create(2048);
        public static readonly RSA WebChat = RSA.Create(2048);
        public static readonly RSA Entra = RSA.Create(2048);
    }
}
