using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Host.Tests.Turns;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Channels.WeComBot;

/// <summary>
/// The AI bot's messages survive a crash as the other channels' do: the real server in a process of its own takes
/// messages that write progress, is killed with SIGKILL while the first turn waits on its stream (the fake leaves
/// stream frames unanswered), and is started again; every message is handled once and answered by a push.
/// </summary>
public sealed class WeComBotCrashTests
{
    private const string User = "lina-wx";
    private const int Updates = 5;

    [Fact]
    public async Task Messages_a_kill_left_unhandled_are_handled_once_after_the_restart_and_answered_by_push()
    {
        var data = Directory.CreateTempSubdirectory("rectifybot-botcrash-").FullName;
        var store = new StoreOptions { Provider = StoreProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(data, "rectifybot.db")}" };
        try
        {
            await using (var services = InboxCrashTests.Services(data, store))
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
                await db.MigrateAsync(default);
                await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(default);
                await db.Database.ExecuteSqlAsync($"""UPDATE "Staff" SET "WeComId" = {User} WHERE "WebLogin" = 'lina'""");
            }
            await using var wecom = await FakeWeComBotServer.StartAsync();
            wecom.AnswerStreams = false;
            List<string> settings = [.. wecom.Settings().Select(kv => $"--{kv.Key}={kv.Value}")];
            var tag = "巡查" + Guid.NewGuid().ToString("N")[..6];

            var server = await HostProcess.StartAsync(data, store, new Uri("http://127.0.0.1:9"), settings);
            for (var n = 1; n <= Updates; n++)
            {
                await wecom.SendTextAsync(User, $"9 进展：{tag}第{n}次", msgId: $"crash-{n}");
            }
            await InboxCrashTests.WaitForAsync(async () => await InboxCountAsync(data, store) == Updates, "every message in the inbox", data);
            server.Kill();
            Assert.True(await CountAsync(data, store, tag) < Updates);

            wecom.AnswerStreams = true;
            server = await HostProcess.StartAsync(data, store, new Uri("http://127.0.0.1:9"), settings);
            try
            {
                await InboxCrashTests.WaitForAsync(async () => await CountAsync(data, store, tag) >= Updates && await InboxCrashTests.UnhandledAsync(data, store) == 0,
                    "the replayed turns", data);
                await FakeWeComBotServer.WaitUntilAsync(() => Pushed(wecom) >= Updates - 1, "the replies pushed after the restart", seconds: 60);
            }
            finally
            {
                server.Kill();
            }

            await using (var services = InboxCrashTests.Services(data, store))
            {
                await using var scope = services.CreateAsyncScope();
                var notes = await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().ProgressUpdates
                    .Where(u => u.Text.StartsWith(tag)).OrderBy(u => u.Id).Select(u => u.Text).ToListAsync();
                // Once each, and in the order they were sent.
                Assert.Equal(Enumerable.Range(1, Updates).Select(n => $"{tag}第{n}次"), notes);
            }
            Assert.Empty(wecom.Problems);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Replies to the progress messages that came as pushes to the person's single chat.</summary>
    private static int Pushed(FakeWeComBotServer wecom) => wecom.Of("aibot_send_msg")
        .Count(f => (string?)f.Body!["chatid"] == User && ((string?)f.Body["markdown"]?["content"])?.StartsWith("已记录第9项进展", StringComparison.Ordinal) == true);

    private static async Task<int> InboxCountAsync(string data, StoreOptions store)
    {
        await using var services = InboxCrashTests.Services(data, store);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().Inbox.CountAsync(m => m.Channel == "wecom-bot");
    }

    private static async Task<int> CountAsync(string data, StoreOptions store, string tag)
    {
        await using var services = InboxCrashTests.Services(data, store);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().ProgressUpdates.CountAsync(u => u.Text.StartsWith(tag));
    }
}
