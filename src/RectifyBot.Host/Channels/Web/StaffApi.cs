using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.Web;

/// <summary>What a contacts sync did: people added and updated, units made, and in words what changed, person by person.</summary>
public sealed record StaffSyncResult(int Added, int Updated, IReadOnlyList<string> UnitsCreated, string Summary, IReadOnlyList<string> Changes);

/// <summary>POST /api/staff/sync-wecom: the office imports the WeCom contacts, as <c>rectifybot staff sync --wecom</c> does.</summary>
public static class StaffApi
{
    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api").RequirePageHeader().RequireAuthorization().MapPost("/staff/sync-wecom",
            async Task<Results<Ok<StaffSyncResult>, JsonHttpResult<WebError>>> (ClaimsPrincipal user, Sessions sessions, RectifyDbContext db, WeComContacts contacts,
                StaffRoster roster, CancellationToken ct) =>
            {
                if (await sessions.ActorAsync(user, db, ct) is not { } actor)
                {
                    return WebAuthEndpoints.SignedOut();
                }
                if (Permissions.ByRole(actor, Write.SyncContacts) is { } refusal)
                {
                    return WebPage.Error(StatusCodes.Status403Forbidden, refusal);
                }
                var result = await roster.SyncWeComAsync(await contacts.ReadAsync(ct), actor.StaffId, ct);
                return result.Errors is [var error, ..]
                    ? WebPage.Error(StatusCodes.Status502BadGateway, error)
                    : TypedResults.Ok(new StaffSyncResult(result.Added, result.Updated, result.UnitsCreated, result.Summary, result.Changes));
            });
        return endpoints;
    }
}
