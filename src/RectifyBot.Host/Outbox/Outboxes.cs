using Microsoft.EntityFrameworkCore;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Reminders;
using RectifyBot.Store;

namespace RectifyBot.Host.Outbox;

/// <summary>
/// The channels' outboxes, and the choice of where each person is reached: on the channel they last wrote from
/// (the newest of their stored references whose channel is on), and otherwise by a WeCom app message when they have
/// a WeCom userid, since the app reaches any member of the corp. Each person gets a message once. People on the web
/// page alone see it the next time they ask.
/// </summary>
public sealed partial class Outboxes(IEnumerable<IOutbox> outboxes, IServiceScopeFactory scopes, ILogger<Outboxes> logger)
{
    private readonly IReadOnlyList<IOutbox> _all = [.. outboxes];

    public IOutbox For(ReplyTo to) => _all.FirstOrDefault(o => o.Channel == to.Channel)
        ?? throw new InvalidOperationException($"No outbox for the {to.Channel} channel is registered.");

    /// <summary>Messages a turn leaves for other people (the office told of a close request, a unit told of a return).</summary>
    public async Task NotifyAsync(IReadOnlyList<Notice> notices, CancellationToken ct)
    {
        if (notices.Count == 0)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        foreach (var notice in notices)
        {
            var staff = db.Staff.Where(s => notice.ToOffice ? ((int)s.Roles & (int)StaffRoles.Office) != 0 : s.UnitId == notice.UnitId).Select(s => s.Id);
            var chosen = await ChooseAsync(db, await staff.ToListAsync(ct), ct);
            foreach (var outbox in _all)
            {
                try
                {
                    await outbox.SendAsync(new Recipients([.. chosen[outbox.Channel]], null), new Outgoing(new Reply(notice.Text)), ct);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or System.Net.WebSockets.WebSocketException or TimeoutException)
                {
                    // A notice that cannot go out must not undo the turn that made it; the reminders repeat what is pending.
                    Log.NoticeFailed(logger, e, outbox.Channel);
                }
            }
        }
    }

    /// <summary>Sends to those of <paramref name="staffIds"/> this outbox is the one to reach, and to the unit's group where it has one.</summary>
    public async Task<bool> SendAsync(IOutbox outbox, IReadOnlyList<int> staffIds, string? unitName, Outgoing message, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var chosen = await ChooseAsync(scope.ServiceProvider.GetRequiredService<RectifyDbContext>(), staffIds, ct);
        return await outbox.SendAsync(new Recipients([.. chosen[outbox.Channel]], unitName), message, ct);
    }

    /// <summary>Each person under the channel that reaches them; someone no channel reaches is under none.</summary>
    private async Task<ILookup<string, Recipient>> ChooseAsync(RectifyDbContext db, IReadOnlyList<int> staffIds, CancellationToken ct)
    {
        var on = _all.Where(o => o.Enabled).Select(o => o.Channel).ToList();
        var people = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).Select(s => new { s.Id, s.WeComId }).ToListAsync(ct);
        var references = (await db.ConversationReferences.AsNoTracking().Where(r => staffIds.Contains(r.StaffId) && on.Contains(r.Channel))
            .Select(r => new { r.StaffId, r.Channel, r.Json, r.UpdatedAt }).ToListAsync(ct)).ToLookup(r => r.StaffId);
        return people.Select(p => references[p.Id].MaxBy(r => r.UpdatedAt) is { } latest
                ? (latest.Channel, new Recipient(p.Id, p.WeComId, latest.Json))
                : (on.Contains(ChannelName.WeCom) && p.WeComId is not null ? ChannelName.WeCom : "", new Recipient(p.Id, p.WeComId, null)))
            .Where(c => c.Item1.Length > 0)
            .ToLookup(c => c.Item1, c => c.Item2);
    }

    /// <summary>
    /// Keeps where a person was last reached on a channel (their single chat with the bot), for later messages: written
    /// only when it changed, so a turn usually only reads it.
    /// </summary>
    public static async Task RememberAsync(RectifyDbContext db, TimeProvider time, string channel, IQueryable<Staff> person, string json, CancellationToken ct)
    {
        if (await person.Select(s => (int?)s.Id).FirstOrDefaultAsync(ct) is not { } id)
        {
            return;
        }
        var row = await db.ConversationReferences.FirstOrDefaultAsync(r => r.StaffId == id && r.Channel == channel, ct);
        if (row?.Json == json)
        {
            return;
        }
        if (row is null)
        {
            db.ConversationReferences.Add(new ConversationReference { StaffId = id, Channel = channel, Json = json, UpdatedAt = time.GetUtcNow().UtcDateTime });
        }
        else
        {
            row.Json = json;
            row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync(ct);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "A notice could not be sent on {Channel}")]
        public static partial void NoticeFailed(ILogger logger, Exception exception, string channel);
    }
}

/// <summary>A reminder digest through one channel's outbox: to the audience's people who use it, and the unit's group.</summary>
public sealed class OutboxDigestChannel(IOutbox outbox, Outboxes outboxes) : IDigestChannel
{
    public string Name => outbox.Channel;

    public Task<bool> SendAsync(DigestDelivery delivery, CancellationToken ct)
    {
        var audience = delivery.Digest.Audience;
        return outboxes.SendAsync(outbox, [.. delivery.People.Select(p => p.StaffId)], audience.UnitId is null ? null : audience.Name,
            new Outgoing(delivery.Digest.ToReply()) { Markdown = delivery.Digest.ToMarkdown() }, ct);
    }
}
