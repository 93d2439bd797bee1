using RectifyBot.Domain;

namespace RectifyBot.Tests.Domain;

public class MeasureStatusTests
{
    [Theory]
    [InlineData(MeasureStatus.NotStarted, MeasureStatus.InProgress)]
    [InlineData(MeasureStatus.NotStarted, MeasureStatus.Done)]
    [InlineData(MeasureStatus.InProgress, MeasureStatus.Done)]
    [InlineData(MeasureStatus.InProgress, MeasureStatus.Ongoing)]
    [InlineData(MeasureStatus.Done, MeasureStatus.Closed)]
    [InlineData(MeasureStatus.Done, MeasureStatus.InProgress)]
    [InlineData(MeasureStatus.Ongoing, MeasureStatus.Closed)]
    [InlineData(MeasureStatus.Closed, MeasureStatus.InProgress)]
    public void The_workflow_allows(MeasureStatus from, MeasureStatus to) => Assert.True(MeasureStatusRules.CanMove(from, to));

    [Theory]
    [InlineData(MeasureStatus.NotStarted, MeasureStatus.Closed)]   // closing needs a reviewed close request after the work is done
    [InlineData(MeasureStatus.InProgress, MeasureStatus.Closed)]
    [InlineData(MeasureStatus.Closed, MeasureStatus.Done)]
    [InlineData(MeasureStatus.Done, MeasureStatus.NotStarted)]
    [InlineData(MeasureStatus.InProgress, MeasureStatus.InProgress)]
    public void The_workflow_refuses(MeasureStatus from, MeasureStatus to) => Assert.False(MeasureStatusRules.CanMove(from, to));

    [Fact]
    public void A_measure_refuses_a_move_with_a_sentence_that_says_what_to_do_instead()
    {
        var m = new Measure { Number = 51, Text = "t" };
        Assert.Equal("第51项当前为“未启动”，不能改为“已销号”。销号需要经过审核：请发送“第51项申请销号”。", m.RefuseMove(MeasureStatus.Closed));
        m.MoveTo(MeasureStatus.InProgress);
        Assert.Equal("第51项当前为“推进中”，不能改为“未启动”。如是刚才误操作，请发送“撤销”。", m.RefuseMove(MeasureStatus.NotStarted));
        Assert.Equal(MeasureStatus.InProgress, m.Status);
    }

    [Theory]
    [InlineData("已完成，并将长期坚持", MeasureStatus.Ongoing)]
    [InlineData("已完成", MeasureStatus.Done)]
    [InlineData("整改到位", MeasureStatus.Done)]
    [InlineData("正在整改", MeasureStatus.InProgress)]
    [InlineData("持续推进", MeasureStatus.InProgress)]
    [InlineData("未开始", MeasureStatus.NotStarted)]
    [InlineData("未开展", MeasureStatus.NotStarted)]
    [InlineData("序时推进", MeasureStatus.InProgress)]
    [InlineData("已销号", MeasureStatus.Closed)]
    [InlineData("常态化", MeasureStatus.Ongoing)]
    [InlineData("closed", MeasureStatus.Closed)]
    public void Reads_the_status_words_users_write(string text, MeasureStatus expected) => Assert.Equal(expected, MeasureStatusRules.Parse(text));

    [Theory]
    [InlineData(MeasureStatus.InProgress, DeadlineKind.Date, "2023-11-20", 1)]
    [InlineData(MeasureStatus.NotStarted, DeadlineKind.NotStated, "2023-10-20", 32)]
    [InlineData(MeasureStatus.InProgress, DeadlineKind.Date, "2023-11-21", 0)]   // due today is not yet overdue
    [InlineData(MeasureStatus.Done, DeadlineKind.Date, "2023-10-20", 0)]         // awaiting close
    [InlineData(MeasureStatus.Closed, DeadlineKind.LongTerm, "2023-10-20", 0)]
    [InlineData(MeasureStatus.Ongoing, DeadlineKind.LongTerm, "2023-10-20", 32)] // a missed check-in
    [InlineData(MeasureStatus.Ongoing, DeadlineKind.Date, "2023-10-20", 0)]
    public void Overdue_is_defined_once(MeasureStatus status, DeadlineKind kind, string due, int expectedDays) =>
        Assert.Equal(expectedDays, Overdue.DaysOverdue(status, kind, DateOnly.Parse(due), new DateOnly(2023, 11, 21)));
}
