using System.Linq.Expressions;

namespace RectifyBot.Domain;

/// <summary>
/// 逾期: the one definition, used by queries (as SQL) and in memory alike.
/// A measure is overdue on <c>today</c> when the date its next piece of work is owed
/// (<see cref="Measure.DueDate"/>) is before today and the unit still owes that work:
/// - one-off deadlines: status NotStarted or InProgress. A Done measure awaits the office's close and is not
///   the unit's delay; a returned close goes back to InProgress and so becomes overdue again.
/// - recurring (每季度…) and long-term (长期坚持) measures: every period needs an update; the due date is the
///   first period end after the last update, so missing a check-in makes them overdue even while Ongoing.
/// Closed is never overdue.
/// </summary>
public static class Overdue
{
    /// <summary>As an expression of the measure and the day, so that a compiled query takes the day as its parameter.</summary>
    public static Expression<Func<Measure, DateOnly, bool>> On { get; } = (m, today) =>
        m.DueDate != null && m.DueDate < today &&
        (m.Status == MeasureStatus.NotStarted || m.Status == MeasureStatus.InProgress ||
         (m.Status == MeasureStatus.Ongoing &&
          (m.Deadline.Kind == DeadlineKind.Recurring || m.Deadline.Kind == DeadlineKind.LongTerm)));

    public static bool IsOverdue(MeasureStatus status, DeadlineKind kind, DateOnly? dueDate, DateOnly today) =>
        dueDate is { } due && due < today && status switch
        {
            MeasureStatus.NotStarted or MeasureStatus.InProgress => true,
            MeasureStatus.Ongoing => kind is DeadlineKind.Recurring or DeadlineKind.LongTerm,
            _ => false,
        };

    public static bool IsOverdue(this Measure m, DateOnly today) => IsOverdue(m.Status, m.Deadline.Kind, m.DueDate, today);

    /// <summary>Days past the due date, or 0 when not overdue.</summary>
    public static int DaysOverdue(MeasureStatus status, DeadlineKind kind, DateOnly? dueDate, DateOnly today) =>
        IsOverdue(status, kind, dueDate, today) ? today.DayNumber - dueDate!.Value.DayNumber : 0;
}
