using Microsoft.EntityFrameworkCore;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Store;

/// <summary>
/// Taking over inbox messages (<see cref="Inbox.ClaimAsync"/>): instances that find an owner's lease lapsed at the
/// same moment take each of its messages once between them, and none of a live owner's.
/// </summary>
public sealed class InboxClaimTests
{
    private const int Messages = 300;
    private const int Survivors = 3;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Survivors_taking_over_at_the_same_moment_take_each_lapsed_message_once_and_none_of_a_live_owner(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var now = store.Clock.GetUtcNow().UtcDateTime;
        var (lapsed, live) = (Inbox.NewOwner(), Inbox.NewOwner());
        var survivors = Enumerable.Range(0, Survivors).Select(_ => Inbox.NewOwner()).ToList();
        await using (var db = store.NewContext())
        {
            await Leases.TryHoldAsync(db, lapsed, lapsed, now - (Lease * 2), Lease, default);
            await Leases.TryHoldAsync(db, live, live, now, Lease, default);
            foreach (var survivor in survivors)
            {
                await Leases.TryHoldAsync(db, survivor, survivor, now, Lease, default);
            }
            await Task.WhenAll(Enumerable.Range(0, Messages).Select(async n =>
            {
                await using var accepting = store.NewContext();
                await Inbox.AcceptAsync(accepting, n % 10 == 0 ? live : lapsed, "wecom", $"msg-{n}", $"wecom:user{n % 7}", "<xml/>", now);
            }));
        }

        using var start = new SemaphoreSlim(0);
        var claims = survivors.Select(survivor => Task.Run(async () =>
        {
            await using var db = store.NewContext();
            await start.WaitAsync();
            return (Survivor: survivor, Messages: await Inbox.ClaimAsync(db, survivor, null, now, default));
        })).ToList();
        start.Release(Survivors);
        var claimed = await Task.WhenAll(claims);

        var ids = claimed.SelectMany(c => c.Messages.Select(m => m.Id)).ToList();
        Assert.Equal(Messages - (Messages / 10), ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(claimed, c => Assert.Equal(c.Messages.OrderBy(m => m.Id).Select(m => m.Id), c.Messages.Select(m => m.Id)));
        await using var reader = store.NewContext();
        var owners = await reader.Inbox.ToDictionaryAsync(m => m.Id, m => m.Owner);
        Assert.All(claimed, c => Assert.All(c.Messages, m => Assert.Equal(c.Survivor, owners[m.Id])));
        Assert.Equal(Messages / 10, owners.Values.Count(o => o == live));
        // Nothing is left to take: every owner is live.
        Assert.Empty(await Inbox.ClaimAsync(reader, Inbox.NewOwner(), null, now, default));
    }
}
