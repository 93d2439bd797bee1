using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RectifyBot.Domain;
using RectifyBot.Host.Tests.Channels.Web;
using RectifyBot.Host.Tests.Turns;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Channels.WeCom;

/// <summary>
/// The real server on PostgreSQL with a connection pool much smaller than the turns under way, as a busy server's pool
/// of 100 is under hundreds of turns a second: turns that waited on a commit holding the connection they held for the
/// turn left its writer none, and every turn failed at the pool's timeout.
/// </summary>
public sealed class WeComSmallPoolTests : IAsyncLifetime
{
    private const int People = 24;
    private string? _database;
    private FakeWeComApi _wecom = null!;
    private WebServer _server = null!;

    private static string? Server => Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable);

    public async Task InitializeAsync()
    {
        _wecom = await FakeWeComApi.StartAsync();
        if (Server is null)
        {
            return; // skipped
        }
        StoreOptions created;
        (created, _database) = await InboxCrashTests.StoreAsync(StoreProvider.Postgres, "");
        var store = new NpgsqlConnectionStringBuilder(created.ConnectionString) { MaxPoolSize = 3 };
        _server = WebServer.With([.. WeComTestData.Settings(_wecom.BaseAddress).Select(kv => $"--{kv.Key}={kv.Value}"),
            "--Store:Provider=Postgres", $"--Store:ConnectionString={store}"]);
        await _server.InitializeAsync();
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        var unit = await db.Units.SingleAsync(u => u.Name == "社会事务科");
        db.Staff.AddRange(Enumerable.Range(1, People).Select(i => new Staff { Name = $"员工{i}", Unit = unit, Roles = StaffRoles.Unit, WeComId = User(i) }));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await _server.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await InboxCrashTests.DropAsync(_database);
        }
        await _wecom.DisposeAsync();
    }

    [PostgresFact]
    public async Task Many_people_asking_and_writing_at_once_through_a_pool_of_three_connections_are_each_answered_once()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        // Each person asks a question and writes a progress update at once, and the update is delivered twice at once,
        // as a retry to a server slow to answer comes. (WeCom re-sends only what got no answer within five seconds, so
        // a question answered in its callback's response is never re-sent: WeComConversationTests.)
        var deliveries = await Task.WhenAll(Enumerable.Range(1, People).SelectMany(i => new[]
        {
            _wecom.PostTextAsync(http, User(i), "我们科有哪些逾期的", msgId: i * 10 + 1),
            _wecom.PostTextAsync(http, User(i), $"9 进展：{Tag(i)}", msgId: i * 10 + 2),
            _wecom.PostTextAsync(http, User(i), $"9 进展：{Tag(i)}", msgId: i * 10 + 2),
        }));
        Assert.All(deliveries, status => Assert.Equal(HttpStatusCode.OK, status));

        // Every update stored once and every message kept handled: no turn is left to send a reply after this.
        await InboxCrashTests.WaitForAsync(async () =>
        {
            await using var scope = _server.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            return await db.ProgressUpdates.CountAsync(u => u.Text.StartsWith("池")) == People && !await db.Inbox.AnyAsync(m => m.HandledAt == null);
        }, $"all updates stored and messages handled; problems: {string.Join("; ", _wecom.Problems)}");
        await InboxCrashTests.WaitForAsync(() => Task.FromResult(Texts().Count >= People * 2), "the replies");

        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var updates = await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().ProgressUpdates.Where(u => u.Text.StartsWith("池")).Select(u => u.Text).ToListAsync();
            Assert.Equal(Enumerable.Range(1, People).Select(Tag).Order(), updates.Order());
        }
        foreach (var i in Enumerable.Range(1, People))
        {
            var replies = Texts().Where(m => (string?)m["touser"] == User(i)).Select(m => (string)m["text"]!["content"]!).ToList();
            Assert.Equal(2, replies.Count);
            Assert.Single(replies, r => r.StartsWith("社会事务科逾期的措施", StringComparison.Ordinal));
            Assert.Single(replies, r => r.StartsWith("已记录第9项进展", StringComparison.Ordinal));
        }
        Assert.Equal(People * 2, Texts().Count);
        Assert.Empty(_wecom.Problems);
    }

    private static string Tag(int i) => $"池{i:D2}";

    private static string User(int i) => $"pool{i:D2}";

    private List<JsonObject> Texts() => [.. _wecom.Messages.Where(m => (string?)m["msgtype"] == "text")];
}
