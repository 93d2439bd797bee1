using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RectifyBot.Host.Tests.Channels.WeCom;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Turns;

/// <summary>
/// Server instances in processes of their own on one PostgreSQL database share the inbox: each handles the messages
/// it accepted, an instance starting leaves alone those a live one holds, and those of an instance killed are taken
/// over once its inbox lease lapses. Each message is handled once: one reply, one write. WeCom's API is the loopback
/// fake, whose held first reply keeps the rest of the person's messages queued behind it, unhandled.
/// </summary>
public sealed class InboxOwnersTests : IAsyncLifetime
{
    private const int Updates = 6;
    private const string User = InboxCrashTests.User;

    private readonly string _data = Directory.CreateTempSubdirectory("rectifybot-owners-").FullName;
    private readonly string _tag = "巡查" + Guid.NewGuid().ToString("N")[..6];
    private readonly TaskCompletionSource _held = new();
    private readonly List<HostProcess> _servers = [];
    private StoreOptions _store = null!;
    private string? _database;
    private FakeWeComApi _wecom = null!;

    public async Task InitializeAsync()
    {
        _wecom = await FakeWeComApi.StartAsync();
        _wecom.SendGate = _held.Task;
        if (Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable) is null)
        {
            return; // skipped
        }
        (_store, _database) = await InboxCrashTests.StoreAsync(StoreProvider.Postgres, _data);
        await InboxCrashTests.PrepareAsync(_data, _store);
    }

    public async Task DisposeAsync()
    {
        _servers.ForEach(s => s.Kill());
        _held.TrySetResult();
        await _wecom.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await InboxCrashTests.DropAsync(_database);
        Directory.Delete(_data, recursive: true);
    }

    [PostgresFact]
    public async Task An_instance_starting_while_another_holds_unhandled_messages_leaves_them_to_it()
    {
        var a = await StartAsync();
        await LeaveUnhandledAsync(a);

        var b = await StartAsync();
        _held.SetResult();
        await InboxCrashTests.WaitForAsync(async () => await InboxCrashTests.CountAsync(_data, _store, _tag) >= Updates
            && await InboxCrashTests.UnhandledAsync(_data, _store) == 0, "the held turns");
        // Each instance handles one conversation's turns in order: once both answer a later message, whatever either had queued has run.
        await SendAsync(a, "第1项什么情况", msgId: 100);
        await SendAsync(b, "第2项什么情况", msgId: 101);
        await InboxCrashTests.WaitForAsync(() => Task.FromResult(Texts().Any(t => t.StartsWith("第1项")) && Texts().Any(t => t.StartsWith("第2项"))),
            "the later messages' replies");

        Assert.Equal(Updates, Texts().Count(t => t.StartsWith("已记录")));
        // The held question's, the writes' and the later questions'.
        Assert.Equal(Updates + 3, Texts().Count);
        await AssertEachWrittenOnceAsync();
    }

    [PostgresFact]
    public async Task What_a_killed_instance_left_unhandled_is_handled_once_by_the_survivor_after_its_lease_lapses()
    {
        var survivor = await StartAsync("--Turns:InboxLease=00:00:05");
        var killed = await StartAsync("--Turns:InboxLease=00:00:05");
        await LeaveUnhandledAsync(killed);

        _servers.Remove(killed);
        killed.Kill();
        _held.SetResult();
        await InboxCrashTests.WaitForAsync(async () => await InboxCrashTests.CountAsync(_data, _store, _tag) >= Updates
            && await InboxCrashTests.UnhandledAsync(_data, _store) == 0, "the killed instance's turns");
        await SendAsync(survivor, "第1项什么情况", msgId: 100);
        await InboxCrashTests.WaitForAsync(() => Task.FromResult(Texts().Any(t => t.StartsWith("第1项"))), "the later message's reply");

        // The killed instance's first reply, held at WeCom when it died, may or may not have been taken.
        Assert.Equal(Updates, Texts().Count(t => t.StartsWith("已记录")));
        await AssertEachWrittenOnceAsync();
    }

    private async Task<HostProcess> StartAsync(params string[] settings)
    {
        var server = await HostProcess.StartAsync(_data, _store, _wecom.BaseAddress, [InboxCrashTests.RepliesBySend, .. settings]);
        _servers.Add(server);
        return server;
    }

    /// <summary>
    /// Sends <paramref name="server"/> a question whose reply WeCom's API holds, and writes that wait behind it, each
    /// acknowledged (stored in the inbox) and none handled.
    /// </summary>
    private async Task LeaveUnhandledAsync(HostProcess server)
    {
        await SendAsync(server, "帮助", msgId: 1);
        await InboxCrashTests.WaitForAsync(() => Task.FromResult(_wecom.SendCalls > 0), "the first reply");
        for (var n = 1; n <= Updates; n++)
        {
            await SendAsync(server, $"9 进展：{_tag}第{n}次", msgId: n + 1);
        }
        Assert.Equal(Updates, await InboxCrashTests.UnhandledAsync(_data, _store));
    }

    private async Task AssertEachWrittenOnceAsync()
    {
        Assert.DoesNotContain(Texts(), t => t.StartsWith("抱歉"));
        Assert.Empty(_wecom.Problems);
        await using var services = InboxCrashTests.Services(_data, _store);
        await using var scope = services.CreateAsyncScope();
        var notes = await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().ProgressUpdates
            .Where(u => u.Text.StartsWith(_tag)).Select(u => u.Text).ToListAsync();
        Assert.Equal(Enumerable.Range(1, Updates).Select(n => $"{_tag}第{n}次").Order(), notes.Order());
    }

    private async Task SendAsync(HostProcess server, string text, long msgId)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, await _wecom.PostTextAsync(http, User, text, msgId));
    }

    private List<string> Texts() => [.. _wecom.Messages.Where(m => (string?)m["touser"] == User && (string?)m["msgtype"] == "text")
        .Select(m => (string)m["text"]!["content"]!)];
}
