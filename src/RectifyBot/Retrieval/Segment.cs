using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RectifyBot.Retrieval;

/// <summary>Where a term's postings sit in a segment's postings file.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct TermEntry(ulong Term, long Offset, int Df, int Length);

/// <summary>
/// An immutable part of the inverted index: <c>N.terms</c>, the terms in ascending order as fixed-size
/// <see cref="TermEntry"/> records, and <c>N.postings</c>, their postings end to end. Only every 64th term is
/// held in memory; a lookup reads one 1.5 KB block of the terms file, so a million-chunk index costs a few
/// MB of memory for its dictionary, and the postings are read from the file (the OS caches them, not us).
/// </summary>
internal sealed class Segment : IDisposable
{
    private const int Block = 64;
    private static readonly int EntrySize = Marshal.SizeOf<TermEntry>();

    private readonly SafeFileHandle _terms;
    private readonly SafeFileHandle _postings;
    private readonly ulong[] _sparse;

    private Segment(string folder, long id)
    {
        Id = id;
        _terms = File.OpenHandle(TermsPath(folder, id));
        _postings = File.OpenHandle(PostingsPath(folder, id));
        Count = (int)(RandomAccess.GetLength(_terms) / EntrySize);
        _sparse = new ulong[(Count + Block - 1) / Block];
        var entry = new TermEntry[1];
        for (var b = 0; b < _sparse.Length; b++)
        {
            RandomAccess.Read(_terms, MemoryMarshal.AsBytes(entry.AsSpan()), (long)b * Block * EntrySize);
            _sparse[b] = entry[0].Term;
        }
    }

    public long Id { get; }

    public int Count { get; }

    public long Size => RandomAccess.GetLength(_postings);

    public static Segment Open(string folder, long id) => new(folder, id);

    public static string TermsPath(string folder, long id) => Path.Combine(folder, $"{id:D8}.terms");

    public static string PostingsPath(string folder, long id) => Path.Combine(folder, $"{id:D8}.postings");

    public TermEntry? Find(ulong term)
    {
        var b = Array.BinarySearch(_sparse, term);
        b = b >= 0 ? b : ~b - 1;
        if (b < 0)
        {
            return null;
        }
        var n = Math.Min(Block, Count - b * Block);
        Span<TermEntry> block = stackalloc TermEntry[Block];
        block = block[..n];
        RandomAccess.Read(_terms, MemoryMarshal.AsBytes(block), (long)b * Block * EntrySize);
        var lo = 0;
        var hi = n - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (block[mid].Term == term)
            {
                return block[mid];
            }
            if (block[mid].Term < term)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return null;
    }

    /// <summary>Reads a term's postings and hands them to <paramref name="visit"/>.</summary>
    public void Read<TVisitor>(TermEntry entry, ref TVisitor visit)
        where TVisitor : struct, IPostingVisitor
    {
        var buffer = ArrayPool<byte>.Shared.Rent(entry.Length);
        try
        {
            var data = buffer.AsSpan(0, entry.Length);
            RandomAccess.Read(_postings, data, entry.Offset);
            PostingsDecoder.Read(data, ref visit);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>All term entries, in order; for merging.</summary>
    public TermEntry[] Entries()
    {
        var entries = new TermEntry[Count];
        RandomAccess.Read(_terms, MemoryMarshal.AsBytes(entries.AsSpan()), 0);
        return entries;
    }

    public void Dispose()
    {
        _terms.Dispose();
        _postings.Dispose();
    }

    /// <summary>Writes a segment's two files; the caller supplies terms in ascending order.</summary>
    internal sealed class Writer : IDisposable
    {
        private readonly FileStream _terms;
        private readonly FileStream _postings;
        private readonly PostingsEncoder _encoder;
        private ulong _term;
        private long _start;
        private int _df;

        public Writer(string folder, long id)
        {
            _terms = new FileStream(TermsPath(folder, id), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            _postings = new FileStream(PostingsPath(folder, id), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            _encoder = new PostingsEncoder(_postings);
        }

        public void BeginTerm(ulong term)
        {
            _term = term;
            _start = _encoder.Position;
            _df = 0;
            _encoder.Begin();
        }

        public void Add(int docno, int frequency)
        {
            _encoder.Add(docno, frequency);
            _df++;
        }

        public void EndTerm()
        {
            if (_df > 0)
            {
                var entry = new TermEntry(_term, _start, _df, (int)(_encoder.Position - _start));
                _terms.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<TermEntry>(in entry)));
            }
        }

        /// <summary>Flushes to disk, so the SQLite commit that lists the segment never names a partial file.</summary>
        public void Complete()
        {
            _terms.Flush(flushToDisk: true);
            _postings.Flush(flushToDisk: true);
        }

        public void Dispose()
        {
            _terms.Dispose();
            _postings.Dispose();
        }
    }

    /// <summary>
    /// Writes one segment holding the live postings of <paramref name="sources"/>. Sources have disjoint chunk
    /// numbers and are passed in ascending order of them, so concatenating each term's postings keeps order.
    /// </summary>
    public static void Merge(IReadOnlyList<Segment> sources, string folder, long id, Func<int, bool> isLive)
    {
        var entries = sources.Select(s => s.Entries()).ToArray();
        var positions = new int[sources.Count];
        var heap = new PriorityQueue<int, ulong>();
        for (var s = 0; s < sources.Count; s++)
        {
            if (entries[s].Length > 0)
            {
                heap.Enqueue(s, entries[s][0].Term);
            }
        }
        using var writer = new Writer(folder, id);
        var copy = new LiveCopy(writer, isLive);
        while (heap.TryPeek(out _, out var term))
        {
            writer.BeginTerm(term);
            // Sources holding this term come off the heap in any order; visit them by chunk-number order.
            var holding = new List<int>();
            while (heap.TryPeek(out var s, out var t) && t == term)
            {
                heap.Dequeue();
                holding.Add(s);
            }
            holding.Sort();
            foreach (var s in holding)
            {
                sources[s].Read(entries[s][positions[s]], ref copy);
                if (++positions[s] < entries[s].Length)
                {
                    heap.Enqueue(s, entries[s][positions[s]].Term);
                }
            }
            writer.EndTerm();
        }
        writer.Complete();
    }

    private readonly struct LiveCopy(Writer writer, Func<int, bool> isLive) : IPostingVisitor
    {
        public void Visit(int docno, int frequency)
        {
            if (isLive(docno))
            {
                writer.Add(docno, frequency);
            }
        }
    }
}
