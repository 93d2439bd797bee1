using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace RectifyBot.Store;

/// <summary>
/// Group commit of small writes to one database: a caller queues its item, and whoever holds the writer next writes
/// every item queued by then in one commit, with its own context. Under load, callbacks that arrive together cost
/// one pass through <see cref="SqliteWriteGate"/> and one commit (one disk flush) between them instead of one each.
/// A caller returns only once its item's commit is done, or throws what failed it (every item of that commit).
/// Waiting is not cancelled: a write once queued is made, so nothing is stored that its caller was told had failed
/// because it stopped waiting. A caller that has to wait gives its context's connection back first
/// (<see cref="CommitWaits"/>): the writer may be a caller whose context has none open.
/// </summary>
internal sealed class GroupCommit<TItem, TResult>(Func<RectifyDbContext, IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write)
{
    /// <summary>Items a commit takes at most: a bound on one statement's parameters and on one commit's time.</summary>
    private const int MaxItems = 200;

    private readonly ConcurrentQueue<(TItem Item, TaskCompletionSource<TResult> Done)> _queue = new();
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>How many commits were made; tests read it to see that items were written together.</summary>
    internal int Commits;

    /// <summary>Items a commit has taken from the queue; tests read it to know a commit under way has taken theirs.</summary>
    internal int Taken;

    public async Task<TResult> WriteAsync(RectifyDbContext db, TItem item)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Enqueue((item, done));
        while (!done.Task.IsCompleted)
        {
            await db.WaitHoldingNoConnectionAsync(_writer.WaitAsync());
            try
            {
                if (!done.Task.IsCompleted)
                {
                    await CommitQueuedAsync(db);
                }
            }
            finally
            {
                _writer.Release();
            }
        }
        return await done.Task;
    }

    private async Task CommitQueuedAsync(RectifyDbContext db)
    {
        // The queue is taken once the file's writer is ours, so what came while waiting for it joins this commit.
        using var gate = await SqliteWriteGate.EnterAsync(db, CancellationToken.None);
        var batch = new List<(TItem Item, TaskCompletionSource<TResult> Done)>();
        while (batch.Count < MaxItems && _queue.TryDequeue(out var queued))
        {
            batch.Add(queued);
            Interlocked.Increment(ref Taken);
        }
        try
        {
            var results = await write(db, batch.ConvertAll(b => b.Item));
            Interlocked.Increment(ref Commits);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.SetResult(results[i]);
            }
        }
        catch (Exception e)
        {
            foreach (var (_, done) in batch)
            {
                done.SetException(e);
            }
        }
    }
}

/// <summary>One <see cref="GroupCommit{TItem, TResult}"/> per database (per connection string).</summary>
internal sealed class GroupCommits<TItem, TResult>(Func<RectifyDbContext, IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write)
{
    private readonly ConcurrentDictionary<string, GroupCommit<TItem, TResult>> _databases = new();

    public GroupCommit<TItem, TResult> For(RectifyDbContext db) =>
        _databases.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new GroupCommit<TItem, TResult>(write));
}

/// <summary>
/// Waits on another caller's commit holding no pooled connection. PostgreSQL's pool is bounded (Npgsql's Maximum Pool
/// Size, 100 by default): were turns to wait with the connection they hold for the turn, as many of them as the pool
/// has could wait on a commit whose writer needs one more, each of them until the pool's timeout. Under load that
/// stopped the server (a WeCom turn run in its callback waited on its message's commit in the turn's bookkeeping).
/// On SQLite a turn's held connection (<see cref="RectifyDbContext.HoldConnection"/>) stays open: EF did not open it.
/// </summary>
internal static class CommitWaits
{
    public static async Task WaitHoldingNoConnectionAsync(this RectifyDbContext db, Task commit)
    {
        if (!commit.IsCompleted)
        {
            await db.Database.CloseConnectionAsync();
        }
        await commit;
    }
}
