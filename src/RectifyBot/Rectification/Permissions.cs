using RectifyBot.Domain;

namespace RectifyBot.Rectification;

/// <summary>The writes people make, for <see cref="Permissions"/>.</summary>
public enum Write
{
    Claim,
    DecideClaim,
    Progress,
    Evidence,
    RequestClose,
    ReviewClose,
    SignClose,
    RequestExtension,
    DecideExtension,
    DecideTransfer,
    CloseStage,
    HandOver,
    ImportLedger,
    SyncContacts,
}

/// <summary>
/// Who may make which write: the one place it is decided. Every write of <see cref="MeasureWorkflow"/>,
/// <see cref="Handover"/> and <see cref="ConcentratedStage"/> asks here, so a channel, the command line and the
/// web form get the same answer in the same words; callers never check roles themselves.
/// <list type="bullet">
/// <item>Unit staff write their own unit's measures (led, supported, or claimed and approved); they claim for
/// their own unit, and a co-claim of a measure another unit leads waits for the office or the lead unit; they ask
/// the office to give a measure the plan puts on their unit to another (转交).</item>
/// <item>The office writes every measure, gives any measure to a unit at once, reviews close requests, decides
/// claims, transfers, extensions, handovers and the
/// end of the concentrated stage, imports an edited ledger, syncs the roster from the WeCom contacts, and binds any
/// unit's group chat to its reminders (a unit's staff bind their own unit's).</item>
/// <item>Leaders write every measure, sign closes and decide extensions.</item>
/// </list>
/// Someone the roster does not know never reaches a write: the conversation engine asks them to bind first.
/// </summary>
public static class Permissions
{
    /// <summary>The refusal for the actor's role, before any measure is read; null when the role may do it.</summary>
    public static string? ByRole(Actor actor, Write write) => write switch
    {
        Write.Claim when actor.UnitId is null => "您还没有所属单位，无法认领。请整改办在人员名册中为您设置单位。",
        Write.ReviewClose when !actor.IsOffice => "只有整改办可以审核销号申请。",
        Write.SignClose when !actor.IsLeader => "销号签字由责任领导进行。",
        Write.DecideExtension when !actor.IsOffice && !actor.IsLeader => "延期申请由整改办或主要领导审批。",
        Write.DecideTransfer when !actor.IsOffice => "转交申请由整改办审批。",
        Write.CloseStage when !actor.IsOffice => "只有整改办可以宣布集中整改阶段结束。",
        Write.HandOver when !actor.IsOffice => "责任交接由整改办办理。请告诉整改办交给谁，由整改办交接。",
        Write.ImportLedger when !actor.IsOffice => "修改后的台账由整改办导入。请把台账交给整改办。",
        Write.SyncContacts when !actor.IsOffice => "只有整改办可以同步人员名册。",
        _ => null,
    };

    /// <summary>A group chat receives a unit's reminders when the office, or one of the unit's staff, says so in it.</summary>
    public static string? BindChat(Actor actor, int unitId, string unitName) =>
        actor.IsOffice || actor.UnitId == unitId ? null : $"只有整改办或{unitName}的同事可以让本群接收{unitName}的提醒。";

    /// <summary>
    /// The refusal for a write on one measure (progress, evidence, close and extension requests): the office and
    /// leaders may write any; unit staff only their unit's. A co-claim still awaiting approval gives no say.
    /// </summary>
    public static string? OnMeasure(Actor actor, Measure m)
    {
        if (MayWrite(actor, m.Units.Select(u => u.UnitId).Concat(m.Claims.Where(Figures.IsActiveClaim).Select(c => c.UnitId))))
        {
            return null;
        }
        var unitName = actor.UnitName ?? "您所在单位";
        return actor.UnitId is { } own && m.Claims.Any(c => c.UnitId == own && c.WithdrawnAt == null && c.State == ClaimState.Pending)
            ? $"{unitName}对第{m.Number}项的共同认领还在等待整改办或牵头单位同意，同意后才能更新这项措施。"
            : $"第{m.Number}项不是{unitName}负责的措施。如需负责，请先发送“认领第{m.Number}项”。";
    }

    /// <summary>
    /// Whether the actor may write on a measure held by these units (those its plan names and its active claimants):
    /// the test behind <see cref="OnMeasure"/>, and behind the buttons a measure shows, so no one is offered a write
    /// they would be refused.
    /// </summary>
    public static bool MayWrite(Actor actor, IEnumerable<int> holders) =>
        actor.IsOffice || actor.IsLeader || (actor.UnitId is { } unit && holders.Contains(unit));

    /// <summary>
    /// Giving a measure to another unit (转交): the office does it; staff of a unit the plan names on the measure ask the
    /// office; no one else. A claim is not the plan's word, so a claimant gives its measure back by undoing the claim.
    /// </summary>
    public static string? Transfer(Actor actor, Measure m) =>
        actor.IsOffice || (actor.UnitId is { } unit && m.Units.Any(u => u.UnitId == unit))
            ? null
            : $"第{m.Number}项不是{actor.UnitName ?? "您所在单位"}按方案负责的措施，调整负责单位请找整改办。";

    /// <summary>A co-claim is decided by the office or by staff of a unit that leads the measure.</summary>
    public static string? DecideClaim(Actor actor, Measure m) =>
        actor.IsOffice || (actor.UnitId is { } unit && m.LeadUnitIds.Contains(unit))
            ? null
            : $"第{m.Number}项的共同认领由整改办或牵头单位审批。";
}
