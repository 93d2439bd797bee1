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
/// serves them), an AAD v2 token endpoint for the client-credentials grant, and a Connector that records activities
/// and checks the rules Teams enforces on streams (streaming-ux) and on citations and the AI label
/// (bot-messages-ai-generated-content), recording each one broken in <see cref="Problems"/>.
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

    /// <summary>Posts an activity to the server's /api/messages as the Bot Connector does, signed by this fake.</summary>
    public async Task<System.Net.HttpStatusCode> PostActivityAsync(Uri server, string activity)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token());
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The server's command-line settings for a Teams bot that trusts this fake, then the test's own.</summary>
    public string[] ServerArguments(params string[] more) =>
    [
        $"--Teams:AppId={AppId}", $"--Teams:AppPassword={AppPassword}",
        $"--Teams:OpenIdMetadataUrl={MetadataUrl}", $"--Teams:TokenEndpoint={TokenEndpoint}",
        "--Teams:AllowedServiceUrls:0=http://127.0.0.1:*/amer/*", .. more,
    ];
    public string TenantMetadataUrl => BaseUrl + $"/{TeamsActivities.TenantId}/v2.0/.well-known/openid-configuration";
    public static string TenantIssuer => $"https://login.microsoftonline.com/{TeamsActivities.TenantId}/v2.0";

    public ConcurrentQueue<ConnectorRequest> Activities { get; } = new();
    public ConcurrentQueue<string> Problems { get; } = new();
    private readonly ConcurrentDictionary<string, StreamState> streams = new();

    private sealed class StreamState(string conversation, DateTimeOffset began)
    {
        public string Conversation { get; } = conversation;
        public DateTimeOffset Began { get; } = began;
        public DateTimeOffset Last { get; set; } = began;
        public int Sequence { get; set; } = 1;
        public string Text { get; set; } = "";
        public bool Finished { get; set; }
    }
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
        CheckAnswer(body);
        var conversation = (string)request.RouteValues["conversationId"]!;
        if (body["entities"]?.AsArray().FirstOrDefault(e => (string?)e?["type"] == "streaminfo") is JsonObject info)
            return Stream(conversation, body, info);
        return Results.Json(new JsonObject { ["id"] = "1:" + Guid.NewGuid().ToString("N") }, statusCode: 201);
    }

    /// <summary>Teams streaming: informative first (201 with the stream id), then streaming and final updates (202).</summary>
    private IResult Stream(string conversation, JsonObject body, JsonObject info)
    {
        var now = DateTimeOffset.UtcNow;
        var type = (string?)info["streamType"];
        var sequence = (int?)info["streamSequence"];
        if (!conversation.StartsWith("a:", StringComparison.Ordinal))
            Problem($"a stream outside a personal chat: {conversation}");
        if (type != "final" && (body["attachments"] is not null || body["channelData"]?["feedbackLoop"] is not null
            || body["entities"]!.AsArray().Any(e => (string?)e?["type"] == "https://schema.org/Message" && e?["additionalType"] is not null)))
            Problem("attachments, the AI label or feedback on a stream update that is not the final one");
        if ((string?)info["streamId"] is not { } id)
        {
            if (type != "informative" || sequence != 1 || (string?)body["type"] != "typing" || ((string?)body["text"])?.Length is not (> 0 and <= 1000))
                Problem($"a new stream must open with an informative typing update, sequence 1, ≤ 1000 characters: {body.ToJsonString()}");
            var started = "stream-" + Guid.NewGuid().ToString("N");
            if (streams.Values.Any(s => s.Conversation == conversation && !s.Finished))
                Problem("a second stream in a chat while one is open");
            streams[started] = new StreamState(conversation, now) { Text = (string?)body["text"] ?? "" };
            return Results.Json(new JsonObject { ["id"] = started }, statusCode: 201);
        }
        if (!streams.TryGetValue(id, out var stream) || stream.Finished)
            return Problem403($"an update to stream {id}, which is not open");
        if (now - stream.Last < TimeSpan.FromSeconds(1))
            Problem($"stream updates {(now - stream.Last).TotalMilliseconds:0} ms apart (at most one a second)");
        if (now - stream.Began > TimeSpan.FromMinutes(2))
            return Problem403("ContentStreamNotAllowed: the stream is older than two minutes");
        stream.Last = now;
        if (type == "final")
        {
            if ((string?)body["type"] != "message" || sequence is not null)
                Problem($"the final update must be a message without streamSequence: {body.ToJsonString()}");
            stream.Finished = true;
            return Results.StatusCode(202);
        }
        if (type != "streaming" && type != "informative" || sequence != stream.Sequence + 1 || (string?)body["type"] != "typing")
            Problem($"ContentStreamSequenceOrderPreConditionFailed: {body.ToJsonString()}");
        stream.Sequence = sequence ?? stream.Sequence;
        return Results.StatusCode(202);
    }

    /// <summary>The one schema.org Message entity: at most 20 claims, each position a [n] in the text, names and abstracts within bounds.</summary>
    private void CheckAnswer(JsonObject body)
    {
        var answers = body["entities"]?.AsArray().Where(e => (string?)e?["type"] == "https://schema.org/Message").ToList() ?? [];
        if (answers.Count > 1)
            Problem("more than one schema.org Message entity");
        if (answers.FirstOrDefault() is not JsonObject answer)
            return;
        if ((string?)answer["@type"] != "Message" || (string?)answer["@context"] != "https://schema.org")
            Problem($"the Message entity's @type and @context: {answer.ToJsonString()}");
        var claims = answer["citation"]?.AsArray() ?? [];
        if (claims.Count > 20)
            Problem("more than 20 citations");
        var text = (string?)body["text"] ?? "";
        foreach (var claim in claims)
        {
            if ((string?)claim?["@type"] != "Claim" || (int?)claim?["position"] is not { } n || !text.Contains($"[{n}]", StringComparison.Ordinal))
                Problem($"a citation whose position is not a [n] in the text: {claim?.ToJsonString()}");
            if (((string?)claim?["appearance"]?["name"])?.Length is not (> 0 and <= 80) || ((string?)claim?["appearance"]?["abstract"])?.Length > 160)
                Problem($"a citation's name or abstract too long: {claim?.ToJsonString()}");
        }
    }

    private void Problem(string problem) => Problems.Enqueue(problem);

    private IResult Problem403(string problem)
    {
        Problem(problem);
        return Results.StatusCode(403);
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
