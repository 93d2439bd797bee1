using RectifyBot.Domain;

namespace RectifyBot.Rectification;

/// <summary>Who is acting: a staff member with their unit and roles, as every write and scoped read needs them.</summary>
public sealed record Actor(int StaffId, string Name, int? UnitId, string? UnitName, StaffRoles Roles)
{
    public bool IsOffice => (Roles & StaffRoles.Office) != 0;
    public bool IsLeader => (Roles & StaffRoles.Leader) != 0;

    public static Actor From(Staff s) => new(s.Id, s.Name, s.UnitId, s.Unit?.Name, s.Roles);
}

/// <summary>One thing a write changed, named for the reply and for --json.</summary>
public sealed record Change(string Kind, int Measure, string? From = null, string? To = null, string? Detail = null);

/// <summary>
/// The outcome of a write: what changed (empty when refused) and one short Chinese sentence for the user.
/// A refusal is a normal outcome, not an exception.
/// </summary>
public sealed record WriteResult(bool Ok, string Message, IReadOnlyList<Change> Changes)
{
    /// <summary>Not done yet: the user must say yes first (a co-claim on a measure another unit leads).</summary>
    public bool NeedsConfirmation { get; init; }

    public static WriteResult Confirm(string question) => new(false, question, []) { NeedsConfirmation = true };

    public static WriteResult Done(string message, params Change[] changes) => new(true, message, changes);

    public static WriteResult Refused(string message) => new(false, message, []);
}
