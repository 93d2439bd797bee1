using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Reminders;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Conversation;

/// <summary>
/// The office's and the leader's day through the real engine on a store built from a plan, on SQLite and
/// PostgreSQL: review queues with their buttons, rankings, staleness, completed this week, the trend, and the
/// conversation's robustness (questions are not writes, natural undo, acknowledgements, reasons, started measures).
/// Today is Tuesday 2023-11-21.
/// </summary>
public class OfficeConversationTests
{
    private sealed class World(TestStore store) : IAsyncDisposable
    {
        public TestStore Store { get; } = store;

        public static async Task<World> CreateAsync(StoreProvider provider)
        {
            var store = await TestStore.CreateAsync(provider, TestClock.At("2023-11-21"));
            await using var db = store.NewContext();
            // 社会事务科: 5 and 51 overdue, 49 due next week. 社会救助科: 52 overdue, 11 not started, 13 done.
            await new PlanBuilder().ConversationsRoster()
                .Measure(5, lead: "社会事务科", due: "2023-11-01")
                .Measure(11, lead: "社会救助科", due: "2023-12-30")
                .Measure(13, lead: "社会救助科", due: "2023-12-30", status: MeasureStatus.Done, lastUpdate: "2023-11-20")
                .Measure(49, lead: "社会事务科", due: "2023-11-28", lastUpdate: "2023-11-15")
                .Measure(51, lead: "社会事务科", due: "2023-10-20", status: MeasureStatus.InProgress, lastUpdate: "2023-10-01")
                .Measure(52, lead: "社会救助科", due: "2023-10-30", lastUpdate: "2023-11-19")
                .SaveAsync(db);
            return new World(store);
        }

        public async Task<TurnResult> SayAsync(string who, string text, Attachment? file = null)
        {
            await using var scope = Store.Scope();
            return await scope.ServiceProvider.GetRequiredService<ConversationEngine>()
                .HandleAsync(new IncomingMessage(ChannelName.Cli, who, text) { Attachment = file }, CancellationToken.None);
        }

        public async Task<Measure> MeasureAsync(int number)
        {
            await using var db = Store.NewContext();
            return await db.Measures.AsSplitQuery().Include(m => m.Updates).Include(m => m.Extensions).Include(m => m.CloseRequests)
                .SingleAsync(m => m.Number == number);
        }

        public ValueTask DisposeAsync() => Store.DisposeAsync();
    }

    /// <summary>
    /// A measure's buttons offer only what the workflow would let the person do (Permissions.MayWrite): its unit's staff and
    /// the office may update it and ask to close it; another unit's staff see no write, and are refused one; a co-claim
    /// gives its unit the buttons once approved, not before; a detail does not offer itself again, while a list offers each
    /// measure's detail.
    /// </summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_measures_buttons_offer_only_the_writes_the_person_may_make(StoreProvider provider)
    {
        await using var w = await World.CreateAsync(provider);
        static string Labels(TurnResult r) => string.Join(" ", Assert.Single(r.Reply.Measures).Actions.Select(a => a.Label));

        Assert.Equal("更新进展 申请销号", Labels(await w.SayAsync("李娜", "第5项什么情况")));
        Assert.Equal("更新进展 申请销号", Labels(await w.SayAsync("陈奇奇", "第5项什么情况")));
        Assert.Equal("申请销号 更新进展", Labels(await w.SayAsync("王强", "第13项什么情况")));
        Assert.Equal("", Labels(await w.SayAsync("王强", "第5项什么情况")));
        Assert.Contains("不是社会救助科负责的措施", (await w.SayAsync("王强", "5 进展：已入户核查")).Reply.Text);

        // Several measures' details each offer theirs, last: a list card opens each by it (WeComBotRenderer).
        var both = await w.SayAsync("李娜", "第5、51项什么情况");
        Assert.Equal(["更新进展 申请销号 查看详情", "更新进展 申请销号 查看详情"], both.Reply.Measures.Select(m => string.Join(" ", m.Actions.Select(a => a.Label))));

        var others = await w.SayAsync("王强", "社会事务科有哪些逾期的");
        Assert.Equal([5, 51], others.Reply.Measures.Select(m => m.Number).Order());
        Assert.All(others.Reply.Measures, m => Assert.Equal(["查看详情"], m.Actions.Select(a => a.Label)));

        await w.SayAsync("王强", "认领第5项");
        Assert.Contains("已申请共同认领第5项", (await w.SayAsync("王强", "是")).Reply.Text);
        Assert.Equal("", Labels(await w.SayAsync("王强", "第5项什么情况")));
        Assert.Contains("同意", (await w.SayAsync("陈奇奇", "同意社会救助科共同认领第5项")).Reply.Text);
        Assert.Equal("更新进展 申请销号", Labels(await w.SayAsync("王强", "第5项什么情况")));
    }

