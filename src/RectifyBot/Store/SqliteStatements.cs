using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RectifyBot.Store;

/// <summary>
/// Compiled statements kept from turn to turn on SQLite. Microsoft.Data.Sqlite compiles a command's SQL when it first
/// runs and finalises the compiled statement when the command is disposed, which EF does after every query, and
/// disposes every command of a connection when the connection closes: SQLite parsed and planned the same few queries
/// again on every turn, some two fifths of its share of a turn's CPU. A few connections are kept open here, and on each
/// the commands of the queries run on it, compiled: a turn rents one for its context
/// (<see cref="RectifyDbContext.HoldConnection"/>) and gives it back with the context, so a query whose SQL ran on that
/// connection before only binds its parameters and steps.
/// </summary>
internal sealed class SqliteStatements(SqlitePragmas pragmas) : DbCommandInterceptor
{
    /// <summary>
    /// Connections kept open per store: turns at once beyond this many use the store's pool as before. A turn's
    /// connection goes back to these, not with its context: the context pool hands its contexts out in turn, so with
    /// each context keeping its own, a burst that made more contexts than this left most turns on one without (on the
    /// load benchmark at 300 turns/s, four turns in five compiled their first query afresh).
    /// </summary>
    internal const int MaxConnections = 32;

    /// <summary>Compiled statements kept per connection: a turn runs a handful of distinct queries.</summary>
    internal const int MaxStatements = 32;

    private readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> _kept = [];

    /// <summary>Idle kept connections per connection string, the last given back on top: its statements are the likeliest compiled.</summary>
    private readonly ConcurrentDictionary<string, ConcurrentStack<SqliteConnection>> _idle = new();
    private int _connections;

    /// <summary>An open connection with the store's settings, whose queries' statements are kept; null while all are rented.</summary>
    public SqliteConnection? Rent(string connectionString)
    {
        var idle = Idle(connectionString);
        while (idle.TryPop(out var connection))
        {
            if (connection.State == ConnectionState.Open)
            {
                return connection;
            }
            // Closed under its renter (its commands are gone with it): another takes its place.
            connection.Dispose();
            Interlocked.Decrement(ref _connections);
        }
        if (Interlocked.Increment(ref _connections) > MaxConnections)
        {
            Interlocked.Decrement(ref _connections);
            return null;
        }
        return Open(connectionString);
    }

    /// <summary>Takes back a connection from <see cref="Rent"/>, its renter done with it.</summary>
    public void Return(SqliteConnection connection) => Idle(connection.ConnectionString).Push(connection);

    private ConcurrentStack<SqliteConnection> Idle(string connectionString) => _idle.GetOrAdd(connectionString, _ => new());

    private SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        pragmas.Apply(connection);
        var kept = new Dictionary<string, SqliteCommand>();
        _kept.Add(connection, kept);
        // Closing disposes the connection's commands: none of them can run again.
        connection.StateChange += (_, e) =>
        {
            if (e.CurrentState == ConnectionState.Closed)
            {
                kept.Clear();
            }
        };
        return connection;
    }

    /// <summary>Runs a query on its command kept from before, compiled, with the parameters EF has just given the new one.</summary>
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        // Taken out while it runs: the same query started again inside its own results gets a new command.
        if (result is not SqliteCommand created || Kept(created) is not { } kept || !kept.Remove(created.CommandText, out var compiled))
        {
            return result;
        }
        var parameters = created.Parameters.Cast<SqliteParameter>().ToArray();
        created.Parameters.Clear();
        compiled.Parameters.AddRange(parameters);
        compiled.Transaction = created.Transaction;
        compiled.CommandTimeout = created.CommandTimeout;
        created.Dispose();
        return compiled;
    }

    /// <summary>Does what EF does once a query's results are read, but keeps the command rather than dispose it.</summary>
    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (command is not SqliteCommand sqlite || Kept(sqlite) is not { } kept || eventData.Context is not { } context)
        {
            return result;
        }
        eventData.DataReader.Dispose();
        sqlite.Parameters.Clear();
        if (kept.Count >= MaxStatements)
        {
            foreach (var old in kept.Values)
            {
                old.Dispose();
            }
            kept.Clear();
        }
        if (!kept.TryAdd(sqlite.CommandText, sqlite))
        {
            sqlite.Dispose();
        }
        context.Database.CloseConnection();
        return InterceptionResult.Suppress();
    }

    private Dictionary<string, SqliteCommand>? Kept(SqliteCommand command) =>
        command.Connection is { State: ConnectionState.Open } connection && _kept.TryGetValue(connection, out var kept) ? kept : null;
}
