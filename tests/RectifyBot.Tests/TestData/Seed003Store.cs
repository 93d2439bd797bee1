using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Import;
using RectifyBot.Store;

namespace RectifyBot.Tests.TestData;

/// <summary>
/// The world of ../shared/conversations.md: seed 003 imported through the real importer into a real SQLite
/// store, the four people of its roster, and the clock at 2023-11-21.
/// </summary>
public sealed class Seed003Store : IAsyncDisposable
{
    private Seed003Store(TestStore store) => Store = store;

    public TestStore Store { get; }

    public static DateOnly Today { get; } = new(2023, 11, 21);

    public static async Task<Seed003Store> CreateAsync()
    {
        var store = await TestStore.CreateAsync(StoreProvider.Sqlite, TestClock.At("2023-11-21"));
        var path = Shared.Seed("003");
        var doc = await PlanParser.ParseFileAsync(path, Today, CancellationToken.None);
        await using (var scope = store.Scope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<PlanImporter>()
                .ImportAsync(doc, path, PlanImporter.Sha256Of(await File.ReadAllBytesAsync(path)), null, null, CancellationToken.None);
            Assert.Null(result.Error);
        }
        await using (var db = store.NewContext())
        {
            var units = await db.Units.ToDictionaryAsync(u => u.Name);
            var leaders = new Unit { Name = "局党组" };
            db.Staff.AddRange(
                new Staff { Name = "李娜", Unit = units["社会事务科"], Roles = StaffRoles.Unit },
                new Staff { Name = "王强", Unit = units["社会救助科"], Roles = StaffRoles.Unit },
                new Staff { Name = "陈奇奇", Unit = units["办公室"], Roles = StaffRoles.Office },
                new Staff { Name = "巨伟", Unit = leaders, Roles = StaffRoles.Leader });
            await db.SaveChangesAsync();
        }
        return new Seed003Store(store);
    }

    /// <summary>One turn, as <paramref name="who"/> on the command-line channel, through the engine from DI.</summary>
    public async Task<TurnResult> SayAsync(string who, string? text, Attachment? file = null)
    {
        await using var scope = Store.Scope();
        return await scope.ServiceProvider.GetRequiredService<ConversationEngine>()
            .HandleAsync(new IncomingMessage(ChannelName.Cli, who, text) { Attachment = file }, CancellationToken.None);
    }

    /// <summary>A fresh world that starts as this one, for a case that writes.</summary>
    public async Task<Seed003Store> CopyAsync() => new(await Store.CopyAsync());

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
