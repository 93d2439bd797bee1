using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Store;

/// <summary>What is kept between requests follows every change to the record, at once.</summary>
public class StoreVersionTests
{
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Stats_reflect_a_write_made_after_they_were_computed(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster().Measure(51, lead: "社会事务科", due: "2023-12-31").SaveAsync(db)).Id;
        }
        var today = new DateOnly(2023, 11, 21);
        await using (var scope = store.Scope())
        {
            var before = await scope.ServiceProvider.GetRequiredService<MeasureQueries>().StatsAsync(null, today, default);
            Assert.Equal(1, before.ByStatus[MeasureStatus.NotStarted]);
        }
        await using (var scope = store.Scope())
        await using (var db = store.NewContext())
        {
            var lina = Actor.From(await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Name == "李娜"));
            await scope.ServiceProvider.GetRequiredService<MeasureWorkflow>().RecordProgressAsync(lina, inspection, 51, "已完成", MeasureStatus.Done, "test", default);
        }
        await using (var scope = store.Scope())
        {
            var after = await scope.ServiceProvider.GetRequiredService<MeasureQueries>().StatsAsync(null, today, default);
            Assert.Equal((0, 1), (after.ByStatus[MeasureStatus.NotStarted], after.ByStatus[MeasureStatus.Done]));
        }
    }

    /// <summary>
    /// On PostgreSQL audit ids come from a sequence: a save that took its ids after another's must not commit before
    /// it, or a reader would see the newer version without the older save's changes, and keep results computed
    /// without them under that version. The later save waits; the version read meanwhile stays where it was.
    /// </summary>
    [PostgresFact]
    public async Task On_postgres_a_version_read_never_passes_a_save_still_committing()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Postgres);
        await using var reader = store.NewContext();
        var before = await StoreVersion.CurrentAsync(reader, default);

        await using var first = store.NewContext();
        var saved = new TaskCompletionSource();
        var commit = new TaskCompletionSource();
        var firstSave = first.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await first.Database.BeginTransactionAsync();
            first.Units.Add(new Unit { Name = "甲科" });
            await first.SaveChangesAsync();
            saved.SetResult();
            await commit.Task;
            await transaction.CommitAsync();
        });
        await Task.WhenAny(saved.Task, firstSave);
        Assert.True(saved.Task.IsCompleted);
        await using var second = store.NewContext();
        second.Units.Add(new Unit { Name = "乙科" });
        var saving = second.SaveChangesAsync();
        while (!saving.IsCompleted && !await WaitingOnALockAsync(reader))
        {
            await Task.Delay(10);
        }

        Assert.Equal(before, await StoreVersion.CurrentAsync(reader, default));
        commit.SetResult();
        await firstSave;
        await saving;
        var after = await StoreVersion.CurrentAsync(reader, default);
        Assert.Equal(after, await reader.AuditEntries.Where(a => a.EntityType == nameof(Unit)).MaxAsync(a => a.Id));
        Assert.Equal(2, await reader.Units.CountAsync(u => u.Name == "甲科" || u.Name == "乙科"));
    }

    private static async Task<bool> WaitingOnALockAsync(RectifyDbContext db) =>
        (await db.Database.SqlQueryRaw<int>("""SELECT count(*)::int AS "Value" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'""").ToListAsync()).Single() > 0;

    /// <summary>
    /// A list's numbers, its page and a measure's detail, kept at the store's version for the turns after, follow a
    /// write made after they were read: the next turn reads them again.
    /// </summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Lists_and_details_a_turn_read_reflect_a_write_made_after_them(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, TestClock.At("2023-11-21"));
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster()
                .Measure(5, lead: "社会事务科", due: "2023-11-01")
                .Measure(51, lead: "社会事务科", due: "2023-10-20", status: MeasureStatus.InProgress)
                .SaveAsync(db)).Id;
        }
        async Task<TurnResult> Say(string text)
        {
            await using var scope = store.Scope();
            return await scope.ServiceProvider.GetRequiredService<ConversationEngine>().HandleAsync(new IncomingMessage(ChannelName.Cli, "巨伟", text), default);
        }
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal([5, 51], (await Say("社会事务科逾期")).Measures.Order());
            Assert.StartsWith("第51项｜推进中，逾期32天", (await Say("第51项什么情况")).Reply.Text);
        }

        await using (var scope = store.Scope())
        await using (var db = store.NewContext())
        {
            var lina = Actor.From(await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Name == "李娜"));
            await scope.ServiceProvider.GetRequiredService<MeasureWorkflow>().RecordProgressAsync(lina, inspection, 51, "已完成", MeasureStatus.Done, "test", default);
        }
        var overdue = await Say("社会事务科逾期");
        Assert.Equal([5], overdue.Measures);
        Assert.Contains("共1项", overdue.Reply.Text);
        Assert.StartsWith("第51项｜已完成待销号\n", (await Say("第51项什么情况")).Reply.Text);
    }

    /// <summary>
    /// Who a channel account is and the plan's shape are kept across saves that change neither (a progress update),
    /// and read again after a save that changes them (the roster moves both). The unit is renamed behind the audit
    /// trail's back, so that only a value read again shows the new name.
    /// </summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Who_is_who_and_the_plans_shape_are_kept_across_progress_updates_and_follow_the_roster(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster().Measure(51, lead: "社会事务科", due: "2023-12-31").SaveAsync(db)).Id;
        }
        var (identities, snapshots) = (store.Services.GetRequiredService<ChannelIdentities>(), store.Services.GetRequiredService<ConversationSnapshot>());
        var lina = new IncomingMessage(ChannelName.Cli, "李娜", null);
        async Task<(Actor? Actor, ConversationSnapshot.Shape Shape)> Read()
        {
            await using var db = store.NewContext();
            var version = await StoreVersion.CurrentAsync(db, default);
            return (await identities.GetAsync(db, version, lina, default), await snapshots.GetAsync(db, version, default));
        }
        Assert.Equal("社会事务科", (await Read()).Actor!.UnitName);

        await using (var db = store.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Units" SET "Name" = '社会事务管理科' WHERE "Name" = '社会事务科'""");
        }
        await using (var scope = store.Scope())
        {
            var actor = (await Read()).Actor!;
            await scope.ServiceProvider.GetRequiredService<MeasureWorkflow>().RecordProgressAsync(actor, inspection, 51, "已完成", MeasureStatus.Done, "test", default);
        }
        var kept = await Read();
        Assert.Equal("社会事务科", kept.Actor!.UnitName);
        Assert.Contains(kept.Shape.Units, u => u.Name == "社会事务科");

        await using (var db = store.NewContext())
        {
            var staff = await db.Staff.SingleAsync(s => s.Name == "李娜");
            db.BeginOperation("test", null);
            staff.Roles = StaffRoles.Leader;
            await db.SaveChangesAsync();
        }
        var read = await Read();
        Assert.Equal(("社会事务管理科", true), (read.Actor!.UnitName, read.Actor.IsLeader));
        // The units carry their staff into the recogniser ("李娜那边"), so a change to the roster reads the shape again too.
        Assert.Contains(read.Shape.Units, u => u.Name == "社会事务管理科" && u.People.Contains("李娜"));
    }

    /// <summary>
    /// Lists, summaries and totals are kept across a progress note that changes none of them, and a measure's detail
    /// across any change to another measure; the noted measure's detail shows the note at once, and a status change
    /// refreshes the lists. A measure's text is changed behind the audit trail's back, so that only a value computed
    /// again shows it.
    /// </summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Lists_are_kept_across_progress_notes_and_a_measures_detail_follows_its_own_changes(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster()
                .Measure(51, lead: "社会事务科", due: "2023-12-31").Measure(52, lead: "社会事务科", due: "2023-12-31").SaveAsync(db)).Id;
        }
        var today = new DateOnly(2023, 11, 21);
        async Task Note(string text, MeasureStatus? status)
        {
            await using var scope = store.Scope();
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            var lina = Actor.From(await db.Staff.Include(s => s.Unit).AsNoTracking().SingleAsync(s => s.Name == "李娜"));
            Assert.True((await scope.ServiceProvider.GetRequiredService<MeasureWorkflow>().RecordProgressAsync(lina, inspection, 52, text, status, "test", default)).Ok);
        }
        async Task<(string Text51, MeasureStatus Status52, int InProgress, string Detail51, int Notes52)> Read()
        {
            await using var scope = store.Scope();
            var queries = scope.ServiceProvider.GetRequiredService<MeasureQueries>();
            var page = await queries.PageAsync(inspection, [51, 52], today, default);
            var stats = await queries.StatsAsync(inspection, today, default);
            return (page[0].Text, page[1].Status, stats.ByStatus[MeasureStatus.InProgress],
                (await queries.GetAsync(inspection, 51, today, default))!.Measure.Text, (await queries.GetAsync(inspection, 52, today, default))!.Updates.Count);
        }
        await Note("已启动", MeasureStatus.InProgress);
        var before = await Read();
        Assert.Equal((MeasureStatus.InProgress, 1, 1), (before.Status52, before.InProgress, before.Notes52));

        await using (var db = store.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Measures" SET "Text" = '改过的措施' WHERE "Number" = 51""");
        }
        await Note("已召开专题会议", null);
        var noted = await Read();
        Assert.Equal((before.Text51, before.Detail51, 2), (noted.Text51, noted.Detail51, noted.Notes52));

        await Note("已完成", MeasureStatus.Done);
        var done = await Read();
        Assert.Equal(("改过的措施", MeasureStatus.Done, 0, "改过的措施", 3), done);
    }

    /// <summary>
    /// Another server instance's saves reach this one through the audit trail alone (here written behind this
    /// process's back): an entry for a measure's bookkeeping leaves the lists as kept, and one for its status has them
    /// read again at the next question.
    /// </summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Another_instances_status_change_reaches_the_lists_and_its_bookkeeping_does_not(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster().Measure(51, lead: "社会事务科", due: "2023-12-31").SaveAsync(db)).Id;
        }
        var today = new DateOnly(2023, 11, 21);
        async Task<MeasureStatus> Listed()
        {
            await using var scope = store.Scope();
            return (await scope.ServiceProvider.GetRequiredService<MeasureQueries>().PageAsync(inspection, [51], today, default)).Single().Status;
        }
        async Task SaveElsewhere(string after)
        {
            await using var db = store.NewContext();
            var id = await db.Measures.Where(m => m.Number == 51).Select(m => m.Id).SingleAsync();
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Measures" SET "Status" = 'Done' WHERE "Id" = {0}""", id);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "AuditEntries" ("At", "OperationId", "Operation", "Change", "EntityType", "EntityId", "MeasureId", "After")
                VALUES ({0}, {1}, '进展更新', 'Modified', 'Measure', {2}, {3}, {4})
                """, DateTime.UtcNow, Guid.NewGuid(), id.ToString(System.Globalization.CultureInfo.InvariantCulture), id, after);
        }
        Assert.Equal(MeasureStatus.NotStarted, await Listed());

        await SaveElsewhere("""{"LastUpdateOn":"2023-11-21","Version":2}""");
        Assert.Equal(MeasureStatus.NotStarted, await Listed());

        await SaveElsewhere("""{"Status":"Done","Version":3}""");
        Assert.Equal(MeasureStatus.Done, await Listed());
    }

    /// <summary>
    /// A list shows where each measure sits in its plan, from paths this process keeps: a finding renumbered through
    /// the record shows its new path in the next list and detail, and a renumbering behind the audit trail's back is
    /// not read again (so the path shown is the kept one).
    /// </summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_lists_finding_paths_are_kept_until_the_plans_outline_changes(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster()
                .Measure(51, lead: "社会事务科", due: "2023-12-31", path: (1, 2, 3)).Measure(52, lead: "社会事务科", due: "2023-12-31", path: (2, 1, 1)).SaveAsync(db)).Id;
        }
        var today = new DateOnly(2023, 11, 21);
        async Task<(string, string, string)> Paths()
        {
            await using var scope = store.Scope();
            var queries = scope.ServiceProvider.GetRequiredService<MeasureQueries>();
            var list = await queries.ListAsync(new MeasureFilter { InspectionId = inspection }, today, default);
            return (list.Single(m => m.Number == 51).FindingPath, list.Single(m => m.Number == 52).FindingPath,
                (await queries.GetAsync(inspection, 51, today, default))!.Measure.FindingPath);
        }
        Assert.Equal(("1.2.3", "2.1.1", "1.2.3"), await Paths());

        await using (var db = store.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Findings" SET "Ordinal" = 9 WHERE "Ordinal" = 1""");
        }
        Assert.Equal(("1.2.3", "2.1.1", "1.2.3"), await Paths());

        await using (var db = store.NewContext())
        {
            var finding = await db.Findings.SingleAsync(f => f.Ordinal == 3);
            db.BeginOperation("test", null);
            finding.Ordinal = 4;
            await db.SaveChangesAsync();
        }
        Assert.Equal(("1.2.4", "2.1.9", "1.2.4"), await Paths());
    }

    /// <summary>
    /// A list shows who holds each measure as its row keeps it (KeptCounts.Holding), with the units' names this process
    /// keeps: a unit renamed and a claim made through the record show in the next list and detail; a renaming behind
    /// the audit trail's back is not read again, and a unit named for a measure there is not kept on its row.
    /// </summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_lists_units_and_claims_follow_the_record(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster()
                .Measure(51, lead: "社会事务科", due: "2023-12-31").Measure(52, lead: "办公室", due: "2023-12-31").SaveAsync(db)).Id;
        }
        var today = new DateOnly(2023, 11, 21);
        async Task<(string, string, string)> Held()
        {
            await using var scope = store.Scope();
            var queries = scope.ServiceProvider.GetRequiredService<MeasureQueries>();
            var list = await queries.ListAsync(new MeasureFilter { InspectionId = inspection }, today, default);
            static string Of(MeasureSummary m) => string.Join("、", m.LeadUnits) + "/" + string.Join("、", m.SupportingUnits);
            return (Of(list.Single(m => m.Number == 51)), Of(list.Single(m => m.Number == 52)),
                Of((await queries.GetAsync(inspection, 51, today, default))!.Measure));
        }
        Assert.Equal(("社会事务科/", "办公室/", "社会事务科/"), await Held());

        await using (var db = store.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Units" SET "Name" = '局办公室' WHERE "Name" = '办公室'""");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "MeasureUnits" ("MeasureId", "UnitId", "Role")
                SELECT m."Id", u."Id", 'Supporting' FROM "Measures" m, "Units" u WHERE m."Number" = 52 AND u."Name" = '社会救助科'
                """);
        }
        Assert.Equal(("社会事务科/", "办公室/", "社会事务科/"), await Held());

        await using (var db = store.NewContext())
        {
            var unit = await db.Units.SingleAsync(u => u.Name == "社会事务科");
            db.BeginOperation("test", null);
            unit.Name = "社会事务处";
            await db.SaveChangesAsync();
        }
        Assert.Equal(("社会事务处/", "局办公室/", "社会事务处/"), await Held());

        await using (var db = store.NewContext())
        {
            db.BeginOperation("test", null);
            db.Claims.Add(new Claim
            {
                MeasureId = await db.Measures.Where(m => m.Number == 51).Select(m => m.Id).SingleAsync(),
                UnitId = await db.Units.Where(u => u.Name == "低保中心").Select(u => u.Id).SingleAsync(),
                ClaimedAt = new DateTime(2023, 11, 21, 2, 0, 0, DateTimeKind.Utc), IsCoClaim = true,
            });
            await db.SaveChangesAsync();
        }
        Assert.Equal(("社会事务处、低保中心/", "局办公室/", "社会事务处、低保中心/"), await Held());
    }

    /// <summary>
    /// A turn may ask with a version older than one another turn read since: it is given the scope as it is now, which
    /// is newer than it needs, rather than start the scope over (which recomputed the plan's shape after every save).
    /// </summary>
    [Fact]
    public async Task A_scope_asked_at_an_older_version_is_the_newest()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster().Measure(51, lead: "社会事务科", due: "2023-12-31").SaveAsync(db)).Id;
        }
        await using var scope = store.Scope();
        var services = scope.ServiceProvider;
        var db0 = services.GetRequiredService<RectifyDbContext>();
        var roster = VersionScope.Roster();
        var first = await StoreVersion.CurrentAsync(db0, default);
        Assert.Equal(first, await roster.GetAsync(() => db0, first, default));

        var lina = Actor.From(await db0.Staff.Include(s => s.Unit).AsNoTracking().SingleAsync(s => s.Name == "李娜"));
        await services.GetRequiredService<MeasureWorkflow>().RecordProgressAsync(lina, inspection, 51, "进行中", MeasureStatus.InProgress, "test", default);
        var updated = await StoreVersion.CurrentAsync(db0, default);
        Assert.Equal(first, await roster.GetAsync(() => db0, updated, default));
        Assert.Equal(first, await roster.GetAsync(() => db0, first, default));

        await using (var db = store.NewContext())
        {
            var staff = await db.Staff.SingleAsync(s => s.Name == "李娜");
            db.BeginOperation("test", null);
            staff.Roles = StaffRoles.Leader;
            await db.SaveChangesAsync();
        }
        var rostered = await StoreVersion.CurrentAsync(db0, default);
        Assert.Equal(rostered, await roster.GetAsync(() => db0, rostered, default));
        Assert.Equal(rostered, await roster.GetAsync(() => db0, updated, default));
        Assert.Equal(rostered, await roster.GetAsync(() => db0, first, default));
    }

    /// <summary>
    /// The plan's shape moves when a measure is made, not when one is edited; the roster moves with neither.
    /// </summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task The_plans_shape_moves_with_a_measure_made_and_not_with_one_edited(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster().Measure(51, lead: "社会事务科", due: "2023-12-31").SaveAsync(db)).Id;
        }
        await using var db0 = store.NewContext();
        var (shape, roster) = (VersionScope.Shape(), VersionScope.Roster());
        var finding = 0;
        var first = await StoreVersion.CurrentAsync(db0, default);
        await shape.GetAsync(() => db0, first, default);
        await roster.GetAsync(() => db0, first, default);

        await using (var db = store.NewContext())
        {
            db.BeginOperation("test", null);
            var measure = await db.Measures.SingleAsync(m => m.InspectionId == inspection && m.Number == 51);
            (measure.Text, finding) = ("改过的措施", measure.FindingId);
            await db.SaveChangesAsync();
        }
        var edited = await StoreVersion.CurrentAsync(db0, default);
        Assert.True(edited > first);
        Assert.Equal(first, await shape.GetAsync(() => db0, edited, default));

        await using (var db = store.NewContext())
        {
            db.BeginOperation("test", null);
            db.Measures.Add(new Measure { Number = 52, Text = "新增的措施", InspectionId = inspection, FindingId = finding });
            await db.SaveChangesAsync();
        }
        var made = await StoreVersion.CurrentAsync(db0, default);
        Assert.Equal(made, await shape.GetAsync(() => db0, made, default));
        Assert.Equal(first, await roster.GetAsync(() => db0, made, default));
    }

    /// <summary>
    /// A change saved by another server instance (here behind this process's back: a renamed unit and its audit entry)
    /// is seen by this instance's next turn, at once: a turn reads the store's exact version with the memory.
    /// </summary>
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_roster_change_saved_by_another_instance_is_seen_by_the_next_turn(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewContext())
        {
            await new PlanBuilder().ConversationsRoster().Measure(51, lead: "社会事务科", due: "2023-12-31").SaveAsync(db);
        }
        async Task<string> Say(string text)
        {
            await using var scope = store.Scope();
            return (await scope.ServiceProvider.GetRequiredService<ConversationEngine>().HandleAsync(new IncomingMessage(ChannelName.Cli, "李娜", text), default)).Reply.Text;
        }
        Assert.Contains("社会事务科", await Say("我是谁"));

        await using (var db = store.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Units" SET "Name" = '社会事务管理科' WHERE "Name" = '社会事务科'""");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "AuditEntries" ("At", "OperationId", "Operation", "Change", "EntityType", "EntityId") VALUES ({0}, {1}, '改名', 'Modified', 'Unit', '0')
                """, DateTime.UtcNow, Guid.NewGuid());
        }
        Assert.Contains("社会事务管理科", await Say("我是谁"));
    }

    [Fact]
    public async Task A_plan_imported_after_a_turn_is_known_to_the_next_turn()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using (var db = store.NewContext())
        {
            db.Staff.Add(new Staff { Name = "陈奇奇", Roles = StaffRoles.Office });
            await db.SaveChangesAsync();
        }
        async Task<TurnResult> Say(string text)
        {
            await using var scope = store.Scope();
            return await scope.ServiceProvider.GetRequiredService<ConversationEngine>().HandleAsync(new IncomingMessage(ChannelName.Cli, "陈奇奇", text), default);
        }

        Assert.StartsWith("库中还没有整改方案", (await Say("第1项什么情况")).Reply.Text);
        await using (var db = store.NewContext())
        {
            await new PlanBuilder().Unit("新设科").Measure(1, lead: "新设科", due: "2023-12-31").SaveAsync(db);
        }
        Assert.StartsWith("第1项｜", (await Say("第1项什么情况")).Reply.Text);
        Assert.StartsWith("新设科", (await Say("新设科还有几项没完成")).Reply.Text);
    }
}
