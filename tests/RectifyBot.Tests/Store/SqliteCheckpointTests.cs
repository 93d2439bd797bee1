using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Store;

/// <summary>
/// A SQLite store's write-ahead log is checkpointed on a thread of its own (<see cref="SqliteCheckpoints"/>), never by
/// a commit, which held every other write behind the checkpoint's sync to the disk; and written without pause, the
/// log still starts over, so it stays a second's writes long.
/// </summary>
public class SqliteCheckpointTests
{
    [Fact]
    public async Task A_store_written_without_pause_keeps_starting_its_log_over_and_no_commit_checkpoints_it()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var log = Path.Combine(store.DataPath, "rectifybot.db-wal");
        // One connection open throughout, as a server keeps them: SQLite deletes the log when the last one closes, and
        // another test's SqliteConnection.ClearAllPools closes the idle pooled ones of every store in this process.
        await using var open = store.NewContext();
        await open.Database.OpenConnectionAsync();
        var payload = new string('整', 4000);
        var owner = Inbox.NewOwner();
        var written = 0L;
        uint? first = null;
        var watch = Stopwatch.StartNew();
        // Five seconds and 20 MB at least, however slow the machine or busy with other tests: the log's restarts are
        // counted over an amount of writing, not a speed (a minute bounds it).
        for (var i = 0; (watch.Elapsed < TimeSpan.FromSeconds(5) || written < 20_000_000) && watch.Elapsed < TimeSpan.FromMinutes(1); i++)
        {
            await using var turn = store.NewContext();
            Assert.NotNull(await Inbox.AcceptAsync(turn, owner, "test", $"m{i}", "wecom:lina", payload, DateTime.UtcNow));
            written += payload.Length * 3;
            first ??= Salt(log);
        }
        Assert.True(written >= 20_000_000, $"only {written} bytes written in a minute");
        var restarts = Salt(log) - first!.Value;
        // Checkpoints come at most once a second and each takes a while: three restarts in five seconds here, and at
        // least two over five seconds or more anywhere; a log that never starts over shows none.
        Assert.True(restarts >= 2, $"the log started over {restarts} times in {watch.Elapsed.TotalSeconds:F0} s");

        await using var db = store.NewContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    /// <summary>
    /// The first salt of the log's header, which SQLite adds one to each time the log starts over (walRestartHdr) and
    /// writes with the first frame after.
    /// </summary>
    private static uint Salt(string log)
    {
        using var file = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[32];
        file.ReadExactly(header);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(16));
    }
}
