using Microsoft.EntityFrameworkCore;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Store;

namespace RectifyBot.Conversation;

/// <summary>
/// The unit directory as the recogniser needs it, kept between turns. Units change rarely, and the recogniser
/// builds an index of every name form per list, so a turn reuses the same list until a cheap check (how many
/// units and aliases, the highest ids) shows a change.
/// </summary>
public sealed class UnitNamesCache
{
    private (UnitsVersion Version, IReadOnlyList<UnitName> Units)? _current;

    public async Task<IReadOnlyList<UnitName>> GetAsync(RectifyDbContext db, CancellationToken ct)
    {
        var version = new UnitsVersion(
            await db.Units.CountAsync(ct), await db.Units.MaxAsync(u => (int?)u.Id, ct),
            await db.UnitAliases.CountAsync(ct), await db.UnitAliases.MaxAsync(a => (int?)a.Id, ct));
        if (_current is { } current && current.Version == version)
        {
            return current.Units;
        }
        var units = await db.Units.AsNoTracking()
            .Select(u => new UnitName(u.Id, u.Name, u.Aliases.Select(a => a.Alias).ToList())).ToListAsync(ct);
        _current = (version, units);
        return units;
    }

    private sealed record UnitsVersion(int Units, int? MaxUnit, int Aliases, int? MaxAlias);
}
