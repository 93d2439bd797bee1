using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;

namespace RectifyBot.Store;

/// <summary>
/// A number that changes whenever the rectification record does, on every server instance: the newest audit
/// entry's id. The trail is append-only and every save of the record appends to it, so a result computed at one
/// version is still right while the version is the same. Reading it is one primary-key lookup. (So the record is
/// never written with bulk ExecuteUpdate/ExecuteSql, which would bypass the trail; the channels' delivery keys and
/// the conversation memory are bookkeeping, not record, and are written that way.)
/// </summary>
public static class StoreVersion
{
    public static async Task<long> CurrentAsync(RectifyDbContext db, CancellationToken ct) =>
        await Max.For(db)(db, ct) ?? 0;

    private static readonly Compiled<Func<RectifyDbContext, CancellationToken, Task<long?>>> Max =
        new(() => EF.CompileAsyncQuery((RectifyDbContext db, CancellationToken _) => db.AuditEntries.Max(a => (long?)a.Id)));
}

/// <summary>
/// Saves of the record made by this process to its store so far (one per service provider, so two stores in one
/// process, as in the tests, do not move each other's): a cache that skips reading the version for a while reads it
/// again once this moves, so that this server's own changes apply at once.
/// </summary>
public sealed class LocalSaves
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    internal void Saved() => Interlocked.Increment(ref _count);
}

/// <summary>
/// The store's exact version as a scope (a turn or a request) read it: once, so that its queries answer as of its
/// start, and again after this process saved, so that a turn sees its own writes. A conversation turn reads it in
/// the statement that loads the user's memory (<see cref="Conversation.ConversationMemoryStore"/>), and every cache the
/// turn consults (who is speaking, the plan's shape, <see cref="Rectification.QueryCache"/>) is kept as of that one value.
/// </summary>
public sealed class ExactStoreVersion(RectifyDbContext db, LocalSaves localSaves)
{
    private (long Version, long LocalSaves)? _read;

    public async Task<long> GetAsync(CancellationToken ct)
    {
        var saves = localSaves.Count;
        if (_read is { } read && read.LocalSaves == saves)
        {
            return read.Version;
        }
        var version = await StoreVersion.CurrentAsync(db, ct);
        _read = (version, saves);
        return version;
    }

    /// <summary>The version read along with something else, by the scope's context.</summary>
    /// <param name="localSaves"><see cref="LocalSaves"/> taken before the read: a save that lands during it makes the next call read again.</param>
    public void Read(long version, long localSaves) => _read = (version, localSaves);

    /// <summary>This process's saves so far, to take before reading the version along with something else.</summary>
    public long LocalSaves => localSaves.Count;
}

/// <summary>
/// The store's version as this process read it within the last <see cref="Reuse"/>, for who a cookie belongs to
/// (<c>Sessions</c>), which may lag a change saved by another server instance by that long but never one saved by this
/// process: its own saves (<see cref="LocalSaves"/>) make the next call read again. It spares an
/// authenticated request any database round trip. A conversation turn reads the exact version instead, with the
/// user's memory (<see cref="ExactStoreVersion"/>).
/// </summary>
public sealed class RecentStoreVersion(TimeProvider clock, LocalSaves localSaves)
{
    public static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);

    private Read? _read;

    private sealed record Read(long Version, long LocalSaves, DateTimeOffset At);

    public Task<long> GetAsync(RectifyDbContext db, CancellationToken ct) => GetAsync(() => db, ct);

    /// <param name="db">The context to read with, asked for only when the version must be read.</param>
    public async Task<long> GetAsync(Func<RectifyDbContext> db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_read is { } read && read.LocalSaves == localSaves.Count && now >= read.At && now - read.At < Reuse)
        {
            return read.Version;
        }
        // The count before the read: a save that lands during it makes the next call read again.
        var saves = localSaves.Count;
        var version = await StoreVersion.CurrentAsync(db(), ct);
        _read = new Read(version, saves, now);
        return version;
    }
}

