using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RectifyBot.Store;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, synchronous=NORMAL syncs at checkpoints rather than at every
/// commit: the store stays consistent after a crash, and only the last commits can be lost on power failure.
/// With FULL every chat turn waited for the disk, which held a busy server to a few dozen turns a second.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }
}
