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
        // A province as ten cities has ten times the units (--units 4000); as one city inspected more often, the same 400.
        var units = IntArg(args, "--units", 400);
        // One query alone (its name as printed), to profile it.
        var only = StringArg(args, "--only");
        var db = StringArg(args, "--db");
        var dataPath = Directory.CreateTempSubdirectory("rectifybot-bench-").FullName;
        var store = db is null
            ? new StoreOptions { ConnectionString = $"Data Source={Path.Combine(dataPath, "city.db")}" }
            : StoreOptions.FromDbArgument(db);

        var services = await CityStore.OpenAsync(dataPath, store, measures, updates, new FixedClock(CityScaleGenerator.Today), units);
        var factory = services.GetRequiredService<IDbContextFactory<RectifyDbContext>>();

        var today = CityScaleGenerator.Today;
        var unitCount = await Count(factory, db => db.Units.CountAsync());
        var inspections = await Count(factory, db => db.Inspections.CountAsync());
        var unitNames = await Names(factory);
        // The query and its floor ask about the same unit or inspection.
        int UnitOf(int i) => 1 + (int)((uint)(i * 2654435761u) % (uint)unitCount);
        int InspectionOf(int i) => 1 + (int)((uint)(i * 2654435761u) % (uint)inspections);
        // The load test's messages (LoadBenchmark.Message).
        var messages = new (string Kind, Func<int, string> Text)[]
        {
            ("unit-overdue", i => $"{unitNames[i % unitNames.Count]}逾期"),
            ("detail", i => $"第{1 + (i % 160)}项什么情况"),
            ("due-this-week", _ => "本周到期的有哪些"),
            ("unit-open", i => $"{unitNames[i % unitNames.Count]}还有几项没完成"),
        };
        // Each query beside its floor: the same question as one hand-written SQL statement on the same database, so a
        // figure reads as a multiple of what the database itself needs, on any machine.
        var queries = new Timed[]
        {
            new("overdue-for-a-unit", async (sp, i) => (await sp.GetRequiredService<MeasureQueries>().ListAsync(new MeasureFilter { UnitId = UnitOf(i), OverdueOnly = true }, today, default)).Count,
                (sp, i) => FloorSql.OverdueForUnitAsync(sp, UnitOf(i), today)),
            new("due-within-7-days", async (sp, _) => (await sp.GetRequiredService<MeasureQueries>().ListAsync(new MeasureFilter { DueBetween = (today, today.AddDays(7)) }, today, default)).Count,
                (sp, _) => FloorSql.DueBetweenAsync(sp, today, today.AddDays(7))),
            // Cold: computed from the tables, as after any change to the record. Then as served while nothing changed.
            new("stats-whole-city-cold", async (sp, _) => (await new MeasureQueries(sp.GetRequiredService<RectifyDbContext>(), new QueryCache(), sp.GetRequiredService<ExactStoreVersion>()).StatsAsync(null, today, default)).Total,
                (sp, _) => FloorSql.CityStatsAsync(sp, today)),
            new("stats-whole-city", async (sp, _) => (await sp.GetRequiredService<MeasureQueries>().StatsAsync(null, today, default)).Total, null),
            new("stats-one-inspection", async (sp, i) => (await sp.GetRequiredService<MeasureQueries>().StatsAsync(InspectionOf(i), today, default)).Total,
                (sp, i) => FloorSql.InspectionStatsAsync(sp, InspectionOf(i))),
            // A whole rule-path turn as the office (who sees every unit): understand, query, reply, remember.
            new("turn", (sp, i) => TurnAsync(sp, new IncomingMessage(ChannelName.Cli, "员工0050", messages[i % messages.Length].Text(i))),
                (sp, i) => FloorSql.TurnAsync(sp, i % messages.Length, unitNames[i % unitNames.Count], i, today)),
        };
        Console.WriteLine($"{"query",-22}{"rows",8}{"mean ms",10}{"p50 ms",10}{"p99 ms",10}{"floor p50",11}{"floor p99",11}{"× p50",7}{"× p99",7}");
        foreach (var query in queries.Where(q => only is null || q.Name == only))
        {
            await TimeAsync(services, iterations, query);
        }
        if (only is not null)
        {
            return 0;
        }
        // The same messages from unit staff on WeCom (their own unit is the default scope), each kind timed apart. A
        // user sends the four in a row, as in a conversation, so each turn changes what is remembered.
        // (user1 to user19 are unit staff: CityScaleGenerator makes every 20th a leader and every 50th the office.)
        await TimeAsync(services, iterations, messages.Select((m, kind) => new Timed("turn-" + m.Kind,
            (sp, i) => TurnAsync(sp, new IncomingMessage(ChannelName.WeCom, $"user{1 + i % 19}", m.Text(i))),
            (sp, i) => FloorSql.TurnAsync(sp, kind, unitNames[i % unitNames.Count], i, today))).ToArray());
        return 0;
    }

    /// <summary>
    /// Calls of each item before any is counted. The runtime recompiles a method hot enough to need it only once it has
    /// run some dozens of times and the recompilation behind it has caught up: after 20 calls a list still cost about
    /// twice what it does in a server that has been running a while, which is what a user meets.
    /// </summary>
    private const int Warmup = 200;

    /// <summary>A query, and its floor: the same question as one hand-written SQL statement.</summary>
    private sealed record Timed(string Name, Func<IServiceProvider, int, Task<int>> Run, Func<IServiceProvider, int, Task<int>>? Floor);

    /// <summary>
    /// Runs the group's items in turn, each in a fresh scope as a turn has, and prints each one's rows and times after
    /// a warm-up. An item's floor runs beside it (same cache state, same machine load), before it every other time:
    /// the second to read a unit's rows finds its pages in the database's cache, and at province scale, where the
    /// store is several times the default cache, the first paid for both (the product's list read over 4 ms 35 times
    /// in 700, its floor twice). Printed beside it with the ratios. The second argument of each run is its own
    /// iteration number.
    /// </summary>
    private static async Task TimeAsync(IServiceProvider services, int iterations, params Timed[] group)
    {
        var samples = group.Select(_ => new List<double>()).ToArray();
        var floorSamples = group.Select(_ => new List<double>()).ToArray();
        var rows = new int[group.Length];
        for (var i = 0; i < (iterations + Warmup) * group.Length; i++)
        {
            var (k, counted) = (i % group.Length, i >= Warmup * group.Length);
            var floorFirst = (i / group.Length) % 2 == 1;
            if (floorFirst && group[k].Floor is { } before)
            {
                await TimeOnceAsync(services, before, i / group.Length, counted ? floorSamples[k] : null);
            }
            rows[k] = await TimeOnceAsync(services, group[k].Run, i / group.Length, counted ? samples[k] : null);
            if (!floorFirst && group[k].Floor is { } after)
            {
                await TimeOnceAsync(services, after, i / group.Length, counted ? floorSamples[k] : null);
            }
        }
        for (var k = 0; k < group.Length; k++)
        {
            samples[k].Sort();
            floorSamples[k].Sort();
            var (p50, p99) = (Percentile(samples[k], 0.50), Percentile(samples[k], 0.99));
            var line = $"{group[k].Name,-22}{rows[k],8}{samples[k].Average(),10:F2}{p50,10:F2}{p99,10:F2}";
            if (floorSamples[k].Count > 0)
            {
                var (f50, f99) = (Percentile(floorSamples[k], 0.50), Percentile(floorSamples[k], 0.99));
                line += $"{f50,11:F3}{f99,11:F3}{p50 / f50,7:F1}{p99 / f99,7:F1}";
            }
            Console.WriteLine(line);
        }
    }

    private static async Task<int> TimeOnceAsync(IServiceProvider services, Func<IServiceProvider, int, Task<int>> run, int i, List<double>? samples)
    {
        await using var scope = services.CreateAsyncScope();
        var watch = Stopwatch.StartNew();
        var rows = await run(scope.ServiceProvider, i);
        samples?.Add(watch.Elapsed.TotalMilliseconds);
        return rows;
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