    /// <summary>
    /// Colleagues name a unit by a person in it, from the roster the store holds: "王强那边" is 社会救助科, as its name would be,
    /// and a staff member moved to another unit moves the unit named by them.
    /// </summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_unit_named_by_a_person_in_it_is_that_persons_unit(StoreProvider provider)
    {
        await using var w = await World.CreateAsync(provider);
        var byName = await w.SayAsync("陈奇奇", "社会救助科超期的有哪些");
        var byPerson = await w.SayAsync("陈奇奇", "王强那边超期的有哪些");
        Assert.Equal(byName.Measures, byPerson.Measures);
        Assert.Equal([52], byPerson.Measures);
        Assert.Equal(byName.Reply.Text, byPerson.Reply.Text);

        await using (var db = w.Store.NewContext())
        {
            db.BeginOperation("调整人员", null);
            var wang = await db.Staff.SingleAsync(s => s.Name == "王强");
            wang.UnitId = await db.Units.Where(u => u.Name == "社会事务科").Select(u => u.Id).SingleAsync();
            await db.SaveChangesAsync();
        }
        Assert.Equal([5, 51], (await w.SayAsync("陈奇奇", "王强那边超期的有哪些")).Measures.Order());
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task The_office_sees_its_queues_with_who_asked_evidence_dates_and_reasons_and_acts_from_the_buttons(StoreProvider provider)
    {
        await using var w = await World.CreateAsync(provider);
        await w.SayAsync("王强", "第13项什么情况");
        Assert.NotEmpty((await w.SayAsync("王强", "", new Attachment(_ => Task.FromResult<FetchedFile?>(new FetchedFile("走访记录.pdf", null, new MemoryStream([1, 2, 3])))))).Changes);
        Assert.Contains((await w.SayAsync("王强", "13申请销号")).Changes, c => c.Kind == "closeRequest");

        // A question about a close is never a write.
        var asked = await w.SayAsync("陈奇奇", "社会救助科13销号了没");
        Assert.Equal("MeasureDetailQuery", asked.Intent);
        Assert.Empty(asked.Changes);

        var closes = await w.SayAsync("陈奇奇", "有哪些待审核的");
        Assert.Equal("PendingCloseQuery", closes.Intent);
        Assert.StartsWith("待审核的销号申请共1项", closes.Reply.Text);
        var card = Assert.Single(closes.Reply.Measures);
        Assert.Equal(13, card.Number);
        Assert.Contains("王强（社会救助科）", card.Note!);
        Assert.Contains("佐证1份", card.Note!);
        Assert.Equal(["同意销号", "退回", "查看详情"], card.Actions.Select(a => a.Label));

        // The reason of an extension is the text after the date; 明年年底 in 2023 is the end of 2024.
        var extension = await w.SayAsync("李娜", "49 申请延期到明年年底 资金没到位");
        Assert.Contains(extension.Changes, c => c.Kind == "extensionRequest");
        var requested = Assert.Single((await w.MeasureAsync(49)).Extensions);
        Assert.Equal((new DateOnly(2024, 12, 31), "资金没到位"), (requested.NewDate, requested.Reason));
        var extensions = await w.SayAsync("陈奇奇", "有哪些延期申请");
        Assert.Equal("PendingExtensionQuery", extensions.Intent);
        Assert.Contains("2023-11-28→2024-12-31｜理由：资金没到位", extensions.Reply.Text);
        Assert.Equal(["同意延期", "不同意", "查看详情"], Assert.Single(extensions.Reply.Measures).Actions.Select(a => a.Label));
        // The measure's details say what waits on it.
        Assert.Contains("延期申请待审批：延至2024-12-31，原因：资金没到位", (await w.SayAsync("陈奇奇", "第49项什么情况")).Reply.Text);

        // The return button's words, completed with a reason, return the close; the unit's item then waits in 被退回.
        var returnText = card.Actions.Single(a => a.Label == "退回").Text + "缺走访记录";
        Assert.Contains((await w.SayAsync("陈奇奇", returnText)).Changes, c => c.Kind == "closeReturned");
        Assert.Equal("ReturnClose", (await w.SayAsync("陈奇奇", "51退回 缺清理的文书")).Intent);
        var returned = await w.SayAsync("陈奇奇", "被退回还没改的有哪些");
        Assert.Equal("ReturnedQuery", returned.Intent);
        Assert.Contains("退回：缺走访记录", Assert.Single(returned.Reply.Measures).Note!);
        Assert.Equal("目前没有待审核的销号申请。", (await w.SayAsync("陈奇奇", "待销号的有哪些")).Reply.Text);
    }

    /// <summary>Under the queue just shown, "第一个过了" decides what the queue holds: the extension, not a close.</summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Places_in_a_queue_just_shown_decide_the_requests_it_lists(StoreProvider provider)
    {
        await using var w = await World.CreateAsync(provider);
        await w.SayAsync("李娜", "49 申请延期到12月15日 材料在补");
        await w.SayAsync("李娜", "51 申请延期到年底 资金没到位");
        var queue = await w.SayAsync("陈奇奇", "延期的还有几个没批");
        Assert.Equal([49, 51], queue.Reply.Measures.Select(c => c.Number));

        var first = await w.SayAsync("陈奇奇", "第一个过了");
        Assert.Equal("ApproveExtension", first.Intent);
        Assert.Equal(new DateOnly(2023, 12, 15), (await w.MeasureAsync(49)).Deadline.Date);
        var second = await w.SayAsync("陈奇奇", "51不同意 理由不充分");
        Assert.Equal("RefuseExtension", second.Intent);
        Assert.Equal("理由不充分", (await w.MeasureAsync(51)).Extensions.Single().DecisionNote);

        // A unit's staff under a list of their own requests ask; they decide nothing.
        await w.SayAsync("王强", "52 申请延期到年底");
        await w.SayAsync("王强", "我们报上去的延期还有哪些在等审批");
        var asked = await w.SayAsync("王强", "第一个过了");
        Assert.NotEqual("ApproveExtension", asked.Intent);
        Assert.Empty(asked.Changes);
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_leader_gets_rankings_staleness_completions_and_the_trend_figures_first(StoreProvider provider)
    {
        await using var w = await World.CreateAsync(provider);
        var ranking = await w.SayAsync("巨伟", "哪个科室逾期最多");
        Assert.Equal("UnitRankingQuery", ranking.Intent);
        Assert.StartsWith("逾期最多的是社会事务科，2项（共3项）。", ranking.Reply.Text);
        Assert.EndsWith("社会事务科：逾期2项（共3项）\n社会救助科：逾期1项（共3项）", ranking.Reply.Text);
        Assert.StartsWith("完成率最高的是社会救助科，33.3%（1/3）", (await w.SayAsync("巨伟", "各科室完成率排个名")).Reply.Text);
        // Asked who lags, the laggards come first, in the sentence and in the list.
        var slowest = (await w.SayAsync("巨伟", "哪个科室最拖后腿")).Reply.Text.Split('\n');
        Assert.StartsWith("完成率最低的是社会事务科", slowest[0]);
        Assert.Equal(["社会事务科", "社会救助科"], slowest[1..].Select(l => l[..l.IndexOf('：')]).Take(2));
        Assert.StartsWith("未启动最多的是社会事务科，2项（共3项）", (await w.SayAsync("巨伟", "未启动的哪家最多")).Reply.Text);
        // Asked about one unit, its figures come first and the whole plan's after them.
        var unit = (await w.SayAsync("巨伟", "社会事务科完成情况怎么样")).Reply.Text.Split('\n');
        Assert.Equal(("社会事务科共3项措施，完成0项（完成率0%），逾期2项，未启动2项。", "全局共"), (unit[0], unit[1][..3]));
        // A unit with nothing open is told so plainly, not "没有没完成的".
        Assert.Equal("低保中心没有未完成的措施。", (await w.SayAsync("巨伟", "低保中心还有哪些没完成")).Reply.Text);

        // Not updated for two weeks (or ever): 5 and 11 never, 51 since October; 49, 52 and 13 were updated lately.
        var stale = await w.SayAsync("巨伟", "超过两周没更新进展的 列一下");
        Assert.Equal("StaleQuery", stale.Intent);
        Assert.StartsWith("按单位：社会事务科2项、社会救助科1项。", stale.Reply.Text);
        Assert.Equal([5, 11, 51], stale.Measures.Order());
        Assert.Equal([11], (await w.SayAsync("巨伟", "社会救助科一直没动的有哪些")).Measures);
        // The daily digest names them: the office all, each unit its own.
        await using (var scope = w.Store.Scope())
        await using (var db = w.Store.NewContext())
        {
            var digests = await scope.ServiceProvider.GetRequiredService<DigestBuilder>().BuildAsync(await db.Inspections.Select(i => i.Id).SingleAsync(), new DateOnly(2023, 11, 21), default);
            Assert.Contains("超过14天没有更新：第5、11、51项。", digests.Office.ToReply().Text);
            Assert.Equal([5, 51], digests.Units.Single(d => d.Audience.Name == "社会事务科").Stale);
        }

        Assert.Contains((await w.SayAsync("李娜", "51 完成 已清理3个僵尸组织")).Changes, c => c.Kind == "status");
        var week = await w.SayAsync("巨伟", "这周完成了哪几项");
        Assert.Equal("CompletedQuery", week.Intent);
        Assert.Equal([51], week.Measures);
        var trend = await w.SayAsync("巨伟", "跟上周比起来咋样");
        Assert.Equal("TrendQuery", trend.Intent);
        Assert.Contains("近7天完成1项，前7天完成0项（加快了）", trend.Reply.Text);
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Updates_start_measures_undo_is_natural_and_thanks_get_one_line(StoreProvider provider)
    {
        await using var w = await World.CreateAsync(provider);
        var update = await w.SayAsync("王强", "十一项 已启动摸排 建台账了");
        Assert.Contains("状态由“未启动”改为“推进中”", update.Reply.Text);
        Assert.Equal(MeasureStatus.InProgress, (await w.MeasureAsync(11)).Status);

        var undo = await w.SayAsync("王强", "我要撤销上一条 数字打错了");
        Assert.Equal("Undo", undo.Intent);
        Assert.NotEmpty(undo.Changes);
        var eleven = await w.MeasureAsync(11);
        Assert.Equal(MeasureStatus.NotStarted, eleven.Status);
        Assert.All(eleven.Updates, u => Assert.NotNull(u.UndoneAt));

        foreach (var thanks in new[] { "谢谢", "好的 收到", "谢谢 辛苦了" })
        {
            var reply = (await w.SayAsync("李娜", thanks)).Reply;
            Assert.DoesNotContain('\n', reply.Text);
            Assert.Empty(reply.Actions);
            Assert.Empty(reply.Measures);
        }
        // The courtesy said is the one answered: a goodnight is not thanked back, nor is praise said to the whole group.
        Assert.Equal("不客气，有事随时找我。", (await w.SayAsync("李娜", "谢谢 辛苦了")).Reply.Text);
        Assert.Equal("晚安，明天见。", (await w.SayAsync("陈奇奇", "大家辛苦了，早点休息，晚安🌙")).Reply.Text);
        Assert.Equal("好的。", (await w.SayAsync("陈奇奇", "各位辛苦了")).Reply.Text);

        // A measure another unit leads: "接了" is answered with who leads it, as a question, and nothing is written.
        var taken = await w.SayAsync("王强", "51我们救助科接了");
        Assert.Empty(taken.Changes);
        Assert.Contains("第51项由社会事务科牵头", taken.Reply.Text);

        // A member leaving hands over her own work by name: the office does handovers, and she is told so; nothing moves.
        var leaving = await w.SayAsync("李娜", "我下周调去民政所了，手上这几条整改都交给王强跟进哈");
        Assert.Equal("HandOver", leaving.Intent);
        Assert.Empty(leaving.Changes);
        Assert.Contains("整改办", leaving.Reply.Text);

        // Examples come from this plan, whose measures are 5 to 52.
        var help = await w.SayAsync("李娜", "帮助");
        Assert.Contains("第5项什么情况", help.Reply.Text);
        Assert.Contains("第52项申请延期", help.Reply.Text);
        Assert.Contains("第5项什么情况", (await w.SayAsync("李娜", "你好")).Reply.Text);
    }
    /// <summary>Phrasings of the held-out development set, through the engine: what each changes in the store, or that it changes nothing.</summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Spoken_requests_reasons_first_and_questions_about_a_return_act_as_meant(StoreProvider provider)
    {
        await using var w = await World.CreateAsync(provider);

        // The reason before the request, the measure in Chinese numerals; the leader approves in two words.
        var asked = await w.SayAsync("李娜", "乡镇材料交不上来 四十九延期到年底");
        Assert.Equal("RequestExtension", asked.Intent);
        var extension = Assert.Single((await w.MeasureAsync(49)).Extensions);
        Assert.Equal((new DateOnly(2023, 12, 31), "乡镇材料交不上来"), (extension.NewDate, extension.Reason));
        var approved = await w.SayAsync("巨伟", "（49）的延期批了");
        Assert.Equal("ApproveExtension", approved.Intent);
        Assert.Equal(new DateOnly(2023, 12, 31), (await w.MeasureAsync(49)).DueDate);

        // A filler before the number and 的 after it: the rest is the update.
        var update = await w.SayAsync("李娜", "那个 51的清理这周又走访了2个组织 发现1个已停止运行");
        Assert.Equal("ReportProgress", update.Intent);
        Assert.Equal("清理这周又走访了2个组织 发现1个已停止运行", (await w.MeasureAsync(51)).Updates.Single().Text);
        var undone = await w.SayAsync("李娜", "上一条不对 撤掉");
        Assert.Equal("Undo", undone.Intent);
        Assert.All((await w.MeasureAsync(51)).Updates, u => Assert.NotNull(u.UndoneAt));

        // "已经启动了" is a status: the measure starts, and the words after it are the update.
        var started = await w.SayAsync("王强", "11已经启动了 这个月比对出疑似问题23条");
        Assert.Equal(MeasureStatus.InProgress, (await w.MeasureAsync(11)).Status);
        Assert.Equal("这个月比对出疑似问题23条", (await w.MeasureAsync(11)).Updates.Single().Text);
        Assert.Contains(started.Changes, c => c.Kind == "status");

        // Questions and a bulk change write nothing.
        foreach (var (who, text, intent) in new[]
        {
            ("王强", "52为啥被退回了", "MeasureDetailQuery"),
            ("王强", "明天下午开会吗", "NotUnderstood"),
            ("李娜", "把我们科的措施都改成已完成", "BulkStatusChange"),
        })
        {
            var turn = await w.SayAsync(who, text);
            Assert.Equal(intent, turn.Intent);
            Assert.Empty(turn.Changes);
        }
        Assert.Equal(MeasureStatus.NotStarted, (await w.MeasureAsync(5)).Status);

        var open = await w.SayAsync("陈奇奇", "救助科还有啥没弄完");
        Assert.Equal("MeasureListQuery", open.Intent);
        Assert.Equal([11, 52], open.Measures.Order());
    }
}
