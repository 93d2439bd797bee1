using Microsoft.EntityFrameworkCore;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Store;

/// <summary>
/// Channel messages arriving together are stored in one commit (<see cref="GroupCommit{TItem, TResult}"/>), and each
/// caller (a channel endpoint that then tells the channel the message was received) returns only after that commit;
/// a failed commit fails every message in it. A second connection holds the store's write lock so that messages
/// queue behind a first one, as they do behind a commit under way on a busy server.
/// </summary>
public sealed class InboxGroupCommitTests
{
    /// <summary>The run whose inbox messages these are (<see cref="Inbox.NewOwner"/>).</summary>
    private static readonly string Owner = Inbox.NewOwner();

    private const int Together = 20;

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Messages_arriving_together_are_stored_in_one_commit_and_each_returns_only_after_it(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var now = store.Clock.GetUtcNow().UtcDateTime;
        await using var reader = store.NewContext();
        var commits = Inbox.Accepting.For(reader);
        var before = commits.Commits;
        var (blocker, queued) = await WhileWritesAreBlockedAsync(store, () => Enumerable.Range(0, Together)
            // A retry of message 3 comes with the others.
            .Append(3)
            .Select(n => Accept(store, $"msg-{n}", now))
            .ToList(), async waiting =>
            {
                // Nothing is acknowledged while its commit has not happened, and nothing is stored yet.
                Assert.DoesNotContain(waiting, t => t.IsCompleted);
                Assert.Equal(0, await reader.Inbox.CountAsync());
            });

        Assert.NotNull(await blocker);
        var ids = await Task.WhenAll(queued);
        Assert.Equal(Together, ids.Count(id => id is not null));
        Assert.Single(ids, id => id is null);
        Assert.Equal(Together, ids.Where(id => id is not null).Distinct().Count());
        Assert.Equal(Together + 1, await reader.Inbox.CountAsync());
        // The first message's commit, then one for all that queued behind it.
        Assert.Equal(2, commits.Commits - before);
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_failed_commit_fails_every_message_in_it_and_stores_none(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var now = store.Clock.GetUtcNow().UtcDateTime;
        await using (var db = store.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync(provider == StoreProvider.Sqlite
                ? """CREATE TRIGGER "Poison" BEFORE INSERT ON "Inbox" WHEN NEW."MessageKey" = 'poison' BEGIN SELECT RAISE(ABORT, 'poison'); END"""
                : """
                  CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
                  BEGIN IF NEW."MessageKey" = 'poison' THEN RAISE EXCEPTION 'poison'; END IF; RETURN NEW; END $$;
                  CREATE TRIGGER "Poison" BEFORE INSERT ON "Inbox" FOR EACH ROW EXECUTE FUNCTION poison();
                  """);
        }
        var (blocker, queued) = await WhileWritesAreBlockedAsync(store,
            () => new[] { "a", "b", "poison", "c" }.Select(key => Accept(store, key, now)).ToList(), _ => Task.CompletedTask);

        Assert.NotNull(await blocker);
        foreach (var message in queued)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => message);
        }
        await using var reader = store.NewContext();
        Assert.Equal(["first"], await reader.Inbox.Select(m => m.MessageKey).ToListAsync());
        // The channel retries them later, and then they are stored.
        Assert.NotNull(await Accept(store, "b", now));
    }

    private static async Task<long?> Accept(TestStore store, string key, DateTime now)
    {
        await using var db = store.NewContext();
        return await Inbox.AcceptAsync(db, Owner, "wecom", key, "wecom:lina", $"<xml>{key}</xml>", now);
    }

    /// <summary>
    /// Stores a first message while another connection holds the write lock, so that its commit waits; queues the
    /// messages <paramref name="start"/> sends behind it, runs <paramref name="whileBlocked"/>, then lets the lock go.
    /// </summary>
    private static async Task<(Task<long?> Blocker, List<Task<long?>> Queued)> WhileWritesAreBlockedAsync(TestStore store,
        Func<List<Task<long?>>> start, Func<List<Task<long?>>, Task> whileBlocked)
    {
        await using var holder = store.NewContext();
        var transaction = await holder.Database.BeginTransactionAsync();
        await holder.Database.ExecuteSqlRawAsync(store.Provider == StoreProvider.Sqlite
            ? """DELETE FROM "Inbox" WHERE "Id" = -1"""
            : """LOCK TABLE "Inbox" IN EXCLUSIVE MODE""");
        // On its own thread: SQLite waits for a lock by sleeping.
        var commits = Inbox.Accepting.For(holder);
        var taken = commits.Taken;
        var blocker = Task.Run(() => Accept(store, "first", store.Clock.GetUtcNow().UtcDateTime));
        while (commits.Taken == taken && !blocker.IsCompleted)
        {
            await Task.Delay(10);
        }
        // The first commit has taken its message and waits for the lock; the rest queue behind it.
        var queued = start();
        await whileBlocked(queued);
        Assert.False(blocker.IsCompleted);
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        return (blocker, queued);
    }
}
