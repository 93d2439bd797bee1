using RectifyBot.Domain;

namespace RectifyBot.Rectification;

/// <summary>Which measures a list shows. Unit means led by the unit or claimed by it.</summary>
public sealed record MeasureFilter
{
    public int? InspectionId { get; init; }
    public int? UnitId { get; init; }
    public bool OverdueOnly { get; init; }

    /// <summary>Due within these dates, both included, and not yet done.</summary>
    public (DateOnly From, DateOnly To)? DueBetween { get; init; }

    public MeasureStatus? Status { get; init; }

    /// <summary>Only measures not yet done or closed (NotStarted, InProgress).</summary>
    public bool OpenOnly { get; init; }

    /// <summary>Only measures with no lead unit and no active claim.</summary>
    public bool UnclaimedOnly { get; init; }

    public int Limit { get; init; } = 500;
}
