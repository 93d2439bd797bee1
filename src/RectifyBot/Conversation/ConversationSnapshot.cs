using Microsoft.EntityFrameworkCore;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Store;

namespace RectifyBot.Conversation;

/// <summary>
/// What every turn needs to know about the store before understanding a message: the units, their names and staff, the
/// active inspection and its measure numbers. It changes only when those do, so it is kept between turns at their
/// version (<see cref="VersionScope.Shape"/>), which also lets the recogniser reuse its index of unit names.
/// </summary>
public sealed class ConversationSnapshot
{
    public sealed record Shape(IReadOnlyList<UnitName> Units, int? InspectionId, int MinMeasure, int MaxMeasure);

    private readonly VersionedCache<int, Shape> _cache = new(capacity: 1);
    private readonly VersionScope _shape = VersionScope.Shape();

    /// <param name="version">The store's version, read before this call (<see cref="StoreVersion"/>).</param>
    public async Task<Shape> GetAsync(RectifyDbContext db, long version, CancellationToken ct) => await _cache.GetAsync(await _shape.GetAsync(() => db, version, ct), 0, async () =>
    {
        var people = (await db.Staff.AsNoTracking().Where(s => s.UnitId != null).Select(s => new { s.Name, s.UnitId }).ToListAsync(ct))
            .ToLookup(s => s.UnitId!.Value, s => s.Name);
        var units = (await db.Units.AsNoTracking()
            .Select(u => new { u.Id, u.Name, Aliases = u.Aliases.Select(a => a.Alias).ToList() }).ToListAsync(ct))
            .Select(u => new UnitName(u.Id, u.Name, u.Aliases) { People = [.. people[u.Id]] }).ToList();
        var inspection = await db.Inspections.AsNoTracking().OrderByDescending(i => i.Id).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct);
        var numbers = db.Measures.Where(m => m.InspectionId == inspection);
        return new Shape(units, inspection, await numbers.MinAsync(m => (int?)m.Number, ct) ?? 0, await numbers.MaxAsync(m => (int?)m.Number, ct) ?? 0);
    });
}
