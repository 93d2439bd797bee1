using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using RectifyBot.Domain;

namespace RectifyBot.Store;

/// <summary>
/// The rectification store. One model for SQLite and PostgreSQL; provider-specific settings live in
/// <see cref="StoreServiceCollectionExtensions"/>. Every save records <see cref="AuditEntry"/> rows for what it
/// changed, under the operation set by <see cref="BeginOperation"/>, bumps the version of changed measures, and
/// keeps <see cref="KeptCounts"/> in step with the measures it changes, in the same transaction.
/// </summary>
public sealed class RectifyDbContext(DbContextOptions<RectifyDbContext> options, TimeProvider clock, LocalSaves localSaves) : DbContext(options)
{
    public DbSet<Inspection> Inspections => Set<Inspection>();
    public DbSet<Stage> Stages => Set<Stage>();
    public DbSet<Aspect> Aspects => Set<Aspect>();
    public DbSet<Problem> Problems => Set<Problem>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<Measure> Measures => Set<Measure>();
    public DbSet<MeasureUnit> MeasureUnits => Set<MeasureUnit>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<UnitAlias> UnitAliases => Set<UnitAlias>();
    public DbSet<Staff> Staff => Set<Staff>();
    public DbSet<Claim> Claims => Set<Claim>();
    public DbSet<ProgressUpdate> ProgressUpdates => Set<ProgressUpdate>();
    public DbSet<Evidence> Evidence => Set<Evidence>();
    public DbSet<ExtensionRequest> ExtensionRequests => Set<ExtensionRequest>();
    public DbSet<TransferRequest> TransferRequests => Set<TransferRequest>();
    public DbSet<CloseRequest> CloseRequests => Set<CloseRequest>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ConversationState> ConversationStates => Set<ConversationState>();
    public DbSet<InboxMessage> Inbox => Set<InboxMessage>();
    public DbSet<ReminderLog> ReminderLogs => Set<ReminderLog>();
    public DbSet<ConversationReference> ConversationReferences => Set<ConversationReference>();
    public DbSet<ChannelLease> ChannelLeases => Set<ChannelLease>();
    public DbSet<ReplyFeedback> ReplyFeedbacks => Set<ReplyFeedback>();
    public DbSet<BindCode> BindCodes => Set<BindCode>();
    public DbSet<StatusCount> StatusCounts => Set<StatusCount>();
    public DbSet<DueCount> DueCounts => Set<DueCount>();
    public DbSet<OwedMeasure> OwedMeasures => Set<OwedMeasure>();
    public DbSet<UnitChat> UnitChats => Set<UnitChat>();
    public DbSet<QueuedPush> QueuedPushes => Set<QueuedPush>();

    private AuditScope _audit = AuditScope.System;

    /// <summary>Names the user action the next saves belong to, for the audit trail and for undo.</summary>
    public Guid BeginOperation(string operation, int? actorId, string? channel = null, bool summarise = false)
    {
        _audit = new AuditScope(Guid.NewGuid(), operation, actorId, channel, summarise);
        return _audit.OperationId;
    }

    public TimeProvider Clock { get; } = clock;

    private bool? _isSqlite;
    private bool? _isPostgres;

    /// <summary>
    /// Whether the store is SQLite, or PostgreSQL, asked once per context: EF's <c>Database.IsSqlite()</c> reads the
    /// provider's assembly name on every call (<c>Assembly.GetName</c>), which took 1.6% of a web turn's CPU.
    /// </summary>
    public bool IsSqlite => _isSqlite ??= Database.IsSqlite();

    /// <inheritdoc cref="IsSqlite"/>
    public bool IsPostgres => _isPostgres ??= Database.IsNpgsql();

    /// <summary>Where this context rents a kept SQLite connection; looked up once, the options being the context's for good.</summary>
    private SqliteStatements? _statements;

    /// <summary>The connection rented for this lease by <see cref="HoldConnection"/>.</summary>
    private Microsoft.Data.Sqlite.SqliteConnection? _held;

