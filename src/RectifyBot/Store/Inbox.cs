using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;

namespace RectifyBot.Store;

/// <summary>
/// The channels' inbox (<see cref="InboxMessage"/>): a message is stored before the channel is told it was
/// received, its turn marks it handled with the turn's own writes, and what a crash left unhandled is replayed
/// by its owner's next run or taken over by another instance (<see cref="ClaimAsync"/>). Its unique key also makes
/// a retried delivery a no-op. Bookkeeping, not record, so written in single statements outside the audit trail
/// (see <see cref="StoreVersion"/>).
/// </summary>
public static partial class Inbox
{
    /// <summary>
    /// How long handled messages are kept to recognise a retry. Channels retry within minutes, and a WeCom callback
    /// is refused once its signed timestamp is older than WeCom:TimestampWindow, which must stay well within this.
    /// </summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(2);

    /// <summary>How the names of instances' inbox leases (<see cref="Leases"/>) begin.</summary>
    public const string LeasePrefix = "inbox:";

    /// <summary>A new inbox lease name: one for each run of a server, which owns the messages it accepts.</summary>
    public static string NewOwner() => LeasePrefix + Guid.NewGuid().ToString("N");

    /// <summary>
    /// Stores the message as <paramref name="owner"/>'s, which holds that inbox lease; null when an earlier try or
    /// another instance already stored it (a retried delivery). Messages
    /// arriving together are stored together (<see cref="GroupCommit{TItem, TResult}"/>): one statement and one commit
    /// for all of them, and each caller returns once that commit is done, so a channel is told a message was received
    /// only when it is durable. A retry is no failed insert for the database to log as an error.
    /// </summary>
    public static Task<long?> AcceptAsync(RectifyDbContext db, string owner, string channel, string key, string conversationKey, string payload,
        DateTime at) =>
        Accepting.For(db).WriteAsync(db, new Arrival(owner, channel, key, conversationKey, payload, at));

    internal sealed record Arrival(string Owner, string Channel, string Key, string ConversationKey, string Payload, DateTime At);

    private sealed class Stored
    {
        public long Id { get; set; }
        public string Channel { get; set; } = "";
        public string MessageKey { get; set; } = "";
    }

