using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RectifyBot.Benchmarks.Store;
using RectifyBot.Host;
using RectifyBot.Host.Channels.WeCom;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Benchmarks.Load;

/// <summary>
/// `load`: the real server on loopback over a city-scale store, with simulated users at once: half on the web
/// chat (signed in, one turn per request), half on WeCom (encrypted callbacks; every write sent twice, as WeCom
/// re-sends a callback it thinks was lost; replies collected by a loopback stand-in for WeCom's API). Reports
/// turns per second, latency percentiles, errors, and duplicate replies or writes.
/// </summary>
public static class LoadBenchmark
{
    private const string Token = "LoadTestToken";
    private const string AesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private const string CorpId = "wwloadtest";

    public static async Task<int> RunAsync(string[] args)
    {
        var users = StoreLatency.IntArg(args, "--users", 200);
        var seconds = StoreLatency.IntArg(args, "--seconds", 20);
        var measures = StoreLatency.IntArg(args, "--measures", 50_000);
        var dataPath = Directory.CreateTempSubdirectory("rectifybot-load-").FullName;
        try
        {
            return await RunAsync(users, seconds, measures, dataPath);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static async Task<int> RunAsync(int users, int seconds, int measures, string dataPath)
    {
        var store = new StoreOptions { ConnectionString = $"Data Source={Path.Combine(dataPath, "rectifybot.db")}" };
        List<string> unitNames;
        await using (var services = await CityStore.OpenAsync(dataPath, store, measures, measures * 10, TimeProvider.System))
        await using (var db = await services.GetRequiredService<IDbContextFactory<RectifyDbContext>>().CreateDbContextAsync())
        {
            // Web sign-in for the first staff, all with one password (hashing it per person would only slow the setup).
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Staff" SET "WebLogin" = 'user' || "Id", "PasswordHash" = {0} WHERE "Id" <= {1}""", PasswordHasher.Hash("load"), users);
            unitNames = await db.Units.OrderBy(u => u.Id).Select(u => u.Name).ToListAsync();
        }

        await using var wecom = await WeComSink.StartAsync();
        var app = await RectifyBotApp.BuildAsync(
        [
            "--urls=http://127.0.0.1:0", $"--Data:Path={dataPath}", "--Logging:LogLevel:Default=Warning",
            $"--WeCom:CorpId={CorpId}", "--WeCom:AgentId=1000002", "--WeCom:Secret=load-secret", $"--WeCom:Token={Token}",
            $"--WeCom:EncodingAesKey={AesKey}", $"--WeCom:ApiBaseUrl={wecom.BaseAddress}",
        ]);
        await app.StartAsync();
        var server = new Uri(app.Urls.Single());
        Console.WriteLine($"server {server}, {users} users for {seconds} s");

        var web = new Stats();
        var weComTurns = new Stats();
        var weComAcks = new Stats();
        var crypto = new WeComCrypto(Token, AesKey, CorpId);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = users * 2, UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        var sentWrites = new ConcurrentBag<string>();
        var uniqueWeComMessages = 0;

        // Odd ids on the web, even on WeCom: the office staff (every 50th) write through WeCom.
        var tasks = Enumerable.Range(1, users).Select(id => id % 2 == 1
            ? Task.Run(() => WebUserAsync(http, id, unitNames, web, stop.Token))
            : Task.Run(async () =>
            {
                var sent = await WeComUserAsync(http, crypto, wecom, id, unitNames, weComTurns, weComAcks, sentWrites, stop.Token);
                Interlocked.Add(ref uniqueWeComMessages, sent);
            })).ToList();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(tasks);
        var elapsed = watch.Elapsed.TotalSeconds;
        await Task.Delay(1500); // let retried deliveries still in the queue finish before counting

        int storedWrites;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            storedWrites = await db.ProgressUpdates.CountAsync(u => u.Text.StartsWith("负载测试"));
        }
        await app.StopAsync();
        await app.DisposeAsync();

        Console.WriteLine($"{"channel",-14}{"turns",8}{"turns/s",10}{"p50 ms",9}{"p99 ms",9}{"errors",8}");
        web.Print("web chat", elapsed);
        weComTurns.Print("wecom turn", elapsed);
        weComAcks.Print("wecom ack", elapsed);
        Console.WriteLine($"all turns: {(web.Count + weComTurns.Count) / elapsed:F0}/s");
        Console.WriteLine($"wecom: {uniqueWeComMessages} messages sent ({sentWrites.Count} writes, each delivered twice); " +
                          $"{wecom.Replies} replies (duplicates: {wecom.Replies - uniqueWeComMessages}); writes stored: {storedWrites} (duplicates: {storedWrites - sentWrites.Count})");
        return 0;
    }

