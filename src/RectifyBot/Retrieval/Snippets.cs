using System.Text;

namespace RectifyBot.Retrieval;

/// <summary>Cuts the part of a chunk with the most matched words and marks them **bold**.</summary>
internal static class Snippets
{
    private const int Width = 80;

    public static string Make(string text, IReadOnlySet<ulong> terms)
    {
        // Bigrams and words only: a lone matched character (工, 作) highlighted everywhere is noise.
        var marked = new bool[text.Length];
        foreach (var token in ChineseTokenizer.Tokenize(text))
        {
            if (token.Length > 1 && terms.Contains(token.Term))
            {
                marked.AsSpan(token.Start, token.Length).Fill(true);
            }
        }
        var start = BestWindow(marked);
        var end = Math.Min(text.Length, start + Width);
        var sb = new StringBuilder(start > 0 ? "…" : "");
        for (var i = start; i < end; i++)
        {
            if (marked[i] && (i == start || !marked[i - 1]))
            {
                sb.Append("**");
            }
            sb.Append(text[i]);
            if (marked[i] && (i == end - 1 || !marked[i + 1]))
            {
                sb.Append("**");
            }
        }
        return sb.Append(end < text.Length ? "…" : "").ToString();
    }

    private static int BestWindow(bool[] marked)
    {
        if (marked.Length <= Width)
        {
            return 0;
        }
        int count = 0, best = 0, bestStart = 0;
        for (var i = 0; i < marked.Length; i++)
        {
            count += marked[i] ? 1 : 0;
            if (i >= Width)
            {
                count -= marked[i - Width] ? 1 : 0;
            }
            if (count > best)
            {
                best = count;
                bestStart = Math.Max(0, i - Width + 1);
            }
        }
        return Math.Max(0, Math.Min(bestStart, marked.Length - Width));
    }
}
