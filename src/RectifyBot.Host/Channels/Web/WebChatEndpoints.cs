using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RectifyBot.Conversation;

namespace RectifyBot.Host.Channels.Web;

public sealed record ChatRequest(string? Text);

/// <summary>A file the bot produced (a report, a ledger), inline: the page offers it as a download.</summary>
public sealed record WebFile(string FileName, string ContentType, string Base64);

/// <summary>One reply as the page renders it; messages meant for other people (notices) go to them through the outboxes.</summary>
public sealed record ChatReply(
    string Text,
    IReadOnlyList<MeasureCard> Measures,
    ReplyTable? Table,
    IReadOnlyList<ReplyAction> Actions,
    IReadOnlyList<Citation> Citations,
    WebFile? File);

/// <summary>
/// POST /api/chat: one turn of the engine, in the request. Unlike Teams and WeCom there is no platform waiting
/// on a deadline, so the page simply waits for the answer.
/// </summary>
public static class WebChatEndpoints
{
    /// <summary>The engine refuses anything longer than its limit anyway; this keeps bodies small before parsing.</summary>
    private const long MaxBodyBytes = 32 * 1024;

    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api").RequirePageHeader().RequireAuthorization()
            .MapPost("/chat", ChatAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        return endpoints;
    }

    private static async Task<Results<Ok<ChatReply>, JsonHttpResult<WebError>>> ChatAsync(
        ChatRequest request, ClaimsPrincipal user, ConversationEngine engine, Outbox.Outboxes outboxes, CancellationToken ct)
    {
        if (user.Identity?.Name is not { } login)
        {
            return WebAuthEndpoints.SignedOut();
        }
        var turn = await engine.HandleAsync(new IncomingMessage(ChannelName.Web, login, request.Text), ct);
        await outboxes.NotifyAsync(turn.Reply.Notices, ct);
        return TypedResults.Ok(ToChatReply(turn.Reply));
    }

    private static ChatReply ToChatReply(Reply reply) => new(reply.Text, reply.Measures, reply.Table, reply.Actions, reply.Citations,
        reply.File is { } f ? new WebFile(f.FileName, f.ContentType, Convert.ToBase64String(f.Content)) : null);
}
