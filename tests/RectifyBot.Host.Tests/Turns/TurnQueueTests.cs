using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RectifyBot.Conversation;
using RectifyBot.Host.Outbox;
using RectifyBot.Host.Turns;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Turns;

/// <summary>The queue between channel endpoints and the engine, over the real engine and a real SQLite store (the demo).</summary>
public sealed class TurnQueueTests : IAsyncLifetime
{
    /// <summary>The run whose inbox messages these are (<see cref="Inbox.NewOwner"/>).</summary>
    private static readonly string Owner = Inbox.NewOwner();

    private readonly string _data = Path.Combine(Path.GetTempPath(), "rectifybot-queue-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddRectifyBot(new ConfigurationBuilder().AddInMemoryCollection([new("Data:Path", _data)]).Build(), _data)
            .BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().MigrateAsync(default);
        await scope.ServiceProvider.GetRequiredService<RectifyBot.Rectification.DemoData>().SeedIfEmptyAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private TurnQueue Queue(int lanes, int capacity = 100, params InboxReplay[] replays) => Queue(new TurnQueueOptions { Lanes = lanes, Capacity = capacity }, replays);

    private TurnQueue Queue(TurnQueueOptions options, params InboxReplay[] replays) => new(_services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(options), TimeProvider.System, NullLogger<TurnQueue>.Instance,
        _services.GetRequiredService<Telemetry>(),
        new Outboxes([new TestOutbox()], _services.GetRequiredService<IServiceScopeFactory>(), NullLogger<Outboxes>.Instance), replays);

    [Fact]
    public async Task One_conversations_turns_are_handled_in_order_and_stopping_finishes_what_was_queued()
    {
        var queue = Queue(lanes: 4);
        await queue.StartAsync(default);
        var replies = new ConcurrentQueue<(string Who, string Text)>();
        var people = new[] { "lina", "wangqiang", "chenqq" };
        for (var i = 0; i < 10; i++)
        {
            foreach (var who in people)
            {
                var n = i;
                Assert.True(queue.TryEnqueue(new QueuedTurn(new IncomingMessage(ChannelName.Web, who, $"第{n + 1}项什么情况"), who,
                    new TestReplyTo(reply => replies.Enqueue((who, $"{n}:{reply.Measures.FirstOrDefault()?.Number}"))))));
            }
        }

        await queue.StopAsync(default);

        Assert.Equal(30, replies.Count);
        foreach (var who in people)
        {
            Assert.Equal(Enumerable.Range(0, 10).Select(n => $"{n}:{n + 1}"), replies.Where(r => r.Who == who).Select(r => r.Text));
        }
    }

    [Fact]
    public async Task A_retried_message_is_stored_once_and_handled_once_and_marked_handled()
    {
        var queue = Queue(lanes: 1);
        await queue.StartAsync(default);
        var delivered = 0;
        var outcomes = new List<Acceptance>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add(await queue.AcceptAsync(new QueuedTurn(new IncomingMessage(ChannelName.Web, "lina", "帮助"), "lina",
                new TestReplyTo(_ => Interlocked.Increment(ref delivered))), "msg:42", "帮助", default));
        }
        await queue.StopAsync(default);
        Assert.Equal([Acceptance.Accepted, Acceptance.Duplicate, Acceptance.Duplicate], outcomes);
        Assert.Equal(1, delivered);
        Assert.Empty(await UnhandledAsync());
    }

