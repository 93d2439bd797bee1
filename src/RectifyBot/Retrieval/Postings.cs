namespace RectifyBot.Retrieval;

/// <summary>
/// Writes a term's postings: ascending chunk numbers as varint gaps, each followed by the term's frequency in
/// that chunk as one byte (capped at 255). Short chunks make gaps of one or two bytes the norm.
/// </summary>
internal sealed class PostingsEncoder(Stream output)
{
    private int _last = -1;

    public long Position { get; private set; }

    public void Begin() => _last = -1;

    public void Add(int docno, int frequency)
    {
        var gap = (uint)(docno - _last);
        while (gap >= 0x80)
        {
            output.WriteByte((byte)(gap | 0x80));
            gap >>= 7;
            Position++;
        }
        output.WriteByte((byte)gap);
        output.WriteByte((byte)Math.Min(frequency, 255));
        Position += 2;
        _last = docno;
    }
}

internal static class PostingsDecoder
{
    /// <summary>Calls <paramref name="visit"/> with each (chunk number, frequency) in order.</summary>
    public static void Read<TVisitor>(ReadOnlySpan<byte> data, ref TVisitor visit)
        where TVisitor : struct, IPostingVisitor
    {
        var docno = -1;
        var i = 0;
        while (i < data.Length)
        {
            uint gap = 0;
            var shift = 0;
            byte b;
            do
            {
                b = data[i++];
                gap |= (uint)(b & 0x7F) << shift;
                shift += 7;
            }
            while (b >= 0x80);
            docno += (int)gap;
            visit.Visit(docno, data[i++]);
        }
    }
}

/// <summary>A struct visitor lets the JIT inline the scoring loop over millions of postings.</summary>
internal interface IPostingVisitor
{
    void Visit(int docno, int frequency);
}
