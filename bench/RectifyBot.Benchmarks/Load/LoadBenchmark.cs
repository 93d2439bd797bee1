using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Benchmarks.Store;
using RectifyBot.Host.Channels.WeCom;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Benchmarks.Load;

/// <summary>
/// `load`: the real server (its own process, as deployed) on loopback over a city-scale store, with simulated
/// users at once: half on the web chat (signed in, one turn per request), half on WeCom (encrypted callbacks;
/// every write sent twice, as WeCom re-sends a callback it thinks was lost; replies collected by a loopback
/// stand-in for WeCom's API).
/// Each user sends at a steady pace, so that all of them together offer <c>--rate</c> turns a second, and a
/// turn's latency counts from when it was due to be sent, not from when a slow reply let the user send it: a
/// server that falls behind shows it in the percentiles rather than by quietly slowing the users down. The first
/// <c>--warmup</c> seconds are not counted (the runtime is still compiling the hot paths then).
/// </summary>
public static class LoadBenchmark
{
    private const string Token = "LoadTestToken";
    private const string AesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private const string CorpId = "wwloadtest";

    /// <summary>
    /// This run's number, in its MsgIds and its writes: WeCom's MsgIds never repeat, and a store kept from an
    /// earlier run (a PostgreSQL database) would otherwise take this run's messages for retries of that one's.
    /// </summary>
    private static readonly long RunId = Random.Shared.NextInt64(1, 9_000_000);

    private static string WriteTag => $"负载测试{RunId}-";

