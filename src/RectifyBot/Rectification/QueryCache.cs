using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;
using RectifyBot.Store;

namespace RectifyBot.Rectification;

/// <summary>
/// Results computed once per version of what they show, on every instance alike: totals, and what chat turns ask most
/// (a list's numbers, a page of summaries, one measure's detail). Many people ask the same few questions of their unit
/// and of this week between two writes; each such turn then reads the store's version and nothing else. Lists, pages
/// and totals are kept across the saves that change none of them (<see cref="ListedChanges"/>): on a busy day progress
/// notes arrive every few seconds, and each would otherwise have every next question computed again.
/// </summary>
public sealed class QueryCache
{
    internal ListedChanges Changes { get; } = new();

    internal VersionedCache<(int? Inspection, DateOnly Today), Stats> Stats { get; } = new(capacity: 512);
    internal VersionedCache<(MeasureFilter Filter, DateOnly Today), IReadOnlyList<int>> Numbers { get; } = new(capacity: 4096);

    /// <summary>Keyed by the page's numbers, written out ("3,5,8").</summary>
    internal VersionedCache<(int Inspection, string Numbers, DateOnly Today), IReadOnlyList<MeasureSummary>> Pages { get; } = new(capacity: 4096);

    internal VersionedCache<(int Inspection, int Number, DateOnly Today), MeasureDetail?> Details { get; } = new(capacity: 4096);

    /// <summary>Where findings sit in their plans ("2.1.3"), by finding id: every plan's outline, read whole.</summary>
    internal KeptWhole<string> FindingPaths { get; } = new(VersionScope.Outline());

    /// <summary>Units' names, by unit id: every unit, read whole (a province has a few thousand).</summary>
    internal KeptWhole<string> UnitNames { get; } = new(VersionScope.Units());
}

/// <summary>
/// Values of every row of a table, by id, read in one statement the first time they are asked for while what decides
/// them (a <see cref="VersionScope"/>) stays as it was. For a table a few times smaller than the measures' that changes
/// only when a plan is imported or edited, such as the plans' outline: looked up row by row for a list, a province's
/// findings, scattered across its pages, cost more than the list (a unit's 270 overdue measures: 3 ms a list, against
/// 40 ms once for all 84,000 findings).
/// </summary>
internal sealed class KeptWhole<T>(VersionScope scope)
{
    private (long Scoped, IReadOnlyDictionary<int, T> Values)? _kept;

    /// <param name="version">The store's version, read before this call.</param>
    /// <param name="read">Reads every row's value.</param>
    public async Task<IReadOnlyDictionary<int, T>> GetAsync(RectifyDbContext db, long version, Func<Task<IReadOnlyDictionary<int, T>>> read, CancellationToken ct)
    {
        var scoped = await scope.GetAsync(() => db, version, ct);
        if (_kept is { } kept && kept.Scoped == scoped)
        {
            return kept.Values;
        }
        // Two turns that find nothing kept may both read: the outline and the units change with an import, and a second read is
        // cheaper than a lock.
        var values = await read();
        _kept = (scoped, values);
        return values;
    }
}

/// <summary>
/// How far the store's version (<see cref="StoreVersion"/>) has moved for what <see cref="QueryCache"/> keeps: the newest
/// audit entry that may change a list, a summary or a total, and for each measure the newest entry of any change to
/// it (its detail shows its notes, evidence and requests too). A progress note, evidence, a request, and a measure's
/// bookkeeping (when it was last reported, its row version) change only that measure's detail. A move of the store's
/// version costs one read of the entries it added (a primary-key range), as <see cref="VersionScope"/> does.
/// </summary>
internal sealed class ListedChanges
{
    private Read? _read;

    /// <summary>Per measure (inspection, number), the newest entry of a change to it seen by this process.</summary>
    private readonly ConcurrentDictionary<(int Inspection, int Number), long> _measures = new();

    /// <param name="Version">The store's version read.</param>
    /// <param name="Lists">The newest entry at <paramref name="Version"/> that may change a list, or a version at which lists were as then.</param>
    private sealed record Read(long Version, long Lists);