    [Fact]
    public async Task Messages_a_crash_left_unhandled_are_handled_at_start_in_the_order_they_came_and_handled_ones_are_not()
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            var at = DateTime.UtcNow;
            // The crashed run's lease has not lapsed: on SQLite the restart is the same instance, which need not wait for it.
            await Leases.TryHoldAsync(db, Owner, TurnQueueOptions.SqliteInstance, at, TimeSpan.FromHours(1), default);
            var done = await Inbox.AcceptAsync(db, Owner, ChannelName.Web, "k0", "lina", "第1项什么情况", at);
            await Inbox.MarkHandledAsync(db, done!.Value, at, default);
            for (var n = 2; n <= 6; n++)
            {
                await Inbox.AcceptAsync(db, Owner, ChannelName.Web, $"k{n}", n % 2 == 0 ? "lina" : "wangqiang", $"第{n}项什么情况", at);
            }
        }
        var replies = new ConcurrentQueue<(string Who, int Measure)>();
        var replay = new InboxReplay(ChannelName.Web, (_, stored) => new QueuedTurn(new IncomingMessage(ChannelName.Web, stored.ConversationKey, stored.Payload),
            stored.ConversationKey, new TestReplyTo(reply => replies.Enqueue((stored.ConversationKey, reply.Measures.Single().Number)))));
        var queue = Queue(lanes: 4, replays: replay);

        await queue.StartAsync(default);
        await queue.StopAsync(default);

        Assert.Equal([2, 4, 6], replies.Where(r => r.Who == "lina").Select(r => r.Measure));
        Assert.Equal([3, 5], replies.Where(r => r.Who == "wangqiang").Select(r => r.Measure));
        Assert.Empty(await UnhandledAsync());
    }

    [Fact]
    public async Task At_start_an_instance_takes_over_what_lapsed_owners_left_and_leaves_what_a_live_one_holds()
    {
        var at = DateTime.UtcNow;
        var (live, lapsed) = (Inbox.NewOwner(), Inbox.NewOwner());
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            await Leases.TryHoldAsync(db, live, "b", at, TimeSpan.FromHours(1), default);
            await Leases.TryHoldAsync(db, lapsed, "c", at - TimeSpan.FromHours(2), TimeSpan.FromHours(1), default);
            await Inbox.AcceptAsync(db, live, ChannelName.Web, "b1", "lina", "第1项什么情况", at);
            await Inbox.AcceptAsync(db, lapsed, ChannelName.Web, "c2", "lina", "第2项什么情况", at);
            await Inbox.AcceptAsync(db, live, ChannelName.Web, "b3", "wangqiang", "第3项什么情况", at);
            await Inbox.AcceptAsync(db, lapsed, ChannelName.Web, "c4", "wangqiang", "第4项什么情况", at);
        }
        var replies = new ConcurrentQueue<int>();
        var replay = new InboxReplay(ChannelName.Web, (_, stored) => new QueuedTurn(new IncomingMessage(ChannelName.Web, stored.ConversationKey, stored.Payload),
            stored.ConversationKey, new TestReplyTo(reply => replies.Enqueue(reply.Measures.Single().Number))));
        var queue = Queue(lanes: 4, replays: replay);

        await queue.StartAsync(default);
        await queue.StopAsync(default);

        Assert.Equal([2, 4], replies.Order());
        Assert.Equal(["b1", "b3"], (await UnhandledAsync()).Select(m => m.MessageKey));
    }

    [Fact]
    public async Task The_inbox_backlog_gauge_counts_the_messages_accepted_and_not_yet_handled_per_channel()
    {
        var queue = Queue(lanes: 1);
        await queue.StartAsync(default);
        var replying = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        // The first turn's reply waits, so the second, in the same lane, waits unhandled behind it.
        QueuedTurn Turn(bool first) => new(new IncomingMessage(ChannelName.Web, "lina", "帮助"), "lina", new TestReplyTo(async _ =>
        {
            if (first)
            {
                replying.SetResult();
                await release.Task;
            }
        }));
        Assert.Equal(Acceptance.Accepted, await queue.AcceptAsync(Turn(first: true), "msg:1", "帮助", default));
        Assert.Equal(Acceptance.Accepted, await queue.AcceptAsync(Turn(first: false), "msg:2", "帮助", default));
        // A duplicate is no new message.
        Assert.Equal(Acceptance.Duplicate, await queue.AcceptAsync(Turn(first: false), "msg:2", "帮助", default));
        await replying.Task;
        // The first is handled before its reply goes out; the second is not yet.
        Assert.Equal(new Dictionary<string, long> { [ChannelName.Web] = 1 }, Backlog());

        release.SetResult();
        await queue.StopAsync(default);
        Assert.Empty(Backlog());
    }

    /// <summary>
    /// This store's rectifybot.inbox.backlog gauge as the metrics endpoint reads it: channel → messages (channels at
    /// zero are left out). The meter factory hands out the one meter per name, which tells this test's gauge from
    /// those of tests running beside it.
    /// </summary>
    private Dictionary<string, long> Backlog()
    {
        var meter = _services.GetRequiredService<IMeterFactory>().Create(Telemetry.Name);
        var backlog = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter && instrument.Name == "rectifybot.inbox.backlog")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "channel")
                {
                    backlog[(string)tag.Value!] = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return backlog;
    }

    [Fact]
    public async Task A_message_that_finds_the_lanes_full_is_not_kept_so_that_its_retry_is_taken()
    {
        var queue = Queue(lanes: 1, capacity: 1);
        QueuedTurn Turn() => new(new IncomingMessage(ChannelName.Web, "lina", "帮助"), "lina", new TestReplyTo(_ => { }));

        Assert.Equal(Acceptance.Accepted, await queue.AcceptAsync(Turn(), "m1", "帮助", default));
        Assert.Equal(Acceptance.Full, await queue.AcceptAsync(Turn(), "m2", "帮助", default));
        // m2 was not kept: WeCom's retry of it will be stored and queued as a first delivery.
        Assert.Equal(["m1"], (await UnhandledAsync()).Select(m => m.MessageKey));
    }

    private async Task<List<RectifyBot.Domain.InboxMessage>> UnhandledAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().Inbox.Where(m => m.HandledAt == null).OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task A_turn_that_fails_still_gets_an_apology_and_the_lane_goes_on()
    {
        var queue = Queue(lanes: 1);
        await queue.StartAsync(default);
        var texts = new ConcurrentQueue<string>();
        var first = true;
        queue.TryEnqueue(new QueuedTurn(new IncomingMessage(ChannelName.Web, "lina", "帮助"), "lina", new TestReplyTo(reply =>
        {
            if (first)
            {
                first = false;
                throw new HttpRequestException("channel down");
            }
            texts.Enqueue(reply.Text);
        })));
        queue.TryEnqueue(new QueuedTurn(new IncomingMessage(ChannelName.Web, "lina", "第1项什么情况"), "lina",
            new TestReplyTo(reply => texts.Enqueue(reply.Text))));
        await queue.StopAsync(default);
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("抱歉，处理这条消息时出错了", texts.First());
        Assert.StartsWith("第1项", texts.Last());
    }

    [Fact]
    public async Task A_message_run_at_once_is_stored_handled_with_its_memory_before_it_is_acknowledged_and_its_retries_say_nothing()
    {
        var queue = Queue(lanes: 1);
        await queue.StartAsync(default);
        var replying = new TaskCompletionSource();
        var replies = new ConcurrentQueue<string>();
        var turn = new QueuedTurn(new IncomingMessage(ChannelName.Web, "lina", "社会事务科逾期"), "lina",
            new TestReplyTo(async reply => { await replying.Task; replies.Enqueue(reply.Text); }));

        Assert.Equal(Acceptance.Accepted, await queue.AcceptAsync(turn, "msg:7", "社会事务科逾期", default, runNow: true));
        // Acknowledged while its reply is still held: the message and the list it showed are stored already, and it is handled.
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            Assert.NotNull((await db.Inbox.SingleAsync(m => m.MessageKey == "msg:7")).HandledAt);
            Assert.True(await db.ConversationStates.AnyAsync(s => s.UserKey == "lina"));
        }
        // Retries, while its turn is still replying (queued behind it) and after it is done (run at once), are recognised.
        Assert.Equal(Acceptance.Duplicate, await queue.AcceptAsync(turn, "msg:7", "社会事务科逾期", default, runNow: true));
        replying.SetResult();
        await queue.StopAsync(default);
        queue = Queue(lanes: 1);
        await queue.StartAsync(default);
        Assert.Equal(Acceptance.Duplicate, await queue.AcceptAsync(turn, "msg:7", "社会事务科逾期", default, runNow: true));
        await queue.StopAsync(default);
        Assert.Single(replies);
        Assert.Empty(await UnhandledAsync());
    }

    [Fact]
    public async Task A_message_run_at_once_whose_turn_is_slow_is_stored_alone_and_acknowledged_within_the_window_then_handled_once()
    {
        var queue = Queue(new TurnQueueOptions { Lanes = 1, StoredWithTurnWithin = TimeSpan.FromMilliseconds(200) });
        await queue.StartAsync(default);
        var slow = new TaskCompletionSource();
        var replies = new ConcurrentQueue<string>();
        var turn = new QueuedTurn(new IncomingMessage(ChannelName.Web, "lina", "社会事务科逾期"), "lina",
            new TestReplyTo(reply => replies.Enqueue(reply.Text)) { Opened = slow.Task });

        var accepting = queue.AcceptAsync(turn, "msg:10", "社会事务科逾期", default, runNow: true);
        Assert.Equal(Acceptance.Accepted, await accepting.WaitAsync(TimeSpan.FromSeconds(10)));
        // Acknowledged while the turn is still held: the message is kept, not yet handled, so a crash now would replay it.
        Assert.Equal("msg:10", Assert.Single(await UnhandledAsync()).MessageKey);
        Assert.Equal(Acceptance.Duplicate, await queue.AcceptAsync(turn, "msg:10", "社会事务科逾期", default, runNow: true));
        slow.SetResult();
        await queue.StopAsync(default);
        Assert.Single(replies);
        Assert.Empty(await UnhandledAsync());
    }

    [Fact]
    public async Task A_message_run_at_once_that_writes_to_the_record_is_stored_first_and_written_once_and_the_next_one_waits_for_it()
    {
        var queue = Queue(lanes: 1);
        await queue.StartAsync(default);
        var replying = new TaskCompletionSource();
        var replies = new ConcurrentQueue<string>();
        var tag = "巡查" + Guid.NewGuid().ToString("N")[..6];
        QueuedTurn Turn(string text) => new(new IncomingMessage(ChannelName.Web, "lina", text), "lina",
            new TestReplyTo(async reply => { await replying.Task; replies.Enqueue(reply.Text); }));

        Assert.Equal(Acceptance.Accepted, await queue.AcceptAsync(Turn($"9 进展：{tag}"), "msg:8", "", default, runNow: true));
        // Its lane is busy: the next message is stored and queued behind it, and a retry of the first is recognised.
        Assert.Equal(Acceptance.Accepted, await queue.AcceptAsync(Turn("帮助"), "msg:9", "", default, runNow: true));
        Assert.Equal(Acceptance.Duplicate, await queue.AcceptAsync(Turn($"9 进展：{tag}"), "msg:8", "", default, runNow: true));
        replying.SetResult();
        await queue.StopAsync(default);

        Assert.Equal(2, replies.Count);
        Assert.StartsWith("已记录第9项进展", replies.First());
        await using var scope = _services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().ProgressUpdates.CountAsync(u => u.Text == tag));
        Assert.Empty(await UnhandledAsync());
    }

    [Fact]
    public async Task A_message_answered_in_its_acknowledgement_has_no_row_and_its_memory_alone_is_written()
    {
        var queue = Queue(lanes: 1);
        await queue.StartAsync(default);
        var (acknowledged, replies) = (new ConcurrentQueue<string>(), new ConcurrentQueue<string>());
        var turn = new QueuedTurn(new IncomingMessage(ChannelName.Web, "lina", "社会事务科逾期"), "lina",
            new TestReplyTo(reply => replies.Enqueue(reply.Text)) { Acknowledgement = reply => { acknowledged.Enqueue(reply.Text); return true; } });

        Assert.Equal(Acceptance.Accepted, await queue.AcceptAsync(turn, "msg:11", "社会事务科逾期", default, runNow: true));
        await queue.StopAsync(default);

        Assert.StartsWith("社会事务科逾期", Assert.Single(acknowledged));
        Assert.Empty(replies);
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        Assert.False(await db.Inbox.AnyAsync(m => m.MessageKey == "msg:11"));
        Assert.True(await db.ConversationStates.AnyAsync(s => s.UserKey == "lina"));
    }

    [Fact]
    public async Task A_message_stored_alone_because_its_turn_was_slow_is_marked_handled_and_answered_the_channels_usual_way()
    {
        var queue = Queue(new TurnQueueOptions { Lanes = 1, StoredWithTurnWithin = TimeSpan.FromMilliseconds(200) });
        await queue.StartAsync(default);
        var (slow, acknowledged, replies) = (new TaskCompletionSource(), new ConcurrentQueue<string>(), new ConcurrentQueue<string>());
        var turn = new QueuedTurn(new IncomingMessage(ChannelName.Web, "lina", "社会事务科逾期"), "lina",
            new TestReplyTo(reply => replies.Enqueue(reply.Text)) { Opened = slow.Task, Acknowledgement = reply => { acknowledged.Enqueue(reply.Text); return true; } });

        Assert.Equal(Acceptance.Accepted, await queue.AcceptAsync(turn, "msg:12", "社会事务科逾期", default, runNow: true).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("msg:12", Assert.Single(await UnhandledAsync()).MessageKey);
        slow.SetResult();
        await queue.StopAsync(default);

        // Acknowledged without its reply, it has a row to mark, and the reply goes as any other (for WeCom, by message/send).
        Assert.Empty(acknowledged);
        Assert.Single(replies);
        Assert.Empty(await UnhandledAsync());
    }
}
