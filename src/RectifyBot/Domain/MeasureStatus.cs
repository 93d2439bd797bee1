namespace RectifyBot.Domain;

/// <summary>整改状态 of a measure.</summary>
public enum MeasureStatus
{
    /// <summary>未启动</summary>
    NotStarted,
    /// <summary>推进中 / 整改中</summary>
    InProgress,
    /// <summary>已完成, awaiting review and close (待销号).</summary>
    Done,
    /// <summary>长期坚持: finished as far as it can be, with periodic check-ins.</summary>
    Ongoing,
    /// <summary>已销号</summary>
    Closed,
}

public static class MeasureStatusRules
{
    /// <summary>
    /// The moves the workflow allows. Closed is reached only through an approved close request,
    /// and left only when the office reopens an item (for example after a 回头看 finds it bounced back).
    /// </summary>
    public static bool CanMove(MeasureStatus from, MeasureStatus to) => (from, to) switch
    {
        _ when from == to => false,
        (MeasureStatus.NotStarted, MeasureStatus.InProgress or MeasureStatus.Done or MeasureStatus.Ongoing) => true,
        (MeasureStatus.InProgress, MeasureStatus.Done or MeasureStatus.Ongoing) => true,
        (MeasureStatus.Done, MeasureStatus.InProgress or MeasureStatus.Ongoing or MeasureStatus.Closed) => true,
        (MeasureStatus.Ongoing, MeasureStatus.InProgress or MeasureStatus.Done or MeasureStatus.Closed) => true,
        (MeasureStatus.Closed, MeasureStatus.InProgress) => true,
        _ => false,
    };

    /// <summary>Whether the unit still owes work on the measure (it counts as open in totals).</summary>
    public static bool IsOpen(this MeasureStatus status) => status is MeasureStatus.NotStarted or MeasureStatus.InProgress;

    public static string ToChinese(this MeasureStatus status) => status switch
    {
        MeasureStatus.NotStarted => "未启动",
        MeasureStatus.InProgress => "推进中",
        MeasureStatus.Done => "已完成待销号",
        MeasureStatus.Ongoing => "长期坚持",
        MeasureStatus.Closed => "已销号",
        _ => status.ToString(),
    };

    /// <summary>Reads the status words users and documents write (see the glossary); null when none is recognised.</summary>
    public static MeasureStatus? Parse(string text)
    {
        foreach (var (word, status) in Words)
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                return status;
            }
        }
        return Enum.TryParse<MeasureStatus>(text.Trim(), ignoreCase: true, out var s) ? s : null;
    }

    // Longest and most specific words first: "已完成，并将长期坚持" is Ongoing, not Done.
    private static readonly (string Word, MeasureStatus Status)[] Words =
    [
        ("已销号", MeasureStatus.Closed),
        ("长期坚持", MeasureStatus.Ongoing),
        ("持续整改", MeasureStatus.Ongoing),
        ("常态化", MeasureStatus.Ongoing),
        ("未启动", MeasureStatus.NotStarted),
        ("未开始", MeasureStatus.NotStarted),
        ("未开展", MeasureStatus.NotStarted),
        ("未整改到位", MeasureStatus.InProgress),
        ("未整改", MeasureStatus.NotStarted),
        ("未完成", MeasureStatus.InProgress),
        ("推进中", MeasureStatus.InProgress),
        ("正在整改", MeasureStatus.InProgress),
        ("持续推进", MeasureStatus.InProgress),
        ("整改中", MeasureStatus.InProgress),
        ("基本完成", MeasureStatus.InProgress),
        ("序时推进", MeasureStatus.InProgress),
        ("阶段性完成", MeasureStatus.InProgress),
        ("部分整改", MeasureStatus.InProgress),
        ("已完成", MeasureStatus.Done),
        ("已整改", MeasureStatus.Done),
        ("整改到位", MeasureStatus.Done),
        ("完成了", MeasureStatus.Done),
        ("整改完成", MeasureStatus.Done),
    ];
}
