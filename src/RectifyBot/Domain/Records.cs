namespace RectifyBot.Domain;

/// <summary>认领: a unit (through one of its staff) takes responsibility for a measure.</summary>
public sealed class Claim
{
    public int Id { get; set; }
    public int MeasureId { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public int? StaffId { get; set; }
    public Staff? Staff { get; set; }
    public DateTime ClaimedAt { get; set; }

    /// <summary>A co-claim on a measure another unit already leads.</summary>
    public bool IsCoClaim { get; set; }

    /// <summary>
    /// A co-claim waits for the office or the lead unit (<see cref="ClaimState.Pending"/>) and gives no say over the
    /// measure until approved; a refused one is also withdrawn. Claims of measures nobody leads are approved at once.
    /// </summary>
    public ClaimState State { get; set; } = ClaimState.Approved;

    public int? DecidedById { get; set; }
    public DateTime? DecidedAt { get; set; }

    public DateTime? WithdrawnAt { get; set; }
}

public enum ClaimState
{
    Approved,
    Pending,
    Refused,
}

/// <summary>进展: what was done, when and by whom, with an optional status change.</summary>
public sealed class ProgressUpdate
{
    public int Id { get; set; }
    public int MeasureId { get; set; }
    public int? StaffId { get; set; }
    public Staff? Staff { get; set; }
    public DateTime At { get; set; }

    /// <summary>The organisation's local date of the update, which periodic deadlines count.</summary>
    public DateOnly On { get; set; }

    public required string Text { get; set; }

    /// <summary>Where it was reported from: teams, wecom, web, cli.</summary>
    public string? Channel { get; set; }

    public MeasureStatus? StatusFrom { get; set; }
    public MeasureStatus? StatusTo { get; set; }

    /// <summary>Set when the author undid it (撤销); the row and its audit entries stay.</summary>
    public DateTime? UndoneAt { get; set; }
}

/// <summary>佐证材料: a file proving what was done, stored by content hash under the data folder.</summary>
public sealed class Evidence
{
    public int Id { get; set; }
    public int MeasureId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required string Sha256 { get; set; }
    public long Size { get; set; }

    /// <summary>Path relative to the data folder.</summary>
    public required string StoredPath { get; set; }

    public int? StaffId { get; set; }
    public Staff? Staff { get; set; }
    public DateTime At { get; set; }

    /// <summary>The earlier version this one replaces; the old one is kept.</summary>
    public int? ReplacesId { get; set; }

    public DateTime? RemovedAt { get; set; }
}

public enum RequestState
{
    Pending,
    Approved,
    /// <summary>Returned (退回) or refused, with a reason.</summary>
    Returned,
    Withdrawn,
    /// <summary>A close the office approved that awaits the responsible leader's signature (Workflow:SignOff = OfficeAndLeader).</summary>
    Reviewed,
}

/// <summary>延期: a request to move a deadline, with a reason, needing approval.</summary>
public sealed class ExtensionRequest
{
    public int Id { get; set; }
    public int MeasureId { get; set; }
    public int? RequestedById { get; set; }
    public Staff? RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; }

    /// <summary>The deadline when the request was made, kept so the ledger can show the original date.</summary>
    public DateOnly? PreviousDue { get; set; }

    public DateOnly NewDate { get; set; }
    public required string Reason { get; set; }
    public RequestState State { get; set; }
    public int? DecidedById { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
}

/// <summary>
/// 转交申请: staff of a unit the plan names on a measure say another unit should hold it instead; the office approves
/// (the measure's units change) or refuses. The office itself moves a measure at once, without a request.
/// </summary>
public sealed class TransferRequest
{
    public int Id { get; set; }
    public int MeasureId { get; set; }
    public int FromUnitId { get; set; }
    public Unit? FromUnit { get; set; }
    public int ToUnitId { get; set; }
    public Unit? ToUnit { get; set; }
    public int? RequestedById { get; set; }
    public Staff? RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; }

    /// <summary>What the unit wrote, for the office to judge by.</summary>
    public required string Said { get; set; }

    public RequestState State { get; set; }
    public int? DecidedById { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
}

/// <summary>销号申请 and its 审核: a unit asks to close a measure; the office approves or returns it; a leader may have to sign.</summary>
public sealed class CloseRequest
{
    public int Id { get; set; }
    public int MeasureId { get; set; }
    public int? RequestedById { get; set; }
    public Staff? RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; }

    /// <summary>The unit's short account of what was done.</summary>
    public string? Account { get; set; }

    public RequestState State { get; set; }
    public int? ReviewedById { get; set; }
    public DateTime? ReviewedAt { get; set; }

    /// <summary>Why it was returned, shown to the unit and in the measure's detail.</summary>
    public string? ReturnReason { get; set; }

    /// <summary>The responsible leader who signed the close (签字), where the organisation requires it.</summary>
    public int? SignedById { get; set; }
    public DateTime? SignedAt { get; set; }
}

/// <summary>One change to the store, kept for ever: who, when, what, before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public int? ActorId { get; set; }

    /// <summary>Groups the entries of one user action (one save), which is what 撤销 undoes.</summary>
    public Guid OperationId { get; set; }

    /// <summary>The user action in a word or two, e.g. 认领, 进展更新, 导入方案.</summary>
    public required string Operation { get; set; }

    public string? Channel { get; set; }

    /// <summary>Added, Modified or Deleted.</summary>
    public required string Change { get; set; }

    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public int? MeasureId { get; set; }

    /// <summary>The changed properties before and after, as JSON objects.</summary>
    public string? Before { get; set; }
    public string? After { get; set; }
}

/// <summary>
/// A digest sent (or being sent) to one audience on one local day. The unique (Audience, Day) index is the lock
/// that keeps several server instances, or a restart, from sending the same day's reminder twice: the row is
/// inserted before anything is sent.
/// </summary>
public sealed class ReminderLog
{
    public long Id { get; set; }

    /// <summary>Who the digest is for: <c>unit:5</c>, <c>leader:12</c> or <c>office</c>.</summary>
    public required string Audience { get; set; }

    public DateOnly Day { get; set; }
    public DateTime At { get; set; }

    /// <summary>The channels it went out on, e.g. <c>wecom,robot</c>; empty when no channel reached anyone.</summary>
    public string? Channels { get; set; }
}
