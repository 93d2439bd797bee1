using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using RectifyBot.Domain;
using RectifyBot.Store;

namespace RectifyBot.Rectification;

/// <summary>
/// The read side: lists, one measure's detail, and totals. Projections only; nothing is tracked. What a chat turn
/// asks is kept as of the store's version as the scope read it (<see cref="QueryCache"/>, <see cref="ExactStoreVersion"/>).
/// </summary>
public sealed class MeasureQueries(RectifyDbContext db, QueryCache cache, ExactStoreVersion versions)
{
    private async Task<long> ListsVersionAsync(CancellationToken ct) => await cache.Changes.ListsAsync(db, await versions.GetAsync(ct), ct);

    /// <summary>The filter's measures in list order, up to its limit, each summarised: for callers that show them all.</summary>
    public async Task<IReadOnlyList<MeasureSummary>> ListAsync(MeasureFilter filter, DateOnly today, CancellationToken ct) =>
        await SummariesAsync(await Listed(RowsListed, RowOf, filter, today).ToListAsync(ct), today, ct);

    /// <summary>
    /// Only the numbers of the filter's measures, in list order, up to its limit: what a chat remembers of a list it
    /// shows a page of (that page's summaries come from <see cref="PageAsync"/>). Numbers are unique within an
    /// inspection, so the filter names one.
    /// </summary>
    public async Task<IReadOnlyList<int>> NumbersAsync(MeasureFilter filter, DateOnly today, CancellationToken ct) =>
        await cache.Numbers.GetAsync(await ListsVersionAsync(ct), (filter, today),
            async () => (IReadOnlyList<int>)await Listed(NumbersListed, m => m.Number, filter, today).ToArrayAsync(ct));

    /// <summary>
    /// Summaries of a page of a list: the measures of the inspection with these numbers, in their order (a number
    /// it does not have is left out). A few measures, each looked up by key, by compiled queries.
    /// </summary>
    public async Task<IReadOnlyList<MeasureSummary>> PageAsync(int inspectionId, IReadOnlyList<int> numbers, DateOnly today, CancellationToken ct) =>
        await cache.Pages.GetAsync(await ListsVersionAsync(ct), (inspectionId, string.Join(',', numbers), today), async () =>
        {
            var summaries = await SummariesAsync(await RowsByNumber.For(db)(db, inspectionId, numbers).ToListAsync(ct), today, ct);
            return (IReadOnlyList<MeasureSummary>)numbers.Select(n => summaries.FirstOrDefault(s => s.Number == n)).OfType<MeasureSummary>().ToArray();
        });

    /// <summary>
    /// The filter's measures, most overdue (earliest due) first and those with no date last, up to its limit, by the
    /// query compiled for the filter's shape (which of its parts are set) with its values as parameters: a chat turn
    /// lists something on most questions, and compiled, a list skips EF's translation and query cache lookup.
    /// </summary>
    private IAsyncEnumerable<T> Listed<T>(ConcurrentDictionary<Shape, Compiled<ListQuery<T>>> compiled, Expression<Func<Measure, T>> select,
        MeasureFilter filter, DateOnly today)
    {
        var query = compiled.GetOrAdd(Shape.Of(filter), shape => new(() => EF.CompileAsyncQuery(ListedBy(shape, select)).Invoke)).For(db);
        var (from, until) = filter.DueBetween ?? default;
        return query(db, filter.InspectionId ?? 0, filter.UnitId ?? 0, today, from, until, filter.Status ?? default, filter.Limit);
    }

    private static readonly ConcurrentDictionary<Shape, Compiled<ListQuery<MeasureRow>>> RowsListed = new();
    private static readonly ConcurrentDictionary<Shape, Compiled<ListQuery<int>>> NumbersListed = new();

    /// <summary>A list query: the context, then the filter's values (inspection, unit, today, due from, due until, status, limit).</summary>
    private delegate IAsyncEnumerable<T> ListQuery<T>(RectifyDbContext db, int inspection, int unit, DateOnly today, DateOnly from, DateOnly until, MeasureStatus status, int limit);

