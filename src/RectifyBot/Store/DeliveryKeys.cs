using Microsoft.EntityFrameworkCore;

namespace RectifyBot.Store;

/// <summary>
/// The channels' delivery keys (<see cref="Domain.ProcessedMessage"/>): a delivery the channel retries is handled
/// once, across server instances, because its key can be recorded only once. Bookkeeping, not record, so written
/// in single statements outside the audit trail (see <see cref="StoreVersion"/>).
/// </summary>
public static class DeliveryKeys
{
    /// <summary>Channels retry within seconds to minutes; keys older than this only take space.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(2);

    /// <summary>
    /// Records the key; false when an earlier try or another instance already did. One statement, and a retry is
    /// no failed insert for the database to log as an error; the unique index settles two instances racing.
    /// </summary>
    public static async Task<bool> RecordAsync(RectifyDbContext db, string channel, string key, DateTime at, CancellationToken ct)
    {
        using var gate = await SqliteWriteGate.EnterAsync(db, ct);
        return await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ProcessedMessages" ("Channel", "MessageKey", "At") VALUES ({channel}, {key}, {at})
            ON CONFLICT ("Channel", "MessageKey") DO NOTHING
            """, ct) == 1;
    }

    /// <summary>Removes the keys recorded more than <see cref="Kept"/> before <paramref name="now"/>.</summary>
    public static async Task<int> PruneAsync(RectifyDbContext db, DateTime now, CancellationToken ct)
    {
        var before = now - Kept;
        using var gate = await SqliteWriteGate.EnterAsync(db, ct);
        return await db.ProcessedMessages.Where(p => p.At < before).ExecuteDeleteAsync(ct);
    }
}
