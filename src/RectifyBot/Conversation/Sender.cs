namespace RectifyBot.Conversation;

/// <summary>What a sender may do: the office (整改办) manages everything, unit staff their unit, leaders read and approve.</summary>
public enum SenderRole
{
    Office,
    UnitStaff,
    Leader,
}

/// <summary>Who is speaking. <see cref="UnitId"/> is null for someone not yet bound to a unit.</summary>
public sealed record Sender(string Name, int? UnitId, string? UnitName, SenderRole Role);
