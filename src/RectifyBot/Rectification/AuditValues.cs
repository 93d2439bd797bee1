using System.Text.Json;
using RectifyBot.Domain;

namespace RectifyBot.Rectification;

/// <summary>
/// Reads the values an <see cref="AuditEntry"/> recorded before or after a change, so 撤销 can put back what a decision
/// changed (a measure's units, its deadline) exactly as it was.
/// </summary>
internal static class AuditValues
{
    /// <summary>The property's value in the snapshot; <paramref name="found"/> is false when the snapshot does not hold it.</summary>
    public static T? Read<T>(string? snapshot, string property, out bool found)
    {
        found = false;
        if (snapshot is null)
        {
            return default;
        }
        using var doc = JsonDocument.Parse(snapshot);
        if (!doc.RootElement.TryGetProperty(property, out var value))
        {
            return default;
        }
        found = true;
        return value.Deserialize<T>(RectifyJson.Compact);
    }

    /// <summary>The deadline as it was before the change, from a measure's snapshot (which holds the parts that changed).</summary>
    public static Deadline DeadlineBefore(Deadline now, string before)
    {
        T Part<T>(string name, T current) => Read<T>(before, $"{nameof(Measure.Deadline)}.{name}", out var found) is var v && found ? v! : current;
        return new Deadline(
            Part(nameof(Deadline.Kind), now.Kind),
            Part(nameof(Deadline.Date), now.Date),
            Part(nameof(Deadline.Recurrence), now.Recurrence),
            Part(nameof(Deadline.SourceText), now.SourceText));
    }

    /// <summary>A measure unit's role in the snapshot of its row.</summary>
    public static UnitRole Role(AuditEntry entry) => Read<UnitRole>(entry.Before ?? entry.After, nameof(MeasureUnit.Role), out _);

    /// <summary>The unit of a measure unit's row, from its key (MeasureId/UnitId).</summary>
    public static int UnitId(AuditEntry entry) => int.Parse(entry.EntityId.Split('/')[1]);
}
