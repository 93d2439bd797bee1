namespace RectifyBot.Domain;

public enum UnitRole
{
    /// <summary>牵头单位</summary>
    Lead,
    /// <summary>配合单位 / 会同</summary>
    Supporting,
}

/// <summary>整改措施: one numbered action, （1）…（158）; the unit of work that is claimed, updated, evidenced and closed.</summary>
public sealed class Measure
{
    public int Id { get; set; }
    public int InspectionId { get; set; }
    public Inspection? Inspection { get; set; }
    public int FindingId { get; set; }
    public Finding? Finding { get; set; }

    /// <summary>The number within the plan, as the plan writes it.</summary>
    public int Number { get; set; }

    public required string Text { get; set; }

    /// <summary>责任领导 as the plan names it (a title such as 分管领导, or a person).</summary>
    public string? ResponsibleLeader { get; set; }

    /// <summary>责任人: the person doing the work.</summary>
    public int? OwnerId { get; set; }
    public Staff? Owner { get; set; }

    public Deadline Deadline { get; private set; } = Deadline.Unstated(null);

    /// <summary>
    /// The date the next piece of work is owed by: the deadline for one-off measures, the next unmet
    /// period for recurring and long-term ones. Stored so that "what is overdue" is one indexed query.
    /// </summary>
    public DateOnly? DueDate { get; private set; }

    /// <summary>The local date of the latest progress update still in force.</summary>
    public DateOnly? LastUpdateOn { get; private set; }

    /// <summary>Every date the measure's text mentions (里程碑).</summary>
    public List<DateOnly> Milestones { get; set; } = [];

    public MeasureStatus Status { get; private set; }

    /// <summary>Optimistic concurrency: bumped on every save that changes the measure.</summary>
    public int Version { get; set; }

    public List<MeasureUnit> Units { get; set; } = [];
    public List<Claim> Claims { get; set; } = [];
    public List<ProgressUpdate> Updates { get; set; } = [];
    public List<Evidence> Evidence { get; set; } = [];
    public List<ExtensionRequest> Extensions { get; set; } = [];
    public List<TransferRequest> Transfers { get; set; } = [];
    public List<CloseRequest> CloseRequests { get; set; } = [];

    public void SetDeadline(Deadline deadline)
    {
        Deadline = deadline;
        DueDate = deadline.DueAfter(LastUpdateOn);
    }

    /// <summary>
    /// Why the workflow does not allow moving to <paramref name="to"/>, as a sentence that says what to do instead;
    /// null when it does. A refusal is an expected outcome: the workflow returns it to the user as it is.
    /// </summary>
    public string? RefuseMove(MeasureStatus to)
    {
        if (MeasureStatusRules.CanMove(Status, to))
        {
            return null;
        }
        if (Status == to)
        {
            return $"第{Number}项当前已是“{to.ToChinese()}”，无需再改。";
        }
        var instead = (Status, to) switch
        {
            (_, MeasureStatus.Closed) => $"销号需要经过审核：请发送“第{Number}项申请销号”。",
            (_, MeasureStatus.NotStarted) => "如是刚才误操作，请发送“撤销”。",
            (MeasureStatus.Closed, _) => "已销号的措施如需重新整改，请联系整改办。",
            _ => "请联系整改办处理。",
        };
        return $"第{Number}项当前为“{Status.ToChinese()}”，不能改为“{to.ToChinese()}”。{instead}";
    }

    /// <summary>Moves the status. Callers ask <see cref="RefuseMove"/> first: a refused move reaching here is a bug.</summary>
    public void MoveTo(MeasureStatus to)
    {
        if (RefuseMove(to) is { } refused)
        {
            throw new InvalidOperationException(refused);
        }
        Status = to;
    }

    /// <summary>
    /// Puts back the status a write changed, for 撤销 only: undoing is not a move forward in the workflow, so the
    /// transition rules do not apply (Done may go back to NotStarted).
    /// </summary>
    public void RevertStatus(MeasureStatus previous) => Status = previous;

    /// <summary>Records that work was reported on <paramref name="on"/>; a periodic measure's next period becomes owed.</summary>
    public void NoteUpdate(DateOnly on)
    {
        if (LastUpdateOn is null || on > LastUpdateOn)
        {
            LastUpdateOn = on;
            DueDate = Deadline.DueAfter(LastUpdateOn);
        }
    }

    /// <summary>
    /// For a recurring or long-term measure, the day before the period whose check-in is owed now begins: work
    /// reported after it counts for that period. Null for one-off deadlines.
    /// </summary>
    public DateOnly? OwedPeriodStart => Deadline is { IsPeriodic: true, Recurrence: { } period } && DueDate is { } due
        ? Deadline.Advance(due, period, -1)
        : null;

    /// <summary>Recomputes the last update date after an update was undone.</summary>
    public void RecomputeLastUpdate(DateOnly? lastInForce)
    {
        LastUpdateOn = lastInForce;
        DueDate = Deadline.DueAfter(LastUpdateOn);
    }

    public IEnumerable<int> LeadUnitIds => Units.Where(u => u.Role == UnitRole.Lead).Select(u => u.UnitId);
}

public sealed class MeasureUnit
{
    public int MeasureId { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public UnitRole Role { get; set; }
}
