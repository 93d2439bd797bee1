using RectifyBot.Conversation.Understanding;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using ListFilter = RectifyBot.Conversation.Understanding.MeasureFilter;
using StoreFilter = RectifyBot.Rectification.MeasureFilter;

namespace RectifyBot.Conversation.Handlers;

/// <summary>
/// The questions. Unit staff are answered about their own unit unless they name another; the office and
/// leaders about everything.
/// </summary>
public sealed class QueryHandlers(MeasureQueries queries)
{
    public async Task<Outcome> OverdueAsync(Turn turn, OverdueQuery q, CancellationToken ct)
    {
        var (unitId, scope) = Scope(turn, q.Unit);
        var numbers = await queries.NumbersAsync(Filter(turn, unitId) with { OverdueOnly = true }, turn.Today, ct);
        if (numbers.Count > 0)
        {
            return await PageAsync(turn, $"{scope}逾期的措施", numbers, 0, ct);
        }
        var nextDue = await queries.NumbersAsync(Filter(turn, unitId) with { DueBetween = (turn.Today, DateOnly.MaxValue), Limit = 1 }, turn.Today, ct);
        var next = nextDue.Count == 0 ? [] : await queries.PageAsync(turn.Inspection, nextDue, turn.Today, ct);
        return Outcome.Say($"{scope}没有逾期的措施。" + (next is [var n]
            ? $"下一项到期的是第{n.Number}项（{ReplyFormat.Short(n.Text)}），时限{n.DueDate:yyyy-MM-dd}。"
            : "也没有待到期的措施。"));
    }

    public async Task<Outcome> DueAsync(Turn turn, DueQuery q, CancellationToken ct)
    {
        var (unitId, scope) = Scope(turn, q.Unit);
        var window = ReplyFormat.Window(q.Window, turn.Today);
        return await ListPageAsync(turn, $"{scope}{window}到期的措施", Filter(turn, unitId) with { DueBetween = (q.Window.From, q.Window.To) },
            $"{scope}{window}没有到期的措施。", ct);
    }

    public async Task<Outcome> DetailAsync(Turn turn, MeasureDetailQuery q, CancellationToken ct)
    {
        var parts = new List<string>();
        var cards = new List<MeasureCard>();
        foreach (var number in q.Measures.Numbers.Take(5))
        {
            var d = await queries.GetAsync(turn.Inspection, number, turn.Today, ct);
            if (d is null)
            {
                parts.Add(MeasureQueries.NoSuchMeasure(number, await queries.NumberRangeAsync(turn.Inspection, ct)));
                continue;
            }
            parts.Add(ReplyFormat.Detail(d));
            // One measure's detail does not offer itself again; several each offer theirs (a list card opens each by it).
            cards.Add(ReplyFormat.Card(d.Measure, turn.Actor, detail: q.Measures.Numbers.Count > 1));
        }
        var shown = cards.Select(c => c.Number).ToList();
        return new Outcome(new Reply(string.Join("\n\n", parts)) { Measures = cards, Actions = cards.Count == 1 ? cards[0].Actions : [] })
        {
            Measures = shown,
            Memory = turn.Memory with { Focus = shown.Count > 0 ? shown[^1] : turn.Memory.Focus, Pending = null },
        };
    }

    public async Task<Outcome> ListAsync(Turn turn, MeasureListQuery q, CancellationToken ct)
    {
        var (unitId, scope) = Scope(turn, q.Unit);
        var filter = Filter(turn, unitId);
        filter = q.Filter switch
        {
            ListFilter.Open => filter with { OpenOnly = true },
            ListFilter.NotStarted => filter with { Status = MeasureStatus.NotStarted },
            ListFilter.InProgress => filter with { Status = MeasureStatus.InProgress },
            ListFilter.Done => filter with { Status = MeasureStatus.Done },
            ListFilter.Ongoing => filter with { Status = MeasureStatus.Ongoing },
            ListFilter.Closed => filter with { Status = MeasureStatus.Closed },
            _ => filter,
        };
        var what = q.Filter switch
        {
            ListFilter.Open => "没完成的措施",
            ListFilter.All => "负责的措施",
            var f => $"{StatusOf(f).ToChinese()}的措施",
        };
        // "没有没完成的" reads as a stammer: the empty answer says 未完成, as a notice would.
        var none = q.Filter == ListFilter.Open ? $"{scope}没有未完成的措施。" : $"{scope}没有{what}。";
        return await ListPageAsync(turn, $"{scope}{what}", filter, none, ct);
    }