    internal static readonly GroupCommits<Arrival, long?> Accepting = new(async (db, arrivals) =>
    {
        // A retry may come in the same group as its first try: the row is inserted once and the first of them is answered with it.
        var distinct = arrivals.DistinctBy(a => (a.Channel, a.Key)).ToList();
        var sql = new StringBuilder("""INSERT INTO "Inbox" ("Channel", "MessageKey", "ConversationKey", "Payload", "ReceivedAt", "Owner") VALUES """);
        var parameters = new object[distinct.Count * 6];
        for (var i = 0; i < distinct.Count; i++)
        {
            var (a, n) = (distinct[i], i * 6);
            sql.Append(i == 0 ? "" : ", ").Append($"({{{n}}}, {{{n + 1}}}, {{{n + 2}}}, {{{n + 3}}}, {{{n + 4}}}, {{{n + 5}}})");
            (parameters[n], parameters[n + 1], parameters[n + 2], parameters[n + 3], parameters[n + 4], parameters[n + 5]) =
                (a.Channel, a.Key, a.ConversationKey, a.Payload, a.At, a.Owner);
        }
        sql.Append(""" ON CONFLICT ("Channel", "MessageKey") DO NOTHING RETURNING "Id", "Channel", "MessageKey" """);
        // The SQL is this method's own; values are parameters. One statement is one commit.
        var stored = (await db.Database.SqlQueryRaw<Stored>(sql.ToString(), parameters).ToListAsync(CancellationToken.None))
            .ToDictionary(s => (s.Channel, s.MessageKey), s => s.Id);
        var first = distinct.ToHashSet(ReferenceEqualityComparer.Instance);
        return arrivals.Select(a => first.Contains(a) && stored.TryGetValue((a.Channel, a.Key), out var id) ? id : (long?)null).ToList();
    });

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
    /// inbox message <paramref name="handled"/>, either of them null. Turns finishing together share a commit
    /// (<see cref="GroupCommit{TItem, TResult}"/>), each returning once it is done. On PostgreSQL the commit does not
    /// wait for the write-ahead log to reach the disk (synchronous_commit off, for this transaction only): it changes
    /// nothing of the record, and a question need not wait on a disk flush. Should the database itself crash within the
    /// moment before the log is flushed (wal_writer_delay, 200 ms by default), what is lost is the memory (the last
    /// list, for "更多") or the mark, and then the question is answered again when the server starts.
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
        if (sql is not null)
        {
            ct.ThrowIfCancellationRequested();
            await Bookkeepings.For(db).WriteAsync(db, new Bookkeeping(sql, parameters));
        }
    }

    private static readonly GroupCommits<Bookkeeping, bool> Bookkeepings = new(async (db, writes) =>
    {
        // Each write's placeholders {0}, {1}… are renumbered after the parameters of the writes before it.
        var (sql, parameters) = (new StringBuilder(db.Database.IsNpgsql() ? "SET LOCAL synchronous_commit TO OFF;\n" : ""), new List<object>());
        foreach (var write in writes)
        {
            var offset = parameters.Count;
            sql.Append(Placeholder().Replace(write.Sql, m => $"{{{int.Parse(m.Groups[1].ValueSpan) + offset}}}")).Append(";\n");
            parameters.AddRange(write.Parameters);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        // One round trip: Npgsql sends the BEGIN with it. The SQL is this class's and its callers' own; values are parameters.
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return writes.Select(_ => true).ToList();
    });

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    /// <summary>
    /// Makes <paramref name="owner"/> the owner of the unhandled messages no live instance owns, and returns them in the
    /// order they came: those whose owner's lease lapsed before <paramref name="now"/>, those stored before messages
    /// had owners, and, with <paramref name="earlierRunsOf"/>, those of that instance's earlier runs (leases it held),
    /// lapsed or not: a restarted instance is the same one, and its earlier run is over. One statement, so two
    /// instances cannot both take a message: on PostgreSQL the second finds the row changed, and its lease condition
    /// is checked again on the new owner, which is live (or a lease it cannot see yet, which is no lapsed one).
    /// </summary>
    public static async Task<List<InboxMessage>> ClaimAsync(RectifyDbContext db, string owner, string? earlierRunsOf, DateTime now, CancellationToken ct)
    {
        using var gate = await SqliteWriteGate.EnterAsync(db, ct);
        var claimed = await db.Inbox.FromSql($"""
            UPDATE "Inbox" SET "Owner" = {owner}
            WHERE "HandledAt" IS NULL AND ("Owner" IS NULL OR EXISTS (
                SELECT 1 FROM "ChannelLeases" AS l
                WHERE l."Name" = "Inbox"."Owner" AND l."Name" <> {owner} AND (l."ExpiresAt" < {now} OR l."Holder" = {earlierRunsOf})))
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        return [.. claimed.OrderBy(m => m.Id)];
    }

    /// <summary>
    /// Removes the messages handled more than <see cref="Kept"/> before <paramref name="now"/>, and the inbox leases
    /// lapsed as long ago that own no unhandled message.
    /// </summary>
    public static async Task<int> PruneAsync(RectifyDbContext db, DateTime now, CancellationToken ct)
    {
        var before = now - Kept;
        using var gate = await SqliteWriteGate.EnterAsync(db, ct);
        await db.ChannelLeases.Where(l => l.Name.StartsWith(LeasePrefix) && l.ExpiresAt < before && !db.Inbox.Any(m => m.Owner == l.Name && m.HandledAt == null))
            .ExecuteDeleteAsync(ct);
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
