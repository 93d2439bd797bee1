using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;
using RectifyBot.Store;

namespace RectifyBot.Benchmarks.Store;

/// <summary>
/// Fills an empty, migrated store with a synthetic city: inspections with the plan tree, units with aliases,
/// staff, measures with every kind of deadline and status, claims and progress updates. Rows go in a thousand a
/// statement in one transaction, which is what makes a minute enough (minutes for the province on PostgreSQL).
/// </summary>
public sealed class CityScaleGenerator(int inspections = 300, int measures = 50_000, int updates = 500_000, int staff = 2_000, int units = 400, int seed = 7)
{
    public static readonly DateOnly Today = new(2024, 6, 30);

    private static readonly string[] UnitStems = ["社会事务", "社会救助", "养老服务", "儿童福利", "规划财务", "政务服务", "人事教育", "法规", "督查", "机关党建", "信访", "安全生产", "信息化", "审批", "执法监督", "综合协调", "宣传", "统计", "后勤保障", "档案"];
    private static readonly string[] UnitKinds = ["科", "股", "中心", "办公室", "站"];
    private static readonly string[] Counties = ["江北县", "河西县", "青山县", "云溪县", "石门县", "桃源县", "临川县", "松阳县", "安平县"];
    private static readonly string[] Towns = ["城关镇", "东湖街道", "西山乡", "南岭镇", "北川街道", "青石镇", "白沙乡", "龙泉街道"];
    private static readonly string[] Verbs = ["完善", "建立健全", "严格执行", "深入开展", "全面排查", "集中整治", "规范", "加强", "督促落实", "组织开展"];
    private static readonly string[] Objects = ["第一议题学习制度", "三重一大决策制度", "公务接待管理", "专项资金使用", "档案管理", "财务报销审核", "干部队伍建设", "基层党组织建设", "安全生产检查", "信访问题化解"];

    /// <summary>The city's units: id, name and its one alias.</summary>
    public static IEnumerable<(int Id, string Name, string Alias)> Units(int count)
    {
        for (var u = 1; u <= count; u++)
        {
            // Past the first hundred, a town's name in front, and past the towns a county's (a province's units): a name
            // ending in a digit would read as a measure number.
            var town = u / (UnitStems.Length * UnitKinds.Length);
            var county = town == 0 ? 0 : (town - 1) / Towns.Length;
            var name = $"{(county == 0 ? "" : Counties[(county - 1) % Counties.Length])}{(town == 0 ? "" : Towns[(town - 1) % Towns.Length])}{UnitStems[u % UnitStems.Length]}{UnitKinds[(u / UnitStems.Length) % UnitKinds.Length]}";
            yield return (u, name, "县" + name);
        }
    }

    public async Task<TimeSpan> FillAsync(RectifyDbContext db, IProgress<string>? progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(seed);
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);

        var unitIds = new List<int>();
        var insertUnit = new Rows("Units", "\"Id\", \"Name\"");
        var insertAlias = new Rows("UnitAliases", "\"UnitId\", \"Alias\"");
        foreach (var (u, name, alias) in Units(units))
        {
            insertUnit.Add(u, name);
            insertAlias.Add(u, alias);
            unitIds.Add(u);
        }
        var insertStaff = new Rows("Staff", "\"Id\", \"Name\", \"UnitId\", \"Roles\", \"WeComId\"");
        for (var s = 1; s <= staff; s++)
        {
            var roles = s % 50 == 0 ? StaffRoles.Office : s % 20 == 0 ? StaffRoles.Leader : StaffRoles.Unit;
            insertStaff.Add(s, $"员工{s:D4}", unitIds[s % units], (int)roles, $"user{s}");
        }
        foreach (var batch in new[] { insertUnit, insertAlias, insertStaff })
        {
            await batch.FlushAsync(conn, tx, ct);
            await batch.DisposeAsync();
        }
        progress?.Report($"单位 {units}、人员 {staff}：{watch.Elapsed.TotalSeconds:F1}s");

