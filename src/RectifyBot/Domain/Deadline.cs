using System.Text.Json.Serialization;

namespace RectifyBot.Domain;

public enum DeadlineKind
{
    /// <summary>A fixed date (2023年10月底前, 立行立改 resolved to the stage end).</summary>
    Date,
    /// <summary>每月 / 每季度 / 每半年 / 每年 / 每2周, from a first due date.</summary>
    Recurring,
    /// <summary>长期坚持: no end, but a check-in is due every period from the first due date.</summary>
    LongTerm,
    /// <summary>Nothing stated: the date is the plan's concentrated-stage end from its timetable.</summary>
    NotStated,
}

public enum Recurrence
{
    Weekly,
    Biweekly,
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

/// <summary>
/// 完成时限. <see cref="Date"/> is the (first) due date; <see cref="Recurrence"/> is the period of a
/// recurring measure or the check-in period of a long-term one. <see cref="SourceText"/> keeps the words
/// the deadline was read from, so a reader can check the parse.
/// </summary>
public sealed record Deadline(DeadlineKind Kind, DateOnly? Date, Recurrence? Recurrence = null, string? SourceText = null)
{
    public static Deadline On(DateOnly date, string? source = null) => new(DeadlineKind.Date, date, null, source);

    public static Deadline Every(Recurrence period, DateOnly firstDue, string? source = null) =>
        new(DeadlineKind.Recurring, firstDue, period, source);

    public static Deadline LongTermFrom(DateOnly firstCheckIn, Recurrence checkInPeriod = Domain.Recurrence.HalfYearly, string? source = null) =>
        new(DeadlineKind.LongTerm, firstCheckIn, checkInPeriod, source);

    public static Deadline Unstated(DateOnly? stageEnd) => new(DeadlineKind.NotStated, stageEnd, null, null);

    /// <summary>"2024年7月底前完成，并长期坚持": due on the date, and kept up after it with check-ins every period.</summary>
    public static Deadline OnThenLongTerm(DateOnly date, Recurrence checkInPeriod, string? source = null) =>
        new(DeadlineKind.Date, date, checkInPeriod, source);

    /// <summary>A fixed date that the plan also asks to keep up afterwards (并长期坚持): a date with a check-in period.</summary>
    public bool LongTermAfter => Kind == DeadlineKind.Date && Recurrence is not null;

    [JsonIgnore]
    public bool IsPeriodic => Kind is DeadlineKind.Recurring or DeadlineKind.LongTerm;

    /// <summary>
    /// The date by which the next piece of work is owed. For a one-off deadline that is the date itself.
    /// For a periodic one it is the first occurrence whose period holds no update: an update on day u
    /// satisfies occurrence d when d - period &lt; u ≤ d, so after the last update the next occurrence is owed.
    /// Null when no date is known at all.
    /// </summary>
    public DateOnly? DueAfter(DateOnly? lastUpdate)
    {
        if (Date is not { } first)
        {
            return null;
        }
        if (!IsPeriodic || Recurrence is not { } period || lastUpdate is not { } u || u <= Advance(first, period, -1))
        {
            return first;
        }
        // Walk occurrences from the first; cheap because periods are weeks to years.
        var due = first;
        while (due < u)
        {
            due = Advance(due, period, 1);
        }
        // u lies in (due - period, due]: that occurrence is satisfied, the next one is owed.
        return Advance(due, period, 1);
    }

    public static DateOnly Advance(DateOnly date, Recurrence period, int times) => period switch
    {
        Domain.Recurrence.Weekly => date.AddDays(7 * times),
        Domain.Recurrence.Biweekly => date.AddDays(14 * times),
        Domain.Recurrence.Monthly => AddMonthsKeepingMonthEnd(date, times),
        Domain.Recurrence.Quarterly => AddMonthsKeepingMonthEnd(date, 3 * times),
        Domain.Recurrence.HalfYearly => AddMonthsKeepingMonthEnd(date, 6 * times),
        Domain.Recurrence.Yearly => AddMonthsKeepingMonthEnd(date, 12 * times),
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    // A period that starts at a month end (每月底, 每季度末) keeps landing on month ends: 2023-09-30 → 2023-12-31.
    private static DateOnly AddMonthsKeepingMonthEnd(DateOnly date, int months)
    {
        var next = date.AddMonths(months);
        var isMonthEnd = date.Day == DateTime.DaysInMonth(date.Year, date.Month);
        return isMonthEnd ? new DateOnly(next.Year, next.Month, DateTime.DaysInMonth(next.Year, next.Month)) : next;
    }
}
