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
/// Run: dotnet run -c Release --project bench/RectifyBot.Benchmarks -- bot-latency [--users 100] [--seconds 60] [--warmup 20] [--measures 5000]
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
                // The users are bound already (WeCom userid user{Id}), as after the office's contacts sync.
                await db.Database.ExecuteSqlRawAsync("""UPDATE "Staff" SET "WeComId" = 'user' || "Id" WHERE "Id" <= {0}""", users);
                units = await db.Units.OrderBy(u => u.Id).Select(u => u.Name).ToListAsync();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

            await using var wecom = await BotSide.StartAsync();
            await using var server = await ServerProcess.StartAsync(dataPath, store, wecom.Settings);
            await wecom.Subscribed.WaitAsync(TimeSpan.FromSeconds(60));
            Console.WriteLine($"server {server.BaseAddress} (pid {server.Id}); {users} AI-bot users, one question each every {Interval.TotalSeconds:F0} s; " +
                              $"warm-up {warmup.TotalSeconds:F0} s, measured {measured.TotalSeconds:F0} s");

            var clock = Stopwatch.StartNew();
            var end = warmup + measured;
            await Task.WhenAll(Enumerable.Range(1, users).Select(id => Task.Run(async () =>
            {
                for (var i = 0; ; i++)
                {
                    // Users spread evenly over one interval.
                    var due = Interval * ((double)id / users + i);
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

            var (first, finish, unanswered) = wecom.Results();
            Console.WriteLine($"{"",-22}{"count",8}{"p50 ms",9}{"p90 ms",9}{"p99 ms",9}{"max ms",9}");
            Print("to first stream frame", first);
            Print("to finish", finish);
            Console.WriteLine($"unanswered: {unanswered}; server cpu {server.Cpu.TotalSeconds:F1} s in all");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static void Print(string name, List<double> ms)
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

    private static string Question(List<string> units, int id, int i) => ((id + i) % 4) switch
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
