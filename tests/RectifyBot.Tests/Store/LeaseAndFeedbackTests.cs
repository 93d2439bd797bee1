using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Store;

public class LeaseAndFeedbackTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(90);

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_lease_is_held_by_one_instance_renewed_by_it_and_taken_over_only_once_it_lapses(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.NewContext();
        DateTime Now() => store.Clock.GetUtcNow().UtcDateTime;

        Assert.True(await Leases.TryHoldAsync(db, "wecom-bot:b1", "a", Now(), Duration, default));
        Assert.False(await Leases.TryHoldAsync(db, "wecom-bot:b1", "b", Now(), Duration, default));
        // Another bot's lease is its own.
        Assert.True(await Leases.TryHoldAsync(db, "wecom-bot:b2", "b", Now(), Duration, default));

        store.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.True(await Leases.TryHoldAsync(db, "wecom-bot:b1", "a", Now(), Duration, default));
        store.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.False(await Leases.TryHoldAsync(db, "wecom-bot:b1", "b", Now(), Duration, default));

        store.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await Leases.TryHoldAsync(db, "wecom-bot:b1", "b", Now(), Duration, default));
        Assert.False(await Leases.TryHoldAsync(db, "wecom-bot:b1", "a", Now(), Duration, default));
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_released_lease_is_free_at_once_and_only_its_holder_can_release_it(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.NewContext();
        var now = store.Clock.GetUtcNow().UtcDateTime;
        await Leases.TryHoldAsync(db, "wecom-bot:b1", "a", now, Duration, default);

        await Leases.ReleaseAsync(db, "wecom-bot:b1", "b", default);
        Assert.False(await Leases.TryHoldAsync(db, "wecom-bot:b1", "b", now, Duration, default));
        await Leases.ReleaseAsync(db, "wecom-bot:b1", "a", default);
        Assert.True(await Leases.TryHoldAsync(db, "wecom-bot:b1", "b", now, Duration, default));
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_second_rating_of_a_reply_by_the_same_user_replaces_the_first(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.NewContext();
        var now = store.Clock.GetUtcNow().UtcDateTime;

        await FeedbackLog.RecordAsync(db, new ReplyFeedback { Channel = "wecom-bot", ReplyId = "s1", UserId = "u1", Rating = "like", At = now }, default);
        await FeedbackLog.RecordAsync(db, new ReplyFeedback { Channel = "wecom-bot", ReplyId = "s1", UserId = "u2", Rating = "like", At = now }, default);
        await FeedbackLog.RecordAsync(db, new ReplyFeedback { Channel = "wecom-bot", ReplyId = "s1", UserId = "u1", Rating = "dislike", Comment = "数字不对", At = now }, default);

        var rows = await db.ReplyFeedbacks.OrderBy(f => f.UserId).Select(f => new { f.UserId, f.Rating, f.Comment }).ToListAsync();
        Assert.Equal(new[] { new { UserId = "u1", Rating = "dislike", Comment = (string?)"数字不对" }, new { UserId = "u2", Rating = "like", Comment = (string?)null } }, rows);
    }
}
