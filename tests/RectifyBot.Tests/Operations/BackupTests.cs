using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RectifyBot.Cli;
using RectifyBot.Operations;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Operations;

/// <summary>
/// rectifybot backup and restore through the command line, on both providers: a backup taken while progress
/// and evidence are being written restores to exactly the moment it copied, and a quiet one to exactly the store.
/// </summary>
public sealed class BackupTests : IAsyncDisposable
{
    private readonly List<string> _folders = [];
    private readonly List<string> _databases = [];

    /// <summary>
    /// A store from before migration 0013 has no 转交 requests to count: its snapshot (what a restore of a backup taken then
    /// checks against that backup's manifest) leaves them out, where a current store's counts them.
    /// </summary>
    [Theory]
    [ClassData(typeof(StoreProviders))]
    public async Task A_store_from_before_a_tables_migration_is_counted_without_it(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, migrate: false);
        await using var db = store.NewContext();
        await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("20261205000012_OwedMeasures");
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var before = await StoreSnapshot.ReadAsync(connection, null, default);
        Assert.DoesNotContain("TransferRequests", before.Counts.Keys);
        Assert.Equal(0, before.Counts["Measures"]);

        await db.Database.MigrateAsync();
        Assert.Equal(0, (await StoreSnapshot.ReadAsync(connection, null, default)).Counts["TransferRequests"]);
    }

    [Theory]
    [ClassData(typeof(StoreProviders))]
    public async Task A_backup_under_concurrent_writes_restores_the_moment_it_copied_and_a_quiet_one_the_whole_store(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var scope = store.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(CancellationToken.None);
        }
        Directory.CreateDirectory(Path.Combine(store.DataPath, "keys"));
        await File.WriteAllTextAsync(Path.Combine(store.DataPath, "keys", "key-0001.xml"), "<key id=\"0001\" />");
        await WriteAsync(store, 1, 5);

        // Progress and evidence keep being written while the backup runs.
        using var stop = new CancellationTokenSource();
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(async () =>
        {
            var i = 100;
            while (!stop.IsCancellationRequested)
            {
                await WriteAsync(store, i, i + 1);
                writing.TrySetResult();
                i++;
            }
            return i - 100;
        });
        await WriteAsync(store, 6, 8);
        // On a quick machine the backup could otherwise be over before the writer's first write lands.
        await writing.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var busy = Archive();
        var (code, output, error) = await Run(store, "backup", "--out", busy);
        await WriteAsync(store, 9, 10);
        await stop.CancelAsync();
        Assert.True(await writer > 0);
        Assert.True(code == 0, error);
        Assert.Contains("已备份到", output);

        var atBackup = await RestoreAsync(store, busy);
        var manifest = ReadManifest(busy);
        var original = await Fingerprint.ReadAsync(store.NewContext(), store.DataPath);
        Assert.Equal(manifest.Counts["ProgressUpdates"], atBackup.Updates.Count);
        Assert.Equal(manifest.Counts["Measures"], atBackup.Measures.Count);
        Assert.Equal(manifest.Evidence.Select(e => e.Sha256).Order(), atBackup.Files.Values.Order());
        Assert.All(atBackup.Files, f => Assert.Equal(Path.GetFileNameWithoutExtension(f.Key), f.Value)); // every restored file hashes to its name
        // A consistent copy: the updates and evidence of one moment, the earlier ones all there and no later one.
        Assert.Equal(original.Updates.Take(atBackup.Updates.Count), atBackup.Updates);
        Assert.Equal(original.Evidence.Take(atBackup.Evidence.Count), atBackup.Evidence);
        // Not the two updates of 9, written after it returned; the concurrent writer's last ones may land on either side
        // (its pair of updates may be cut by the copy), so no more are sure to be after it.
        Assert.InRange(atBackup.Updates.Count, 8 * 2, original.Updates.Count - 2);
        Assert.Equal("<key id=\"0001\" />", await File.ReadAllTextAsync(Path.Combine(atBackup.DataPath, "keys", "key-0001.xml")));

        var quiet = Archive();
        Assert.Equal(0, (await Run(store, "backup", "--out", quiet)).Code);
        var restored = await RestoreAsync(store, quiet);
        Assert.Equal(original.Measures, restored.Measures);
        Assert.Equal(original.Updates, restored.Updates);
        Assert.Equal(original.Evidence, restored.Evidence);
        Assert.Equal(original.Files, restored.Files);
    }

    [Theory]
    [ClassData(typeof(StoreProviders))]
    public async Task Restore_refuses_a_store_that_is_not_empty_and_an_archive_that_does_not_match_its_manifest(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await WriteAsync(store, 1, 2, seed: true);
        var archive = Archive();
        Assert.Equal(0, (await Run(store, "backup", "--out", archive)).Code);

        // Into the store it came from: not empty.
        var (code, _, error) = await Run(store, "restore", archive, "--data", store.DataPath);
        Assert.Equal(1, code);
        Assert.Contains("不是空的", error);

        // One evidence file changed inside the archive: refused before anything is written.
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Update))
        {
            var entry = zip.Entries.First(e => e.FullName.StartsWith("evidence/", StringComparison.Ordinal));
            await using var stream = entry.Open();
            stream.SetLength(0);
            await stream.WriteAsync("changed"u8.ToArray());
        }
        var (target, db) = FreshTarget(store);
        (code, _, error) = await CliAppRun(["restore", archive, "--data", target, "--db", db, "--config", Config(store)]);
        Assert.Equal(1, code);
        Assert.Contains("与清单不符", error);
        Assert.False(Directory.Exists(Path.Combine(target, "evidence")));
    }

    /// <summary>Two progress updates and one evidence file for each i in [from, to), on demo measures 1–6, as the office.</summary>
    private static async Task WriteAsync(TestStore store, int from, int to, bool seed = false)
    {
        await using var scope = store.Scope();
        if (seed)
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(CancellationToken.None);
        }
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        var office = Actor.From(await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Name == "陈奇奇"));
        var inspection = await db.Inspections.Select(i => i.Id).FirstAsync();
        var workflow = scope.ServiceProvider.GetRequiredService<MeasureWorkflow>();
        for (var i = from; i < to; i++)
        {
            var number = 1 + i % 6;
            Assert.True((await workflow.RecordProgressAsync(office, inspection, number, $"第{i}次进展：已完成摸底", null, "cli", CancellationToken.None)).Ok);
            Assert.True((await workflow.RecordProgressAsync(office, inspection, number, $"第{i}次进展：已整改", null, "cli", CancellationToken.None)).Ok);
            var result = await workflow.AddEvidenceAsync(office, inspection, number, $"照片{i}.jpg", "image/jpeg",
                new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"照片 {i}")), "cli", CancellationToken.None);
            Assert.True(result.Ok, result.Message);
        }
    }

    private async Task<Fingerprint> RestoreAsync(TestStore store, string archive)
    {
        var (target, db) = FreshTarget(store);
        var (code, output, error) = await CliAppRun(["restore", archive, "--data", target, "--db", db, "--config", Config(store)]);
        Assert.True(code == 0, error);
        Assert.Contains("均与清单一致", output);
        var options = StoreOptions.FromDbArgument(db);
        var builder = new DbContextOptionsBuilder<RectifyDbContext>();
        StoreServiceCollectionExtensions.Configure(builder, options, target);
        return await Fingerprint.ReadAsync(new RectifyDbContext(builder.Options, TimeProvider.System, new LocalSaves()), target);
    }

    /// <summary>An empty data folder and, on PostgreSQL, the name of a database that does not exist yet (restore creates it).</summary>
    private (string DataPath, string Db) FreshTarget(TestStore store)
    {
        var target = Directory.CreateTempSubdirectory("rectifybot-restore-").FullName;
        _folders.Add(target);
        if (store.Provider == StoreProvider.Sqlite)
        {
            return (target, Path.Combine(target, "rectifybot.db"));
        }
        var database = "rb_" + Guid.NewGuid().ToString("N")[..16];
        _databases.Add(database);
        return (target, new NpgsqlConnectionStringBuilder(TestStore.PostgresServer) { Database = database }.ToString());
    }

    private string Archive()
    {
        var folder = Directory.CreateTempSubdirectory("rectifybot-archive-").FullName;
        _folders.Add(folder);
        return Path.Combine(folder, "backup.zip");
    }

    /// <summary>An appsettings.json naming the store's data folder, as an operator's would.</summary>
    private string Config(TestStore store)
    {
        var file = Path.Combine(store.DataPath, "appsettings.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new { Data = new { Path = store.DataPath } }));
        return file;
    }

    private Task<(int Code, string Out, string Err)> Run(TestStore store, params string[] args) =>
        CliAppRun([.. args, "--db", store.DbArgument, "--config", Config(store)]);

    private static async Task<(int Code, string Out, string Err)> CliAppRun(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private static BackupManifest ReadManifest(string archive)
    {
        using var zip = ZipFile.OpenRead(archive);
        using var stream = zip.GetEntry(BackupManifest.EntryName)!.Open();
        return JsonSerializer.Deserialize<BackupManifest>(stream, RectifyJson.Options)!;
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnectionPools();
        foreach (var database in _databases)
        {
            await using var admin = new NpgsqlConnection(TestStore.PostgresServer);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void SqliteConnectionPools()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Every measure, update and evidence row of a store as text, in id order, and the hash of every evidence file on disk.</summary>
    private sealed record Fingerprint(string DataPath, List<string> Measures, List<string> Updates, List<string> Evidence, SortedDictionary<string, string> Files)
    {
        public static async Task<Fingerprint> ReadAsync(RectifyDbContext db, string dataPath)
        {
            await using (db)
            {
                var measures = await db.Measures.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
                var updates = await db.ProgressUpdates.AsNoTracking().OrderBy(u => u.Id).ToListAsync();
                var evidence = await db.Evidence.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
                var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var e in evidence)
                {
                    files[e.StoredPath] = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(dataPath, e.StoredPath))));
                }
                return new Fingerprint(dataPath,
                    [.. measures.Select(m => $"{m.Id}|{m.Number}|{m.Status}|{m.Version}|{m.DueDate}|{m.OwnerId}|{m.Text}")],
                    [.. updates.Select(u => $"{u.Id}|{u.MeasureId}|{u.Text}|{u.At:O}|{u.StaffId}")],
                    [.. evidence.Select(e => $"{e.Id}|{e.MeasureId}|{e.FileName}|{e.Sha256}|{e.Size}|{e.StoredPath}")],
                    files);
            }
        }
    }
}
