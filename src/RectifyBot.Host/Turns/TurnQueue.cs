using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Host.Outbox;
using RectifyBot.Store;

namespace RectifyBot.Host.Turns;

/// <summary>
/// A turn waiting to be handled, and where its reply goes on the channel it came from. <see cref="InboxId"/>
/// is the message's row in the store's inbox, for a message the channel has been told was received.
/// </summary>
public sealed record QueuedTurn(IncomingMessage Message, string ConversationKey, ReplyTo ReplyTo)
{
    public long? InboxId { get; init; }
}

/// <summary>A channel's way back from a stored inbox message to its turn, to replay what a crash left unhandled.</summary>
public sealed record InboxReplay(string Channel, Func<IServiceProvider, InboxMessage, QueuedTurn?> Rebuild);

/// <summary>What became of a message handed to <see cref="TurnQueue.AcceptAsync"/>.</summary>
public enum Acceptance
{
    /// <summary>Stored and queued: the channel may be told it was received.</summary>
    Accepted,
    /// <summary>A retry of a message already stored: nothing to do, and the channel may be told it was received.</summary>
    Duplicate,
    /// <summary>The lanes are full: nothing was kept, and the channel should be told to try again later.</summary>
    Full,
}

public sealed class TurnQueueOptions
{
    public const string Section = "Turns";

    /// <summary>
    /// Turns handled at once; one conversation's turns always share a lane and so run in order. A lane also waits
    /// while its reply goes out through the channel's API (tens to hundreds of milliseconds to WeCom's servers), so
    /// lanes are many: each is only an idle loop while it waits. Many more than the people active at once, because
    /// conversations hashed to one lane wait for each other: with 64 lanes, the load test's 100 WeCom users shared
    /// lanes two and three at a time, and on a busy server their turns queued for seconds while web turns, each
    /// served by its own request, did not.
    /// </summary>
    public int Lanes { get; set; } = 1024;

    /// <summary>
    /// Turns waiting per lane before new ones are refused: a bound, so a flood cannot exhaust memory (32,768 turns
    /// in all with the default lanes, as 64 lanes of 500 were).
    /// </summary>
    public int Capacity { get; set; } = 32;

    /// <summary>
    /// How long an instance's hold on the inbox messages it accepted lasts unless renewed (every third of it). When an
    /// instance stops without giving it up (a crash, a kill), the others take its unhandled messages over once it has
    /// lapsed: a shorter lease answers them sooner, a longer one tolerates a store that answers late.
    /// </summary>
    public TimeSpan InboxLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a callback whose conversation has no turn queued or running waits for that turn, run at once, to store
    /// the message with its own bookkeeping (one commit for both), or to answer it in the callback's response, before
    /// storing it alone and answering. A rule-path
    /// turn takes milliseconds; one that waits on a model stores its message alone, well within WeCom's five seconds.
    /// </summary>
    public TimeSpan StoredWithTurnWithin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// This instance's name, the same across its restarts and unique among the instances running on one store (the
    /// host name, where each machine runs one): a restart then handles its own unhandled messages at once, without
    /// waiting for its earlier run's lease to lapse. Unset, each run is a new instance; on SQLite, whose store is for
    /// one instance, each run is that one.
    /// </summary>
    public string? Instance { get; set; }

    /// <summary>Who the instance is on SQLite when <see cref="Instance"/> does not say: the store has one instance.</summary>
    public const string SqliteInstance = "sqlite";
}

