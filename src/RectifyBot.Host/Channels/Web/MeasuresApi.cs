using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Text;

namespace RectifyBot.Host.Channels.Web;

/// <summary>The quick-action lists: what is overdue, and what falls due in the next <see cref="MeasuresApi.DueSoonDays"/> days.</summary>
public sealed record MyMeasures(string Scope, IReadOnlyList<MeasureCard> Overdue, IReadOnlyList<MeasureCard> DueSoon);

/// <summary>One measure as the detail view shows it; statuses in Chinese.</summary>
public sealed record WebMeasure(
    int Number,
    string Text,
    string Finding,
    string FindingText,
    string LeadUnits,
    string SupportingUnits,
    string Deadline,
    DateOnly? DueDate,
    string Status,
    int DaysOverdue,
    IReadOnlyList<string> Claims,
    IReadOnlyList<WebUpdate> Updates,
    IReadOnlyList<WebEvidence> Evidence,
    IReadOnlyList<ReplyAction> Actions);

public sealed record WebUpdate(DateOnly On, string? Staff, string Text, string? Status);

/// <summary>A piece of evidence; <see cref="At"/> in the organisation's time zone, so the page shows the local day.</summary>
public sealed record WebEvidence(string FileName, string? Staff, DateTimeOffset At, long Size);

/// <summary>The office's review list: the badge's count, then each queue with its cards.</summary>
public sealed record WebReview(int Size, IReadOnlyList<WebReviewSection> Sections);

public sealed record WebReviewSection(string Title, IReadOnlyList<MeasureCard> Cards);

/// <summary>What a progress update changed, in a sentence and as a list, with the measure as it now is.</summary>
public sealed record ProgressResult(string Message, IReadOnlyList<Change> Changes, WebMeasure Measure);

/// <summary>The measures a signed-in person works with: their lists, one measure, and the "更新进展" form.</summary>
public static class MeasuresApi
{
    public const int DueSoonDays = 14;

    /// <summary>A progress note is a chat-length text, like a message to the bot.</summary>
    private const int MaxTextLength = ConversationEngine.MaxMessageLength;

