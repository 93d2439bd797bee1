using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Host.Channels.Teams;
using RectifyBot.Host.Channels.WeCom;
using RectifyBot.Host.Reminders;
using RectifyBot.Store;

namespace RectifyBot.Host.Turns;

/// <summary>
/// Messages a turn leaves for other people (the office told of a close request, a unit told of a return), sent to
/// them wherever they can be reached, whichever channel the sender used: a WeCom app message to those with a
/// WeCom id, and their stored Teams personal chat. People on the web only see it the next time they ask.
/// </summary>
public sealed partial class NoticeSender(IServiceScopeFactory scopes, WeComApiClient wecom, IOptions<WeComOptions> wecomOptions,
    BotConnectorClient teams, ILogger<NoticeSender> logger)
{
    public async Task SendAsync(IReadOnlyList<Notice> notices, CancellationToken ct)
    {
        if (notices.Count == 0)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        foreach (var notice in notices)
        {
            var people = await db.Staff.AsNoTracking()
                .Where(s => notice.ToOffice ? ((int)s.Roles & (int)StaffRoles.Office) != 0 : s.UnitId == notice.UnitId)
                .Select(s => new { s.Id, s.WeComId }).ToListAsync(ct);
            try
            {
                var wecomUsers = people.Where(p => p.WeComId is not null).Select(p => p.WeComId!).Take(1000).ToList();
                if (wecomOptions.Value.Enabled && wecomUsers.Count > 0)
                {
                    // message/send takes up to 1000 users joined by "|".
                    await wecom.SendTextAsync(string.Join('|', wecomUsers), notice.Text, ct);
                }
                await TeamsReferences.SendAsync(db, teams, people.Select(p => p.Id).ToList(), notice.Text, ct);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
            {
                // A notice that cannot go out must not undo the turn that made it; the reminders repeat what is pending.
                Log.Failed(logger, e);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "A notice could not be sent")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