    /// <summary>
    /// The context's own connection between rentals, closed until a query outside a held lease opens it. Made once: given
    /// none, EF made one on every lease only for <see cref="HoldConnection"/> to see that it was closed and drop it
    /// (parsing its connection string and all), 1.4% of a web turn's CPU.
    /// </summary>
    private Microsoft.Data.Sqlite.SqliteConnection? _own;

    /// <summary>
    /// On SQLite, gives this context for this lease one of the connections kept open, on which the statements of queries
    /// are kept compiled (<see cref="SqliteStatements"/>); it goes back when the context does. Called while the context's
    /// connection is closed and no transaction is under way; nothing to do on PostgreSQL, where Npgsql prepares the
    /// statements a connection runs often.
    /// </summary>
    public void HoldConnection()
    {
        if (_held is not null || !IsSqlite || Database.GetDbConnection().State != System.Data.ConnectionState.Closed)
        {
            return;
        }
        _statements ??= this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<SqliteStatements>().FirstOrDefault();
        if (_statements?.Rent(Database.GetConnectionString()!) is { } connection)
        {
            Database.SetDbConnection(connection, contextOwnsConnection: false);
            _held = connection;
        }
    }

    /// <summary>
    /// Opens the connection for work of several short statements (a rule-path turn, a page's read) and keeps it open
    /// until the result is disposed (or <c>Database.CloseConnectionAsync</c>, before a long wait): otherwise EF takes one
    /// from the pool and gives it back around each statement. On SQLite it is one of the kept connections
    /// (<see cref="HoldConnection"/>). Not to be held across a wait on a model, a search service or an upload:
    /// PostgreSQL allows few connections.
    /// </summary>
    public async Task<IAsyncDisposable> OpenForWorkAsync(CancellationToken ct)
    {
        HoldConnection();
        await Database.OpenConnectionAsync(ct);
        return new OpenConnection(this);
    }

    private sealed class OpenConnection(RectifyDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await db.Database.CloseConnectionAsync();
    }

    /// <summary>Gives the held connection back, and the context its own again, before the next lease can rent the context.</summary>
    private void GiveBackConnection()
    {
        if (_held is not { } held)
        {
            return;
        }
        _held = null;
        // A transaction left open must not go with the connection to the next turn.
        Database.CurrentTransaction?.Dispose();
        Database.SetDbConnection(_own ??= new Microsoft.Data.Sqlite.SqliteConnection(held.ConnectionString), contextOwnsConnection: false);
        _statements!.Return(held);
    }

