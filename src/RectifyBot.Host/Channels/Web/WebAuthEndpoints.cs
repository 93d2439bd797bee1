using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.Web;

public sealed record LoginRequest(string? Login, string? Password);

/// <summary>A one-time code to bind a WeCom or Teams account, with the sentence the page shows.</summary>
public sealed record WebBindCode(string Code, DateTime ExpiresAt, string Message);

/// <summary>Who is signed in, as the page shows it.</summary>
public sealed record WebMe(string Login, string Name, string? Unit, string Role, bool SeesAll);

/// <summary>
/// Sign-in with local accounts (Staff.WebLogin and a PBKDF2 password hash) and a cookie; WeCom sign-in is in
/// <see cref="WeComSignIn"/>.
/// </summary>
public static class WebAuthEndpoints
{
    /// <summary>Checked when the login is unknown, so a wrong name costs as long as a wrong password and does not reveal which names exist.</summary>
    private static readonly string UnknownLoginHash = PasswordHasher.Hash(Guid.NewGuid().ToString());

    public static IEndpointRouteBuilder MapWebAuth(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequirePageHeader();
        api.MapPost("/login", LoginAsync);
        api.MapPost("/logout", LogoutAsync);
        api.MapGet("/me", MeAsync).RequireAuthorization();
        api.MapPost("/bind-code", BindCodeAsync).RequireAuthorization();
        return endpoints;
    }

    private static async Task<Results<Ok<WebMe>, JsonHttpResult<WebError>>> LoginAsync(
        LoginRequest request, HttpContext http, RectifyDbContext db, LoginThrottle throttle, ILoggerFactory logs, CancellationToken ct)
    {
        var login = request.Login?.Trim() ?? "";
        if (login.Length == 0 || string.IsNullOrEmpty(request.Password) || login.Length > 100 || request.Password.Length > 200)
        {
            return WebPage.Error(StatusCodes.Status400BadRequest, "请输入账号和密码。");
        }
        var log = logs.CreateLogger(typeof(WebAuthEndpoints));
        if (throttle.IsLocked(login))
        {
            WebLog.LoginLocked(log, login);
            return WebPage.Error(StatusCodes.Status429TooManyRequests, $"密码错误次数过多，请{LoginThrottle.Window.TotalMinutes:0}分钟后再试。");
        }
        var staff = await db.Staff.AsNoTracking().Include(s => s.Unit).FirstOrDefaultAsync(s => s.WebLogin == login, ct);
        if (!PasswordHasher.Verify(request.Password, staff?.PasswordHash ?? UnknownLoginHash) || staff is null)
        {
            throttle.Failed(login);
            WebLog.LoginFailed(log, login);
            return WebPage.Error(StatusCodes.Status401Unauthorized, "账号或密码不正确。");
        }
        throttle.Succeeded(login);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, staff.Id.ToString()), new Claim(ClaimTypes.Name, login)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        WebLog.SignedIn(log, login);
        return TypedResults.Ok(Me(login, Actor.From(staff)));
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http, ILoggerFactory logs)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        WebLog.SignedOut(logs.CreateLogger(typeof(WebAuthEndpoints)), http.User.Identity?.Name);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<WebMe>, JsonHttpResult<WebError>>> MeAsync(ClaimsPrincipal user, RectifyDbContext db, CancellationToken ct) =>
        await CurrentActorAsync(user, db, ct) is { } actor
            ? TypedResults.Ok(Me(user.Identity!.Name!, actor))
            : SignedOut();

    /// <summary>
    /// 绑定码: signed in here, a person proves who they are to WeCom or Teams by typing the code there. A new code
    /// replaces the last one.
    /// </summary>
    private static async Task<Results<Ok<WebBindCode>, JsonHttpResult<WebError>>> BindCodeAsync(
        ClaimsPrincipal user, RectifyDbContext db, AccountBinding binding, ILoggerFactory logs, CancellationToken ct)
    {
        if (await CurrentActorAsync(user, db, ct) is not { } actor)
        {
            return SignedOut();
        }
        var issued = await binding.IssueAsync(actor.StaffId, ct);
        WebLog.BindCodeIssued(logs.CreateLogger(typeof(WebAuthEndpoints)), actor.StaffId);
        return TypedResults.Ok(new WebBindCode(issued.Code, issued.ExpiresAt,
            $"您的绑定码是 {issued.Code}，{AccountBinding.Lifetime.TotalMinutes:0}分钟内有效，只能用一次。请在企业微信或 Teams 中给整改助手发送“绑定 {issued.Code}”，即可用该聊天账号办理。"));
    }

    /// <summary>
    /// The signed-in person, read afresh from the roster on every request: a changed unit or role applies at
    /// once, and a cookie stops working when the office removes or rebinds the login.
    /// </summary>
    internal static async Task<Actor?> CurrentActorAsync(ClaimsPrincipal user, RectifyDbContext db, CancellationToken ct)
    {
        if (!int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) || user.Identity?.Name is not { } login)
        {
            return null;
        }
        // Signed in with WeCom, a person without a web login is matched on their WeCom id.
        var wecomId = login.StartsWith(WeComSignIn.LoginPrefix, StringComparison.Ordinal) ? login[WeComSignIn.LoginPrefix.Length..] : null;
        var staff = await db.Staff.AsNoTracking().Include(s => s.Unit)
            .FirstOrDefaultAsync(s => s.Id == id && (s.WebLogin == login || (wecomId != null && s.WeComId == wecomId)), ct);
        return staff is null ? null : Actor.From(staff);
    }

    internal static JsonHttpResult<WebError> SignedOut() => WebPage.Error(StatusCodes.Status401Unauthorized, "登录已失效，请重新登录。");

    private static WebMe Me(string login, Actor actor) => new(login, actor.Name, actor.UnitName,
        actor.IsOffice ? "整改办" : actor.IsLeader ? "领导" : "科室人员", actor.IsOffice || actor.IsLeader);
}