/// <summary>
/// The store's version as far as some of the record's tables go: the newest audit entry among those that change them,
/// as of a store version. A cache of what only those tables decide (who a channel account or a cookie is; the units
/// and the measure numbers) is kept at this version, and so across the saves of everything else: every progress
/// update moves the store's version, and on a busy server each then cost a roster lookup for every person's next
/// turn. A move of the store's version costs one lookup of the audit entries it added (a primary-key range), which
/// misses none: saves of the record commit in the order of their audit ids (<see cref="RectifyDbContext"/>).
/// </summary>
public sealed class VersionScope
{
    /// <param name="changes">The condition on an audit entry, in SQL: only this class's constants.</param>
    private VersionScope(string changes) =>
        _newest = $$"""SELECT MAX("Id") FROM "AuditEntries" WHERE "Id" > {0} AND "Id" <= {1} AND ({{changes}})""";

    /// <summary>Who is who: the roster, and the units the roster names.</summary>
    public static VersionScope Roster() => new(EntityTypeIn(nameof(Staff), nameof(Unit)));

    /// <summary>
    /// The plan's shape: units, their aliases and staff, inspections, and measures made or removed (a measure's number is
    /// set once, when it is made).
    /// </summary>
    public static VersionScope Shape() => new(EntityTypeIn(nameof(Unit), nameof(UnitAlias), nameof(Staff), nameof(Inspection)) +
        $""" OR ("EntityType" = '{nameof(Measure)}' AND "Change" <> '{nameof(EntityState.Modified)}')""");

    /// <summary>The units (their names).</summary>
    public static VersionScope Units() => new(EntityTypeIn(nameof(Unit)));

    /// <summary>The plans' outline: their aspects, problems and findings, with their ordinals.</summary>
    public static VersionScope Outline() => new(EntityTypeIn(nameof(Aspect), nameof(Problem), nameof(Finding)));

    /// <summary>Entries of these entity types, or a summarised save's one entry ("*"), which may have changed anything (<see cref="RectifyDbContext"/>'s audit).</summary>
    private static string EntityTypeIn(params string[] types) => $""" "EntityType" IN ({string.Join(", ", types.Append("*").Select(t => $"'{t}'"))})""";

    // Hand-written: it runs for every scope after each save of the record, and through LINQ, even compiled, EF's
    // query pipeline cost a write turn more than the statement did.
    private readonly string _newest;

    private Read? _read;

    /// <param name="Version">The store's version read.</param>
    /// <param name="Scoped">The newest entry of the scope's at <paramref name="Version"/>, or a version at which the scope was as then.</param>
    private sealed record Read(long Version, long Scoped);

    /// <param name="version">The store's version, read before this call (<see cref="StoreVersion"/>).</param>
    public async Task<long> GetAsync(Func<RectifyDbContext> db, long version, CancellationToken ct)
    {
        if (_read is not { } read)
        {
            _read = new Read(version, version);
            return version;
        }
        if (version <= read.Version)
        {
            // An older version, from a turn that read it before another turn read the newer one: what is kept at the
            // newer one is newer than that turn needs, never older, as a value computed now is.
            return read.Scoped;
        }
        var newest = (await db().QueryAsync(_newest, r => r.IsDBNull(0) ? (long?)null : r.GetInt64(0), ct, read.Version, version))[0];
        _read = read with { Version = version, Scoped = newest ?? read.Scoped };
        return _read.Scoped;
    }
}

/// <summary>
/// A value computed from the store, kept until the store's version moves on. The caller reads the version
/// (<see cref="StoreVersion.CurrentAsync"/>), so one read can serve every cache a turn consults; it must be read
/// before computing, so that a value is never kept under a newer version than the data it was computed from.
/// </summary>
public sealed class VersionedCache<TKey, TValue> where TKey : notnull
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TKey, (long Version, TValue Value)> _entries = new();
    private readonly int _capacity;

    public VersionedCache(int capacity) => _capacity = capacity;

    public async Task<TValue> GetAsync(long version, TKey key, Func<Task<TValue>> compute)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Version == version)
        {
            return entry.Value;
        }
        var value = await compute();
        if (_entries.Count >= _capacity)
        {
            // Old days and old versions pile up otherwise; starting over costs one recomputation per key.
            _entries.Clear();
        }
        _entries[key] = (version, value);
        return value;
    }
}
