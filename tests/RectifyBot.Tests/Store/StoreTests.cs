using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Store;

/// <summary>The same behaviour on SQLite and PostgreSQL.</summary>
public class StoreTests
{
    /// <summary>The run whose inbox messages these are (<see cref="Inbox.NewOwner"/>).</summary>
    private static readonly string Owner = Inbox.NewOwner();

    private static readonly DateOnly Today = new(2023, 11, 21);

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Every_entity_round_trips_through_a_migrated_store(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        int measureId;
        await using (var db = store.NewContext())
        {
            var plan = await new PlanBuilder().ConversationsRoster()
                .Measure(51, lead: "社会事务科", supporting: "低保中心", deadline: Deadline.Every(Recurrence.Quarterly, new DateOnly(2023, 12, 31), "每季度"))
                .SaveAsync(db);
            var staff = await db.Staff.SingleAsync(s => s.Name == "李娜");
            var unit = await db.Units.SingleAsync(u => u.Name == "社会事务科");
            var m = plan.Measures.Single();
            m.Milestones = [new DateOnly(2024, 1, 20)];
            m.Claims.Add(new Claim { UnitId = unit.Id, StaffId = staff.Id, ClaimedAt = store.Clock.GetUtcNow().UtcDateTime });
            m.Updates.Add(new ProgressUpdate { StaffId = staff.Id, At = store.Clock.GetUtcNow().UtcDateTime, On = Today, Text = "已完成摸底", StatusTo = MeasureStatus.InProgress, Channel = "cli" });
            m.Evidence.Add(new Evidence { FileName = "会议纪要.pdf", ContentType = "application/pdf", Sha256 = new string('a', 64), Size = 1234, StoredPath = "evidence/aa/aaaa", StaffId = staff.Id, At = store.Clock.GetUtcNow().UtcDateTime });
            m.Extensions.Add(new ExtensionRequest { RequestedById = staff.Id, RequestedAt = store.Clock.GetUtcNow().UtcDateTime, PreviousDue = m.DueDate, NewDate = new DateOnly(2025, 12, 31), Reason = "资金未到位" });
            m.CloseRequests.Add(new CloseRequest { RequestedById = staff.Id, RequestedAt = store.Clock.GetUtcNow().UtcDateTime, Account = "已完成" });
            m.NoteUpdate(Today);
            db.ConversationStates.Add(new ConversationState { Channel = "wecom", UserKey = "lina", Json = "{}", UpdatedAt = store.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
            measureId = m.Id;
        }

        await using (var db = store.NewContext())
        {
            var m = await db.Measures.AsSplitQuery()
                .Include(x => x.Units).ThenInclude(u => u.Unit)
                .Include(x => x.Claims).Include(x => x.Updates).Include(x => x.Evidence)
                .Include(x => x.Extensions).Include(x => x.CloseRequests)
                .Include(x => x.Finding!).ThenInclude(f => f.Problem!).ThenInclude(p => p.Aspect)
                .SingleAsync(x => x.Id == measureId);
            Assert.Equal(51, m.Number);
            Assert.Equal(new Deadline(DeadlineKind.Recurring, new DateOnly(2023, 12, 31), Recurrence.Quarterly, "每季度"), m.Deadline);
            Assert.Equal(new DateOnly(2024, 3, 31), m.DueDate); // an update in the first quarter: the next is owed
            Assert.Equal([new DateOnly(2024, 1, 20)], m.Milestones);
            Assert.Equal(["社会事务科/Lead", "低保中心/Supporting"], m.Units.OrderBy(u => u.Role).Select(u => $"{u.Unit!.Name}/{u.Role}"));
            Assert.Equal("已完成摸底", m.Updates.Single().Text);
            Assert.Equal(DateTimeKind.Utc, m.Updates.Single().At.Kind);
            Assert.Equal(store.Clock.GetUtcNow().UtcDateTime, m.Updates.Single().At);
            Assert.Equal(1234, m.Evidence.Single().Size);
            Assert.Equal(RequestState.Pending, m.Extensions.Single().State);
            Assert.Equal("方面1", m.Finding!.Problem!.Aspect!.Title);
            Assert.Single(m.CloseRequests);
            Assert.Equal(3, await db.UnitAliases.CountAsync(a => a.Alias == "县殡葬服务中心" || a.Alias == "殡服中心" || a.Alias == "社事科"));
            Assert.Single(await db.ConversationStates.ToListAsync());
        }
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Overdue_for_a_unit_lists_led_and_claimed_measures_most_overdue_first(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewContext())
        {
            await new PlanBuilder().ConversationsRoster()
                .Measure(5, lead: "社会事务科", due: "2023-10-20")
                .Measure(32, lead: "社会事务科", due: "2023-09-30", status: MeasureStatus.InProgress)
                .Measure(40, lead: "社会事务科", due: "2023-09-01", status: MeasureStatus.Done)      // done: awaiting close, not overdue
                .Measure(41, lead: "社会事务科", due: "2023-12-31")                                  // not yet due
                .Measure(42, lead: "社会救助科", due: "2023-08-31")                                  // another unit's
                .Measure(43, due: "2023-11-01")                                                      // claimed below
                .SaveAsync(db);
            var claimer = await db.Units.SingleAsync(u => u.Name == "社会事务科");
            var m43 = await db.Measures.SingleAsync(m => m.Number == 43);
            m43.Claims.Add(new Claim { UnitId = claimer.Id, ClaimedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await using var scope = store.Scope();
        var unit = await scope.ServiceProvider.GetRequiredService<UnitDirectory>().FindAsync("社事科", default);
        var list = await scope.ServiceProvider.GetRequiredService<MeasureQueries>()
            .ListAsync(new MeasureFilter { UnitId = unit!.Id, OverdueOnly = true }, Today, default);

        Assert.Equal([32, 5, 43], list.Select(m => m.Number));
        Assert.Equal([52, 32, 20], list.Select(m => m.DaysOverdue));
        Assert.Contains("社会事务科", list.Single(m => m.Number == 43).LeadUnits);
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_list_remembers_its_numbers_and_a_page_or_a_detail_is_read_by_number(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster()
                .Measure(5, lead: "社会事务科", supporting: "低保中心", due: "2023-10-20")
                .Measure(32, lead: "社会事务科", due: "2023-09-30", status: MeasureStatus.InProgress)
                .Measure(43, due: "2023-11-01")
                .SaveAsync(db)).Id;
            var m43 = await db.Measures.SingleAsync(m => m.Number == 43);
            foreach (var (unit, day) in new[] { ("社会救助科", 2), ("社会事务科", 1) })
            {
                var unitId = await db.Units.Where(u => u.Name == unit).Select(u => u.Id).SingleAsync();
                m43.Claims.Add(new Claim { UnitId = unitId, ClaimedAt = new DateTime(2023, 11, day, 0, 0, 0, DateTimeKind.Utc) });
            }
            await db.SaveChangesAsync();
        }

        await using var scope = store.Scope();
        var queries = scope.ServiceProvider.GetRequiredService<MeasureQueries>();
        Assert.Equal([32, 5, 43], await queries.NumbersAsync(new MeasureFilter { InspectionId = inspection, OverdueOnly = true }, Today, default));
        var page = await queries.PageAsync(inspection, [43, 999, 5], Today, default);
        Assert.Equal([43, 5], page.Select(m => m.Number));
        Assert.Equal(["社会救助科", "社会事务科"], page[0].LeadUnits); // claimants, in the order they claimed
        Assert.Equal(["社会事务科"], page[1].LeadUnits);
        Assert.Equal(["低保中心"], page[1].SupportingUnits);

        var detail = (await queries.GetAsync(inspection, 43, Today, default))!;
        Assert.Equal(RectifyJson.Serialize(page[0]), RectifyJson.Serialize(detail.Measure));
        Assert.Equal(["社会事务科", "社会救助科"], detail.Claims.Select(c => c.Unit)); // by claim date
        Assert.Null(await queries.GetAsync(inspection, 999, Today, default));
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Due_within_a_window_includes_both_ends_and_skips_done_work(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewContext())
        {
            await new PlanBuilder().ConversationsRoster()
                .Measure(1, lead: "办公室", due: "2023-11-21")
                .Measure(2, lead: "办公室", due: "2023-11-28")
                .Measure(3, lead: "办公室", due: "2023-11-29")
                .Measure(4, lead: "办公室", due: "2023-11-25", status: MeasureStatus.Done)
                .Measure(5, lead: "办公室", due: "2023-11-20")
                .SaveAsync(db);
        }
        await using var scope = store.Scope();
        var list = await scope.ServiceProvider.GetRequiredService<MeasureQueries>()
            .ListAsync(new MeasureFilter { DueBetween = (Today, Today.AddDays(7)) }, Today, default);
        Assert.Equal([1, 2], list.Select(m => m.Number));
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Recurring_and_long_term_measures_become_overdue_when_a_check_in_is_missed(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewContext())
        {
            await new PlanBuilder().ConversationsRoster()
                .Measure(32, lead: "社会事务科", status: MeasureStatus.Ongoing, deadline: Deadline.Every(Recurrence.Quarterly, new DateOnly(2023, 9, 30)))
                .Measure(33, lead: "社会事务科", status: MeasureStatus.Ongoing, deadline: Deadline.Every(Recurrence.Quarterly, new DateOnly(2023, 9, 30)), lastUpdate: "2023-09-15")
                .Measure(137, lead: "社会事务科", status: MeasureStatus.Ongoing, deadline: Deadline.LongTermFrom(new DateOnly(2023, 10, 20), Recurrence.HalfYearly))
                .Measure(138, lead: "社会事务科", status: MeasureStatus.Closed, deadline: Deadline.LongTermFrom(new DateOnly(2023, 10, 20), Recurrence.HalfYearly))
                .SaveAsync(db);
        }
        await using var scope = store.Scope();
        var list = await scope.ServiceProvider.GetRequiredService<MeasureQueries>()
            .ListAsync(new MeasureFilter { OverdueOnly = true }, Today, default);
        Assert.Equal([32, 137], list.Select(m => m.Number));
        Assert.Equal(52, list[0].DaysOverdue);
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Two_people_updating_one_measure_at_once_both_keep_their_update(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        int id;
        await using (var db = store.NewContext())
        {
            id = (await new PlanBuilder().ConversationsRoster().Measure(51, lead: "社会事务科", due: "2023-12-31").SaveAsync(db)).Measures[0].Id;
        }
        var writer = store.Services.GetRequiredService<StoreWriter>();
        // Both read the measure before either saves; the second save conflicts and is run again on fresh data.
        var bothRead = new Barrier(2);
        var firstTry = new[] { true, true };
        var attempts = 0;
        Task Update(int who, string text, MeasureStatus? to) => Task.Run(() => writer.RunAsync("进展更新", null, "test", async (db, ct) =>
        {
            Interlocked.Increment(ref attempts);
            var m = await db.Measures.SingleAsync(x => x.Id == id, ct);
            if (firstTry[who])
            {
                firstTry[who] = false;
                bothRead.SignalAndWait(TimeSpan.FromSeconds(10));
            }
            if (to is { } status)
            {
                m.MoveTo(status);
            }
            m.Updates.Add(new ProgressUpdate { Text = text, At = DateTime.UtcNow, On = Today });
            m.NoteUpdate(Today);
            return WriteResult.Done("");
        }, CancellationToken.None));

        await Task.WhenAll(Update(0, "李娜：已完成摸底", null), Update(1, "王强：已完成调查", MeasureStatus.Done));

        await using var check = store.NewContext();
        var saved = await check.Measures.Include(m => m.Updates).SingleAsync(m => m.Id == id);
        Assert.Equal(["李娜：已完成摸底", "王强：已完成调查"], saved.Updates.Select(u => u.Text).Order());
        Assert.Equal(MeasureStatus.Done, saved.Status);
        Assert.Equal(3, attempts); // one of the two really conflicted and was run again
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Every_write_is_audited_with_who_what_before_and_after_and_the_trail_is_append_only(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewContext())
        {
            await new PlanBuilder().ConversationsRoster().Measure(51, lead: "社会事务科", due: "2023-12-31").SaveAsync(db);
        }
        Guid operation;
        await using (var db = store.NewContext())
        {
            var staff = await db.Staff.SingleAsync(s => s.Name == "李娜");
            operation = db.BeginOperation("状态变更", staff.Id, "wecom");
            var m = await db.Measures.SingleAsync(x => x.Number == 51);
            m.MoveTo(MeasureStatus.InProgress);
            await db.SaveChangesAsync();
        }
        await using (var db = store.NewContext())
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.OperationId == operation);
            Assert.Equal("Modified", entry.Change);
            Assert.Equal("Measure", entry.EntityType);
            Assert.Equal("wecom", entry.Channel);
            Assert.Contains("\"Status\":\"notStarted\"", entry.Before);
            Assert.Contains("\"Status\":\"inProgress\"", entry.After);
            Assert.NotNull(entry.ActorId);

            entry.Operation = "篡改";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_pooled_context_rented_again_does_not_carry_the_last_turns_operation_or_actor(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewContext())
        {
            await new PlanBuilder().ConversationsRoster().Measure(51, lead: "社会事务科", due: "2023-12-31").SaveAsync(db);
        }
        // A turn names its operation and actor, and ends without saving: its scope gives the context back.
        RectifyDbContext given;
        using (var scope = store.Services.CreateScope())
        {
            given = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            given.BeginOperation("状态变更", (await given.Staff.SingleAsync(s => s.Name == "李娜")).Id, "wecom");
        }
        await AssertNextSaveIsTheSystemsAsync();
        // The same through an asynchronous disposal.
        await using (var db = store.NewContext())
        {
            Assert.Same(given, db);
            db.BeginOperation("状态变更", (await db.Staff.SingleAsync(s => s.Name == "李娜")).Id, "web");
        }
        await AssertNextSaveIsTheSystemsAsync();

        async Task AssertNextSaveIsTheSystemsAsync()
        {
            await using var scope = store.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            Assert.Same(given, db);
            var m = await db.Measures.SingleAsync(x => x.Number == 51);
            m.Text += "。";
            await db.SaveChangesAsync();
            var entry = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
            Assert.Equal(("系统", null, null), (entry.Operation, entry.ActorId, entry.Channel));
        }
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_store_made_by_the_first_migration_upgrades_to_the_latest_without_losing_data(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, migrate: false);
        await using (var db = store.NewContext())
        {
            if (db.IsSqlite)
            {
                Directory.CreateDirectory(store.DataPath);
            }
            await db.GetService<IMigrator>().MigrateAsync("20261122000001_Initial");
            // Rows written as the first version's schema knew them.
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "Units" ("Name") VALUES ('社会事务科')""");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Inspections" ("Name", "CreatedAt") VALUES ('方案', {0});
                INSERT INTO "Aspects" ("InspectionId", "Ordinal", "Title") VALUES (1, 1, '方面');
                INSERT INTO "Problems" ("AspectId", "Ordinal", "Title", "Text") VALUES (1, 1, '问题', '');
                INSERT INTO "Findings" ("ProblemId", "Ordinal", "Title", "Text") VALUES (1, 1, '表现', '');
                INSERT INTO "Measures" ("InspectionId", "FindingId", "Number", "Text", "Deadline_Kind", "Deadline_Date", "DueDate", "Milestones", "Status", "Version")
                VALUES (1, 1, 51, '措施五十一', 'Date', {1}, {1}, '', 'InProgress', 0);
                INSERT INTO "ProgressUpdates" ("MeasureId", "At", "On", "Text") VALUES (1, {0}, {1}, '已完成摸底');
                """, new DateTime(2023, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateOnly(2023, 10, 20));
            Assert.Contains("20261122000002_Conversations", await db.Database.GetPendingMigrationsAsync());
            Assert.Contains("20261122000003_WorkflowAndReminders", await db.Database.GetPendingMigrationsAsync());
            Assert.Contains("20261122000007_ChannelLeasesAndFeedback", await db.Database.GetPendingMigrationsAsync());
        }
        await using (var db = store.NewContext())
        {
            await db.MigrateAsync(CancellationToken.None);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var m = await db.Measures.Include(x => x.Updates).SingleAsync();
            Assert.Equal(("措施五十一", MeasureStatus.InProgress, new DateOnly(2023, 10, 20)), (m.Text, m.Status, m.DueDate!.Value));
            Assert.Equal("已完成摸底", m.Updates.Single().Text);
            Assert.Null(m.Updates.Single().Channel);
            db.Inbox.Add(new InboxMessage { Channel = "wecom", MessageKey = "1234", ConversationKey = "wecom:lina", Payload = "<xml/>", ReceivedAt = DateTime.UtcNow });
            db.ReminderLogs.Add(new ReminderLog { Audience = "unit:1", Day = new DateOnly(2023, 11, 21), At = DateTime.UtcNow });
            db.ChannelLeases.Add(new ChannelLease { Name = "wecom-bot:b1", Holder = "a", ExpiresAt = DateTime.UtcNow });
            db.ReplyFeedbacks.Add(new ReplyFeedback { Channel = "wecom-bot", ReplyId = "s1", UserId = "u1", Rating = "like", At = DateTime.UtcNow });
            Assert.Null((await db.Inspections.SingleAsync()).ConcentratedStageClosedAt);
            await db.SaveChangesAsync();
        }
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_retried_channel_message_is_stored_once(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var now = store.Clock.GetUtcNow().UtcDateTime;
        await using var db = store.NewContext();
        var first = await Inbox.AcceptAsync(db, Owner, "wecom", "msg-1", "wecom:lina", "<xml>1</xml>", now);
        Assert.NotNull(first);
        Assert.Null(await Inbox.AcceptAsync(db, Owner, "wecom", "msg-1", "wecom:lina", "<xml>1</xml>", now));
        Assert.NotNull(await Inbox.AcceptAsync(db, Owner, "teams", "msg-1", "teams:c", "{}", now));
        Assert.Equal(2, await db.Inbox.CountAsync());
        // Handled, it is still a retry.
        await Inbox.MarkHandledAsync(db, first.Value, now, default);
        Assert.Null(await Inbox.AcceptAsync(db, Owner, "wecom", "msg-1", "wecom:lina", "<xml>1</xml>", now));
        Assert.Equal(["teams"], await db.Inbox.Where(m => m.HandledAt == null).Select(m => m.Channel).ToListAsync());
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_turns_write_marks_its_inbox_message_handled_in_the_same_save_and_only_once(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var now = store.Clock.GetUtcNow().UtcDateTime;
        await using (var db = store.NewContext())
        {
            db.Units.Add(new Unit { Name = "社会事务科" });
            await db.SaveChangesAsync();
        }
        long id;
        await using (var db = store.NewContext())
        {
            id = (await Inbox.AcceptAsync(db, Owner, "wecom", "msg-9", "wecom:lina", "<xml/>", now))!.Value;
        }
        await Task.Run(async () =>
        {
            var turn = InboxTurn.Begin(id);
            await using (var db = store.NewContext())
            {
                db.Units.Add(new Unit { Name = "办公室" });
                await db.SaveChangesAsync();
            }
            Assert.True(turn.Handled);
            await using (var db = store.NewContext())
            {
                Assert.False(await db.Inbox.AnyAsync(m => m.HandledAt == null));
            }
        });
        // A second server replaying the same message cannot write again: its mark finds the message handled.
        await Task.Run(async () =>
        {
            InboxTurn.Begin(id);
            await using var db = store.NewContext();
            db.Units.Add(new Unit { Name = "财务科" });
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        });
        await using (var db = store.NewContext())
        {
            Assert.Equal(["办公室", "社会事务科"], await db.Units.OrderBy(u => u.Name).Select(u => u.Name).ToListAsync());
        }
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Delivery_keys_recorded_before_the_inbox_still_mark_retries_after_the_upgrade(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, migrate: false);
        await using (var db = store.NewContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261122000003_WorkflowAndReminders");
            var at = store.Clock.GetUtcNow().UtcDateTime;
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "ProcessedMessages" ("Channel", "MessageKey", "At") VALUES ('wecom', 'msg:77', {at})""");
        }
        await using (var db = store.NewContext())
        {
            await db.MigrateAsync(CancellationToken.None);
            Assert.Null(await Inbox.AcceptAsync(db, Owner, "wecom", "msg:77", "wecom:lina", "<xml/>", store.Clock.GetUtcNow().UtcDateTime));
            Assert.False(await db.Inbox.AnyAsync(m => m.HandledAt == null));
        }
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Inbox_messages_handled_more_than_two_days_ago_are_pruned_and_unhandled_ones_kept(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.NewContext();
        var old = await Inbox.AcceptAsync(db, Owner, "wecom", "old", "wecom:a", "<xml/>", store.Clock.GetUtcNow().UtcDateTime);
        await Inbox.MarkHandledAsync(db, old!.Value, store.Clock.GetUtcNow().UtcDateTime, default);
        await Inbox.AcceptAsync(db, Owner, "wecom", "waiting", "wecom:a", "<xml/>", store.Clock.GetUtcNow().UtcDateTime);
        store.Clock.Advance(TimeSpan.FromDays(1));
        var recent = await Inbox.AcceptAsync(db, Owner, "wecom", "new", "wecom:a", "<xml/>", store.Clock.GetUtcNow().UtcDateTime);
        await Inbox.MarkHandledAsync(db, recent!.Value, store.Clock.GetUtcNow().UtcDateTime, default);
        store.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        Assert.Equal(1, await Inbox.PruneAsync(db, store.Clock.GetUtcNow().UtcDateTime, default));
        Assert.Equal(["new", "waiting"], await db.Inbox.OrderBy(m => m.MessageKey).Select(m => m.MessageKey).ToListAsync());
        // A pruned key is only space: storing it again counts as a first delivery.
        Assert.NotNull(await Inbox.AcceptAsync(db, Owner, "wecom", "old", "wecom:a", "<xml/>", store.Clock.GetUtcNow().UtcDateTime));
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Conversation_memory_is_inserted_then_replaced_in_one_row(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        async Task<ConversationMemory> Turn(Func<ConversationMemory, ConversationMemory> change)
        {
            await using var scope = store.Scope();
            var memories = scope.ServiceProvider.GetRequiredService<ConversationMemoryStore>();
            var memory = await memories.LoadAsync(ChannelName.WeCom, "lina", default);
            await memories.SaveAsync(ChannelName.WeCom, "lina", change(memory), default);
            return memory;
        }

        await Turn(m => m with { LastList = [51, 52], Shown = 2, ListTitle = "逾期" });
        store.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal([51, 52], (await Turn(m => m with { Focus = 52 })).LastList);
        var remembered = await Turn(m => m);
        Assert.Equal((52, "逾期"), (remembered.Focus, remembered.ListTitle));
        await using var db = store.NewContext();
        var row = await db.ConversationStates.SingleAsync();
        Assert.Equal(store.Clock.GetUtcNow().UtcDateTime, row.UpdatedAt);
    }

    [Fact]
    public void Postgres_connections_prepare_repeated_statements_skip_the_reset_and_keep_a_fixed_pool_unless_the_connection_string_says_otherwise()
    {
        var defaults = new Npgsql.NpgsqlConnectionStringBuilder(StoreServiceCollectionExtensions.PostgresConnectionString(
            new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = "Host=db;Database=rectifybot" }));
        Assert.Equal((100, 2, true, "db"), (defaults.MaxAutoPrepare, defaults.AutoPrepareMinUsages, defaults.NoResetOnClose, defaults.Host));
        Assert.Equal("-c plan_cache_mode=force_generic_plan", defaults.Options);
        Assert.Equal((StoreServiceCollectionExtensions.PoolSize, StoreServiceCollectionExtensions.PoolSize), (defaults.MinPoolSize, defaults.MaxPoolSize));

        // Said otherwise, in any of the spellings Npgsql reads.
        var said = new Npgsql.NpgsqlConnectionStringBuilder(StoreServiceCollectionExtensions.PostgresConnectionString(
            new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = "Host=db;max auto prepare=0;AutoPrepareMinUsages=5;No Reset On Close=false;options=-c search_path=rb" }));
        Assert.Equal((0, 5, false, "-c search_path=rb"), (said.MaxAutoPrepare, said.AutoPrepareMinUsages, said.NoResetOnClose, said.Options));
        // A pool sized by the operator keeps its size; one given only a floor is at least as large.
        (int, int) Pool(string said)
        {
            var b = new Npgsql.NpgsqlConnectionStringBuilder(StoreServiceCollectionExtensions.PostgresConnectionString(
                new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = "Host=db;" + said }));
            return (b.MinPoolSize, b.MaxPoolSize);
        }
        Assert.Equal((40, 40), Pool("Maximum Pool Size=40"));
        Assert.Equal((5, 40), Pool("MinPoolSize=5;MaxPoolSize=40"));
        Assert.Equal((5, 32), Pool("minimum pool size=5"));
        Assert.Equal((50, 50), Pool("MinPoolSize=50"));
        // An empty Options leaves the server's own plan setting (a server that does not know plan_cache_mode).
        var none = new Npgsql.NpgsqlConnectionStringBuilder(StoreServiceCollectionExtensions.PostgresConnectionString(
            new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = "Host=db;Options=" }));
        Assert.True(string.IsNullOrEmpty(none.Options), none.Options);
    }

    [PostgresFact]
    public async Task A_statement_prepared_on_a_postgres_connection_is_planned_once_there()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Postgres);
        await using var db = store.NewContext();
        await db.Database.OpenConnectionAsync();
        for (var i = 0; i < 8; i++)
        {
            await db.Units.Where(u => u.Name == "社会事务科").ToListAsync();
        }

        // Every run of the prepared statement uses its one generic plan (PostgreSQL's default plans each of the first
        // five runs anew, custom plans, and may keep doing so).
        var plans = await db.Database.SqlQueryRaw<PreparedPlans>("""
            SELECT generic_plans::int AS "Generic", custom_plans::int AS "Custom" FROM pg_prepared_statements
            WHERE statement LIKE '%FROM "Units"%' AND statement NOT LIKE '%pg_prepared_statements%'
            """).ToListAsync();
        var plan = Assert.Single(plans);
        Assert.Equal(0, plan.Custom);
        Assert.True(plan.Generic >= 6, $"{plan.Generic} runs with the generic plan");
    }

    private sealed record PreparedPlans(int Generic, int Custom);

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_save_in_a_transaction_of_its_own_sets_no_savepoint(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.NewContext();
        db.Units.Add(new Unit { Name = "社会事务科" });
        using (var counter = new StatementCounter(store.Database))
        {
            await db.SaveChangesAsync();
            Assert.Equal((0, 1), (counter.Now.Savepoints, counter.Now.Commits));
        }

        // In the caller's transaction EF keeps its savepoint (a failed save leaves the caller's transaction usable),
        // and the counter sees it.
        db.Units.Add(new Unit { Name = "财务科" });
        using (var counter = new StatementCounter(store.Database))
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            });
            Assert.True(counter.Now.Savepoints > 0);
        }
        db.Units.Add(new Unit { Name = "办公室" });
        using (var counter = new StatementCounter(store.Database))
        {
            await db.SaveChangesAsync();
            Assert.Equal(0, counter.Now.Savepoints);
        }
        Assert.Equal(3, await db.Units.CountAsync());
    }

    [PostgresFact]
    public async Task A_query_run_twice_on_a_postgres_connection_is_prepared_there()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Postgres);
        await using var db = store.NewContext();
        await db.Database.OpenConnectionAsync();
        async Task<int> Prepared() =>
            (await db.Database.SqlQueryRaw<int>("""SELECT count(*)::int AS "Value" FROM pg_prepared_statements WHERE statement LIKE '%FROM "Units"%' AND statement NOT LIKE '%pg_prepared_statements%'""").ToListAsync()).Single();

        await db.Units.Where(u => u.Name == "社会事务科").ToListAsync();
        Assert.Equal(0, await Prepared());
        await db.Units.Where(u => u.Name == "社会事务科").ToListAsync();
        Assert.Equal(1, await Prepared());
    }

    /// <summary>
    /// Instances of a deployment often start together on a database not made yet: each finds it missing, one creates
    /// it, and the others go on with it, with no command failed on the way (one that failed was logged as an error).
    /// </summary>
    [PostgresFact]
    public async Task Instances_starting_together_on_a_missing_postgres_database_create_it_once_and_fail_no_command()
    {
        var failed = new FailedCommands();
        await using var store = await TestStore.CreateAsync(StoreProvider.Postgres, migrate: false,
            services: s => s.ConfigureDbContext<RectifyDbContext>((_, o) => o.AddInterceptors(failed)));
        await using (var admin = new Npgsql.NpgsqlConnection(TestStore.PostgresServer))
        {
            await admin.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE {store.Database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var db = store.NewContext();
            await db.MigrateAsync(default);
        }));
        await using var check = store.NewContext();
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await check.Units.CountAsync());
        Assert.Empty(failed.Commands);
    }

    private sealed class FailedCommands : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Commands { get; } = [];

        public override Task CommandFailedAsync(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return Task.CompletedTask;
        }

        public override void CommandFailed(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandErrorEventData eventData) =>
            Commands.Add(command.CommandText);
    }

    [Fact]
    public async Task A_sqlite_writer_waits_in_the_process_while_another_holds_the_file()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using var holder = store.NewContext();
        await using var writer = store.NewContext();
        writer.Units.Add(new Unit { Name = "社会事务科" });

        var held = await SqliteWriteGate.EnterAsync(holder, default);
        var save = writer.SaveChangesAsync();
        await Task.Delay(200);
        Assert.False(save.IsCompleted);
        held!.Dispose();
        await save;
        await using var check = store.NewContext();
        Assert.Equal(1, await check.Units.CountAsync());
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Many_writes_at_once_all_land(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await using var db = store.NewContext();
            db.Units.Add(new Unit { Name = $"单位{i}" });
            await db.SaveChangesAsync();
        }));
        await using var check = store.NewContext();
        Assert.Equal(40, await check.Units.CountAsync());
    }
}
