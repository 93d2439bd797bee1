using RectifyBot.Conversation.Understanding;
using RectifyBot.Domain;
using RectifyBot.Rectification;

namespace RectifyBot.Conversation;

/// <summary>How measures read in a chat: short, the number first, what matters for the question asked.</summary>
public static class ReplyFormat
{
    public const int PageSize = 10;

    public static string Line(MeasureSummary m)
    {
        var due = m.DueDate is { } d ? $"时限{d:yyyy-MM-dd}" : "时限未定";
        var overdue = m.DaysOverdue > 0 ? $"，逾期{m.DaysOverdue}天" : "";
        return $"（{m.Number}）{Short(m.Text)}｜{due}{overdue}｜{m.Status.ToChinese()}";
    }

    /// <summary>A measure as a card, with the buttons the person may use (<see cref="Actions"/>).</summary>
    /// <param name="detail">Whether to offer 查看详情: not under the detail itself.</param>
    public static MeasureCard Card(MeasureSummary m, Actor actor, bool detail = true) => new(m.Number, Short(m.Text), string.Join("、", m.LeadUnits),
        m.DueDate, m.Status.ToChinese(), m.DaysOverdue, Actions(m, actor, detail));

    /// <summary>
    /// The buttons under a measure: what the person usually does next with it, and only what the workflow would let
    /// them do (<see cref="Permissions.MayWrite"/>), so another unit's measure offers its detail alone.
    /// </summary>
    public static IReadOnlyList<ReplyAction> Actions(MeasureSummary m, Actor actor, bool detail = true)
    {
        IReadOnlyList<ReplyAction> next = m.Status switch
        {
            MeasureStatus.Closed => [],
            _ when m.LeadUnits.Count == 0 => actor.UnitId is null ? [] : [new("认领", $"认领第{m.Number}项")],
            _ when !Permissions.MayWrite(actor, m.Holders) => [],
            MeasureStatus.Done => [new("申请销号", $"第{m.Number}项申请销号"), new("更新进展", $"{m.Number} 进展：")],
            _ => [new("更新进展", $"{m.Number} 进展："), new("申请销号", $"第{m.Number}项申请销号")],
        };
        return detail ? [.. next, new("查看详情", $"第{m.Number}项什么情况")] : next;
    }

    /// <summary>
    /// A period as a reply names it, its dates after its words: 下个月（12月1日至12月31日）. The year is written where a
    /// date is not in this year, so that 元月份 asked in December reads as next January, not this one.
    /// </summary>
    public static string Window(DateWindow window, DateOnly today)
    {
        var from = window.From.Year == today.Year && window.To.Year == today.Year ? $"{window.From:M月d日}" : $"{window.From:yyyy年M月d日}";
        var to = window.To.Year == window.From.Year ? $"{window.To:M月d日}" : $"{window.To:yyyy年M月d日}";
        return $"{window.Label}（{from}至{to}）";
    }

    /// <summary>The first clause of a measure: plans open each measure with a short title (常态化严格执行“第一议题”学习制度。).</summary>
    public static string Short(string text, int max = 28)
    {
        var end = text.IndexOfAny(['。', '；', ';']);
        var head = end is > 4 and <= 40 ? text[..end] : text;
        return head.Length <= max ? head : head[..max] + "…";
    }

    /// <summary>
    /// One page of a remembered list of measure numbers, starting at <paramref name="from"/>: on the first page the
    /// count first, then the items, then how to see more. The whole list is remembered, so "更多" and "上面第2条"
    /// refer to what the user saw.
    /// </summary>
    public static Outcome Page(Turn turn, string title, IReadOnlyList<int> numbers, IReadOnlyList<MeasureSummary> page, int from)
    {
        var lines = new List<string>();
        if (from == 0)
        {
            lines.Add($"{title}共{numbers.Count}项：");
        }
        lines.AddRange(page.Select(Line));
        var left = numbers.Count - from - page.Count;
        if (left > 0)
        {
            lines.Add($"还有{left}项，回复“更多”查看。");
        }
        return new Outcome(new Reply(string.Join("\n", lines))
        {
            Measures = page.Select(m => Card(m, turn.Actor)).ToList(),
            Actions = left > 0 ? [new ReplyAction("更多", "更多")] : [],
        })
        {
            Measures = page.Select(m => m.Number).ToList(),
            Memory = turn.Memory with
            {
                LastList = numbers,
                Shown = from + page.Count,
                ListTitle = title,
                Focus = page.Count == 1 ? page[0].Number : turn.Memory.Focus,
                Pending = null,
            },
        };
    }

    /// <summary>The totals' first line, as chat, the command line and the report's figures read.</summary>
    public static string Totals(Stats s) => Sentence(s.All);