    /// <summary>
    /// Runs one hand-written statement and reads its rows: placeholders {0}, {1}… for its parameters, as in
    /// <c>ExecuteSqlRaw</c>, none of them null (EF types a raw statement's parameters by their values). The command is
    /// EF's, with its interceptors (<see cref="SqliteStatements"/>), logging, diagnostics and, on PostgreSQL, retry after
    /// a dropped connection, but not its query pipeline (the shaper, the query's enumerable and the compiled delegate
    /// around them), which for the statement that begins a turn cost twice the command itself, and for the one that
    /// stores WeCom messages six times SQLite's own work.
    /// </summary>
    internal Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct, params IReadOnlyList<object> parameters) =>
        Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            var raw = (_commands ??= this.GetService<IRawSqlCommandBuilder>()).Build(sql, parameters);
            await using var reader = await raw.RelationalCommand.ExecuteReaderAsync(new RelationalCommandParameterObject(
                _connection ??= this.GetService<IRelationalConnection>(), raw.ParameterValues, null, this,
                _commandLogger ??= this.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.FromSqlQuery), token);
            var rows = new List<T>();
            while (await reader.ReadAsync(token))
            {
                rows.Add(read(reader.DbDataReader));
            }
            return rows;
        }, ct);

    // This context's services for QueryAsync, resolved once: a pooled context keeps its service provider.
    private IRawSqlCommandBuilder? _commands;
    private IRelationalConnection? _connection;
    private IRelationalCommandDiagnosticsLogger? _commandLogger;

    // A pooled context is given back by disposing it and rented by the next turn: the operation named here must not
    // be the next turn's, nor its actor the next turn's actor, nor its held connection the next turn's.
    public override void Dispose()
    {
        _audit = AuditScope.System;
        GiveBackConnection();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        _audit = AuditScope.System;
        GiveBackConnection();
        return base.DisposeAsync();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Inspection>(e =>
        {
            e.Property(i => i.Name).IsRequired();
            // Every server instance's reminder job closes an ended concentrated stage: the second save finds it closed.
            e.Property(i => i.ConcentratedStageClosedAt).IsConcurrencyToken();
            e.HasOne(i => i.PrincipalLeader).WithMany().HasForeignKey(i => i.PrincipalLeaderId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(i => i.Stages).WithOne().HasForeignKey(s => s.InspectionId);
            e.HasMany(i => i.Aspects).WithOne().HasForeignKey(a => a.InspectionId);
            e.HasMany(i => i.Measures).WithOne(m => m.Inspection).HasForeignKey(m => m.InspectionId);
            e.HasIndex(i => i.SourceSha256);
            e.Ignore(i => i.ConcentratedStageEnd);
        });
        b.Entity<Aspect>().HasMany(a => a.Problems).WithOne(p => p.Aspect).HasForeignKey(p => p.AspectId);
        b.Entity<Problem>().HasMany(p => p.Findings).WithOne(f => f.Problem).HasForeignKey(f => f.ProblemId);
        b.Entity<Finding>().HasMany(f => f.Measures).WithOne(m => m.Finding).HasForeignKey(m => m.FindingId).OnDelete(DeleteBehavior.Restrict);

        b.Entity<Measure>(e =>
        {
            e.HasIndex(m => new { m.InspectionId, m.Number }).IsUnique();
            e.HasIndex(m => new { m.DueDate, m.Status });
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(m => m.Version).IsConcurrencyToken();
            e.Property(m => m.Milestones).HasConversion(DateListConverter, DateListComparer);
            e.ComplexProperty(m => m.Deadline, d =>
            {
                d.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
                d.Property(x => x.Recurrence).HasConversion<string>().HasMaxLength(16);
            });
            e.HasOne(m => m.Owner).WithMany().HasForeignKey(m => m.OwnerId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(m => m.Units).WithOne().HasForeignKey(u => u.MeasureId);
            e.HasMany(m => m.Claims).WithOne().HasForeignKey(c => c.MeasureId);
            e.HasMany(m => m.Updates).WithOne().HasForeignKey(u => u.MeasureId);
            e.HasMany(m => m.Evidence).WithOne().HasForeignKey(x => x.MeasureId);
            e.HasMany(m => m.Extensions).WithOne().HasForeignKey(x => x.MeasureId);
            e.HasMany(m => m.CloseRequests).WithOne().HasForeignKey(x => x.MeasureId);
            e.Ignore(m => m.LeadUnitIds);
            // Written by the database only (KeptCounts), so never set here: a save writes a property only when it changes.
            e.Property<string?>(KeptCounts.Holding);
        });
        b.Entity<MeasureUnit>(e =>
        {
            e.HasKey(u => new { u.MeasureId, u.UnitId });
            e.HasIndex(u => new { u.UnitId, u.Role });
            e.Property(u => u.Role).HasConversion<string>().HasMaxLength(16);
            e.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId);
        });
        b.Entity<Unit>(e =>
        {
            e.HasIndex(u => u.Name).IsUnique();
            e.HasMany(u => u.Aliases).WithOne().HasForeignKey(a => a.UnitId);
            e.Ignore(u => u.AllNames);
        });
        b.Entity<UnitAlias>().HasIndex(a => a.Alias).IsUnique();
        b.Entity<Staff>(e =>
        {
            e.HasOne(s => s.Unit).WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.SetNull);
            e.Property(s => s.Roles).HasConversion<int>();
            e.HasIndex(s => s.Name);
            e.HasIndex(s => s.TeamsId).IsUnique();
            e.HasIndex(s => s.WeComId).IsUnique();
            e.HasIndex(s => s.WebLogin).IsUnique();
            e.HasIndex(s => s.TeamsUpn).IsUnique();
        });
        b.Entity<BindCode>(e =>
        {
            e.HasIndex(c => c.StaffId);
            e.HasIndex(c => c.ExpiresAt);
            e.HasOne<Staff>().WithMany().HasForeignKey(c => c.StaffId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Claim>(e =>
        {
            e.HasIndex(c => new { c.UnitId, c.MeasureId });
            e.HasOne(c => c.Unit).WithMany().HasForeignKey(c => c.UnitId);
            e.HasOne(c => c.Staff).WithMany().HasForeignKey(c => c.StaffId).OnDelete(DeleteBehavior.SetNull);
            e.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        });
        b.Entity<ProgressUpdate>(e =>
        {
            e.HasIndex(u => new { u.MeasureId, u.At });
            e.Property(u => u.StatusFrom).HasConversion<string>().HasMaxLength(16);
            e.Property(u => u.StatusTo).HasConversion<string>().HasMaxLength(16);
            e.HasOne(u => u.Staff).WithMany().HasForeignKey(u => u.StaffId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<Evidence>(e =>
        {
            e.HasIndex(x => new { x.MeasureId, x.Sha256 });
            e.HasOne(x => x.Staff).WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<ExtensionRequest>(e =>
        {
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.HasOne(x => x.RequestedBy).WithMany().HasForeignKey(x => x.RequestedById).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<TransferRequest>(e =>
        {
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.HasOne(x => x.RequestedBy).WithMany().HasForeignKey(x => x.RequestedById).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.FromUnit).WithMany().HasForeignKey(x => x.FromUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.ToUnit).WithMany().HasForeignKey(x => x.ToUnitId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CloseRequest>(e =>
        {
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.HasOne(x => x.RequestedBy).WithMany().HasForeignKey(x => x.RequestedById).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<ConversationState>().HasIndex(c => new { c.Channel, c.UserKey }).IsUnique();
        b.Entity<InboxMessage>(e =>
        {
            e.HasIndex(p => new { p.Channel, p.MessageKey }).IsUnique();
            e.HasIndex(p => p.HandledAt);
            // A turn marks its message handled only if nothing else has: two servers replaying it cannot both write.
            e.Property(p => p.HandledAt).IsConcurrencyToken();
        });
        b.Entity<ReminderLog>().HasIndex(r => new { r.Audience, r.Day }).IsUnique();
        b.Entity<ConversationReference>(e =>
        {
            e.HasIndex(r => new { r.StaffId, r.Channel }).IsUnique();
            e.HasOne<Staff>().WithMany().HasForeignKey(r => r.StaffId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ChannelLease>().HasKey(l => l.Name);
        b.Entity<ReplyFeedback>().HasIndex(f => new { f.Channel, f.ReplyId, f.UserId }).IsUnique();
        b.Entity<StatusCount>(e =>
        {
            e.HasKey(c => c.Scope);
            e.Property(c => c.Scope).ValueGeneratedNever();
        });
        // Keyed by bucket first: "due before today" reads a range of each span.
        b.Entity<DueCount>().HasKey(c => new { c.Span, c.Start, c.Scope });
        // Keyed by unit and due date first: a unit's overdue measures are a range of it. By measure, to take a measure's rows away.
        b.Entity<OwedMeasure>(e =>
        {
            e.HasKey(o => new { o.UnitId, o.DueDate, o.MeasureId });
            e.HasIndex(o => o.MeasureId);
        });
        b.Entity<UnitChat>(e =>
        {
            e.HasIndex(c => new { c.Channel, c.ChatId }).IsUnique();
            e.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<QueuedPush>().HasIndex(p => new { p.Channel, p.SentAt });
        b.Entity<AuditEntry>(e =>
        {
            e.HasIndex(a => new { a.ActorId, a.At });
            e.HasIndex(a => a.OperationId);
            e.HasIndex(a => a.MeasureId);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        // SQLite hands DateTime back without a kind; every timestamp in the store is UTC.
        c.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        c.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: every write waits on I/O.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Changes are found once, here: every ChangeTracker.Entries() and EF's own save would look for them again,
        // four more times, and what is changed below goes through the entries, which mark it themselves.
        ChangeTracker.DetectChanges();
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var entries = ChangeTracker.Entries().ToList();
            var audit = Audit(entries);
            foreach (var entry in entries)
            {
                if (entry is { Entity: Measure measure, State: EntityState.Modified })
                {
                    entry.Property(nameof(Measure.Version)).CurrentValue = measure.Version + 1;
                }
            }
            var counted = entries.Where(KeptCounts.Moves).ToList();
            AuditEntries.AddRange(audit);
            var handling = audit.Count > 0 ? MarkInboxHandled() : null;
            var inOrder = audit.Count > 0 && IsPostgres;
            using var gate = await SqliteWriteGate.EnterAsync(this, cancellationToken);
            var saved = counted.Count == 0 && !inOrder
                ? await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
                : await SaveInTransactionAsync(counted, inOrder, acceptAllChangesOnSuccess, cancellationToken);
            if (audit.Count > 0)
            {
                localSaves.Saved();
            }
            handling?.Handled = true;
            return saved;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>
    /// Saves in one transaction (the caller's, if it has one), with the counts of the measures changed (if any) taken
    /// away before and added back after. On PostgreSQL the retrying strategy runs the whole transaction again after a
    /// dropped connection, so the changes are accepted only once it commits.
    /// </summary>
    /// <param name="inOrder">
    /// Takes the audit trail's transaction lock first, on PostgreSQL: audit ids come from a sequence, and without it a
    /// save that took a higher id could commit before one that took a lower id, so that a reader would see the newer
    /// version (<see cref="StoreVersion"/>) without the older save's changes and keep results computed without them
    /// under it. With it, saves of the record commit in the order of their ids (on SQLite they do anyway: one writer).
    /// </param>
    private async Task<int> SaveInTransactionAsync(List<EntityEntry> counted, bool inOrder, bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        if (Database.CurrentTransaction is not null)
        {
            return await SaveAdjustingAsync(counted, inOrder, acceptAllChangesOnSuccess, ct);
        }
        var saved = await Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await Database.BeginTransactionAsync(token);
            // EF sets a savepoint before saving in a transaction, to roll back to if the save fails; this transaction is
            // the save's own and is rolled back whole, so the savepoint would only cost two round trips on PostgreSQL.
            Database.AutoSavepointsEnabled = false;
            try
            {
                var rows = await SaveAdjustingAsync(counted, inOrder, acceptAllChangesOnSuccess: false, token);
                await transaction.CommitAsync(token);
                return rows;
            }
            finally
            {
                Database.AutoSavepointsEnabled = true;
            }
        }, ct);
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }
        return saved;
    }

    private async Task<int> SaveAdjustingAsync(List<EntityEntry> counted, bool inOrder, bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        if (inOrder)
        {
            await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditOrderLock})", ct);
        }
        var measures = KeptCounts.MeasureIds(counted);
        await KeptCounts.AdjustAsync(this, measures, -1, ct);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
        // New measures have their ids now.
        measures.UnionWith(KeptCounts.MeasureIds(counted));
        await KeptCounts.AdjustAsync(this, measures, +1, ct);
        return saved;
    }

    /// <summary>Any fixed number, other than the store's preparation lock (<see cref="StoreInitializer"/>).</summary>
    internal const long AuditOrderLock = 0x5265_6374_6966_7941;

    /// <summary>
    /// A channel turn's first write to the record also marks its inbox message handled, in the same transaction:
    /// after a crash the message is replayed only if its write was not stored. Later saves of the turn leave it.
    /// </summary>
    private InboxTurn? MarkInboxHandled()
    {
        if (InboxTurn.Current is not { Handled: false } turn)
        {
            return null;
        }
        var row = new InboxMessage { Id = turn.Id, Channel = "", MessageKey = "", ConversationKey = "", Payload = "" };
        Inbox.Attach(row).Property(r => r.HandledAt).CurrentValue = Clock.GetUtcNow().UtcDateTime;
        return turn;
    }

    private List<AuditEntry> Audit(List<EntityEntry> tracked)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var entries = new List<AuditEntry>();
        var changed = tracked.Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        foreach (var e in changed)
        {
            if (e.Entity is ConversationState or InboxMessage or ReminderLog or ConversationReference or ChannelLease or ReplyFeedback or BindCode or UnitChat or QueuedPush)
            {
                // Bookkeeping of the conversation, not a change to the rectification record (a bind code's use shows as the
                // change to the person's account it made).
                continue;
            }
            if (e.Entity is AuditEntry)
            {
                // The trail is append-only.
                if (e.State != EntityState.Added)
                {
                    throw new InvalidOperationException("Audit entries are never changed or deleted.");
                }
                continue;
            }
            if (_audit.Summarise)
            {
                continue;
            }
            entries.Add(new AuditEntry
            {
                At = now,
                ActorId = _audit.ActorId,
                OperationId = _audit.OperationId,
                Operation = _audit.Operation,
                Channel = _audit.Channel,
                Change = e.State.ToString(),
                EntityType = e.Metadata.ClrType.Name,
                EntityId = KeyOf(e),
                MeasureId = MeasureIdOf(e),
                Before = e.State == EntityState.Added ? null : Snapshot(e, original: true),
                After = e.State == EntityState.Deleted ? null : Snapshot(e, original: false),
            });
        }
        if (_audit.Summarise && changed.Count > 0)
        {
            var counts = changed.GroupBy(e => (e.Metadata.ClrType.Name, e.State.ToString()))
                .ToDictionary(g => $"{g.Key.Item2} {g.Key.Name}", g => g.Count());
            entries.Add(new AuditEntry
            {
                At = now,
                ActorId = _audit.ActorId,
                OperationId = _audit.OperationId,
                Operation = _audit.Operation,
                Channel = _audit.Channel,
                Change = "Batch",
                EntityType = "*",
                EntityId = "*",
                After = JsonSerializer.Serialize(counts, RectifyJson.Compact),
            });
        }
        return entries;
    }

    private static string KeyOf(EntityEntry e)
    {
        // Keys of added rows are generated by the database; the audit keeps the natural reference instead.
        var key = e.Metadata.FindPrimaryKey()!;
        var values = key.Properties.Select(p => e.Property(p.Name).CurrentValue);
        return e.State == EntityState.Added && values.All(v => v is null or 0 or 0L) ? "new" : string.Join("/", values);
    }

    private static int? MeasureIdOf(EntityEntry e)
    {
        int id = e.Entity switch
        {
            Measure m => m.Id,
            MeasureUnit u => u.MeasureId,
            Claim c => c.MeasureId,
            ProgressUpdate u => u.MeasureId,
            Evidence x => x.MeasureId,
            ExtensionRequest x => x.MeasureId,
            TransferRequest x => x.MeasureId,
            CloseRequest x => x.MeasureId,
            _ => 0,
        };
        return id == 0 ? null : id;
    }

    private static string Snapshot(EntityEntry e, bool original)
    {
        // Plain properties by name; those of a complex property (Deadline) as "Deadline.Kind".
        var properties = e.Properties.Select(p => (Name: p.Metadata.Name, Entry: p))
            .Concat(e.ComplexProperties.SelectMany(c => c.Properties.Select(p => (Name: $"{c.Metadata.Name}.{p.Metadata.Name}", Entry: p))));
        var values = new Dictionary<string, object?>();
        foreach (var (name, p) in properties.Where(x => e.State != EntityState.Modified || x.Entry.IsModified))
        {
            values[name] = original ? p.OriginalValue : p.CurrentValue;
        }
        return JsonSerializer.Serialize(values, RectifyJson.Compact);
    }

    private static readonly ValueConverter<List<DateOnly>, string> DateListConverter = new(
        v => string.Join(';', v.Select(d => d.ToString("yyyy-MM-dd"))),
        v => v.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(DateOnly.Parse).ToList());

    private static readonly ValueComparer<List<DateOnly>> DateListComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (h, d) => HashCode.Combine(h, d)),
        v => v.ToList());

    private sealed record AuditScope(Guid OperationId, string Operation, int? ActorId, string? Channel, bool Summarise)
    {
        public static AuditScope System => new(Guid.NewGuid(), "系统", null, null, false);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
