using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RectifyBot.Tests.TestData;

/// <summary>
/// Counts what the store is asked to do, from EF Core's diagnostic events, for one database (a SQLite file or a
/// PostgreSQL database; tests run side by side in one process): statements sent (each a round trip to PostgreSQL),
/// those that write, connections opened, and commits of writes, with those that wait for PostgreSQL to flush its log
/// to the disk. A write outside a transaction commits by itself; a transaction's commit counts when it wrote, and
/// waits for the disk unless it said <c>SET LOCAL synchronous_commit TO OFF</c>. The load benchmark's
/// <c>statements</c> mode counts the server's turns with it too.
/// </summary>
public sealed class StatementCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly IDisposable _listeners;
    private readonly List<IDisposable> _subscriptions = [];
    /// <summary>This database's open transactions: whether they wrote, whether their commit waits for the disk, and whether it is PostgreSQL.</summary>
    private readonly Dictionary<DbTransaction, (bool Wrote, bool Flushes, bool Postgres)> _transactions = [];

    /// <param name="database">The SQLite file's path or the PostgreSQL database's name (<see cref="DbConnection.DataSource"/> or <see cref="DbConnection.Database"/>).</param>
    public StatementCounter(string database)
    {
        _database = database;
        _listeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public Counts Now
    {
        get
        {
            lock (_transactions)
            {
                return _counts;
            }
        }
    }

    private Counts _counts = new();

    /// <param name="Statements">Commands sent: for PostgreSQL, each is a round trip (and so is each commit of a transaction).</param>
    /// <param name="Writes">Commands that insert, update or delete.</param>
    /// <param name="Commits">Commits of writes: a write outside a transaction, or a transaction that wrote.</param>
    /// <param name="FlushingCommits">Of <paramref name="Commits"/>, those PostgreSQL makes wait for its log to reach the disk.</param>
    /// <param name="Connections">Connections opened (taken from the pool).</param>
    /// <param name="Savepoints">Savepoints set, released or rolled back to; on PostgreSQL each is also a round trip in <paramref name="Statements"/>.</param>
    public sealed record Counts(int Statements = 0, int Writes = 0, int Commits = 0, int FlushingCommits = 0, int Connections = 0, int Savepoints = 0)
    {
        public static Counts operator -(Counts a, Counts b) => new(a.Statements - b.Statements, a.Writes - b.Writes, a.Commits - b.Commits,
            a.FlushingCommits - b.FlushingCommits, a.Connections - b.Connections, a.Savepoints - b.Savepoints);
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
    {
        lock (_transactions)
        {
            switch (e.Value)
            {
                case CommandExecutedEventData executed when Ours(executed.Command.Connection):
                    var text = executed.Command.CommandText;
                    var write = IsWrite(text);
                    _counts = _counts with { Statements = _counts.Statements + 1, Writes = _counts.Writes + (write ? 1 : 0) };
                    var postgres = IsPostgres(executed.Command.Connection);
                    if (executed.Command.Transaction is { } transaction)
                    {
                        var (wrote, flushes, _) = _transactions.GetValueOrDefault(transaction, (false, postgres, postgres));
                        _transactions[transaction] = (wrote || write, flushes && !text.Contains("synchronous_commit TO OFF", StringComparison.Ordinal), postgres);
                    }
                    else if (write)
                    {
                        _counts = _counts with { Commits = _counts.Commits + 1, FlushingCommits = _counts.FlushingCommits + (postgres ? 1 : 0) };
                    }
                    break;
                // A transaction is this database's when one of its commands was (after the commit it has no connection left to ask).
                case TransactionEndEventData ended when _transactions.Remove(ended.Transaction, out var done) && e.Key == RelationalEventId.TransactionCommitted.Name:
                    _counts = _counts with
                    {
                        // The COMMIT is a round trip of its own to PostgreSQL.
                        Statements = _counts.Statements + (done.Postgres ? 1 : 0),
                        Commits = _counts.Commits + (done.Wrote ? 1 : 0),
                        FlushingCommits = _counts.FlushingCommits + (done.Wrote && done.Flushes ? 1 : 0),
                    };
                    break;
                case TransactionEventData savepoint when IsSavepoint(e.Key) && Ours(savepoint.Transaction.Connection):
                    _counts = _counts with
                    {
                        Statements = _counts.Statements + (IsPostgres(savepoint.Transaction.Connection) ? 1 : 0),
                        Savepoints = _counts.Savepoints + 1,
                    };
                    break;
                case ConnectionEndEventData opened when e.Key == RelationalEventId.ConnectionOpened.Name && Ours(opened.Connection):
                    _counts = _counts with { Connections = _counts.Connections + 1 };
                    break;
            }
        }
    }

    private bool Ours(DbConnection? connection) =>
        connection is not null && (connection.DataSource == _database || connection.Database == _database);

    private static bool IsSavepoint(string key) =>
        key == RelationalEventId.CreatedTransactionSavepoint.Name || key == RelationalEventId.ReleasedTransactionSavepoint.Name ||
        key == RelationalEventId.RolledBackToTransactionSavepoint.Name;

    private static bool IsPostgres(DbConnection? connection) => connection?.GetType().Name == "NpgsqlConnection";

    /// <summary>EF's and the store's own SQL name their statements in capitals; a table called "ProgressUpdates" is quoted.</summary>
    private static bool IsWrite(string sql) =>
        System.Text.RegularExpressions.Regex.IsMatch(sql, @"(^|[\s;(])(INSERT|UPDATE|DELETE)\s");

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        _listeners.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
