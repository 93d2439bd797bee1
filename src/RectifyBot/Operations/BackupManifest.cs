using System.Data.Common;
using System.Security.Cryptography;

namespace RectifyBot.Operations;

/// <summary>A file in a backup archive: its path inside the archive (and under the data folder), hash and size.</summary>
public sealed record BackupFile(string Path, string Sha256, long Size);

/// <summary>
/// manifest.json at the top of a backup archive: what the store held at the moment of the copy, so a restore can
/// check that it got back exactly that.
/// </summary>
public sealed record BackupManifest(
    int Format,
    DateTimeOffset CreatedAt,
    string Provider,
    string SchemaVersion,
    BackupFile Store,
    IReadOnlyDictionary<string, long> Counts,
    IReadOnlyList<BackupFile> Evidence,
    IReadOnlyList<BackupFile> Keys)
{
    public const string EntryName = "manifest.json";
    public const int CurrentFormat = 1;
}

/// <summary>What a store holds at one moment, read the same way from the copy being made and from the restored store.</summary>
public sealed record StoreSnapshot(string SchemaVersion, IReadOnlyDictionary<string, long> Counts, IReadOnlyList<BackupFile> Evidence)
{
    /// <summary>The tables whose rows are the record; the manifest counts each.</summary>
    public static readonly string[] CountedTables =
    [
        "Inspections", "Measures", "Units", "Staff", "Claims", "ProgressUpdates", "Evidence",
        "ExtensionRequests", "TransferRequests", "CloseRequests", "AuditEntries",
    ];

    /// <summary>Reads the snapshot over an open connection (inside <paramref name="transaction"/> when given, so every read sees one moment).</summary>
    public static async Task<StoreSnapshot> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        var schema = await ScalarAsync(connection, transaction, """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" DESC LIMIT 1""", ct) as string ?? "";
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in CountedTables)
        {
            // A store from before a table's migration (a backup taken then, being restored) has none of it to count.
            if (await ExistsAsync(connection, transaction, table, ct))
            {
                counts[table] = Convert.ToInt64(await ScalarAsync(connection, transaction, $"""SELECT COUNT(*) FROM "{table}" """, ct));
            }
        }
        // One file may back several evidence rows (the same photo sent twice is kept once).
        var evidence = new SortedDictionary<string, BackupFile>(StringComparer.Ordinal);
        await using (var command = Command(connection, transaction, """SELECT "StoredPath", "Sha256", "Size" FROM "Evidence" """))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var file = new BackupFile(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
                evidence[file.Path] = file;
            }
        }
        return new StoreSnapshot(schema, counts, [.. evidence.Values]);
    }

    /// <summary>Whether the store has <paramref name="table"/> (one of <see cref="CountedTables"/>: only constants go into the text).</summary>
    private static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken ct) =>
        Convert.ToInt64(await ScalarAsync(connection, transaction, connection is Npgsql.NpgsqlConnection
            ? $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{table}'"
            : $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'", ct)) > 0;

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, sql);
        return await command.ExecuteScalarAsync(ct);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>The SHA-256 and length of a stream, copying it to <paramref name="copyTo"/> on the way when given.</summary>
    public static async Task<(string Sha256, long Size)> HashAsync(Stream content, Stream? copyTo, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            size += read;
            if (copyTo is not null)
            {
                await copyTo.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        return (Convert.ToHexStringLower(sha.GetHashAndReset()), size);
    }
}
