using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Store;

/// <summary>
/// Several server instances on one store: an instance starting replays only the unhandled messages whose instance
/// has stopped (its liveness lease lapsed), never those a live instance has queued, and takes them so that a third
/// starting beside it does not replay them too.
/// </summary>
public sealed class InboxOwnerTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_starting_instance_replays_only_the_messages_of_instances_that_are_gone(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.NewContext();
        var now = store.Clock.GetUtcNow().UtcDateTime;
        Assert.True(await Start(db, "a", now));
        await Inbox.AcceptAsync(db, "wecom", "live", "wecom:x", "<xml/>", now, owner: "a");
        // An instance killed long ago (its lease lapsed or never held), and a message from before instances were named.
        await Inbox.AcceptAsync(db, "wecom", "orphan", "wecom:y", "<xml/>", now, owner: "killed");
        await Inbox.AcceptAsync(db, "wecom", "unnamed", "wecom:z", "<xml/>", now);
        var handled = await Inbox.AcceptAsync(db, "wecom", "handled", "wecom:y", "<xml/>", now, owner: "killed");
        await Inbox.MarkHandledAsync(db, handled!.Value, now, default);

        Assert.True(await Start(db, "b", now));
        Assert.Equal(["orphan", "unnamed"], await Claim(db, "b", now));
        // A third instance starting beside them: b is live, so what it took is its own.
        Assert.True(await Start(db, "c", now));
        Assert.Empty(await Claim(db, "c", now));

        // a is killed: once its lease has lapsed, the next instance to start replays its message; b and c renew theirs.
        now += Lease + TimeSpan.FromSeconds(1);
        Assert.True(await Start(db, "b", now) && await Start(db, "c", now));
        Assert.True(await Start(db, "d", now));
        Assert.Equal(["live"], await Claim(db, "d", now));
    }

    private static Task<bool> Start(RectifyDbContext db, string instance, DateTime now) =>
        Leases.TryHoldAsync(db, Inbox.InstanceLease(instance), instance, now, Lease, default);

    private static async Task<List<string>> Claim(RectifyDbContext db, string instance, DateTime now) =>
        (await Inbox.ClaimUnhandledAsync(db, instance, now, default)).Select(m => m.MessageKey).ToList();
}
