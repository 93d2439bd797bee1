using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;

namespace RectifyBot.Store;

/// <summary>
/// The channels' inbox (<see cref="InboxMessage"/>): a message is stored before the channel is told it was
/// received, its turn marks it handled with the turn's own writes, and what a crash left unhandled is replayed
/// when the server starts. Its unique key also makes a retried delivery a no-op. Bookkeeping, not record, so
/// written in single statements outside the audit trail (see <see cref="StoreVersion"/>).
/// </summary>
public static class Inbox
{
    /// <summary>
    /// How long handled messages are kept to recognise a retry. Channels retry within minutes, and a WeCom callback
    /// is refused once its signed timestamp is older than WeCom:TimestampWindow, which must stay well within this.
    /// </summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(2);

    /// <summary>
    /// Stores the message; null when an earlier try or another instance already did (a retried delivery). One
    /// statement, and a retry is no failed insert for the database to log as an error.
    /// </summary>
    public static async Task<long?> AcceptAsync(RectifyDbContext db, string channel, string key, string conversationKey, string payload,
        DateTime at, CancellationToken ct)
    {
        using var gate = await SqliteWriteGate.EnterAsync(db, ct);
        var ids = await db.Database.SqlQuery<long>($"""
            INSERT INTO "Inbox" ("Channel", "MessageKey", "ConversationKey", "Payload", "ReceivedAt") VALUES ({channel}, {key}, {conversationKey}, {payload}, {at})
            ON CONFLICT ("Channel", "MessageKey") DO NOTHING RETURNING "Id" AS "Value"
            """).ToListAsync(ct);
        return ids is [var id] ? id : null;
    }

    /// <summary>Takes back a message that could not be queued: the channel is told to retry, and the retry must not look like a duplicate.</summary>
    public static async Task ForgetAsync(RectifyDbContext db, long id, CancellationToken ct)
    {
        using var gate = await SqliteWriteGate.EnterAsync(db, ct);
        await db.Inbox.Where(m => m.Id == id && m.HandledAt == null).ExecuteDeleteAsync(ct);
    }

    /// <summary>Marks a turn that wrote nothing to the record (a question, a refusal) handled.</summary>
    public static Task MarkHandledAsync(RectifyDbContext db, long id, DateTime at, CancellationToken ct) =>
        WriteBookkeepingAsync(db, null, id, at, ct);

    /// <summary>
    /// A turn's bookkeeping in one commit: <paramref name="write"/> (say, its conversation memory) and the mark of its
    /// inbox message <paramref name="handled"/>, either of them null. On PostgreSQL the commit does not wait for the
    /// write-ahead log to reach the disk (synchronous_commit off, for this transaction only): it changes nothing of the
    /// record, and a question need not wait on a disk flush. Should the database itself crash within the moment before
    /// the log is flushed (wal_writer_delay, 200 ms by default), what is lost is the memory (the last list, for "更多")
    /// or the mark, and then the question is answered again when the server starts.
    /// </summary>
    public static async Task WriteBookkeepingAsync(RectifyDbContext db, Bookkeeping? write, long? handled, DateTime at, CancellationToken ct)
    {
        var (sql, parameters) = (write?.Sql, write?.Parameters ?? []);
        if (handled is { } id)
        {
            var (a, b) = (parameters.Length, parameters.Length + 1);
            sql = (sql is null ? "" : sql + ";\n") + $$"""UPDATE "Inbox" SET "HandledAt" = {{{a}}} WHERE "Id" = {{{b}}} AND "HandledAt" IS NULL""";
            parameters = [.. parameters, at, id];
        }
        if (sql is null)
        {
            return;
        }
        using var gate = await SqliteWriteGate.EnterAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One round trip: Npgsql sends the BEGIN with it. The SQL is this class's and its callers' own; values are parameters.
        var statements = (db.Database.IsNpgsql() ? "SET LOCAL synchronous_commit TO OFF;\n" : "") + sql;
        await db.Database.ExecuteSqlRawAsync(statements, parameters, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>What a crash left unhandled, in the order it came.</summary>
    public static Task<List<InboxMessage>> UnhandledAsync(RectifyDbContext db, CancellationToken ct) =>
        db.Inbox.AsNoTracking().Where(m => m.HandledAt == null).OrderBy(m => m.Id).ToListAsync(ct);

    /// <summary>Removes the messages handled more than <see cref="Kept"/> before <paramref name="now"/>.</summary>
    public static async Task<int> PruneAsync(RectifyDbContext db, DateTime now, CancellationToken ct)
    {
        var before = now - Kept;
        using var gate = await SqliteWriteGate.EnterAsync(db, ct);
        return await db.Inbox.Where(m => m.HandledAt < before).ExecuteDeleteAsync(ct);
    }
}

/// <summary>A bookkeeping statement, with its parameters as {0}, {1}… (as in ExecuteSqlRaw).</summary>
public sealed record Bookkeeping(string Sql, params object[] Parameters);

/// <summary>
/// The inbox message the current turn handles. It is ambient, as a transaction scope is, because the turn's writes
/// are made deep in the workflow through contexts of their own (<see cref="Rectification.StoreWriter"/>), which
/// know nothing of channels; the first of them that saves marks the message handled in its transaction.
/// </summary>
public sealed class InboxTurn
{
    private static readonly AsyncLocal<InboxTurn?> Ambient = new();

    private InboxTurn(long id) => Id = id;

    public long Id { get; }

    /// <summary>True once the mark is committed, by a save of the turn or by <see cref="Inbox.MarkHandledAsync"/>.</summary>
    public bool Handled { get; set; }

    public static InboxTurn? Current => Ambient.Value;

    /// <summary>Makes <paramref name="id"/> the current turn's message for the rest of this async flow.</summary>
    public static InboxTurn Begin(long id) => Ambient.Value = new InboxTurn(id);
}
