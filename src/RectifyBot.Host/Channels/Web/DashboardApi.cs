using Microsoft.AspNetCore.Http.HttpResults;
using RectifyBot.Documents;
using RectifyBot.Reminders;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.Web;

/// <summary>The dashboard's figures and the two files the office hands upward, for signed-in users.</summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequirePageHeader().RequireAuthorization();
        api.MapGet("/dashboard", async Task<Results<Ok<DashboardData>, JsonHttpResult<WebError>>> (Dashboard dashboard, OrganisationClock clock, CancellationToken ct) =>
            await dashboard.LoadAsync(clock.Today, ct) is { } data ? TypedResults.Ok(data) : NoPlan());
        api.MapGet("/exports/ledger", (DocumentExports exports, CancellationToken ct) => FileAsync(exports.LedgerAsync(null, null, ct)));
        api.MapGet("/exports/report", (DocumentExports exports, CancellationToken ct) => FileAsync(exports.ReportAsync(null, null, ct)));
        return endpoints;
    }

    private static async Task<Results<FileContentHttpResult, JsonHttpResult<WebError>>> FileAsync(Task<ExportedFile?> export) =>
        await export is { } file ? TypedResults.File(file.Content, file.ContentType, file.FileName) : NoPlan();

    private static JsonHttpResult<WebError> NoPlan() => WebPage.Error(StatusCodes.Status404NotFound, "库中还没有整改方案。");
}
