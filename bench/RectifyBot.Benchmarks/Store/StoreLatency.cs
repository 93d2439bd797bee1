using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Benchmarks.Store;

/// <summary>
/// `store`: builds a city-scale store with <see cref="CityScaleGenerator"/> and measures the three queries
/// staff ask most, each through the product's own query service with a fresh context per call, as a chat turn
/// does, then whole chat turns. Prints p50/p99 per query; BenchmarkDotNet has no p99, which is the target here.
/// </summary>
public static class StoreLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var measures = IntArg(args, "--measures", 50_000);
        var updates = IntArg(args, "--updates", measures * 10);
        var iterations = IntArg(args, "--iterations", 500);
        var db = StringArg(args, "--db");
        var dataPath = Directory.CreateTempSubdirectory("rectifybot-bench-").FullName;
        var store = db is null
            ? new StoreOptions { ConnectionString = $"Data Source={Path.Combine(dataPath, "city.db")}" }
            : StoreOptions.FromDbArgument(db);

        var services = await CityStore.OpenAsync(dataPath, store, measures, updates, new FixedClock(CityScaleGenerator.Today));
        var factory = services.GetRequiredService<IDbContextFactory<RectifyDbContext>>();

        var today = CityScaleGenerator.Today;
        var random = new Random(1);
        var unitCount = await Count(factory, db => db.Units.CountAsync());
        var inspections = await Count(factory, db => db.Inspections.CountAsync());
        var unitNames = await Names(factory);
        // The load test's messages (LoadBenchmark.Message).
        var messages = new (string Kind, Func<int, string> Text)[]
        {
            ("unit-overdue", i => $"{unitNames[i % unitNames.Count]}逾期"),
            ("detail", i => $"第{1 + (i % 160)}项什么情况"),
            ("due-this-week", _ => "本周到期的有哪些"),
            ("unit-open", i => $"{unitNames[i % unitNames.Count]}还有几项没完成"),
        };
        var queries = new (string Name, Func<IServiceProvider, int, Task<int>> Run)[]
        {
            ("overdue-for-a-unit", async (sp, _) => (await sp.GetRequiredService<MeasureQueries>().ListAsync(new MeasureFilter { UnitId = 1 + random.Next(unitCount), OverdueOnly = true }, today, default)).Count),
            ("due-within-7-days", async (sp, _) => (await sp.GetRequiredService<MeasureQueries>().ListAsync(new MeasureFilter { DueBetween = (today, today.AddDays(7)) }, today, default)).Count),
            // Cold: computed from the tables, as after any change to the record. Then as served while nothing changed.
            ("stats-whole-city-cold", async (sp, _) => (await new MeasureQueries(sp.GetRequiredService<RectifyDbContext>(), new StatsCache()).StatsAsync(null, today, default)).Total),
            ("stats-whole-city", async (sp, _) => (await sp.GetRequiredService<MeasureQueries>().StatsAsync(null, today, default)).Total),
            ("stats-one-inspection", async (sp, _) => (await sp.GetRequiredService<MeasureQueries>().StatsAsync(1 + random.Next(inspections), today, default)).Total),
            // A whole rule-path turn as the office (who sees every unit): understand, query, reply, remember.
            ("turn", (sp, i) => TurnAsync(sp, new IncomingMessage(ChannelName.Cli, "员工0050", messages[i % messages.Length].Text(i)))),
        };
        Console.WriteLine($"{"query",-22}{"rows",8}{"mean ms",10}{"p50 ms",10}{"p99 ms",10}");
        foreach (var query in queries)
        {
            await TimeAsync(services, iterations, query);
        }
        // The same messages from unit staff on WeCom (their own unit is the default scope), each kind timed apart. A
        // user sends the four in a row, as in a conversation, so each turn changes what is remembered.
        // (user1 to user19 are unit staff: CityScaleGenerator makes every 20th a leader and every 50th the office.)
        await TimeAsync(services, iterations, messages.Select(m => ("turn-" + m.Kind,
            (Func<IServiceProvider, int, Task<int>>)((sp, i) => TurnAsync(sp, new IncomingMessage(ChannelName.WeCom, $"user{1 + i % 19}", m.Text(i)))))).ToArray());
        return 0;
    }

    private const int Warmup = 20;

    /// <summary>
    /// Runs the group's items in turn, each in a fresh scope as a turn has, and prints each one's rows and times after
    /// a warm-up. The second argument of each run is its own iteration number.
    /// </summary>
    private static async Task TimeAsync(IServiceProvider services, int iterations, params (string Name, Func<IServiceProvider, int, Task<int>> Run)[] group)
    {
        var samples = group.Select(_ => new List<double>()).ToArray();
        var rows = new int[group.Length];
        for (var i = 0; i < (iterations + Warmup) * group.Length; i++)
        {
            var k = i % group.Length;
            await using var scope = services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            rows[k] = await group[k].Run(scope.ServiceProvider, i / group.Length);
            watch.Stop();
            if (i >= Warmup * group.Length)
            {
                samples[k].Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        for (var k = 0; k < group.Length; k++)
        {
            samples[k].Sort();
            Console.WriteLine($"{group[k].Name,-22}{rows[k],8}{samples[k].Average(),10:F2}{Percentile(samples[k], 0.50),10:F2}{Percentile(samples[k], 0.99),10:F2}");
        }
    }

    private static async Task<int> TurnAsync(IServiceProvider sp, IncomingMessage message) =>
        (await sp.GetRequiredService<ConversationEngine>().HandleAsync(message, default)).Measures.Count;

    private static async Task<List<string>> Names(IDbContextFactory<RectifyDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Units.OrderBy(u => u.Id).Select(u => u.Name).ToListAsync();
    }

    private static async Task<int> Count(IDbContextFactory<RectifyDbContext> factory, Func<RectifyDbContext, Task<int>> count)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await count(db);
    }

    internal static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    internal static int IntArg(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;

    internal static string? StringArg(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    internal sealed class FixedClock(DateOnly day) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero);
    }
}
