using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace RectifyBot.Retrieval;

/// <summary>
/// The embedded default: BM25 over Chinese unigram and bigram terms, with sibling measures ranked together.
/// In the data folder, <c>retrieval.db</c> (SQLite) holds the chunks, their documents' hashes and the list
/// of live segments, and <c>segments/</c> holds the inverted index as immutable <see cref="Segment"/> files,
/// one or more per batch of additions, merged when they pile up. SQLite's commit is the atomic step: a
/// segment file exists before the commit that lists it, and unlisted files are swept at open. The postings
/// are our own format rather than FTS5 because FTS5 cannot weight unigrams against bigrams or stop reading
/// low-value terms, and a million-chunk build through it measured far below 10 MB/s.
/// What a search needs per chunk (length, kind, year, organisation, group) is held in memory: about 20 bytes
/// a chunk, 20 MB for a million.
/// </summary>
public sealed class LexicalIndex : IDisposable
{
    public const string FileName = "retrieval.db";

    internal const float K1 = 1.2f;
    internal const float B = 0.75f;
    private const int MaxQueryTerms = 48;
    // Stop reading terms once this many postings have been scored; the terms left are the commonest ones,
    // whose IDF adds little. This is what keeps p99 bounded on a million chunks.
    private const long PostingsBudget = 2_000_000;
    private const int Candidates = 60;
    private const int MaxGroupSize = 40;
    private const int MaxSegments = 8;
    // A chunk's final score is its own BM25 plus this share of the best BM25 in its group, so the measures of
    // a finding whose best measure matches well come back together.
    private const float SiblingShare = 0.6f;

    private readonly string _connectionString;
    private readonly string _segmentFolder;
    private readonly List<Segment> _segments = [];
    private readonly ReaderWriterLockSlim _lock = new();
    private ChunkTable _table = new();