    /// <summary>A signed-in web user asking rule-path questions back to back.</summary>
    private static async Task WebUserAsync(HttpClient http, int id, List<string> units, Stats stats, CancellationToken stop)
    {
        string? cookie = null;
        using (var login = new HttpRequestMessage(HttpMethod.Post, "/api/login") { Content = JsonContent.Create(new { login = $"user{id}", password = "load" }) })
        {
            login.Headers.Add(Host.Channels.Web.WebPage.RequestHeader, "1");
            using var response = await http.SendAsync(login, CancellationToken.None);
            response.EnsureSuccessStatusCode();
            cookie = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        }
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = JsonContent.Create(new { text = Message(units, id, i) }) };
            request.Headers.Add(Host.Channels.Web.WebPage.RequestHeader, "1");
            request.Headers.Add("Cookie", cookie);
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await http.SendAsync(request, CancellationToken.None);
                stats.Add(watch.Elapsed.TotalMilliseconds, response.IsSuccessStatusCode);
            }
            catch (HttpRequestException)
            {
                stats.Add(watch.Elapsed.TotalMilliseconds, false);
            }
        }
    }

    /// <summary>
    /// A WeCom user: a callback, then waiting for the reply to arrive at WeCom's API. Office staff also write
    /// progress updates, each delivered twice. Returns how many distinct messages it sent.
    /// </summary>
    private static async Task<int> WeComUserAsync(HttpClient http, WeComCrypto crypto, WeComSink wecom, int id, List<string> units,
        Stats turns, Stats acks, ConcurrentBag<string> writes, CancellationToken stop)
    {
        var user = $"user{id}";
        var office = id % 50 == 0; // as the generator assigns roles
        var sent = 0;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var msgId = (id * 1_000_000L) + i;
            var isWrite = office && i % 3 == 0;
            var text = isWrite ? $"{1 + (i % 150)} 进展：负载测试{msgId}" : Message(units, id, i);
            var watch = Stopwatch.StartNew();
            var ok = await CallbackAsync(http, crypto, user, text, msgId, acks);
            if (isWrite)
            {
                writes.Add(text);
                ok &= await CallbackAsync(http, crypto, user, text, msgId, acks);
            }
            sent++;
            ok &= await wecom.NextReplyAsync(user, TimeSpan.FromSeconds(20));
            turns.Add(watch.Elapsed.TotalMilliseconds, ok);
        }
        return sent;
    }

    private static async Task<bool> CallbackAsync(HttpClient http, WeComCrypto crypto, string user, string text, long msgId, Stats acks)
    {
        var xml = $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>{msgId}</CreateTime>" +
                  $"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content><MsgId>{msgId}</MsgId><AgentID>1000002</AgentID></xml>";
        var encrypt = crypto.Encrypt(xml);
        var body = $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.PostAsync($"{WeComEndpoints.Path}?msg_signature={crypto.Sign("1", "2", encrypt)}&timestamp=1&nonce=2",
                new StringContent(body, Encoding.UTF8, "text/xml"));
            acks.Add(watch.Elapsed.TotalMilliseconds, response.IsSuccessStatusCode);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            acks.Add(watch.Elapsed.TotalMilliseconds, false);
            return false;
        }
    }

    private static string Message(List<string> units, int id, int i) => ((id + i) % 4) switch
    {
        0 => $"{units[(id + i) % units.Count]}逾期",
        1 => $"第{1 + ((id * 7 + i) % 160)}项什么情况",
        2 => "本周到期的有哪些",
        _ => $"{units[(id * 3 + i) % units.Count]}还有几项没完成",
    };

    private sealed class Stats
    {
        private readonly ConcurrentBag<double> _ms = [];
        private int _errors;

        public int Count => _ms.Count;

        public void Add(double ms, bool ok)
        {
            _ms.Add(ms);
            if (!ok)
            {
                Interlocked.Increment(ref _errors);
            }
        }

        public void Print(string name, double seconds)
        {
            var sorted = _ms.Order().ToList();
            if (sorted.Count == 0)
            {
                Console.WriteLine($"{name,-14}{0,8}");
                return;
            }
            Console.WriteLine($"{name,-14}{sorted.Count,8}{sorted.Count / seconds,10:F0}{StoreLatency.Percentile(sorted, 0.5),9:F1}{StoreLatency.Percentile(sorted, 0.99),9:F1}{_errors,8}");
        }
    }

    /// <summary>A loopback stand-in for WeCom's API that hands out a token and collects app messages per user.</summary>
    private sealed class WeComSink : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, SemaphoreSlim> _replies = new();
        private WebApplication _app = null!;
        private int _count;

        public Uri BaseAddress { get; private set; } = null!;
        public int Replies => _count;

        public static async Task<WeComSink> StartAsync()
        {
            var sink = new WeComSink();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            sink._app = builder.Build();
            sink._app.MapGet("/cgi-bin/gettoken", () => Results.Json(new { errcode = 0, errmsg = "ok", access_token = "load-token", expires_in = 7200 }));
            sink._app.MapPost("/cgi-bin/message/send", async (HttpRequest request) =>
            {
                var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
                // The reply is the text message; a button card may follow it and is not a second reply.
                if ((string?)body["msgtype"] == "text")
                {
                    Interlocked.Increment(ref sink._count);
                    foreach (var user in ((string)body["touser"]!).Split('|'))
                    {
                        sink.Signal(user).Release();
                    }
                }
                return Results.Json(new { errcode = 0, errmsg = "ok", msgid = "m" });
            });
            await sink._app.StartAsync();
            sink.BaseAddress = new Uri(sink._app.Urls.Single());
            return sink;
        }

        public Task<bool> NextReplyAsync(string user, TimeSpan timeout) => Signal(user).WaitAsync(timeout);

        private SemaphoreSlim Signal(string user) => _replies.GetOrAdd(user, _ => new SemaphoreSlim(0));

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
