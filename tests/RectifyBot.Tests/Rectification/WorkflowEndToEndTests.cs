using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Documents;
using RectifyBot.Domain;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Rectification;

/// <summary>The rectification workflow of issue 7, end to end through the conversation engine.</summary>
public sealed class WorkflowEndToEndTests
{
    [Theory]
    [InlineData("OfficeOnly")]
    [InlineData("OfficeAndLeader")]
    public async Task Claim_update_evidence_close_return_rerequest_approve_and_sign_ends_closed(string signOff)
    {
        await using var world = await WorkflowWorld.CreateAsync(new Dictionary<string, string?> { ["Workflow:SignOff"] = signOff });

        Assert.Equal(nameof(ClaimMeasures), (await world.SayAsync("李娜", "认领第56项")).Intent);
        var update = await world.SayAsync("李娜", "56 完成 已对5个僵尸组织完成调查，清理3个");
        Assert.Contains("请上传佐证材料", update.Reply.Text);
        var photo = await world.SayAsync("李娜", null, WorkflowWorld.File("清理现场.jpg", [1, 2, 3]));
        Assert.Contains("存为第56项的佐证材料", photo.Reply.Text);

        var request = await world.SayAsync("李娜", "第56项申请销号");
        Assert.Contains("已提交第56项销号申请", request.Reply.Text);
        Assert.Contains(request.Reply.Notices, n => n.ToOffice && n.Text.Contains("同意56销号"));

        var returned = await world.SayAsync("陈奇奇", "退回56，佐证材料不全");
        Assert.Contains("已退回", returned.Reply.Text);
        Assert.Contains(returned.Reply.Notices, n => !n.ToOffice && n.Text.Contains("佐证材料不全"));
        Assert.Equal(MeasureStatus.InProgress, (await world.MeasureAsync(56)).Status);
        Assert.Contains("销号申请被退回：佐证材料不全", (await world.SayAsync("李娜", "第56项什么情况")).Reply.Text);

        await world.SayAsync("李娜", null, WorkflowWorld.File("会议纪要.pdf", [9, 9, 9]));
        Assert.Contains("已提交", (await world.SayAsync("李娜", "第56项申请销号")).Reply.Text);
        Assert.Equal("销号签字由责任领导进行。", (await world.SayAsync("陈奇奇", "签字56")).Reply.Text);
        var approved = await world.SayAsync("陈奇奇", "同意56销号");

        var expected = new List<string> { "认领", "进展更新并改状态", "上传佐证材料", "申请销号", "退回销号", "同意销号" };
        if (signOff == "OfficeAndLeader")
        {
            Assert.Contains("待责任领导签字后销号", approved.Reply.Text);
            Assert.Contains(approved.Reply.Notices, n => n.Text.Contains("待责任领导签字"));
            var leaders = await world.UnitIdAsync("局党组");
            Assert.Contains(approved.Reply.Notices, n => n.UnitId == leaders && n.Text.Contains("回复“签字56”"));
            Assert.Equal(MeasureStatus.Done, (await world.MeasureAsync(56)).Status);
            Assert.EndsWith("审核通过（陈奇奇），待责任领导签字", await ClosingAsync(world, 56));
            Assert.Contains("正等待责任领导签字", (await world.SayAsync("李娜", "第56项申请销号")).Reply.Text);
            Assert.Equal("销号签字由责任领导进行。", (await world.SayAsync("李娜", "签字56")).Reply.Text);
            var signed = await world.SayAsync("巨伟", "签字56");
            Assert.Equal(nameof(SignClose), signed.Intent);
            Assert.Equal("巨伟已签字，第56项已销号。", signed.Reply.Text);
            expected.Add("领导签字销号");
        }
        else
        {
            Assert.Equal("第56项已销号。", approved.Reply.Text);
            Assert.Equal("第56项已销号。", (await world.SayAsync("巨伟", "签字56")).Reply.Text);
        }
        var closed = await world.MeasureAsync(56);
        Assert.Equal(MeasureStatus.Closed, closed.Status);
        Assert.Equal(expected, await world.OperationsAsync(56));

        var closing = await ClosingAsync(world, 56);
        Assert.Contains("退回（陈奇奇），原因：佐证材料不全", closing);
        Assert.Contains("审核通过（陈奇奇）", closing);
        Assert.Equal(signOff == "OfficeAndLeader", closing.Contains("责任领导签字（巨伟）"));
        Assert.Contains("销号日期：2023年11月21日", closing);
    }

    /// <summary>The ledger's 销号情况 cell for a measure.</summary>
    private static async Task<string> ClosingAsync(WorkflowWorld world, int number)
    {
        await using var scope = world.Store.Scope();
        var ledger = await scope.ServiceProvider.GetRequiredService<LedgerLoader>().LoadAsync(world.InspectionId, new DateOnly(2023, 11, 21), default);
        return LedgerText.Closing(ledger!.Measures.Single(m => m.Number == number));
    }

