using RectifyBot.Text;

namespace RectifyBot.Retrieval;

/// <summary>A term and where it sits in the source text (for snippets).</summary>
public readonly record struct Token(ulong Term, int Start, int Length);

/// <summary>
/// Chinese without a segmentation library: every Han character is a unigram term and every adjacent pair a
/// bigram term, so a two-character word always matches as a bigram and longer words as overlapping bigrams.
/// Latin words and digit runs are whole terms. A term is a 64-bit key rather than a string, which keeps
/// indexing a million chunks free of string allocation: a unigram is its UTF-16 code, a bigram packs two
/// codes, and a word is a tagged hash.
/// </summary>
public static class ChineseTokenizer
{
    private const ulong WordTag = 1UL << 40;
    private const ulong NumberTag = 2UL << 40;

    // Particles that carry no meaning alone; they still form bigrams (的 excepted) so phrases keep matching.
    private static readonly bool[] StopCharacters = Table("的了和与及并等或之也而在是对将把被于以为其各有不一中上下个");

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(text.Length * 2);
        Tokenize(text, tokens);
        return tokens;
    }

    public static void Tokenize(ReadOnlySpan<char> text, List<Token> tokens)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (ChineseText.IsHan(c))
            {
                if (!StopCharacters[c])
                {
                    tokens.Add(new Token(c, i, 1));
                }
                if (i + 1 < text.Length && text[i + 1] is var next && ChineseText.IsHan(next) && c != '的' && next != '的')
                {
                    tokens.Add(new Token(Bigram(c, next), i, 2));
                }
                i++;
            }
            else if (char.IsAsciiLetterOrDigit(c = Normalize(c)))
            {
                var start = i;
                var digits = char.IsAsciiDigit(c);
                ulong hash = 14695981039346656037UL;
                while (i < text.Length && Normalize(text[i]) is var d && char.IsAsciiLetterOrDigit(d) && char.IsAsciiDigit(d) == digits)
                {
                    hash = (hash ^ d) * 1099511628211UL;
                    i++;
                }
                tokens.Add(new Token((digits ? NumberTag : WordTag) | (hash & 0xFFFFFFFFFFUL), start, i - start));
            }
            else
            {
                i++;
            }
        }
    }

    public static ulong Bigram(char first, char second) => ((ulong)first << 16) | second;

    public static bool IsBigram(ulong term) => term is > 0xFFFF and < WordTag;

    public static bool IsNumber(ulong term) => (term & NumberTag) != 0;

    // Han characters need no folding; only ASCII and its full-width twins do.
    private static char Normalize(char c) => char.ToLowerInvariant(ChineseText.Fold(c));

    private static bool[] Table(string characters)
    {
        var table = new bool[char.MaxValue + 1];
        foreach (var c in characters)
        {
            table[c] = true;
        }
        return table;
    }
}
