using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// A 报告 or 请示 pasted as an office writes it: a title line ("关于第12项整改落实情况的报告"), whom it is to ("局整改办："),
/// the body, then its frame (附件 and their numbered lines, 联系人 and 电话, 特此申请, 妥否请批示, the unit and the date).
/// Only the body says what is reported or asked; the title names what it is about when the body does not.
/// </summary>
internal static partial class FormalLetter
{
    public static bool TryUnwrap(string text, [NotNullWhen(true)] out string? body, [NotNullWhen(true)] out string? title)
    {
        (body, title) = (null, null);
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 2 || Title().Match(lines[0]) is not { Success: true } heading)
        {
            return false;
        }
        var start = Addressee().IsMatch(lines[1]) ? 2 : 1;
        var end = start;
        while (end < lines.Length && !Frame().IsMatch(lines[end]))
        {
            end++;
        }
        if (end == start)
        {
            return false;
        }
        // "关于第68项整改措施落实情况": what the letter is about, without what kind of letter it is.
        (body, title) = (string.Join("\n", lines[start..end]), lines[0][..heading.Groups["kind"].Index]);
        return true;
    }

    [GeneratedRegex(@"^关于\S{2,40}?(?<kind>的?(?:报告|申请|请示|函))$")]
    private static partial Regex Title();

    // "局整改办：", "县委巡察整改办公室：".
    [GeneratedRegex(@"^[^\s，。,；;]{2,12}[：:]$")]
    private static partial Regex Addressee();

    // What closes a letter: its attachments, whom to call, its formulas, the unit signing it and the date.
    [GeneratedRegex(@"^(?:附件|联系人|联系电话|电话|特此|妥否|请予|此致|\d{4}年\d{1,2}月\d{1,2}日$|\S{2,12}(?:科|室|中心|局|办|组|所|站|队)$)")]
    private static partial Regex Frame();
}
