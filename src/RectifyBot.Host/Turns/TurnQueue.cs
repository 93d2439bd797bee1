using System.Diagnostics.Metrics;
using System.Threading.Channels;
using RectifyBot.Conversation;
using RectifyBot.Store;

namespace RectifyBot.Host.Turns;

/// <summary>A turn waiting to be handled, and how to deliver its reply on the channel it came from.</summary>
public sealed record QueuedTurn(IncomingMessage Message, string ConversationKey, Func<IServiceProvider, TurnResult, CancellationToken, Task> DeliverAsync);

public sealed class TurnQueueOptions
{
    public const string Section = "Turns";

    /// <summary>
    /// Turns handled at once; one conversation's turns always share a lane and so run in order. A lane also waits
    /// while its reply goes out through the channel's API (tens to hundreds of milliseconds to WeCom's servers), so
    /// lanes are many: each is only an idle loop while it waits.
    /// </summary>
    public int Lanes { get; set; } = 64;

    /// <summary>Turns waiting per lane before new ones are refused: a bound, so a flood cannot exhaust memory.</summary>
    public int Capacity { get; set; } = 500;
}

/// <summary>
/// Channel endpoints answer at once and leave the work here. Each lane is a bounded queue worked by one loop;
/// a conversation is hashed to one lane, so its turns are handled in the order they came. A delivery the
/// channel retries is handled once, across server instances, by recording its key in the store first.
/// On shutdown the lanes are closed and the turns already queued are finished.
/// </summary>
public sealed partial class TurnQueue(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<TurnQueueOptions> options, TimeProvider clock,
    ILogger<TurnQueue> logger, Telemetry telemetry, NoticeSender? notices = null)
    : IHostedService
{
    private const int PruneEvery = 1000;
    private Task _workers = Task.CompletedTask;
    private int _recorded;

    private readonly Channel<QueuedTurn>[] _lanes = Enumerable.Range(0, Math.Max(1, options.Value.Lanes))
        .Select(_ => Channel.CreateBounded<QueuedTurn>(new BoundedChannelOptions(options.Value.Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }))
        .ToArray();

    /// <summary>False when the lane is full: the caller tells the user to try again rather than wait.</summary>
    public bool TryEnqueue(QueuedTurn turn) => _lanes[Lane(turn.ConversationKey)].Writer.TryWrite(turn);

    /// <summary>How many lanes are full, so that new turns for them are being refused (readiness reports it).</summary>
    public int FullLanes => _lanes.Count(lane => lane.Reader.Count >= options.Value.Capacity);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        telemetry.ObserveQueueDepth(() => _lanes.Select((lane, i) => new Measurement<int>(lane.Reader.Count, new KeyValuePair<string, object?>("lane", i))));
        _workers = Task.WhenAll(_lanes.Select(lane => Task.Run(() => WorkAsync(lane), CancellationToken.None)));
        return Task.CompletedTask;
    }

    /// <summary>No new turns are taken; the queued ones are finished, for as long as the host's shutdown allows.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }
        await _workers.WaitAsync(cancellationToken);
    }

    private async Task WorkAsync(Channel<QueuedTurn> lane)
    {
        await foreach (var turn in lane.Reader.ReadAllAsync())
        {
            await HandleAsync(turn);
        }
    }

    private async Task HandleAsync(QueuedTurn turn)
    {
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["Channel"] = turn.Message.Channel, ["ConversationId"] = turn.ConversationKey });
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        // A turn is given a fixed time; a stuck endpoint must not hold its lane for ever.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            if (turn.Message.MessageKey is { } key && !await FirstDeliveryAsync(services, turn.Message.Channel, key, timeout.Token))
            {
                Log.Duplicate(logger, turn.Message.Channel);
                return;
            }
            var result = await services.GetRequiredService<ConversationEngine>().HandleAsync(turn.Message, timeout.Token);
            await turn.DeliverAsync(services, result, timeout.Token);
            if (notices is not null)
            {
                await notices.SendAsync(result.Reply.Notices, timeout.Token);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            Log.TurnFailed(logger, e, turn.Message.Channel);
            try
            {
                var sorry = new TurnResult("Error", null, [], [], new Reply("抱歉，处理这条消息时出错了，请稍后再试。"));
                await turn.DeliverAsync(services, sorry, CancellationToken.None);
            }
            catch (Exception deliveryError)
            {
                Log.TurnFailed(logger, deliveryError, turn.Message.Channel);
            }
        }
    }

    /// <summary>Records the delivery's key; false when another instance or an earlier try already did.</summary>
    private async Task<bool> FirstDeliveryAsync(IServiceProvider services, string channel, string key, CancellationToken ct)
    {
        var db = services.GetRequiredService<RectifyDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await DeliveryKeys.RecordAsync(db, channel, key, now, ct))
        {
            return false;
        }
        if (Interlocked.Increment(ref _recorded) % PruneEvery == 0)
        {
            await DeliveryKeys.PruneAsync(db, now, ct);
        }
        return true;
    }

    private int Lane(string key)
    {
        // A stable hash: string.GetHashCode differs between runs, which would be harmless, but this is cheaper to reason about.
        var h = 2166136261u;
        foreach (var c in key)
        {
            h = (h ^ c) * 16777619u;
        }
        return (int)(h % (uint)_lanes.Length);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "A repeated {Channel} delivery was skipped")]
        public static partial void Duplicate(ILogger logger, string channel);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "A {Channel} turn failed")]
        public static partial void TurnFailed(ILogger logger, Exception exception, string channel);
    }
}
