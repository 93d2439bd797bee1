using RectifyBot.Conversation.Understanding;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Reminders;
using RectifyBot.Store;

namespace RectifyBot.Conversation.Handlers;

/// <summary>
/// The office's queues and the leaders' questions: figures first, then the list, each item a card with the
/// actions that settle it (同意, 退回, 不同意) as buttons.
/// </summary>
public sealed class OfficeHandlers(ReviewQueues queues, LeaderQueries leaders, MeasureQueries measures, Dashboard dashboard, OrganisationClock clock)
{
    // The review queues' titles, remembered with the list: the recogniser reads "第一个过了" under them as a decision on
    // what they hold (RuleIntentRecognizer).
    internal const string ClosesTitle = "待审核的销号申请", ExtensionsTitle = "待审批的延期申请", CoClaimsTitle = "共同认领", TransfersTitle = "待处理的转交申请";

    public async Task<Outcome> PendingClosesAsync(Turn turn, CancellationToken ct)
    {
        var q = await LoadAsync(turn, ct);
        if (q.Closes.Count == 0)
        {
            return Outcome.Say("目前没有待审核的销号申请。");
        }
        var waiting = turn.Today.DayNumber - clock.LocalDate(q.Closes[0].RequestedAt).DayNumber;
        return List(turn, $"{ClosesTitle}共{q.Closes.Count}项，最早的已等{waiting}天（按申请先后）：", ClosesTitle, CloseCards(q));
    }

    public async Task<Outcome> PendingExtensionsAsync(Turn turn, CancellationToken ct)
    {
        var q = await LoadAsync(turn, ct);
        if (q.Extensions.Count == 0)
        {
            return Outcome.Say("目前没有待审批的延期申请。");
        }
        return List(turn, $"{ExtensionsTitle}共{q.Extensions.Count}项（按申请先后）：", ExtensionsTitle, ExtensionCards(q));
    }

    public async Task<Outcome> ReturnedAsync(Turn turn, CancellationToken ct)
    {
        var q = await LoadAsync(turn, ct);
        if (q.Returned.Count == 0)
        {
            return Outcome.Say("没有被退回、等待单位修改的销号申请。");
        }
        return List(turn, $"被退回、等待单位修改后重新申请的共{q.Returned.Count}项：", "被退回的销号申请", ReturnedCards(q));
    }

    public async Task<Outcome> PendingClaimsAsync(Turn turn, CancellationToken ct)
    {
        var q = await LoadAsync(turn, ct);
        if (q.CoClaims.Count == 0)
        {
            return Outcome.Say($"近{ReviewQueues.CoClaimNotice.Days}天没有新的共同认领。");
        }
        return List(turn, $"近{ReviewQueues.CoClaimNotice.Days}天的{CoClaimsTitle}共{q.CoClaims.Count}项，请核实牵头和配合分工：", CoClaimsTitle, CoClaimCards(q));
    }

    public async Task<Outcome> PendingTransfersAsync(Turn turn, CancellationToken ct)
    {
        var q = await LoadAsync(turn, ct);
        if (q.Transfers.Count == 0)
        {
            return Outcome.Say("目前没有待处理的转交申请。");
        }
        return List(turn, $"{TransfersTitle}共{q.Transfers.Count}项（按申请先后）：", TransfersTitle, TransferCards(q));
    }

    /// <summary>The queues as the web's review list shows them: each a title and its cards, the office's own first.</summary>
    public IReadOnlyList<(string Title, IReadOnlyList<MeasureCard> Cards)> Sections(ReviewQueue q) =>
        [("销号待审核", CloseCards(q)), ("延期待审批", ExtensionCards(q)), ("转交待确认", TransferCards(q)), ("共同认领", CoClaimCards(q)), ("已退回，待单位修改", ReturnedCards(q))];

    private List<MeasureCard> CloseCards(ReviewQueue q) => q.Closes.Select(c => Card(c.Number, c.Text, c.Unit, c.AwaitsSignature ? "待领导签字" : "销号待审核",
        $"{Who(c.RequestedBy, c.Unit)}{Day(c.RequestedAt)}申请｜佐证{c.Evidence}份",
        c.AwaitsSignature
            ? [new("签字", $"签字第{c.Number}项"), Details(c.Number)]
            : [new("同意销号", $"同意第{c.Number}项销号"), new("退回", $"退回第{c.Number}项，原因："), Details(c.Number)])).ToList();

    private List<MeasureCard> ExtensionCards(ReviewQueue q) => q.Extensions.Select(x => Card(x.Number, x.Text, x.Unit, "延期待审批",
        $"{x.PreviousDue?.ToString("yyyy-MM-dd") ?? "未定"}→{x.NewDate:yyyy-MM-dd}｜理由：{x.Reason}｜{Who(x.RequestedBy, x.Unit)}{Day(x.RequestedAt)}申请",
        [new("同意延期", $"同意第{x.Number}项延期"), new("不同意", $"不同意第{x.Number}项延期，原因："), Details(x.Number)])).ToList();

