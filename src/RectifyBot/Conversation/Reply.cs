using RectifyBot.Rectification;

namespace RectifyBot.Conversation;

/// <summary>
/// What the bot answers, owned by no channel: the text (always complete on its own, for channels that show
/// only text), plus structured parts a channel may render richer: measure cards with actions, a table,
/// citations, a file. <see cref="Notices"/> are messages for other people (the office, a unit).
/// </summary>
public sealed record Reply(string Text)
{
    public IReadOnlyList<MeasureCard> Measures { get; init; } = [];
    public ReplyTable? Table { get; init; }
    public IReadOnlyList<ReplyAction> Actions { get; init; } = [];
    public IReadOnlyList<Citation> Citations { get; init; } = [];
    public ReplyFile? File { get; init; }
    public IReadOnlyList<Notice> Notices { get; init; } = [];

    /// <summary>The text was written by the language model (a draft): channels that can label it as AI-generated do.</summary>
    public bool Generated { get; init; }
}

/// <summary>A button: tapping it sends <see cref="Text"/> as if the user had typed it.</summary>
public sealed record ReplyAction(string Label, string Text);

public sealed record MeasureCard(int Number, string Text, string Units, DateOnly? DueDate, string Status, int DaysOverdue, IReadOnlyList<ReplyAction> Actions)
{
    /// <summary>What a queue adds to the card: who asked and when, the dates of an extension, the evidence count.</summary>
    public string? Note { get; init; }
}

public sealed record ReplyTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

public sealed record Citation(int Index, string Source, string Location, string Text);

public sealed record ReplyFile(string FileName, string ContentType, byte[] Content);

/// <summary>A message for someone other than the sender: the office, or the staff of a unit.</summary>
public sealed record Notice(bool ToOffice, int? UnitId, string Text);

/// <summary>One turn's outcome: the reply and, for --json and tests, what was understood and changed.</summary>
public sealed record TurnResult(string Intent, object? Slots, IReadOnlyList<int> Measures, IReadOnlyList<Change> Changes, Reply Reply);
