using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Rectification;

namespace RectifyBot.Reminders;

/// <summary>The escalation tiers offices use, most urgent first.</summary>
public enum ReminderTier
{
    /// <summary>逾期: the unit, its responsible leader and the office are told.</summary>
    Red,
    /// <summary>Due within <see cref="ReminderOptions.YellowDays"/>: the unit and its responsible leader.</summary>
    Yellow,
    /// <summary>Due within <see cref="ReminderOptions.GreenDays"/>: the unit.</summary>
    Green,
    /// <summary>长期坚持, not overdue: shown for the next check-in, never urgent.</summary>
    Blue,
}

public static class ReminderTiers
{
    /// <summary>The tier of a measure on <paramref name="today"/>, or null when nothing is owed soon.</summary>
    public static ReminderTier? Of(MeasureStatus status, DeadlineKind kind, DateOnly? due, DateOnly today, ReminderOptions options)
    {
        if (status == MeasureStatus.Closed)
        {
            return null;
        }
        if (Overdue.IsOverdue(status, kind, due, today))
        {
            return ReminderTier.Red;
        }
        if (kind == DeadlineKind.LongTerm || status == MeasureStatus.Ongoing)
        {
            return ReminderTier.Blue;
        }
        // Done awaits the office's review: nothing is owed by the unit.
        if (status == MeasureStatus.Done || due is not { } d)
        {
            return null;
        }
        var days = d.DayNumber - today.DayNumber;
        return days <= options.YellowDays ? ReminderTier.Yellow : days <= options.GreenDays ? ReminderTier.Green : null;
    }

    public static string Label(this ReminderTier tier) => tier switch
    {
        ReminderTier.Red => "红色（已逾期）",
        ReminderTier.Yellow => "黄色（临近到期）",
        ReminderTier.Green => "绿色（即将到期）",
        _ => "蓝色（长期坚持）",
    };

    public static string Short(this ReminderTier tier) => tier switch
    {
        ReminderTier.Red => "红",
        ReminderTier.Yellow => "黄",
        ReminderTier.Green => "绿",
        _ => "蓝",
    };
}

/// <summary>Who a digest is for. <see cref="Key"/> names it in <see cref="ReminderLog"/>: unit:5, leader:12, office.</summary>
public sealed record DigestAudience(string Key, string Name, int? UnitId, int? LeaderId)
{
    public bool IsOffice => Key == Office.Key;

    public static DigestAudience Office { get; } = new("office", "整改办", null, null);

    public static DigestAudience Unit(int id, string name) => new($"unit:{id}", name, id, null);

    public static DigestAudience Leader(int staffId, string name) => new($"leader:{staffId}", name, null, staffId);
}

/// <summary>One measure in a digest.</summary>
public sealed record DigestItem(int Number, string Text, ReminderTier Tier, DateOnly? DueDate, int DaysLeft, string Units, MeasureStatus Status)
{
    /// <summary>逾期32天 / 还有8天到期 / 下次报告12月31日.</summary>
    public string When => Tier switch
    {
        ReminderTier.Red => $"逾期{-DaysLeft}天",
        ReminderTier.Blue => DueDate is { } d ? $"下次报告{d:M月d日}" : "长期坚持",
        _ => DaysLeft == 0 ? "今天到期" : $"还有{DaysLeft}天到期（{DueDate:M月d日}）",
    };
}

/// <summary>
/// One audience's reminder for one day: counts per tier and the measures, most urgent first, each with the
/// actions the reader takes next. Rendered as a chat reply or as WeCom markdown from the same lines.
/// </summary>
public sealed record Digest(DigestAudience Audience, DateOnly Day, IReadOnlyList<DigestItem> Items)
{
    /// <summary>How many items a message lists before it says "等N项".</summary>
    public const int Listed = 10;

    public int Count(ReminderTier tier) => Items.Count(i => i.Tier == tier);

    /// <summary>Measures still owed work with no update for <see cref="LeaderQueries.DefaultStaleDays"/> days, longest silent first.</summary>
    public IReadOnlyList<int> Stale { get; init; } = [];

    /// <summary>Worth sending: something is red, yellow or green (blue alone is not news), or has not moved.</summary>
    public bool IsDue => Items.Any(i => i.Tier != ReminderTier.Blue) || Stale.Count > 0;

    public string Title => $"{Day:yyyy年M月d日}整改提醒（{Audience.Name}）";

    public string Summary => string.Join("，", Enum.GetValues<ReminderTier>().Where(t => Count(t) > 0).Select(t => $"{t.Label()}{Count(t)}项"));

    public Reply ToReply() => new(string.Join("\n", Lines(markdown: false)))
    {
        Measures = Items.Take(Listed).Select(i => new MeasureCard(i.Number, i.Text, i.Units, i.DueDate, i.Status.ToChinese(),
            i.Tier == ReminderTier.Red ? -i.DaysLeft : 0, Actions(i.Number))).ToList(),
        Actions = Items.Count > 0 ? Actions(Items[0].Number) : [],
    };

    public string ToMarkdown() => string.Join("\n", Lines(markdown: true));

    /// <summary>更新进展 / 申请销号 / 申请延期 / 查看详情, as words the recogniser understands.</summary>
    public static IReadOnlyList<ReplyAction> Actions(int number) =>
    [
        new("更新进展", $"{number} 进展："),
        new("申请销号", $"第{number}项申请销号"),
        new("申请延期", $"第{number}项申请延期"),
        new("查看详情", $"第{number}项什么情况"),
    ];

    private IEnumerable<string> Lines(bool markdown)
    {
        yield return markdown ? $"**{Title}**" : Title;
        yield return Items.Count == 0 ? "今天没有需要提醒的措施。" : Summary + "。";
        foreach (var i in Items.Take(Listed))
        {
            var when = markdown ? $"<font color=\"{(i.Tier == ReminderTier.Red ? "warning" : i.Tier == ReminderTier.Blue ? "comment" : "info")}\">{i.When}</font>" : i.When;
            yield return $"【{i.Tier.Short()}】第{i.Number}项 {when}：{Shorten(i.Text)}";
        }
        if (Items.Count > Listed)
        {
            yield return $"……等{Items.Count}项。";
        }
        if (Stale.Count > 0)
        {
            var named = string.Join("、", Stale.Take(Listed));
            yield return $"超过{LeaderQueries.DefaultStaleDays}天没有更新：第{named}项{(Stale.Count > Listed ? $"等{Stale.Count}项" : "")}。";
        }
        if (Items.Count > 0 && !Audience.IsOffice)
        {
            var n = Items[0].Number;
            yield return $"回复“{n} 进展：做了什么”更新进展，“第{n}项申请销号”，“第{n}项申请延期到…，原因…”，或“第{n}项什么情况”。";
        }
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "…";
}
