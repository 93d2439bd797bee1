namespace RectifyBot.Reminders;

/// <summary>When and about what the daily reminders go out (section <c>Reminders</c>).</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Off switch for the scheduled job; the digest on demand works either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Green: due within this many days (a notice to the owner's unit).</summary>
    public int GreenDays { get; set; } = 20;

    /// <summary>Yellow: due within this many days (the unit and its responsible leader).</summary>
    public int YellowDays { get; set; } = 10;

    /// <summary>The local hour the digests go out on workdays.</summary>
    public int Hour { get; set; } = 9;

    /// <summary>Quiet hours, local: nothing is sent from QuietFrom until QuietUntil (overnight when From &gt; Until).</summary>
    public int QuietFrom { get; set; } = 21;

    public int QuietUntil { get; set; } = 8;

    /// <summary>Days off that fall on weekdays (法定节假日), as yyyy-MM-dd.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Weekend days worked in their place (调休上班), as yyyy-MM-dd.</summary>
    public List<DateOnly> Workdays { get; set; } = [];

    public bool IsWorkday(DateOnly day) =>
        Workdays.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.Contains(day));

    public bool IsQuiet(int hour) => QuietFrom <= QuietUntil
        ? hour >= QuietFrom && hour < QuietUntil
        : hour >= QuietFrom || hour < QuietUntil;
}
