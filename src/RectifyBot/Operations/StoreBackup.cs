using System.Data;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using RectifyBot.Store;

namespace RectifyBot.Operations;

/// <summary>
/// One archive (zip) with the store, the evidence files and the sign-in keys, taken while the server runs, and
/// its restore into an empty data folder and store. The store is copied at one moment (SQLite's online backup;
/// pg_dump on an exported snapshot) and the manifest's counts and evidence list are read from that same moment,
/// so the archive holds exactly the files the copied rows refer to. Evidence files are named by their hash and
/// written before their row, so every row in the copy has its file on disk.
/// </summary>
public sealed class StoreBackup(IOptions<StoreOptions> store, IOptions<DataOptions> data, IDbContextFactory<RectifyDbContext> contexts, TimeProvider clock)
{
    private const string SqliteEntry = "store/rectifybot.db";
    private const string PostgresEntry = "store/rectifybot.pgdump";
    private const string KeysFolder = "keys";

    private string DataPath => data.Value.Path;

    public async Task<BackupManifest> CreateAsync(string archivePath, CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("rectifybot-backup-");
        var partial = archivePath + ".partial";
        try
        {
            var (entry, storeFile, snapshot) = store.Value.Provider == StoreProvider.Postgres
                ? (PostgresEntry, Path.Combine(work.FullName, "rectifybot.pgdump"), await DumpPostgresAsync(Path.Combine(work.FullName, "rectifybot.pgdump"), ct))
                : (SqliteEntry, Path.Combine(work.FullName, "rectifybot.db"), await CopySqliteAsync(Path.Combine(work.FullName, "rectifybot.db"), ct));
            BackupManifest manifest;
            // The archive holds the sign-in keys: only its owner may read it.
            await using (var file = new FileStream(partial, PrivateFile(FileMode.Create)))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
            {
                var storeEntry = await AddAsync(zip, entry, storeFile, CompressionLevel.Optimal, ct);
                var evidence = new List<BackupFile>();
                foreach (var expected in snapshot.Evidence)
                {
                    var added = await AddAsync(zip, expected.Path, Path.Combine(DataPath, expected.Path), CompressionLevel.Fastest, ct);
                    if (added.Sha256 != expected.Sha256)
                    {
                        throw new OperationException($"佐证材料文件 {expected.Path} 与库中记录的哈希不符（文件被改动过），备份未完成。");
                    }
                    evidence.Add(added);
                }
                var keys = new List<BackupFile>();
                var keyFolder = new DirectoryInfo(Path.Combine(DataPath, KeysFolder));
                foreach (var key in (keyFolder.Exists ? keyFolder.GetFiles("*.xml") : []).OrderBy(f => f.Name, StringComparer.Ordinal))
                {
                    keys.Add(await AddAsync(zip, $"{KeysFolder}/{key.Name}", key.FullName, CompressionLevel.Optimal, ct));
                }
                manifest = new BackupManifest(BackupManifest.CurrentFormat, clock.GetUtcNow(), store.Value.Provider.ToString(),
                    snapshot.SchemaVersion, storeEntry, snapshot.Counts, evidence, keys);
                await using var manifestStream = zip.CreateEntry(BackupManifest.EntryName).Open();
                await JsonSerializer.SerializeAsync(manifestStream, manifest, RectifyJson.Options, ct);
            }
            File.Move(partial, archivePath, overwrite: true);
            return manifest;
        }
        catch (FileNotFoundException e)
        {
            throw new OperationException($"找不到佐证材料文件 {Path.GetRelativePath(DataPath, e.FileName ?? "")}，备份未完成。");
        }
        finally
        {
            File.Delete(partial);
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Restores an archive into the configured data folder and store, both of which must be empty. Everything in
    /// the archive is checked against the manifest before anything is written, and the restored store is read
    /// back and compared with it afterwards.
    /// </summary>
    public async Task<BackupManifest> RestoreAsync(string archivePath, CancellationToken ct)
    {
        using var zip = OpenArchive(archivePath);
        var manifest = await ReadManifestAsync(zip, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (manifest.Provider != store.Value.Provider.ToString())
        {
            throw new OperationException($"这份备份来自 {manifest.Provider} 库，而目标是 {store.Value.Provider} 库；请恢复到同类数据库。");
        }
        if (!db.Database.GetMigrations().Contains(manifest.SchemaVersion))
        {
            throw new OperationException($"备份的库结构版本 {manifest.SchemaVersion} 本程序不认识（备份来自更新的版本），请用相同或更新版本的 RectifyBot 恢复。");
        }
        var creator = db.GetService<IRelationalDatabaseCreator>();
        var exists = await creator.ExistsAsync(ct);
        if (exists && await creator.HasTablesAsync(ct))
        {
            throw new OperationException("目标库不是空的，恢复不会覆盖已有数据。请指定一个空的数据目录（--data）或空数据库。");
        }
        foreach (var folder in new[] { "evidence", KeysFolder })
        {
            var path = Path.Combine(DataPath, folder);
            if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
            {
                throw new OperationException($"数据目录中的 {folder} 文件夹不是空的，恢复不会覆盖已有文件。请指定一个空的数据目录（--data）。");
            }
        }

        foreach (var file in manifest.Evidence.Concat(manifest.Keys).Prepend(manifest.Store))
        {
            await using var content = Entry(zip, file.Path).Open();
            if (await StoreSnapshot.HashAsync(content, null, ct) != (file.Sha256, file.Size))
            {
                throw new OperationException($"备份文件已损坏：{file.Path} 与清单不符。未写入任何数据。");
            }
        }

        if (store.Value.Provider == StoreProvider.Postgres)
        {
            await RestorePostgresAsync(zip, manifest, creator, exists, ct);
        }
        else
        {
            var target = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            await ExtractAsync(zip, manifest.Store.Path, target, ct);
        }
        foreach (var file in manifest.Evidence)
        {
            await ExtractAsync(zip, file.Path, Under(file.Path), ct);
        }
        if (manifest.Keys.Count > 0)
        {
            CreatePrivateFolder(Path.Combine(DataPath, KeysFolder));
            foreach (var file in manifest.Keys)
            {
                await ExtractAsync(zip, file.Path, Under(file.Path), ct);
            }
        }

        var restored = await ReadRestoredAsync(db, ct);
        if (restored.SchemaVersion != manifest.SchemaVersion || !restored.Counts.SequenceEqual(manifest.Counts) ||
            !restored.Evidence.Select(e => (e.Path, e.Sha256)).SequenceEqual(manifest.Evidence.Select(e => (e.Path, e.Sha256))))
        {
            throw new OperationException("恢复后的库与备份清单不一致，请勿使用这个库，并把备份文件交技术人员检查。");
        }
        return manifest;
    }

    private async Task<StoreSnapshot> CopySqliteAsync(string target, CancellationToken ct)
    {
        await using var source = new SqliteConnection(StoreServiceCollectionExtensions.SqliteConnectionString(store.Value, DataPath));
        await source.OpenAsync(ct);
        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        await copy.OpenAsync(ct);
        // Copies every page as of one read transaction; in WAL mode the server's writers carry on meanwhile. The backup
        // API does not wait on a lock as statements do: a writer or checkpoint at that instant answers SQLITE_BUSY, so
        // it is tried again for up to 10 s.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                source.BackupDatabase(copy);
                break;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < 100)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), clock, ct);
            }
        }
        await using (var journal = copy.CreateCommand())
        {
            // One self-contained file in the archive; the server puts it back to WAL when it opens the restored store.
            journal.CommandText = "PRAGMA journal_mode=DELETE;";
            await journal.ExecuteNonQueryAsync(ct);
        }
        return await StoreSnapshot.ReadAsync(copy, null, ct);
    }

    private async Task<StoreSnapshot> DumpPostgresAsync(string target, CancellationToken ct)
    {
        var connectionString = store.Value.ConnectionString!;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        // pg_dump reads the snapshot this transaction exports, so the dump and the manifest see the same moment.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, transaction);
        var snapshotId = (string)(await export.ExecuteScalarAsync(ct))!;
        var snapshot = await StoreSnapshot.ReadAsync(connection, transaction, ct);
        await PostgresTools.RunAsync("pg_dump", connectionString,
            ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={snapshotId}", "--file", target], ct);
        await transaction.CommitAsync(ct);
        return snapshot;
    }

    private async Task RestorePostgresAsync(ZipArchive zip, BackupManifest manifest, IRelationalDatabaseCreator creator, bool exists, CancellationToken ct)
    {
        if (!exists)
        {
            await creator.CreateAsync(ct);
        }
        var work = Directory.CreateTempSubdirectory("rectifybot-restore-");
        try
        {
            var dump = Path.Combine(work.FullName, "rectifybot.pgdump");
            await ExtractAsync(zip, manifest.Store.Path, dump, ct);
            // All or nothing: a failed restore leaves the database empty.
            await PostgresTools.RunAsync("pg_restore", store.Value.ConnectionString!,
                ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname", new NpgsqlConnectionStringBuilder(store.Value.ConnectionString).Database!, dump], ct);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<StoreSnapshot> ReadRestoredAsync(RectifyDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        try
        {
            return await StoreSnapshot.ReadAsync(connection, null, ct);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static ZipArchive OpenArchive(string path)
    {
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new OperationException($"{path} 不是可读的 RectifyBot 备份文件。");
        }
    }

    private static async Task<BackupManifest> ReadManifestAsync(ZipArchive zip, CancellationToken ct)
    {
        await using var stream = Entry(zip, BackupManifest.EntryName).Open();
        var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, RectifyJson.Options, ct);
        if (manifest is not { Format: BackupManifest.CurrentFormat })
        {
            throw new OperationException("备份清单的格式本程序不认识，请用相同或更新版本的 RectifyBot 恢复。");
        }
        return manifest;
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string path) =>
        zip.GetEntry(path) ?? throw new OperationException($"备份文件不完整：缺少 {path}。");

    /// <summary>A path from the manifest, under the data folder and nowhere else.</summary>
    private string Under(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(DataPath, relative));
        return full.StartsWith(Path.GetFullPath(DataPath) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new OperationException($"备份清单中的路径 {relative} 不在数据目录之内，已拒绝。");
    }

    private static async Task<BackupFile> AddAsync(ZipArchive zip, string entryName, string sourcePath, CompressionLevel level, CancellationToken ct)
    {
        await using var source = File.OpenRead(sourcePath);
        await using var target = zip.CreateEntry(entryName, level).Open();
        var (sha256, size) = await StoreSnapshot.HashAsync(source, target, ct);
        return new BackupFile(entryName, sha256, size);
    }

    private static async Task ExtractAsync(ZipArchive zip, string entryName, string targetPath, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(targetPath)!);
        await using var source = Entry(zip, entryName).Open();
        await using var target = new FileStream(targetPath, PrivateFile(FileMode.CreateNew));
        await source.CopyToAsync(target, ct);
    }

    private static FileStreamOptions PrivateFile(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return options;
    }

    private static void CreatePrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
