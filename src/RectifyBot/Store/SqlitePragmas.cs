using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RectifyBot.Store;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, synchronous=NORMAL syncs at checkpoints rather than at every
/// commit: the store stays consistent after a crash, and only the last commits can be lost on power failure.
/// With FULL every chat turn waited for the disk, which held a busy server to a few dozen turns a second.
/// mmap_size lets a connection read pages straight from the operating system's cache: a connection's own page
/// cache is dropped whenever another connection has written, which on a busy server is every few milliseconds,
/// and reading the pages back with read() calls cost a tenth of the server's time. wal_autocheckpoint=0: no commit
/// checkpoints the log, which <see cref="SqliteCheckpoints"/> does on a thread of its own; journal_size_limit: a log
/// that grew long (an import, a busy minute) is cut back to 64 MB when it starts over.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    /// <summary>
    /// The database handles already set. EF opens and closes the pooled connection around every query, but the
    /// setting belongs to the handle underneath, which the pool keeps open: once per handle saves a statement a query.
    /// </summary>
    private readonly ConditionalWeakTable<object, object> _applied = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    internal void Apply(DbConnection connection)
    {
        var handle = ((SqliteConnection)connection).Handle!;
        if (_applied.TryGetValue(handle, out _))
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA mmap_size=1073741824; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864;";
        command.ExecuteNonQuery();
        _applied.AddOrUpdate(handle, handle);
    }
}
