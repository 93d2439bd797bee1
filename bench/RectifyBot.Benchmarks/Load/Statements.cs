using RectifyBot.Benchmarks.Store;
using RectifyBot.Host;
using RectifyBot.Host.Channels.WeCom;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Benchmarks.Load;

/// <summary>
/// `statements`: what each kind of request asks of the store, counted (<see cref="StatementCounter"/>) in the real
/// server, run in this process over a city-scale store: statements (each a round trip to PostgreSQL), writes,
/// commits, those commits that wait for PostgreSQL's log to reach the disk, connections taken from the pool, and savepoints.
/// The load benchmark's users and questions, one at a time, after as many again to warm the caches.
/// Run: dotnet run -c Release --project bench/RectifyBot.Benchmarks -- statements [--db …] [--turns 40] [--measures 5000]
/// </summary>
public static class Statements
{
    public static async Task<int> RunAsync(string[] args)
    {
        var turns = StoreLatency.IntArg(args, "--turns", 40);
        var measures = StoreLatency.IntArg(args, "--measures", 5_000);
        var dbArgument = StoreLatency.StringArg(args, "--db");
        var dataPath = Directory.CreateTempSubdirectory("rectifybot-statements-").FullName;
        var store = dbArgument is null
            ? new StoreOptions { ConnectionString = $"Data Source={Path.Combine(dataPath, "rectifybot.db")}" }
            : StoreOptions.FromDbArgument(dbArgument);
        try
        {
            return await RunAsync(store, dataPath, turns, measures);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static async Task<int> RunAsync(StoreOptions store, string dataPath, int turns, int measures)
    {
        const int users = 100;
        var units = await LoadBenchmark.PrepareStoreAsync(dataPath, store, measures, measures * 2, users);
        await using var wecom = await WeComSink.StartAsync();
        await using var app = await RectifyBotApp.BuildAsync(
            [.. ServerProcess.Arguments("http://127.0.0.1:0", dataPath, store, LoadBenchmark.WeComSettings(wecom)), "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        // Each request carries the cookie it is given, or none, as in the load benchmark: a WeCom callback has none.
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri(app.Urls.Single()) };
        var crypto = new WeComCrypto(LoadBenchmark.Token, LoadBenchmark.AesKey, LoadBenchmark.CorpId);
        // Odd ids on the web and even ones on WeCom, as in the load benchmark; every 50th is the office.
        var web = new[] { 1, 3, 5, 7, 9 };
        var cookies = new Dictionary<int, string>();
        foreach (var id in web)
        {
            cookies[id] = await LoadBenchmark.SignInAsync(http, id);
        }
        var weComUsers = new[] { 2, 4, 6, 8, 10 };
        var office = new[] { 50, 100 };
        var run = Random.Shared.NextInt64(1, 9_000_000);
        var sent = 0L;

        async Task<bool> WeComAsync(int id, string text, bool twice)
        {
            var msgId = run * 1_000_000 + Interlocked.Increment(ref sent);
            var ok = await LoadBenchmark.CallbackAsync(http, crypto, wecom, $"user{id}", text, msgId);
            if (twice)
            {
                // WeCom's retry of the same message: only its inbox row is looked for.
                ok &= await LoadBenchmark.CallbackAsync(http, crypto, wecom, $"user{id}", text, msgId);
            }
            return ok && await wecom.NextReplyAsync($"user{id}", TimeSpan.FromSeconds(30));
        }

        (string Name, Func<int, Task<bool>> Send)[] kinds =
        [
            ("GET /healthz", _ => LoadBenchmark.GetAsync(http, "/healthz", null)),
            ("GET /api/me", i => LoadBenchmark.GetAsync(http, "/api/me", cookies[web[i % web.Length]])),
            // The measures the warm-up asked for, asked again: the load's users ask for 160 in turn, so all but the first are kept.
            ("GET /api/measures/N", i => LoadBenchmark.GetAsync(http, LoadBenchmark.OneRow(i % turns), cookies[web[i % web.Length]])),
            ("web question", i => LoadBenchmark.ChatAsync(http, cookies[web[i % web.Length]], LoadBenchmark.Message(units, web[i % web.Length], i / web.Length))),
            ("WeCom question", i => WeComAsync(weComUsers[i % weComUsers.Length], LoadBenchmark.Message(units, weComUsers[i % weComUsers.Length], i / weComUsers.Length), twice: false)),
            ("WeCom write, sent twice", i => WeComAsync(office[i % office.Length], $"{1 + i % 150} 进展：语句计数{run}-{i}", twice: true)),
        ];
        var database = store.Provider == StoreProvider.Sqlite
            ? Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(store.ConnectionString).DataSource)
            : new Npgsql.NpgsqlConnectionStringBuilder(store.ConnectionString).Database!;
        using var counter = new StatementCounter(database);
        Console.WriteLine($"{store.Provider}, {measures} measures; per request, the mean of {turns} after {turns} to warm up:");
        Console.WriteLine($"{"kind",-26}{"statements",11}{"writes",8}{"commits",9}{"wait for disk",15}{"connections",13}{"savepoints",12}");
        foreach (var (name, send) in kinds)
        {
            for (var i = 0; i < turns; i++)
            {
                await send(i);
            }
            await Task.Delay(500); // a turn's last statements after its reply
            var before = counter.Now;
            var failed = 0;
            for (var i = turns; i < 2 * turns; i++)
            {
                failed += await send(i) ? 0 : 1;
            }
            await Task.Delay(500);
            var c = counter.Now - before;
            double Per(int n) => (double)n / turns;
            Console.WriteLine($"{name,-26}{Per(c.Statements),11:F2}{Per(c.Writes),8:F2}{Per(c.Commits),9:F2}{Per(c.FlushingCommits),15:F2}{Per(c.Connections),13:F2}{Per(c.Savepoints),12:F2}" +
                              (failed > 0 ? $"  ({failed} failed)" : ""));
        }
        await app.StopAsync();
        return 0;
    }
}
