using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Domain;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Store;

/// <summary>
/// On SQLite a turn's context keeps a connection open from turn to turn and its queries compiled on it
/// (<see cref="SqliteStatements"/>): a query run again is the same compiled command with its new parameters, and what
/// it reads is what the store holds now, its own writes and other connections' alike.
/// </summary>
public class SqliteStatementsTests
{
    private static async Task<(TestStore Store, List<DbCommand> Run)> StoreAsync()
    {
        var run = new List<DbCommand>();
        var store = await TestStore.CreateAsync(StoreProvider.Sqlite,
            services: s => s.ConfigureDbContext<RectifyDbContext>((_, o) => o.AddInterceptors(new Recorder(run))));
        await using var db = store.NewContext();
        await new PlanBuilder().ConversationsRoster()
            .Measure(5, lead: "社会事务科", due: "2023-11-01")
            .Measure(49, lead: "社会事务科", due: "2023-11-28")
            .SaveAsync(db);
        return (store, run);
    }

    private static Task<string?> TitleAsync(RectifyDbContext db, int number) =>
        db.Measures.Where(m => m.Number == number).Select(m => m.Text).SingleOrDefaultAsync();

    [Fact]
    public async Task A_query_run_again_on_a_held_connection_is_the_same_compiled_command_with_its_new_parameters()
    {
        var (store, run) = await StoreAsync();
        await using var _ = store;
        string? five, fortyNine;
        await using (var db = store.NewContext())
        {
            (five, fortyNine) = (await TitleAsync(db, 5), await TitleAsync(db, 49));
        }
        run.Clear();
        await using (var db = store.NewContext())
        {
            db.HoldConnection();
            Assert.Equal(five, await TitleAsync(db, 5));
        }
        // The pooled context comes back with its connection, on which the query is compiled already.
        await using (var db = store.NewContext())
        {
            db.HoldConnection();
            Assert.Equal(fortyNine, await TitleAsync(db, 49));
            Assert.Null(await TitleAsync(db, 404));
            Assert.Equal(five, await TitleAsync(db, 5));
        }
        Assert.Equal(4, run.Count);
        Assert.All(run, command => Assert.Same(run[0], command));
    }

    [Fact]
    public async Task After_more_turns_at_once_than_connections_are_kept_each_later_turn_still_runs_its_query_compiled()
    {
        var (store, run) = await StoreAsync();
        await using var _ = store;
        // A burst: more contexts at once than connections are kept, so the context pool keeps many contexts.
        var burst = Enumerable.Range(0, SqliteStatements.MaxConnections + 8).Select(_ => store.NewContext()).ToList();
        foreach (var db in burst)
        {
            db.HoldConnection();
            Assert.NotNull(await TitleAsync(db, 5));
        }
        foreach (var db in burst)
        {
            await db.DisposeAsync();
        }
        run.Clear();
        // Turns one after another, each on whichever pooled context comes next.
        for (var turn = 0; turn < 10; turn++)
        {
            await using var db = store.NewContext();
            db.HoldConnection();
            Assert.NotNull(await TitleAsync(db, 49));
        }
        Assert.Equal(10, run.Count);
        Assert.All(run, command => Assert.Same(run[0], command));
    }

    [Fact]
    public async Task A_context_given_back_with_its_held_connection_reads_and_writes_on_a_connection_of_its_own_after()
    {
        var (store, _) = await StoreAsync();
        await using var __ = store;
        await using (var db = store.NewContext())
        {
            db.HoldConnection();
            Assert.NotNull(await TitleAsync(db, 5));
        }
        // The same pooled context, not holding: EF opens and closes its own connection, and the held one is not it.
        await using (var db = store.NewContext())
        {
            var measure = await db.Measures.SingleAsync(m => m.Number == 5);
            measure.Text = "改写";
            await db.SaveChangesAsync();
            Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);
        }
        await using (var db = store.NewContext())
        {
            db.HoldConnection();
            Assert.Equal("改写", await TitleAsync(db, 5));
            Assert.Equal(System.Data.ConnectionState.Open, db.Database.GetDbConnection().State);
        }
    }

    [Fact]
    public async Task A_held_connection_reads_its_own_writes_and_those_of_other_connections_from_turn_to_turn()
    {
        var (store, _) = await StoreAsync();
        await using var __ = store;
        await using (var db = store.NewContext())
        {
            db.HoldConnection();
            Assert.NotEqual("改写", await TitleAsync(db, 5));
            var measure = await db.Measures.SingleAsync(m => m.Number == 5);
            measure.Text = "改写";
            await db.SaveChangesAsync();
            Assert.Equal("改写", await TitleAsync(db, 5));
        }
        // Another connection changes it between two turns of the held one.
        await using (var other = new Microsoft.Data.Sqlite.SqliteConnection(store.Options.ConnectionString))
        {
            await other.OpenAsync();
            await using var update = other.CreateCommand();
            update.CommandText = """UPDATE "Measures" SET "Text" = '再改' WHERE "Number" = 5""";
            await update.ExecuteNonQueryAsync();
        }
        await using (var db = store.NewContext())
        {
            db.HoldConnection();
            Assert.Equal("再改", await TitleAsync(db, 5));
        }
    }

    [Fact]
    public async Task The_same_query_run_inside_its_own_results_and_in_a_transaction_gives_the_right_answers()
    {
        var (store, _) = await StoreAsync();
        await using var __ = store;
        await using var db = store.NewContext();
        db.HoldConnection();
        var all = db.Measures.OrderBy(m => m.Number).Select(m => m.Number);
        Assert.Equal([5, 49], await all.ToListAsync());
        var numbers = new List<(int, string?)>();
        await foreach (var number in all.AsAsyncEnumerable())
        {
            Assert.Equal([5, 49], await all.ToListAsync());
            numbers.Add((number, await TitleAsync(db, number)));
        }
        Assert.Equal([5, 49], numbers.Select(n => n.Item1));
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var measure = await db.Measures.SingleAsync(m => m.Number == 49);
            measure.Text = "改写";
            await db.SaveChangesAsync();
            Assert.Equal("改写", await TitleAsync(db, 49));
            await transaction.RollbackAsync();
        }
        Assert.Equal(numbers[1].Item2, await TitleAsync(db, 49));
    }

    /// <summary>Every command EF runs a query with, after the product's interceptors chose it.</summary>
    private sealed class Recorder(List<DbCommand> run) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("\"Number\" = @", StringComparison.Ordinal))
            {
                run.Add(command);
            }
            return ValueTask.FromResult(result);
        }
    }
}
