using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Store;

/// <summary>
/// A SQLite store's write-ahead log is checkpointed on a thread of its own (<see cref="SqliteCheckpoints"/>), never by
/// a commit, which held every other write behind the checkpoint's sync to the disk; and written without pause, the
/// log still starts over, so it stays a fraction of what was written.
/// </summary>
public class SqliteCheckpointTests
{
    [Fact]
    public async Task A_store_written_without_pause_keeps_its_log_short_and_no_commit_checkpoints_it()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var payload = new string('整', 4000);
        var owner = Inbox.NewOwner();
        var written = 0L;
        var watch = Stopwatch.StartNew();
        for (var i = 0; watch.Elapsed < TimeSpan.FromSeconds(5); i++)
        {
            await using var turn = store.NewContext();
            Assert.NotNull(await Inbox.AcceptAsync(turn, owner, "test", $"m{i}", "wecom:lina", payload, DateTime.UtcNow));
            written += payload.Length * 3;
        }
        Assert.True(written > 20_000_000, $"only {written} bytes written in 5 s");

        await using var db = store.NewContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        // The log's length in pages (busy, log, checkpointed), as the last restart left it.
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var checkpoint = await command.ExecuteReaderAsync();
        Assert.True(await checkpoint.ReadAsync());
        var log = checkpoint.GetInt64(1) * 4096;
        Assert.True(log < written / 2, $"a log of {log} bytes after {written} were written");
    }
}
