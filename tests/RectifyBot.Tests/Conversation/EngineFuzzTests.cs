using System.Text;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;
using RectifyBot.Store;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Conversation;

/// <summary>Random and hostile messages through the whole turn: a reply always comes back, and nothing changes.</summary>
public class EngineFuzzTests
{
    private static readonly string[] Hostile =
    [
        "'; DROP TABLE \"Measures\"; --", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x}", "\0\u0001\u0002",
        "第", "项", "51号号号号", "撤销撤销撤销", "同意", "退回", "申请", "认领", "…………", "\u202E51 完成", "\uD83D", "😀51😀",
        new string('5', 5000), string.Concat(Enumerable.Repeat("第51项", 400)), "\r\n\r\n", "null", "undefined", "NaN",
    ];

    [Fact]
    public async Task No_message_crashes_the_engine_or_writes_anything()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using (var db = store.NewContext())
        {
            await new PlanBuilder().ConversationsRoster().Measure(51, lead: "社会事务科", due: "2023-10-20").SaveAsync(db);
        }
        var random = new Random(20231121);
        var messages = Hostile.Concat(Enumerable.Range(0, 300).Select(_ => RandomText(random))).ToList();
        messages.Add(new string('字', 100 * 1024));
        int before;
        await using (var db = store.NewContext())
        {
            before = await db.AuditEntries.CountAsync();
        }

        foreach (var text in messages)
        {
            await using var scope = store.Scope();
            var engine = scope.ServiceProvider.GetRequiredService<ConversationEngine>();
            var turn = await engine.HandleAsync(new IncomingMessage(ChannelName.Cli, "李娜", text), CancellationToken.None);
            Assert.False(string.IsNullOrWhiteSpace(turn.Reply.Text));
            Assert.True(turn.Changes.Count == 0, $"{turn.Intent} wrote on: {text[..Math.Min(text.Length, 80)]} → {turn.Reply.Text}");
        }

        await using (var db = store.NewContext())
        {
            Assert.Equal(before, await db.AuditEntries.CountAsync());
            Assert.Equal(MeasureStatus.NotStarted, (await db.Measures.SingleAsync()).Status);
        }
    }

    /// <summary>Mixed CJK, ASCII, punctuation, digits, emoji and control characters, up to 300 characters.</summary>
    private static string RandomText(Random random)
    {
        var sb = new StringBuilder();
        var length = random.Next(0, 300);
        for (var i = 0; i < length; i++)
        {
            sb.Append(random.Next(6) switch
            {
                0 => (char)random.Next(0x4E00, 0x9FA5),
                1 => (char)random.Next(0x20, 0x7F),
                2 => "，。、：；（）“”《》！？"[random.Next(13)],
                3 => (char)random.Next('0', '9' + 1),
                4 => random.Next(2) == 0 ? '\n' : (char)random.Next(0, 0x20),
                _ => (char)random.Next(0xFF01, 0xFF5E),
            });
        }
        return sb.ToString();
    }
}
