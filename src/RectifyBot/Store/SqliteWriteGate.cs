using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace RectifyBot.Store;

/// <summary>
/// One writer at a time per SQLite file, queued in the process rather than in SQLite. SQLite takes one writer
/// anyway; but a writer that finds the file busy is retried by Microsoft.Data.Sqlite after a blocking 150 ms sleep,
/// so under a busy server every collision of two chat turns' writes cost a thread and a sixth of a second.
/// Waiting here is asynchronous and first come, first served. Every write to the store enters it: SaveChanges and
/// the single-statement bookkeeping writes. PostgreSQL needs no gate: it locks rows, not the file. Leaving the gate
/// tells the file's checkpoints it was written (<see cref="SqliteCheckpoints"/>).
/// </summary>
public static class SqliteWriteGate
{
    private sealed record SqliteFile(SemaphoreSlim Gate, SqliteCheckpoints Checkpoints);

    private static readonly ConcurrentDictionary<string, SqliteFile> Files = new();

    /// <summary>Each connection string's file: parsing the string and resolving its path on every write cost a percent of a turn.</summary>
    private static readonly ConcurrentDictionary<string, SqliteFile> ByConnectionString = new();

    /// <summary>Holds the gate until disposed; nothing to hold on PostgreSQL.</summary>
    public static async ValueTask<IDisposable?> EnterAsync(RectifyDbContext db, CancellationToken ct)
    {
        if (!db.IsSqlite)
        {
            return null;
        }
        var file = ByConnectionString.GetOrAdd(db.Database.GetConnectionString() ?? "", connection =>
            Files.GetOrAdd(Path.GetFullPath(new SqliteConnectionStringBuilder(connection).DataSource), _ =>
            {
                var gate = new SemaphoreSlim(1, 1);
                return new SqliteFile(gate, new SqliteCheckpoints(connection, gate));
            }));
        await file.Gate.WaitAsync(ct);
        return new Release(file);
    }

    private sealed class Release(SqliteFile file) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                file.Gate.Release();
                file.Checkpoints.Written();
            }
        }
    }
}
