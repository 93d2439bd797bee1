namespace RectifyBot.Conversation.Understanding;

/// <summary>A unit as the directory knows it, with the other names people write for it.</summary>
public sealed record UnitName(int Id, string Name, IReadOnlyList<string> Aliases)
{
    /// <summary>The names of the unit's staff: colleagues name a unit by a person in it ("李娜那边", "王强他们科").</summary>
    public IReadOnlyList<string> People { get; init; } = [];
}

/// <summary>
/// Everything the recogniser may use besides the text: no clock and no store, so recognition is pure.
/// <see cref="LastList"/> is the measure numbers of the last list shown, in order ("上面第2条");
/// <see cref="Focus"/> is the measure being talked about ("这条"). <see cref="MinMeasure"/>..<see cref="MaxMeasure"/>
/// is the plan's numbering: the recogniser parses "第999项" as 999 regardless, and the handler says the valid range.
/// <see cref="ListTitle"/> names what the last list shows ("待审批的延期申请"): "第一个过了" under a queue decides what it holds.
/// </summary>
public sealed record UnderstandingContext(
    Sender Sender,
    DateOnly Today,
    IReadOnlyList<UnitName> Units,
    int MinMeasure,
    int MaxMeasure,
    IReadOnlyList<int> LastList,
    int? Focus)
{
    public string? ListTitle { get; init; }

    /// <summary>
    /// The requests the list just shown holds ("销号申请", <see cref="RuleIntentRecognizer.Request"/>) when it was shown to someone
    /// who decides them; empty otherwise.
    /// </summary>
    internal string DecidedRequest => ListTitle is { } title && Sender.Role is not SenderRole.UnitStaff ? RuleIntentRecognizer.Request(title) : "";
}
