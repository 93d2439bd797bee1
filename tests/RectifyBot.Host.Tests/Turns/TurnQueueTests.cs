using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RectifyBot.Conversation;
using RectifyBot.Host.Turns;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Turns;

/// <summary>The queue between channel endpoints and the engine, over the real engine and a real SQLite store (the demo).</summary>
public sealed class TurnQueueTests : IAsyncLifetime
{
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

    private TurnQueue Queue(int lanes) => new(_services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new TurnQueueOptions { Lanes = lanes, Capacity = 100 }), TimeProvider.System, NullLogger<TurnQueue>.Instance,
        _services.GetRequiredService<Telemetry>());

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
                    (_, result, _) => { replies.Enqueue((who, $"{n}:{result.Measures.FirstOrDefault()}")); return Task.CompletedTask; })));
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
    public async Task A_delivery_with_a_key_already_handled_is_skipped()
    {
        var queue = Queue(lanes: 1);
        await queue.StartAsync(default);
        var delivered = 0;
        for (var i = 0; i < 3; i++)
        {
            queue.TryEnqueue(new QueuedTurn(new IncomingMessage(ChannelName.WeCom, "lina-wx", "帮助") { MessageKey = "msg:42" }, "lina-wx",
                (_, _, _) => { Interlocked.Increment(ref delivered); return Task.CompletedTask; }));
        }
        await queue.StopAsync(default);
        Assert.Equal(1, delivered);
    }

    [Fact]
    public async Task A_turn_that_fails_still_gets_an_apology_and_the_lane_goes_on()
    {
        var queue = Queue(lanes: 1);
        await queue.StartAsync(default);
        var texts = new ConcurrentQueue<string>();
        var first = true;
        queue.TryEnqueue(new QueuedTurn(new IncomingMessage(ChannelName.Web, "lina", "帮助"), "lina", (_, result, _) =>
        {
            if (first)
            {
                first = false;
                throw new HttpRequestException("channel down");
            }
            texts.Enqueue(result.Reply.Text);
            return Task.CompletedTask;
        }));
        queue.TryEnqueue(new QueuedTurn(new IncomingMessage(ChannelName.Web, "lina", "第1项什么情况"), "lina",
            (_, result, _) => { texts.Enqueue(result.Reply.Text); return Task.CompletedTask; }));
        await queue.StopAsync(default);
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("抱歉，处理这条消息时出错了", texts.First());
        Assert.StartsWith("第1项", texts.Last());
    }
}
