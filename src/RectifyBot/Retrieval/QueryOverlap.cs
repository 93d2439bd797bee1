namespace RectifyBot.Retrieval;

/// <summary>
/// Whether a retrieved text is about the query at all. BM25 always returns something, since unigrams let any
/// shared character score, so a search shown to users and a draft built from hits first check that a text
/// shares real words (bigrams) with the query: two for a short query, a fifth of them for a long one, where
/// two common words (工作, 责任) would let almost anything through.
/// </summary>
public static class QueryOverlap
{
    private const int ShortQuery = 10;

    public static bool Relevant(string query, string text)
    {
        var wanted = Bigrams(query);
        if (wanted.Count == 0)
        {
            return false;
        }
        var shared = Shared(wanted, text);
        var needed = wanted.Count <= ShortQuery ? Math.Min(2, wanted.Count) : Math.Max(2, wanted.Count / 5);
        return shared >= needed;
    }

    /// <summary>How many of the query's words (bigrams) the text shares.</summary>
    public static int Shared(string query, string text) => Shared(Bigrams(query), text);

    private static int Shared(HashSet<ulong> wanted, string text) => wanted.Count(Bigrams(text).Contains);

    private static HashSet<ulong> Bigrams(string text) =>
        [.. ChineseTokenizer.Tokenize(text).Where(t => ChineseTokenizer.IsBigram(t.Term)).Select(t => t.Term)];
}
