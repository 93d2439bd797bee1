using Microsoft.EntityFrameworkCore;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Rectification;

/// <summary>Expected refusals are values: a short reply that says what to do instead, never an exception.</summary>
public class RefusalTests
{
    [Fact]
    public async Task A_status_the_workflow_does_not_allow_is_a_reply_that_says_what_to_do()
    {
        await using var world = await WorkflowWorld.CreateAsync();
        var back = await world.SayAsync("李娜", "51 未启动");
        Assert.Equal("第51项当前为“推进中”，不能改为“未启动”。如是刚才误操作，请发送“撤销”。", back.Reply.Text);
        Assert.Empty(back.Changes);
        Assert.Equal(MeasureStatus.InProgress, (await world.MeasureAsync(51)).Status);
    }

    [Fact]
    public async Task A_file_the_channel_could_not_fetch_is_asked_for_again()
    {
        await using var world = await WorkflowWorld.CreateAsync();
        await world.SayAsync("李娜", "第51项什么情况");
        var turn = await world.SayAsync("李娜", null, new Attachment(_ => Task.FromResult<FetchedFile?>(null)));
        Assert.Equal("没能取得这个文件，请重新发送。", turn.Reply.Text);
        Assert.Empty((await world.MeasureAsync(51)).Evidence);
    }
}
