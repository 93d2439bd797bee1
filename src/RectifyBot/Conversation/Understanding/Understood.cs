namespace RectifyBot.Conversation.Understanding;

/// <summary>The questions back and the "not understood" replies, worded once.</summary>
internal static class Understood
{
    // Declared first: the static replies below are built from it.
    private static readonly string[] Examples = ["社事科逾期", "本周到期的有哪些", "第51项什么情况", "51 完成 已清理3个", "帮助"];

    public static Clarify WhichUnit(string question, IReadOnlyList<UnitName> units, Func<UnitRef?, Intent> make) =>
        new(question, units.Select(u => new ClarifyOption(u.Name, make(new UnitRef(u.Id, u.Name)))).ToList());

    public static Clarify Ask(string question) => new(question, []);

    /// <summary>"这条" with nothing in focus, or "上面第9条" of a shorter list.</summary>
    public static Clarify UnresolvedMeasure { get; } = Ask("没找到您说的那一项，请回复措施编号。");

    public static Clarify WhoAreYou { get; } = new("还不知道您所在的单位。请整改办在人员名册中为您设置单位。", []);

    public static NotUnderstood Empty { get; } = new("请输入要办的事，例如“社事科逾期”。回复“帮助”查看全部用法。", Examples);

    public static NotUnderstood TooLong(int max) => new($"消息太长（超过{max}字），请分几次发送。", Examples);

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
            ? new NotUnderstood("没有看懂。您可以这样说：", Examples)
            : new NotUnderstood("没有完全看懂。您是想：", suggestions);
    }
}
