using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Domain;
using RectifyBot.Store;

namespace RectifyBot.Conversation;

/// <summary>
/// What the bot remembers of a user's conversation: the last list shown (for "更多" and "上面第2条"), the measure
/// being talked about ("这条", and where a file sent next belongs), and a question waiting for an answer.
/// </summary>
public sealed record ConversationMemory
{
    public IReadOnlyList<int> LastList { get; init; } = [];
    public int Shown { get; init; }
    public string? ListTitle { get; init; }
    public int? Focus { get; init; }
    public Pending? Pending { get; init; }
}

/// <summary>
/// A question waiting for the user: "是" runs <see cref="OnYes"/>, a number or an option's label picks one of
/// <see cref="Options"/>. <see cref="FilePath"/> names an upload kept under a temporary name
/// (<see cref="Rectification.EvidenceStore.Staged"/>), waiting to learn its measure.
/// </summary>
public sealed record Pending(string Question, Intent? OnYes, IReadOnlyList<ClarifyOption> Options)
{
    public string? FileName { get; init; }
    public string? FileContentType { get; init; }
    public string? FilePath { get; init; }
}

/// <summary>Loads and saves <see cref="ConversationMemory"/> in the store, keyed by channel and user.</summary>
public sealed class ConversationMemoryStore(RectifyDbContext db, ExactStoreVersion versions)
{
    private string? _loaded;

    /// <summary>
    /// The user's memory, and with it, in the same statement, the store's version for the scope (<see cref="ExactStoreVersion"/>):
    /// a turn's first read, before anything it keeps at that version is computed. For a channel message not stored yet,
    /// the same statement looks for a message stored before with its key (<see cref="InboxTurn.StoredBefore"/>).
    /// </summary>
    public async Task<ConversationMemory> LoadAsync(string channel, string user, CancellationToken ct)
    {
        var saves = versions.LocalSaves;
        var inbox = InboxTurn.Current is { NotStoredYet: { } arrival } turn ? (Turn: turn, arrival.Channel, arrival.Key) : default;
        var (version, json, storedBefore) = (await db.QueryAsync(inbox.Turn is null ? Load : Load + StoredBefore,
            r => (r.IsDBNull(0) ? 0 : r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), inbox.Turn is not null && r.GetBoolean(2)), ct,
            inbox.Turn is null ? [channel, user] : [channel, user, inbox.Channel, inbox.Key]))[0];
        inbox.Turn?.StoredBefore = storedBefore;
        versions.Read(version, saves);
        _loaded = json;
        return _loaded is null ? new ConversationMemory() : JsonSerializer.Deserialize<ConversationMemory>(_loaded, Json) ?? new ConversationMemory();
    }

    /// <summary>
    /// Writes the memory unless it is what was loaded in this scope (or, for someone with none stored, empty): most
    /// questions change nothing to remember. One statement, inserting or replacing: memory is bookkeeping of the
    /// conversation, not the rectification record, so it is written outside the audit trail (see <see cref="StoreVersion"/>);
    /// two turns of one user at once (two browser tabs) leave the later one's. A channel message's turn that wrote
    /// nothing to the record leaves it to the turn's end, to be written with the mark of its message in one commit, or
    /// alone when the message needs no row (<see cref="InboxTurn.Keep"/>).
    /// </summary>
    public async Task SaveAsync(string channel, string user, ConversationMemory memory, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(memory, Json);
        if (json == (_loaded ?? Empty))
        {
            return;
        }
        _loaded = json;
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var write = new Bookkeeping("""
            INSERT INTO "ConversationStates" ("Channel", "UserKey", "Json", "UpdatedAt") VALUES ({0}, {1}, {2}, {3})
            ON CONFLICT ("Channel", "UserKey") DO UPDATE SET "Json" = excluded."Json", "UpdatedAt" = excluded."UpdatedAt"
            """, channel, user, json, now);
        if (InboxTurn.Current is { Handled: false } turn)
        {
            turn.Keep(write);
            return;
        }
        await Inbox.WriteBookkeepingAsync(db, write, null, now, ct);
    }

    /// <summary>
    /// The store's version (the newest audit entry's id, <see cref="StoreVersion"/>) and the memory's JSON: one row,
    /// whether or not either exists.
    /// </summary>
    private const string Load = """
        SELECT (SELECT MAX("Id") FROM "AuditEntries"), (SELECT "Json" FROM "ConversationStates" WHERE "Channel" = {0} AND "UserKey" = {1})
        """;

    /// <summary>The third column of <see cref="Load"/> for a message not stored yet: whether one with its key is.</summary>
    private const string StoredBefore = """
        , EXISTS (SELECT 1 FROM "Inbox" WHERE "Channel" = {2} AND "MessageKey" = {3})
        """;

    /// <summary>Intents are a closed hierarchy; a pending one is stored with its type name so it comes back as itself.</summary>
    private static readonly JsonSerializerOptions Json = new(RectifyJson.Compact)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { AddIntentTypes } },
    };

    /// <summary>Nothing to remember (declared after <see cref="Json"/>, which it is written with).</summary>
    private static readonly string Empty = JsonSerializer.Serialize(new ConversationMemory(), Json);

    private static void AddIntentTypes(JsonTypeInfo info)
    {
        if (info.Type != typeof(Intent) && info.Type != typeof(WriteIntent))
        {
            return;
        }
        info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$intent" };
        // Only the recogniser's own intents are ever pending; the engine's file intents hold streams and are not stored.
        foreach (var type in typeof(Intent).Assembly.GetTypes().Where(t => !t.IsAbstract && info.Type.IsAssignableFrom(t) && t.Namespace == typeof(Intent).Namespace))
        {
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, type.Name));
        }
    }
}
