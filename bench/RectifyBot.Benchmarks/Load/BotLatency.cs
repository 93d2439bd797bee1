using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RectifyBot.Benchmarks.Store;
using RectifyBot.Store;

namespace RectifyBot.Benchmarks.Load;

/// <summary>
/// `bot-latency`: how long a WeCom AI-bot user waits. The real server (its own process) over a city-scale store
/// connects out to a loopback stand-in for WeCom's long-connection service, which acknowledges every frame and
/// sends each user's questions (the load benchmark's mix: a unit's overdue measures, one measure, this week's,
/// a unit's remaining) as <c>aibot_msg_callback</c>s at a steady pace under WeCom's 30 messages a minute per
/// conversation. It reports the time from a callback leaving to the reply stream's first frame ("正在处理…") and
/// to its <c>finish</c>; the first <c>--warmup</c> seconds are not counted.
/// Run: dotnet run -c Release --project bench/RectifyBot.Benchmarks -- bot-latency [--users 100] [--seconds 60] [--warmup 20] [--measures 5000];
/// or beside the load benchmark's users: load --bot-users 50.
/// </summary>
public static class BotLatency
{
    private const string BotId = "bench-bot";
    private const string Secret = "bench-secret";

    /// <summary>Each user asks every five seconds: a list's reply is a stream and a card, so 24 of the 30 a minute.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var users = StoreLatency.IntArg(args, "--users", 100);
        var warmup = TimeSpan.FromSeconds(StoreLatency.IntArg(args, "--warmup", 20));
        var measured = TimeSpan.FromSeconds(StoreLatency.IntArg(args, "--seconds", 60));
        var measures = StoreLatency.IntArg(args, "--measures", 5_000);
        var dataPath = Directory.CreateTempSubdirectory("rectifybot-botlatency-").FullName;
        try
        {
            var store = new StoreOptions { ConnectionString = $"Data Source={Path.Combine(dataPath, "rectifybot.db")}" };
            List<string> units;
            await using (var services = await CityStore.OpenAsync(dataPath, store, measures, measures * 2, TimeProvider.System))
            await using (var db = await services.GetRequiredService<IDbContextFactory<RectifyDbContext>>().CreateDbContextAsync())
            {
                units = await db.Units.OrderBy(u => u.Id).Select(u => u.Name).ToListAsync();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

            await using var bots = await StartAsync(users, firstId: 1, units);
            await using var server = await ServerProcess.StartAsync(dataPath, store, bots.ServerArguments);
            await bots.SubscribedAsync();
            Console.WriteLine($"server {server.BaseAddress} (pid {server.Id}); {bots.Description}; warm-up {warmup.TotalSeconds:F0} s, measured {measured.TotalSeconds:F0} s");
            await bots.DriveAsync(warmup, measured);
            bots.Print();
            Console.WriteLine($"server cpu {server.Cpu.TotalSeconds:F1} s in all");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataPath, recursive: true);
        }
    }

    /// <summary>
    /// AI-bot users for a run of the server: staff <paramref name="firstId"/> onwards (bound by their WeCom userid
    /// user{Id}, as the city store has them), asking about <paramref name="units"/>. The load benchmark runs them
    /// beside its web and WeCom users (<c>load --bot-users</c>).
    /// </summary>
    internal static async Task<Users> StartAsync(int users, int firstId, IReadOnlyList<string> units) =>
        new(await BotSide.StartAsync(), users, firstId, units);

    /// <summary>The users, WeCom's side of their connection, and what they waited for.</summary>
    internal sealed class Users(BotSide wecom, int count, int firstId, IReadOnlyList<string> units) : IAsyncDisposable
    {
        /// <summary>The server's settings for a bot that connects to this stand-in.</summary>
        public string[] ServerArguments => wecom.Settings;

        public string Description => $"{count} AI-bot users, one question each every {Interval.TotalSeconds:F0} s";

        public Task SubscribedAsync() => wecom.Subscribed.WaitAsync(TimeSpan.FromSeconds(60));

        /// <summary>Each user asks at a steady pace for the warm-up and the measured window; returns once the last replies had time to come.</summary>
        public async Task DriveAsync(TimeSpan warmup, TimeSpan measured)
        {
            var clock = Stopwatch.StartNew();
            var end = warmup + measured;
            await Task.WhenAll(Enumerable.Range(0, count).Select(k => Task.Run(async () =>
            {
                var id = firstId + k;
                for (var i = 0; ; i++)
                {
                    // Users spread evenly over one interval.
                    var due = Interval * ((double)(k + 1) / count + i);
                    if (due >= end)
                    {
                        return;
                    }
                    if (due > clock.Elapsed)
                    {
                        await Task.Delay(due - clock.Elapsed);
                    }
                    await wecom.SendAsync($"user{id}", Question(units, id, i), counted: due >= warmup);
                }
            })));
            // The last questions' replies.
            await Task.Delay(TimeSpan.FromSeconds(10));
        }

        /// <summary>The measured window's times to the first stream frame and to finish, and the machine's load average.</summary>
        public void Print()
        {
            var (first, finish, unanswered) = wecom.Results();
            Console.WriteLine($"{"AI bot",-22}{"count",8}{"p50 ms",9}{"p90 ms",9}{"p99 ms",9}{"max ms",9}");
            Row("to first stream frame", first);
            Row("to finish", finish);
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[..3] : ["?"];
            Console.WriteLine($"unanswered: {unanswered}; load average (1, 5, 15 min): {string.Join(" ", load)} on {Environment.ProcessorCount} cores");
        }

        public ValueTask DisposeAsync() => wecom.DisposeAsync();
    }

    private static void Row(string name, List<double> ms)
    {
        if (ms.Count == 0)
        {
            Console.WriteLine($"{name,-22}{0,8}");
            return;
        }
        ms.Sort();
        double P(double p) => StoreLatency.Percentile(ms, p);
        Console.WriteLine($"{name,-22}{ms.Count,8}{P(0.5),9:F1}{P(0.9),9:F1}{P(0.99),9:F1}{ms[^1],9:F0}");
    }

    private static string Question(IReadOnlyList<string> units, int id, int i) => ((id + i) % 4) switch
    {
        0 => $"{units[(id + i) % units.Count]}逾期",
        1 => $"第{1 + ((id * 7 + i) % 160)}项什么情况",
        2 => "本周到期的有哪些",
        _ => $"{units[(id * 3 + i) % units.Count]}还有几项没完成",
    };

    /// <summary>
    /// WeCom's side of the long connection, reduced to what the measurement needs: subscribe, acks, callbacks, timings;
    /// and how many connections came, for the load benchmark's several instances, of which one may connect.
    /// </summary>
    internal sealed class BotSide : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, (long Sent, bool Counted)> _sent = new();
        private readonly ConcurrentDictionary<string, long> _first = new();
        private readonly ConcurrentDictionary<string, long> _finish = new();
        private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _sending = new(1, 1);
        private WebApplication _app = null!;
        private WebSocket? _socket;
        private long _next;
        private int _connections;

        public Uri Url { get; private set; } = null!;
        public Task Subscribed => _subscribed.Task;
        public int Connections => _connections;

        /// <summary>The server's settings for a bot on this stand-in.</summary>
        public string[] Settings => [$"--WeComBot:BotId={BotId}", $"--WeComBot:Secret={Secret}", $"--WeComBot:Url={Url}"];

        public static async Task<BotSide> StartAsync()
        {
            var side = new BotSide();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            side._app = builder.Build();
            side._app.UseWebSockets();
            side._app.Map("/", side.AcceptAsync);
            await side._app.StartAsync();
            side.Url = new Uri(side._app.Urls.Single().Replace("http://", "ws://", StringComparison.Ordinal) + "/");
            return side;
        }

        public async Task SendAsync(string user, string text, bool counted)
        {
            var reqId = $"REQ{Interlocked.Increment(ref _next)}";
            var frame = new JsonObject
            {
                ["cmd"] = "aibot_msg_callback",
                ["headers"] = new JsonObject { ["req_id"] = reqId },
                ["body"] = new JsonObject
                {
                    ["msgid"] = reqId, ["aibotid"] = BotId, ["chattype"] = "single", ["from"] = new JsonObject { ["userid"] = user },
                    ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = text },
                },
            };
            _sent[reqId] = (Stopwatch.GetTimestamp(), counted);
            await WriteAsync(frame);
        }

        public (List<double> First, List<double> Finish, int Unanswered) Results()
        {
            var counted = _sent.Where(s => s.Value.Counted).ToList();
            double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
            return ([.. counted.Where(s => _first.ContainsKey(s.Key)).Select(s => Ms(s.Value.Sent, _first[s.Key]))],
                [.. counted.Where(s => _finish.ContainsKey(s.Key)).Select(s => Ms(s.Value.Sent, _finish[s.Key]))],
                counted.Count(s => !_finish.ContainsKey(s.Key)));
        }

        private async Task AcceptAsync(HttpContext context)
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            _socket = await context.WebSockets.AcceptWebSocketAsync();
            Interlocked.Increment(ref _connections);
            var buffer = new byte[64 * 1024];
            try
            {
                while (_socket.State == WebSocketState.Open)
                {
                    using var message = new MemoryStream();
                    WebSocketReceiveResult result;
                    do
                    {
                        result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                        message.Write(buffer, 0, result.Count);
                    }
                    while (!result.EndOfMessage);
                    if (result.MessageType == WebSocketMessageType.Close || JsonNode.Parse(message.ToArray()) is not JsonObject frame)
                    {
                        return;
                    }
                    var at = Stopwatch.GetTimestamp();
                    var reqId = (string)frame["headers"]!["req_id"]!;
                    if ((string?)frame["cmd"] == "aibot_respond_msg")
                    {
                        _first.TryAdd(reqId, at);
                        if ((bool?)frame["body"]?["stream"]?["finish"] == true)
                        {
                            _finish.TryAdd(reqId, at);
                        }
                    }
                    await WriteAsync(new JsonObject { ["headers"] = new JsonObject { ["req_id"] = reqId }, ["errcode"] = 0, ["errmsg"] = "ok" });
                    if ((string?)frame["cmd"] == "aibot_subscribe")
                    {
                        _subscribed.TrySetResult();
                    }
                }
            }
            catch (WebSocketException)
            {
                // The server went away at the end of the run.
            }
        }

        private async Task WriteAsync(JsonObject frame)
        {
            await _sending.WaitAsync();
            try
            {
                await _socket!.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                _sending.Release();
            }
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
