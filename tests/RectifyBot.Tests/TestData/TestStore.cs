using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RectifyBot.Store;

namespace RectifyBot.Tests.TestData;

/// <summary>
/// A real, empty, migrated store for one test: a SQLite file in a temporary data folder, or a fresh database on
/// the PostgreSQL server named by RECTIFYBOT_TEST_POSTGRES (tests/run.sh starts one). Built with the product's
/// own service registration.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string PostgresVariable = "RECTIFYBOT_TEST_POSTGRES";

    private readonly string? _postgresDatabase;
    private readonly IReadOnlyDictionary<string, string?>? _settings;
    private readonly Action<IServiceCollection>? _services;

    private TestStore(StoreProvider provider, string dataPath, StoreOptions options, TestClock clock, string? postgresDatabase,
        IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        Provider = provider;
        DataPath = dataPath;
        Options = options;
        Clock = clock;
        _postgresDatabase = postgresDatabase;
        _settings = settings;
        _services = services;
        var collection = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddRectifyBot(new ConfigurationBuilder().AddInMemoryCollection([new("Data:Path", dataPath), .. settings ?? new Dictionary<string, string?>()]).Build(), dataPath, options);
        // A pooled context's logger remembers for a second that nobody listened to its commands, and StatementCounter
        // starts listening just before the turn it counts.
        collection.ConfigureDbContext<RectifyDbContext>((_, o) => o.ConfigureLoggingCacheTime(TimeSpan.Zero));
        services?.Invoke(collection);
        Services = collection.BuildServiceProvider();
    }

    public StoreProvider Provider { get; }
    public string DataPath { get; }
    public StoreOptions Options { get; }
    public TestClock Clock { get; }
    public ServiceProvider Services { get; }

    /// <summary>What --db would say to reach this store.</summary>
    public string DbArgument => Provider == StoreProvider.Sqlite
        ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Options.ConnectionString).DataSource
        : Options.ConnectionString!;

    /// <summary>The database as its connections name it (<see cref="StatementCounter"/>): the SQLite file, or the PostgreSQL database.</summary>
    public string Database => _postgresDatabase ?? DbArgument;

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable);

    /// <param name="settings">Configuration beyond the data path, e.g. Workflow:SignOff.</param>
    /// <param name="services">Extra registrations, e.g. a recording digest channel.</param>
    public static async Task<TestStore> CreateAsync(StoreProvider provider, TestClock? clock = null, bool migrate = true,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var dataPath = Directory.CreateTempSubdirectory("rectifybot-test-").FullName;
        StoreOptions options;
        string? database = null;
        if (provider == StoreProvider.Postgres)
        {
            var server = PostgresServer ?? throw new InvalidOperationException($"{PostgresVariable} is not set");
            database = "rb_" + Guid.NewGuid().ToString("N")[..16];
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
                await create.ExecuteNonQueryAsync();
            }
            options = new StoreOptions
            {
                Provider = StoreProvider.Postgres,
                ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString(),
            };
        }
        else
        {
            options = new StoreOptions { Provider = StoreProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(dataPath, "rectifybot.db")}" };
        }
        var store = new TestStore(provider, dataPath, options, clock ?? TestClock.At("2023-11-21"), database, settings, services);
        if (migrate)
        {
            await using var db = store.NewContext();
            await db.MigrateAsync(CancellationToken.None);
        }
        return store;
    }

    /// <summary>
    /// A separate SQLite store that starts as a copy of this one: a world built once (an imported plan) can be
    /// given fresh to every case that writes to it. The copy is configured as this one (e.g. Workflow:SignOff).
    /// </summary>
    public async Task<TestStore> CopyAsync(TestClock? clock = null)
    {
        if (Provider != StoreProvider.Sqlite)
        {
            throw new NotSupportedException("Only a SQLite store is copied.");
        }
        await using (var db = NewContext())
        {
            // Fold the write-ahead log into the file, so the copy has everything.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        var dataPath = Directory.CreateTempSubdirectory("rectifybot-test-").FullName;
        File.Copy(Path.Combine(DataPath, "rectifybot.db"), Path.Combine(dataPath, "rectifybot.db"));
        var options = new StoreOptions { Provider = StoreProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(dataPath, "rectifybot.db")}" };
        return new TestStore(StoreProvider.Sqlite, dataPath, options, clock ?? TestClock.At("2023-11-21"), null, _settings, _services);
    }

    public RectifyDbContext NewContext() => Services.GetRequiredService<IDbContextFactory<RectifyDbContext>>().CreateDbContext();

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_postgresDatabase is not null)
        {
            await using var admin = new NpgsqlConnection(PostgresServer);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

/// <summary>
/// The providers a store test runs on: SQLite always; PostgreSQL where a server is given, and always in CI,
/// where tests/run.sh starts one (so a missing server fails there instead of passing unseen).
/// </summary>
public sealed class StoreProviders : TheoryData<StoreProvider>
{
    public StoreProviders()
    {
        Add(StoreProvider.Sqlite);
        if (TestStore.PostgresServer is not null || Environment.GetEnvironmentVariable("CI") == "true")
        {
            Add(StoreProvider.Postgres);
        }
    }
}

/// <summary>A fact about PostgreSQL itself: run where a server is given, and always in CI (as <see cref="StoreProviders"/>).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestStore.PostgresServer is null && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"{TestStore.PostgresVariable} is not set: no PostgreSQL to ask.";
        }
    }
}
