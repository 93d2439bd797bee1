using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Store;

namespace RectifyBot.Benchmarks.Store;

/// <summary>
/// The floor of each store query: the same question as one hand-written SQL statement (valid on SQLite and
/// PostgreSQL), run on the context's own connection with no EF in between and its rows read and dropped. What the
/// product's query costs beyond this is ours; the floor itself is the database's and the machine's.
/// The definitions are those of Overdue and Figures, written out by hand, on the same tables as the product's
/// (a unit's overdue measures found through the kept OwedMeasures, as MeasureQueries finds them).
/// </summary>
internal static class FloorSql
{
    private const string HeldBy = """
        SELECT "MeasureId" FROM "MeasureUnits" WHERE "UnitId" = @unit AND "Role" = 'Lead'
        UNION SELECT "MeasureId" FROM "Claims" WHERE "UnitId" = @unit AND "WithdrawnAt" IS NULL AND "State" = 'Approved'
        """;

    /// <summary>The measures a unit owes work on that were due before today (the kept rows of OwedMeasure).</summary>
    private const string OwedBefore = """
        SELECT "MeasureId" FROM "OwedMeasures" WHERE "UnitId" = @unit AND "DueDate" < @today
        """;

    private const string IsOverdue = """
        m."DueDate" IS NOT NULL AND m."DueDate" < @today AND (m."Status" IN ('NotStarted', 'InProgress')
        OR (m."Status" = 'Ongoing' AND m."Deadline_Kind" IN ('Recurring', 'LongTerm')))
        """;

    private const string ListColumns = """m."Id", m."InspectionId", m."Number", m."Text", m."DueDate", m."Status", m."Deadline_Kind", m."ResponsibleLeader" """;

    private const string ListOrder = """ORDER BY m."DueDate" IS NULL, m."DueDate", m."InspectionId", m."Number" LIMIT 500""";

    public static Task<int> OverdueForUnitAsync(IServiceProvider sp, int unit, DateOnly today) =>
        RowsAsync(sp, $"""SELECT {ListColumns} FROM "Measures" m WHERE m."Id" IN ({OwedBefore}) AND {IsOverdue} {ListOrder}""",
            ("unit", unit), ("today", today));

    public static Task<int> DueBetweenAsync(IServiceProvider sp, DateOnly from, DateOnly until) =>
        RowsAsync(sp, $"""
            SELECT {ListColumns} FROM "Measures" m
            WHERE m."DueDate" >= @from AND m."DueDate" <= @until AND m."Status" IN ('NotStarted', 'InProgress', 'Ongoing') {ListOrder}
            """, ("from", from), ("until", until));

    /// <summary>
    /// The kept counts (KeptCounts) the whole city's stats are read from: per holder its measures by status, and
    /// its due-date buckets before today summed.
    /// </summary>
    public static Task<int> CityStatsAsync(IServiceProvider sp, DateOnly today) =>
        RowsAsync(sp, """
            SELECT s.*, o."Overdue" FROM "StatusCounts" s LEFT JOIN (
                SELECT "Scope", SUM("Count") AS "Overdue" FROM "DueCounts"
                WHERE ("Span" = 3 AND "Start" < @year) OR ("Span" = 2 AND "Start" >= @year AND "Start" < @month)
                   OR ("Span" = 1 AND "Start" >= @month AND "Start" < @dekad) OR ("Span" = 0 AND "Start" >= @dekad AND "Start" < @today)
                GROUP BY "Scope") o ON o."Scope" = s."Scope"
            """, ("year", KeptCounts.Start(DueSpan.Year, today)), ("month", KeptCounts.Start(DueSpan.Month, today)),
            ("dekad", KeptCounts.Start(DueSpan.Dekad, today)), ("today", today));

    public static Task<int> InspectionStatsAsync(IServiceProvider sp, int inspection) =>
        RowsAsync(sp, """SELECT "Status", COUNT(*) FROM "Measures" WHERE "InspectionId" = @inspection GROUP BY "Status" """, ("inspection", inspection));

    /// <summary>The question of each of the load test's messages (see StoreLatency's messages), as one statement.</summary>
    public static Task<int> TurnAsync(IServiceProvider sp, int kind, string unitName, int i, DateOnly today) => kind switch
    {
        0 => RowsAsync(sp, $"""
            SELECT {ListColumns} FROM "Measures" m WHERE m."Id" IN ({OwedBefore.Replace("@unit", UnitByName)}) AND {IsOverdue} {ListOrder}
            """, ("name", unitName), ("today", today)),
        1 => RowsAsync(sp, """
            SELECT m.*, i."Name", f."Title", f."Text" FROM "Measures" m JOIN "Inspections" i ON i."Id" = m."InspectionId" JOIN "Findings" f ON f."Id" = m."FindingId"
            WHERE m."InspectionId" = (SELECT MAX("Id") FROM "Inspections") AND m."Number" = @number
            """, ("number", 1 + (i % 160))),
        2 => DueBetweenAsync(sp, today, today.AddDays(7)),
        _ => RowsAsync(sp, $"""
            SELECT COUNT(*) FROM "Measures" m WHERE m."Id" IN ({HeldBy.Replace("@unit", UnitByName)}) AND m."Status" IN ('NotStarted', 'InProgress')
            """, ("name", unitName)),
    };

    private const string UnitByName = """(SELECT "Id" FROM "Units" WHERE "Name" = @name)""";

    private static async Task<int> RowsAsync(IServiceProvider sp, string sql, params (string Name, object Value)[] parameters)
    {
        // Opened through EF, so that the connection is set up as the product's are (SqlitePragmas).
        // Closed through EF too: a pooled context given back with EF's count of opens unbalanced could not take a
        // connection of its own in its next turn (RectifyDbContext.HoldConnection).
        var db = sp.GetRequiredService<RectifyDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
