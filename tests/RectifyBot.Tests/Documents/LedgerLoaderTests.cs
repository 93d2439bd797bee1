using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RectifyBot.Documents;
using RectifyBot.Domain;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Documents;

public sealed class LedgerLoaderTests
{
    /// <summary>Counts the SQL commands one context runs, through EF Core's diagnostic events.</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly RectifyDbContext _db;
        private readonly IDisposable _subscription;
        private readonly List<IDisposable> _listeners = [];

        public CommandCounter(RectifyDbContext db)
        {
            _db = db;
            _subscription = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Count { get; private set; }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                _listeners.Add(listener.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data && ReferenceEquals(data.Context, _db))
            {
                Count++;
            }
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            _subscription.Dispose();
            _listeners.ForEach(l => l.Dispose());
        }
    }

    private static async Task<int> CommandsToLoadAsync(StoreProvider provider, int measures)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewContext())
        {
            var plan = new PlanBuilder().ConversationsRoster();
            for (var n = 1; n <= measures; n++)
            {
                plan.Measure(n, lead: "社会事务科", due: "2023-12-31", path: (1, n, 1));
            }
            await plan.SaveAsync(db);
        }
        await using (var db = store.NewContext())
        {
            db.BeginOperation("测试数据", actorId: null);
            var now = store.Clock.GetUtcNow().UtcDateTime;
            foreach (var m in db.Measures)
            {
                db.ProgressUpdates.Add(new ProgressUpdate { MeasureId = m.Id, At = now, On = new DateOnly(2023, 11, 1), Text = "进展" });
                db.Evidence.Add(new Evidence { MeasureId = m.Id, FileName = "a.pdf", ContentType = "application/pdf", Sha256 = $"{m.Id}", StoredPath = "x", At = now });
            }
            await db.SaveChangesAsync();
        }
        await using var scope = store.Scope();
        using var counter = new CommandCounter(scope.ServiceProvider.GetRequiredService<RectifyDbContext>());
        var ledger = await scope.ServiceProvider.GetRequiredService<LedgerLoader>().LoadAsync(null, LedgerFixture.AsOf, default);
        Assert.Equal(measures, ledger!.Measures.Count);
        Assert.All(ledger.Measures, m => Assert.Single(m.Evidence));
        return counter.Count;
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Loading_takes_the_same_few_queries_for_three_measures_or_thirty(StoreProvider provider)
    {
        var few = await CommandsToLoadAsync(provider, 3);
        var many = await CommandsToLoadAsync(provider, 30);
        Assert.Equal(few, many);
        Assert.InRange(few, 1, 20);
    }

    [Fact]
    public async Task An_empty_store_has_no_ledger()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using var scope = store.Scope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<LedgerLoader>().LoadAsync(null, LedgerFixture.AsOf, default));
    }
}
