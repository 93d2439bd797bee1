using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using RectifyBot.Domain;

namespace RectifyBot.Store;

/// <summary>
/// How many measures a holder has in each status (<see cref="KeptCounts"/>), one row a holder, so the whole city's
/// figures read a few hundred rows. <see cref="Scope"/> is a unit's id, or <see cref="KeptCounts.NoUnit"/> or
/// <see cref="KeptCounts.Everyone"/>. A column for each <see cref="MeasureStatus"/>, named as the status: a new
/// status needs its column (the SQL that keeps the counts names one for each status).
/// </summary>
public sealed class StatusCount
{
    public int Scope { get; set; }
    public int NotStarted { get; set; }
    public int InProgress { get; set; }
    public int Done { get; set; }
    public int Ongoing { get; set; }
    public int Closed { get; set; }
}

/// <summary>
/// How many measures a holder owes work on (<see cref="Overdue"/>: they become overdue once their due date is past)
/// with a due date in the bucket of <see cref="Span"/> that begins on <see cref="Start"/>. Each such measure counts
/// in one bucket of every span, so "due before today" is read from a few buckets a holder, however many measures.
/// </summary>
public sealed class DueCount
{
    public DueSpan Span { get; set; }
    public DateOnly Start { get; set; }
    public int Scope { get; set; }
    public int Count { get; set; }
}

/// <summary>
/// A measure a unit holds and owes work on (the status part of <see cref="Overdue.On"/>), by its due date: one row a
/// holder (<see cref="KeptCounts"/>) and measure, kept with the counts. A unit's overdue list reads the few rows it owes
/// before today instead of looking up every measure it holds: at province scale a unit holds about 1,400 measures
/// for some 270 overdue.
/// </summary>
public sealed class OwedMeasure
{
    public int UnitId { get; set; }
    public DateOnly DueDate { get; set; }
    public int MeasureId { get; set; }
}

/// <summary>
/// Who holds each measure, as a measure's row keeps it (<see cref="KeptCounts.Holding"/>): the units its plan names,
/// with their roles, and the units with an active claim on it.
/// </summary>
/// <param name="Named">The plan's units, by id.</param>
/// <param name="Claimants">The claimants' units, in the order they claimed.</param>
public sealed record Holding(IReadOnlyList<(UnitRole Role, int UnitId)> Named, IReadOnlyList<int> Claimants)
{
    /// <summary>Reads the column: "L12 S34 C56" is unit 12 leading, unit 34 supporting, unit 56 claiming; null, none.</summary>
    public static Holding Read(string? column)
    {
        var (named, claimants) = (new List<(UnitRole, int)>(), new List<int>());
        foreach (var entry in (column ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var unit = int.Parse(entry.AsSpan(1), CultureInfo.InvariantCulture);
            if (entry[0] == 'C')
            {
                claimants.Add(unit);
            }
            else
            {
                named.Add((entry[0] == 'L' ? UnitRole.Lead : UnitRole.Supporting, unit));
            }
        }
        return new Holding(named, claimants);
    }
}

/// <summary>A bucket of due dates: a day, a dekad (旬: the 1st–10th, 11th–20th, 21st–end of a month), a month, a year.</summary>
public enum DueSpan
{
    Day,
    Dekad,
    Month,
    Year,
}

/// <summary>
/// Counts of measures per holder (<see cref="Figures"/>: a unit's measures) and status, and per holder and due
/// date, kept as measures change, so whole-city figures read a few thousand counts instead of joining every
/// measure to its units; the measures each unit owes work on by due date (<see cref="OwedMeasure"/>); and on each
/// measure's row who holds it (<see cref="Holding"/>), so that a list reads its units from the rows it reads anyway.
/// <see cref="RectifyDbContext"/> is the one writer: a save that changes a measure's status, due date or deadline
/// kind, or who holds it, takes away those measures' contributions before its writes and adds
/// them back after, in the same transaction, both computed by the database from the rows as they are
/// (<see cref="Contributions"/>), so the counts cannot drift from what a recount would find. On PostgreSQL the
/// measures' rows are locked first, so two saves touching one measure take turns; SQLite has one writer.
/// Overdue depends on the day asked about, so it is not kept: the due-date buckets answer it for any day.
/// </summary>
public static class KeptCounts
{
    /// <summary>The scope of measures no unit holds (the stats row <see cref="Figures.NoUnit"/>).</summary>
    public const int NoUnit = 0;

