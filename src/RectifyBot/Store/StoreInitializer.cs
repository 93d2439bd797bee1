using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace RectifyBot.Store;

/// <summary>Creates and migrates the store on first start, and sets SQLite to WAL so readers never wait for the writer.</summary>
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
        await db.Database.MigrateAsync(ct);
    }
}
