using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using RectifyBot.Store;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace RectifyBot.Benchmarks.Load;

/// <summary>
/// The servers a load run drives: one server process, or (<c>--instances N</c>) N of them on one PostgreSQL database
/// and one data folder (the sign-in keys, evidence, downloads) behind a loopback reverse proxy (YARP), as an
/// organisation-wide deployment runs them. A request that names an instance in <see cref="InstanceHeader"/> goes to
/// that one, so the benchmark can send a WeCom retry to another instance than its first try; the rest go round
/// robin, so a web user's cookie made on one instance is read by the others. With several instances, each runs the
/// daily reminder job as it starts (so all at once, on a day made a workday past the reminder hour) and competes for
/// the WeCom AI-bot connection to a loopback stand-in for WeCom's service.
/// </summary>
internal sealed class ServerCluster : IAsyncDisposable
{
    public const string InstanceHeader = "X-Bench-Instance";

    private readonly IReadOnlyList<ServerProcess> _servers;
    private readonly StoreOptions _store;
    private readonly WebApplication? _proxy;
    private readonly BotLatency.BotSide? _bot;

    private ServerCluster(IReadOnlyList<ServerProcess> servers, StoreOptions store, WebApplication? proxy, BotLatency.BotSide? bot)
    {
        _servers = servers;
        _store = store;
        _proxy = proxy;
        _bot = bot;
        BaseAddress = proxy is null ? servers[0].BaseAddress : new Uri(proxy.Urls.Single());
    }

    /// <summary>Where the load goes: the one server, or the proxy in front of several.</summary>
    public Uri BaseAddress { get; }

    /// <summary>CPU time the servers have used so far, all instances together.</summary>
    public TimeSpan Cpu => _servers.Aggregate(TimeSpan.Zero, (sum, server) => sum + server.Cpu);

    /// <summary>CPU time the servers' background JIT has used so far, left out of <see cref="Cpu"/> (<see cref="ServerProcess.Jit"/>).</summary>
    public TimeSpan Jit => _servers.Aggregate(TimeSpan.Zero, (sum, server) => sum + server.Jit);

    public override string ToString() => _proxy is null
        ? $"server {BaseAddress} (pid {_servers[0].Id})"
        : $"{_servers.Count} servers ({string.Join(", ", _servers.Select(s => $"{s.BaseAddress} pid {s.Id}"))}) behind the proxy {BaseAddress}";

    /// <summary>Sends <paramref name="request"/> to instance <paramref name="n"/> (modulo their number); with one server, there is only it.</summary>
    public void Pin(HttpRequestMessage request, int n)
    {
        if (_servers.Count > 1)
        {
            request.Headers.Add(InstanceHeader, (n % _servers.Count).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public static async Task<ServerCluster> StartAsync(int instances, string dataPath, StoreOptions store, IReadOnlyList<string> settings, string? build)
    {
        if (instances <= 1)
        {
            return new ServerCluster([await ServerProcess.StartAsync(dataPath, store, settings, build)], store, null, null);
        }
        if (store.Provider != StoreProvider.Postgres)
        {
            throw new ArgumentException("--instances needs --db with a PostgreSQL connection string: several servers share one database.");
        }
        // Each instance has a connection pool of its own, and together they must stay within the database's
        // max_connections (100 by default), or turns fail with "too many clients" under load.
        var pooled = new NpgsqlConnectionStringBuilder(store.ConnectionString);
        if (!store.ConnectionString!.Contains("Pool Size", StringComparison.OrdinalIgnoreCase))
        {
            pooled.MaxPoolSize = 80 / instances;
        }
        store = new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = pooled.ToString() };
        // A database kept from an earlier run has today's digests logged as sent already.
        await ExecuteAsync(store, """DELETE FROM "ReminderLogs" """);
        var bot = await BotLatency.BotSide.StartAsync();
        // Today is a workday past the reminder hour and outside quiet hours in any time zone, so the job sends at start.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string[] reminders = ["--Reminders:Enabled=true", "--Reminders:Hour=0", "--Reminders:QuietFrom=0", "--Reminders:QuietUntil=0",
            .. new[] { -1, 0, 1 }.Select((d, i) => $"--Reminders:Workdays:{i}={today.AddDays(d):yyyy-MM-dd}")];
        var servers = await Task.WhenAll(Enumerable.Range(0, instances).Select(i =>
            ServerProcess.StartAsync(dataPath, store, [.. settings, .. reminders, .. bot.Settings], build, i == 0 ? "server.log" : $"server-{i}.log")));
        return new ServerCluster(servers, store, await ProxyAsync(servers), bot);
    }

    /// <summary>
    /// YARP on loopback: a route per instance for requests that name it, taking precedence over the round-robin
    /// route for the rest.
    /// </summary>
    private static async Task<WebApplication> ProxyAsync(IReadOnlyList<ServerProcess> servers)
    {
        static ClusterConfig Cluster(string id, IEnumerable<ServerProcess> to) => new()
        {
            ClusterId = id,
            LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
            Destinations = to.ToDictionary(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), s => new DestinationConfig { Address = s.BaseAddress.ToString() }),
        };
        var pinned = servers.Select((server, i) => (Route: new RouteConfig
        {
            RouteId = $"instance{i}",
            ClusterId = $"instance{i}",
            Order = 0,
            Match = new RouteMatch
            {
                Path = "{**rest}",
                Headers = [new RouteHeader { Name = InstanceHeader, Values = [i.ToString(System.Globalization.CultureInfo.InvariantCulture)], Mode = HeaderMatchMode.ExactHeader }],
            },
        }, Cluster: Cluster($"instance{i}", [server]))).ToList();
        var any = new RouteConfig { RouteId = "any", ClusterId = "any", Order = 1, Match = new RouteMatch { Path = "{**rest}" } };

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddReverseProxy().LoadFromMemory([.. pinned.Select(p => p.Route), any], [.. pinned.Select(p => p.Cluster), Cluster("any", servers)]);
        var proxy = builder.Build();
        proxy.MapReverseProxy();
        await proxy.StartAsync();
        return proxy;
    }

