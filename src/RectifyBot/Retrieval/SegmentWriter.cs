using Microsoft.Data.Sqlite;

namespace RectifyBot.Retrieval;

/// <summary>
/// Stores chunks and collects their postings in memory, then writes them as one segment: a postings row per
/// term. Chunk numbers only grow, so each segment's postings are already in order.
/// </summary>
internal sealed class SegmentWriter
{
    private readonly SqliteConnection _connection;
    private readonly LexicalIndex.ChunkTable _table;
    private readonly SqliteCommand _insert;
    private readonly Dictionary<ulong, PostingsWriter> _postings = [];
    private readonly List<Token> _tokens = [];
    private ulong[] _terms = new ulong[256];
    private int _next;
    private int _nextGroup;

    public SegmentWriter(SqliteConnection connection, LexicalIndex.ChunkTable table)
    {
        _connection = connection;
        _table = table;
        _next = table.Capacity;
        _nextGroup = table.NextGroup;
        _insert = LexicalIndex.Command(connection,
            "INSERT INTO chunks(docno, id, document, organisation, year, kind, location, measure, text, length, grp) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10)",
            new object?[11]);
    }

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
        var docno = _next++;
        _tokens.Clear();
        ChineseTokenizer.Tokenize(chunk.Text, _tokens);
        if (_terms.Length < _tokens.Count)
        {
            _terms = new ulong[_tokens.Count * 2];
        }
        for (var i = 0; i < _tokens.Count; i++)
        {
            _terms[i] = _tokens[i].Term;
        }
        var terms = _terms.AsSpan(0, _tokens.Count);
        terms.Sort();
        for (var i = 0; i < terms.Length;)
        {
            var j = i + 1;
            while (j < terms.Length && terms[j] == terms[i])
            {
                j++;
            }
            if (!_postings.TryGetValue(terms[i], out var writer))
            {
                _postings[terms[i]] = writer = new PostingsWriter();
            }
            writer.Add(docno, j - i);
            i = j;
        }

        object?[] values = [docno, chunk.Id, document, chunk.Organisation, chunk.Year, (int)chunk.Kind, chunk.Location, chunk.Measure, chunk.Text, terms.Length, group];
        for (var i = 0; i < values.Length; i++)
        {
            _insert.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        _insert.ExecuteNonQuery();
        _table.Set(docno, terms.Length, chunk.Kind, chunk.Year, chunk.Organisation, group);
    }

    public void Flush()
    {
        if (_postings.Count > 0)
        {
            var segment = Convert.ToInt64(LexicalIndexScalar("SELECT COALESCE(MAX(segment) + 1, 0) FROM postings"));
            using var insert = LexicalIndex.Command(_connection, "INSERT INTO postings(term, segment, df, data) VALUES ($p0, $p1, $p2, $p3)", 0L, segment, 0, Array.Empty<byte>());
            foreach (var (term, writer) in _postings.OrderBy(p => p.Key))
            {
                insert.Parameters[0].Value = (long)term;
                insert.Parameters[2].Value = writer.Count;
                insert.Parameters[3].Value = writer.Bytes.ToArray();
                insert.ExecuteNonQuery();
            }
            _postings.Clear();
        }
        LexicalIndex.Execute(_connection, "INSERT OR REPLACE INTO meta(key, value) VALUES ('next_docno', $p0)", _next);
        _table.Reserve(_next);
        _table.RecomputeNorms();
    }

    private object? LexicalIndexScalar(string sql)
    {
        using var command = LexicalIndex.Command(_connection, sql);
        return command.ExecuteScalar();
    }
}
