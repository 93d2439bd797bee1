using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace RectifyBot.Store;

/// <summary>
/// Creates and migrates the store on first start, and sets SQLite to WAL so readers never wait for the writer.
/// An upgrade's pending migrations run in one transaction: if one fails, the store stays as it was before the
/// upgrade (EF Core commits each migration on its own otherwise). Both providers' DDL is transactional; a
/// future SQLite migration that needs a table rebuild outside a transaction would fail the upgrade test.
/// </summary>
public static class StoreInitializer
{
    public static async Task MigrateAsync(this RectifyDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (!string.IsNullOrEmpty(file) && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir)
            {
                Directory.CreateDirectory(dir);
            }
            // WAL is a property of the file and persists, so setting it once here is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        // Created outside the transaction: EF reads the history table to learn what is applied, and on PostgreSQL a
        // failed read of a missing table would abort the transaction.
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct))
        {
            await creator.CreateAsync(ct);
        }
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await db.Database.MigrateAsync(token);
            await transaction.CommitAsync(token);
        }, ct);
    }
}
