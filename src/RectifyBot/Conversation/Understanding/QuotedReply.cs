using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// A reply that quotes an earlier message, as WeCom's client writes it into the text (引用):
/// "「李娜：第45条申请销号，材料已上传」\n- - - - - - - - - - - - - - -\n同意". Only what follows the dashed line is
/// what the sender says; the quote is context. "回复 李娜：…" on the first line is a quote too, and so is the assistant's
/// reply quoted by hand ("你刚回的“…” …"). Channels that carry a quote apart from the text (Teams' blockquote,
/// the WeCom AI bot's <c>quote</c>) write it in the same form (<see cref="Format"/>), so one reader serves them all.
/// </summary>
public static partial class QuotedReply
{
    public static string Format(string? author, string quoted, string reply) =>
        $"「{(string.IsNullOrWhiteSpace(author) ? "" : author.Trim() + "：")}{quoted.Trim()}」\n- - - - - - - - - - - - - - -\n{reply}";

    public static bool TrySplit(string text, [NotNullWhen(true)] out string? reply, [NotNullWhen(true)] out string? quoted)
    {
        if ((text.StartsWith('「') ? Shape().Match(text) : text.StartsWith("回复", StringComparison.Ordinal) ? Replied().Match(text) : text is ['你' or '您', ..] ? Inline().Match(text) : null) is { Success: true } m)
        {
            (reply, quoted) = (m.Groups["reply"].Value, m.Groups["quoted"].Value);
            return true;
        }
        (reply, quoted) = (null, null);
        return false;
    }

    // The author is optional: a quote the channel gives without one ("「第45条申请销号」"); so is the dashed line, which
    // a phone's client leaves out ("「王强：23号申请销号」\n同意销号").
    [GeneratedRegex(@"^「(?:[^：:」\n]{1,30}[：:])?(?<quoted>[^」]*)」[ \t]*\r?\n(?:[ \t]*(?:[-－—][ \t]*){3,}\r?\n)?(?![ \t]*[-－—])(?<reply>[\s\S]*\S[\s\S]*)$")]
    private static partial Regex Shape();

    // "你刚才回的“第66项已逾期11天”😳 那帮我申请延期…": the assistant's words quoted by hand, then the reply.
    [GeneratedRegex(@"^(?:你|您)(?:刚才|刚刚|刚|上面)?(?:回复?|说|发)的\s*[“""「](?<quoted>[^”""」]{2,200})[”""」][\p{So}\p{Cs}\s,，。:：]*(?<reply>\S[\s\S]*)$")]
    private static partial Regex Inline();

    // "回复 王强：第27项申请销号\n退回27，…": the quote on a line of its own, as other clients write it.
    [GeneratedRegex(@"^回复[ \t]*[^：:\n]{1,30}[：:](?<quoted>[^\n]*)\r?\n(?<reply>[\s\S]*\S[\s\S]*)$")]
    private static partial Regex Replied();
}
