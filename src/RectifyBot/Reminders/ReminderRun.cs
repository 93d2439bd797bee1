using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Reminders;

/// <summary>A person a digest goes to, with the channel identities that can reach them.</summary>
public sealed record DigestRecipient(int StaffId, string Name, string? WeComId);

/// <summary>A digest and the people of its audience.</summary>
public sealed record DigestDelivery(Digest Digest, IReadOnlyList<DigestRecipient> People);

/// <summary>
/// A way to deliver a digest: WeCom app messages, a WeCom group robot, Teams proactive messages (in the host),
/// or a test's recorder. Each reaches whom it can and says whether it reached anyone.
/// </summary>
public interface IDigestChannel
{
    string Name { get; }

    Task<bool> SendAsync(DigestDelivery delivery, CancellationToken ct);
}

/// <summary>What one run did with one digest.</summary>
public sealed record DigestOutcome(Digest Digest, IReadOnlyList<DigestRecipient> People, IReadOnlyList<string> Channels, bool AlreadySent);

/// <summary>What one run did: why it sent nothing, or each digest's outcome.</summary>
public sealed record ReminderReport(DateOnly Day, string? Skipped, IReadOnlyList<DigestOutcome> Digests, IReadOnlyList<string> StageClosings);

/// <summary>
/// One pass of the daily reminders at <c>now</c>: closes concentrated stages that have ended, then, on a workday,
/// from the configured hour and outside quiet hours, sends each audience its digest once. The
/// <see cref="ReminderLog"/> row is inserted before sending and its unique (audience, day) index refuses a
/// second one, so several server instances or a restart never send the same day's digest twice.
/// </summary>
public sealed partial class ReminderRun(
    RectifyDbContext db,
    DigestBuilder digests,
    ConcentratedStage stage,
    OrganisationClock clock,
    IOptions<ReminderOptions> options,
    IEnumerable<IDigestChannel> channels,
    ILogger<ReminderRun> logger)
{
    public async Task<ReminderReport> RunOnceAsync(DateTimeOffset now, bool dryRun, CancellationToken ct)
    {
        var local = clock.Local(now);
        var day = DateOnly.FromDateTime(local.DateTime);
        var o = options.Value;
        // Ending the concentrated stage sends nothing, so it happens on the first run after the end, workday or not.
        var closings = new List<string>();
        if (!dryRun)
        {
            foreach (var id in await ConcentratedStage.DueToCloseAsync(db, day, ct))
            {
                // Refused when another instance's run closed it first.
                if (await stage.CloseAsync(null, id, "job", ct) is { Ok: true } closed)
                {
                    closings.Add(closed.Message);
                }
            }
        }
        var skipped = !o.IsWorkday(day) ? $"{day:yyyy-MM-dd}不是工作日。"
            : local.Hour < o.Hour ? $"还没到提醒时间（每个工作日{o.Hour}点）。"
            : o.IsQuiet(local.Hour) ? "现在是免打扰时段。"
            : null;
        if (skipped is not null && !dryRun)
        {
            return new ReminderReport(day, skipped, [], closings);
        }
        if (await db.Inspections.OrderByDescending(i => i.Id).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct) is not { } inspection)
        {
            return new ReminderReport(day, "库中还没有整改方案。", [], closings);
        }
        var set = await digests.BuildAsync(inspection, day, ct);
        var outcomes = new List<DigestOutcome>();
        foreach (var digest in set.All.Where(d => d.IsDue))
        {
            var people = await PeopleAsync(digest.Audience, ct);
            if (dryRun)
            {
                var sent = await db.ReminderLogs.AnyAsync(r => r.Audience == digest.Audience.Key && r.Day == day, ct);
                outcomes.Add(new DigestOutcome(digest, people, [], sent));
                continue;
            }
            if (await TryLockAsync(digest.Audience.Key, day, now.UtcDateTime, ct) is not { } log)
            {
                outcomes.Add(new DigestOutcome(digest, people, [], AlreadySent: true));
                continue;
            }
            var used = new List<string>();
            foreach (var channel in channels)
            {
                try
                {
                    if (await channel.SendAsync(new DigestDelivery(digest, people), ct))
                    {
                        used.Add(channel.Name);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    // The lock is kept: a reminder missed is better than one sent twice.
                    Log.SendFailed(logger, e, channel.Name, digest.Audience.Key);
                }
            }
            log.Channels = string.Join(",", used);
            await db.SaveChangesAsync(ct);
            Log.Sent(logger, digest.Audience.Key, digest.Items.Count, log.Channels);
            outcomes.Add(new DigestOutcome(digest, people, used, AlreadySent: false));
        }
        return new ReminderReport(day, skipped, outcomes, closings);
    }

    /// <summary>
    /// Inserts the day's row for the audience, and tracks it for its channels; null when another run (or instance)
    /// already has it. One statement, so the instance that finds it taken logs no failed insert as an error.
    /// </summary>
    private async Task<ReminderLog?> TryLockAsync(string audience, DateOnly day, DateTime at, CancellationToken ct)
    {
        List<long> ids;
        using (await SqliteWriteGate.EnterAsync(db, ct))
        {
            ids = await db.Database.SqlQuery<long>($"""
                INSERT INTO "ReminderLogs" ("Audience", "Day", "At") VALUES ({audience}, {day}, {at})
                ON CONFLICT ("Audience", "Day") DO NOTHING RETURNING "Id" AS "Value"
                """).ToListAsync(ct);
        }
        return ids is [var id] ? db.ReminderLogs.Attach(new ReminderLog { Id = id, Audience = audience, Day = day, At = at }).Entity : null;
    }

    private Task<List<DigestRecipient>> PeopleAsync(DigestAudience audience, CancellationToken ct)
    {
        var staff = db.Staff.AsNoTracking();
        staff = audience switch
        {
            { UnitId: { } unit } => staff.Where(s => s.UnitId == unit),
            { LeaderId: { } leader } => staff.Where(s => s.Id == leader),
            _ => staff.Where(s => ((int)s.Roles & (int)StaffRoles.Office) != 0),
        };
        return staff.OrderBy(s => s.Id).Select(s => new DigestRecipient(s.Id, s.Name, s.WeComId)).ToListAsync(ct);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Reminder digest for {Audience}: {Items} measures, sent on [{Channels}]")]
        public static partial void Sent(ILogger logger, string audience, int items, string channels);

        [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Reminder digest for {Audience} could not be sent on {Channel}")]
        public static partial void SendFailed(ILogger logger, Exception exception, string channel, string audience);
    }
}
