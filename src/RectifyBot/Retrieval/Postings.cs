namespace RectifyBot.Retrieval;

/// <summary>
/// A term's postings in one segment: ascending chunk numbers as varint gaps, each followed by the term's
/// frequency in that chunk (capped at 255). Short chunks make gaps of one or two bytes the norm.
/// </summary>
internal sealed class PostingsWriter
{
    private byte[] _buffer = new byte[8];
    private int _length;
    private int _last = -1;

    public int Count { get; private set; }

    public void Add(int docno, int frequency)
    {
        if (_buffer.Length - _length < 6)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var gap = (uint)(docno - _last);
        while (gap >= 0x80)
        {
            _buffer[_length++] = (byte)(gap | 0x80);
            gap >>= 7;
        }
        _buffer[_length++] = (byte)gap;
        _buffer[_length++] = (byte)Math.Min(frequency, 255);
        _last = docno;
        Count++;
    }

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, _length);
}

internal static class PostingsReader
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
