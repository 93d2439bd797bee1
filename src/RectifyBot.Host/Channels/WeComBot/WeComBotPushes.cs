using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.WeComBot;

/// <summary>
/// The AI bot's pushes to people and groups (<c>aibot_send_msg</c>) from any server instance: queued in the store
/// (<see cref="QueuedPush"/>) and sent, oldest first, by the instance holding the connection while it holds it. Each
/// is marked sent once WeCom acknowledged it, so a holder that stops or dies before then leaves it to the next holder;
/// only a death between the acknowledgement and the mark sends one twice. A push WeCom refuses is logged by the
/// sender and not tried again, since it would be refused again; one not acknowledged in time is tried again.
/// </summary>
public sealed partial class WeComBotPushes(IServiceScopeFactory scopes, TimeProvider time, ILogger<WeComBotPushes> logger)
{
    /// <summary>How often the holder looks for pushes other instances queued; its own are sent at once.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private const int Batch = 50;

    /// <summary>Sent pushes are kept a week, for looking into what a group or person was sent, then dropped.</summary>
    private static readonly TimeSpan Kept = TimeSpan.FromDays(7);

    private readonly SemaphoreSlim _queued = new(0, 1);
    private DateTimeOffset _pruned;

    /// <summary>Stores the frames' bodies, each addressed to its conversation, in order.</summary>
    public async Task QueueAsync(IReadOnlyList<(string Conversation, JsonObject Body)> pushes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        db.QueuedPushes.AddRange(pushes.Select(p => new QueuedPush
        {
            Channel = WeComBotTurns.Channel, Conversation = p.Conversation, Body = p.Body.ToJsonString(), QueuedAt = now,
        }));
        await db.SaveChangesAsync(ct);
        Nudge();
    }

    /// <summary>
    /// Sends the queue through <paramref name="send"/> until <paramref name="ct"/> ends the connection.
    /// </summary>
    /// <exception cref="System.Net.WebSockets.WebSocketException">The connection failed: it is the connector's to restore.</exception>
    public async Task DrainAsync(Func<string, JsonObject, CancellationToken, Task> send, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var due = await NextAsync(ct);
            foreach (var push in due)
            {
                try
                {
                    await send(push.Conversation, JsonNode.Parse(push.Body)!.AsObject(), ct);
                }
                catch (TimeoutException)
                {
                    // Not acknowledged: it and those after it wait for the next round, in order.
                    break;
                }
                await MarkSentAsync(push.Id, ct);
            }
            if (due.Count == 0 && time.GetUtcNow() - _pruned > TimeSpan.FromHours(1))
            {
                await PruneAsync(ct);
            }
            if (due.Count < Batch)
            {
                await _queued.WaitAsync(Poll, ct);
            }
        }
    }

    private void Nudge()
    {
        try
        {
            _queued.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already nudged: the drain will look once more, which sees this push too.
        }
    }

    private async Task<List<QueuedPush>> NextAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().QueuedPushes.AsNoTracking()
                .Where(p => p.Channel == WeComBotTurns.Channel && p.SentAt == null).OrderBy(p => p.Id).Take(Batch).ToListAsync(ct);
        }
        catch (System.Data.Common.DbException e)
        {
            // A busy or unreachable store: the queue is read again next round.
            Log.StoreFailed(logger, e);
            return [];
        }
    }

    private async Task MarkSentAsync(long id, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            using var gate = await SqliteWriteGate.EnterAsync(db, ct);
            await db.QueuedPushes.Where(p => p.Id == id).ExecuteUpdateAsync(p => p.SetProperty(x => x.SentAt, time.GetUtcNow().UtcDateTime), ct);
        }
        catch (System.Data.Common.DbException e)
        {
            // Sent but not marked: it goes again next round, once too often rather than never.
            Log.StoreFailed(logger, e);
        }
    }

    private async Task PruneAsync(CancellationToken ct)
    {
        _pruned = time.GetUtcNow();
        var before = (_pruned - Kept).UtcDateTime;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            using var gate = await SqliteWriteGate.EnterAsync(db, ct);
            await db.QueuedPushes.Where(p => p.Channel == WeComBotTurns.Channel && p.SentAt < before).ExecuteDeleteAsync(ct);
        }
        catch (System.Data.Common.DbException e)
        {
            Log.StoreFailed(logger, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6221, Level = LogLevel.Warning, Message = "WeCom AI bot: the push queue could not be read or updated")]
        public static partial void StoreFailed(ILogger logger, Exception exception);
    }
}