    /// <summary>What lists, pages and totals are kept at.</summary>
    /// <param name="version">The store's version, read before this call.</param>
    public async Task<long> ListsAsync(RectifyDbContext db, long version, CancellationToken ct) => (await ReadAsync(db, version, ct)).Lists;

    /// <summary>What one measure's detail is kept at: its own newest change, or the lists' when that is newer.</summary>
    public async Task<long> MeasureAsync(RectifyDbContext db, long version, int inspection, int number, CancellationToken ct)
    {
        var lists = await ListsAsync(db, version, ct);
        return _measures.TryGetValue((inspection, number), out var changed) && changed > lists ? changed : lists;
    }

    private async Task<Read> ReadAsync(RectifyDbContext db, long version, CancellationToken ct)
    {
        if (_read is not { } read)
        {
            // Nothing is known of what changed before: everything is taken to have changed at this version.
            Interlocked.CompareExchange(ref _read, new Read(version, version), null);
            return _read;
        }
        if (version <= read.Version)
        {
            // An older version, from a turn that read it before another turn read a newer one: what is kept at the
            // newer one is newer than that turn needs, never older, as a value computed now is.
            return read;
        }
        var lists = read.Lists;
        await foreach (var change in Since.For(db)(db, read.Version, version).WithCancellation(ct))
        {
            if (change.Inspection is { } inspection && change.Number is { } number)
            {
                _measures.AddOrUpdate((inspection, number), change.Id, (_, seen) => Math.Max(seen, change.Id));
            }
            if (MayChangeLists(change))
            {
                lists = Math.Max(lists, change.Id);
            }
        }
        // The measures' changes are noted before the version moves on, so that a turn that finds the newer version
        // finds them too; and it only moves on, so that no turn is given less than another already noted.
        var next = new Read(version, lists);
        while (true)
        {
            var seen = _read!;
            if (seen.Version >= version || Interlocked.CompareExchange(ref _read, next, seen) == seen)
            {
                return seen.Version >= version ? seen : next;
            }
        }
    }

    /// <summary>What a list, a page of summaries or a total never shows.</summary>
    private static readonly HashSet<string> DetailOnly = [nameof(ProgressUpdate), nameof(Evidence), nameof(ExtensionRequest), nameof(CloseRequest)];

    /// <summary>A measure's properties that no list, summary or total shows.</summary>
    private static readonly HashSet<string> MeasureBookkeeping = [nameof(Measure.LastUpdateOn), nameof(Measure.Version), nameof(Measure.OwnerId), nameof(Measure.Milestones)];

    /// <summary>
    /// Anything not known to leave lists alone may change them. A request's decision that moves a measure's deadline
    /// or status is a change to the measure too, and so counts here by that.
    /// </summary>
    private static bool MayChangeLists(Change change)
    {
        if (DetailOnly.Contains(change.EntityType))
        {
            return false;
        }
        if (change.ModifiedMeasure is not { } after)
        {
            return true;
        }
        using var properties = JsonDocument.Parse(after);
        return properties.RootElement.EnumerateObject().Any(p => !MeasureBookkeeping.Contains(p.Name));
    }

    /// <param name="ModifiedMeasure">The changed properties of a modified measure (the audit's After), or null for any other change.</param>
    /// <param name="Inspection">The measure changed, if any and if it still exists.</param>
    private sealed record Change(long Id, string EntityType, string? ModifiedMeasure, int? Inspection, int? Number);

    private static readonly Compiled<Func<RectifyDbContext, long, long, IAsyncEnumerable<Change>>> Since = new(() => EF.CompileAsyncQuery(
        (RectifyDbContext db, long after, long until) =>
            from a in db.AuditEntries.AsNoTracking()
            where a.Id > after && a.Id <= until
            from m in db.Measures.Where(m => m.Id == a.MeasureId).DefaultIfEmpty()
            select new Change(a.Id, a.EntityType, a.EntityType == nameof(Measure) && a.Change == nameof(EntityState.Modified) ? a.After : null,
                (int?)m!.InspectionId, (int?)m.Number)));
}
