using Microsoft.Data.Sqlite;

namespace RectifyBot.Retrieval;

/// <summary>
/// Stores chunks and turns their terms into segments. Every term occurrence becomes one 64-bit key, term in
/// the high bits and the chunk's number within the segment in the low 20, and a radix sort of the keys
/// yields each term's postings in order with repeats counted: no per-term dictionary, which at a million
/// distinct terms is where a build spends its time on cache misses.
/// </summary>
internal sealed class SegmentWriter : IDisposable
{
    private const int DocBits = 20;
    private const int MaxKeys = 48_000_000;

    private readonly SqliteConnection _connection;
    private readonly ChunkTable _table;
    private readonly SqliteCommand _insert;
    private readonly Func<long> _newSegment;
    private readonly string _folder;
    private readonly List<Token> _tokens = [];
    private ulong[] _keys = new ulong[1 << 16];
    private int _count;
    private int _base;
    private int _next;
    private int _nextGroup;

    public SegmentWriter(SqliteConnection connection, ChunkTable table, string folder, Func<long> newSegment)
    {
        _folder = folder;
        _connection = connection;
        _table = table;
        _newSegment = newSegment;
        _base = _next = table.Capacity;
        _nextGroup = table.NextGroup;
        _insert = LexicalIndex.Command(connection,
            "INSERT INTO chunks(docno, id, document, organisation, year, kind, location, measure, text, length, grp) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10)",
            new object?[11]);
    }

    /// <summary>Ids of the segments written so far, for the caller to record in the same transaction.</summary>
    public List<long> Written { get; } = [];

    public void Add(string document, IReadOnlyList<Chunk> chunks)
    {
        // Measures at one location are siblings; they are numbered consecutively so a search finds a
        // chunk's siblings next to it. Every other chunk is a group of its own.
        foreach (var group in chunks.GroupBy(c => c.Measure is null ? "\0" + c.Id : c.Location))
        {
            var groupId = _nextGroup++;
            foreach (var chunk in group)
            {
                Add(document, chunk, groupId);
            }
        }
    }

    private void Add(string document, Chunk chunk, int group)
    {
        _tokens.Clear();
        ChineseTokenizer.Tokenize(chunk.Text, _tokens);
        if (_next - _base >= 1 << DocBits || _count + _tokens.Count > MaxKeys)
        {
            Flush();
        }
        if (_keys.Length < _count + _tokens.Count)
        {
            Array.Resize(ref _keys, Math.Max(_keys.Length * 2, _count + _tokens.Count));
        }
        var docno = _next++;
        var local = (ulong)(docno - _base);
        foreach (var token in _tokens)
        {
            _keys[_count++] = token.Term << DocBits | local;
        }

        object?[] values = [docno, chunk.Id, document, chunk.Organisation, chunk.Year, (int)chunk.Kind, chunk.Location, chunk.Measure, chunk.Text, _tokens.Count, group];
        for (var i = 0; i < values.Length; i++)
        {
            _insert.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        _insert.ExecuteNonQuery();
        _table.Set(docno, _tokens.Count, chunk.Kind, chunk.Year, chunk.Organisation, group);
    }

    /// <summary>Writes the keys gathered so far as a segment.</summary>
    public void Flush()
    {
        if (_count > 0)
        {
            var keys = _keys.AsSpan(0, _count);
            RadixSort(keys);
            var id = _newSegment();
            using (var writer = new Segment.Writer(_folder, id))
            {
                const ulong docMask = (1UL << DocBits) - 1;
                for (var i = 0; i < keys.Length;)
                {
                    var term = keys[i] >> DocBits;
                    writer.BeginTerm(term);
                    while (i < keys.Length && keys[i] >> DocBits == term)
                    {
                        var j = i + 1;
                        while (j < keys.Length && keys[j] == keys[i])
                        {
                            j++;
                        }
                        writer.Add(_base + (int)(keys[i] & docMask), j - i);
                        i = j;
                    }
                    writer.EndTerm();
                }
                writer.Complete();
            }
            Written.Add(id);
            _count = 0;
        }
        _base = _next;
        LexicalIndex.Execute(_connection, "INSERT OR REPLACE INTO meta(key, value) VALUES ('next_docno', $p0)", _next);
        _table.Reserve(_next);
    }

    public void Dispose() => _insert.Dispose();

    /// <summary>LSD radix sort on 16-bit digits, skipping digits all keys share (most high ones).</summary>
    private static void RadixSort(Span<ulong> keys)
    {
        var buffer = new ulong[keys.Length];
        Span<ulong> from = keys, to = buffer;
        var counts = new int[1 << 16];
        for (var shift = 0; shift < 64; shift += 16)
        {
            Array.Clear(counts);
            foreach (var k in from)
            {
                counts[(int)(k >> shift) & 0xFFFF]++;
            }
            if (counts[(int)(from[0] >> shift) & 0xFFFF] == from.Length)
            {
                continue;
            }
            var sum = 0;
            for (var d = 0; d < counts.Length; d++)
            {
                (counts[d], sum) = (sum, sum + counts[d]);
            }
            foreach (var k in from)
            {
                to[counts[(int)(k >> shift) & 0xFFFF]++] = k;
            }
            var swap = from;
            from = to;
            to = swap;
        }
        if (from != keys)
        {
            from.CopyTo(keys);
        }
    }
}
