using RectifyBot.Domain;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// What a message asks for. A closed hierarchy: the engine dispatches with one <c>switch</c>.
/// Reads, writes (<see cref="WriteIntent"/>), conversation moves, and two results that are not actions:
/// <see cref="Clarify"/> and <see cref="NotUnderstood"/>.
/// A null <see cref="UnitRef"/> in a query means the sender's default scope (own unit for unit staff, all for the office).
/// </summary>
public abstract record Intent;

// Questions

/// <summary>逾期: measures past their deadline and not closed.</summary>
public sealed record OverdueQuery(UnitRef? Unit) : Intent;

/// <summary>到期: measures due within <paramref name="Window"/>.</summary>
public sealed record DueQuery(DateWindow Window, UnitRef? Unit) : Intent;

/// <summary>第51项什么情况: one measure (or the few listed) in full.</summary>
public sealed record MeasureDetailQuery(MeasureRef Measures) : Intent;

/// <summary>我们科还有几项没完成: a unit's measures, filtered by status.</summary>
public sealed record MeasureListQuery(UnitRef? Unit, MeasureFilter Filter) : Intent;

/// <summary>没人认领: measures with no lead unit in the plan and no claim.</summary>
public sealed record UnclaimedQuery : Intent;

/// <summary>整体进度: totals by status, per-unit table, overdue count, completion rate.</summary>
public sealed record ProgressStatsQuery(UnitRef? Unit) : Intent;

/// <summary>今天有哪些要提醒的: the day's reminder digest (the office's: every unit; others: their own).</summary>
public sealed record RemindersQuery : Intent;

/// <summary>
/// A question the rules could not place, answered by the model from the store's functions; <paramref name="Measures"/>
/// are the measures it cites, each one the store returned (<see cref="LlmIntentRecognizer"/> checks).
/// </summary>
public sealed record ModelAnswer(string Text, IReadOnlyList<int> Measures) : Intent;

/// <summary>以前的方案里"活人墓"是怎么整改的: retrieval over past plans.</summary>
public sealed record SearchPastPlans(string Query) : Intent;

// The office's queues and the leaders' questions

/// <summary>待审核的销号申请: close requests awaiting the office (or a leader's signature), oldest first.</summary>
public sealed record PendingCloseQuery : Intent;

/// <summary>有哪些延期申请: extension requests awaiting a decision.</summary>
public sealed record PendingExtensionQuery : Intent;

/// <summary>被退回还没改的: measures whose latest close request was returned and not asked again.</summary>
public sealed record ReturnedQuery : Intent;

/// <summary>共同认领还没确认的: co-claims beside a lead unit, for the office to confirm.</summary>
public sealed record PendingClaimQuery : Intent;

/// <summary>有哪些转交申请: units asking to give a measure to another, for the office to decide.</summary>
public sealed record PendingTransferQuery : Intent;

/// <summary>What units are ranked by.</summary>
public enum RankBy
{
    Overdue,
    CompletionRate,
    NotStarted,
}

/// <summary>哪个科室逾期最多: units ranked by a figure; <paramref name="SlowestFirst"/>: 哪个单位最慢, the laggards first.</summary>
public sealed record UnitRankingQuery(RankBy By, bool SlowestFirst = false) : Intent;

/// <summary>这周完成了哪几项: measures completed (reported done or closed) within the window.</summary>
public sealed record CompletedQuery(DateWindow Window) : Intent;

/// <summary>两周没更新的 / 一直没动的: open measures with no update in <paramref name="Days"/> days (null: the default).</summary>
public sealed record StaleQuery(UnitRef? Unit, int? Days) : Intent;

/// <summary>跟上周比怎么样: this week's figures against last week's.</summary>
public sealed record TrendQuery : Intent;

// Drafting and documents (nothing is stored until the user adopts a draft)

/// <summary>起草针对"…"的整改措施.</summary>
public sealed record DraftMeasures(string Problem) : Intent;

/// <summary>写一段"…"问题的整改情况 / 写第56项的整改情况: one of the two is set.</summary>
public sealed record DraftStatusParagraph(string? Problem, MeasureRef? Measures) : Intent;

/// <summary>生成整改情况报告: the whole <c>StatusReport</c> as a Word document.</summary>
public sealed record GenerateStatusReport : Intent;

/// <summary>导出台账: the <c>Ledger</c> as a spreadsheet.</summary>
public sealed record ExportLedger(UnitRef? Unit) : Intent;

/// <summary>打印51的销号审批表: the close-review form of the measures named, or of every measure (null).</summary>
public sealed record PrintClosureForm(MeasureRef? Measures) : Intent;

// Conversation

public sealed record Help : Intent;