    private LexicalIndex(string dataFolder)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, FileName), Pooling = true }.ToString();
        _segmentFolder = Path.Combine(dataFolder, "segments");
        Directory.CreateDirectory(_segmentFolder);
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS documents(id TEXT PRIMARY KEY, hash TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS chunks(
                docno INTEGER PRIMARY KEY, id TEXT NOT NULL, document TEXT NOT NULL, organisation TEXT, year INTEGER,
                kind INTEGER NOT NULL, location TEXT NOT NULL, measure INTEGER, text TEXT NOT NULL,
                length INTEGER NOT NULL, grp INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS chunks_document ON chunks(document);
            CREATE INDEX IF NOT EXISTS chunks_id ON chunks(id);
            CREATE TABLE IF NOT EXISTS segments(id INTEGER PRIMARY KEY);
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
            """);
        _table.Load(connection);
        using var segments = Command(connection, "SELECT id FROM segments ORDER BY id");
        using var reader = segments.ExecuteReader();
        while (reader.Read())
        {
            _segments.Add(Segment.Open(_segmentFolder, reader.GetInt64(0)));
        }
        var listed = _segments.SelectMany(s => new[] { Segment.TermsPath(_segmentFolder, s.Id), Segment.PostingsPath(_segmentFolder, s.Id) }).ToHashSet();
        foreach (var orphan in Directory.EnumerateFiles(_segmentFolder).Where(f => !listed.Contains(f)))
        {
            File.Delete(orphan);
        }
    }

    /// <summary>Opens (creating if needed) the index in <paramref name="dataFolder"/>.</summary>
    public static LexicalIndex Open(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        return new LexicalIndex(dataFolder);
    }

    public int Count => Read(_ => _table.LiveCount);

    /// <summary>Adds or replaces one document's chunks; false when it is already indexed unchanged.</summary>
    public bool AddDocument(string document, IReadOnlyList<Chunk> chunks) =>
        AddDocuments([new DocumentChunks(document, chunks)]).Count == 1;

    /// <summary>
    /// Adds or replaces documents in one transaction, returning the names of those that changed. Bulk loads
    /// should pass many documents per call: each call writes at least one segment.
    /// </summary>
    public IReadOnlyList<string> AddDocuments(IEnumerable<DocumentChunks> documents) => Write<IReadOnlyList<string>>(connection =>
    {
        var changed = new List<string>();
        using (var transaction = connection.BeginTransaction())
        {
            using var writer = new SegmentWriter(connection, _table, _segmentFolder, () => NextSegment(connection));
            foreach (var (document, chunks) in documents)
            {
                var hash = Hash(chunks);
                var stored = StoredHash(connection, document);
                if (stored == hash)
                {
                    continue;
                }
                if (stored is not null)
                {
                    DeleteChunks(connection, document);
                }
                writer.Add(document, chunks);
                Execute(connection, "INSERT OR REPLACE INTO documents(id, hash) VALUES ($p0, $p1)", document, hash);
                changed.Add(document);
            }
            writer.Flush();
            foreach (var id in writer.Written)
            {
                Execute(connection, "INSERT INTO segments(id) VALUES ($p0)", id);
            }
            transaction.Commit();
            _segments.AddRange(writer.Written.Select(id => Segment.Open(_segmentFolder, id)));
        }
        MergeIfNeeded(connection);
        return changed;
    });

    /// <summary>The documents among <paramref name="documents"/> that are new or differ from what is indexed.</summary>
    public IReadOnlyList<string> Changed(IEnumerable<DocumentChunks> documents) =>
        Read<IReadOnlyList<string>>(connection => [.. documents.Where(d => StoredHash(connection, d.Document) != Hash(d.Chunks)).Select(d => d.Document)]);

    /// <summary>Removes a document's chunks; false when it was not indexed.</summary>
    public bool RemoveDocument(string document) => Write(connection =>
    {
        using var transaction = connection.BeginTransaction();
        DeleteChunks(connection, document);
        var removed = Execute(connection, "DELETE FROM documents WHERE id = $p0", document) > 0;
        transaction.Commit();
        return removed;
    });

    public IReadOnlyList<SearchHit> Search(SearchRequest request)
    {
        var terms = QueryTerms.Build(request.Query);
        if (terms.Count == 0 || request.Top <= 0)
        {
            return [];
        }
        return Read<IReadOnlyList<SearchHit>>(connection =>
        {
            var scores = ArrayPool<float>.Shared.Rent(_table.Capacity);
            try
            {
                Array.Clear(scores, 0, _table.Capacity);
                var selected = Score(terms, scores);
                var ranked = Rank(scores, request);
                var chunks = ReadChunks(connection, ranked.Select(r => r.Docno));
                return [.. ranked.Select(r => new SearchHit(chunks[r.Docno], r.Score, Snippets.Make(chunks[r.Docno].Text, selected)))];
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scores);
            }
        });
    }

    /// <summary>The stored chunks with these ids, in the order given; unknown ids are skipped.</summary>
    public IReadOnlyList<Chunk> GetChunks(IEnumerable<string> ids) => Read<IReadOnlyList<Chunk>>(connection =>
    {
        var found = new List<Chunk>();
        foreach (var id in ids)
        {
            using var command = Command(connection, $"SELECT {ChunkColumns} FROM chunks WHERE id = $p0 LIMIT 1", id);
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                found.Add(ReadChunk(reader));
            }
        }
        return found;
    });

    /// <summary>A snippet of <paramref name="text"/> around the words it shares with <paramref name="query"/>.</summary>
    public static string Snippet(string text, string query) =>
        Snippets.Make(text, QueryTerms.Build(query).Select(t => t.Term).ToHashSet());

    public void Dispose()
    {
        _segments.ForEach(s => s.Dispose());
        _lock.Dispose();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private T Read<T>(Func<SqliteConnection, T> read)
    {
        _lock.EnterReadLock();
        try
        {
            using var connection = Open();
            return read(connection);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private T Write<T>(Func<SqliteConnection, T> write)
    {
        _lock.EnterWriteLock();
        try
        {
            using var connection = Open();
            try
            {
                var result = write(connection);
                _table.RecomputeNorms();
                return result;
            }
            catch
            {
                // A failed write rolled SQLite back; the in-memory table must follow it.
                var table = new ChunkTable();
                table.Load(connection);
                _table = table;
                throw;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Adds each selected term's BM25 contribution into <paramref name="scores"/>; returns the terms used.</summary>
    private HashSet<ulong> Score(List<QueryTerm> terms, float[] scores)
    {
        var n = Math.Max(_table.LiveCount, 1);
        var weighted = new List<(ulong Term, float Weight, long Df, List<(Segment, TermEntry)> Entries)>();
        foreach (var term in terms)
        {
            var entries = new List<(Segment, TermEntry)>();
            foreach (var segment in _segments)
            {
                if (segment.Find(term.Term) is { } entry)
                {
                    entries.Add((segment, entry));
                }
            }
            long df = entries.Sum(e => (long)e.Item2.Df);
            if (df > 0)
            {
                // Postings of deleted chunks linger until a merge, so df can exceed the live count.
                var idf = Math.Log(1 + (n - Math.Min(df, n) + 0.5) / (Math.Min(df, n) + 0.5));
                weighted.Add((term.Term, (float)(term.Weight * idf), df, entries));
            }
        }
        var selected = new HashSet<ulong>();
        long budget = PostingsBudget;
        foreach (var (term, weight, df, entries) in weighted.OrderByDescending(w => w.Weight).Take(MaxQueryTerms))
        {
            if (budget < df && selected.Count > 0)
            {
                break;
            }
            budget -= df;
            selected.Add(term);
            var visitor = new Bm25Visitor(scores, _table.Norms, weight);
            foreach (var (segment, entry) in entries)
            {
                segment.Read(entry, ref visitor);
            }
        }
        return selected;
    }

    private List<(int Docno, float Score)> Rank(float[] scores, SearchRequest request)
    {
        var orgId = request.Organisation is null ? -1 : _table.OrganisationId(request.Organisation);
        if (request.Organisation is not null && orgId < 0)
        {
            return [];
        }
        bool Passes(int d) => _table.IsLive(d)
            && (request.Kind is not { } kind || _table.Kinds[d] == (byte)kind)
            && (request.Year is not { } year || _table.Years[d] == year)
            && (orgId < 0 || _table.Organisations[d] == orgId);

        var candidates = TopN(scores, Math.Max(Candidates, request.Top * 3), Passes);
        // Best score in each candidate's group, then every live member of those groups competes with
        // its own score plus a share of its group's best.
        var groupBest = new Dictionary<int, float>();
        foreach (var (d, s) in candidates)
        {
            var g = _table.Groups[d];
            groupBest[g] = Math.Max(groupBest.GetValueOrDefault(g), s);
        }
        var share = request.Siblings ? SiblingShare : 0;
        var final = new Dictionary<int, float>();
        foreach (var (d, _) in candidates)
        {
            foreach (var member in request.Siblings ? _table.GroupMembers(d, MaxGroupSize) : [d])
            {
                if (Passes(member))
                {
                    final[member] = scores[member] + share * groupBest[_table.Groups[member]];
                }
            }
        }
        return [.. final.OrderByDescending(f => f.Value).ThenBy(f => f.Key).Take(request.Top).Select(f => (f.Key, f.Value))];
    }

    /// <summary>
    /// Keeps searches reading few files: past <see cref="MaxSegments"/>, small segments are merged into one,
    /// dropping deleted chunks.
    /// </summary>
    private void MergeIfNeeded(SqliteConnection connection)
    {
        if (_segments.Count <= MaxSegments)
        {
            return;
        }
        var merging = ChooseMerge([.. _segments.OrderBy(s => s.Size)]).OrderBy(s => s.Id).ToList();
        var id = NextSegment(connection);
        Segment.Merge(merging, _segmentFolder, id, _table.IsLive);
        using (var transaction = connection.BeginTransaction())
        {
            foreach (var old in merging)
            {
                Execute(connection, "DELETE FROM segments WHERE id = $p0", old.Id);
            }
            Execute(connection, "INSERT INTO segments(id) VALUES ($p0)", id);
            transaction.Commit();
        }
        foreach (var old in merging)
        {
            _segments.Remove(old);
            old.Dispose();
            File.Delete(Segment.TermsPath(_segmentFolder, old.Id));
            File.Delete(Segment.PostingsPath(_segmentFolder, old.Id));
        }
        _segments.Add(Segment.Open(_segmentFolder, id));
    }

    /// <summary>
    /// The two smallest segments, and more while the next is at most twice what is taken so far: one small
    /// addition to a big index merges only small segments, while a bulk load's equal segments merge together.
    /// </summary>
    private static List<Segment> ChooseMerge(List<Segment> bySize)
    {
        var taken = bySize.Take(2).ToList();
        var size = taken.Sum(s => s.Size);
        foreach (var next in bySize.Skip(2))
        {
            if (bySize.Count - taken.Count < MaxSegments / 2 || next.Size > 2 * size)
            {
                break;
            }
            taken.Add(next);
            size += next.Size;
        }
        return taken;
    }

    private static long NextSegment(SqliteConnection connection)
    {
        var next = Convert.ToInt64(Scalar(connection, "SELECT value FROM meta WHERE key = 'next_segment'") ?? 0L);
        Execute(connection, "INSERT OR REPLACE INTO meta(key, value) VALUES ('next_segment', $p0)", next + 1);
        return next;
    }

    private static List<(int Docno, float Score)> TopN(float[] scores, int n, Func<int, bool> passes)
    {
        var heap = new PriorityQueue<int, float>(n + 1);
        var floor = 0f;
        for (var d = 0; d < scores.Length; d++)
        {
            var s = scores[d];
            if (s <= floor || !passes(d))
            {
                continue;
            }
            heap.Enqueue(d, s);
            if (heap.Count > n)
            {
                heap.Dequeue();
                heap.TryPeek(out _, out floor);
            }
        }
        var result = new List<(int, float)>(heap.Count);
        while (heap.TryDequeue(out var d, out var s))
        {
            result.Add((d, s));
        }
        return result;
    }

    private const string ChunkColumns = "id, document, organisation, year, kind, location, measure, text, docno";

    private static Chunk ReadChunk(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetInt32(3),
        (ChunkKind)r.GetInt32(4), r.GetString(5), r.IsDBNull(6) ? null : r.GetInt32(6), r.GetString(7));

    private static Dictionary<int, Chunk> ReadChunks(SqliteConnection connection, IEnumerable<int> docnos)
    {
        var chunks = new Dictionary<int, Chunk>();
        using var command = Command(connection, $"SELECT {ChunkColumns} FROM chunks WHERE docno = $p0", 0L);
        foreach (var docno in docnos)
        {
            command.Parameters[0].Value = (long)docno;
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                chunks[docno] = ReadChunk(reader);
            }
        }
        return chunks;
    }

    private void DeleteChunks(SqliteConnection connection, string document)
    {
        using (var command = Command(connection, "SELECT docno FROM chunks WHERE document = $p0", document))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                _table.Delete(reader.GetInt32(0));
            }
        }
        // Postings of deleted chunks stay until a rebuild; the in-memory table skips them.
        Execute(connection, "DELETE FROM chunks WHERE document = $p0", document);
    }

    private static string? StoredHash(SqliteConnection connection, string document) =>
        Scalar(connection, "SELECT hash FROM documents WHERE id = $p0", document) as string;

    private static string Hash(IReadOnlyList<Chunk> chunks)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var c in chunks)
        {
            sha.AppendData(Encoding.UTF8.GetBytes($"{c.Id}\u0001{c.Organisation}\u0001{c.Year}\u0001{c.Kind}\u0001{c.Location}\u0001{c.Measure}\u0001{c.Text}\u0002"));
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // WAL makes NORMAL safe: a power cut can lose the last commit but never corrupt the file.
        Execute(connection, "PRAGMA synchronous = NORMAL");
        return connection;
    }

    internal static SqliteCommand Command(SqliteConnection connection, string sql, params object?[] args)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters.AddWithValue("$p" + i, args[i] ?? DBNull.Value);
        }
        return command;
    }

    internal static int Execute(SqliteConnection connection, string sql, params object?[] args)
    {
        using var command = Command(connection, sql, args);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, params object?[] args)
    {
        using var command = Command(connection, sql, args);
        return command.ExecuteScalar();
    }

    private struct Bm25Visitor(float[] scores, float[] norms, float weight) : IPostingVisitor
    {
        public readonly void Visit(int docno, int frequency) =>
            scores[docno] += weight * frequency * (K1 + 1) / (frequency + norms[docno]);
    }
}

/// <summary>A document and all its chunks, the unit of add and replace.</summary>
public sealed record DocumentChunks(string Document, IReadOnlyList<Chunk> Chunks);