    private List<MeasureCard> ReturnedCards(ReviewQueue q) => q.Returned.Select(r => Card(r.Number, r.Text, r.Unit, "已退回待修改",
        $"{(r.ReturnedAt is { } at ? Day(at) : "")}退回：{r.Reason ?? "未写原因"}", [Details(r.Number)])).ToList();

    private List<MeasureCard> TransferCards(ReviewQueue q) => q.Transfers.Select(t => Card(t.Number, t.Text, t.FromUnit, "转交待确认",
        $"{t.FromUnit}→{t.ToUnit}｜{Who(t.RequestedBy, t.FromUnit)}{Day(t.RequestedAt)}申请：“{t.Said}”",
        [new("同意转交", $"同意第{t.Number}项转交"), new("不同意", $"不同意第{t.Number}项转交，原因："), Details(t.Number)])).ToList();

    private List<MeasureCard> CoClaimCards(ReviewQueue q) => q.CoClaims.Select(c => Card(c.Number, c.Text, c.Unit, "共同认领",
        $"{c.Unit}{(c.Staff is null ? "" : $"（{c.Staff}）")}{Day(c.ClaimedAt)}共同认领", [Details(c.Number)])).ToList();

    public async Task<Outcome> RankingAsync(Turn turn, UnitRankingQuery q, CancellationToken ct)
    {
        var stats = await measures.StatsAsync(turn.Inspection, turn.Today, ct);
        var units = stats.Units.Where(u => u.Unit != Figures.NoUnit).ToList();
        var (what, ranked, figure) = q.By switch
        {
            RankBy.CompletionRate => ("完成率",
                (q.SlowestFirst ? units.OrderBy(u => u.CompletionRate) : units.OrderByDescending(u => u.CompletionRate)).ThenByDescending(u => u.Total).ToList(),
                (Func<UnitStats, string>)(u => $"{Figures.Percent(u.CompletionRate)}（{u.Completed}/{u.Total}）")),
            RankBy.NotStarted => ("未启动", units.OrderByDescending(u => u.NotStarted).ThenBy(u => u.CompletionRate).ToList(),
                u => $"{u.NotStarted}项（共{u.Total}项）"),
            _ => ("逾期", units.OrderByDescending(u => u.Overdue).ThenBy(u => u.CompletionRate).ToList(), u => $"{u.Overdue}项（共{u.Total}项）"),
        };
        if (ranked.Count == 0)
        {
            return Outcome.Say("还没有单位牵头或认领措施。");
        }
        var lines = new List<string>
        {
            q.By == RankBy.CompletionRate
                ? $"完成率{(q.SlowestFirst ? "最低" : "最高")}的是{ranked[0].Unit}，{figure(ranked[0])}；{(q.SlowestFirst ? "最高" : "最低")}的是{ranked[^1].Unit}，{figure(ranked[^1])}。全局{ReplyFormat.Totals(stats)}"
                : $"{what}最多的是{ranked[0].Unit}，{figure(ranked[0])}。全局{ReplyFormat.Totals(stats)}",
        };
        // In order, each line opening with the unit's name: the web shows the table instead of these lines.
        lines.AddRange(ranked.Take(12).Select(u => $"{u.Unit}：{what}{figure(u)}"));
        return new Outcome(new Reply(string.Join("\n", lines)) { Table = ReplyFormat.StatsTable(stats, ranked) });
    }

    public async Task<Outcome> CompletedAsync(Turn turn, CompletedQuery q, CancellationToken ct)
    {
        var done = await leaders.CompletedAsync(turn.Inspection, q.Window.From, q.Window.To, ct);
        var window = ReplyFormat.Window(q.Window, turn.Today);
        if (done.Count == 0)
        {
            return Outcome.Say($"{window}没有新完成的措施。");
        }
        var numbers = done.Select(d => d.Number).ToList();
        var page = await measures.PageAsync(turn.Inspection, numbers.Take(ReplyFormat.PageSize).ToList(), turn.Today, ct);
        return ReplyFormat.Page(turn, $"{window}完成的措施（其中已销号{done.Count(d => d.Closed)}项）", numbers, page, 0);
    }

