using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace RectifyBot.Domain;

/// <summary>
/// The one definition of each figure the chat, the command line, the dashboard, the ledger and the report show
/// (overdue has its own: <see cref="Overdue"/>):
/// - a unit's measures: those it leads (alone or with other units) or has an active claim on (not withdrawn, and
///   approved: a co-claim waiting for the lead unit or the office does not count); a unit that only supports (配合)
///   a measure does not hold it;
/// - completed: reported done (待销号), done and kept up (长期坚持), or closed (已销号);
/// - not started: 未启动;
/// - completion rate: completed ÷ measures, rounded to a tenth of a percent, shown as "37.5%";
/// - stale: still owed work (未启动, 推进中, 长期坚持) and no update for a number of days or more, or none ever.
/// </summary>
public static class Figures
{
    public static readonly IReadOnlyList<MeasureStatus> CompletedStatuses = [MeasureStatus.Done, MeasureStatus.Ongoing, MeasureStatus.Closed];

    public static bool IsCompleted(this MeasureStatus status) => status is MeasureStatus.Done or MeasureStatus.Ongoing or MeasureStatus.Closed;

    public static Expression<Func<Measure, bool>> Completed { get; } =
        m => m.Status == MeasureStatus.Done || m.Status == MeasureStatus.Ongoing || m.Status == MeasureStatus.Closed;

    /// <summary>A claim in force, which makes its unit a holder of the measure: approved and not withdrawn.</summary>
    public static Expression<Func<Claim, bool>> ActiveClaim { get; } = c => c.WithdrawnAt == null && c.State == ClaimState.Approved;

    /// <summary><see cref="ActiveClaim"/> for claims already loaded, so that the rule is written once.</summary>
    public static Func<Claim, bool> IsActiveClaim { get; } = ActiveClaim.Compile();

    /// <summary>The ids of the measures a unit holds, as a subquery: the database reads them from the two indexes.</summary>
    public static IQueryable<int> MeasureIdsHeldBy(IQueryable<MeasureUnit> units, IQueryable<Claim> claims, int unitId) =>
        units.Provider.CreateQuery<int>(new ReplacingExpressionVisitor(HeldBy.Parameters, [units.Expression, claims.Expression, Captured(unitId)]).Visit(HeldBy.Body));

    /// <summary>
    /// <see cref="MeasureIdsHeldBy"/> as an expression of the two tables and the unit, for a compiled query to
    /// inline with its own parameter as the unit.
    /// </summary>
    public static Expression<Func<IQueryable<MeasureUnit>, IQueryable<Claim>, int, IQueryable<int>>> HeldBy { get; } = (units, claims, unitId) =>
        units.Where(u => u.UnitId == unitId && u.Role == UnitRole.Lead).Select(u => u.MeasureId)
            .Union(claims.Where(c => c.UnitId == unitId).Where(ActiveClaim).Select(c => c.MeasureId));

    /// <summary>A value as a captured variable, which EF sends as a parameter (a constant would be written into the SQL).</summary>
    private static Expression Captured(int value) => ((Expression<Func<int>>)(() => value)).Body;

    /// <summary>Every unit that holds a measure, with the measure: lead units and active claimants, once each.</summary>
    public static IQueryable<MeasureHolder> Holders(IQueryable<MeasureUnit> units, IQueryable<Claim> claims) =>
        units.Where(u => u.Role == UnitRole.Lead).Select(u => new MeasureHolder { MeasureId = u.MeasureId, UnitId = u.UnitId })
            .Union(claims.Where(ActiveClaim).Select(c => new MeasureHolder { MeasureId = c.MeasureId, UnitId = c.UnitId }));

    /// <summary>The stats row of the measures no unit holds.</summary>
    public const string NoUnit = "未明确单位";

    /// <summary>Measures no unit holds: no lead unit and no active claim.</summary>
    public static Expression<Func<Measure, bool>> Unheld { get; } =
        m => !m.Units.Any(u => u.Role == UnitRole.Lead) && !m.Claims.AsQueryable().Any(ActiveClaim);

    public static Expression<Func<Measure, bool>> Stale(DateOnly today, int days)
    {
        var since = today.AddDays(-days);
        return m => (m.Status == MeasureStatus.NotStarted || m.Status == MeasureStatus.InProgress || m.Status == MeasureStatus.Ongoing) &&
                    (m.LastUpdateOn == null || m.LastUpdateOn <= since);
    }

    public static bool IsStale(MeasureStatus status, DateOnly? lastUpdateOn, DateOnly today, int days) =>
        (status is MeasureStatus.NotStarted or MeasureStatus.InProgress or MeasureStatus.Ongoing) &&
        (lastUpdateOn is null || lastUpdateOn <= today.AddDays(-days));

    /// <summary>Completed ÷ total, rounded to a tenth of a percent (0.375), so every place shows the same number.</summary>
    public static double Rate(int completed, int total) =>
        total == 0 ? 0 : Math.Round((double)completed / total, 3, MidpointRounding.AwayFromZero);

    /// <summary>A rate as users read it: "37.5%", "38%", "0%".</summary>
    public static string Percent(double rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}

/// <summary>A unit holding a measure (<see cref="Figures.Holders"/>). Init-only properties: EF can union and join members it sees assigned.</summary>
public sealed record MeasureHolder
{
    public int MeasureId { get; init; }
    public int UnitId { get; init; }
}
