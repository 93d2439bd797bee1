using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Conversation;

/// <summary>
/// The roster person behind each channel account (null: nobody yet), kept between turns at the store's version
/// like <see cref="ConversationSnapshot"/>. The roster and its bindings change only through audited saves ("绑定 123456",
/// a roster import, the office's edits), and each of those moves the roster's version (<see cref="VersionScope.Roster"/>).
/// </summary>
public sealed class ChannelIdentities
{
    private readonly VersionedCache<(string Channel, string User), Actor?> _cache = new(capacity: 20_000);
    private readonly VersionScope _roster = VersionScope.Roster();

    /// <param name="version">The store's version, read before this call (<see cref="StoreVersion"/>).</param>
    public async Task<Actor?> GetAsync(RectifyDbContext db, long version, IncomingMessage message, CancellationToken ct) =>
        await _cache.GetAsync(await _roster.GetAsync(() => db, version, ct), (message.Channel, message.Upn is null ? message.UserId : $"{message.UserId}|{message.Upn}"), async () =>
            await Account(db.Staff.AsNoTracking(), message.Channel, message.UserId, message.Upn?.ToLowerInvariant()).Include(s => s.Unit)
                .OrderBy(s => s.TeamsId == message.UserId ? 0 : 1).FirstOrDefaultAsync(ct) is { } staff
                ? Actor.From(staff)
                : null);

    private static IQueryable<Staff> Account(IQueryable<Staff> staff, string channel, string user, string? upn) => channel switch
    {
        // The office may know a Teams user by object id or by UPN (the roster's teamsId column takes either).
        ChannelName.Teams when upn is not null => staff.Where(s => s.TeamsId == user || s.TeamsUpn == upn),
        ChannelName.Teams => staff.Where(s => s.TeamsId == user),
        ChannelName.WeCom => staff.Where(s => s.WeComId == user),
        // The web page signs WeCom users in as "wecom:<userid>" when they have no web login of their own.
        ChannelName.Web when user.StartsWith("wecom:", StringComparison.Ordinal) => staff.Where(s => s.WeComId == user.Substring(6)),
        ChannelName.Web => staff.Where(s => s.WebLogin == user),
        _ => staff.Where(s => s.Name == user),
    };
}
