using Microsoft.EntityFrameworkCore;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Store;

/// <summary>
/// Run alone: other tests clear every SQLite pool in the process (SqliteConnection.ClearAllPools, to delete their
/// files), and one that did so between two of these opens would hand them a new connection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SqlitePoolAlone
{
    public const string Name = "SQLite pool, alone";
}

[Collection(SqlitePoolAlone.Name)]
public class SqlitePoolTests
{
    [Fact]
    public async Task Sqlite_syncs_normally_on_every_connection_and_the_setting_is_sent_once_per_pooled_connection()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        async Task<long> Synchronous(string? set = null)
        {
            // A new context opens the pooled connection again, as EF does around every query.
            await using var db = store.NewContext();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = set ?? "PRAGMA synchronous;";
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }

        Assert.Equal(1, await Synchronous()); // NORMAL
        await Synchronous("PRAGMA synchronous=FULL;");
        Assert.Equal(2, await Synchronous()); // the same connection, not set again
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(1, await Synchronous());
    }
}