    /// <summary>The scope counting every measure once (the city's totals).</summary>
    public const int Everyone = -1;

    /// <summary>
    /// The column of <c>Measures</c> that keeps who holds the measure (<see cref="Store.Holding"/>). Looked up by measure
    /// id in their two tables instead, the units of a province unit's 270 overdue measures, on pages scattered across
    /// the store, took half the list's time and most of its slowest runs (docs/performance.md, the forty-fifth round).
    /// </summary>
    public const string Holding = "Holding";

    /// <summary>Whether saving this change moves a count.</summary>
    public static bool Moves(EntityEntry e) => (e.State, e.Entity) switch
    {
        (EntityState.Added or EntityState.Deleted, Measure or MeasureUnit or Claim) => true,
        (EntityState.Modified, Measure) => e.Property(nameof(Measure.Status)).IsModified || e.Property(nameof(Measure.DueDate)).IsModified ||
                                           e.ComplexProperty(nameof(Measure.Deadline)).Property(nameof(Deadline.Kind)).IsModified,
        (EntityState.Modified, MeasureUnit or Claim) => true,
        _ => false,
    };

    /// <summary>
    /// The ids of the measures these changes (of <see cref="Moves"/>) are about, once the database has given them:
    /// a new measure's id is temporary (negative) before it is saved, and only in the entry until its changes are accepted.
    /// </summary>
    public static HashSet<int> MeasureIds(IEnumerable<EntityEntry> changes) => changes
        .Select(e => e.Property(e.Entity is Measure ? nameof(Measure.Id) : nameof(MeasureUnit.MeasureId)).CurrentValue)
        .OfType<int>().Where(id => id > 0).ToHashSet();

    /// <summary>Takes away (<paramref name="sign"/> −1) or adds (+1) the contributions of these measures as the database has them now.</summary>
    public static async Task AdjustAsync(RectifyDbContext db, IReadOnlyCollection<int> measureIds, int sign, CancellationToken ct)
    {
        if (measureIds.Count == 0)
        {
            return;
        }
        var postgres = db.IsPostgres;
        var ids = $"""
            "Id" IN ({string.Join(",", measureIds.Order())})
            """;
        // Before the first read, so that a concurrent save of the same measures waits for this one to commit and
        // then reads what it wrote.
        var lockRows = postgres && sign < 0 ? $"""SELECT "Id" FROM "Measures" WHERE {ids} ORDER BY "Id" FOR NO KEY UPDATE;""" : "";
        // Only integers and constants go into the text.
        var sql = lockRows + Contributions(postgres, ids, sign);
        await db.Database.ExecuteSqlRawAsync(sql, ct);
    }

    /// <summary>
    /// Counts every measure from scratch: what migrations 0011 and 0012 run on an existing store, and the benchmark after
    /// filling one (with <see cref="HoldingSql"/>: those migrations' schema has no <see cref="Holding"/> yet).
    /// </summary>
    public static string RecountSql(bool postgres) => """
        DELETE FROM "StatusCounts";
        DELETE FROM "DueCounts";
        DELETE FROM "OwedMeasures";
        """ + Contributions(postgres, "1 = 1", 1, holding: false);

