using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Host.Channels.WeComBot;
using RectifyBot.Host.Tests.Channels.Web;
using RectifyBot.Host.Tests.Turns;
using RectifyBot.Rectification;
using RectifyBot.Reminders;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Channels.WeComBot;

/// <summary>
/// Pushes from any server instance, and a unit's reminders in a group chat, over a real WebSocket: two instances share
/// one store (SQLite, and PostgreSQL where configured); the first holds the bot's connection to the fake, the second
/// does not, and a digest the second sends is queued in the store and sent once by the first.
/// </summary>
public sealed class WeComBotPushTests
{
    private const string User = "lina-wx";
    private const string Group = "wrGroup-9";

    [Theory, MemberData(nameof(InboxCrashTests.Providers), MemberType = typeof(InboxCrashTests))]
    public async Task A_digest_queued_by_the_instance_without_the_connection_reaches_the_person_and_the_bound_group_once(StoreProvider provider)
    {
        await using var wecom = await FakeWeComBotServer.StartAsync();
        var data = Directory.CreateTempSubdirectory("rectifybot-push-").FullName;
        var (store, database) = await InboxCrashTests.StoreAsync(provider, data);
        string[] settings = [.. wecom.Settings().Select(kv => $"--{kv.Key}={kv.Value}"),
            $"--Store:Provider={store.Provider}", $"--Store:ConnectionString={store.ConnectionString}"];
        var holder = WebServer.With(settings);
        var other = WebServer.With(settings);
        try
        {
            await holder.InitializeAsync();
            await FakeWeComBotServer.WaitUntilAsync(() => wecom.Subscribes == 1, "the first instance's subscribe");
            await other.InitializeAsync();

            await wecom.FinishedAsync(await wecom.SendTextAsync(User, await holder.BindWordsAsync("lina")), seconds: 30);
            var bound = await wecom.FinishedAsync(await wecom.SendTextAsync(User, "@整改助手 本群接收提醒", chatId: Group), seconds: 30);
            Assert.Equal("好的，本群今后接收社会事务科的每日整改提醒。", (string?)bound[^1]["content"]);

            var digest = await SendDigestAsync(other, "社会事务科");

            var pushes = await FakeWeComBotServer.WaitAsync(() => wecom.Of("aibot_send_msg").Where(f => (string?)f.Body!["msgtype"] == "markdown").ToList() is { Count: >= 2 } p ? p : null,
                $"the digest in the single chat and the group; problems: {string.Join("; ", wecom.Problems)}", seconds: 30);
            // A second or two more: a push sent twice would have come by now.
            await Task.Delay(TimeSpan.FromSeconds(2));
            pushes = [.. wecom.Of("aibot_send_msg").Where(f => (string?)f.Body!["msgtype"] == "markdown")];
            Assert.Equal([(User, 1), (Group, 2)], pushes.Select(p => ((string)p.Body!["chatid"]!, (int)p.Body["chat_type"]!)).Order());
            Assert.All(pushes, p => Assert.Contains(digest.Title, (string?)p.Body!["markdown"]!["content"]));

            await using var scope = holder.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            Assert.Equal(0, await db.QueuedPushes.CountAsync(p => p.SentAt == null));
            Assert.Empty(wecom.Problems);
        }
        finally
        {
            await other.DisposeAsync();
            await holder.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Npgsql.NpgsqlConnection.ClearAllPools();
            await InboxCrashTests.DropAsync(database);
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void A_group_is_bound_to_a_unit_by_the_office_or_one_of_its_staff_only()
    {
        var unitStaff = new Actor(1, "李娜", 3, "社会事务科", StaffRoles.Unit);
        var office = new Actor(2, "陈奇奇", 9, "办公室", StaffRoles.Office);

        Assert.Null(Permissions.BindChat(unitStaff, 3, "社会事务科"));
        Assert.Null(Permissions.BindChat(office, 3, "社会事务科"));
        Assert.Equal("只有整改办或殡葬服务中心的同事可以让本群接收殡葬服务中心的提醒。", Permissions.BindChat(unitStaff, 4, "殡葬服务中心"));
        var group = new GroupAddress(WeComBotTurns.Channel, Group);
        Assert.Equal(new BindUnitChat(group, "社会事务科"), BindUnitChat.Parse(group, "本群接收社会事务科的提醒"));
        Assert.Equal(new BindUnitChat(group, null), BindUnitChat.Parse(group, "本群接收提醒"));
        Assert.Null(BindUnitChat.Parse(group, "社会事务科有哪些提醒"));
    }

    /// <summary>The unit's digest for today through <paramref name="server"/>'s AI-bot reminder channel, to the unit's staff.</summary>
    private static async Task<Digest> SendDigestAsync(WebServer server, string unit)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<RectifyDbContext>();
        var inspection = await db.Inspections.Select(i => i.Id).SingleAsync();
        var today = services.GetRequiredService<OrganisationClock>().Today;
        var digest = (await services.GetRequiredService<DigestBuilder>().BuildAsync(inspection, today, default)).Units.Single(d => d.Audience.Name == unit);
        var people = await db.Staff.Where(s => s.UnitId == digest.Audience.UnitId).Select(s => new DigestRecipient(s.Id, s.Name, s.WeComId)).ToListAsync();
        var channel = services.GetServices<IDigestChannel>().Single(c => c.Name == WeComBotTurns.Channel);
        Assert.True(await channel.SendAsync(new DigestDelivery(digest, people), default));
        return digest;
    }
}