        // Gathered and flushed parents first (the foreign keys are checked per statement), many rows a statement on
        // PostgreSQL: a round trip a row made the province (5 million updates) take most of an hour there.
        var insertInspection = new Rows("Inspections", "\"Id\", \"Name\", \"InspectingBody\", \"InspectedOrganisation\", \"FeedbackDate\", \"CreatedAt\"");
        var insertStage = new Rows("Stages", "\"InspectionId\", \"Ordinal\", \"Name\", \"Start\", \"End\", \"IsConcentrated\"");
        var insertAspect = new Rows("Aspects", "\"Id\", \"InspectionId\", \"Ordinal\", \"Title\"");
        var insertProblem = new Rows("Problems", "\"Id\", \"AspectId\", \"Ordinal\", \"Title\", \"Text\"");
        var insertFinding = new Rows("Findings", "\"Id\", \"ProblemId\", \"Ordinal\", \"Title\", \"Text\"");
        var insertMeasure = new Rows("Measures", "\"Id\", \"InspectionId\", \"FindingId\", \"Number\", \"Text\", \"ResponsibleLeader\", \"Deadline_Kind\", \"Deadline_Date\", \"Deadline_Recurrence\", \"Deadline_SourceText\", \"DueDate\", \"LastUpdateOn\", \"Milestones\", \"Status\", \"Version\"");
        var insertMeasureUnit = new Rows("MeasureUnits", "\"MeasureId\", \"UnitId\", \"Role\"");
        var insertClaim = new Rows("Claims", "\"MeasureId\", \"UnitId\", \"StaffId\", \"ClaimedAt\", \"IsCoClaim\"");
        var insertUpdate = new Rows("ProgressUpdates", "\"MeasureId\", \"StaffId\", \"At\", \"On\", \"Text\", \"StatusTo\"");
        var batches = new[] { insertInspection, insertStage, insertAspect, insertProblem, insertFinding, insertMeasure, insertMeasureUnit, insertClaim, insertUpdate };
        async Task FlushAsync()
        {
            foreach (var batch in batches)
            {
                await batch.FlushAsync(conn, tx, ct);
            }
        }

