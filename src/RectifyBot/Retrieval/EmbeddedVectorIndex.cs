using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace RectifyBot.Retrieval;

/// <summary>
/// Exact cosine search over every stored vector, kept normalised in memory so a score is one dot product.
/// Persisted in <c>vectors.db</c> in the data folder. Exact search is linear: fine to a few hundred thousand
/// chunks (1024 dimensions cost 4 KB each in memory); beyond that, configure Qdrant.
/// </summary>
public sealed class EmbeddedVectorIndex : IVectorIndex
{
    private readonly string _connectionString;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = [];

    private EmbeddedVectorIndex(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        using var connection = Open();
        LexicalIndex.Execute(connection, "CREATE TABLE IF NOT EXISTS vectors(chunk_id TEXT PRIMARY KEY, document TEXT NOT NULL, organisation TEXT, year INTEGER, kind INTEGER NOT NULL, vector BLOB NOT NULL)");
        using var command = LexicalIndex.Command(connection, "SELECT chunk_id, document, organisation, year, kind, vector FROM vectors");
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var entry = new Entry(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetInt32(3),
                (ChunkKind)r.GetInt32(4), MemoryMarshal.Cast<byte, float>((byte[])r[5]).ToArray());
            _entries[entry.ChunkId] = entry;
        }
    }

    public static EmbeddedVectorIndex Open(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        return new EmbeddedVectorIndex(Path.Combine(dataFolder, "vectors.db"));
    }

    public Task UpsertAsync(IReadOnlyList<Chunk> chunks, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var entries = chunks.Select((c, i) => new Entry(c.Id, c.Document, c.Organisation, c.Year, c.Kind, Normalised(vectors[i]))).ToList();
        foreach (var e in entries)
        {
            LexicalIndex.Execute(connection, "INSERT OR REPLACE INTO vectors VALUES ($p0, $p1, $p2, $p3, $p4, $p5)",
                e.ChunkId, e.Document, e.Organisation, e.Year, (int)e.Kind, MemoryMarshal.AsBytes(e.Vector.AsSpan()).ToArray());
        }
        transaction.Commit();
        lock (_lock)
        {
            entries.ForEach(e => _entries[e.ChunkId] = e);
        }
        return Task.CompletedTask;
    }

    public Task DeleteDocumentAsync(string document, CancellationToken cancellationToken)
    {
        using var connection = Open();
        LexicalIndex.Execute(connection, "DELETE FROM vectors WHERE document = $p0", document);
        lock (_lock)
        {
            foreach (var id in _entries.Values.Where(e => e.Document == document).Select(e => e.ChunkId).ToList())
            {
                _entries.Remove(id);
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<VectorHit>> SearchAsync(float[] vector, SearchRequest filter, int top, CancellationToken cancellationToken)
    {
        var query = Normalised(vector);
        lock (_lock)
        {
            IReadOnlyList<VectorHit> hits = [.. _entries.Values
                .Where(e => e.Vector.Length == query.Length
                    && (filter.Kind is null || e.Kind == filter.Kind)
                    && (filter.Year is null || e.Year == filter.Year)
                    && (filter.Organisation is null || e.Organisation == filter.Organisation))
                .Select(e => new VectorHit(e.ChunkId, TensorPrimitives.Dot(e.Vector, query)))
                .OrderByDescending(h => h.Score)
                .Take(top)];
            return Task.FromResult(hits);
        }
    }

    private static float[] Normalised(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        var result = new float[vector.Length];
        TensorPrimitives.Divide(vector, norm == 0 ? 1 : norm, result);
        return result;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private sealed record Entry(string ChunkId, string Document, string? Organisation, int? Year, ChunkKind Kind, float[] Vector);
}
