namespace RectifyBot.Conversation.Understanding;

/// <summary>The questions back and the "not understood" replies, worded once.</summary>
internal static class Understood
{
    /// <summary>What to say, from the store the user is in: their own unit's short form and the plan's first measure.</summary>
    private static string[] Examples(UnderstandingContext ctx)
    {
        var unit = ctx.Sender.UnitName is { } name ? UnitNameResolver.ShortForm(name) : "我们科";
        var n = Math.Max(ctx.MinMeasure, 1);
        return [$"{unit}逾期", "本周到期的有哪些", $"第{n}项什么情况", $"{n} 完成 已清理3个", "帮助"];
    }

    public static Clarify WhichUnit(string question, IReadOnlyList<UnitName> units, Func<UnitRef?, Intent> make) =>
        new(question, units.Select(u => new ClarifyOption(u.Name, make(new UnitRef(u.Id, u.Name)))).ToList());

    public static Clarify Ask(string question) => new(question, []);

    /// <summary>"这条" with nothing in focus, or "上面第9条" of a shorter list.</summary>
    public static Clarify UnresolvedMeasure { get; } = Ask("没找到您说的那一项，请回复措施编号。");

    public static Clarify WhoAreYou { get; } = new("还不知道您所在的单位。请整改办在人员名册中为您设置单位。", []);

    /// <summary>Nothing to read (empty, emoji, control characters): no model can make more of it.</summary>
    public static NotUnderstood Empty(UnderstandingContext ctx)
    {
        var examples = Examples(ctx);
        return new($"请输入要办的事，例如“{examples[0]}”。回复“帮助”查看全部用法。", examples) { Unreadable = true };
    }

    public static NotUnderstood TooLong(int max, UnderstandingContext ctx) => new($"消息太长（超过{max}字），请分几次发送。", Examples(ctx));

    /// <summary>Not understood: a hint built from what the message did contain, so the user sees the nearest things to say.</summary>
    public static NotUnderstood For(Message m)
    {
        var suggestions = new List<string>();
        if (m.FirstMeasure is { Ref: { } r })
        {
            var n = r.Numbers[0];
            suggestions.Add($"第{n}项什么情况");
            suggestions.Add($"{n} 完成 已做了什么");
            suggestions.Add($"第{n}项申请销号");
        }
        if (m.Unit is UnitFound { Unit: var unit })
        {
            suggestions.Add($"{unit.Name}逾期");
            suggestions.Add($"{unit.Name}还有几项没完成");
        }
        return suggestions.Count == 0
            ? new NotUnderstood("没有看懂。您可以这样说：", Examples(m.Ctx))
            : new NotUnderstood("没有完全看懂。您是想：", suggestions);
    }
}