/// <summary>
/// Channel endpoints answer at once and leave the work here. Each lane is a bounded queue worked by one loop;
/// a conversation is hashed to one lane, so its turns are handled in the order they came. A channel message is
/// stored in the inbox (<see cref="Inbox"/>) before the channel is told it was received, owned by this run: a
/// retried delivery is then handled once, across server instances. The run holds an inbox lease, renewed every third
/// of <see cref="TurnQueueOptions.InboxLease"/>; what an earlier run of this instance left unhandled is queued again at
/// start, before the server takes new messages, and what an instance whose lease lapsed left is taken over at a
/// renewal, never what a live instance holds. A turn's reply, and the notices it leaves for others, go out through the
/// channels' outboxes. On shutdown the lanes are closed, the turns already queued are finished, and the lease is given up.
/// </summary>
public sealed partial class TurnQueue(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<TurnQueueOptions> options, TimeProvider clock,
    ILogger<TurnQueue> logger, Telemetry telemetry, Outboxes outboxes, IEnumerable<InboxReplay>? replays = null)
    : IHostedService
{
    private const int PruneEvery = 1000;

    private Task _workers = Task.CompletedTask;
    private Task _renewing = Task.CompletedTask;
    private readonly CancellationTokenSource _stopping = new();
    private int _handled;

    /// <summary>This run's inbox lease, the owner of the messages it accepts.</summary>
    private readonly string _owner = Inbox.NewOwner();

    /// <summary>The lease's holder: the instance's name, or the lease itself for a run that is an instance of its own.</summary>
    private string _holder = "";

    /// <summary>This instance's inbox messages queued and not yet handled, with their inbox channel: the backlog gauge.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, string> _unhandled = new();

    private readonly Lane[] _lanes = Enumerable.Range(0, Math.Max(1, options.Value.Lanes)).Select(_ => new Lane(options.Value.Capacity)).ToArray();

    /// <summary>
    /// A lane's queue and the turn running in it: its loop takes a turn only while it holds <see cref="Running"/>, and a
    /// turn run at once from its callback (<see cref="AcceptAsync"/>) holds it too, so the lane's turns still run one at a time, in order.
    /// </summary>
    private sealed class Lane(int capacity)
    {
        public Channel<QueuedTurn> Queue { get; } =
            Channel.CreateBounded<QueuedTurn>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        public SemaphoreSlim Running { get; } = new(1, 1);

        /// <summary>The lane for a turn run at once, when nothing is queued or running in it.</summary>
        public bool TryTakeIdle()
        {
            if (!Running.Wait(0))
            {
                return false;
            }
            if (Queue.Reader.Count == 0)
            {
                return true;
            }
            Running.Release();
            return false;
        }
    }

    /// <summary>False when the lane is full: the caller tells the user to try again rather than wait.</summary>
    public bool TryEnqueue(QueuedTurn turn) => LaneOf(turn).Queue.Writer.TryWrite(turn);

    /// <summary>
    /// Stores a channel's message in the inbox and queues its turn. <paramref name="payload"/> is the message as the
    /// channel sent it, from which <see cref="InboxReplay"/> rebuilds the turn after a crash; <paramref name="inboxChannel"/>
    /// names the inbox's channel where it differs from the engine's (the AI bot's people are WeCom's).
    /// With <paramref name="runNow"/>, a turn whose lane is idle runs at once, and the message is stored with its
    /// bookkeeping, handled, in one commit, before this returns (or alone after <see cref="TurnQueueOptions.StoredWithTurnWithin"/>);
    /// its reply goes out after. Not stored at all when its reply goes back in the acknowledgement (<see cref="InboxTurn.AnsweredAsync"/>).
    /// A turn with a file to fetch is queued as before.
    /// </summary>
    public async Task<Acceptance> AcceptAsync(QueuedTurn turn, string messageKey, string payload, CancellationToken ct, string? inboxChannel = null,
        bool runNow = false)
    {
        var channel = inboxChannel ?? turn.Message.Channel;
        if (runNow && turn.Message.Attachment is null && !_stopping.IsCancellationRequested && LaneOf(turn) is var lane && lane.TryTakeIdle())
        {
            var inbox = InboxTurn.Unstored(_owner, channel, messageKey, turn.ConversationKey, payload, clock.GetUtcNow().UtcDateTime);
            // Begun on the callback's own thread, which runs it until it first waits (a rule-path turn on SQLite: until
            // its reply goes out, the message stored): queued to another thread instead, it woke that thread, and this
            // one again once the message was stored.
            _ = HandleHoldingAsync(turn, channel, inbox, lane);
            try
            {
                // Its timer goes as soon as the turn has stored or answered the message: a delay left to run held a timer for a
                // second after each callback (some 300 at once at 300 WeCom turns a second).
                await inbox.Storing.WaitAsync(options.Value.StoredWithTurnWithin, clock);
            }
            catch (TimeoutException)
            {
                // A slow turn (one waiting on a model): the message is stored alone, below.
            }
            if (inbox.Storing is { IsCompletedSuccessfully: true, Result: InboxTurn.NoRow })
            {
                // Answered in the acknowledgement: nothing stored, nothing in the backlog.
                return Acceptance.Accepted;
            }
            if (await StoreAsync(inbox, channel) is null)
            {
                Log.Duplicate(logger, turn.Message.Channel);
                return Acceptance.Duplicate;
            }
            return Acceptance.Accepted;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        if (await Inbox.AcceptAsync(db, _owner, channel, messageKey, turn.ConversationKey, payload, clock.GetUtcNow().UtcDateTime) is not { } id)
        {
            Log.Duplicate(logger, turn.Message.Channel);
            return Acceptance.Duplicate;
        }
        _unhandled[id] = channel;
        if (TryEnqueue(turn with { InboxId = id }))
        {
            return Acceptance.Accepted;
        }
        _unhandled.TryRemove(id, out _);
        await Inbox.ForgetAsync(db, id, CancellationToken.None);
        return Acceptance.Full;
    }

    private async Task HandleHoldingAsync(QueuedTurn turn, string channel, InboxTurn inbox, Lane lane)
    {
        try
        {
            await HandleAsync(turn, channel, inbox);
        }
        finally
        {
            lane.Running.Release();
        }
    }

    /// <summary>
    /// Stores a message whose turn runs at once unless that turn stored it already (or is storing it); its id, null for
    /// a retry of a message stored before. Stored unhandled, it counts in the backlog until its turn marks it.
    /// </summary>
    private async Task<long?> StoreAsync(InboxTurn inbox, string channel)
    {
        await using var scope = scopes.CreateAsyncScope();
        var id = await inbox.StoreAsync(scope.ServiceProvider.GetRequiredService<RectifyDbContext>());
        lock (inbox)
        {
            // Its turn marks it handled before it takes it out of the backlog, under the same lock.
            if (id is { } stored && !inbox.Handled)
            {
                _unhandled[stored] = channel;
            }
        }
        return id;
    }

    /// <summary>How many lanes are full, so that new turns for them are being refused (readiness reports it).</summary>
    public int FullLanes => _lanes.Count(lane => lane.Queue.Reader.Count >= options.Value.Capacity);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        telemetry.ObserveQueueDepth(() => _lanes.Select((lane, i) => new Measurement<int>(lane.Queue.Reader.Count, new KeyValuePair<string, object?>("lane", i))));
        telemetry.ObserveInboxBacklog(() => _unhandled.Values.GroupBy(channel => channel)
            .Select(g => new Measurement<long>(g.LongCount(), new KeyValuePair<string, object?>("channel", g.Key))));
        _workers = Task.WhenAll(_lanes.Select(lane => Task.Run(() => WorkAsync(lane), CancellationToken.None)));
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            var instance = string.IsNullOrWhiteSpace(options.Value.Instance) ? db.IsSqlite ? TurnQueueOptions.SqliteInstance : null : options.Value.Instance;
            _holder = instance ?? _owner;
            // The lease is held before any message is stored as this run's, so no message has an owner without one.
            await RenewAsync(scope.ServiceProvider, instance, cancellationToken);
        }
        _renewing = Task.Run(() => KeepLeaseAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Renews the lease every third of its length, taking over each time what instances whose lease lapsed left.</summary>
    private async Task KeepLeaseAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.InboxLease / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await RenewAsync(scope.ServiceProvider, null, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The last renewal still covers two more periods: the next may succeed.
                    Log.LeaseFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    /// <summary>
    /// Holds the lease for another <see cref="TurnQueueOptions.InboxLease"/>, then takes over and queues, in the order
    /// they came, the unhandled messages of lapsed owners and, with <paramref name="earlierRunsOf"/>, of that instance's
    /// earlier runs; the lanes are already working.
    /// </summary>
    private async Task RenewAsync(IServiceProvider services, string? earlierRunsOf, CancellationToken ct)
    {
        var db = services.GetRequiredService<RectifyDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await Leases.TryHoldAsync(db, _owner, _holder, now, options.Value.InboxLease, ct);
        var claimed = await Inbox.ClaimAsync(db, _owner, earlierRunsOf, now, ct);
        var rebuilders = (replays ?? []).ToDictionary(r => r.Channel);
        foreach (var message in claimed)
        {
            if (rebuilders.TryGetValue(message.Channel, out var replay) && replay.Rebuild(services, message) is { } turn)
            {
                _unhandled[message.Id] = message.Channel;
                await LaneOf(turn).Queue.Writer.WriteAsync(turn with { InboxId = message.Id }, ct);
            }
            else
            {
                // Its channel is switched off here: it stays in the inbox, this run's, until an instance with it on takes it over.
                Log.NotReplayed(logger, message.Channel);
            }
        }
        if (claimed.Count > 0)
        {
            Log.Replayed(logger, claimed.Count);
        }
    }

    /// <summary>
    /// No new turns are taken; the queued ones are finished, for as long as the host's shutdown allows, and then the
    /// lease is given up, so that what is left (a switched-off channel's messages) is taken over without waiting.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _renewing;
        foreach (var lane in _lanes)
        {
            lane.Queue.Writer.TryComplete();
        }
        await _workers.WaitAsync(cancellationToken);
        foreach (var lane in _lanes)
        {
            // The turns running at once from their callbacks; none starts after this.
            await lane.Running.WaitAsync(cancellationToken);
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await Leases.ReleaseAsync(scope.ServiceProvider.GetRequiredService<RectifyDbContext>(), _owner, _holder, CancellationToken.None);
        }
        catch (Exception e)
        {
            // It lapses by itself.
            Log.LeaseFailed(logger, e);
        }
    }

    private async Task WorkAsync(Lane lane)
    {
        while (await lane.Queue.Reader.WaitToReadAsync())
        {
            await lane.Running.WaitAsync();
            try
            {
                if (lane.Queue.Reader.TryRead(out var turn))
                {
                    await HandleAsync(turn, null, turn.InboxId is { } id ? InboxTurn.Begin(id) : null);
                }
            }
            finally
            {
                lane.Running.Release();
            }
        }
    }

    /// <param name="channel">The inbox's channel, for a message not stored yet; null otherwise.</param>
    private async Task HandleAsync(QueuedTurn turn, string? channel, InboxTurn? inbox)
    {
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["Channel"] = turn.Message.Channel, ["ConversationId"] = turn.ConversationKey });
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        // A turn is given a fixed time; a stuck endpoint must not hold its lane for ever.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        if (inbox is not null)
        {
            InboxTurn.Begin(inbox);
        }
        var outbox = outboxes.For(turn.ReplyTo);
        try
        {
            await outbox.OpenAsync(turn.ReplyTo, timeout.Token);
            // Null for a retry of a message stored before, which its first try answers.
            var result = await TurnAsync(turn, channel, inbox, outbox, timeout.Token);
            // A reply the message's acknowledgement carries (a WeCom callback's response; a card it cannot carry follows
            // it) needs no row for its message when that is not stored yet: otherwise the message is handled before the
            // reply goes out, so that a crash in between loses a reply, never doubles a write.
            var inAcknowledgement = result is not null && inbox is { MayGoWithoutRow: true } && outbox.TryAnswerInAcknowledgement(turn.ReplyTo, result.Reply);
            if (!inAcknowledgement || !await inbox!.AnsweredAsync(services.GetRequiredService<RectifyDbContext>(), clock.GetUtcNow().UtcDateTime))
            {
                await MarkHandledAsync(services, inbox, timeout.Token);
            }
            if (result is null || inbox is { Duplicate: true })
            {
                return;
            }
            await outbox.ReplyAsync(turn.ReplyTo, result.Reply, timeout.Token);
            await outboxes.NotifyAsync(result.Reply.Notices, timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            Log.TurnFailed(logger, e, turn.Message.Channel);
            try
            {
                // A message that fails is not replayed at the next start: it would fail there again, and again.
                await MarkHandledAsync(services, inbox, CancellationToken.None);
                if (inbox is not { Duplicate: true })
                {
                    await outbox.ReplyAsync(turn.ReplyTo, new Reply("抱歉，处理这条消息时出错了，请稍后再试。"), CancellationToken.None);
                }
            }
            catch (Exception deliveryError)
            {
                Log.TurnFailed(logger, deliveryError, turn.Message.Channel);
            }
        }
    }

    /// <summary>
    /// The engine's result. A turn whose message is not stored yet and that comes to write to the record stores the
    /// message first and runs again from the start (nothing was saved); null when the message turns out to be a retry.
    /// </summary>
    private async Task<TurnResult?> TurnAsync(QueuedTurn turn, string? channel, InboxTurn? inbox, IOutbox outbox, CancellationToken ct)
    {
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                return await scope.ServiceProvider.GetRequiredService<ConversationEngine>().HandleAsync(turn.Message, ct, outbox.Partial(turn.ReplyTo, ct));
            }
            catch (InboxNotStoredException) when (inbox is not null && channel is not null)
            {
                if (await StoreAsync(inbox, channel) is null)
                {
                    return null;
                }
            }
        }
    }

    /// <summary>
    /// Marks the message handled, with the turn's bookkeeping, unless the turn's write already did (storing it, if it is
    /// not stored yet); now and then drops old handled ones.
    /// </summary>
    private async Task MarkHandledAsync(IServiceProvider services, InboxTurn? inbox, CancellationToken ct)
    {
        if (inbox is null)
        {
            return;
        }
        var db = services.GetRequiredService<RectifyDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await inbox.FinishAsync(db, now, ct);
        if (await inbox.Storing is { } id)
        {
            lock (inbox)
            {
                _unhandled.TryRemove(id, out _);
            }
        }
        if (Interlocked.Increment(ref _handled) % PruneEvery == 0)
        {
            await Inbox.PruneAsync(db, now, ct);
        }
    }

    private Lane LaneOf(QueuedTurn turn) => _lanes[LaneIndex(turn.ConversationKey)];

    private int LaneIndex(string key)
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

        [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "{Count} acknowledged messages left unhandled by an earlier run or a stopped instance were queued again")]
        public static partial void Replayed(ILogger logger, int count);

        [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "The inbox lease could not be renewed or given up")]
        public static partial void LeaseFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "An unhandled {Channel} message stays in the inbox: the channel is off")]
        public static partial void NotReplayed(ILogger logger, string channel);
    }
}
