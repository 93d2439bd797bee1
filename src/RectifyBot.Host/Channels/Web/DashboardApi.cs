using Microsoft.AspNetCore.Http.HttpResults;
using RectifyBot.Documents;
using RectifyBot.Reminders;
using System.Security.Claims;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.Web;

/// <summary>The dashboard's figures and the files the office hands upward, for signed-in users (the archive for the office).</summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequirePageHeader().RequireAuthorization();
        api.MapGet("/dashboard", async Task<Results<Ok<DashboardData>, JsonHttpResult<WebError>>> (Dashboard dashboard, OrganisationClock clock, CancellationToken ct) =>
            await dashboard.LoadAsync(clock.Today, ct) is { } data ? TypedResults.Ok(data) : NoPlan()).OnOneConnection();
        api.MapGet("/exports/ledger", (DocumentExports exports, CancellationToken ct) => FileAsync(exports.LedgerAsync(null, null, ct)));
        api.MapGet("/exports/report", (DocumentExports exports, CancellationToken ct) => FileAsync(exports.ReportAsync(null, null, ct)));
        // ?measure=51 (repeatable) for those measures, none for every measure, a page each.
        api.MapGet("/exports/closure", async Task<Results<FileContentHttpResult, JsonHttpResult<WebError>>> (int[]? measure, DocumentExports exports, CancellationToken ct) =>
        {
            if (await exports.ClosureAsync(null, measure ?? [], null, ct) is not { } file)
            {
                return NoPlan();
            }
            return ClosureForms.Missing(file.Ledger, measure ?? []) is { Count: > 0 } missing
                ? WebPage.Error(StatusCodes.Status404NotFound, $"方案中没有第{string.Join("、", missing)}项措施。")
                : TypedResults.File(file.Content, file.ContentType, file.FileName);
        });
        // The archive holds every unit's evidence: the office's.
        api.MapGet("/exports/archive", async Task<Results<FileContentHttpResult, JsonHttpResult<WebError>>> (ClaimsPrincipal user, Sessions sessions, RectifyDbContext db, DocumentExports exports, CancellationToken ct) =>
            await sessions.ActorAsync(user, db, ct) is { IsOffice: true }
                ? await FileAsync(exports.ArchiveAsync(null, null, ct))
                : WebPage.Error(StatusCodes.Status403Forbidden, "档案含各单位的佐证材料，只有整改办可以导出。"));
        return endpoints;
    }

    private static async Task<Results<FileContentHttpResult, JsonHttpResult<WebError>>> FileAsync(Task<ExportedFile?> export) =>
        await export is { } file ? TypedResults.File(file.Content, file.ContentType, file.FileName) : NoPlan();

    private static JsonHttpResult<WebError> NoPlan() => WebPage.Error(StatusCodes.Status404NotFound, "库中还没有整改方案。");
}
