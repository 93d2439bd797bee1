using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RectifyBot.Host.Channels.Web;
using RectifyBot.Host.Reminders;
using RectifyBot.Host.Tests.Channels.WeCom;
using RectifyBot.Host.Tests.Channels.Web;
using RectifyBot.Host.Tests.Turns;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests;

/// <summary>
/// Two real server instances on one PostgreSQL database and one data folder, as an organisation-wide deployment runs
/// them behind a load balancer: what they must do once between them is done once. WeCom's API is the loopback fake.
/// The AI bot's single connection is <see cref="Channels.WeComBot.WeComBotLeaseTests"/>.
/// </summary>
public sealed class SeveralInstancesTests : IAsyncLifetime
{
    private const string User = "lina-wx";
    private string? _database;
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rectifybot-instances-");

    /// <summary>The organisation's day: made a workday, so the reminder job sends on it whatever the calendar says.</summary>
    private readonly DateTimeOffset _tenOClock = new(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));

    private FakeWeComApi _wecom = null!;
    private WebServer _a = null!;
    private WebServer _b = null!;

    private static string? Server => Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable);

    public async Task InitializeAsync()
    {
        _wecom = await FakeWeComApi.StartAsync();
        if (Server is null)
        {
            return; // skipped
        }
        StoreOptions store;
        (store, _database) = await InboxCrashTests.StoreAsync(StoreProvider.Postgres, _data.FullName);
        // One data folder: the sign-in keys, evidence and download links are files every instance must read.
        string[] settings = [.. WeComTestData.Settings(_wecom.BaseAddress).Select(kv => $"--{kv.Key}={kv.Value}"),
            "--Store:Provider=Postgres", $"--Store:ConnectionString={store.ConnectionString}",
            $"--Data:Path={_data.FullName}", $"--Reminders:Workdays:0={_tenOClock:yyyy-MM-dd}"];
        _a = WebServer.With(settings);
        _b = WebServer.With(settings);
        // One after the other, as a rolling start does: the first migrates and seeds the demo.
        await _a.InitializeAsync();
        await _b.InitializeAsync();
        await using var scope = _a.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        await db.Staff.Where(s => s.WebLogin == "lina").ExecuteUpdateAsync(s => s.SetProperty(x => x.WeComId, User));
        await db.Staff.Where(s => s.WebLogin == "chenqq").ExecuteUpdateAsync(s => s.SetProperty(x => x.WeComId, "chenqq"));
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await _b.DisposeAsync();
            await _a.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await InboxCrashTests.DropAsync(_database);
        }
        await _wecom.DisposeAsync();
        _data.Delete(recursive: true);
    }

    [PostgresFact]
    public async Task A_callback_and_its_retry_at_the_same_moment_on_two_instances_are_one_turn_one_reply_and_one_write()
    {
        var tag = "巡查" + Guid.NewGuid().ToString("N")[..6];
        using var toA = new HttpClient { BaseAddress = _a.BaseAddress };
        using var toB = new HttpClient { BaseAddress = _b.BaseAddress };

        // WeCom re-sends a callback it thinks was lost; behind a load balancer the retry reaches the other instance.
        var deliveries = await Task.WhenAll(
            _wecom.PostTextAsync(toA, User, $"9 进展：{tag}", msgId: 1),
            _wecom.PostTextAsync(toB, User, $"9 进展：{tag}", msgId: 1));
        Assert.All(deliveries, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.StartsWith("已记录第9项进展", await ReplyAsync(1));
        // Handled in order on each instance: once this is answered by both, a turn queued for the retry has run too.
        Assert.Equal(HttpStatusCode.OK, await _wecom.PostTextAsync(toA, User, "帮助", msgId: 2));
        Assert.Equal(HttpStatusCode.OK, await _wecom.PostTextAsync(toB, User, "帮助", msgId: 3));
        await ReplyAsync(3);

        Assert.Equal(3, Texts().Count);
        Assert.Empty(_wecom.Problems);
        await using var scope = _b.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().ProgressUpdates.CountAsync(u => u.Text == tag));
    }

    [PostgresFact]
    public async Task The_daily_reminder_run_by_both_instances_at_once_reaches_each_person_once_and_closes_the_stage_once()
    {
        var reports = await Task.WhenAll(
            _a.Services.GetRequiredService<ReminderJob>().RunOnceAsync(_tenOClock, default),
            _b.Services.GetRequiredService<ReminderJob>().RunOnceAsync(_tenOClock, default));

        Assert.All(reports, Assert.NotNull);
        Assert.All(reports, r => Assert.Null(r!.Skipped));
        // Each audience's digest was sent by one instance and found sent by the other.
        Assert.All(reports[0]!.Digests, d => Assert.NotEqual(d.AlreadySent,
            reports[1]!.Digests.Single(o => o.Digest.Audience.Key == d.Digest.Audience.Key).AlreadySent));
        // 李娜 for 社会事务科; 陈奇奇 for 办公室 (a unit with measures of its own) and for the office; no one else has WeCom.
        Assert.Equal(["chenqq:办公室", "chenqq:整改办", "lina-wx:社会事务科"],
            _wecom.Messages.Where(m => (string?)m["msgtype"] == "markdown")
                .Select(m => $"{m["touser"]}:{((string?)m["markdown"]!["content"])!.Split('（', '）')[1]}").Order(StringComparer.Ordinal));
        Assert.Single(_wecom.RobotMessages);
        await using var scope = _a.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        // The demo's concentrated stage ended ten days ago: the same job closes it, once.
        Assert.Equal(1, await db.AuditEntries.Where(e => e.Operation == "集中整改阶段结束").Select(e => e.OperationId).Distinct().CountAsync());
        Assert.Empty(_wecom.Problems);
    }

    [PostgresFact]
    public async Task A_session_made_on_one_instance_is_honoured_on_the_other_and_a_sign_out_there_ends_it_within_the_staleness()
    {
        // Cookies belong to 127.0.0.1 whatever the port: one jar reaches both instances, as one host name behind a load balancer.
        using var phone = await _a.SignedInAsync("lina");
        using var desk = await _a.SignedInAsync("lina");
        var onB = new Uri(_b.BaseAddress, "/api/me");
        Assert.Equal("lina", (await desk.GetFromJsonAsync<WebMe>(onB))!.Login);

        using (var signOut = await phone.PostAsync("/api/logout", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        }

        // B reads the store's version again after RecentStoreVersion.Reuse at most: A's saves are not B's local saves.
        var deadline = DateTime.UtcNow + RecentStoreVersion.Reuse + TimeSpan.FromSeconds(30);
        HttpStatusCode status;
        do
        {
            await Task.Delay(RecentStoreVersion.Reuse / 4);
            status = (await desk.GetAsync(onB)).StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private List<JsonObject> Texts() => [.. _wecom.Messages.Where(m => (string?)m["touser"] == User && (string?)m["msgtype"] == "text")];

    /// <summary>The text of the n-th text message sent to the user, waited for (turns run in the background).</summary>
    private async Task<string> ReplyAsync(int n)
    {
        await InboxCrashTests.WaitForAsync(() => Task.FromResult(Texts().Count >= n), $"text message {n}; problems: {string.Join("; ", _wecom.Problems)}");
        return (string)Texts()[n - 1]["text"]!["content"]!;
    }
}