    /// <summary>Which parts of a filter are set.</summary>
    /// <remarks>
    /// A window open at its end (<see cref="DateOnly.MaxValue"/>, "the next due") is a shape of its own, with no upper
    /// bound in its SQL: PostgreSQL plans a prepared statement once for any values, and takes a pair of bounds for a
    /// narrow range of a few rows, so it read the due-date index across the whole open range to meet it (province
    /// scale, a unit within an inspection: 79 ms; with the one bound, 2 ms).
    /// </remarks>
    private readonly record struct Shape(bool Inspection, bool Unit, bool Overdue, bool DueBetween, bool DueUntil, bool Status, bool OpenOnly, bool UnclaimedOnly)
    {
        public static Shape Of(MeasureFilter f) =>
            new(f.InspectionId is not null, f.UnitId is not null, f.OverdueOnly, f.DueBetween is not null, f.DueBetween is { To: var to } && to != DateOnly.MaxValue,
                f.Status is not null, f.OpenOnly, f.UnclaimedOnly);
    }

    /// <summary>
    /// The list query of a shape of filter, as one expression: each part that is set, a condition written with the
    /// names of the query's parameters, is put in with them as its own.
    /// </summary>
    private static Expression<Func<RectifyDbContext, int, int, DateOnly, DateOnly, DateOnly, MeasureStatus, int, IQueryable<T>>> ListedBy<T>(Shape shape, Expression<Func<Measure, T>> select)
    {
        Expression<Func<RectifyDbContext, int, int, DateOnly, DateOnly, DateOnly, MeasureStatus, int, IQueryable<Measure>>> all =
            (db, inspection, unit, today, from, until, status, limit) => db.Measures.AsNoTracking();
        var parameters = all.Parameters.ToDictionary(p => p.Name!, p => (Expression)p);
        // A condition's first parameter is the measure; its others are the query's of the same name.
        Expression Inline(LambdaExpression lambda, Expression first) =>
            new ReplacingExpressionVisitor(lambda.Parameters, [first, .. lambda.Parameters.Skip(1).Select(p => parameters[p.Name!])]).Visit(lambda.Body);
        var q = all.Body;
        void Where(LambdaExpression condition)
        {
            var m = Expression.Parameter(typeof(Measure), "m");
            q = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(Measure)], q, Expression.Quote(Expression.Lambda<Func<Measure, bool>>(Inline(condition, m), m)));
        }
        if (shape.Inspection)
        {
            Where((Measure m, int inspection) => m.InspectionId == inspection);
        }
        if (shape.Unit && shape.Overdue)
        {
            // The measures the unit owes work on that were due before today, a range of the kept rows (OwedMeasure):
            // the unit's other measures, done, closed or not due yet, are never looked up (province: 270 rows read
            // instead of 1,400). Overdue.On below still decides; these rows only find the candidates.
            Where((Measure m, RectifyDbContext db, int unit, DateOnly today) =>
                db.OwedMeasures.Where(o => o.UnitId == unit && o.DueDate < today).Select(o => o.MeasureId).Contains(m.Id));
        }
        else if (shape.Unit)
        {
            // A unit holds a few hundred measures at most. As a subquery the database reads the unit's measure ids
            // from their indexes and looks each measure up by key, instead of scanning every overdue measure of the
            // city for membership; and it is one statement, with no list of ids to send.
            // Within one inspection, the measures are few and the unit's ids are tested as two sets, led and claimed
            // (HeldBy's two halves): PostgreSQL hashes each once and probes it for each measure, whatever it guesses of
            // the other conditions. With the union it joined, and a prepared statement's one plan, guessing a due
            // window to hold a row or two, joined each measure to every id of the unit (province: 302 ms for a year's
            // window, now 22 ms).
            var m = Expression.Parameter(typeof(Measure), "m");
            var held = new ReplacingExpressionVisitor(Figures.HeldBy.Parameters,
                [Expression.Property(parameters["db"], nameof(RectifyDbContext.MeasureUnits)), Expression.Property(parameters["db"], nameof(RectifyDbContext.Claims)), parameters["unit"]])
                .Visit(Figures.HeldBy.Body);
            Expression Holds(Expression ids) => Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(int)], ids, Expression.Property(m, nameof(Measure.Id)));
            var holds = shape.Inspection && held is MethodCallExpression { Method.Name: nameof(Queryable.Union) } union
                ? Expression.OrElse(Holds(union.Arguments[0]), Holds(union.Arguments[1]))
                : Holds(held);
            Where(Expression.Lambda<Func<Measure, bool>>(holds, m));
        }
        if (shape.Overdue)
        {
            Where(Overdue.On);
        }
        if (shape.DueBetween)
        {
            Where((Measure m, DateOnly from) => m.DueDate >= from &&
                (m.Status == MeasureStatus.NotStarted || m.Status == MeasureStatus.InProgress || m.Status == MeasureStatus.Ongoing));
        }
        if (shape.DueUntil)
        {
            Where((Measure m, DateOnly until) => m.DueDate <= until);
        }
        if (shape.Status)
        {
            Where((Measure m, MeasureStatus status) => m.Status == status);
        }
        if (shape.OpenOnly)
        {
            Where((Measure m) => m.Status == MeasureStatus.NotStarted || m.Status == MeasureStatus.InProgress);
        }
        if (shape.UnclaimedOnly)
        {
            Where(Figures.Unheld);
        }
        Expression<Func<IQueryable<Measure>, int, IQueryable<T>>> ordered = (measures, limit) => measures
            .OrderBy(m => m.DueDate == null).ThenBy(m => m.DueDate).ThenBy(m => m.InspectionId).ThenBy(m => m.Number).Take(limit).Select(select);
        return Expression.Lambda<Func<RectifyDbContext, int, int, DateOnly, DateOnly, DateOnly, MeasureStatus, int, IQueryable<T>>>(Inline(ordered, q), all.Parameters);
    }

    /// <summary>What a user is told for a measure number the plan does not have: the valid range.</summary>
    public static string NoSuchMeasure(int number, (int Min, int Max)? range) =>
        range is { } r ? $"没有第{number}项措施，本方案措施编号为{r.Min}至{r.Max}。" : "当前方案还没有措施。";

    /// <summary>The inspection a bare measure number refers to: the given one, else the most recent.</summary>
    public async Task<int?> DefaultInspectionIdAsync(int? inspectionId, CancellationToken ct) =>
        inspectionId ?? await NewestInspection.For(db)(db, ct);

    /// <summary>Compiled: every read of the page asks it first.</summary>
    private static readonly Compiled<Func<RectifyDbContext, CancellationToken, Task<int?>>> NewestInspection =
        new(() => EF.CompileAsyncQuery((RectifyDbContext db, CancellationToken ct) => db.Inspections.OrderByDescending(i => i.Id).Select(i => (int?)i.Id).FirstOrDefault()));

    public Task<(int Min, int Max)?> NumberRangeAsync(int inspectionId, CancellationToken ct) => NumberRangeAsync(db, inspectionId, ct);

    public static async Task<(int Min, int Max)?> NumberRangeAsync(RectifyDbContext db, int inspectionId, CancellationToken ct)
    {
        var range = await db.Measures.Where(m => m.InspectionId == inspectionId)
            .GroupBy(_ => 1).Select(g => new { Min = g.Min(m => m.Number), Max = g.Max(m => m.Number) }).FirstOrDefaultAsync(ct);
        return range is null ? null : (range.Min, range.Max);
    }

    public async Task<MeasureDetail?> GetAsync(int inspectionId, int number, DateOnly today, CancellationToken ct) =>
        await cache.Details.GetAsync(await cache.Changes.MeasureAsync(db, await versions.GetAsync(ct), inspectionId, number, ct), (inspectionId, number, today), () => ReadAsync(inspectionId, number, today, ct));

    private async Task<MeasureDetail?> ReadAsync(int inspectionId, int number, DateOnly today, CancellationToken ct)
    {
        // The measure's row with its names, then its units and claims and each of its histories by its id, all
        // compiled. (One query with the collections nested makes SQLite build each joined collection in full before
        // matching it.)
        if (await DetailRowByNumber.For(db)(db, inspectionId, number).ToListAsync(ct) is not [var (row, names)])
        {
            return null;
        }
        var units = await UnitNamesAsync([row], ct);
        // The names' statement joins the finding, its problem and its aspect already: the path comes with them.
        return new MeasureDetail(Summary(row, FindingPath(names.Ordinals), units, today),
            names.Inspection, names.Aspect, names.Problem, names.Finding, names.FindingText, names.Owner, names.Milestones,
            await ClaimsOf.For(db)(db, row.Id).ToListAsync(ct),
            await UpdatesOf.For(db)(db, row.Id).ToListAsync(ct),
            await ExtensionsOf.For(db)(db, row.Id).ToListAsync(ct),
            await TransfersOf.For(db)(db, row.Id).ToListAsync(ct),
            await CloseRequestsOf.For(db)(db, row.Id).ToListAsync(ct),
            await EvidenceOf.For(db)(db, row.Id).ToListAsync(ct));
    }

    public async Task<Stats> StatsAsync(int? inspectionId, DateOnly today, CancellationToken ct) =>
        await cache.Stats.GetAsync(await ListsVersionAsync(ct), (inspectionId, today), () => ComputeStatsAsync(inspectionId, today, ct));

    private async Task<Stats> ComputeStatsAsync(int? inspectionId, DateOnly today, CancellationToken ct)
    {
        var (counts, overdue, names) = inspectionId is { } i ? await InspectionCountsAsync(i, today, ct) : await CityCountsAsync(today, ct);
        var byScope = counts.ToLookup(c => c.Scope);
        UnitStats RowOf(string name, int scope) => Row(name, byScope[scope].Select(c => (c.Status, c.Count)), overdue.GetValueOrDefault(scope));
        var units = byScope.Where(g => g.Key > 0 && g.Sum(c => c.Count) > 0)
            .Select(g => RowOf(names[g.Key], g.Key))
            .OrderByDescending(u => u.Overdue).ThenBy(u => u.CompletionRate).ThenBy(u => u.Unit, StringComparer.Ordinal)
            .ToList();
        if (byScope[KeptCounts.NoUnit].Sum(c => c.Count) > 0)
        {
            units.Add(RowOf(Figures.NoUnit, KeptCounts.NoUnit));
        }
        var byStatus = Enum.GetValues<MeasureStatus>().ToDictionary(s => s, s => byScope[KeptCounts.Everyone].Where(c => c.Status == s).Sum(c => c.Count));
        return new Stats(RowOf("", KeptCounts.Everyone), byStatus, units);
    }

    /// <summary>
    /// The whole city's figures from the counts kept as measures change, in one statement: per holder its row of
    /// counts by status, its overdue count summed from the due-date buckets before today, and its name. A few
    /// hundred rows, however many measures.
    /// </summary>
    private async Task<(List<ScopeCount>, Dictionary<int, int>, Dictionary<int, string>)> CityCountsAsync(DateOnly today, CancellationToken ct)
    {
        var rows = await CityRows.For(db)(db, KeptCounts.Start(DueSpan.Year, today), KeptCounts.Start(DueSpan.Month, today), KeptCounts.Start(DueSpan.Dekad, today), today)
            .ToListAsync(ct);
        var counts = rows.SelectMany(r => new[]
        {
            new ScopeCount(r.Scope, MeasureStatus.NotStarted, r.NotStarted), new ScopeCount(r.Scope, MeasureStatus.InProgress, r.InProgress),
            new ScopeCount(r.Scope, MeasureStatus.Done, r.Done), new ScopeCount(r.Scope, MeasureStatus.Ongoing, r.Ongoing),
            new ScopeCount(r.Scope, MeasureStatus.Closed, r.Closed),
        }).ToList();
        return (counts, rows.ToDictionary(r => r.Scope, r => r.Overdue), rows.Where(r => r.Name is not null).ToDictionary(r => r.Scope, r => r.Name!));
    }

    /// <summary>
    /// One inspection's figures, counted here from its measures, each with the units holding it (Figures.Holders)
    /// and their names, in one statement: the holders are read by the inspection's measure ids, so nothing else of
    /// the city is joined (a plan has a few hundred measures).
    /// </summary>
    private async Task<(List<ScopeCount>, Dictionary<int, int>, Dictionary<int, string>)> InspectionCountsAsync(int inspectionId, DateOnly today, CancellationToken ct)
    {
        var measures = db.Measures.AsNoTracking().Where(m => m.InspectionId == inspectionId);
        var ids = measures.Select(m => m.Id);
        var holders = Figures.Holders(db.MeasureUnits.AsNoTracking().Where(u => ids.Contains(u.MeasureId)), db.Claims.AsNoTracking().Where(c => ids.Contains(c.MeasureId)))
            .Join(db.Units.AsNoTracking(), h => h.UnitId, u => u.Id, (h, u) => new { h.MeasureId, h.UnitId, u.Name });
        var rows = await (from m in measures
                          join h in holders on m.Id equals h.MeasureId into held
                          from h in held.DefaultIfEmpty()
                          select new { m.Id, m.Status, m.Deadline.Kind, m.DueDate, UnitId = (int?)h!.UnitId, Name = h!.Name }).ToListAsync(ct);
        var counts = new Dictionary<(int Scope, MeasureStatus Status), int>();
        var overdue = new Dictionary<int, int>();
        foreach (var m in rows.GroupBy(r => r.Id))
        {
            var (status, kind, due) = (m.First().Status, m.First().Kind, m.First().DueDate);
            var late = Overdue.IsOverdue(status, kind, due, today);
            var held = m.Where(r => r.UnitId is not null).Select(r => r.UnitId!.Value).ToList();
            foreach (var scope in (held.Count > 0 ? held : [KeptCounts.NoUnit]).Append(KeptCounts.Everyone))
            {
                counts[(scope, status)] = counts.GetValueOrDefault((scope, status)) + 1;
                overdue[scope] = overdue.GetValueOrDefault(scope) + (late ? 1 : 0);
            }
        }
        var names = rows.Where(r => r.UnitId is not null).DistinctBy(r => r.UnitId).ToDictionary(r => r.UnitId!.Value, r => r.Name!);
        return (counts.Select(c => new ScopeCount(c.Key.Scope, c.Key.Status, c.Value)).ToList(), overdue, names);
    }

    private sealed record ScopeCount(int Scope, MeasureStatus Status, int Count);

    private sealed record CityRow(int Scope, string? Name, int NotStarted, int InProgress, int Done, int Ongoing, int Closed, int Overdue);

    /// <summary>
    /// <see cref="CityCountsAsync"/>'s statement, compiled (a cold call no longer pays EF's translation): the due
    /// counts before today (KeptCounts.DueBefore, with the query's parameters as its bucket starts and today)
    /// summed per holder, beside its status counts and its name.
    /// </summary>
    private static readonly Compiled<Func<RectifyDbContext, DateOnly, DateOnly, DateOnly, DateOnly, IAsyncEnumerable<CityRow>>> CityRows = new(() =>
    {
        Expression<Func<RectifyDbContext, IQueryable<DueCount>, IQueryable<CityRow>>> rows = (db, due) =>
            from c in db.StatusCounts
            join o in due.GroupBy(d => d.Scope).Select(g => new { Scope = g.Key, Count = g.Sum(d => d.Count) }) on c.Scope equals o.Scope into late
            from o in late.DefaultIfEmpty()
            join u in db.Units on c.Scope equals u.Id into named
            from u in named.DefaultIfEmpty()
            select new CityRow(c.Scope, u!.Name, c.NotStarted, c.InProgress, c.Done, c.Ongoing, c.Closed, (int?)o!.Count ?? 0);
        Expression<Func<RectifyDbContext, DateOnly, DateOnly, DateOnly, DateOnly, IQueryable<DueCount>>> counts = (db, year, month, dekad, today) => db.DueCounts;
        var c = Expression.Parameter(typeof(DueCount), "c");
        var before = new ReplacingExpressionVisitor(KeptCounts.DueBefore.Parameters, [c, .. counts.Parameters.Skip(1)]).Visit(KeptCounts.DueBefore.Body);
        var due = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(DueCount)], counts.Body, Expression.Quote(Expression.Lambda<Func<DueCount, bool>>(before, c)));
        return EF.CompileAsyncQuery(Expression.Lambda<Func<RectifyDbContext, DateOnly, DateOnly, DateOnly, DateOnly, IQueryable<CityRow>>>(
            new ReplacingExpressionVisitor(rows.Parameters, [counts.Parameters[0], due]).Visit(rows.Body), counts.Parameters));
    });

    private static UnitStats Row(string unit, IEnumerable<(MeasureStatus Status, int Count)> counts, int overdue)
    {
        var list = counts.ToList();
        var total = list.Sum(x => x.Count);
        var completed = list.Where(x => x.Status.IsCompleted()).Sum(x => x.Count);
        return new UnitStats(unit, total, completed, list.Where(x => x.Status == MeasureStatus.Closed).Sum(x => x.Count), overdue,
            list.Where(x => x.Status == MeasureStatus.NotStarted).Sum(x => x.Count), Figures.Rate(completed, total));
    }

    /// <summary>
    /// The rows' summaries: who holds each comes with its row (<see cref="KeptCounts.Holding"/>), the units' names and
    /// the findings' paths from what this process keeps.
    /// </summary>
    private async Task<List<MeasureSummary>> SummariesAsync(List<MeasureRow> rows, DateOnly today, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var units = await UnitNamesAsync(rows, ct);
        var paths = await FindingPathsAsync(ct);
        return rows.Select(r => Summary(r, paths[r.FindingId], units, today)).ToList();
    }

    /// <summary>
    /// Where each row's finding sits in its plan ("2.1.3"), from the plans' outline this process keeps whole
    /// (<see cref="QueryCache.FindingPaths"/>). A list joined to findings, problems and aspects for this cost
    /// PostgreSQL three index lookups a row (city, a week's 230 due measures: 1.9 ms against 0.55 ms without).
    /// </summary>
    private async Task<IReadOnlyDictionary<int, string>> FindingPathsAsync(CancellationToken ct) =>
        await cache.FindingPaths.GetAsync(db, await versions.GetAsync(ct), async () =>
        {
            var read = new Dictionary<int, string>();
            await foreach (var f in PathsOf.For(db)(db).WithCancellation(ct))
            {
                read[f.Id] = FindingPath(f);
            }
            return read;
        }, ct);

    private static readonly Compiled<Func<RectifyDbContext, IAsyncEnumerable<FindingOrdinals>>> PathsOf =
        new(() => EF.CompileAsyncQuery((RectifyDbContext db) =>
            db.Findings.AsNoTracking().Select(f => new FindingOrdinals(f.Id, f.Problem!.Aspect!.Ordinal, f.Problem.Ordinal, f.Ordinal))));

    private sealed record FindingOrdinals(int Id, int Aspect, int Problem, int Finding);

    /// <summary>Where a finding sits in its plan, as a summary shows it: "2.1.3" (aspect, problem, finding).</summary>
    private static string FindingPath(FindingOrdinals f) => $"{f.Aspect}.{f.Problem}.{f.Finding}";

    /// <summary>
    /// Every unit's name, by id, as this process keeps them while no unit changes (<see cref="QueryCache.UnitNames"/>),
    /// or read again when a row names a unit made after the store's version this scope read (an import's, in between).
    /// </summary>
    private async Task<IReadOnlyDictionary<int, string>> UnitNamesAsync(IEnumerable<MeasureRow> rows, CancellationToken ct)
    {
        async Task<IReadOnlyDictionary<int, string>> Read() => await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var names = await cache.UnitNames.GetAsync(db, await versions.GetAsync(ct), Read, ct);
        return rows.All(r => r.Holding.Named.All(u => names.ContainsKey(u.UnitId)) && r.Holding.Claimants.All(names.ContainsKey)) ? names : await Read();
    }

    /// <summary>A measure's summary: its row, with the units the plan names and its active claims in the order they were made.</summary>
    private static MeasureSummary Summary(MeasureRow r, string findingPath, IReadOnlyDictionary<int, string> names, DateOnly today)
    {
        var (units, claimants) = (r.Holding.Named, r.Holding.Claimants);
        var leads = units.Where(u => u.Role == UnitRole.Lead).Select(u => u.UnitId).ToList();
        // A claimant has taken the measure on, even one the plan named only as supporting: it is shown among the
        // leads, so LeadUnits are exactly the units holding the measure (Figures).
        var supporting = units.Where(u => u.Role == UnitRole.Supporting && !claimants.Contains(u.UnitId)).Select(u => names[u.UnitId]).ToList();
        leads.AddRange(claimants.Where(c => !leads.Contains(c)).Distinct());
        return new MeasureSummary(r.InspectionId, r.Number, r.Text, findingPath, leads.Select(id => names[id]).ToList(), supporting,
            r.Leader, r.Deadline, r.DueDate, r.Status, Overdue.DaysOverdue(r.Status, r.Deadline.Kind, r.DueDate, today),
            [.. units.Select(u => u.UnitId).Union(claimants)]);
    }

    /// <summary>What a summary is made of. The deadline by its parts: the whole value would load every column of the measure.</summary>
    private static readonly Expression<Func<Measure, MeasureRow>> RowOf = m => new MeasureRow(
        m.Id, m.InspectionId, m.Number, m.Text, m.FindingId,
        m.ResponsibleLeader, new DeadlineView(m.Deadline.Kind, m.Deadline.Date, m.Deadline.Recurrence, m.Deadline.SourceText), m.DueDate, m.Status,
        EF.Property<string?>(m, KeptCounts.Holding));

    // The page's and the detail's queries, compiled (see Compiled): fixed shapes, each a lookup by key.
    private static readonly Compiled<Func<RectifyDbContext, int, IReadOnlyList<int>, IAsyncEnumerable<MeasureRow>>> RowsByNumber =
        new(() => EF.CompileAsyncQuery((RectifyDbContext db, int inspectionId, IReadOnlyList<int> numbers) =>
            db.Measures.AsNoTracking().Where(m => m.InspectionId == inspectionId && numbers.Contains(m.Number)).Select(RowOf)));

    /// <summary>A measure's active claims in the order they were made, for its detail.</summary>
    private static readonly Compiled<Func<RectifyDbContext, int, IAsyncEnumerable<ClaimView>>> ClaimsOf =
        new(() => EF.CompileAsyncQuery((RectifyDbContext db, int id) =>
            db.Claims.AsNoTracking().Where(c => c.MeasureId == id).Where(Figures.ActiveClaim).OrderBy(c => c.ClaimedAt).ThenBy(c => c.Id)
                .Select(c => new ClaimView(c.Unit!.Name, c.Staff == null ? null : c.Staff.Name, c.ClaimedAt, c.IsCoClaim))));

    private static readonly Expression<Func<Measure, MeasureNames>> NamesOf = m => new MeasureNames(
        m.Inspection!.Name, m.Finding!.Problem!.Aspect!.Title, m.Finding.Problem.Title, m.Finding.Title, m.Finding.Text,
        m.Owner == null ? null : m.Owner.Name, m.Milestones,
        new FindingOrdinals(m.FindingId, m.Finding.Problem.Aspect.Ordinal, m.Finding.Problem.Ordinal, m.Finding.Ordinal));

    /// <summary>A measure's row (<see cref="RowOf"/>) and its names (<see cref="NamesOf"/>), read together by its number.</summary>
    private static readonly Compiled<Func<RectifyDbContext, int, int, IAsyncEnumerable<DetailRow>>> DetailRowByNumber = new(() =>
    {
        var m = RowOf.Parameters[0];
        var names = new ReplacingExpressionVisitor(NamesOf.Parameters, [m]).Visit(NamesOf.Body);
        var both = Expression.Lambda<Func<Measure, DetailRow>>(Expression.New(typeof(DetailRow).GetConstructors()[0], RowOf.Body, names), m);
        return EF.CompileAsyncQuery((RectifyDbContext db, int inspectionId, int number) =>
            db.Measures.AsNoTracking().Where(x => x.InspectionId == inspectionId && x.Number == number).Select(both));
    });

    private static readonly Compiled<Func<RectifyDbContext, int, IAsyncEnumerable<UpdateView>>> UpdatesOf =
        new(() => EF.CompileAsyncQuery((RectifyDbContext db, int id) =>
            db.ProgressUpdates.AsNoTracking().Where(u => u.MeasureId == id && u.UndoneAt == null).OrderByDescending(u => u.At).ThenByDescending(u => u.Id)
                .Select(u => new UpdateView(u.Id, u.Staff == null ? null : u.Staff.Name, u.At, u.On, u.Text, u.StatusTo))));

    private static readonly Compiled<Func<RectifyDbContext, int, IAsyncEnumerable<TransferView>>> TransfersOf =
        new(() => EF.CompileAsyncQuery((RectifyDbContext db, int id) =>
            db.TransferRequests.AsNoTracking().Where(x => x.MeasureId == id).OrderByDescending(x => x.RequestedAt)
                .Select(x => new TransferView(x.Id, x.FromUnit!.Name, x.ToUnit!.Name, x.RequestedBy == null ? null : x.RequestedBy.Name, x.RequestedAt, x.Said, x.State, x.DecisionNote))));

    private static readonly Compiled<Func<RectifyDbContext, int, IAsyncEnumerable<ExtensionView>>> ExtensionsOf =
        new(() => EF.CompileAsyncQuery((RectifyDbContext db, int id) =>
            db.ExtensionRequests.AsNoTracking().Where(x => x.MeasureId == id).OrderByDescending(x => x.RequestedAt)
                .Select(x => new ExtensionView(x.Id, x.RequestedBy == null ? null : x.RequestedBy.Name, x.RequestedAt, x.PreviousDue, x.NewDate, x.Reason, x.State, x.DecisionNote))));

    private static readonly Compiled<Func<RectifyDbContext, int, IAsyncEnumerable<CloseRequestView>>> CloseRequestsOf =
        new(() => EF.CompileAsyncQuery((RectifyDbContext db, int id) =>
            db.CloseRequests.AsNoTracking().Where(x => x.MeasureId == id).OrderByDescending(x => x.RequestedAt)
                .Select(x => new CloseRequestView(x.Id, x.RequestedBy == null ? null : x.RequestedBy.Name, x.RequestedAt, x.Account, x.State, x.ReviewedAt, x.ReturnReason))));

    private static readonly Compiled<Func<RectifyDbContext, int, IAsyncEnumerable<EvidenceView>>> EvidenceOf =
        new(() => EF.CompileAsyncQuery((RectifyDbContext db, int id) =>
            db.Evidence.AsNoTracking().Where(x => x.MeasureId == id && x.RemovedAt == null).OrderBy(x => x.At)
                .Select(x => new EvidenceView(x.Id, x.FileName, x.ContentType, x.Sha256, x.Size, x.Staff == null ? null : x.Staff.Name, x.At, x.ReplacesId))));

    /// <param name="HoldingColumn">Who holds the measure, as its row keeps it (<see cref="Holding"/>).</param>
    private sealed record MeasureRow(
        int Id, int InspectionId, int Number, string Text, int FindingId,
        string? Leader, DeadlineView Deadline, DateOnly? DueDate, MeasureStatus Status, string? HoldingColumn)
    {
        public Holding Holding { get; } = Holding.Read(HoldingColumn);
    }

    private sealed record DetailRow(MeasureRow Row, MeasureNames Names);

    private sealed record MeasureNames(string Inspection, string Aspect, string Problem, string Finding, string FindingText, string? Owner, List<DateOnly> Milestones,
        FindingOrdinals Ordinals);
}
