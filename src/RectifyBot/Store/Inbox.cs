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

    /// <summary>A message to store; with <paramref name="HandledAt"/>, one whose turn is done (<see cref="InboxTurn.Unstored"/>).</summary>
    internal sealed record Arrival(string Owner, string Channel, string Key, string ConversationKey, string Payload, DateTime At, DateTime? HandledAt = null);

    internal static readonly GroupCommits<Arrival, long?> Accepting = new(async (db, arrivals) => await InsertAsync(db, arrivals));

    /// <summary>
    /// Inserts the messages in one statement and returns each one's new id; null for a retry, of a message stored before or
    /// earlier in the list (a retry may come in the same group as its first try), which is no failed insert for the
    /// database to log as an error.
    /// </summary>
    private static async Task<List<long?>> InsertAsync(RectifyDbContext db, IReadOnlyList<Arrival> arrivals)
    {
        var distinct = arrivals.DistinctBy(a => (a.Channel, a.Key)).ToList();
        var sql = new StringBuilder("""INSERT INTO "Inbox" ("Channel", "MessageKey", "ConversationKey", "Payload", "ReceivedAt", "Owner", "HandledAt") VALUES """);
        var parameters = new List<object>(distinct.Count * 7);
        foreach (var a in distinct)
        {
            // A message not handled yet has its NULL written out: a raw statement's parameters are typed by their values.
            sql.Append(parameters.Count == 0 ? "" : ", ")
                .Append($"({P(a.Channel)}, {P(a.Key)}, {P(a.ConversationKey)}, {P(a.Payload)}, {P(a.At)}, {P(a.Owner)}, {(a.HandledAt is { } at ? P(at) : "NULL")})");
        }
        sql.Append(""" ON CONFLICT ("Channel", "MessageKey") DO NOTHING RETURNING "Id", "Channel", "MessageKey" """);
        // The SQL is this method's own; values are parameters.
        var stored = (await db.QueryAsync(sql.ToString(), r => (Id: r.GetInt64(0), Channel: r.GetString(1), Key: r.GetString(2)), CancellationToken.None, parameters))
            .ToDictionary(s => (s.Channel, s.Key), s => s.Id);
        var first = distinct.ToHashSet(ReferenceEqualityComparer.Instance);
        return [.. arrivals.Select(a => first.Contains(a) && stored.TryGetValue((a.Channel, a.Key), out var id) ? id : (long?)null)];

        string P(object value)
        {
            parameters.Add(value);
            return $"{{{parameters.Count - 1}}}";
        }
    }

    /// <summary>Takes back a message that could not be queued: the channel is told to retry, and the retry must not look like a duplicate.</summary>
    public static async Task ForgetAsync(RectifyDbContext db, long id, CancellationToken ct)
    {
        using var gate = await SqliteWriteGate.EnterAsync(db, ct);
        await db.Inbox.Where(m => m.Id == id && m.HandledAt == null).ExecuteDeleteAsync(ct);
    }

    /// <summary>Marks a turn that wrote nothing to the record (a question, a refusal) handled.</summary>
    public static Task MarkHandledAsync(RectifyDbContext db, long id, DateTime at, CancellationToken ct) =>
        WriteBookkeepingAsync(db, null, InboxTurn.Of(id), at, ct);

    /// <summary>
    /// A turn's bookkeeping in one commit: <paramref name="write"/> (say, its conversation memory) and the mark of its
    /// inbox message <paramref name="handled"/>, either of them null. A message not stored yet (<see cref="InboxTurn.Unstored"/>)
    /// is stored here, handled, in the same commit; when it turns out to be a retry of one stored before, its turn is
    /// another's and nothing is written. Turns finishing together share a commit (<see cref="GroupCommit{TItem, TResult}"/>),
    /// each returning once it is done. On PostgreSQL a commit that stores no message does not wait for the write-ahead
    /// log to reach the disk (synchronous_commit off, for this transaction only): it changes nothing of the record, and
    /// a question need not wait on a disk flush. Should the database itself crash within the moment before the log is
    /// flushed (wal_writer_delay, 200 ms by default), what is lost is the memory (the last list, for "更多") or the
    /// mark, and then the question is answered again when the server starts.
    /// </summary>
    public static async Task WriteBookkeepingAsync(RectifyDbContext db, Bookkeeping? write, InboxTurn? handled, DateTime at, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (handled is { Handled: false } && handled.ClaimToStore() is { } arrival)
        {
            await handled.StoredAsync(StoredWithTurns.For(db).WriteAsync(db, new Keeping(write, null, arrival with { HandledAt = at }, at)), handled: true);
            return;
        }
        long? id = null;
        if (handled is { Handled: false })
        {
            if (await handled.StoredByAnotherAsync(db) is null)
            {
                return;
            }
            id = handled.Id;
        }
        if (write is not null || id is not null)
        {
            await Bookkeepings.For(db).WriteAsync(db, new Keeping(write, id, null, at));
        }
        handled?.Handled = true;
    }

    /// <summary>Stores a message received and not stored yet (<see cref="InboxTurn.Unstored"/>), as <see cref="AcceptAsync"/> does.</summary>
    internal static Task<long?> StoreAsync(RectifyDbContext db, Arrival arrival) => Accepting.For(db).WriteAsync(db, arrival);

    /// <summary>A turn's bookkeeping: a write, the mark of a stored message, or a message to store handled.</summary>
    private sealed record Keeping(Bookkeeping? Write, long? Handled, Arrival? Store, DateTime At);

    /// <summary>
    /// Bookkeeping that stores no message, committed without waiting for the disk on PostgreSQL; and messages stored
    /// with their turn's bookkeeping, whose commit waits for it: apart, so that a question on the web does not wait
    /// for a WeCom message's flush.
    /// </summary>
    private static readonly GroupCommits<Keeping, long?> Bookkeepings = new(WriteAsync), StoredWithTurns = new(WriteAsync);

    /// <summary>The ids of the messages stored, null for a retry; 0 for bookkeeping that stores none.</summary>
    private static async Task<IReadOnlyList<long?>> WriteAsync(RectifyDbContext db, IReadOnlyList<Keeping> keepings) =>
        // On PostgreSQL the retrying strategy runs the whole transaction again after a dropped connection (a message stored
        // by a commit whose answer was lost then looks like a retry: its reply is lost, never doubled).
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            var storing = keepings.Where(k => k.Store is not null).Select(k => k.Store!).ToList();
            var (sql, parameters) = (new StringBuilder(db.IsPostgres && storing.Count == 0 ? "SET LOCAL synchronous_commit TO OFF;\n" : ""), new List<object>());
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var stored = storing.Count == 0 ? [] : await InsertAsync(db, storing);
            var (ids, nextStored) = (new List<long?>(), 0);
            foreach (var keeping in keepings)
            {
                var id = keeping.Store is null ? 0 : stored[nextStored++];
                ids.Add(id);
                if (id is null)
                {
                    // A retry of a message stored before: its turn is the first try's, and this one writes nothing.
                    continue;
                }
                if (keeping.Write is { } write)
                {
                    Append(write.Sql, write.Parameters);
                }
                if (keeping.Handled is { } handled)
                {
                    Append("""UPDATE "Inbox" SET "HandledAt" = {0} WHERE "Id" = {1} AND "HandledAt" IS NULL""", [keeping.At, handled]);
                }
            }
            if (sql.Length > 0)
            {
                // One round trip: Npgsql sends the BEGIN with it. The SQL is this class's and its callers' own; values are parameters.
                await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, CancellationToken.None);
            }
            await transaction.CommitAsync(CancellationToken.None);
            return (IReadOnlyList<long?>)ids;

            void Append(string statement, object[] values)
            {
                // Each statement's placeholders {0}, {1}… are renumbered after the parameters of those before it.
                var offset = parameters.Count;
                sql.Append(Placeholder().Replace(statement, m => $"{{{int.Parse(m.Groups[1].ValueSpan) + offset}}}")).Append(";\n");
                parameters.AddRange(values);
            }
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
/// A message may also be handled before it is stored (<see cref="Unstored"/>): its row is then written, handled, with
/// the turn's bookkeeping (<see cref="Inbox.WriteBookkeepingAsync"/>), one commit for both, unless it is stored first
/// (<see cref="StoreAsync"/>), or not at all when its reply goes back in the message's acknowledgement
/// (<see cref="AnsweredAsync"/>). Such a turn cannot write to the record, whose save must mark a stored row: reading its
/// <see cref="Id"/> throws <see cref="InboxNotStoredException"/> before anything is saved, and the turn is run again
/// once the message is stored. A turn that writes nothing to the record leaves its bookkeeping (its conversation
/// memory) here (<see cref="Keep"/>) for the turn's end, when it is known whether the message needs its row.
/// </summary>
public sealed class InboxTurn
{
    private static readonly AsyncLocal<InboxTurn?> Ambient = new();

