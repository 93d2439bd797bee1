using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// A reply that quotes an earlier message, as WeCom's client writes it into the text (引用):
/// "「李娜：第45条申请销号，材料已上传」\n- - - - - - - - - - - - - - -\n同意". Only what follows the dashed line is
/// what the sender says; the quote is context. Channels that carry a quote apart from the text (Teams' blockquote,
/// the WeCom AI bot's <c>quote</c>) write it in the same form (<see cref="Format"/>), so one reader serves them all.
/// </summary>
public static partial class QuotedReply
{
    public static string Format(string? author, string quoted, string reply) =>
        $"「{(string.IsNullOrWhiteSpace(author) ? "" : author.Trim() + "：")}{quoted.Trim()}」\n- - - - - - - - - - - - - - -\n{reply}";

    public static bool TrySplit(string text, [NotNullWhen(true)] out string? reply, [NotNullWhen(true)] out string? quoted)
    {
        if (text.StartsWith('「') && Shape().Match(text) is { Success: true } m)
        {
            (reply, quoted) = (m.Groups["reply"].Value, m.Groups["quoted"].Value);
            return true;
        }
        (reply, quoted) = (null, null);
        return false;
    }

    // The author is optional: a quote the channel gives without one ("「第45条申请销号」").
    [GeneratedRegex(@"^「(?:[^：:」\n]{1,30}[：:])?(?<quoted>[^」]*)」[ \t]*\r?\n[ \t]*(?:[-－—][ \t]*){3,}\r?\n(?<reply>[\s\S]*\S[\s\S]*)$")]
    private static partial Regex Shape();
}
