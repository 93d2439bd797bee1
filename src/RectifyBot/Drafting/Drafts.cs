namespace RectifyBot.Drafting;

/// <summary>A retrieved passage a draft cites as [Index]: where it came from, and its words.</summary>
public sealed record DraftSource(int Index, string Document, string Location, string Text);

/// <summary>One drafted sentence and the sources it rests on (indexes into <see cref="MeasureDraft.Sources"/>).</summary>
public sealed record DraftLine(string Text, IReadOnlyList<int> Citations);

/// <summary>
/// Drafted measures for a problem: three to six lines in the register of real plans, each citing the
/// retrieved measures it was built from. <see cref="Notes"/> tells the user what to check (a citation that
/// pointed at nothing and was removed, a figure that is not in the sources). Nothing is stored until adopted.
/// </summary>
public sealed record MeasureDraft(string Problem, IReadOnlyList<DraftLine> Measures, IReadOnlyList<DraftSource> Sources, IReadOnlyList<string> Notes);
