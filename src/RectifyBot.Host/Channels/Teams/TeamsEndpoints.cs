using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RectifyBot.Conversation.Understanding;

namespace RectifyBot.Host.Channels.Teams;

/// <summary>The Bot Framework messaging endpoint, <c>POST /api/messages</c>, that Teams' Bot Connector calls.</summary>
public static partial class TeamsEndpoints
{
    private const string LoggerName = "RectifyBot.Host.Channels.Teams";

    /// <summary>Maps POST /api/messages when the channel is on or in emulator mode, and says which.</summary>
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerName);
        if (options.Enabled)
            TeamsLog.Enabled(logger, options.AppId!, string.Join(", ", options.EffectiveIssuers),
                options.IsAllowedTenant(null) ? "any" : string.Join(", ", new[] { options.TenantId }.Concat(options.AllowedTenants).OfType<string>().Where(t => t.Length > 0)));
        else if (options.EmulatorMode)
            TeamsLog.EmulatorMode(logger);
        else
            TeamsLog.Off(logger);
        if (options.Listening)
            endpoints.MapPost("/api/messages", HandleAsync);
        return endpoints;
    }

    private static async Task<Results<Accepted, Ok<InvokeResponse>, Ok<JsonObject>, UnauthorizedHttpResult, BadRequest, StatusCodeHttpResult>> HandleAsync(
        HttpContext context, BotTokenValidator validator, ITeamsTurnSink sink, IOptions<TeamsOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(LoggerName);
        BotActivity? activity;
        try
        {
            activity = await context.Request.ReadFromJsonAsync(TeamsJson.Default.BotActivity, ct);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            TeamsLog.BadActivity(logger, e.Message);
            return TypedResults.BadRequest();
        }
        if (activity is null)
            return TypedResults.BadRequest();

        var auth = await AuthenticateAsync(context, activity, options.Value, validator, ct);
        if (!auth.IsValid)
        {
            TeamsLog.Rejected(logger, context.Connection.RemoteIpAddress?.ToString(), auth.Reason);
            return TypedResults.Unauthorized();
        }
        var tenant = activity.Conversation?.TenantId ?? activity.ChannelData?.Tenant?.Id;
        if (!options.Value.IsAllowedTenant(tenant))
        {
            TeamsLog.Rejected(logger, context.Connection.RemoteIpAddress?.ToString(), $"tenant {tenant ?? "(none)"} is not Teams:TenantId or in Teams:AllowedTenants");
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["ConversationId"] = activity.Conversation?.Id });
        if (Feedback(activity) is { } feedback)
        {
            await sink.RecordFeedbackAsync(feedback, ct);
            // "Handle feedback": the submitAction invoke is answered 200 with an empty object.
            return TypedResults.Ok(new JsonObject());
        }
        if (ToTurn(activity) is not { } turn)
        {
            TeamsLog.Ignored(logger, activity.Type, activity.Name);
            // Teams expects invokes it sent to be answered; 501 says "not handled" (as the SDKs answer unknown invokes).
            return activity.Type == "invoke" ? TypedResults.StatusCode(StatusCodes.Status501NotImplemented) : TypedResults.Accepted((string?)null);
        }
        if (turn is { Conversation.ConversationId: "" } or { Conversation.ServiceUrl: "" } or { ActivityId: "" })
            return TypedResults.BadRequest();

        // The engine's work runs behind the sink's queue: the Connector re-sends requests that take more than
        // ~15 seconds (bot-builder-howto-long-operations-guidance), so the request is answered now.
        if (!await sink.AcceptAsync(turn, ct))
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        TeamsLog.TurnAccepted(logger, turn.Kind, turn.ActivityId);
        return activity.Type == "invoke"
            // An invoke's answer is the HTTP response itself ("Universal Actions: adaptiveCard/action invoke response");
            // the real reply follows as a message once the engine has handled the action.
            ? TypedResults.Ok(new InvokeResponse(200, "application/vnd.microsoft.activity.message", JsonValue.Create("已收到，正在处理。")))
            : TypedResults.Accepted((string?)null);
    }

    internal static async Task<BotTokenValidation> AuthenticateAsync(HttpContext context, BotActivity activity, TeamsOptions options,
        BotTokenValidator validator, CancellationToken ct)
    {
        if (options.Enabled)
            return await validator.ValidateAsync(context.Request.Headers.Authorization, activity, ct);
        if (!options.EmulatorMode)
            return BotTokenValidation.Invalid("Teams is off");
        // Emulator mode: like the Bot Framework SDKs without an app id, but only for callers on this machine, and
        // none that came through a proxy (a same-host proxy makes every caller look local).
        var ip = context.Connection.RemoteIpAddress;
        if (context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Request.Headers.ContainsKey("Forwarded"))
            return BotTokenValidation.Invalid("emulator mode (Teams:EmulatorMode) refuses requests that came through a proxy");
        return ip is not null && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip)
            ? BotTokenValidation.Valid
            : BotTokenValidation.Invalid("emulator mode (Teams:EmulatorMode) accepts loopback callers only");
    }

    /// <summary>The turn an activity asks for, or null for activities the bot does not act on (typing, reactions, …).</summary>
    internal static TeamsTurn? ToTurn(BotActivity activity)
    {
        TeamsTurnKind? kind = activity switch
        {
            { Type: "message", Value: { ValueKind: JsonValueKind.Object } } => TeamsTurnKind.CardAction,
            { Type: "message" } => TeamsTurnKind.Message,
            { Type: "invoke", Name: "adaptiveCard/action" } => TeamsTurnKind.CardAction,
            { Type: "conversationUpdate" } when activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) == true => TeamsTurnKind.BotAdded,
            _ => null,
        };
        if (kind is null)
            return null;
        var reference = new TeamsConversationReference(activity.ServiceUrl ?? "", activity.Conversation?.Id ?? "",
            activity.Conversation?.TenantId ?? activity.ChannelData?.Tenant?.Id, activity.From?.AadObjectId);
        return new TeamsTurn(kind.Value, reference, activity.Id ?? "", activity.From ?? new ChannelAccount(""),
            activity.Conversation?.ConversationType ?? "personal", StripBotMention(activity), CardAction(activity), activity);
    }

    /// <summary>
    /// The <c>message/submitAction</c> invoke of the feedback buttons:
    /// <c>{"actionName":"feedback","actionValue":{"reaction":"dislike","feedback":"{\"feedbackText\":\"…\"}"}}</c>,
    /// whose <c>replyToId</c> is the message rated. REF: msteams-docs bots/how-to/feedback-buttons.
    /// </summary>
    internal static TeamsFeedback? Feedback(BotActivity activity)
    {
        if (activity is not { Type: "invoke", Name: "message/submitAction", Value: { ValueKind: JsonValueKind.Object } value, ReplyToId: { Length: > 0 } replyTo }
            || !value.TryGetProperty("actionName", out var name) || name.GetString() != "feedback"
            || !value.TryGetProperty("actionValue", out var action) || action.ValueKind != JsonValueKind.Object
            || !action.TryGetProperty("reaction", out var reaction) || reaction.GetString() is not { Length: > 0 } rating)
            return null;
        string? text = null;
        if (action.TryGetProperty("feedback", out var form) && form.ValueKind == JsonValueKind.String)
        {
            try
            {
                text = (string?)JsonNode.Parse(form.GetString()!)?["feedbackText"];
            }
            catch (JsonException)
            {
                text = form.GetString();
            }
        }
        return new TeamsFeedback(replyTo, activity.From?.AadObjectId ?? activity.From?.Id ?? "", rating, string.IsNullOrWhiteSpace(text) ? null : text);
    }

    /// <summary>
    /// Text without the bot's own mention: in group chats and channels the text reads "&lt;at&gt;Bot&lt;/at&gt; question" and the
    /// mention entity whose mentioned.id is the recipient carries that markup (Teams "Channel and group chat conversations with a bot").
    /// </summary>
    internal static string StripBotMention(BotActivity activity)
    {
        var text = activity.Text ?? "";
        foreach (var mention in activity.Entities ?? [])
        {
            if ((string?)mention["type"] != "mention" || (string?)mention["mentioned"]?["id"] is not { } id || id != activity.Recipient?.Id)
                continue;
            var markup = (string?)mention["text"] ?? $"<at>{(string?)mention["mentioned"]?["name"]}</at>";
            text = text.Replace(markup, "", StringComparison.Ordinal);
        }
        return Quoted(text.Replace("&nbsp;", " ", StringComparison.Ordinal)).Trim();
    }

    /// <summary>
    /// A quoted reply: Teams puts the quote in the text as a blockquote of itemtype http://schema.skype.com/Reply, with
    /// its author (itemprop mri) and a preview of its words, and the reply in paragraphs after it. It is read as any
    /// quoted reply (<see cref="QuotedReply"/>): the reply alone, the quote naming what it is about.
    /// </summary>
    private static string Quoted(string text)
    {
        if (!text.Contains("schema.skype.com/Reply", StringComparison.Ordinal) || ReplyQuote().Match(text) is not { Success: true } quote
            || QuoteWords().Match(quote.Value) is not { Success: true } words)
        {
            return text;
        }
        var reply = Plain(text[(quote.Index + quote.Length)..]);
        return reply.Length == 0 ? text : QuotedReply.Format(QuoteAuthor().Match(quote.Value) is { Success: true } a ? Plain(a.Groups[1].Value) : null, Plain(words.Groups[1].Value), reply);

        static string Plain(string html) => WebUtility.HtmlDecode(Tags().Replace(html, " ")).Trim();
    }

    [GeneratedRegex("""<blockquote[^>]*schema\.skype\.com/Reply[\s\S]*?</blockquote>""")]
    private static partial Regex ReplyQuote();

    [GeneratedRegex("""<strong[^>]*itemprop="mri"[^>]*>([^<]*)</strong>""")]
    private static partial Regex QuoteAuthor();

    [GeneratedRegex("""<p[^>]*itemprop="(?:copy|preview)"[^>]*>([\s\S]*?)</p>""")]
    private static partial Regex QuoteWords();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    /// <summary>
    /// The button data of an Action.Submit (the message's value) or of an Action.Execute invoke (value.action.data),
    /// when it has the shape <see cref="TeamsRenderer"/> writes.
    /// </summary>
    internal static TeamsCardAction? CardAction(BotActivity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
            return null;
        var data = activity.Type == "invoke" && value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
            && action.TryGetProperty("data", out var inner) ? inner : value;
        return data.ValueKind == JsonValueKind.Object && data.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
            && text.GetString() is { Length: > 0 } words
            ? new TeamsCardAction(words)
            : null;
    }
}

/// <summary>The body of an invoke's HTTP response (Teams Universal Actions: "Response format").</summary>
public sealed record InvokeResponse(int StatusCode, string Type, JsonNode? Value);
