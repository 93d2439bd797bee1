using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace RectifyBot.Host.Channels.Teams;

/// <summary>
/// Sends activities through the Bot Connector REST API (learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference):
/// "Reply to Activity" <c>POST {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId}</c> and
/// "Send to Conversation" <c>POST {serviceUrl}/v3/conversations/{conversationId}/activities</c> for proactive messages.
/// </summary>
public sealed class BotConnectorClient
{
    private const int MaxRetries = 3;
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    private readonly HttpClient http;
    private readonly ConnectorTokenProvider tokens;
    private readonly TeamsOptions options;
    private readonly ILogger<BotConnectorClient> logger;
    private readonly Telemetry telemetry;
    private readonly ResiliencePipeline<HttpResponseMessage> retry;

    public BotConnectorClient(HttpClient http, ConnectorTokenProvider tokens, IOptions<TeamsOptions> options,
        TimeProvider clock, Telemetry telemetry, ILogger<BotConnectorClient> logger)
    {
        this.telemetry = telemetry;
        this.http = http;
        this.tokens = tokens;
        this.options = options.Value;
        this.logger = logger;
        retry = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                // Teams throttles per bot and thread with 429 (Teams "Optimize your bot: rate limiting" doc) and its
                // gateways answer 502/503/504 when a request did not get through. A 500 is not retried: creating
                // an activity is not idempotent and the message may already have been posted.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests
                    or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout),
                MaxRetryAttempts = MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, clock)),
                OnRetry = args =>
                {
                    TeamsLog.ConnectorRetry(logger, (int?)args.Outcome.Result?.StatusCode ?? 0, args.AttemptNumber + 1, args.RetryDelay);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Replies in the thread of <paramref name="replyToId"/>; returns the new activity's id.</summary>
    public Task<string?> ReplyAsync(TeamsConversationReference conversation, string replyToId, BotActivity activity, CancellationToken ct) =>
        PostAsync(conversation, $"/{Uri.EscapeDataString(replyToId)}", activity with { ReplyToId = replyToId }, ct);

    /// <summary>Posts a new message to a stored conversation (proactive); returns the new activity's id.</summary>
    public Task<string?> SendAsync(TeamsConversationReference conversation, BotActivity activity, CancellationToken ct) =>
        PostAsync(conversation, "", activity, ct);

    private async Task<string?> PostAsync(TeamsConversationReference conversation, string activitySuffix, BotActivity activity, CancellationToken ct)
    {
        // Our token must only ever reach a Connector we trust, so an unexpected serviceUrl is refused before any call.
        if (!options.IsAllowedServiceUrl(conversation.ServiceUrl))
            throw new InvalidOperationException($"serviceUrl '{conversation.ServiceUrl}' is not in Teams:AllowedServiceUrls.");
        var uri = new Uri($"{conversation.ServiceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(conversation.ConversationId)}/activities{activitySuffix}");
        var body = activity with
        {
            Conversation = activity.Conversation ?? new ConversationAccount(conversation.ConversationId, TenantId: conversation.TenantId),
            ChannelId = activity.ChannelId ?? "msteams",
            ServiceUrl = null,
        };
        // In local emulator mode there is no app registration and the emulator's connector takes no token.
        var bearer = options.Enabled ? await tokens.GetTokenAsync(ct) : null;

        using var response = await retry.ExecuteAsync(async attemptCt =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body, TeamsJson.Default.BotActivity) };
            if (bearer is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            return await http.SendAsync(request, attemptCt);
        }, ct);

        if (!response.IsSuccessStatusCode)
        {
            TeamsLog.ConnectorFailed(logger, (int)response.StatusCode, uri.Host);
            telemetry.OutboundFailed("teams", activity.Type);
            throw new HttpRequestException($"Bot Connector answered {(int)response.StatusCode} for {activity.Type} to {uri.Host}.", null, response.StatusCode);
        }
        // 200/201 carry {"id"}; some operations (typing) answer 202 with no body.
        var json = await response.Content.ReadAsStringAsync(ct);
        return string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize(json, TeamsJson.Default.ConnectorResourceResponse)?.Id;
    }

    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider clock)
    {
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date - clock.GetUtcNow());
        // Null falls back to the exponential backoff with jitter configured above.
        return wait is null ? null : TimeSpan.FromTicks(Math.Clamp(wait.Value.Ticks, 0, MaxRetryAfter.Ticks));
    }
}

/// <summary>The Connector's ResourceResponse: the id of the activity it created.</summary>
internal sealed record ConnectorResourceResponse(string? Id);
