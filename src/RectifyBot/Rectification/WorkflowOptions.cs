using RectifyBot.Domain;

namespace RectifyBot.Rectification;

/// <summary>Who must approve a close before a measure is 已销号.</summary>
public enum SignOffMode
{
    /// <summary>The office's approval closes the measure.</summary>
    OfficeOnly,
    /// <summary>The office approves, then the responsible leader signs (签字) and only then is it closed.</summary>
    OfficeAndLeader,
}

/// <summary>The organisation's workflow choices (section <c>Workflow</c>).</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflow";

    public SignOffMode SignOff { get; set; } = SignOffMode.OfficeOnly;

    /// <summary>The check-in period of a long-term measure whose plan states none, once the concentrated stage is over.</summary>
    public Recurrence CheckInPeriod { get; set; } = Recurrence.Quarterly;

    /// <summary>
    /// Whether a recurring or long-term measure's check-in needs evidence as well as an update: then the period
    /// counts as done only once both are in.
    /// </summary>
    public bool CheckInNeedsEvidence { get; set; }
}
