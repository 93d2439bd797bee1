using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace RectifyBot.Store;

/// <summary>
/// Creates and migrates the store on first start, and sets SQLite to WAL so readers never wait for the writer.
/// An upgrade's pending migrations run in one transaction: if one fails, the store stays as it was before the
/// upgrade (EF Core commits each migration on its own otherwise). Both providers' DDL is transactional; a
/// future SQLite migration that needs a table rebuild outside a transaction would fail the upgrade test.
/// </summary>
public static class StoreInitializer
{
    /// <summary>Any fixed number: the advisory lock every instance takes to prepare the store.</summary>
    private const long PrepareLock = 0x5265_6374_6966_7942;

    public static Task MigrateAsync(this RectifyDbContext db, CancellationToken ct) => db.OneAtATimeAsync(async token =>
    {
        await MigrateAloneAsync(db, token);
        return true;
    }, ct);

    /// <summary>
    /// Runs <paramref name="work"/> while no other process prepares the same PostgreSQL store. Instances of an
    /// organisation-wide deployment often start together: without it both create the history table at once (and
    /// one fails on PostgreSQL's catalogue), or both find the store empty and seed the demo twice. The lock is a
    /// session's advisory lock, so a process that dies releases it; it nests, so migration inside seeding is fine.
    /// SQLite is one server's file and needs none.
    /// </summary>
    public static async Task<T> OneAtATimeAsync<T>(this RectifyDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            return await work(ct);
        }
        await CreateDatabaseAsync(db, ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // Unlocked in the finally even when taking it was cancelled: the server may have granted the lock just as
            // the cancellation came, and the pooled connection is not reset on close (No Reset On Close), so it would
            // keep the lock. Unlocking a lock not held only makes the server log a warning.
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({PrepareLock})", ct);
            return await work(ct);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({PrepareLock})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Creates the database unless it exists, over a connection of its own to the server's maintenance database
    /// (postgres). Instances starting together may all find it missing; those that lose the race find it created, and
    /// nothing is logged as a failed command (through EF's creator, CREATE DATABASE's failure was logged as an error).
    /// </summary>
    private static async Task CreateDatabaseAsync(RectifyDbContext db, CancellationToken ct)
    {
        if (await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct))
        {
            return;
        }
        var target = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(ct);
        // Npgsql's own default when the connection string names none: the user's name.
        var name = target.Database ?? target.Username!;
        // A database's name cannot be a parameter; it is the operator's own, quoted as an identifier.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance created it a moment before.
        }
    }

    private static async Task MigrateAloneAsync(RectifyDbContext db, CancellationToken ct)
    {
        if (db.IsSqlite)
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