        var measureId = 0;
        int aspectId = 0, problemId = 0, findingId = 0, updatesLeft = updates;
        var perInspection = measures / inspections;
        for (var i = 1; i <= inspections; i++)
        {
            var feedback = new DateOnly(2023, 1, 1).AddDays(random.Next(0, 540));
            var stageEnd = feedback.AddDays(90);
            insertInspection.Add(i, $"第{i}号巡察整改实施方案", $"市委第{1 + (i % 8)}巡察组", $"被巡察单位{i}", feedback, feedback.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            insertStage.Add(i, 1, "推进落实", feedback, stageEnd, true);
            var inspectionUnits = Enumerable.Range(0, 12).Select(_ => unitIds[random.Next(units)]).Distinct().ToArray();
            var count = i == inspections ? measures - measureId : perInspection;
            for (var n = 1; n <= count; n++)
            {
                if ((n - 1) % 6 == 0)
                {
                    if ((n - 1) % 54 == 0)
                    {
                        aspectId++;
                        insertAspect.Add(aspectId, i, 1 + ((n - 1) / 54), $"方面{aspectId}");
                    }
                    if ((n - 1) % 18 == 0)
                    {
                        problemId++;
                        insertProblem.Add(problemId, aspectId, 1 + ((n - 1) / 18 % 3), $"问题{problemId}", "");
                    }
                    findingId++;
                    insertFinding.Add(findingId, problemId, 1 + ((n - 1) / 6 % 3), $"表现{findingId}", "具体表现的事实。");
                }
                measureId++;
                var deadline = RandomDeadline(random, feedback, stageEnd);
                var status = RandomStatus(random);
                var measureUpdates = Math.Min(updatesLeft, measureId == measures ? updatesLeft : random.Next(0, 2 * updates / measures + 1));
                updatesLeft -= measureUpdates;
                var updateDays = Enumerable.Range(0, measureUpdates)
                    .Select(_ => feedback.AddDays(random.Next(1, Math.Max(2, Today.DayNumber - feedback.DayNumber)))).Order().ToList();
                DateOnly? last = updateDays.Count == 0 ? null : updateDays[^1];
                insertMeasure.Add(measureId, i, findingId, n, $"{Verbs[random.Next(Verbs.Length)]}{Objects[random.Next(Objects.Length)]}，明确责任分工，按期完成整改。",
                    random.Next(4) == 0 ? "分管领导" : null, deadline.Kind.ToString(), deadline.Date, deadline.Recurrence?.ToString(), deadline.SourceText,
                    deadline.DueAfter(last), last, "", status.ToString(), 0);
                for (var k = 0; k < updateDays.Count; k++)
                {
                    var on = updateDays[k];
                    insertUpdate.Add(measureId, 1 + random.Next(staff), on.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc), on, "已召开专题会议推进整改。", k == updateDays.Count - 1 ? status.ToString() : null);
                }
                var lead = inspectionUnits[random.Next(inspectionUnits.Length)];
                insertMeasureUnit.Add(measureId, lead, nameof(UnitRole.Lead));
                if (random.Next(3) == 0 && inspectionUnits.FirstOrDefault(u => u != lead) is var support and > 0)
                {
                    insertMeasureUnit.Add(measureId, support, nameof(UnitRole.Supporting));
                }
                if (random.Next(10) == 0)
                {
                    insertClaim.Add(measureId, inspectionUnits[random.Next(inspectionUnits.Length)], 1 + random.Next(staff), feedback.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), true);
                }
            }
            if (insertUpdate.Count >= 20_000 || i == inspections)
            {
                await FlushAsync();
            }
            if (i % 50 == 0)
            {
                progress?.Report($"巡察 {i}/{inspections}，措施 {measureId}：{watch.Elapsed.TotalSeconds:F1}s");
            }
        }
        await FlushAsync();
        foreach (var batch in batches)
        {
            await batch.DisposeAsync();
        }
        // Fresh statistics, so the planners pick the indexes a long-lived store would (for the recount just below, too:
        // without them PostgreSQL loops over what it takes for empty tables). Then the kept counts and who holds each
        // measure (KeptCounts), as migrations 0012 and 0014 write them for an existing store.
        foreach (var sql in new[] { "ANALYZE", KeptCounts.RecountSql(db.IsPostgres) + KeptCounts.HoldingSql() })
        {
            await using var command = conn.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        await db.Database.CloseConnectionAsync();
        if (db.IsPostgres)
        {
            // Explicit ids were inserted; move the identity sequences past them.
            foreach (var table in new[] { "Units", "Staff", "Inspections", "Aspects", "Problems", "Findings", "Measures" })
            {
#pragma warning disable EF1002 // table names come from the constant list above
                await db.Database.ExecuteSqlRawAsync($"""SELECT setval(pg_get_serial_sequence('"{table}"', 'Id'), (SELECT MAX("Id") FROM "{table}"))""", ct);
#pragma warning restore EF1002
            }
            // Writing who holds each measure left a dead version of every measure's row, half the table's pages.
            await db.Database.ExecuteSqlRawAsync(""" VACUUM (FULL) "Measures" """, ct);
        }
        // And of the counts, now that they are there.
        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        return watch.Elapsed;
    }

    private static Deadline RandomDeadline(Random random, DateOnly feedback, DateOnly stageEnd) => random.Next(20) switch
    {
        < 12 => Deadline.On(feedback.AddDays(random.Next(10, 720)), "x月底前"),
        < 15 => Deadline.Unstated(stageEnd),
        < 18 => Deadline.Every((Recurrence)random.Next(2, 6), stageEnd, "每季度"),
        _ => Deadline.LongTermFrom(stageEnd, Recurrence.HalfYearly, "长期坚持"),
    };

    private static MeasureStatus RandomStatus(Random random) => random.Next(10) switch
    {
        < 2 => MeasureStatus.NotStarted,
        < 5 => MeasureStatus.InProgress,
        < 7 => MeasureStatus.Done,
        < 8 => MeasureStatus.Ongoing,
        _ => MeasureStatus.Closed,
    };

    /// <summary>
    /// Rows for one table, inserted a thousand a statement on PostgreSQL (under its 65,535 parameters) and one a
    /// statement on SQLite, which is in the process and binds each parameter by a search through the statement's
    /// names: many a statement costs the square of their number there.
    /// </summary>
    private sealed class Rows(string table, string columns) : IAsyncDisposable
    {
        private readonly List<object?[]> _rows = [];
        private DbCommand? _command;

        public int Count => _rows.Count;

        public void Add(params object?[] values) => _rows.Add(values);

        public async Task FlushAsync(DbConnection conn, DbTransaction tx, CancellationToken ct)
        {
            foreach (var chunk in _rows.Chunk(conn is Microsoft.Data.Sqlite.SqliteConnection ? 1 : 1_000))
            {
                var width = chunk[0].Length;
                if (_command?.Parameters.Count != chunk.Length * width)
                {
                    // Prepared once for each number of rows: all but a table's last statement have the same.
                    await (_command?.DisposeAsync() ?? ValueTask.CompletedTask);
                    _command = conn.CreateCommand();
                    _command.Transaction = tx;
                    _command.CommandText = $"""INSERT INTO "{table}" ({columns}) VALUES """ +
                        string.Join(", ", chunk.Select((_, r) => "(" + string.Join(", ", Enumerable.Range(0, width).Select(c => $"@p{r * width + c}")) + ")"));
                    for (var p = 0; p < chunk.Length * width; p++)
                    {
                        var parameter = _command.CreateParameter();
                        parameter.ParameterName = $"@p{p}";
                        _command.Parameters.Add(parameter);
                    }
                }
                for (var r = 0; r < chunk.Length; r++)
                {
                    for (var c = 0; c < width; c++)
                    {
                        _command.Parameters[r * width + c].Value = Value(conn, chunk[r][c]);
                    }
                }
                await _command.ExecuteNonQueryAsync(ct);
            }
            _rows.Clear();
        }

        public ValueTask DisposeAsync() => _command?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private static object Value(DbConnection conn, object? value) => value switch
    {
        null => DBNull.Value,
        DateOnly d when conn is Microsoft.Data.Sqlite.SqliteConnection => d.ToString("yyyy-MM-dd"),
        DateTime t when conn is Microsoft.Data.Sqlite.SqliteConnection => t.ToString("yyyy-MM-dd HH:mm:ss"),
        var v => v,
    };
}