    private readonly Inbox.Arrival? _arrival;
    private readonly TaskCompletionSource<long?> _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _claimed;
    private long? _id;

    private InboxTurn(long id)
    {
        (_id, _claimed) = (id, 1);
        _stored.SetResult(id);
    }

    private InboxTurn(Inbox.Arrival arrival) => _arrival = arrival;

    /// <summary>The message's row; throws <see cref="InboxNotStoredException"/> while it has none of this turn's.</summary>
    public long Id => _id ?? throw new InboxNotStoredException();

    /// <summary>True once the mark is committed, by a save of the turn or by <see cref="Inbox.MarkHandledAsync(RectifyDbContext, long, DateTime, CancellationToken)"/>.</summary>
    public bool Handled { get; set; }

    /// <summary>
    /// The stored message's id once it is stored, null when it turned out to be a retry of one stored before, and
    /// <see cref="NoRow"/> when it was answered in its acknowledgement.
    /// </summary>
    public Task<long?> Storing => _stored.Task;

    /// <summary>A retry of a message stored before: its turn is the first try's, and this one says and writes nothing.</summary>
    public bool Duplicate => _stored.Task is { IsCompletedSuccessfully: true, Result: null };

    /// <summary>What <see cref="Storing"/> gives for a message answered in its acknowledgement, which has no row (<see cref="AnsweredAsync"/>).</summary>
    public const long NoRow = 0;