    /// <summary>
    /// Writes afresh who holds these measures (all, by default: migration 0014 on an existing store): the plan's units
    /// by id, each with its role, then the active claims in the order they were made ("L12 S34 C56").
    /// The same text on both databases (string_agg with its own order: SQLite has it since 3.44).
    /// </summary>
    public static string HoldingSql(string measures = "1 = 1") => $"""
        UPDATE "Measures" SET "{Holding}" = (
            SELECT string_agg(h."Entry", ' ' ORDER BY h."Claim", h."Key") FROM (
                SELECT CASE WHEN u."Role" = 'Lead' THEN 'L' ELSE 'S' END || CAST(u."UnitId" AS TEXT) AS "Entry", 0 AS "Claim", u."UnitId" AS "Key"
                FROM "MeasureUnits" u WHERE u."MeasureId" = "Measures"."Id"
                UNION ALL
                SELECT 'C' || CAST(c."UnitId" AS TEXT), 1, c."Id" FROM "Claims" c
                WHERE c."MeasureId" = "Measures"."Id" AND c."WithdrawnAt" IS NULL AND c."State" = 'Approved') h)
        WHERE {measures};
        """;

    /// <summary>The first day of the bucket of <paramref name="span"/> that holds <paramref name="day"/> (as the SQL below has it).</summary>
    public static DateOnly Start(DueSpan span, DateOnly day) => span switch
    {
        DueSpan.Day => day,
        DueSpan.Dekad => new DateOnly(day.Year, day.Month, day.Day < 11 ? 1 : day.Day < 21 ? 11 : 21),
        DueSpan.Month => new DateOnly(day.Year, day.Month, 1),
        _ => new DateOnly(day.Year, 1, 1),
    };

    /// <summary>
    /// The buckets that together hold every due date before <c>today</c>, each once: the years before this one,
    /// this year's months before this one, this month's dekads before this one, this dekad's days before today.
    /// Summed per scope, the measures overdue on that day. <c>year</c>, <c>month</c> and <c>dekad</c> are the
    /// starts (<see cref="Start"/>) of today's; an expression of them, so that a compiled query takes them as its parameters.
    /// </summary>
    public static Expression<Func<DueCount, DateOnly, DateOnly, DateOnly, DateOnly, bool>> DueBefore { get; } = (c, year, month, dekad, today) =>
        (c.Span == DueSpan.Year && c.Start < year) ||
        (c.Span == DueSpan.Month && c.Start >= year && c.Start < month) ||
        (c.Span == DueSpan.Dekad && c.Start >= month && c.Start < dekad) ||
        (c.Span == DueSpan.Day && c.Start >= dekad && c.Start < today);

