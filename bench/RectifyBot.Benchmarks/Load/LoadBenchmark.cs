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
/// With <c>--instances N</c> (PostgreSQL) the same load goes through a proxy to N servers on one database, each
/// WeCom retry to another instance than its first try (<see cref="ServerCluster"/>).
/// </summary>
public static class LoadBenchmark
{
    internal const string Token = "LoadTestToken";
    internal const string AesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    internal const string CorpId = "wwloadtest";

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
            Measured: TimeSpan.FromSeconds(StoreLatency.IntArg(args, "--seconds", 30)),
            PhaseWarmup: TimeSpan.FromSeconds(StoreLatency.IntArg(args, "--phase-warmup", 3)),
            Server: StoreLatency.StringArg(args, "--server"),
            BotUsers: StoreLatency.IntArg(args, "--bot-users", 0),
            Instances: StoreLatency.IntArg(args, "--instances", 1),
            Rates: StoreLatency.StringArg(args, "--rates")?.Split(',').Select(r => int.Parse(r, System.Globalization.CultureInfo.InvariantCulture)).ToList());
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
            // The server's log outlives the run, for what went wrong in it.
            var log = Path.Combine(Path.GetTempPath(), "rectifybot-load-server.log");
            File.Copy(Path.Combine(dataPath, "server.log"), log, overwrite: true);
            Console.WriteLine($"server log: {log}");
            Directory.Delete(dataPath, recursive: true);
        }
    }

    /// <param name="PhaseWarmup">The settling time of each phase after the first, whose warm-up has compiled the hot paths.</param>
    /// <param name="Server">Another build of the server to drive (its binaries' folder), for a before and after.</param>
    /// <param name="BotUsers">WeCom AI-bot users asking beside the mixed phase's (<see cref="BotLatency"/>): their wait to the first frame and to finish.</param>
    /// <param name="Instances">Server processes on one PostgreSQL database behind a loopback proxy.</param>
    /// <param name="Rates">Instead of the mixed phase and each kind alone at <paramref name="Rate"/>: the mixed phase at each of these rates in turn, until web or WeCom turns' p99 reaches 100 ms.</param>
    private sealed record Run(int Users, int Rate, TimeSpan Warmup, TimeSpan Measured, TimeSpan PhaseWarmup, string? Server, int BotUsers, int Instances,
        List<int>? Rates);

    /// <summary>One user of a phase: how it sends its <c>i</c>th turn (true when it was answered) and where the turn is counted.</summary>
    private sealed record User(Func<Clock, int, TimeSpan, Task<bool>> SendAsync, Stats Stats);

    /// <summary>
    /// A phase's CPU over its measured window, which lasts until its last turn is answered: the server's, the load
    /// client's, and the database's when it is a PostgreSQL on this machine (<see cref="DatabaseCpu"/>).
    /// </summary>
    private sealed record Cpu(TimeSpan Server, TimeSpan Client, TimeSpan? Database, TimeSpan Window)
    {
        public static Cpu operator +(Cpu a, Cpu b) => new(a.Server + b.Server, a.Client + b.Client, a.Database + b.Database, a.Window + b.Window);
    }

    /// <summary>Rounds of the kinds alone and the floors, each kind measured for <c>--seconds</c> divided among them.</summary>
    private const int Rounds = 5;

    private static async Task<int> RunAsync(Run run, int measures, StoreOptions store, string dataPath)
    {
        var unitNames = await PrepareStoreAsync(dataPath, store, measures, measures * 10, run.Users);

        await using var wecom = await WeComSink.StartAsync();
        if (run.BotUsers > 0 && run.Rates is not null)
        {
            throw new ArgumentException("--bot-users asks beside the mixed phase at --rate, not with --rates.");
        }
        if (run.BotUsers > 0 && run.Instances > 1)
        {
            throw new ArgumentException("--bot-users needs one instance: with --instances the cluster's own stand-in takes the bot's connection.");
        }
        // The AI-bot users are staff after the load's own.
        await using var bots = run.BotUsers > 0 ? await BotLatency.StartAsync(run.BotUsers, firstId: run.Users + 1, unitNames) : null;
        await using var server = await ServerCluster.StartAsync(run.Instances, dataPath, store, [.. WeComSettings(wecom), .. bots?.ServerArguments ?? []], run.Server);
        using var database = DatabaseCpu.Find(store);
        Console.WriteLine($"{server}; {run.Users} users offering {(run.Rates is null ? run.Rate : string.Join(", then ", run.Rates))} turns/s; " +
                          $"warm-up {run.Warmup.TotalSeconds:F0} s, measured {run.Measured.TotalSeconds:F0} s");
        Console.WriteLine(database is null ? "database cpu: not measured (SQLite, or a PostgreSQL elsewhere)"
            : $"database cpu: the PostgreSQL cluster of postmaster pid {database.Postmaster}: its background processes and this database's backends");
        Console.WriteLine($"load average at the start: {File.ReadAllText("/proc/loadavg").Trim()}");

        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = run.Users * 2, UseCookies = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        // Sign-ins first, one at a time: each is a PBKDF2 hash of 600,000 iterations, a cost of setting up, not of a turn.
        var cookies = new Dictionary<int, string>();
        foreach (var id in Enumerable.Range(1, run.Users).Where(id => id % 2 == 1))
        {
            cookies[id] = await SignInAsync(http, id);
        }
        var crypto = new WeComCrypto(Token, AesKey, CorpId);
        var writes = new ConcurrentBag<string>();
        var weComMessages = 0;
        var webIds = cookies.Keys.Order().ToList();
        var weComIds = Enumerable.Range(1, run.Users).Where(id => id % 2 == 0).ToList();
        User Web(int id, Stats stats) => new((_, i, _) => ChatAsync(http, cookies[id], Message(unitNames, id, i)), stats);
        // Each phase's MsgIds are its own: a MsgId seen before is a retry, and is rightly not answered again.
        User WeCom(int phase, int id, Stats turns, Stats acks, WeComKinds kinds) => new(async (clock, i, due) =>
        {
            Interlocked.Increment(ref weComMessages);
            var (isWrite, ok) = await WeComTurnAsync(http, server, crypto, wecom, phase, id, i, unitNames, clock, due, acks, writes);
            (isWrite ? kinds.Writes : kinds.Questions).Add(clock, due, due, ok);
            return ok;
        }, turns);

        // Odd ids on the web, even on WeCom: the office staff (every 50th) write through WeCom.
        var (web, weComTurns, weComAcks, weComMixedKinds) = (new Stats(), new Stats(), new Stats(), new WeComKinds());
        var botsAsking = bots is null ? Task.CompletedTask : bots.SubscribedAsync().ContinueWith(_ => bots.DriveAsync(run.Warmup, run.Measured)).Unwrap();
        List<User> Mixed(int phase, Stats webTurns, Stats weComTurns, Stats weComAcks, WeComKinds weComKinds) =>
            [.. Enumerable.Range(1, run.Users).Select(id => id % 2 == 1 ? Web(id, webTurns) : WeCom(phase, id, weComTurns, weComAcks, weComKinds))];
        Task<Cpu> Phase(string name, int rate, TimeSpan warmup, IReadOnlyList<User> users) => PhaseAsync(name, server, database, rate, warmup, run.Measured, users);
        // The floors: the same server and client asked for who is signed in (HTTP, the cookie and JSON; no engine, no
        // statement), for one measure as the page shows it (the same and two statements of one row each) and for the
        // bare health check. Their server CPU a request divides each kind's, so that the ratios compare across
        // machines where the absolute figures do not.
        var floors = new Floor[]
        {
            new("GET /api/me", "/api/me", (id, _) => GetAsync(http, "/api/me", cookies[id])),
            new("GET /api/measures/N", "1 row", (id, i) => GetAsync(http, OneRow(i), cookies[id])),
            new("GET /healthz", "bare", (_, _) => GetAsync(http, "/healthz", null)),
        };
        List<User> FloorUsers(Floor floor, Stats stats) => [.. webIds.Select(id => new User((_, i, _) => floor.Send(id, i), stats))];
        if (run.Rates is not null)
        {
            await StepAsync(run, Phase, Mixed, floors, FloorUsers);
            return 0;
        }
        var mixed = await Phase("mixed", run.Rate, run.Warmup, Mixed(0, web, weComTurns, weComAcks, weComMixedKinds));
        await botsAsking;
        // Then each kind alone at the same rate, and the floors.
        var (webAlone, weComAlone, weComAloneAcks, weComAloneKinds) = (new Stats(), new Stats(), new Stats(), new WeComKinds());
        var (weComAsked, weComAskedAcks) = (new Stats(), new Stats());
        var floorStats = floors.Select(_ => new Stats()).ToArray();
        (string Name, Func<int, List<User>> Users)[] kinds =
        [
            ("web chat alone", _ => [.. webIds.Select(id => Web(id, webAlone))]),
            // Each round's MsgIds are its own (phase numbers 1 to Rounds).
            ("wecom alone", round => [.. weComIds.Select(id => WeCom(1 + round, id, weComAlone, weComAloneAcks, weComAloneKinds))]),
            // WeCom's questions without the office's writes (the web's turns are all questions): the same kind of turn
            // as a web one, on the other channel. Phases 1 + Rounds to 2 × Rounds.
            ("wecom questions alone", round => [.. weComIds.Where(id => !IsOffice(id)).Select(id => WeCom(1 + Rounds + round, id, weComAsked, weComAskedAcks, new WeComKinds()))]),
            .. floors.Select((floor, f) => (floor.Name, (Func<int, List<User>>)(_ => FloorUsers(floor, floorStats[f])))),
        ];
        // In rounds, each kind for a slice of the measured time in turn: a shared machine's speed drifts over
        // minutes, and with each kind measured in one block after another, a drift between a turn's block and its
        // floor's would move the ratio. Sliced, it weighs on a turn and on its floors alike. (The spread between runs,
        // each with its own server process, is another matter: README's seventeenth round.)
        var cpu = new Cpu?[kinds.Length];
        for (var round = 0; round < Rounds; round++)
        {
            for (var k = 0; k < kinds.Length; k++)
            {
                var slice = await PhaseAsync($"{kinds[k].Name}, round {round + 1} of {Rounds}", server, database, run.Rate, run.PhaseWarmup, run.Measured / Rounds,
                    kinds[k].Users(round));
                cpu[k] = cpu[k] is { } sum ? sum + slice : slice;
            }
        }
        await Task.Delay(1500); // retried deliveries still queued finish before the writes are counted
        await server.ReportAsync(wecom);
        await server.DisposeAsync();

        int stored;
        await using (var services = await CityStore.OpenAsync(dataPath, store, measures, 0, TimeProvider.System))
        await using (var db = await services.GetRequiredService<IDbContextFactory<RectifyDbContext>>().CreateDbContextAsync())
        {
            stored = await db.ProgressUpdates.CountAsync(u => u.Text.StartsWith(WriteTag));
        }

        var all = web.Merge(weComTurns);
        Console.WriteLine($"mixed, as offered ({run.Rate} turns/s, half web, half WeCom):");
        Console.WriteLine($"{"channel",-12}{"turns",8}{"turns/s",9}{"p50 ms",9}{"p90 ms",9}{"p99 ms",9}{"max ms",9}{"errors",8}");
        web.Print("web chat", run.Measured);
        weComTurns.Print("wecom turn", run.Measured);
        weComAcks.Print("wecom ack", run.Measured);
        all.Print("all turns", run.Measured);
        Console.WriteLine($"wecom (all phases): {weComMessages} messages ({writes.Count} writes, each delivered twice); {wecom.Replies} replies " +
                          $"(duplicates: {wecom.Replies - weComMessages}); writes stored: {stored} (duplicates: {stored - writes.Count})");
        Console.WriteLine($"cpu over the mixed window: server {mixed.Server / mixed.Window:F2} cores, load client and WeCom stand-in {mixed.Client / mixed.Window:F2} cores" +
                          (mixed.Database is { } d ? $", database {d / mixed.Window:F2} cores" : ""));
        Console.WriteLine($"the server's background JIT (tier-up), left out of its cpu here: {server.Jit.TotalSeconds:F1} s since it started");
        bots?.Print();

        // The table README quotes: each kind alone at the offered rate, beside the floors measured in this run.
        Console.WriteLine();
        var floorCpu = cpu[3..].Select(c => c!).ToArray();
        var row = new Row(run.Measured, floors, floorStats, floorCpu);
        row.Header();
        row.Print("mixed (all turns)", all, mixed);
        row.Print("web chat turn", webAlone, cpu[0]!);
        row.Print("wecom turn", weComAlone, cpu[1]!);
        row.Print("wecom question turn", weComAsked, cpu[2]!);
        for (var f = 0; f < floors.Length; f++)
        {
            row.Print($"{floors[f].Name} (floor)", floorStats[f], floorCpu[f]);
        }
        Console.WriteLine("slowest turn of each kind, and when it ended (UTC): " + string.Join("; ",
            new[] { ("mixed", all), ("web chat alone", webAlone), ("wecom alone", weComAlone), ("wecom questions alone", weComAsked) }.Concat(floors.Select((f, i) => (f.Name, floorStats[i])))
                .Select(k => $"{k.Item1} {k.Item2.Slowest.Ms:F0} ms at {k.Item2.Slowest.EndedAt:HH:mm:ss.f}")));
        Console.WriteLine($"wecom turns by kind, p50 / p99 / max ms: mixed {weComMixedKinds}; alone {weComAloneKinds}");

        var met = all.Count / run.Measured.TotalSeconds >= 1000 && all.P(0.99) < 100 && all.Errors == 0 && wecom.Replies == weComMessages && stored == writes.Count;
        Console.WriteLine($"target (mixed: at least 1000 turns/s, p99 under 100 ms, no errors, no duplicates): {(met ? "met" : "NOT met")}");
        return 0;
    }

    /// <summary>Builds the city-scale store with web sign-ins for the first <paramref name="users"/> staff; returns the units' names.</summary>
    internal static async Task<List<string>> PrepareStoreAsync(string dataPath, StoreOptions store, int measures, int updates, int users)
    {
        List<string> unitNames;
        await using (var services = await CityStore.OpenAsync(dataPath, store, measures, updates, TimeProvider.System))
        await using (var db = await services.GetRequiredService<IDbContextFactory<RectifyDbContext>>().CreateDbContextAsync())
        {
            // Web sign-in for the first staff, all with one password (hashing it per person would only slow the setup).
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Staff" SET "WebLogin" = 'user' || "Id", "PasswordHash" = {0} WHERE "Id" <= {1}""", PasswordHasher.Hash("load"), users);
            unitNames = await db.Units.OrderBy(u => u.Id).Select(u => u.Name).ToListAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return unitNames;
    }

    /// <summary>
    /// The floor that is an authenticated one-row read: a measure as the page shows it, by number, as the load's detail
    /// question asks for it ("第N项什么情况"). Kept between changes, it is answered after two statements of one row each:
    /// the newest inspection and the store's version.
    /// </summary>
    internal static string OneRow(int i) => $"/api/measures/{1 + i % 160}";

    /// <summary>Server CPU per answered turn: turns given up on were never sent.</summary>
    private static double PerRequest(Cpu cpu, Stats stats) => cpu.Server.TotalMilliseconds / Math.Max(1, stats.Count - stats.Errors);

    /// <summary>A floor: its phase's name, its column's label, and one request of it by a web user (id, turn index).</summary>
    private sealed record Floor(string Name, string Label, Func<int, int, Task<bool>> Send);

    /// <summary>
    /// A line of the table README quotes: a kind's rate and latency, its server CPU a request and as a multiple of each
    /// floor's in this run, and the database's CPU a request and its share of the two together (blank when the
    /// database's CPU is not measured).
    /// </summary>
    private sealed class Row(TimeSpan measured, IReadOnlyList<Floor> floors, IReadOnlyList<Stats> floorStats, IReadOnlyList<Cpu> floorCpu)
    {
        private readonly double[] _floorMs = [.. floorCpu.Select((cpu, f) => PerRequest(cpu, floorStats[f]))];

        public void Header() =>
            Console.WriteLine($"{"kind",-30}{"answered/s",11}{"p50 ms",9}{"p99 ms",9}{"server cpu ms",15}" +
                              string.Concat(floors.Select(f => $"{"× " + f.Label,11}")) + $"{"db cpu ms",11}{"db share",10}");

        public void Print(string name, Stats stats, Cpu cpu)
        {
            var answered = Math.Max(1, stats.Count - stats.Errors);
            var ms = PerRequest(cpu, stats);
            var db = cpu.Database is { } d
                ? $"{d.TotalMilliseconds / answered,11:F3}{d / (d + cpu.Server),10:P0}"
                : "";
            Console.WriteLine($"{name,-30}{(stats.Count - stats.Errors) / measured.TotalSeconds,11:F0}{stats.P(0.5),9:F1}{stats.P(0.99),9:F1}{ms,15:F3}" +
                              string.Concat(_floorMs.Select(floor => $"{ms / floor,11:F1}")) + db);
        }
    }

    /// <summary>
    /// <c>--rates</c>: the mixed phase (half web, half WeCom) at each rate in turn, the first after the warm-up and the
    /// rest after <c>--phase-warmup</c>, until the web or the WeCom turns' p99 reaches 100 ms; then the floors at the
    /// last rate run. Prints a line per kind and rate, and the highest rate at which both stayed under 100 ms.
    /// </summary>
    private static async Task StepAsync(Run run, Func<string, int, TimeSpan, IReadOnlyList<User>, Task<Cpu>> phase,
        Func<int, Stats, Stats, Stats, WeComKinds, List<User>> mixed, Floor[] floors, Func<Floor, Stats, List<User>> floorUsers)
    {
        var steps = new List<(int Rate, Stats Web, Stats WeCom, Stats All, Cpu Cpu)>();
        foreach (var (rate, k) in run.Rates!.Select((rate, k) => (rate, k)))
        {
            var (web, weCom, acks) = (new Stats(), new Stats(), new Stats());
            // Each step's MsgIds are its own (phase numbers 2 and up).
            var cpu = await phase($"mixed at {rate}/s", rate, k == 0 ? run.Warmup : run.PhaseWarmup, mixed(2 + k, web, weCom, acks, new WeComKinds()));
            steps.Add((rate, web, weCom, web.Merge(weCom), cpu));
            Console.WriteLine($"  web p99 {web.P(0.99):F1} ms, wecom p99 {weCom.P(0.99):F1} ms, errors {web.Errors + weCom.Errors}");
            if (!Passes(web) || !Passes(weCom))
            {
                break;
            }
        }
        var last = steps[^1].Rate;
        var floorStats = floors.Select(_ => new Stats()).ToArray();
        var floorCpu = new Cpu[floors.Length];
        for (var f = 0; f < floors.Length; f++)
        {
            floorCpu[f] = await phase(floors[f].Name, last, run.PhaseWarmup, floorUsers(floors[f], floorStats[f]));
        }

        Console.WriteLine();
        var row = new Row(run.Measured, floors, floorStats, floorCpu);
        row.Header();
        foreach (var (rate, web, weCom, all, cpu) in steps)
        {
            // The phase's CPU is shared by its web and WeCom turns, so only the whole phase's is a figure a turn.
            row.Print($"mixed at {rate}/s", all, cpu);
            Console.WriteLine($"{"  web / wecom p50, p99",-26}{"",11}{web.P(0.5),9:F1}{web.P(0.99),9:F1} / {weCom.P(0.5):F1}, {weCom.P(0.99):F1}");
        }
        for (var f = 0; f < floors.Length; f++)
        {
            row.Print($"{floors[f].Name} at {last}/s", floorStats[f], floorCpu[f]);
        }
        var best = steps.Where(s => Passes(s.Web) && Passes(s.WeCom)).Select(s => (int?)s.Rate).LastOrDefault();
        Console.WriteLine($"highest rate with web and WeCom turns' p99 under 100 ms and no errors: {(best is null ? "none of those run" : $"{best}/s")}");
        static bool Passes(Stats s) => s.Errors == 0 && s.Count > 0 && s.P(0.99) < 100;
    }

    /// <summary>
    /// Drives the users together at <paramref name="rate"/> turns a second for a warm-up and a measured window, and
    /// returns the CPU used from the start of the measured window until the last user's last turn was answered.
    /// </summary>
    private static async Task<Cpu> PhaseAsync(string name, ServerCluster server, DatabaseCpu? database, int rate, TimeSpan warmup, TimeSpan measured, IReadOnlyList<User> users)
    {
        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {name}");
        var clock = new Clock(users.Count, rate, warmup, measured);
        var driven = users.Select((user, k) => Task.Run(async () =>
        {
            for (var i = 0; !clock.Over(clock.Due(k, i)); i++)
            {
                var due = clock.Due(k, i);
                await clock.WaitAsync(due);
                // A server that fell far behind would keep a phase going for as long again: what is still unsent by
                // then counts as failed, at the latency it had reached.
                user.Stats.Add(clock, due, due, !clock.GivenUp && await user.SendAsync(clock, i, due));
            }
        })).ToList();
        await clock.WaitAsync(warmup);
        var (server0, client0, database0, start) = (server.Cpu, Process.GetCurrentProcess().TotalProcessorTime, database?.Cpu, clock.Now);
        await Task.WhenAll(driven);
        return new Cpu(server.Cpu - server0, Process.GetCurrentProcess().TotalProcessorTime - client0, database?.Cpu - database0, clock.Now - start);
    }

    /// <summary>When each user's turns are due, and which of them are counted.</summary>
    private sealed class Clock(int users, int rate, TimeSpan warmup, TimeSpan measured)
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        /// <summary>Each user's pace: together they offer <c>rate</c> turns a second.</summary>
        private readonly TimeSpan _interval = TimeSpan.FromSeconds((double)users / rate);

        public TimeSpan Now => _watch.Elapsed;

        /// <summary>The user's <paramref name="turn"/>th send time; users are spread evenly over one interval.</summary>
        public TimeSpan Due(int user, int turn) => _interval * ((double)user / users + turn);

        public bool Over(TimeSpan due) => due >= warmup + measured;

        public bool Counted(TimeSpan due) => due >= warmup;

        /// <summary>Turns not sent by the end of the phase and as long again after it are not sent.</summary>
        public bool GivenUp => Now >= warmup + measured * 2;

        /// <summary>Waits until the turn is due; a user already late sends at once.</summary>
        public Task WaitAsync(TimeSpan due) => due > Now ? Task.Delay(due - Now) : Task.CompletedTask;
    }

    /// <summary>The server's WeCom settings, with WeCom's API at <paramref name="wecom"/>.</summary>
    internal static string[] WeComSettings(WeComSink wecom) =>
    [
        $"--WeCom:CorpId={CorpId}", "--WeCom:AgentId=1000002", "--WeCom:Secret=load-secret", $"--WeCom:Token={Token}",
        $"--WeCom:EncodingAesKey={AesKey}", $"--WeCom:ApiBaseUrl={wecom.BaseAddress}",
    ];

    /// <summary>The sign-in cookie of web user <paramref name="id"/>.</summary>
    internal static async Task<string> SignInAsync(HttpClient http, int id)
    {
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/login") { Content = JsonContent.Create(new { login = $"user{id}", password = "load" }) };
        login.Headers.Add(Host.Channels.Web.WebPage.RequestHeader, "1");
        using var response = await http.SendAsync(login, CancellationToken.None);
        response.EnsureSuccessStatusCode();
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    /// <summary>A web chat turn: one request, answered with the reply.</summary>
    internal static async Task<bool> ChatAsync(HttpClient http, string cookie, string text)
    {
        // As the page sends it: a string body, with a Content-Length. JsonContent streams it, chunked, which no browser
        // does and which the server pays for in reading it.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { text }), Encoding.UTF8, "application/json"),
        };
        return await SendAsync(http, request, cookie);
    }

    internal static async Task<bool> GetAsync(HttpClient http, string path, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(http, request, cookie);
    }

    private static async Task<bool> SendAsync(HttpClient http, HttpRequestMessage request, string? cookie)
    {
        request.Headers.Add(Host.Channels.Web.WebPage.RequestHeader, "1");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        try
        {
            using var response = await http.SendAsync(request, CancellationToken.None);
            // Read as the page does, so the floor's JSON is paid for too.
            await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Refused, or not answered within the client's timeout: a failed turn, not the end of the run.
            return false;
        }
    }

    /// <summary>Whether the load's user is one of the office staff, as the generator assigns roles (every 50th).</summary>
    private static bool IsOffice(int id) => id % 50 == 0;

    /// <summary>
    /// A WeCom user's turn: a callback, then waiting for the reply, in its response or at WeCom's API. Office staff also write
    /// progress updates, each delivered twice.
    /// </summary>
    private static async Task<(bool IsWrite, bool Ok)> WeComTurnAsync(HttpClient http, ServerCluster server, WeComCrypto crypto, WeComSink wecom, int phase, int id, int i, List<string> units,
        Clock clock, TimeSpan due, Stats acks, ConcurrentBag<string> writes)
    {
        var user = $"user{id}";
        var office = IsOffice(id);
        var msgId = RunId * 100_000_000_000L + phase * 1_000_000_000L + (id * 1_000_000L) + i;
        var isWrite = office && i % 3 == 0;
        var text = isWrite ? $"{1 + (i % 150)} 进展：{WriteTag}{msgId}" : Message(units, id, i);
        // Through a proxy, the retry goes to another instance than the first try.
        var ok = await CallbackAsync(http, server, id + i, crypto, wecom, user, text, msgId, clock, due, acks);
        if (isWrite)
        {
            writes.Add(text);
            ok &= await CallbackAsync(http, server, id + i + 1, crypto, wecom, user, text, msgId, clock, due, acks);
        }
        return (isWrite, ok & await wecom.NextReplyAsync(user, TimeSpan.FromSeconds(20)));
    }

    /// <summary>
    /// A phase's WeCom turns apart by kind: a write (a progress update, delivered twice) waits for its commits to reach
    /// the disk, and on PostgreSQL for the log's flush, where a question does not; a few writes can make a p99.
    /// </summary>
    private sealed record WeComKinds
    {
        public Stats Questions { get; } = new();

        public Stats Writes { get; } = new();

        public override string ToString() =>
            $"{Questions.Count} questions {Questions.P(0.5):F1} / {Questions.P(0.99):F1} / {Questions.P(1):F0}, " +
            $"{Writes.Count} writes {Writes.P(0.5):F1} / {Writes.P(0.99):F1} / {Writes.P(1):F0}";
    }

    private static async Task<bool> CallbackAsync(HttpClient http, ServerCluster server, int instance, WeComCrypto crypto, WeComSink wecom, string user, string text, long msgId,
        Clock clock, TimeSpan due, Stats acks)
    {
        var sent = clock.Now;
        var ok = await CallbackAsync(http, crypto, wecom, user, text, msgId, request => server.Pin(request, instance));
        // The acknowledgement is timed from its own send: WeCom's five-second limit is on that, not on the turn.
        acks.Add(clock, due, sent, ok);
        return ok;
    }

    /// <summary>
    /// A text message from <paramref name="user"/> as WeCom delivers it: encrypted, signed now; true when acknowledged.
    /// A reply in the response goes to <paramref name="wecom"/> as one by message/send does. <paramref name="route"/>
    /// may send it to one instance of several.
    /// </summary>
    internal static async Task<bool> CallbackAsync(HttpClient http, WeComCrypto crypto, WeComSink wecom, string user, string text, long msgId,
        Action<HttpRequestMessage>? route = null)
    {
        var xml = $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>{msgId}</CreateTime>" +
                  $"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content><MsgId>{msgId}</MsgId><AgentID>1000002</AgentID></xml>";
        var encrypt = crypto.Encrypt(xml);
        var body = $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
        try
        {
            // Signed now, as WeCom signs: the server refuses callbacks outside WeCom:TimestampWindow.
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{WeComEndpoints.Path}?msg_signature={crypto.Sign(timestamp, "2", encrypt)}&timestamp={timestamp}&nonce=2")
            {
                Content = new StringContent(body, Encoding.UTF8, "text/xml"),
            };
            route?.Invoke(request);
            using var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode
                   && (await response.Content.ReadAsStringAsync() is not { Length: > 0 } reply || wecom.TakeCallbackReply(crypto, reply, timestamp, "2"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Refused, or not answered within the client's timeout: a failed turn, not the end of the run.
            return false;
        }
    }

    internal static string Message(List<string> units, int id, int i) => ((id + i) % 4) switch
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
        private readonly Lock _gate = new();
        private int _errors;

        /// <summary>The slowest counted turn and when it ended: where to look in the server's and the database's logs.</summary>
        public (double Ms, DateTime EndedAt) Slowest { get; private set; }

        public int Count => _ms.Count;
        public int Errors => _errors;

        public double P(double p) => _ms.IsEmpty ? 0 : StoreLatency.Percentile([.. _ms.Order()], p);

        /// <summary>Counts a turn due at <paramref name="due"/> if it falls in the measured window, timed from <paramref name="from"/>.</summary>
        public void Add(Clock clock, TimeSpan due, TimeSpan from, bool ok)
        {
            if (!clock.Counted(due))
            {
                return;
            }
            var ms = (clock.Now - from).TotalMilliseconds;
            _ms.Add(ms);
            lock (_gate)
            {
                if (ms > Slowest.Ms)
                {
                    Slowest = (ms, DateTime.UtcNow);
                }
            }
            if (!ok)
            {
                Interlocked.Increment(ref _errors);
            }
        }

        public Stats Merge(Stats other)
        {
            var merged = new Stats { _errors = _errors + other._errors, Slowest = Slowest.Ms >= other.Slowest.Ms ? Slowest : other.Slowest };
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
