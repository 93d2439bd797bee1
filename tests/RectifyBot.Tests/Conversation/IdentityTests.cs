using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Conversation;

/// <summary>Who a chat account is: a name proves nothing; a bind code from the web, or the office's roster, does.</summary>
public class IdentityTests
{
    private static async Task<TestStore> StoreAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.NewContext();
        await new PlanBuilder().ConversationsRoster().Measure(51, lead: "社会事务科", due: "2023-10-20", status: MeasureStatus.InProgress).SaveAsync(db);
        return store;
    }

    private static async Task<TurnResult> SayAsync(TestStore store, string channel, string user, string text)
    {
        await using var scope = store.Scope();
        return await scope.ServiceProvider.GetRequiredService<ConversationEngine>().HandleAsync(new IncomingMessage(channel, user, text), CancellationToken.None);
    }

    private static async Task<Staff> PersonAsync(TestStore store, string name)
    {
        await using var db = store.NewContext();
        return await db.Staff.SingleAsync(s => s.Name == name);
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_name_binds_nothing_and_the_answer_reveals_nothing_about_the_roster(StoreProvider provider)
    {
        await using var store = await StoreAsync(provider);
        await using (var db = store.NewContext())
        {
            db.BeginOperation("测试数据", null);
            (await db.Staff.SingleAsync(s => s.Name == "李娜")).WeComId = "lina-wecom";
            await db.SaveChangesAsync();
        }
        // On the roster and free, on the roster and bound, not on the roster: the same words.
        var answers = new List<string>();
        foreach (var text in new[] { "我是陈奇奇", "我是李娜", "我是不存在", "你好" })
        {
            var turn = await SayAsync(store, ChannelName.WeCom, "attacker", text);
            Assert.Empty(turn.Changes);
            answers.Add(turn.Reply.Text);
        }
        Assert.Single(answers.Distinct());
        Assert.Contains("绑定 123456", answers[0]);
        Assert.Null((await PersonAsync(store, "陈奇奇")).WeComId);

        // The attack of the issue: the office's close approval from an account that only typed a name.
        var approve = await SayAsync(store, ChannelName.WeCom, "attacker", "同意51销号");
        Assert.Equal(ConversationEngine.HowToBind(ChannelName.WeCom), approve.Reply.Text);
        Assert.Equal(ConversationEngine.HowToBind(ChannelName.Teams), (await SayAsync(store, ChannelName.Teams, "aad-attacker", "我是陈奇奇")).Reply.Text);
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_bind_code_from_the_web_binds_the_chat_account_once(StoreProvider provider)
    {
        await using var store = await StoreAsync(provider);
        var lina = await PersonAsync(store, "李娜");
        var binding = store.Services.GetRequiredService<AccountBinding>();
        var issued = await binding.IssueAsync(lina.Id, default);
        Assert.Matches("^[0-9]{6}$", issued.Code);

        var bound = await SayAsync(store, ChannelName.WeCom, "lina-wecom", $"绑定 {issued.Code}");
        Assert.StartsWith("绑定成功。您好，李娜（社会事务科）", bound.Reply.Text);
        Assert.Equal("lina-wecom", (await PersonAsync(store, "李娜")).WeComId);
        Assert.StartsWith("社会事务科", (await SayAsync(store, ChannelName.WeCom, "lina-wecom", "社事科逾期")).Reply.Text);

        // Used once: another account cannot use it again.
        var again = await SayAsync(store, ChannelName.WeCom, "someone-else", $"绑定 {issued.Code}");
        Assert.StartsWith("绑定码不正确或已过期", again.Reply.Text);
        Assert.Empty(again.Changes);

        // Only a salted hash is kept.
        await using var db = store.NewContext();
        var row = await db.BindCodes.SingleAsync();
        Assert.DoesNotContain(issued.Code, row.Hash + row.Salt);
        Assert.NotNull(row.UsedAt);
        Assert.Equal("wecom:lina-wecom", row.UsedBy);
        // The binding is in the audit trail; the code is not.
        Assert.Contains(await db.AuditEntries.Where(a => a.Operation == "绑定账号").Select(a => a.After).ToListAsync(), a => a!.Contains("lina-wecom"));
        Assert.DoesNotContain(await db.AuditEntries.Select(a => a.After ?? "").ToListAsync(), a => a.Contains(row.Hash));
    }

    [Fact]
    public async Task A_bind_code_expires_a_new_one_replaces_it_and_guessing_is_throttled()
    {
        await using var store = await StoreAsync(StoreProvider.Sqlite);
        var binding = store.Services.GetRequiredService<AccountBinding>();
        var lina = await PersonAsync(store, "李娜");

        var expired = await binding.IssueAsync(lina.Id, default);
        store.Clock.Advance(AccountBinding.Lifetime + TimeSpan.FromSeconds(1));
        Assert.StartsWith("绑定码不正确或已过期", (await SayAsync(store, ChannelName.Teams, "aad-lina", $"绑定 {expired.Code}")).Reply.Text);

        var first = await binding.IssueAsync(lina.Id, default);
        var second = await binding.IssueAsync(lina.Id, default);
        if (first.Code != second.Code)
        {
            Assert.StartsWith("绑定码不正确或已过期", (await SayAsync(store, ChannelName.Teams, "aad-lina", $"绑定 {first.Code}")).Reply.Text);
        }

        // Wrong codes from one account: after five, even the right one is refused for a while.
        var wrong = second.Code == "000000" ? "000001" : "000000";
        for (var i = 0; i < AccountBinding.FailuresPerAccount - (first.Code != second.Code ? 2 : 1); i++)
        {
            Assert.StartsWith("绑定码不正确或已过期", (await SayAsync(store, ChannelName.Teams, "aad-lina", $"绑定 {wrong}")).Reply.Text);
        }
        Assert.StartsWith("绑定码输错次数过多", (await SayAsync(store, ChannelName.Teams, "aad-lina", $"绑定 {second.Code}")).Reply.Text);
        Assert.Null((await PersonAsync(store, "李娜")).TeamsId);

        store.Clock.Advance(AccountBinding.FailureWindow + TimeSpan.FromSeconds(1));
        var third = await binding.IssueAsync(lina.Id, default);
        Assert.StartsWith("绑定成功", (await SayAsync(store, ChannelName.Teams, "aad-lina", $"绑定 {third.Code}")).Reply.Text);
        Assert.Equal("aad-lina", (await PersonAsync(store, "李娜")).TeamsId);
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task The_office_binds_accounts_in_the_roster_teams_by_object_id_or_upn(StoreProvider provider)
    {
        await using var store = await StoreAsync(provider);
        await using (var scope = store.Scope())
        {
            var csv = $"{StaffRoster.Header}\n李娜,社会事务科,unit,,lina-wecom,lina\n王强,社会救助科,unit,Wang.Qiang@Example.gov.cn,,\n陈奇奇,办公室,office,aad-chenqq,,\n";
            var result = await scope.ServiceProvider.GetRequiredService<StaffRoster>().ImportCsvAsync(new StringReader(csv), null, default);
            Assert.Empty(result.Errors);
        }
        Assert.Equal("wang.qiang@example.gov.cn", (await PersonAsync(store, "王强")).TeamsUpn);
        Assert.StartsWith("您是李娜", (await SayAsync(store, ChannelName.WeCom, "lina-wecom", "我是谁")).Reply.Text);
        Assert.StartsWith("您是陈奇奇", (await SayAsync(store, ChannelName.Teams, "aad-chenqq", "我是谁")).Reply.Text);
        await using var scope2 = store.Scope();
        var byUpn = await scope2.ServiceProvider.GetRequiredService<ConversationEngine>().HandleAsync(
            new IncomingMessage(ChannelName.Teams, "aad-unknown-object-id", "我是谁") { Upn = "wang.qiang@example.gov.cn" }, CancellationToken.None);
        Assert.StartsWith("您是王强", byUpn.Reply.Text);
    }
}
