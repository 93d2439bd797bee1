using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Store;

/// <summary>
/// What a question asks of the store, counted on SQLite and PostgreSQL: a question that changes nothing writes and
/// commits nothing, and a channel message's question commits its memory and its inbox mark once, without waiting for
/// PostgreSQL to flush its log to the disk, or only its memory, as on the web, when its acknowledgement carries the
/// answer. Today is Tuesday 2023-11-21.
/// </summary>
public class TurnStatementTests
{
    /// <summary>The run whose inbox messages these are (<see cref="Inbox.NewOwner"/>).</summary>
    private static readonly string Owner = Inbox.NewOwner();

    private static async Task<TestStore> StoreAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider, TestClock.At("2023-11-21"));
        await using var db = store.NewContext();
        await new PlanBuilder().ConversationsRoster()
            .Measure(5, lead: "社会事务科", due: "2023-11-01")
            .Measure(49, lead: "社会事务科", due: "2023-11-28")
            .Measure(51, lead: "社会事务科", due: "2023-10-20", status: MeasureStatus.InProgress)
            .SaveAsync(db);
        return store;
    }

    /// <summary>A turn, and with <paramref name="inbox"/> its end as the turn queue makes it (<see cref="InboxTurn.FinishAsync"/>).</summary>
    private static async Task<(TurnResult Turn, StatementCounter.Counts Counts)> SayAsync(TestStore store, string who, string text, InboxTurn? inbox = null)
    {
        using var counter = new StatementCounter(store.Database);
        await using var scope = store.Scope();
        var turn = await scope.ServiceProvider.GetRequiredService<ConversationEngine>()
            .HandleAsync(new IncomingMessage(ChannelName.Cli, who, text), CancellationToken.None);
        if (inbox is not null)
        {
            await using var db = store.NewContext();
            await inbox.FinishAsync(db, store.Clock.GetUtcNow().UtcDateTime, default);
        }
        return (turn, counter.Now);
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_question_that_changes_nothing_writes_nothing_and_commits_nothing(StoreProvider provider)
    {
        await using var store = await StoreAsync(provider);
        // A figure leaves nothing to remember, not even on someone's first turn.
        var (stats, counts) = await SayAsync(store, "巨伟", "整体进度怎么样");
        Assert.Equal("ProgressStatsQuery", stats.Intent);
        Assert.True(counts.Statements > 0);
        Assert.Equal((0, 0), (counts.Writes, counts.Commits));

        // A list is remembered (for "更多" and "第2条"): once, and the same list again changes nothing.
        Assert.Equal(1, (await SayAsync(store, "李娜", "社会事务科逾期")).Counts.Commits);
        var (again, repeated) = await SayAsync(store, "李娜", "社会事务科逾期");
        Assert.Equal([5, 51], again.Measures.Order());
        Assert.Equal((0, 0), (repeated.Writes, repeated.Commits));
    }

    /// <summary>
    /// A turn reads the store's version once, in the statement that loads the memory, and keeps who is speaking, the
    /// plan's shape and its answer at that version: asked again with nothing changed, a question of each kind is that
    /// one statement.
    /// </summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_question_asked_again_with_nothing_changed_is_one_statement_its_memory_and_the_stores_version(StoreProvider provider)
    {
        await using var store = await StoreAsync(provider);
        foreach (var text in (string[])["社会事务科逾期", "第51项什么情况", "整体进度怎么样", "本周到期的有哪些", "帮助"])
        {
            await SayAsync(store, "李娜", text);
            var (turn, counts) = await SayAsync(store, "李娜", text);
            Assert.NotEqual("NotUnderstood", turn.Intent);
            Assert.True(counts.Statements == 1, $"{text}: {counts.Statements} statements");
        }
    }

    /// <summary>
    /// Saves to another store in the same process (another test's, as they run side by side) are not this store's
    /// local saves: one landing during a turn does not have the turn read the version again.
    /// </summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Another_stores_saves_leave_a_repeated_question_one_statement(StoreProvider provider)
    {
        await using var store = await StoreAsync(provider);
        await using var other = await StoreAsync(provider);
        await SayAsync(store, "李娜", "社会事务科逾期");
        using var stop = new CancellationTokenSource();
        var saves = 0;
        var saving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await SayAsync(other, "李娜", $"51 进展：已完成第{saves + 1}批摸底");
                Interlocked.Increment(ref saves);
            }
        });
        try
        {
            // Turns until the other store has saved twenty times meanwhile.
            for (var i = 0; Volatile.Read(ref saves) < 20; i++)
            {
                var (turn, counts) = await SayAsync(store, "李娜", "社会事务科逾期");
                Assert.Equal([5, 51], turn.Measures.Order());
                Assert.True(counts.Statements == 1, $"turn {i}: {counts.Statements} statements");
            }
        }
        finally
        {
            stop.Cancel();
            await saving;
        }
        await using var db = other.NewContext();
        Assert.True(await db.ProgressUpdates.CountAsync() >= 20);
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_channel_messages_question_commits_its_memory_and_inbox_mark_once_without_waiting_for_the_disk(StoreProvider provider)
    {
        await using var store = await StoreAsync(provider);
        long id;
        await using (var db = store.NewContext())
        {
            id = (await Inbox.AcceptAsync(db, Owner, ChannelName.WeCom, "msg-1", "wecom:lina", "<xml/>", store.Clock.GetUtcNow().UtcDateTime))!.Value;
        }
        var (turn, counts, handled) = await Task.Run(async () =>
        {
            var inbox = InboxTurn.Begin(id);
            var (turn, counts) = await SayAsync(store, "李娜", "社会事务科逾期", inbox);
            return (turn, counts, inbox.Handled);
        });
        Assert.Equal([5, 51], turn.Measures.Order());
        Assert.True(handled);
        Assert.Equal((1, 0), (counts.Commits, counts.FlushingCommits));
        await using (var db = store.NewContext())
        {
            Assert.False(await db.Inbox.AnyAsync(m => m.HandledAt == null));
        }
        await using var scope = store.Scope();
        var memory = await scope.ServiceProvider.GetRequiredService<ConversationMemoryStore>().LoadAsync(ChannelName.Cli, "李娜", default);
        Assert.Equal([5, 51], memory.LastList.Order());
    }

    /// <summary>
    /// A channel's retry of a message its first try stored (WeCom re-sends a callback answered late) is given up once the
    /// statement that loads the memory finds it stored, before it is understood: neither a write nor a question is worked
    /// out again, and storing it, which finds it stored, is its only other statement.
    /// </summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_retry_of_a_message_stored_before_is_given_up_before_it_is_understood(StoreProvider provider)
    {
        await using var store = await StoreAsync(provider);
        await using (var db = store.NewContext())
        {
            await Inbox.AcceptAsync(db, Owner, ChannelName.WeCom, "msg-4", "wecom:lina", "<xml/>", store.Clock.GetUtcNow().UtcDateTime);
            await Inbox.AcceptAsync(db, Owner, ChannelName.WeCom, "msg-5", "wecom:lina", "<xml/>", store.Clock.GetUtcNow().UtcDateTime);
        }
        foreach (var (key, text) in new[] { ("msg-4", "51 进展：重试不应写入"), ("msg-5", "社会事务科逾期") })
        {
            var counts = await Task.Run(async () =>
            {
                InboxTurn.Begin(InboxTurn.Unstored(Owner, ChannelName.WeCom, key, "wecom:lina", "<xml/>", store.Clock.GetUtcNow().UtcDateTime));
                using var counter = new StatementCounter(store.Database);
                await using var scope = store.Scope();
                await Assert.ThrowsAsync<InboxNotStoredException>(() => scope.ServiceProvider.GetRequiredService<ConversationEngine>()
                    .HandleAsync(new IncomingMessage(ChannelName.Cli, "李娜", text), CancellationToken.None));
                return counter.Now;
            });
            Assert.Equal(2, counts.Statements);
        }
        await using var check = store.NewContext();
        Assert.False(await check.ProgressUpdates.AnyAsync(u => u.Text.Contains("重试")));
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_question_answered_in_its_acknowledgement_commits_as_one_on_the_web_does_and_stores_no_message(StoreProvider provider)
    {
        await using var store = await StoreAsync(provider);
        async Task<StatementCounter.Counts> AnsweredAsync(string key) => await Task.Run(async () =>
        {
            var inbox = InboxTurn.Begin(InboxTurn.Unstored(Owner, ChannelName.WeCom, key, "wecom:lina", "<xml/>", store.Clock.GetUtcNow().UtcDateTime));
            using var counter = new StatementCounter(store.Database);
            await SayAsync(store, "李娜", "社会事务科逾期");
            await using var db = store.NewContext();
            Assert.True(await inbox.AnsweredAsync(db, store.Clock.GetUtcNow().UtcDateTime));
            Assert.Equal(InboxTurn.NoRow, await inbox.Storing);
            return counter.Now;
        });

        // The list is remembered, without waiting for the disk; the same list again commits nothing at all.
        var first = await AnsweredAsync("msg-2");
        Assert.Equal((1, 0), (first.Commits, first.FlushingCommits));
        var again = await AnsweredAsync("msg-3");
        Assert.Equal((0, 0), (again.Writes, again.Commits));
        await using var db = store.NewContext();
        Assert.False(await db.Inbox.AnyAsync());
    }
}
