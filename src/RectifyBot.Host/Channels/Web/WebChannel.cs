using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.Web;

/// <summary>Every error the web API returns: one short Chinese sentence the page shows as it is.</summary>
public sealed record WebError(string Error);

/// <summary>
/// The web channel's plumbing: cookie sign-in, the page's static files, and Chinese errors for what the
/// framework itself rejects (bad JSON, too large, wrong method).
/// </summary>
public static class WebPage
{
    /// <summary>
    /// The page files are copied beside the binaries (see the project file): the content root is the folder of
    /// appsettings.json, usually the repository root, which has no wwwroot.
    /// </summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>
    /// Cross-site request forgery: the cookie is SameSite=Strict, so a browser never sends it with a request
    /// started by another site; and every POST must carry this header, which a cross-site form cannot set and a
    /// cross-site fetch cannot send without a CORS preflight that we never grant. Two independent guards and no
    /// token to thread through the page or the multipart upload.
    /// </summary>
    public const string RequestHeader = "X-RectifyBot";

    internal const string CookieName = "rectifybot";

    private static readonly string[] ApiPaths = ["/api/login", "/api/logout", "/api/password", "/api/me", "/api/bind-code", "/api/chat", "/api/my", "/api/measures", "/api/dashboard", "/api/exports"];

    public static IServiceCollection AddWebChannel(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the page is served over HTTPS (behind a TLS proxy too); the default loopback is plain HTTP.
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.SlidingExpiration = true;
            // An API answers 401/403, never a redirect to a login page that does not exist.
            cookie.Events.OnRedirectToLogin = context => WriteErrorAsync(context.Response, StatusCodes.Status401Unauthorized, "请先登录。");
            cookie.Events.OnRedirectToAccessDenied = context => WriteErrorAsync(context.Response, StatusCodes.Status403Forbidden, "您没有权限这样做。");
            cookie.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<Sessions>().ValidateAsync(context);
        });
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, KeptTickets.Wrap>();
        services.AddSingleton<Sessions>();
        services.AddAuthorization();
        services.AddSingleton<LoginThrottle>();
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section);
        services.AddSingleton<FileLinks>();
        return services;
    }

    /// <summary>Serves index.html at / and the page's files, and gives the web API's bare error statuses a sentence.</summary>
    public static WebApplication UseWebPage(this WebApplication app)
    {
        app.UseWhen(context => ApiPaths.Any(p => context.Request.Path.StartsWithSegments(p)),
            api => api.UseStatusCodePages(context => WriteErrorAsync(context.HttpContext.Response, context.HttpContext.Response.StatusCode, null)));
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

    /// <summary>Requires <see cref="RequestHeader"/> on a group of POST endpoints.</summary>
    internal static RouteGroupBuilder RequirePageHeader(this RouteGroupBuilder group) => group.AddEndpointFilter(async (context, next) =>
        HttpMethods.IsGet(context.HttpContext.Request.Method) || context.HttpContext.Request.Headers.ContainsKey(RequestHeader)
            ? await next(context)
            : TypedResults.Json(new WebError("请求来自本站页面以外，已拒绝。请刷新页面后重试。"), statusCode: StatusCodes.Status403Forbidden));

    /// <summary>
    /// A page's read runs its statements on one connection, as a chat turn does (<see cref="RectifyDbContext.OpenForWorkAsync"/>):
    /// a measure as the page shows it took one from the pool for each of its statements, its lists more. Reads only:
    /// an upload is not waited for with a connection held.
    /// </summary>
    internal static RouteHandlerBuilder OnOneConnection(this RouteHandlerBuilder endpoint) => endpoint.AddEndpointFilter(async (context, next) =>
    {
        await using var connection = await context.HttpContext.RequestServices.GetRequiredService<RectifyDbContext>().OpenForWorkAsync(context.HttpContext.RequestAborted);
        return await next(context);
    });

    internal static JsonHttpResult<WebError> Error(int status, string message) => TypedResults.Json(new WebError(message), statusCode: status);

    private static Task WriteErrorAsync(HttpResponse response, int status, string? message)
    {
        response.StatusCode = status;
        return response.WriteAsJsonAsync(new WebError(message ?? DefaultMessage(status)));
    }

    private static string DefaultMessage(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "请求格式不正确，请刷新页面后重试。",
        StatusCodes.Status401Unauthorized => "请先登录。",
        StatusCodes.Status403Forbidden => "您没有权限这样做。",
        StatusCodes.Status404NotFound => "没有这个地址。",
        StatusCodes.Status405MethodNotAllowed => "不支持这种请求方式。",
        StatusCodes.Status413PayloadTooLarge => "内容太大，请压缩后再上传。",
        StatusCodes.Status415UnsupportedMediaType => "请求格式不正确，请刷新页面后重试。",
        StatusCodes.Status429TooManyRequests => "请求太频繁，请稍后再试。",
        _ => "服务器出错了，请稍后再试。",
    };
}
