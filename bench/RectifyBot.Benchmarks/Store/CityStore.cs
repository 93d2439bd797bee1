using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Store;

namespace RectifyBot.Benchmarks.Store;

/// <summary>The product's services over a store filled once with a synthetic city (<see cref="CityScaleGenerator"/>).</summary>
internal static class CityStore
{
    /// <param name="units">The units, with five staff each: a province may be ten cities' units, or one city's inspected more often.</param>
    public static async Task<ServiceProvider> OpenAsync(string dataPath, StoreOptions store, int measures, int updates, TimeProvider clock, int units = 400)
    {
        var services = new ServiceCollection()
            .AddSingleton(clock)
            .AddRectifyBot(new ConfigurationBuilder().AddInMemoryCollection([new("Data:Path", dataPath)]).Build(), dataPath, store)
            .BuildServiceProvider();
        await using var db = await services.GetRequiredService<IDbContextFactory<RectifyDbContext>>().CreateDbContextAsync();
        await db.MigrateAsync(CancellationToken.None);
        if (!await db.Measures.AnyAsync())
        {
            var generator = new CityScaleGenerator(measures: measures, updates: updates, inspections: Math.Max(1, measures * 300 / 50_000),
                staff: 5 * units, units: units);
            var took = await generator.FillAsync(db, new Progress<string>(Console.WriteLine), CancellationToken.None);
            Console.WriteLine($"generate: {measures} measures, {updates} updates in {took.TotalSeconds:F1} s");
        }
        return services;
    }
}