/// <summary>谢谢, 收到, 好的收到: one short line back, no buttons.</summary>
public sealed record Acknowledge : Intent;

public sealed record WhoAmI : Intent;

/// <summary>我是李娜: never binds an account (anyone can type a name); the answer says how to bind.</summary>
public sealed record BindIdentity(string PersonName) : Intent;

/// <summary>绑定 123456: binds this chat account with the one-time code a signed-in web user was shown.</summary>
public sealed record BindWithCode(string Code) : Intent;

/// <summary>更多: the next page of the last list.</summary>
public sealed record ShowMore : Intent;

/// <summary>是/好/确认: yes to the pending question. Means nothing when none is pending.</summary>
public sealed record ConfirmPending : Intent;

/// <summary>不/取消/算了: no to the pending question.</summary>
public sealed record CancelPending : Intent;

// Writes. The recogniser only recognises: who may do what is decided by Rectification.Permissions, in the workflow.

public abstract record WriteIntent : Intent;

/// <summary>
/// 认领. <paramref name="CoClaim"/>: the user said it is shared with the lead unit (协助/共同). For a unit other than the
/// sender's ("第12项交给低保中心负责", "30不归我们管，转给规划财务科") it is a 转交: the office gives the measure to that unit,
/// a unit asks the office to.
/// </summary>
public sealed record ClaimMeasures(MeasureRef Measures, UnitRef Unit, bool CoClaim) : WriteIntent;

/// <summary>同意54认领: the office or the lead unit approves the co-claims waiting on a measure.</summary>
public sealed record ApproveClaim(MeasureRef Measures) : WriteIntent;

/// <summary>不同意54认领.</summary>
public sealed record RefuseClaim(MeasureRef Measures) : WriteIntent;

/// <summary>同意30转交: the office approves a unit's request to give a measure to another unit.</summary>
public sealed record ApproveTransfer(MeasureRef Measures) : WriteIntent;

/// <summary>不同意30转交，还是由你们科负责.</summary>
public sealed record RefuseTransfer(MeasureRef Measures, string? Reason) : WriteIntent;

/// <summary>进展: what was done, with a status change only when the user stated one (see <see cref="MeasureLedRules"/>).</summary>
public sealed record ReportProgress(MeasureRef Measures, string Text, MeasureStatus? NewStatus) : WriteIntent;

/// <summary>51 完成 / 把51改为推进中: a status change without a description.</summary>
public sealed record ChangeStatus(MeasureRef Measures, MeasureStatus Status) : WriteIntent;

/// <summary>申请销号.</summary>
public sealed record RequestClose(MeasureRef Measures) : WriteIntent;

/// <summary>同意51销号.</summary>
public sealed record ApproveClose(MeasureRef Measures) : WriteIntent;

/// <summary>退回51，佐证材料不全.</summary>
public sealed record ReturnClose(MeasureRef Measures, string Reason) : WriteIntent;

/// <summary>签字51 / 确认51销号: the responsible leader signs a close the office approved.</summary>
public sealed record SignClose(MeasureRef Measures) : WriteIntent;

/// <summary>集中整改阶段结束: long-term measures that are done move to periodic check-ins.</summary>
public sealed record CloseConcentratedStage : WriteIntent;

/// <summary>把李娜负责的措施交接给赵敏: every measure the one held passes to the other.</summary>
public sealed record HandOver(string From, string To) : WriteIntent;

/// <summary>申请延期到2025年12月底，原因是资金未到位. The reason may be missing; the workflow asks for it.</summary>
public sealed record RequestExtension(MeasureRef Measures, DateOnly NewDeadline, string? Reason) : WriteIntent;

public sealed record ApproveExtension(MeasureRef Measures) : WriteIntent;

public sealed record RefuseExtension(MeasureRef Measures, string? Reason) : WriteIntent;

/// <summary>撤销: undo the sender's last write.</summary>
public sealed record Undo : WriteIntent;

/// <summary>把所有措施都标记为完成: recognised so that the handler can refuse it, or have the office confirm it.</summary>
public sealed record BulkStatusChange(MeasureStatus Status) : WriteIntent;

// Not actions

/// <summary>One short question back; each option carries the intent it stands for, so a tap or "1" completes it.</summary>
public sealed record Clarify(string Question, IReadOnlyList<ClarifyOption> Options) : Intent;

public sealed record ClarifyOption(string Label, Intent Intent);

/// <summary>A short hint and the closest things the bot can do.</summary>
public sealed record NotUnderstood(string Hint, IReadOnlyList<string> Suggestions) : Intent
{
    /// <summary>Empty, emoji or control characters: refused by the rules for reasons a model cannot change.</summary>
    public bool Unreadable { get; init; }
}