    public async Task<Outcome> StaleAsync(Turn turn, StaleQuery q, CancellationToken ct)
    {
        var days = q.Days ?? LeaderQueries.DefaultStaleDays;
        var (unitId, scope) = QueryHandlers.Scope(turn, q.Unit);
        var numbers = await leaders.StaleAsync(turn.Inspection, unitId, turn.Today, days, ct);
        if (numbers.Count == 0)
        {
            return Outcome.Say($"{scope}没有超过{days}天未更新的措施。");
        }
        var title = $"{scope}超过{days}天没有更新的措施";
        var outcome = await PageOfAsync(turn, title, numbers, ct);
        if (unitId is not null)
        {
            return outcome;
        }
        // Figures first: who they belong to, then the list.
        var all = await measures.PageAsync(turn.Inspection, numbers, turn.Today, ct);
        var byUnit = all.SelectMany(m => m.LeadUnits.DefaultIfEmpty(Figures.NoUnit)).GroupBy(u => u)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}{g.Count()}项");
        return outcome with { Reply = outcome.Reply with { Text = $"按单位：{string.Join("、", byUnit)}。\n" + outcome.Reply.Text } };
    }

    public async Task<Outcome> TrendAsync(Turn turn, CancellationToken ct)
    {
        var data = await dashboard.LoadAsync(turn.Today, ct);
        var thisWeek = await leaders.CompletedAsync(turn.Inspection, turn.Today.AddDays(-6), turn.Today, ct);
        var lastWeek = await leaders.CompletedAsync(turn.Inspection, turn.Today.AddDays(-13), turn.Today.AddDays(-7), ct);
        var lines = new List<string>();
        if (data is { Trend: [.., var before, var now] })
        {
            var delta = now.Overdue - before.Overdue;
            lines.Add($"逾期{now.Overdue}项，上周同日{before.Overdue}项（{(delta == 0 ? "持平" : delta > 0 ? $"多了{delta}项" : $"少了{-delta}项")}）。");
        }
        var pace = thisWeek.Count - lastWeek.Count;
        lines.Add($"近7天完成{thisWeek.Count}项，前7天完成{lastWeek.Count}项（{(pace == 0 ? "进度持平" : pace > 0 ? "加快了" : "放慢了")}）。");
        if (data is not null)
        {
            lines.Add($"总体完成率{data.Percent}。");
        }
        return Outcome.Say(string.Join("\n", lines), [new ReplyAction("各单位排名", "哪个科室逾期最多"), new ReplyAction("没更新的", "两周没更新的有哪些")]);
    }

    /// <summary>
    /// 谢谢 / 收到 / 晚安: one short line and no buttons, answering the courtesy that was said; "大家辛苦了" is said to the group,
    /// so it is not thanked back; a greeting names one thing to say, from this store.
    /// </summary>
    public static Outcome Acknowledge(Turn turn, string text, int example)
    {
        if (text.Contains("晚安") || text.Contains("早点休息"))
        {
            return Outcome.Say("晚安，明天见。");
        }
        if (text.Contains("周末愉快") || text.Contains("周末快乐"))
        {
            return Outcome.Say("周末愉快。");
        }
        if (text.Contains('谢') || (text.Contains("辛苦") && !(text.Contains("大家") || text.Contains("各位"))))
        {
            return Outcome.Say("不客气，有事随时找我。");
        }
        var greeting = new[] { "你好", "您好", "hi", "hello", "在吗", "早上好", "下午好", "晚上好" }.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
        return Outcome.Say(greeting ? $"您好，{turn.Actor.Name}。请说要办的事，例如“第{example}项什么情况”。" : "好的。");
    }

    private Task<ReviewQueue> LoadAsync(Turn turn, CancellationToken ct) => queues.LoadAsync(turn.Inspection, clock.Time.GetUtcNow().UtcDateTime, ct);

    private async Task<Outcome> PageOfAsync(Turn turn, string title, IReadOnlyList<int> numbers, CancellationToken ct) =>
        ReplyFormat.Page(turn, title, numbers, await measures.PageAsync(turn.Inspection, numbers.Take(ReplyFormat.PageSize).ToList(), turn.Today, ct), 0);

    /// <summary>A queue: the count first, then a line and a card per item; the numbers are remembered for "第2条".</summary>
    private static Outcome List(Turn turn, string head, string title, IReadOnlyList<MeasureCard> cards)
    {
        var lines = new List<string> { head };
        lines.AddRange(cards.Select(c => $"（{c.Number}）{c.Text}｜{c.Note}"));
        var numbers = cards.Select(c => c.Number).Distinct().ToList();
        return new Outcome(new Reply(string.Join("\n", lines)) { Measures = cards })
        {
            Measures = numbers,
            Memory = turn.Memory with { LastList = numbers, Shown = numbers.Count, ListTitle = title, Focus = numbers.Count == 1 ? numbers[0] : turn.Memory.Focus, Pending = null },
        };
    }

    private static MeasureCard Card(int number, string text, string? unit, string status, string note, IReadOnlyList<ReplyAction> actions) =>
        new(number, ReplyFormat.Short(text), unit ?? "", null, status, 0, actions) { Note = note };

    private static ReplyAction Details(int number) => new("查看详情", $"第{number}项什么情况");

    private static string Who(string? person, string? unit) => person is null ? "" : unit is null ? person : $"{person}（{unit}）";

    private string Day(DateTime utc) => clock.LocalDate(utc).ToString("M月d日");
}
