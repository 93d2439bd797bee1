using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.Web;

/// <summary>
/// Sign-in cookies that can be revoked: each carries the person's security stamp (<see cref="Domain.Staff.SecurityStamp"/>)
/// as it was at sign-in, and is checked against the roster on every request, so signing out or changing the
/// password ends every session of that person at once. Who a cookie belongs to (stamp, logins, unit and roles) is
/// read from the roster at most once per version of the roster (<see cref="VersionScope.Roster"/>) as of a recent store
/// version (<see cref="RecentStoreVersion"/>), so a known cookie costs no database round trip: a change saved through this
/// server applies to the next request, one saved through another instance within <see cref="RecentStoreVersion.Reuse"/>.
/// </summary>
public sealed class Sessions(RecentStoreVersion versions, IDbContextFactory<RectifyDbContext> contexts)
{
    internal const string StampClaim = "rectifybot:stamp";

    private readonly VersionedCache<int, Holder?> _holders = new(10_000);
    private readonly VersionScope _roster = VersionScope.Roster();

    private sealed record Holder(string? WebLogin, string? WeComId, string Stamp, Actor Actor);

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
        if (context.Principal is null || await ActorAsync(context.Principal, context.HttpContext.RequestAborted) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>
    /// The signed-in person as the roster has them now (a changed unit or role applies at once), or null when the
    /// cookie is no longer theirs: revoked, or the office removed or rebound the login.
    /// </summary>
    public Task<Actor?> ActorAsync(ClaimsPrincipal user, RectifyDbContext db, CancellationToken ct) => ActorAsync(user, () => db, ct);

    /// <summary>
    /// The same, with a context of its own made only when the roster must be read: a known cookie, on almost every
    /// request, then costs no context either (making one was a sixth of an authenticated request's time).
    /// </summary>
    public async Task<Actor?> ActorAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        RectifyDbContext? db = null;
        try
        {
            return await ActorAsync(user, () => db ??= contexts.CreateDbContext(), ct);
        }
        finally
        {
            if (db is not null)
            {
                await db.DisposeAsync();
            }
        }
    }

    private async Task<Actor?> ActorAsync(ClaimsPrincipal user, Func<RectifyDbContext> db, CancellationToken ct)
    {
        if (!int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) || user.Identity?.Name is not { } login)
        {
            return null;
        }
        var holder = await _holders.GetAsync(await _roster.GetAsync(db, await versions.GetAsync(db, ct), ct), id, async () =>
            await db().Staff.AsNoTracking().Include(s => s.Unit).FirstOrDefaultAsync(s => s.Id == id, ct) is { } staff
                ? new Holder(staff.WebLogin, staff.WeComId, staff.SecurityStamp ?? "", Actor.From(staff))
                : null);
        // The login must still be this person's; signed in with WeCom, a person without a web login is matched on their WeCom id.
        return holder is not null && holder.Stamp == (user.FindFirstValue(StampClaim) ?? "")
            && (holder.WebLogin == login || (holder.WeComId is { } wecom && login == WeComSignIn.LoginPrefix + wecom))
            ? holder.Actor
            : null;
    }

    /// <summary>Gives the person a new stamp, which ends every session signed in before it. Audited, so the version moves.</summary>
    public static async Task RevokeAsync(RectifyDbContext db, Domain.Staff staff, string operation, CancellationToken ct)
    {
        db.BeginOperation(operation, staff.Id, Conversation.ChannelName.Web);
        staff.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(ct);
    }
}
