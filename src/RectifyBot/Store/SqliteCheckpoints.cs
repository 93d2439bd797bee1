using Microsoft.Data.Sqlite;

namespace RectifyBot.Store;

/// <summary>
/// Checkpoints of a SQLite file's write-ahead log, on a thread of their own, at most one a second while the file is
/// written. SQLite's default has the commit that finds the log long (1,000 pages) checkpoint it, and a checkpoint
/// syncs the file to the disk: on this project's machine one such sync took a fifth of a second, while the commit
/// doing it held the write gate (<see cref="SqliteWriteGate"/>), so every turn's write waited behind it (the load
/// benchmark's tail of 0.3–0.9 s). Commits themselves do not sync (synchronous=NORMAL, <see cref="SqlitePragmas"/>,
/// which also turns the commits' checkpoints off). A checkpoint here copies the log outside the gate, waiting for
/// nobody; then, once the log holds 1,000 pages, inside the gate the few pages written meanwhile (3–8 ms, under the
/// load benchmark) in RESTART mode, which also makes the next write start the log over. Without that second step a
/// busy server never let the log start over, and it grew by 12 MB a second.
/// </summary>
internal sealed class SqliteCheckpoints(string connectionString, SemaphoreSlim gate)
{
    private static readonly TimeSpan Pace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Opens the file as it is, never creating it (a test's store may be gone by the time its last checkpoint runs), and
    /// waits for no lock: a reader still on an old snapshot makes the second step give up, and the next second tries again.
    /// </summary>
    private readonly string _connection = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite, DefaultTimeout = 0 }.ToString();

    /// <summary>1 when the file was written since the last checkpoint began.</summary>
    private int _written;

    /// <summary>1 while the thread runs; it ends after a second with no write, so an idle store holds no thread.</summary>
    private int _running;

    public void Written()
    {
        Volatile.Write(ref _written, 1);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            new Thread(Run) { IsBackground = true, Name = "SQLite checkpoints" }.Start();
        }
    }

    private void Run()
    {
        while (true)
        {
            Thread.Sleep(Pace);
            if (Interlocked.Exchange(ref _written, 0) == 1)
            {
                Checkpoint();
                continue;
            }
            Volatile.Write(ref _running, 0);
            // A write that came just now found the thread running and started none: this one goes on, unless another has started.
            if (Volatile.Read(ref _written) == 0 || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private void Checkpoint()
    {
        try
        {
            using var connection = new SqliteConnection(_connection);
            connection.Open();
            if (FramesInLog(connection, "PASSIVE") < StartOverAt)
            {
                return;
            }
            gate.Wait();
            try
            {
                FramesInLog(connection, "RESTART");
            }
            finally
            {
                gate.Release();
            }
        }
        catch (SqliteException)
        {
            // The file is gone (a removed test store) or could not be opened just now: the next write starts another.
        }
    }

    /// <summary>The log's length at which it is copied to its end inside the gate, so that it starts over: SQLite's own default.</summary>
    private const long StartOverAt = 1000;

    /// <summary>Checkpoints, and returns how many pages the log held (PRAGMA wal_checkpoint answers busy, log, checkpointed).</summary>
    private static long FramesInLog(SqliteConnection connection, string mode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using var result = command.ExecuteReader();
        return result.Read() ? result.GetInt64(1) : 0;
    }
}
