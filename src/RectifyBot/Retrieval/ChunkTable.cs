using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace RectifyBot.Retrieval;

/// <summary>
/// Per-chunk facts a search needs without touching SQLite, indexed by chunk number. A chunk of a plan
/// that has a measure number shares its group with the other measures at its location.
/// </summary>
internal sealed class ChunkTable
{
    private int[] _lengths = new int[1024];
    private bool[] _live = new bool[1024];
    private readonly Dictionary<string, int> _organisations = [];
    private long _totalLength;

    public int Capacity { get; private set; }
    public int LiveCount { get; private set; }
    public int NextGroup { get; private set; }
    public float[] Norms { get; private set; } = new float[1024];
    public byte[] Kinds { get; private set; } = new byte[1024];
    public short[] Years { get; private set; } = new short[1024];
    public int[] Organisations { get; private set; } = new int[1024];
    public int[] Groups { get; private set; } = Enumerable.Repeat(-1, 1024).ToArray();

    public bool IsLive(int docno) => _live[docno];

    public int OrganisationId(string organisation) => _organisations.GetValueOrDefault(organisation, -1);

    public void Load(SqliteConnection connection)
    {
        using var command = LexicalIndex.Command(connection, "SELECT docno, length, kind, year, organisation, grp FROM chunks ORDER BY docno");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            Set(reader.GetInt32(0), reader.GetInt32(1), (ChunkKind)reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt32(5));
        }
        // Postings may name chunk numbers above the last live chunk (a deleted document); cover them.
        using var next = LexicalIndex.Command(connection, "SELECT value FROM meta WHERE key = 'next_docno'");
        Reserve(Convert.ToInt32(next.ExecuteScalar() ?? 0L));
        RecomputeNorms();
    }

    public void Set(int docno, int length, ChunkKind kind, int? year, string? organisation, int group)
    {
        Grow(docno + 1);
        _lengths[docno] = length;
        _live[docno] = true;
        Kinds[docno] = (byte)kind;
        Years[docno] = (short)(year ?? 0);
        Organisations[docno] = organisation is null ? -1 : Intern(organisation);
        Groups[docno] = group;
        NextGroup = Math.Max(NextGroup, group + 1);
        Capacity = Math.Max(Capacity, docno + 1);
        LiveCount++;
        _totalLength += length;
    }

    private int Intern(string organisation)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_organisations, organisation, out var exists);
        if (!exists)
        {
            id = _organisations.Count - 1;
        }
        return id;
    }

    public void Delete(int docno)
    {
        if (docno < Capacity && _live[docno])
        {
            _live[docno] = false;
            LiveCount--;
            _totalLength -= _lengths[docno];
        }
    }

    public void RecomputeNorms()
    {
        var average = LiveCount == 0 ? 1f : (float)_totalLength / LiveCount;
        for (var d = 0; d < Capacity; d++)
        {
            Norms[d] = LexicalIndex.K1 * (1 - LexicalIndex.B + LexicalIndex.B * _lengths[d] / average);
        }
    }

    /// <summary>The chunk and its siblings; siblings are stored next to each other.</summary>
    public IEnumerable<int> GroupMembers(int docno, int max)
    {
        var g = Groups[docno];
        var start = docno;
        while (start > 0 && docno - start < max && Groups[start - 1] == g)
        {
            start--;
        }
        for (var d = start; d < Capacity && d - start < max && Groups[d] == g; d++)
        {
            yield return d;
        }
    }

    /// <summary>Makes room for chunk numbers below <paramref name="size"/>.</summary>
    public void Reserve(int size)
    {
        Grow(size);
        Capacity = Math.Max(Capacity, size);
    }

    private void Grow(int size)
    {
        if (size <= _live.Length)
        {
            return;
        }
        var old = _live.Length;
        var capacity = Math.Max(size, _live.Length * 2);
        Array.Resize(ref _lengths, capacity);
        Array.Resize(ref _live, capacity);
        var norms = Norms; Array.Resize(ref norms, capacity); Norms = norms;
        var kinds = Kinds; Array.Resize(ref kinds, capacity); Kinds = kinds;
        var years = Years; Array.Resize(ref years, capacity); Years = years;
        var orgs = Organisations; Array.Resize(ref orgs, capacity); Organisations = orgs;
        var groups = Groups; Array.Resize(ref groups, capacity); Groups = groups;
        Groups.AsSpan(old).Fill(-1);
    }
}
