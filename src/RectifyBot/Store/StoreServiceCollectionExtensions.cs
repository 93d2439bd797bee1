using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RectifyBot.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store and its options. <paramref name="contentRoot"/> is the folder appsettings.json is in;
    /// a relative data path is taken from there. <paramref name="overrideStore"/> is the command line's --db.
    /// </summary>
    public static IServiceCollection AddRectifyStore(this IServiceCollection services, IConfiguration configuration,
        string contentRoot, StoreOptions? overrideStore = null)
    {
        services.TryAddSingletonTimeProvider();
        services.AddOptions<OrganisationOptions>().Bind(configuration.GetSection(OrganisationOptions.Section));
        services.AddOptions<DataOptions>().Bind(configuration.GetSection(DataOptions.Section))
            .PostConfigure(o => o.Path = Path.GetFullPath(Path.Combine(contentRoot, o.Path)));
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.Section))
            .PostConfigure(o =>
            {
                if (overrideStore is not null)
                {
                    o.Provider = overrideStore.Provider;
                    o.ConnectionString = overrideStore.ConnectionString;
                }
            })
            .Validate(o => o.Provider == StoreProvider.Sqlite || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Store:Provider is Postgres but Store:ConnectionString is empty. Set it in appsettings.json or Store__ConnectionString.");
        services.AddSingleton<OrganisationClock>();
        services.AddSingleton<LocalSaves>();
        // Pooled: a turn rents a context made before instead of building one and its services (a tenth of a turn's
        // CPU). RectifyDbContext forgets its audit scope when it is given back.
        services.AddPooledDbContextFactory<RectifyDbContext>((sp, options) =>
        {
            var store = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            var data = sp.GetRequiredService<IOptions<DataOptions>>().Value;
            Configure(options, store, data.Path);
        });
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, StoreOptions store, string dataPath)
    {
        if (store.Provider == StoreProvider.Postgres)
        {
            options.UseNpgsql(PostgresConnectionString(store), o => o.EnableRetryOnFailure(3).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        }
        else
        {
            options.UseSqlite(SqliteConnectionString(store, dataPath), o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)).AddInterceptors(Pragmas, new SqliteStatements(Pragmas));
        }
        // A list of values (ids.Contains(x)) goes as one array parameter (json_each on SQLite, ANY on PostgreSQL), in
        // compiled queries too: one statement text whatever the list's length, not one parameter a value, which made
        // a few hundred ids a long statement to build and parse, and a new plan for each length.
        // Migrations are written by hand and keep no model snapshot for EF to compare with; MigrationCoverageTests
        // compares the migrated schema with the model instead. StoreInitializer runs an upgrade's migrations in its
        // own transaction on purpose (all or nothing).
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning, RelationalEventId.MigrationsUserTransactionWarning));
    }

    private static readonly SqlitePragmas Pragmas = new();

    /// <summary>The pool's size on PostgreSQL when the connection string does not say (see <see cref="PostgresConnectionString"/>).</summary>
    public const int PoolSize = 32;

    /// <summary>
    /// The configured Npgsql connection string with the product's defaults for what it leaves unsaid:
    /// <list type="bullet">
    /// <item>Statements used twice on a connection are prepared (Max Auto Prepare 100, Auto Prepare Min Usages 2):
    /// a turn's few statements, repeated on every pooled connection, are then neither parsed nor planned again.</item>
    /// <item>No Reset On Close: a connection returned to the pool is not reset (which, with prepared statements,
    /// sends five statements ahead of its next use). The store leaves no session state behind: its one setting is
    /// SET LOCAL, which ends with its transaction; the one session lock, <see cref="StoreInitializer.OneAtATimeAsync{T}"/>'s,
    /// is released by it in a finally; it listens to nothing and makes no temporary tables.</item>
    /// <item>Prepared statements are planned once (plan_cache_mode force_generic_plan): PostgreSQL otherwise plans a prepared
    /// statement afresh for each of its first five runs on every connection, and again whenever a custom plan looks cheaper.
    /// The store's statements look up by key or by a unit's measures, where the generic plan is the one it would choose;
    /// the lists are written so that it is (MeasureQueries: a due window open at its end, a unit within an inspection).
    /// Not set when the operator's connection string sets Options (older openGauss may not know the setting).</item>
    /// <item>A pool of a fixed size, 32 (Minimum Pool Size as its Maximum): its connections are opened as turns need them
    /// and then kept. With Npgsql's own (0 to 100, what was idle for five minutes closed at once), a busy server's pool
    /// swung: a warm-up's 99 connections closed together while turns ran, and the turns then waiting opened 28 to 77 new
    /// ones at once, each a backend that reads its catalogs and prepares its statements again; on PostgreSQL on the
    /// same two cores every turn stopped for 0.3 to 0.5 s each time. A turn holds one connection at most and gives it
    /// back while it waits on a commit, so with all 32 busy a turn waits its turn (WeComSmallPoolTests). Npgsql's
    /// Connection Lifetime (an hour) still renews each connection when it is given back after that: those opened
    /// together are renewed within a second or two, which under load cost the turns of that moment tens of
    /// milliseconds (measured with a lifetime of 100 s), not a stall.</item>
    /// </list>
    /// </summary>
    public static string PostgresConnectionString(StoreOptions store)
    {
        var configured = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = store.ConnectionString };
        // Npgsql takes its keywords in any case, with or without spaces.
        // A keyword given empty ("Options=") is said too, though the parsed string drops it: it is how an operator asks for none.
        var empty = System.Text.RegularExpressions.Regex.Matches(store.ConnectionString ?? "", @"(?:^|;)\s*([^=;]+?)\s*=\s*(?=;|$)").Select(m => m.Groups[1].Value);
        var said = configured.Keys.Cast<string>().Concat(empty).Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(store.ConnectionString);
        if (!said.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 100;
        }
        if (!said.Contains("AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }
        if (!said.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        if (!said.Contains("MaxPoolSize") && !said.Contains("MaximumPoolSize"))
        {
            builder.MaxPoolSize = Math.Max(PoolSize, builder.MinPoolSize);
        }
        if (!said.Contains("MinPoolSize") && !said.Contains("MinimumPoolSize"))
        {
            builder.MinPoolSize = builder.MaxPoolSize;
        }
        if (!said.Contains("Options"))
        {
            builder.Options = "-c plan_cache_mode=force_generic_plan";
        }
        return builder.ToString();
    }

    public static string SqliteConnectionString(StoreOptions store, string dataPath)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(store.ConnectionString) ? $"Data Source={Path.Combine(dataPath, "rectifybot.db")}" : store.ConnectionString)
        {
            // Readers and one writer at a time: wait for a busy writer rather than fail at once.
            DefaultTimeout = 30,
            Pooling = true,
        };
        return builder.ToString();
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
