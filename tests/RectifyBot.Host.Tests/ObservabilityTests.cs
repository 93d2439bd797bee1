using System.Net;
using System.Net.Http.Json;
using Npgsql;
using RectifyBot.Host.Tests.Channels.Web;

namespace RectifyBot.Host.Tests;

/// <summary>/metrics and /readyz of the real server over HTTP on 127.0.0.1.</summary>
public sealed class ObservabilityTests : IAsyncLifetime
{
    private readonly WebServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Metrics_show_turns_by_channel_and_intent_their_latency_and_each_lanes_queue_depth()
    {
        var client = await _server.SignedInAsync("lina");
        using (var chat = await client.PostAsJsonAsync("/api/chat", new { text = "我们科有哪些逾期的" }))
        {
            chat.EnsureSuccessStatusCode();
        }

        var metrics = await _server.Client().GetStringAsync("/metrics");

        Assert.Matches("""rectifybot_turns_total\{[^}]*channel="web"[^}]*intent="[A-Za-z]+"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""rectifybot_turn_duration_seconds_count\{[^}]*channel="web"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""rectifybot_turn_queue_depth\{[^}]*lane="63"[^}]*\} 0""", metrics);
        Assert.Contains("http_server_request_duration_seconds", metrics); // ASP.NET Core's own, alongside
    }

    [Fact]
    public async Task Readiness_names_each_part()
    {
        using var ready = await _server.Client().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(["ready", "store: healthy", "data folder: healthy", "turn queue: healthy"],
            (await ready.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [PostgresFact]
    public async Task Readiness_says_the_store_is_failing_when_its_database_goes_away()
    {
        var server = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)!;
        var database = "rb_" + Guid.NewGuid().ToString("N")[..16];
        await using (var create = new NpgsqlConnection(server))
        {
            await create.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {database}", create).ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
        var postgres = WebServer.With(["--Store:Provider=Postgres", $"--Store:ConnectionString={connection}"]);
        await postgres.InitializeAsync();
        try
        {
            await StoreGoesAwayAsync(postgres, server, database);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    private static async Task StoreGoesAwayAsync(WebServer postgres, string server, string database)
    {
        using (var ready = await postgres.Client().GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        NpgsqlConnection.ClearAllPools();
        await using (var drop = new NpgsqlConnection(server))
        {
            await drop.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE {database} WITH (FORCE)", drop).ExecuteNonQueryAsync();
        }

        using var failing = await postgres.Client().GetAsync("/readyz");
        var body = await failing.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
        Assert.StartsWith("not ready\n", body);
        Assert.Contains("store: unhealthy — 数据库连不上 / cannot connect to the store", body);
        Assert.Contains("data folder: healthy", body);
    }
}

/// <summary>A test that needs the PostgreSQL server of RECTIFYBOT_TEST_POSTGRES; skipped without it, except in CI, where tests/run.sh starts one.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "RECTIFYBOT_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"{Variable} is not set: no PostgreSQL server for this test (tests/run.sh starts one).";
        }
    }
}