    /// <summary>
    /// Adds <paramref name="sign"/> times each measure's contributions: one to its status's count for each holder
    /// (each lead unit and approved, unwithdrawn claimant: Figures.Holders; else <see cref="NoUnit"/>) and for <see cref="Everyone"/>;
    /// and, while it owes work (the status part of Overdue.On), one due count per span for each of those scopes and,
    /// for each holding unit, its <see cref="OwedMeasure"/> row (taken away whole, whatever the database has now); and,
    /// when adding, its <see cref="Holding"/> written afresh.
    /// </summary>
    private static string Contributions(bool postgres, string measures, int sign, bool holding = true)
    {
        var scoped = $"""
            WITH m AS (SELECT "Id", "Status", "DueDate", "Deadline_Kind" FROM "Measures" WHERE {measures}),
            held AS (
                SELECT u."MeasureId", u."UnitId" AS "Scope" FROM "MeasureUnits" u
                WHERE u."Role" = 'Lead' AND u."MeasureId" IN (SELECT "Id" FROM m)
                UNION
                SELECT c."MeasureId", c."UnitId" FROM "Claims" c
                WHERE c."WithdrawnAt" IS NULL AND c."State" = 'Approved' AND c."MeasureId" IN (SELECT "Id" FROM m)),
            scoped AS (
                SELECT h."Scope", m."Id", m."Status", m."DueDate", m."Deadline_Kind" FROM m JOIN held h ON h."MeasureId" = m."Id"
                UNION ALL
                SELECT {NoUnit}, m."Id", m."Status", m."DueDate", m."Deadline_Kind" FROM m WHERE NOT EXISTS (SELECT 1 FROM held h WHERE h."MeasureId" = m."Id")
                UNION ALL
                SELECT {Everyone}, m."Id", m."Status", m."DueDate", m."Deadline_Kind" FROM m)
            """;
        const string day = "\"DueDate\"";
        var (dekad, month, year) = postgres
            ? ($"date_trunc('month', {day})::date + CASE WHEN extract(day FROM {day}) < 11 THEN 0 WHEN extract(day FROM {day}) < 21 THEN 10 ELSE 20 END",
                $"date_trunc('month', {day})::date", $"date_trunc('year', {day})::date")
            // SQLite keeps dates as yyyy-MM-dd text.
            : ($"substr({day}, 1, 8) || CASE WHEN substr({day}, 9, 2) < '11' THEN '01' WHEN substr({day}, 9, 2) < '21' THEN '11' ELSE '21' END",
                $"substr({day}, 1, 7) || '-01'", $"substr({day}, 1, 4) || '-01-01'");
        const string owed = """
            owed AS (
                SELECT "Scope", "Id", "DueDate" FROM scoped
                WHERE "DueDate" IS NOT NULL AND ("Status" IN ('NotStarted', 'InProgress') OR ("Status" = 'Ongoing' AND "Deadline_Kind" IN ('Recurring', 'LongTerm'))))
            """;
        // A column a status (StatusCount).
        var statuses = Enum.GetNames<MeasureStatus>();
        var columns = string.Join(", ", statuses.Select(s => $"\"{s}\""));
        var counts = string.Join(", ", statuses.Select(s => $"{sign} * SUM(CASE WHEN \"Status\" = '{s}' THEN 1 ELSE 0 END)"));
        var added = string.Join(", ", statuses.Select(s => $"\"{s}\" = \"StatusCounts\".\"{s}\" + excluded.\"{s}\""));
        var owedMeasures = sign < 0
            ? $"""
                DELETE FROM "OwedMeasures" WHERE "MeasureId" IN (SELECT "Id" FROM "Measures" WHERE {measures});
                """
            : $"""
                {scoped},
                {owed}
                INSERT INTO "OwedMeasures" ("UnitId", "DueDate", "MeasureId") SELECT "Scope", "DueDate", "Id" FROM owed WHERE "Scope" > 0;
                {(holding ? HoldingSql(measures) : "")}
                """;
        // NOT EXISTS, not NOT IN: PostgreSQL hashes the one and, for a whole store, loops over the other.
        // "WHERE true": SQLite would otherwise read the ON of ON CONFLICT as a join's.
        return $"""
            {scoped}
            INSERT INTO "StatusCounts" ("Scope", {columns})
            SELECT "Scope", {counts} FROM scoped WHERE true GROUP BY "Scope"
            ON CONFLICT ("Scope") DO UPDATE SET {added};
            {scoped},
            {owed}
            INSERT INTO "DueCounts" ("Span", "Start", "Scope", "Count")
            SELECT "Span", "Start", "Scope", {sign} * COUNT(*) FROM (
                SELECT {(int)DueSpan.Day} AS "Span", {day} AS "Start", "Scope" FROM owed
                UNION ALL SELECT {(int)DueSpan.Dekad}, {dekad}, "Scope" FROM owed
                UNION ALL SELECT {(int)DueSpan.Month}, {month}, "Scope" FROM owed
                UNION ALL SELECT {(int)DueSpan.Year}, {year}, "Scope" FROM owed) b
            WHERE true GROUP BY "Span", "Start", "Scope"
            ON CONFLICT ("Span", "Start", "Scope") DO UPDATE SET "Count" = "DueCounts"."Count" + excluded."Count";
            {owedMeasures}
            """;
    }
}