    /// <summary>
    /// What several instances must do once between them, checked while they still run: each digest reached each
    /// person once (and the store logged each audience once), and one instance holds the AI-bot connection.
    /// </summary>
    public async Task ReportAsync(WeComSink wecom)
    {
        if (_bot is null)
        {
            return;
        }
        Console.WriteLine($"server cpu by instance: {string.Join(", ", _servers.Select((s, i) => $"{i} {s.Cpu.TotalSeconds:F1} s"))}");
        var logged = await ScalarAsync(_store, """SELECT count(*) FROM "ReminderLogs" """);
        // Which instance sent each digest: ReminderRun logs a line per digest it sent.
        var sentBy = _servers.Select(s => File.ReadLines(s.LogPath).Count(l => l.Contains("Reminder digest for", StringComparison.Ordinal))).ToList();
        var (received, duplicates) = wecom.Digests;
        Console.WriteLine($"daily reminder, run by all {_servers.Count} instances at start: {logged} digests logged in the store, sent by instance " +
                          $"{string.Join(" / ", sentBy)}; {received} received by people at WeCom (duplicates: {duplicates})");
        // The scheduled closing of ended concentrated stages runs in the same job: once per inspection.
        var closedTwice = await ScalarAsync(_store, """
            SELECT count(*) - count(DISTINCT "EntityId") FROM "AuditEntries" WHERE "Operation" = '集中整改阶段结束' AND "EntityType" = 'Inspection'
            """);
        Console.WriteLine($"concentrated stages closed more than once by the job: {closedTwice}");
        var holders = new List<string>();
        await using (var connection = new NpgsqlConnection(_store.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""SELECT "Holder" FROM "ChannelLeases" WHERE "Name" LIKE 'wecom-bot:%'""", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                holders.Add(reader.GetString(0));
            }
        }
        // A holder is "machine:pid:guid".
        var instances = holders.Select(h => _servers.ToList().FindIndex(s => h.Split(':')[1] == s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Console.WriteLine($"WeCom AI-bot connection: lease held by instance {string.Join(", ", instances)}; connections WeCom's stand-in received: {_bot.Connections}");
        Console.WriteLine($"load average: {(await File.ReadAllTextAsync("/proc/loadavg")).Trim()}");
    }

    private static async Task ExecuteAsync(StoreOptions store, string sql)
    {
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(StoreOptions store, string sql)
    {
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        return Convert.ToInt64(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }
    }
}
