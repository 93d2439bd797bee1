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
/// again on every turn, some two fifths of its share of a turn's CPU. A turn's context holds a connection of its own
/// (<see cref="RectifyDbContext.HoldConnection"/>), open from one turn to the next, and on it the commands of the
/// queries it ran, compiled: a query whose SQL ran on that connection before only binds its parameters and steps.
/// </summary>
internal sealed class SqliteStatements(SqlitePragmas pragmas) : DbCommandInterceptor
{
    /// <summary>
    /// Connections held per store. The pooled contexts that hold them serve turn after turn for as long as the server
    /// runs; a context the pool lets go (when more are returned at once than it keeps) leaves its connection to the
    /// garbage collector and is not counted back, so that no more than this many are ever open this way.
    /// </summary>
    internal const int MaxConnections = 32;

    /// <summary>Compiled statements kept per connection: a turn runs a handful of distinct queries.</summary>
    internal const int MaxStatements = 32;

    private readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> _kept = [];
    private int _connections;

    /// <summary>An open connection with the store's settings, whose queries' statements are kept; null once enough are held.</summary>
    public SqliteConnection? Hold(string connectionString)
    {
        if (Interlocked.Increment(ref _connections) > MaxConnections)
        {
            Interlocked.Decrement(ref _connections);
            return null;
        }
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