    /// <summary>A unit's figures as a sentence: "社会事务科共3项措施，完成0项（完成率0%），…".</summary>
    public static string Totals(UnitStats u) => u.Unit + Sentence(u);

    private static string Sentence(UnitStats u) =>
        $"共{u.Total}项措施，完成{u.Completed}项（完成率{Figures.Percent(u.CompletionRate)}），逾期{u.Overdue}项，未启动{u.NotStarted}项。";

    /// <summary>
    /// The unit table: a row per unit holding measures, a row for measures no unit holds, and 合计 equal to the
    /// header; a measure several units hold counts in each of them, which the note under the table says.
    /// </summary>
    public static ReplyTable StatsTable(Stats s, IEnumerable<UnitStats>? only = null)
    {
        var rows = (only ?? s.Units).Select(Row).ToList();
        if (only is null)
        {
            rows.Add(Row(s.All with { Unit = "合计" }));
        }
        return new ReplyTable(["单位", "措施", "已完成", "已销号", "逾期", "未启动", "完成率"], rows);

        static IReadOnlyList<string> Row(UnitStats u) =>
            [u.Unit, u.Total.ToString(), u.Completed.ToString(), u.Closed.ToString(), u.Overdue.ToString(), u.NotStarted.ToString(), Figures.Percent(u.CompletionRate)];
    }

    /// <summary>Why the unit rows add up to more than the total, when they do.</summary>
    public static string? SharedNote(Stats s) =>
        s.CountedTwice > 0 ? $"有的措施由多个单位共同牵头或认领，在各单位分别计入，各单位合计多出{s.CountedTwice}项。" : null;

    /// <summary>A unit's line in a chat answer.</summary>
    public static string UnitLine(UnitStats u) =>
        $"{u.Unit}：{u.Total}项，完成{u.Completed}，逾期{u.Overdue}，未启动{u.NotStarted}，完成率{Figures.Percent(u.CompletionRate)}";

    /// <summary>One measure in full, as chat and the command line show it.</summary>
    public static string Detail(MeasureDetail d)
    {
        var m = d.Measure;
        var lines = new List<string>
        {
            $"第{m.Number}项｜{m.Status.ToChinese()}{(m.DaysOverdue > 0 ? $"，逾期{m.DaysOverdue}天" : "")}",
            m.Text,
            $"问题：{d.ProblemTitle}",
        };
        if (!Finding.Repeats(d.FindingTitle, d.ProblemTitle))
        {
            lines.Add($"具体表现：{d.FindingTitle}");
        }
        lines.AddRange(
        [
            $"牵头：{Names(m.LeadUnits)}；配合：{Names(m.SupportingUnits)}",
            $"责任领导：{m.ResponsibleLeader ?? "未明确"}；责任人：{d.Owner ?? "未明确"}",
            $"时限：{m.DueDate?.ToString("yyyy-MM-dd") ?? "未定"}（{DeadlineSource(m.Deadline)}）",
        ]);
        if (d.Claims.Count > 0)
        {
            lines.Add($"认领：{string.Join("、", d.Claims.Select(c => c.Unit + (c.IsCoClaim ? "（共同）" : "")))}");
        }
        lines.AddRange(d.Updates.Take(3).Select(u => $"进展 {u.On:M月d日} {u.Staff}：{u.Text}"));
        // What waits on the measure: the unit asking sees it is asked, the office what it has to decide.
        if (d.Extensions.FirstOrDefault(x => x.State == RequestState.Pending) is { } extension)
        {
            lines.Add($"延期申请待审批：延至{extension.NewDate:yyyy-MM-dd}，原因：{extension.Reason}");
        }
        if (d.Transfers.FirstOrDefault(x => x.State == RequestState.Pending) is { } transfer)
        {
            lines.Add($"转交申请待整改办确认：{transfer.From}→{transfer.To}");
        }
        if (d.CloseRequests.FirstOrDefault() is { } close)
        {
            lines.Add(close.State switch
            {
                RequestState.Pending => "销号申请待审核",
                RequestState.Returned => $"销号申请被退回：{close.ReturnReason}",
                RequestState.Approved => "已审核销号",
                RequestState.Reviewed => "销号申请已审核通过，待责任领导签字",
                _ => "销号申请已撤回",
            });
        }
        lines.Add($"佐证材料：{d.Evidence.Count}份");
        return string.Join("\n", lines);
    }

    private static string DeadlineSource(DeadlineView d) => d.Kind switch
    {
        DeadlineKind.NotStated => "方案未写明，按集中整改阶段截止",
        DeadlineKind.Recurring => $"{d.SourceText ?? "定期"}，按期报送",
        DeadlineKind.LongTerm => $"{d.SourceText ?? "长期坚持"}，定期报告",
        _ => d.SourceText ?? "方案所定",
    };

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "未明确" : string.Join("、", names);
}