    /// <summary>The turn's bookkeeping, written at its end with the mark of its message (<see cref="Keep"/>).</summary>
    public Bookkeeping? Kept { get; private set; }

    /// <summary>A message not stored and not being stored: its reply may still go back in its acknowledgement, leaving no row.</summary>
    public bool MayGoWithoutRow => _arrival is not null && Volatile.Read(ref _claimed) == 0;

    /// <summary>The message not stored yet, whose key the turn's first read looks for (<see cref="StoredBefore"/>).</summary>
    internal Inbox.Arrival? NotStoredYet => MayGoWithoutRow ? _arrival : null;

    /// <summary>
    /// A message with this one's key was stored before the turn began, as the turn's first read found (in the statement
    /// that loads its memory): this is a retry, whose turn is the first try's, and the engine gives it up right after
    /// that read by storing it (<see cref="StoreBeforeWritingAsync"/>), which finds it stored.
    /// </summary>
    internal bool StoredBefore { get; set; }

    public static InboxTurn? Current => Ambient.Value;

    /// <summary>Makes <paramref name="id"/> the current turn's message for the rest of this async flow.</summary>
    public static InboxTurn Begin(long id) => Begin(new InboxTurn(id));

    /// <summary>Makes <paramref name="turn"/> the current turn's message for the rest of this async flow.</summary>
    public static InboxTurn Begin(InboxTurn turn) => Ambient.Value = turn;

