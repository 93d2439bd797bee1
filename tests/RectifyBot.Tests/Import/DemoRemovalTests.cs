using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Import;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Import;

/// <summary>The demo never lives beside real data: the first real plan imported removes it, in the same transaction.</summary>
public class DemoRemovalTests
{
    private static async Task<ImportResult> ImportAsync(TestStore store, string text)
    {
        await using var scope = store.Scope();
        return await scope.ServiceProvider.GetRequiredService<PlanImporter>().ImportAsync(PlanParser.Parse(text, new DateOnly(2023, 8, 3)),
            "plan.txt", PlanImporter.Sha256Of(Encoding.UTF8.GetBytes(text)), null, null, CancellationToken.None);
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task The_first_real_import_removes_the_demo_people_plan_and_sign_ins(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var scope = store.Scope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(default));
            // chenqq has talked to the bot: the conversation memory of the demo account goes too.
            await scope.ServiceProvider.GetRequiredService<ConversationEngine>().HandleAsync(new IncomingMessage(ChannelName.Web, "chenqq", "第9项什么情况"), default);
        }
        await using (var db = store.NewContext())
        {
            Assert.True(PasswordHasher.Verify(DemoData.Password, (await db.Staff.SingleAsync(s => s.WebLogin == "chenqq")).PasswordHash!));
            Assert.True(await db.ConversationStates.AnyAsync(c => c.UserKey == "chenqq"));
        }

        var imported = await ImportAsync(store, PlanImporterTests.Plan);
        Assert.Null(imported.Error);
        Assert.Contains(imported.Summary!.Warnings, w => w.StartsWith("已移除示例数据"));

        await using (var db = store.NewContext())
        {
            Assert.Equal("示例县教育局党组巡察反馈意见整改实施方案", (await db.Inspections.SingleAsync()).Name);
            Assert.False(await db.Staff.AnyAsync(), "no demo person is left to sign in");
            Assert.False(await db.ConversationStates.AnyAsync());
            Assert.Equal(3, await db.Measures.CountAsync());
            // 办公室 is named by the real plan and stays, as a real unit; the demo's other units go.
            Assert.Equal(["人事科", "办公室"], (await db.Units.OrderBy(u => u.Name).Select(u => u.Name).ToListAsync()).Order());
            Assert.False(await db.Units.AnyAsync(u => u.IsDemo));
        }
        // The web page's and the chat's way in: chenqq is nobody now.
        await using (var scope = store.Scope())
        {
            var turn = await scope.ServiceProvider.GetRequiredService<ConversationEngine>().HandleAsync(new IncomingMessage(ChannelName.Web, "chenqq", "导出台账"), default);
            Assert.Null(turn.Reply.File);
        }
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task An_import_that_fails_leaves_the_demo_as_it_was(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var scope = store.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(default);
        }
        Assert.NotNull((await ImportAsync(store, "这不是方案。")).Error);
        await using var db = store.NewContext();
        Assert.Equal(7, await db.Staff.CountAsync(s => s.IsDemo));
        Assert.True(await db.Inspections.AnyAsync(i => i.IsDemo));
    }
}
