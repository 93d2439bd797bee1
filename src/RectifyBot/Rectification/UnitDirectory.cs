using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;
using RectifyBot.Store;
using RectifyBot.Text;

namespace RectifyBot.Rectification;

/// <summary>The organisation's units by every name they go by.</summary>
public sealed class UnitDirectory(RectifyDbContext db)
{
    public sealed record Entry(int Id, string Name, IReadOnlyList<string> Aliases);

    public async Task<IReadOnlyList<Entry>> AllAsync(CancellationToken ct) =>
        await db.Units.AsNoTracking().OrderBy(u => u.Name)
            .Select(u => new Entry(u.Id, u.Name, u.Aliases.Select(a => a.Alias).OrderBy(a => a).ToList()))
            .ToListAsync(ct);

    /// <summary>The unit with this exact name or alias (full-width and spaces folded), or null.</summary>
    public async Task<Entry?> FindAsync(string name, CancellationToken ct)
    {
        var key = Key(name);
        return (await AllAsync(ct)).FirstOrDefault(u => Key(u.Name) == key || u.Aliases.Any(a => Key(a) == key));
    }

    /// <summary>Finds a unit by name or alias, or creates it; new aliases are added to an existing unit.</summary>
    public async Task<Unit> GetOrCreateAsync(string name, IEnumerable<string> aliases, CancellationToken ct)
    {
        var key = Key(name);
        var unit = db.Units.Local.FirstOrDefault(u => Key(u.Name) == key || u.Aliases.Any(a => Key(a.Alias) == key))
                   ?? await db.Units.Include(u => u.Aliases)
                       .FirstOrDefaultAsync(u => u.Name == name || u.Aliases.Any(a => a.Alias == name), ct);
        if (unit is null)
        {
            unit = new Unit { Name = name.Trim() };
            db.Units.Add(unit);
        }
        foreach (var alias in aliases.Select(a => a.Trim()).Where(a => a.Length > 0 && a != unit.Name))
        {
            if (unit.Aliases.All(a => a.Alias != alias) && !await db.UnitAliases.AnyAsync(a => a.Alias == alias, ct))
            {
                unit.Aliases.Add(new UnitAlias { Alias = alias });
            }
        }
        return unit;
    }

    private static string Key(string name) => ChineseText.Fold(name).Replace(" ", "", StringComparison.Ordinal).Trim();
}