    public Task<Outcome> UnclaimedAsync(Turn turn, CancellationToken ct) =>
        ListPageAsync(turn, "没有牵头单位、也没人认领的措施", Filter(turn, null) with { UnclaimedOnly = true }, "所有措施都已有牵头单位或认领单位。", ct);

    public async Task<Outcome> StatsAsync(Turn turn, ProgressStatsQuery q, CancellationToken ct)
    {
        var stats = await queries.StatsAsync(turn.Inspection, turn.Today, ct);
        if (q.Unit is { } unit)
        {
            // Asked about one unit: its figures first, the whole plan's after them for comparison.
            var own = stats.Units.Where(u => u.Unit == unit.Name).ToList();
            var said = own is [var row] ? ReplyFormat.Totals(row) : $"{unit.Name}没有牵头或认领的措施。";
            return new Outcome(new Reply($"{said}\n全局{ReplyFormat.Totals(stats)}") { Table = ReplyFormat.StatsTable(stats, own) });
        }
        var by = stats.ByStatus;
        var lines = new List<string>
        {
            ReplyFormat.Totals(stats),
            $"已销号{by[MeasureStatus.Closed]}、已完成待销号{by[MeasureStatus.Done]}、长期坚持{by[MeasureStatus.Ongoing]}、推进中{by[MeasureStatus.InProgress]}、未启动{by[MeasureStatus.NotStarted]}。",
        };
        var units = stats.Units;
        lines.AddRange(units.Take(12).Select(ReplyFormat.UnitLine));
        if (units.Count > 12)
        {
            lines.Add($"另有{units.Count - 12}个单位，见表格。");
        }
        if (ReplyFormat.SharedNote(stats) is { } note)
        {
            lines.Add(note);
        }
        return new Outcome(new Reply(string.Join("\n", lines)) { Table = ReplyFormat.StatsTable(stats, null) });
    }

    public async Task<Outcome> MoreAsync(Turn turn, CancellationToken ct)
    {
        var memory = turn.Memory;
        if (memory.LastList.Count == 0 || memory.Shown >= memory.LastList.Count)
        {
            return Outcome.Say(memory.LastList.Count == 0 ? "还没有列表可以继续看。" : "已经全部显示了。");
        }
        return await PageAsync(turn, memory.ListTitle ?? "列表", memory.LastList, memory.Shown, ct);
    }

    /// <summary>The first page of the filter's list, or <paramref name="empty"/> when it has none.</summary>
    private async Task<Outcome> ListPageAsync(Turn turn, string title, StoreFilter filter, string empty, CancellationToken ct)
    {
        var numbers = await queries.NumbersAsync(filter, turn.Today, ct);
        return numbers.Count == 0 ? Outcome.Say(empty) : await PageAsync(turn, title, numbers, 0, ct);
    }

    /// <summary>
    /// One page of a list from its numbers, which are all remembered (for "更多" and "上面第2条"); only the page shown
    /// is summarised, looked up by number rather than by filtering again.
    /// </summary>
    private async Task<Outcome> PageAsync(Turn turn, string title, IReadOnlyList<int> numbers, int from, CancellationToken ct)
    {
        var page = await queries.PageAsync(turn.Inspection, numbers.Skip(from).Take(ReplyFormat.PageSize).ToList(), turn.Today, ct);
        return ReplyFormat.Page(turn, title, numbers, page, from);
    }

    private static MeasureStatus StatusOf(ListFilter f) => f switch
    {
        ListFilter.NotStarted => MeasureStatus.NotStarted,
        ListFilter.InProgress => MeasureStatus.InProgress,
        ListFilter.Done => MeasureStatus.Done,
        ListFilter.Ongoing => MeasureStatus.Ongoing,
        _ => MeasureStatus.Closed,
    };

    /// <summary>The unit a question is about: the one named, else the sender's own for unit staff, else everything.</summary>
    internal static (int? UnitId, string Scope) Scope(Turn turn, UnitRef? named)
    {
        if (named is not null)
        {
            return (named.Id, named.Name);
        }
        var a = turn.Actor;
        return a.IsOffice || a.IsLeader || a.UnitId is null ? (null, "全局") : (a.UnitId, a.UnitName ?? "本单位");
    }

    private static StoreFilter Filter(Turn turn, int? unitId) => new() { InspectionId = turn.InspectionId, UnitId = unitId, Limit = 1000 };
}
