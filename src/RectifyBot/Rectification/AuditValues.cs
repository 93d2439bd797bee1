using System.Text.Json;
using RectifyBot.Domain;

namespace RectifyBot.Rectification;

/// <summary>
/// Reads the values an <see cref="AuditEntry"/> recorded before or after a change, so 撤销 can put back what a decision
/// changed (a measure's units, its deadline) exactly as it was.
/// </summary>
internal static class AuditValues
{
    /// <summary>The deadline as it was before the change, from a measure's snapshot (which holds the parts that changed).</summary>
    public static Deadline DeadlineBefore(Deadline now, string before)
    {
        using var doc = JsonDocument.Parse(before);
        var root = doc.RootElement;
        T Part<T>(string name, T current) =>
            root.TryGetProperty($"{nameof(Measure.Deadline)}.{name}", out var value) ? value.Deserialize<T>(RectifyJson.Compact)! : current;
        return new Deadline(
            Part(nameof(Deadline.Kind), now.Kind),
            Part(nameof(Deadline.Date), now.Date),
            Part(nameof(Deadline.Recurrence), now.Recurrence),
            Part(nameof(Deadline.SourceText), now.SourceText));
    }

    /// <summary>A measure unit's role in the snapshot of its row.</summary>
    public static UnitRole Role(AuditEntry entry)
    {
        using var doc = JsonDocument.Parse((entry.Before ?? entry.After)!);
        return doc.RootElement.GetProperty(nameof(MeasureUnit.Role)).Deserialize<UnitRole>(RectifyJson.Compact);
    }

    /// <summary>The unit of a measure unit's row, from its key (MeasureId/UnitId).</summary>
    public static int UnitId(AuditEntry entry) => int.Parse(entry.EntityId.Split('/')[1]);
}
