namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// The measures a message names, in the order written, ranges expanded (51到55 → 51…55).
/// <see cref="FromConversation"/> is true when they came from "这条" or "上面第2条" rather than a number.
/// </summary>
public sealed record MeasureRef(IReadOnlyList<int> Numbers, bool FromConversation = false)
{
    public static MeasureRef Of(params int[] numbers) => new(numbers);

    public bool Equals(MeasureRef? other) =>
        other is not null && FromConversation == other.FromConversation && Numbers.SequenceEqual(other.Numbers);

    public override int GetHashCode() => HashCode.Combine(Numbers.Count, Numbers.FirstOrDefault(), FromConversation);

    public override string ToString() => string.Join("、", Numbers);
}

/// <summary>A resolved unit. <see cref="IsSendersOwn"/>: written as 我们/本科室.</summary>
public sealed record UnitRef(int Id, string Name, bool IsSendersOwn = false);

/// <summary>An inclusive range of dates, with the words it came from (本周, 10天内) for the reply.</summary>
public sealed record DateWindow(DateOnly From, DateOnly To, string Label);

/// <summary>Which of a unit's measures to list.</summary>
public enum MeasureFilter
{
    All,
    /// <summary>没完成: not started or in progress (<see cref="Domain.MeasureStatusRules.IsOpen"/>).</summary>
    Open,
    NotStarted,
    InProgress,
    Done,
    Ongoing,
    Closed,
}
