using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.Web;

/// <summary>
/// Sign-in cookies that can be revoked: each carries the person's security stamp (<see cref="Domain.Staff.SecurityStamp"/>)
/// as it was at sign-in, and is checked against the roster on every request, so signing out or changing the
/// password ends every session of that person at once. The roster is read at most once per store version: a
/// request costs one lookup of the version, and a change to the stamp moves the version.
/// </summary>
public sealed class Sessions
{
    internal const string StampClaim = "rectifybot:stamp";

    private readonly VersionedCache<int, Holder?> _holders = new(10_000);

    private sealed record Holder(string? WebLogin, string? WeComId, string Stamp);

    /// <summary>The cookie's identity for <paramref name="staff"/> signed in as <paramref name="login"/>.</summary>
    public static ClaimsPrincipal Principal(Domain.Staff staff, string login) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, staff.Id.ToString()),
            new Claim(ClaimTypes.Name, login),
            new Claim(StampClaim, staff.SecurityStamp ?? ""),
        ],
        CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>The cookie handler's check on every request: a revoked cookie is dropped and the request is anonymous.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<RectifyDbContext>();
        if (context.Principal is null || !await IsCurrentAsync(context.Principal, db, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    internal async Task<bool> IsCurrentAsync(ClaimsPrincipal user, RectifyDbContext db, CancellationToken ct)
    {
        if (!int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) || user.Identity?.Name is not { } login)
        {
            return false;
        }
        var version = await StoreVersion.CurrentAsync(db, ct);
        var holder = await _holders.GetAsync(version, id, () => db.Staff.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new Holder(s.WebLogin, s.WeComId, s.SecurityStamp ?? "")).FirstOrDefaultAsync(ct));
        // The login must still be this person's: the office may have removed or rebound it.
        return holder is not null && holder.Stamp == (user.FindFirstValue(StampClaim) ?? "")
            && (holder.WebLogin == login || (holder.WeComId is { } wecom && login == WeComSignIn.LoginPrefix + wecom));
    }

    /// <summary>Gives the person a new stamp, which ends every session signed in before it. Audited, so the version moves.</summary>
    public static async Task RevokeAsync(RectifyDbContext db, Domain.Staff staff, string operation, CancellationToken ct)
    {
        db.BeginOperation(operation, staff.Id, Conversation.ChannelName.Web);
        staff.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(ct);
    }
}
