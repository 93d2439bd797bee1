using Microsoft.EntityFrameworkCore;

namespace RectifyBot.Store;

/// <summary>
/// Leases on things only one server instance may do at a time (<see cref="Domain.ChannelLease"/>): one statement
/// takes a free or lapsed lease or renews one's own, so two instances racing cannot both succeed. Bookkeeping, not
/// record: written outside the audit trail.
/// </summary>
public static class Leases
{
    /// <summary>True when <paramref name="holder"/> holds <paramref name="name"/> until <paramref name="now"/> + <paramref name="duration"/>.</summary>
    public static async Task<bool> TryHoldAsync(RectifyDbContext db, string name, string holder, DateTime now, TimeSpan duration, CancellationToken ct)
    {
        var until = now + duration;
        using var gate = await SqliteWriteGate.EnterAsync(db, ct);
        return await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ChannelLeases" ("Name", "Holder", "ExpiresAt") VALUES ({name}, {holder}, {until})
            ON CONFLICT ("Name") DO UPDATE SET "Holder" = excluded."Holder", "ExpiresAt" = excluded."ExpiresAt"
            WHERE "ChannelLeases"."Holder" = excluded."Holder" OR "ChannelLeases"."ExpiresAt" < {now}
            """, ct) == 1;
    }

    /// <summary>Gives the lease up at once (a clean shutdown), so another instance need not wait for it to lapse.</summary>
    public static async Task ReleaseAsync(RectifyDbContext db, string name, string holder, CancellationToken ct)
    {
        using var gate = await SqliteWriteGate.EnterAsync(db, ct);
        await db.ChannelLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.ExpiresAt, DateTime.UnixEpoch), ct);
    }
}
