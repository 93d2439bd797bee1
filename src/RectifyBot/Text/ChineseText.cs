using System.Text;

namespace RectifyBot.Text;

/// <summary>Normalisation shared by the importer, the understanding rules and retrieval.</summary>
public static class ChineseText
{
    /// <summary>
    /// Folds full-width ASCII (５１, ：, （ ）, ，) to half-width and ideographic space to space, and leaves
    /// Chinese text and Chinese punctuation that has no half-width twin (、 。 “ ” 《 》) alone.
    /// Documents copied from web pages arrive in either form; matching is done on this folded form.
    /// </summary>
    public static string Fold(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var folded = Fold(c);
            if (folded != c)
            {
                sb ??= new StringBuilder(text, 0, i, text.Length);
            }
            sb?.Append(folded);
        }
        return sb?.ToString() ?? text;
    }

    public static char Fold(char c) => c switch
    {
        '\u3000' => ' ',
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        _ => c,
    };

    /// <summary>
    /// An emoji or a symbol (😊, 👍, ■, 🔶), or part of one: half of a pair, or the selector that asks for the emoji's
    /// colour form (✔️ is ✔ and U+FE0F). What chat messages and pasted articles decorate words with.
    /// </summary>
    public static bool IsSymbol(char c) => char.IsSurrogate(c) || c == '\uFE0F' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherSymbol;

    /// <summary>The text without the emoji, symbols and white space at its ends ("👍已完成✔️ " is "已完成").</summary>
    public static string TrimSymbols(string text)
    {
        var (from, to) = (0, text.Length);
        while (from < to && (IsSymbol(text[from]) || char.IsWhiteSpace(text[from])))
        {
            from++;
        }
        while (to > from && (IsSymbol(text[to - 1]) || char.IsWhiteSpace(text[to - 1])))
        {
            to--;
        }
        return text[from..to];
    }

    public static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>Whether a character takes two columns where text is laid out in fixed widths: CJK and full-width forms.</summary>
    public static bool IsWide(char c) =>
        c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3' or >= '\uF900' and <= '\uFAFF'
            or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6' or '—';
}
