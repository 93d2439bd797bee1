using RectifyBot.Host.Channels.WeCom;
using Xunit;

namespace RectifyBot.Host.Tests.Channels.WeCom;

/// <summary>A callback waiting for its reply: the text goes back in it once, or by message/send, never both and never neither.</summary>
public sealed class WeComCallbackReplyTests
{
    [Fact]
    public async Task A_text_offered_in_time_is_taken_by_the_callback()
    {
        var callback = new WeComCallbackReply();
        Assert.True(callback.TryOffer("社会事务科逾期的措施共3项"));
        Assert.Equal("社会事务科逾期的措施共3项", await callback.TakeAsync(TimeSpan.FromSeconds(10), TimeProvider.System));
    }

    [Fact]
    public async Task After_the_wait_the_callback_takes_nothing_and_the_text_goes_by_message_send()
    {
        var callback = new WeComCallbackReply();
        Assert.Null(await callback.TakeAsync(TimeSpan.FromMilliseconds(50), TimeProvider.System));
        Assert.False(callback.TryOffer("迟到的回复"));
    }

    [Fact]
    public async Task A_reply_that_cannot_go_back_in_the_callback_ends_its_wait_at_once()
    {
        var callback = new WeComCallbackReply();
        Assert.True(callback.TryOffer(null));
        var taking = callback.TakeAsync(TimeSpan.FromMinutes(10), TimeProvider.System);
        Assert.True(taking.IsCompleted);
        Assert.Null(await taking);
        Assert.False(callback.TryOffer("第9项｜已完成"));
    }
}
