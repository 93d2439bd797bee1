using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RectifyBot.Host.Channels.WeCom;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.Web;

/// <summary>
/// Sign-in with WeCom (企业微信网页授权), offered when WeCom and Web:PublicUrl are both set: the page sends the
/// browser to WeCom's authorize page, WeCom sends it back with a code, and the code names the member, who signs
/// in as the roster person with that WeCom id. REF: …/path/91022 (构造网页授权链接), …/path/91023 (获取访问用户身份).
/// </summary>
public static class WeComSignIn
{
    /// <summary>The login name of someone signed in through WeCom: the roster is matched on their WeCom id.</summary>
    public const string LoginPrefix = "wecom:";

    private const string StateCookie = "rectifybot-wecom-state";
    private const string CallbackPath = "/api/login/wecom/callback";

    public static bool Offered(WeComOptions wecom, WebOptions web) => wecom.Enabled && web.PublicUrl is not null;

    public static IEndpointRouteBuilder MapWeComSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/login/options", (IOptions<WeComOptions> wecom, IOptions<WebOptions> web) =>
            TypedResults.Ok(new { wecom = Offered(wecom.Value, web.Value) }));
        endpoints.MapGet("/api/login/wecom", Start);
        endpoints.MapGet(CallbackPath, CallbackAsync);
        return endpoints;
    }

    private static IResult Start(HttpContext http, IOptions<WeComOptions> wecom, IOptions<WebOptions> web)
    {
        if (!Offered(wecom.Value, web.Value))
        {
            return Results.Json(new WebError("未配置企业微信登录，请使用账号密码登录。"), statusCode: StatusCodes.Status404NotFound);
        }
        var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        // Lax, not Strict: WeCom sends the browser back with a top-level navigation from its own site.
        http.Response.Cookies.Append(StateCookie, state, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromMinutes(10),
        });
        var back = new Uri(web.Value.PublicUrl!, CallbackPath.TrimStart('/'));
        var o = wecom.Value;
        return Results.Redirect(new Uri(o.OAuthBaseUrl,
            $"connect/oauth2/authorize?appid={Uri.EscapeDataString(o.CorpId!)}&redirect_uri={Uri.EscapeDataString(back.ToString())}" +
            $"&response_type=code&scope=snsapi_base&state={state}&agentid={o.AgentId}#wechat_redirect").ToString());
    }

    private static async Task<IResult> CallbackAsync(string? code, string? state, HttpContext http, WeComApiClient api,
        RectifyDbContext db, ILoggerFactory logs, CancellationToken ct)
    {
        var expected = http.Request.Cookies[StateCookie];
        http.Response.Cookies.Delete(StateCookie);
        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(state) || expected is null ||
            !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(state), System.Text.Encoding.ASCII.GetBytes(expected)))
        {
            return Page("企业微信登录已失效，请返回重新登录。", StatusCodes.Status400BadRequest);
        }
        var member = await api.GetUserIdAsync(code, ct);
        if (!member.Succeeded || member.Value is not { Length: > 0 } userId)
        {
            return Page("没能从企业微信确认您的身份，请稍后重试或使用账号密码登录。", StatusCodes.Status401Unauthorized);
        }
        var staff = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.WeComId == userId, ct);
        if (staff is null)
        {
            return Page("人员名册中没有您的企业微信账号，请联系整改办。", StatusCodes.Status403Forbidden);
        }
        var login = staff.WebLogin ?? LoginPrefix + userId;
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Sessions.Principal(staff, login));
        WebLog.SignedIn(logs.CreateLogger(typeof(WeComSignIn)), login);
        return Results.Redirect("/");
    }

    /// <summary>The browser is on a full page here, not in the app's fetch: it gets a sentence and a way back.</summary>
    private static IResult Page(string message, int status) => Results.Content(
        $"<!doctype html><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><p>{message}</p><p><a href=\"/\">返回</a></p>",
        "text/html; charset=utf-8", statusCode: status);
}
