#pragma warning disable EF1001 // MigrationsAssembly is EF's internal type; extending it is how a test adds migrations to the real ones.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;
using System.Reflection;
using System.Text.Json;
using RectifyBot.Cli;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Operations;

/// <summary>
/// An upgrade whose migrations fail half-way leaves the store as it was, on both providers; migrate --dry-run
/// lists what an upgrade would run and changes nothing.
/// </summary>
public sealed class MigrationTests
{
    [Theory]
    [ClassData(typeof(StoreProviders))]
    public async Task A_migration_that_fails_half_way_leaves_the_store_as_it_was(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewContext())
        {
            db.Units.Add(new RectifyBot.Domain.Unit { Name = "社会事务科" });
            await db.SaveChangesAsync();
        }

        await using (var upgrade = WithTestMigrations(store))
        {
            Assert.Equal([AddsNote.Id, FailsHalfWay.Id], await upgrade.Database.GetPendingMigrationsAsync());
            await Assert.ThrowsAnyAsync<Exception>(() => upgrade.MigrateAsync(CancellationToken.None));
        }

        await using var after = WithTestMigrations(store);
        // Neither the migration before the failing one nor the failing one's first steps stayed.
        Assert.Equal([AddsNote.Id, FailsHalfWay.Id], await after.Database.GetPendingMigrationsAsync());
        var connection = after.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var columns = connection.CreateCommand();
        columns.CommandText = provider == StoreProvider.Sqlite
            ? """SELECT COUNT(*) FROM pragma_table_info('Units') WHERE name = 'Note'"""
            : """SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'Units' AND column_name = 'Note'""";
        Assert.Equal(0L, Convert.ToInt64(await columns.ExecuteScalarAsync()));
        await using var tables = connection.CreateCommand();
        tables.CommandText = """SELECT COUNT(*) FROM "Units" """;
        Assert.Equal(1L, Convert.ToInt64(await tables.ExecuteScalarAsync()));
        await connection.CloseAsync();
        Assert.Equal("社会事务科", (await after.Units.SingleAsync()).Name);
    }

    [Fact]
    public async Task Migrate_dry_run_lists_the_pending_migrations_and_changes_nothing()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, migrate: false);
        var config = Path.Combine(store.DataPath, "appsettings.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new { Data = new { Path = store.DataPath } }));
        var output = new StringWriter();

        Assert.Equal(0, await CliApp.RunAsync(["migrate", "--dry-run", "--db", store.DbArgument, "--config", config], output, TextWriter.Null, CancellationToken.None));

        var all = store.NewContext().Database.GetMigrations().ToList();
        Assert.Equal([$"待执行的迁移 {all.Count} 个：", .. all], output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await using (var db = store.NewContext())
        {
            Assert.Equal(all, await db.Database.GetPendingMigrationsAsync());
        }

        output = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["migrate", "--db", store.DbArgument, "--config", config], output, TextWriter.Null, CancellationToken.None));
        Assert.StartsWith($"已执行迁移 {all.Count} 个", output.ToString());
        await using (var db = store.NewContext())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
    }

    /// <summary>A context over the test store whose migrations are the product's and the two below.</summary>
    private static RectifyDbContext WithTestMigrations(TestStore store)
    {
        var builder = new DbContextOptionsBuilder<RectifyDbContext>();
        StoreServiceCollectionExtensions.Configure(builder, store.Options, store.DataPath);
        builder.ReplaceService<IMigrationsAssembly, ProductAndTestMigrations>();
        return new RectifyDbContext(builder.Options, TimeProvider.System, new LocalSaves());
    }

    private sealed class ProductAndTestMigrations(ICurrentDbContext context, IDbContextOptions options, IMigrationsIdGenerator ids,
        IDiagnosticsLogger<DbLoggerCategory.Migrations> logger) : MigrationsAssembly(context, options, ids, logger)
    {
        public override IReadOnlyDictionary<string, TypeInfo> Migrations =>
            new SortedDictionary<string, TypeInfo>(base.Migrations.ToDictionary())
            {
                [AddsNote.Id] = typeof(AddsNote).GetTypeInfo(),
                [FailsHalfWay.Id] = typeof(FailsHalfWay).GetTypeInfo(),
            };
    }

    /// <summary>A good migration, pending together with the failing one, as in an upgrade across two releases.</summary>
    [DbContext(typeof(RectifyDbContext))]
    [Migration(Id)]
    private sealed class AddsNote : Migration
    {
        public const string Id = "29990101000001_AddsNote";

        protected override void Up(MigrationBuilder m) => m.AddColumn<string>("Note", "Units", nullable: true);
    }

    /// <summary>Creates a table and changes rows, then fails on its last statement.</summary>
    [DbContext(typeof(RectifyDbContext))]
    [Migration(Id)]
    private sealed class FailsHalfWay : Migration
    {
        public const string Id = "29990101000002_FailsHalfWay";

        protected override void Up(MigrationBuilder m)
        {
            m.CreateTable("HalfWay", t => new { Id = t.Column<int>(nullable: false) }, constraints: t => t.PrimaryKey("PK_HalfWay", x => x.Id));
            m.Sql("""DELETE FROM "Units" """);
            m.Sql("""SELECT * FROM "NoSuchTable" """);
        }
    }
}
