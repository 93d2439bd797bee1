using System.Text;

namespace RectifyBot.Text;

/// <summary>
/// Text as it arrives from any channel (WeCom, Teams, the web page and its forms, the command line), made safe
/// to store and to write into documents: one newline convention, nothing XML 1.0 forbids (C0 control characters
/// other than tab and newline, lone surrogates, U+FFFE and U+FFFF: a ledger or report holding one cannot be
/// opened), and a length cap. Every channel's text goes through <see cref="Clean"/> before it is read or stored;
/// the document writers pass what they write through <see cref="ForXml"/>, because an older store may already
/// hold such text.
/// </summary>
public static class InputText
{
    /// <summary>
    /// Newlines normalised to \n, forbidden characters dropped, and at most <paramref name="maxLength"/> characters
    /// kept (never half a surrogate pair).
    /// </summary>
    public static string Clean(string? text, int maxLength = int.MaxValue)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var sb = new StringBuilder(Math.Min(text.Length, maxLength));
        for (var i = 0; i < text.Length && sb.Length < maxLength; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                sb.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c is '\u2028' or '\u2029')
            {
                sb.Append('\n');
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (sb.Length + 2 > maxLength)
                {
                    break;
                }
                sb.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (IsXmlChar(c))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>The text with what XML 1.0 forbids removed; the same string when there is nothing to remove (the usual case).</summary>
    public static string ForXml(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!IsXmlChar(c))
            {
                return Clean(text);
            }
        }
        return text;
    }

    /// <summary>A character XML 1.0 allows on its own (a surrogate only as half of a pair, which the callers check).</summary>
    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' || (c >= '\u0020' && !char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF'));
}