    [Fact]
    public async Task A_named_responsible_leader_alone_signs()
    {
        await using var world = await WorkflowWorld.CreateAsync(new Dictionary<string, string?> { ["Workflow:SignOff"] = "OfficeAndLeader" });
        await using (var db = world.Store.NewContext())
        {
            db.Staff.Add(new Staff { Name = "刘副局长", Roles = StaffRoles.Leader });
            await db.SaveChangesAsync();
        }
        await world.SayAsync("李娜", "51 进展：已完成清退");
        await world.SayAsync("李娜", null, WorkflowWorld.File("清退凭证.pdf", [4, 5]));
        await world.SayAsync("李娜", "第51项申请销号");
        await world.SayAsync("陈奇奇", "同意51销号");

        Assert.Equal("第51项的责任领导是巨伟，请由巨伟签字。", (await world.SayAsync("刘副局长", "确认51销号")).Reply.Text);
        Assert.Equal("巨伟已签字，第51项已销号。", (await world.SayAsync("巨伟", "确认51销号")).Reply.Text);
    }

    [Fact]
    public async Task Extension_request_approved_moves_the_deadline_and_keeps_the_original_in_the_ledger()
    {
        await using var world = await WorkflowWorld.CreateAsync();

        var request = await world.SayAsync("李娜", "第49项申请延期到2024年1月31日，原因是资金未到位");
        Assert.Equal(nameof(RequestExtension), request.Intent);
        Assert.Contains(request.Reply.Notices, n => n.ToOffice);
        var approved = await world.SayAsync("巨伟", "同意49延期");
        Assert.Equal("已批准第49项延期至2024-01-31（原时限2023-11-28）。", approved.Reply.Text);

        Assert.Equal(new DateOnly(2024, 1, 31), (await world.MeasureAsync(49)).DueDate);
        await using var scope = world.Store.Scope();
        var ledger = await scope.ServiceProvider.GetRequiredService<LedgerLoader>().LoadAsync(world.InspectionId, new DateOnly(2023, 11, 21), default);
        Assert.Equal(new DateOnly(2023, 11, 28), ledger!.Measures.Single(m => m.Number == 49).OriginalDue);
    }

    [Fact]
    public async Task Long_term_measure_after_the_stage_ends_is_overdue_when_a_check_in_is_missed()
    {
        await using var world = await WorkflowWorld.CreateAsync();

        Assert.Equal("只有整改办可以宣布集中整改阶段结束。", (await world.SayAsync("李娜", "集中整改阶段结束")).Reply.Text);
        var end = await world.SayAsync("陈奇奇", "集中整改阶段结束");
        Assert.Equal(nameof(CloseConcentratedStage), end.Intent);
        Assert.Contains("1项长期坚持措施转入常态化管理（第60项）", end.Reply.Text);
        Assert.Contains("已于2023年11月21日结束", (await world.SayAsync("陈奇奇", "集中整改阶段结束")).Reply.Text);

        var m = await world.MeasureAsync(60);
        // The plan's period is half-yearly: the first check-in is owed half a year after the stage ends.
        Assert.Equal((MeasureStatus.Ongoing, DeadlineKind.LongTerm, new DateOnly(2024, 5, 21)), (m.Status, m.Deadline.Kind, m.DueDate!.Value));
        Assert.False(m.IsOverdue(new DateOnly(2024, 5, 21)));

        world.Clock.Now = new DateTimeOffset(2024, 5, 22, 12, 0, 0, TimeSpan.FromHours(8)); // the check-in was missed
        Assert.True((await world.MeasureAsync(60)).IsOverdue(new DateOnly(2024, 5, 22)));
        var overdue = await world.SayAsync("李娜", "社事科逾期");
        Assert.Contains(60, overdue.Measures);

        await world.SayAsync("李娜", "60 进展：本季度开展了一次专项检查");
        var after = await world.MeasureAsync(60);
        // A late check-in counts for the period it falls in (Deadline.DueAfter), so the next one is owed after that.
        Assert.Equal(new DateOnly(2025, 5, 21), after.DueDate);
        Assert.False(after.IsOverdue(new DateOnly(2024, 5, 22)));
    }

    [Fact]
    public async Task Handover_moves_every_measure_in_one_audited_operation()
    {
        await using var world = await WorkflowWorld.CreateAsync();
        await world.SayAsync("李娜", "认领第56项");
        await world.SayAsync("王强", "认领第52项"); // a co-claim asks first: 王强 holds nothing yet

        Assert.Equal("责任交接由整改办办理。请告诉整改办交给谁，由整改办交接。", (await world.SayAsync("李娜", "把李娜负责的措施交接给赵敏")).Reply.Text);
        var handover = await world.SayAsync("陈奇奇", "把李娜负责的措施交接给赵敏");
        Assert.Equal(nameof(HandOver), handover.Intent);
        Assert.Equal("已将李娜负责的1项措施（第56项）交接给赵敏。", handover.Reply.Text);
        Assert.Equal("赵敏", (await world.MeasureAsync(56)).Owner!.Name);

        var leaders = await world.SayAsync("陈奇奇", "把巨伟负责的措施交接给陈奇奇");
        Assert.Contains("2项措施（第49项、第51项）", leaders.Reply.Text);
        Assert.Equal("陈奇奇", (await world.MeasureAsync(51)).ResponsibleLeader);

        await using var db = world.Store.NewContext();
        var operations = await db.AuditEntries.Where(a => a.Operation == "责任交接").Select(a => a.OperationId).Distinct().CountAsync();
        Assert.Equal(2, operations);
        Assert.Contains("名册中没有“孙悟空”", (await world.SayAsync("陈奇奇", "把李娜负责的措施交接给孙悟空")).Reply.Text);
        Assert.Contains("没有未销号的措施", (await world.SayAsync("陈奇奇", "把李娜负责的措施交接给赵敏")).Reply.Text);
    }
}