    /// <summary>A message not stored yet, <paramref name="owner"/>'s once it is (see <see cref="Inbox.AcceptAsync"/>).</summary>
    public static InboxTurn Unstored(string owner, string channel, string key, string conversationKey, string payload, DateTime at) =>
        new(new Inbox.Arrival(owner, channel, key, conversationKey, payload, at));

    internal static InboxTurn Of(long id) => new(id);

    /// <summary>
    /// Stores the current turn's message, if it is not stored yet, before the turn writes to the record; a retry of
    /// a message stored before stops its turn here (<see cref="InboxNotStoredException"/>), before it writes anything.
    /// </summary>
    public static async Task StoreBeforeWritingAsync(RectifyDbContext db)
    {
        if (Current is { } turn && await turn.StoreAsync(db) is null)
        {
            throw new InboxNotStoredException();
        }
    }

    /// <summary>Keeps the turn's bookkeeping (the last of it, as a turn that runs again writes it again) for its end.</summary>
    public void Keep(Bookkeeping write) => Kept = write;

    /// <summary>
    /// The turn's end: its bookkeeping and the mark of its message in one commit, storing the message if it is not
    /// stored yet, unless the turn's write marked it already (<see cref="Inbox.WriteBookkeepingAsync"/>).
    /// </summary>
    public Task FinishAsync(RectifyDbContext db, DateTime at, CancellationToken ct) => Inbox.WriteBookkeepingAsync(db, Kept, this, at, ct);

    /// <summary>
    /// Settles a message not stored yet whose reply its acknowledgement carries (a WeCom callback's response): the channel
    /// learns it was received only with the answer, so a crash before that is a message the channel sends again, and no
    /// row need protect it. Its bookkeeping is written alone, or nothing when there is none, as for a turn on the web.
    /// False when it is being stored already (its acknowledgement stopped waiting for the turn): it is then marked as
    /// any other. A retry of a message stored before (a first try that is slow, or another instance's) never comes here:
    /// its turn stores it at once, which finds it stored and gives the turn up (<see cref="StoredBefore"/>).
    /// </summary>
    public async Task<bool> AnsweredAsync(RectifyDbContext db, DateTime at)
    {
        if (ClaimToStore() is null)
        {
            return false;
        }
        await StoredAsync(SettleAsync(), handled: true);
        return true;

        async Task<long?> SettleAsync()
        {
            if (Kept is { } write)
            {
                await using var connection = await db.OpenForWorkAsync(CancellationToken.None);
                await Inbox.WriteBookkeepingAsync(db, write, null, at, CancellationToken.None);
            }
            return NoRow;
        }
    }

    /// <summary>Stores the message, unhandled, unless it is stored or being stored already; as <see cref="Storing"/>.</summary>
    public async Task<long?> StoreAsync(RectifyDbContext db) =>
        ClaimToStore() is { } arrival ? await StoredAsync(Inbox.StoreAsync(db, arrival), handled: false) : await StoredByAnotherAsync(db);

    /// <summary>The id of the message stored by the caller that claimed it (as <see cref="Storing"/>), waited for holding no connection.</summary>
    internal async Task<long?> StoredByAnotherAsync(RectifyDbContext db)
    {
        await db.WaitHoldingNoConnectionAsync(_stored.Task);
        return await _stored.Task;
    }

    /// <summary>The message to store, to the first caller only: the one commit that stores it.</summary>
    internal Inbox.Arrival? ClaimToStore() => _arrival is not null && Interlocked.Exchange(ref _claimed, 1) == 0 ? _arrival : null;

    internal async Task<long?> StoredAsync(Task<long?> storing, bool handled)
    {
        try
        {
            var id = await storing;
            (_id, Handled) = (id, handled && id is not null);
            _stored.SetResult(id);
            return id;
        }
        catch (Exception e)
        {
            _stored.SetException(e);
            throw;
        }
    }
}

/// <summary>A turn whose message is not stored yet tried to write to the record (see <see cref="InboxTurn"/>).</summary>
public sealed class InboxNotStoredException() : InvalidOperationException("The turn's inbox message is not stored yet.");
