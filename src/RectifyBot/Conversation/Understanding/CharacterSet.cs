namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// Which characters a text holds, a bit for each value of a character's lowest 7 bits: a word with a character the
/// text lacks is not in it. The rules look up hundreds of keywords in a message of a few characters, and this
/// settles most of them without searching the text.
/// </summary>
internal readonly struct CharacterSet
{
    private readonly ulong _low;
    private readonly ulong _high;

    public CharacterSet(string text)
    {
        foreach (var c in text)
        {
            if ((c & 64) == 0)
            {
                _low |= 1UL << (c & 63);
            }
            else
            {
                _high |= 1UL << (c & 63);
            }
        }
    }

    /// <summary>False when <paramref name="word"/> is surely not in the text; true when it may be.</summary>
    public bool MayHold(string word)
    {
        foreach (var c in word)
        {
            if ((((c & 64) == 0 ? _low : _high) & (1UL << (c & 63))) == 0)
            {
                return false;
            }
        }
        return true;
    }
}