    /// <summary>Multipart framing and the text fields on top of the largest evidence file.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapMeasuresApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequirePageHeader().RequireAuthorization();
        api.MapGet("/my/measures", MineAsync).OnOneConnection();
        api.MapGet("/review", ReviewAsync).OnOneConnection();
        api.MapGet("/measures/{number:int}", DetailAsync).OnOneConnection();
        api.MapPost("/measures/{number:int}/progress", ProgressAsync);
        return endpoints;
    }

    /// <summary>Unit staff see their unit's measures (led or claimed); the office and leaders see every unit's.</summary>
    private static async Task<Results<Ok<MyMeasures>, JsonHttpResult<WebError>>> MineAsync(
        ClaimsPrincipal user, Sessions sessions, RectifyDbContext db, MeasureQueries queries, OrganisationClock clock, CancellationToken ct)
    {
        if (await sessions.ActorAsync(user, db, ct) is not { } actor)
        {
            return WebAuthEndpoints.SignedOut();
        }
        var seesAll = actor.IsOffice || actor.IsLeader;
        if (!seesAll && actor.UnitId is null)
        {
            return WebPage.Error(StatusCodes.Status404NotFound, "您还没有所属单位。请整改办在人员名册中为您设置单位。");
        }
        var today = clock.Today;
        var filter = new MeasureFilter { InspectionId = await queries.DefaultInspectionIdAsync(null, ct), UnitId = seesAll ? null : actor.UnitId, Limit = 100 };
        var overdue = await queries.ListAsync(filter with { OverdueOnly = true }, today, ct);
        var dueSoon = await queries.ListAsync(filter with { DueBetween = (today, today.AddDays(DueSoonDays)) }, today, ct);
        return TypedResults.Ok(new MyMeasures(seesAll ? "全部单位" : actor.UnitName!,
            overdue.Select(m => ReplyFormat.Card(m, actor)).ToList(), dueSoon.Select(m => ReplyFormat.Card(m, actor)).ToList()));
    }

    /// <summary>The office's and leaders' review list; unit staff have none (an empty list, so the page shows no badge).</summary>
    private static async Task<Results<Ok<WebReview>, JsonHttpResult<WebError>>> ReviewAsync(
        ClaimsPrincipal user, Sessions sessions, RectifyDbContext db, MeasureQueries queries, ReviewQueues queues, Conversation.Handlers.OfficeHandlers office,
        OrganisationClock clock, CancellationToken ct)
    {
        if (await sessions.ActorAsync(user, db, ct) is not { } actor)
        {
            return WebAuthEndpoints.SignedOut();
        }
        if (!(actor.IsOffice || actor.IsLeader) || await queries.DefaultInspectionIdAsync(null, ct) is not { } inspection)
        {
            return TypedResults.Ok(new WebReview(0, []));
        }
        var queue = await queues.LoadAsync(inspection, clock.Time.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(new WebReview(queue.Size, office.Sections(queue).Select(s => new WebReviewSection(s.Title, s.Cards)).ToList()));
    }

    private static async Task<Results<Ok<WebMeasure>, JsonHttpResult<WebError>>> DetailAsync(
        int number, ClaimsPrincipal user, Sessions sessions, RectifyDbContext db, MeasureQueries queries, OrganisationClock clock, CancellationToken ct)
    {
        if (await sessions.ActorAsync(user, db, ct) is not { } actor)
        {
            return WebAuthEndpoints.SignedOut();
        }
        return await FindAsync(number, actor, queries, clock, ct) is { } found
            ? TypedResults.Ok(found)
            : await NoSuchMeasureAsync(number, queries, ct);
    }

    /// <summary>
    /// The "更新进展" form (multipart: text, status, file). The file is stored first, so a refused file leaves no
    /// half-done update behind; then the note and any status change are recorded.
    /// </summary>
    private static async Task<Results<Ok<ProgressResult>, JsonHttpResult<WebError>>> ProgressAsync(
        int number, HttpRequest request, ClaimsPrincipal user, Sessions sessions, RectifyDbContext db, MeasureQueries queries, MeasureWorkflow workflow,
        EvidenceStore evidence, OrganisationClock clock, ILoggerFactory logs, CancellationToken ct)
    {
        if (await sessions.ActorAsync(user, db, ct) is not { } actor)
        {
            return WebAuthEndpoints.SignedOut();
        }
        if (await queries.DefaultInspectionIdAsync(null, ct) is not { } inspection)
        {
            return WebPage.Error(StatusCodes.Status404NotFound, "库中还没有整改方案。");
        }
        if (!request.HasFormContentType)
        {
            return WebPage.Error(StatusCodes.Status415UnsupportedMediaType, "请通过页面上的“更新进展”表单提交。");
        }
        var limit = evidence.Options.MaxBytes + FormOverheadBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, ValueLengthLimit = MaxTextLength * 4 }, ct);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            return WebPage.Error(StatusCodes.Status413PayloadTooLarge, $"内容太大：文件不能超过{evidence.Options.MaxBytes / 1024 / 1024}MB，文字不能超过{MaxTextLength}字。");
        }

        var text = InputText.Clean(form["text"].ToString()).Trim();
        var statusWord = form["status"].ToString().Trim();
        var file = form.Files.GetFile("photo") ?? form.Files.GetFile("file");
        MeasureStatus? status = null;
        if (statusWord.Length > 0 && (status = MeasureStatusRules.Parse(statusWord)) is null)
        {
            return WebPage.Error(StatusCodes.Status400BadRequest, $"无法识别状态“{statusWord}”，可选：推进中、已完成、长期坚持。");
        }
        if (text.Length > MaxTextLength)
        {
            return WebPage.Error(StatusCodes.Status400BadRequest, $"进展说明太长了，请控制在{MaxTextLength}字以内。");
        }
        if (text.Length == 0 && (status is not null || file is null))
        {
            return WebPage.Error(StatusCodes.Status400BadRequest, status is null ? "请写明做了什么，或附上一份佐证材料。" : "改状态时请写明做了什么。");
        }

        var log = logs.CreateLogger(typeof(MeasuresApi));
        var results = new List<WriteResult>();
        if (file is { Length: > 0 })
        {
            await using var content = file.OpenReadStream();
            results.Add(await workflow.AddEvidenceAsync(actor, inspection, number, Path.GetFileName(file.FileName), file.ContentType, content, ChannelName.Web, ct));
        }
        if (text.Length > 0 && results.All(r => r.Ok))
        {
            results.Add(await workflow.RecordProgressAsync(actor, inspection, number, text, status, ChannelName.Web, ct));
        }
        if (results.FirstOrDefault(r => !r.Ok) is { } refused)
        {
            WebLog.ProgressRefused(log, number, actor.StaffId);
            return WebPage.Error(StatusCodes.Status422UnprocessableEntity, refused.Message);
        }
        var changes = results.SelectMany(r => r.Changes).ToList();
        WebLog.Progress(log, number, actor.StaffId, changes.Count, file is not null);
        var measure = await FindAsync(number, actor, queries, clock, ct);
        return TypedResults.Ok(new ProgressResult(string.Join("", results.Select(r => r.Message)), changes, measure!));
    }

    private static async Task<WebMeasure?> FindAsync(int number, Actor actor, MeasureQueries queries, OrganisationClock clock, CancellationToken ct) =>
        await queries.DefaultInspectionIdAsync(null, ct) is { } inspection && await queries.GetAsync(inspection, number, clock.Today, ct) is { } detail
            ? ToWebMeasure(detail, actor, clock)
            : null;

    private static async Task<JsonHttpResult<WebError>> NoSuchMeasureAsync(int number, MeasureQueries queries, CancellationToken ct) =>
        WebPage.Error(StatusCodes.Status404NotFound,
            await queries.DefaultInspectionIdAsync(null, ct) is { } inspection
                ? MeasureQueries.NoSuchMeasure(number, await queries.NumberRangeAsync(inspection, ct))
                : "库中还没有整改方案。");

    private static WebMeasure ToWebMeasure(MeasureDetail d, Actor actor, OrganisationClock clock) => new(
        d.Measure.Number,
        d.Measure.Text,
        d.FindingTitle,
        d.FindingText,
        string.Join("、", d.Measure.LeadUnits),
        string.Join("、", d.Measure.SupportingUnits),
        d.Measure.Deadline.SourceText ?? (d.Measure.DueDate is { } due ? $"{due:yyyy年M月d日}前" : "未定"),
        d.Measure.DueDate,
        d.Measure.Status.ToChinese(),
        d.Measure.DaysOverdue,
        d.Claims.Select(c => c.IsCoClaim ? $"{c.Unit}（共同认领）" : c.Unit).ToList(),
        d.Updates.Select(u => new WebUpdate(u.On, u.Staff, u.Text, u.StatusTo?.ToChinese())).ToList(),
        d.Evidence.Select(e => new WebEvidence(e.FileName, e.Staff, clock.Local(new DateTimeOffset(DateTime.SpecifyKind(e.At, DateTimeKind.Utc))), e.Size)).ToList(),
        ReplyFormat.Actions(d.Measure, actor));
}