    public static async Task<int> RunAsync(string[] args)
    {
        var run = new Run(
            Users: StoreLatency.IntArg(args, "--users", 200),
            Rate: StoreLatency.IntArg(args, "--rate", 1000),
            Warmup: TimeSpan.FromSeconds(StoreLatency.IntArg(args, "--warmup", 60)),
            Measured: TimeSpan.FromSeconds(StoreLatency.IntArg(args, "--seconds", 30)));
        var measures = StoreLatency.IntArg(args, "--measures", 50_000);
        var db = StoreLatency.StringArg(args, "--db");
        var dataPath = Directory.CreateTempSubdirectory("rectifybot-load-").FullName;
        try
        {
            var store = db is null
                ? new StoreOptions { ConnectionString = $"Data Source={Path.Combine(dataPath, "rectifybot.db")}" }
                : StoreOptions.FromDbArgument(db);
            return await RunAsync(run, measures, store, dataPath);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private sealed record Run(int Users, int Rate, TimeSpan Warmup, TimeSpan Measured)
    {
        /// <summary>Each user's pace: together they offer <see cref="Rate"/> turns a second.</summary>
        public TimeSpan Interval => TimeSpan.FromSeconds((double)Users / Rate);
    }

    private static async Task<int> RunAsync(Run run, int measures, StoreOptions store, string dataPath)
    {
        List<string> unitNames;
        await using (var services = await CityStore.OpenAsync(dataPath, store, measures, measures * 10, TimeProvider.System))
        await using (var db = await services.GetRequiredService<IDbContextFactory<RectifyDbContext>>().CreateDbContextAsync())
        {
            // Web sign-in for the first staff, all with one password (hashing it per person would only slow the setup).
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Staff" SET "WebLogin" = 'user' || "Id", "PasswordHash" = {0} WHERE "Id" <= {1}""", PasswordHasher.Hash("load"), run.Users);
            unitNames = await db.Units.OrderBy(u => u.Id).Select(u => u.Name).ToListAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var wecom = await WeComSink.StartAsync();
        await using var server = await ServerProcess.StartAsync(dataPath, store,
        [
            $"--WeCom:CorpId={CorpId}", "--WeCom:AgentId=1000002", "--WeCom:Secret=load-secret", $"--WeCom:Token={Token}",
            $"--WeCom:EncodingAesKey={AesKey}", $"--WeCom:ApiBaseUrl={wecom.BaseAddress}",
        ]);
        Console.WriteLine($"server {server.BaseAddress} (pid {server.Id}); {run.Users} users offering {run.Rate} turns/s " +
                          $"(one every {run.Interval.TotalMilliseconds:F0} ms each); warm-up {run.Warmup.TotalSeconds:F0} s, measured {run.Measured.TotalSeconds:F0} s");

        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = run.Users * 2, UseCookies = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        // Sign-ins first, one at a time: each is a PBKDF2 hash of 600,000 iterations, a cost of setting up, not of a turn.
        var cookies = new Dictionary<int, string>();
        foreach (var id in Enumerable.Range(1, run.Users).Where(id => id % 2 == 1))
        {
            cookies[id] = await SignInAsync(http, id);
        }
        var clock = new Clock(run);
        var web = new Stats();
        var weComTurns = new Stats();
        var weComAcks = new Stats();
        var crypto = new WeComCrypto(Token, AesKey, CorpId);
        var writes = new ConcurrentBag<string>();
        var weComMessages = 0;

        // Odd ids on the web, even on WeCom: the office staff (every 50th) write through WeCom.
        var users = Enumerable.Range(1, run.Users).Select(id => id % 2 == 1
            ? Task.Run(() => WebUserAsync(http, id, cookies[id], unitNames, clock, web))
            : Task.Run(async () =>
            {
                var sent = await WeComUserAsync(http, crypto, wecom, id, unitNames, clock, weComTurns, weComAcks, writes);
                Interlocked.Add(ref weComMessages, sent);
            })).ToList();
        var cpu = Task.Run(async () =>
        {
            // The server's and this process's CPU over the measured window, from its start to its end.
            await clock.WaitAsync(run.Warmup);
            var (server0, client0) = (server.Cpu, Process.GetCurrentProcess().TotalProcessorTime);
            await clock.WaitAsync(run.Warmup + run.Measured);
            return (Server: server.Cpu - server0, Client: Process.GetCurrentProcess().TotalProcessorTime - client0);
        });
        await Task.WhenAll(users);
        var (serverCpu, clientCpu) = await cpu;
        await Task.Delay(1500); // retried deliveries still queued finish before the writes are counted
        await server.DisposeAsync();

        int stored;
        await using (var services = await CityStore.OpenAsync(dataPath, store, measures, 0, TimeProvider.System))
        await using (var db = await services.GetRequiredService<IDbContextFactory<RectifyDbContext>>().CreateDbContextAsync())
        {
            stored = await db.ProgressUpdates.CountAsync(u => u.Text.StartsWith(WriteTag));
        }

        Console.WriteLine($"{"channel",-12}{"turns",8}{"turns/s",9}{"p50 ms",9}{"p90 ms",9}{"p99 ms",9}{"max ms",9}{"errors",8}");
        web.Print("web chat", run.Measured);
        weComTurns.Print("wecom turn", run.Measured);
        weComAcks.Print("wecom ack", run.Measured);
        var all = web.Merge(weComTurns);
        all.Print("all turns", run.Measured);
        Console.WriteLine($"wecom: {weComMessages} messages ({writes.Count} writes, each delivered twice); {wecom.Replies} replies " +
                          $"(duplicates: {wecom.Replies - weComMessages}); writes stored: {stored} (duplicates: {stored - writes.Count})");
        Console.WriteLine($"cpu over the measured window: server {serverCpu / run.Measured:F2} cores ({serverCpu.TotalMilliseconds / all.Count:F2} ms a turn), " +
                          $"load client and WeCom stand-in {clientCpu / run.Measured:F2} cores");
        var met = all.Count / run.Measured.TotalSeconds >= 1000 && all.P99 < 100 && all.Errors == 0 && wecom.Replies == weComMessages && stored == writes.Count;
        Console.WriteLine($"target (at least 1000 turns/s, p99 under 100 ms, no errors, no duplicates): {(met ? "met" : "NOT met")}");
        return 0;
    }

    /// <summary>When each user's turns are due, and which of them are counted.</summary>
    private sealed class Clock(Run run)
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        public TimeSpan Now => _watch.Elapsed;

        /// <summary>The user's <paramref name="turn"/>th send time; users are spread evenly over one interval.</summary>
        public TimeSpan Due(int user, int turn) => run.Interval * ((double)user / run.Users + turn);

        public bool Over(TimeSpan due) => due >= run.Warmup + run.Measured;

        public bool Counted(TimeSpan due) => due >= run.Warmup;

        /// <summary>Waits until the turn is due; a user already late sends at once.</summary>
        public Task WaitAsync(TimeSpan due) => due > Now ? Task.Delay(due - Now) : Task.CompletedTask;
    }

    /// <summary>The sign-in cookie of web user <paramref name="id"/>.</summary>
    private static async Task<string> SignInAsync(HttpClient http, int id)
    {
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/login") { Content = JsonContent.Create(new { login = $"user{id}", password = "load" }) };
        login.Headers.Add(Host.Channels.Web.WebPage.RequestHeader, "1");
        using var response = await http.SendAsync(login, CancellationToken.None);
        response.EnsureSuccessStatusCode();
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    /// <summary>A signed-in web user asking rule-path questions at a steady pace.</summary>
    private static async Task WebUserAsync(HttpClient http, int id, string cookie, List<string> units, Clock clock, Stats stats)
    {
        for (var i = 0; !clock.Over(clock.Due(id, i)); i++)
        {
            var due = clock.Due(id, i);
            await clock.WaitAsync(due);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = JsonContent.Create(new { text = Message(units, id, i) }) };
            request.Headers.Add(Host.Channels.Web.WebPage.RequestHeader, "1");
            request.Headers.Add("Cookie", cookie);
            bool ok;
            try
            {
                using var response = await http.SendAsync(request, CancellationToken.None);
                ok = response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                ok = false;
            }
            stats.Add(clock, due, due, ok);
        }
    }

    /// <summary>
    /// A WeCom user: a callback, then waiting for the reply to arrive at WeCom's API. Office staff also write
    /// progress updates, each delivered twice. Returns how many distinct messages it sent.
    /// </summary>
    private static async Task<int> WeComUserAsync(HttpClient http, WeComCrypto crypto, WeComSink wecom, int id, List<string> units,
        Clock clock, Stats turns, Stats acks, ConcurrentBag<string> writes)
    {
        var user = $"user{id}";
        var office = id % 50 == 0; // as the generator assigns roles
        var sent = 0;
        for (var i = 0; !clock.Over(clock.Due(id, i)); i++)
        {
            var due = clock.Due(id, i);
            await clock.WaitAsync(due);
            var msgId = RunId * 1_000_000_000L + (id * 1_000_000L) + i;
            var isWrite = office && i % 3 == 0;
            var text = isWrite ? $"{1 + (i % 150)} 进展：{WriteTag}{msgId}" : Message(units, id, i);
            var ok = await CallbackAsync(http, crypto, user, text, msgId, clock, due, acks);
            if (isWrite)
            {
                writes.Add(text);
                ok &= await CallbackAsync(http, crypto, user, text, msgId, clock, due, acks);
            }
            sent++;
            ok &= await wecom.NextReplyAsync(user, TimeSpan.FromSeconds(20));
            turns.Add(clock, due, due, ok);
        }
        return sent;
    }

    private static async Task<bool> CallbackAsync(HttpClient http, WeComCrypto crypto, string user, string text, long msgId, Clock clock, TimeSpan due, Stats acks)
    {
        var xml = $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>{msgId}</CreateTime>" +
                  $"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content><MsgId>{msgId}</MsgId><AgentID>1000002</AgentID></xml>";
        var encrypt = crypto.Encrypt(xml);
        var body = $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
        var sent = clock.Now;
        bool ok;
        try
        {
            // Signed now, as WeCom signs: the server refuses callbacks outside WeCom:TimestampWindow.
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var response = await http.PostAsync($"{WeComEndpoints.Path}?msg_signature={crypto.Sign(timestamp, "2", encrypt)}&timestamp={timestamp}&nonce=2",
                new StringContent(body, Encoding.UTF8, "text/xml"));
            ok = response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            ok = false;
        }
        // The acknowledgement is timed from its own send: WeCom's five-second limit is on that, not on the turn.
        acks.Add(clock, due, sent, ok);
        return ok;
    }

    private static string Message(List<string> units, int id, int i) => ((id + i) % 4) switch
    {
        0 => $"{units[(id + i) % units.Count]}逾期",
        1 => $"第{1 + ((id * 7 + i) % 160)}项什么情况",
        2 => "本周到期的有哪些",
        _ => $"{units[(id * 3 + i) % units.Count]}还有几项没完成",
    };

    /// <summary>Latencies of the turns due in the measured window.</summary>
    private sealed class Stats
    {
        private readonly ConcurrentBag<double> _ms = [];
        private int _errors;

        public int Count => _ms.Count;
        public int Errors => _errors;
        public double P99 => StoreLatency.Percentile([.. _ms.Order()], 0.99);

        /// <summary>Counts a turn due at <paramref name="due"/> if it falls in the measured window, timed from <paramref name="from"/>.</summary>
        public void Add(Clock clock, TimeSpan due, TimeSpan from, bool ok)
        {
            if (!clock.Counted(due))
            {
                return;
            }
            _ms.Add((clock.Now - from).TotalMilliseconds);
            if (!ok)
            {
                Interlocked.Increment(ref _errors);
            }
        }

        public Stats Merge(Stats other)
        {
            var merged = new Stats { _errors = _errors + other._errors };
            foreach (var ms in _ms.Concat(other._ms))
            {
                merged._ms.Add(ms);
            }
            return merged;
        }

        /// <summary>
        /// Turns a second over the measured window. Latency counts from when a turn was due, so a server that kept
        /// this pace only by falling behind shows it in the percentiles.
        /// </summary>
        public void Print(string name, TimeSpan window)
        {
            var sorted = _ms.Order().ToList();
            if (sorted.Count == 0)
            {
                Console.WriteLine($"{name,-12}{0,8}");
                return;
            }
            double P(double p) => StoreLatency.Percentile(sorted, p);
            Console.WriteLine($"{name,-12}{sorted.Count,8}{sorted.Count / window.TotalSeconds,9:F0}{P(0.5),9:F1}{P(0.9),9:F1}{P(0.99),9:F1}{sorted[^1],9:F0}{_errors,8}");
        }
    }
}
