using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RectifyBot.Host.Tests.Channels.WeCom;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Turns;

/// <summary>
/// No acknowledged message is lost or handled twice: the real server in a process of its own receives signed WeCom
/// callbacks that write progress, all at once, is killed with SIGKILL once WeCom has been told they were received (with all but
/// the first still queued, because the stand-in for WeCom's API holds the first reply), and is started again, long
/// before the killed run's inbox lease would lapse: the restart is the same instance (on SQLite always; on PostgreSQL
/// by its Turns:Instance), which handles what its earlier run left at once.
/// </summary>
public sealed class InboxCrashTests
{
    internal const string User = "lina-wx";
    private const int Updates = 20;

    /// <summary>SQLite, and PostgreSQL where a test server is configured (always in CI).</summary>
    public static TheoryData<StoreProvider> Providers()
    {
        var providers = new TheoryData<StoreProvider> { StoreProvider.Sqlite };
        if (Environment.GetEnvironmentVariable(PostgresVariable) is not null || Environment.GetEnvironmentVariable("CI") == "true")
        {
            providers.Add(StoreProvider.Postgres);
        }
        return providers;
    }

    private const string PostgresVariable = "RECTIFYBOT_TEST_POSTGRES";

    [Theory, MemberData(nameof(Providers))]
    public async Task Every_acknowledged_write_is_stored_exactly_once_after_a_kill_and_a_restart(StoreProvider provider)
    {
        var data = Directory.CreateTempSubdirectory("rectifybot-crash-").FullName;
        var (store, database) = await StoreAsync(provider, data);
        try
        {
            await PrepareAsync(data, store);
            await using var wecom = await FakeWeComApi.StartAsync();
            var held = new TaskCompletionSource();
            wecom.SendGate = held.Task;
            var tag = "巡查" + Guid.NewGuid().ToString("N")[..6];

            string[] settings = ["--Turns:InboxLease=01:00:00", RepliesBySend, .. provider == StoreProvider.Postgres ? ["--Turns:Instance=crash-test"] : (string[])[]];
            var server = await HostProcess.StartAsync(data, store, wecom.BaseAddress, settings);
            using (var http = new HttpClient { BaseAddress = server.BaseAddress })
            {
                // All at once, so that they are stored in shared commits; WeCom re-sends a callback it thinks was lost.
                var sent = await Task.WhenAll(Enumerable.Range(1, Updates).Append(3).Select(n => SendAsync(wecom, http, $"9 进展：{tag}第{n}次", msgId: n)));
                Assert.All(sent, status => Assert.Equal(HttpStatusCode.OK, status));
                await WaitForAsync(() => wecom.SendCalls > 0, "the first turn's reply", data);
            }
            server.Kill();

            // Before the restart: the first write is there, the rest were only acknowledged.
            Assert.True(await CountAsync(data, store, tag) < Updates);

            wecom.SendGate = Task.CompletedTask;
            held.SetResult();
            server = await HostProcess.StartAsync(data, store, wecom.BaseAddress, settings);
            try
            {
                using var http = new HttpClient { BaseAddress = server.BaseAddress };
                await WaitForAsync(async () => await CountAsync(data, store, tag) >= Updates && await UnhandledAsync(data, store) == 0, "the replayed turns", data);
                // A retry after the restart is still recognised.
                Assert.Equal(HttpStatusCode.OK, await SendAsync(wecom, http, $"9 进展：{tag}第{Updates}次", msgId: Updates));
                await SendAsync(wecom, http, "帮助", msgId: Updates + 1);
                await WaitForAsync(async () => await UnhandledAsync(data, store) == 0 && wecom.Messages.Count >= Updates + 1, "the last turn", data);
            }
            finally
            {
                server.Kill();
            }

            await using (var services = Services(data, store))
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
                var notes = await db.ProgressUpdates.Where(u => u.Text.StartsWith(tag)).Select(u => u.Text).ToListAsync();
                Assert.Equal(Enumerable.Range(1, Updates).Select(n => $"{tag}第{n}次").Order(), notes.Order());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            await DropAsync(database);
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Migrates the store and seeds the demo, in which 李娜 is the WeCom user <see cref="User"/>.</summary>
    internal static async Task PrepareAsync(string data, StoreOptions store)
    {
        await using var services = Services(data, store);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        await db.MigrateAsync(default);
        await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(default);
        await db.Database.ExecuteSqlAsync($"""UPDATE "Staff" SET "WeComId" = {User} WHERE "WebLogin" = 'lina'""");
    }

    /// <summary>Drops a database <see cref="StoreAsync"/> made on the PostgreSQL test server; nothing for SQLite.</summary>
    internal static async Task DropAsync(string? database)
    {
        if (database is not null)
        {
            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A store for one test: a SQLite file in <paramref name="data"/>, or a new database on the PostgreSQL test server.</summary>
    internal static async Task<(StoreOptions Store, string? Database)> StoreAsync(StoreProvider provider, string data)
    {
        if (provider == StoreProvider.Sqlite)
        {
            return (new StoreOptions { Provider = StoreProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(data, "rectifybot.db")}" }, null);
        }
        var server = Environment.GetEnvironmentVariable(PostgresVariable) ?? throw new InvalidOperationException($"{PostgresVariable} is not set");
        var database = "rb_crash_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }
        return (new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString() }, database);
    }

    internal static ServiceProvider Services(string data, StoreOptions store) => new ServiceCollection()
        .AddRectifyBot(new ConfigurationBuilder().AddInMemoryCollection([new("Data:Path", data)]).Build(), data, store)
        .BuildServiceProvider();

    /// <summary>The progress updates whose text begins with <paramref name="tag"/>.</summary>
    internal static async Task<int> CountAsync(string data, StoreOptions store, string tag)
    {
        await using var services = Services(data, store);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().ProgressUpdates.CountAsync(u => u.Text.StartsWith(tag));
    }

    internal static async Task<int> UnhandledAsync(string data, StoreOptions store)
    {
        await using var services = Services(data, store);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().Inbox.CountAsync(m => m.HandledAt == null);
    }

    private static async Task WaitForAsync(Func<bool> done, string what, string data) => await WaitForAsync(() => Task.FromResult(done()), what, data);

    /// <summary>Polls for two minutes; a timeout carries the end of the server's log from <paramref name="data"/>, which the test then deletes.</summary>
    internal static async Task WaitForAsync(Func<Task<bool>> done, string what, string? data = null)
    {
        for (var waited = 0; waited < 1200; waited++)
        {
            if (await done())
            {
                return;
            }
            await Task.Delay(100);
        }
        var log = data is null ? null : Path.Combine(data, "server.log");
        var tail = log is not null && File.Exists(log) ? string.Join("\n", File.ReadLines(log).TakeLast(60)) : "";
        throw new TimeoutException($"{what} never came{(tail.Length > 0 ? $"; the server's log ended:\n{tail}" : "")}");
    }

    private static Task<HttpStatusCode> SendAsync(FakeWeComApi wecom, HttpClient http, string text, long msgId) => wecom.PostTextAsync(http, User, text, msgId);

    /// <summary>
    /// Every reply by message/send, none in its callback's response: these tests hold the replies back at WeCom
    /// (<see cref="FakeWeComApi.SendGate"/>) to keep turns unfinished when the server is killed.
    /// </summary>
    internal const string RepliesBySend = "--WeCom:ReplyInCallbackWithin=00:00:00";
}

/// <summary>RectifyBot.Host in a process of its own, as deployed, on a free loopback port; its output goes to server.log in the data folder.</summary>
internal sealed class HostProcess
{
    private readonly Process _process;

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<HostProcess> StartAsync(string data, StoreOptions store, Uri weComApi, IEnumerable<string>? settings = null)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "RectifyBot.Host.exe" : "RectifyBot.Host"))
        {
            // No appsettings.json above the data folder: the server reads the copy beside its binaries.
            WorkingDirectory = data,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[
                     $"--urls=http://127.0.0.1:{port}", $"--Data:Path={data}", "--Reminders:Enabled=false",
                     $"--Store:Provider={store.Provider}", $"--Store:ConnectionString={store.ConnectionString}",
                     .. WeComTestData.Settings(weComApi).Select(kv => $"--{kv.Key}={kv.Value}"), .. settings ?? []])
        {
            start.ArgumentList.Add(arg);
        }
        var log = TextWriter.Synchronized(new StreamWriter(Path.Combine(data, "server.log"), append: true) { AutoFlush = true });
        var process = Process.Start(start) ?? throw new InvalidOperationException("the server did not start");
        process.OutputDataReceived += (_, e) => log.WriteLine(e.Data);
        process.ErrorDataReceived += (_, e) => log.WriteLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        for (var waited = 0; waited < 600 && !process.HasExited; waited++)
        {
            try
            {
                if ((await http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        host.Kill();
        throw new InvalidOperationException($"the server did not become ready; see {Path.Combine(data, "server.log")}");
    }

    /// <summary>SIGKILL: no shutdown, no queued turn finished, as a crash or the OOM killer would stop it.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
