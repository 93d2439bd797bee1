using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Import;

/// <summary>
/// Items run together inside one paragraph: "一是…。二是…。", "整改措施：1.…；2.…" and "①修订…。②调整…". A split is taken only
/// where the next number follows on (一是 then 二是), so a stray "第二是" in a sentence does not cut it.
/// </summary>
internal static partial class InlineItems
{
    public static IReadOnlyList<(int Ordinal, string Text)> SplitOrdinals(string text) => Split(text, OrdinalStart());

    /// <summary>"1.…；2.…", its numbers read on the folded text (１．) and its items as written (their "，" kept).</summary>
    public static IReadOnlyList<(int Ordinal, string Text)> SplitNumbers(string text) => Split(text, NumberStart(), ChineseText.Fold(text));

    /// <param name="matched">The text the numbers are found in: the text itself, or its folded form (same length).</param>
    private static List<(int Ordinal, string Text)> Split(string text, Regex start, string? matched = null)
    {
        var cuts = new List<(int Index, int Length, int Ordinal, bool Circled)>();
        foreach (Match m in start.Matches(matched ?? text))
        {
            var circled = m.Groups["c"].Success;
            var n = circled ? m.Groups["c"].Value[0] - '①' + 1 : ChineseNumber.Parse(m.Groups["n"].Value) ?? 0;
            // Items go on in the form the first is numbered in: "1.深化工业源治理：①推进…；②…" is one item and its points.
            if (cuts.Count == 0 ? text[..m.Index].Trim().Length == 0 : n == cuts[^1].Ordinal + 1 && circled == cuts[^1].Circled)
            {
                cuts.Add((m.Index, m.Length, n, circled));
            }
        }
        var items = new List<(int, string)>();
        for (var i = 0; i < cuts.Count; i++)
        {
            var from = cuts[i].Index + cuts[i].Length;
            var to = i + 1 < cuts.Count ? cuts[i + 1].Index : text.Length;
            items.Add((cuts[i].Ordinal, text[from..to].Trim().TrimEnd('；', ';', '，', ',')));
        }
        return items;
    }

    [GeneratedRegex(@"(?<=^|[。；;!?！？]\s*)(?<n>[一二三四五六七八九十]{1,2})是[:：,，]?", RegexOptions.CultureInvariant)]
    private static partial Regex OrdinalStart();

    [GeneratedRegex(@"(?<=^|[。；;!?！？]\s*)(?:[(（](?<n>\d{1,2})[)）]|(?<n>\d{1,2})(?:[.、)）](?!\d))|(?<c>[①-⑳]))", RegexOptions.CultureInvariant)]
    private static partial Regex NumberStart();
}
