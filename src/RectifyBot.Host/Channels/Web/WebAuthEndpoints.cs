using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.Web;

public sealed record LoginRequest(string? Login, string? Password);

public sealed record PasswordChange(string? Current, string? Next);

/// <summary>A one-time code to bind a WeCom or Teams account, with the sentence the page shows.</summary>
public sealed record WebBindCode(string Code, DateTime ExpiresAt, string Message);

/// <summary>Who is signed in, as the page shows it.</summary>
/// <summary>Who is signed in; <see cref="SyncsContacts"/>: the page offers the WeCom contacts sync (the office).</summary>
public sealed record WebMe(string Login, string Name, string? Unit, string Role, bool SeesAll, bool SyncsContacts);

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
        api.MapPost("/password", ChangePasswordAsync).RequireAuthorization();
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
        var client = http.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(login, client) is { TotalSeconds: > 0 } wait)
        {
            WebLog.LoginThrottled(log, login, client?.ToString());
            http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return WebPage.Error(StatusCodes.Status429TooManyRequests, $"登录失败次数过多，请{Math.Ceiling(wait.TotalSeconds):0}秒后再试。");
        }
        var staff = await db.Staff.Include(s => s.Unit).FirstOrDefaultAsync(s => s.WebLogin == login, ct);
        if (!PasswordHasher.Verify(request.Password, staff?.PasswordHash ?? UnknownLoginHash) || staff is null)
        {
            throttle.Failed(login, client);
            WebLog.LoginFailed(log, login);
            return WebPage.Error(StatusCodes.Status401Unauthorized, "账号或密码不正确。");
        }
        throttle.Succeeded(login);
        if (PasswordHasher.NeedsRehash(staff.PasswordHash!))
        {
            // Stored with fewer iterations than today's: the password is at hand now, so it is hashed again.
            db.BeginOperation("更新密码存储", staff.Id, Conversation.ChannelName.Web);
            staff.PasswordHash = PasswordHasher.Hash(request.Password);
            await db.SaveChangesAsync(ct);
        }
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Sessions.Principal(staff, login));
        WebLog.SignedIn(log, login);
        return TypedResults.Ok(Me(login, Actor.From(staff)));
    }

    /// <summary>Signs out everywhere: the person's stamp changes, so no cookie issued before works any more.</summary>
    private static async Task<NoContent> LogoutAsync(HttpContext http, RectifyDbContext db, ILoggerFactory logs, CancellationToken ct)
    {
        if (int.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) && await db.Staff.FindAsync([id], ct) is { } staff)
        {
            await Sessions.RevokeAsync(db, staff, "退出登录", ct);
        }
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        WebLog.SignedOut(logs.CreateLogger(typeof(WebAuthEndpoints)), http.User.Identity?.Name);
        return TypedResults.NoContent();
    }

    /// <summary>A new password ends every other session; this one is signed in again with the new stamp.</summary>
    private static async Task<Results<NoContent, JsonHttpResult<WebError>>> ChangePasswordAsync(
        PasswordChange request, HttpContext http, RectifyDbContext db, LoginThrottle throttle, ILoggerFactory logs, CancellationToken ct)
    {
        if (!int.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) || await db.Staff.FindAsync([id], ct) is not { } staff
            || staff.WebLogin is not { } login || http.User.Identity?.Name != login)
        {
            return WebPage.Error(StatusCodes.Status400BadRequest, "只有账号密码登录的用户可以修改密码。");
        }
        if (request.Next is not { } next || next.Length < PasswordHasher.MinLength || next.Length > 200)
        {
            return WebPage.Error(StatusCodes.Status400BadRequest, $"新密码至少{PasswordHasher.MinLength}位。");
        }
        var client = http.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(login, client) is { TotalSeconds: > 0 } wait)
        {
            return WebPage.Error(StatusCodes.Status429TooManyRequests, $"失败次数过多，请{Math.Ceiling(wait.TotalSeconds):0}秒后再试。");
        }
        if (request.Current is not { Length: <= 200 } current || !PasswordHasher.Verify(current, staff.PasswordHash))
        {
            throttle.Failed(login, client);
            return WebPage.Error(StatusCodes.Status400BadRequest, "原密码不正确。");
        }
        staff.PasswordHash = PasswordHasher.Hash(next);
        await Sessions.RevokeAsync(db, staff, "修改密码", ct);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Sessions.Principal(staff, login));
        WebLog.PasswordChanged(logs.CreateLogger(typeof(WebAuthEndpoints)), login);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<WebMe>, JsonHttpResult<WebError>>> MeAsync(ClaimsPrincipal user, Sessions sessions, CancellationToken ct) =>
        await sessions.ActorAsync(user, ct) is { } actor
            ? TypedResults.Ok(Me(user.Identity!.Name!, actor))
            : SignedOut();

    /// <summary>
    /// 绑定码: signed in here, a person proves who they are to WeCom or Teams by typing the code there. A new code
    /// replaces the last one.
    /// </summary>
    private static async Task<Results<Ok<WebBindCode>, JsonHttpResult<WebError>>> BindCodeAsync(
        ClaimsPrincipal user, Sessions sessions, AccountBinding binding, ILoggerFactory logs, CancellationToken ct)
    {
        if (await sessions.ActorAsync(user, ct) is not { } actor)
        {
            return SignedOut();
        }
        var issued = await binding.IssueAsync(actor.StaffId, ct);
        WebLog.BindCodeIssued(logs.CreateLogger(typeof(WebAuthEndpoints)), actor.StaffId);
        return TypedResults.Ok(new WebBindCode(issued.Code, issued.ExpiresAt,
            $"您的绑定码是 {issued.Code}，{AccountBinding.Lifetime.TotalMinutes:0}分钟内有效，只能用一次。请在企业微信或 Teams 中给整改助手发送“绑定 {issued.Code}”，即可用该聊天账号办理。"));
    }

    internal static JsonHttpResult<WebError> SignedOut() => WebPage.Error(StatusCodes.Status401Unauthorized, "登录已失效，请重新登录。");

    private static WebMe Me(string login, Actor actor) => new(login, actor.Name, actor.UnitName,
        actor.IsOffice ? "整改办" : actor.IsLeader ? "领导" : "科室人员", actor.IsOffice || actor.IsLeader, Permissions.ByRole(actor, Write.SyncContacts) is null);
}
