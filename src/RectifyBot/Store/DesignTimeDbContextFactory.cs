using Microsoft.EntityFrameworkCore.Design;

namespace RectifyBot.Store;

/// <summary>
/// How dotnet-ef makes the context (dotnet ef migrations list, migrations script, dbcontext info): SQLite in ./data,
/// or PostgreSQL when a connection string follows "--": <c>dotnet ef migrations script -- "Host=…;Database=…"</c>.
/// Migrations stay hand-written (see Store/Migrations); MigrationCoverageTests checks they cover the model.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<RectifyDbContext>
{
    public RectifyDbContext CreateDbContext(string[] args)
    {
        var store = args is [var connection, ..]
            ? new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = connection }
            : new StoreOptions { Provider = StoreProvider.Sqlite };
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<RectifyDbContext>();
        StoreServiceCollectionExtensions.Configure(options, store, Path.GetFullPath("data"));
        return new RectifyDbContext(options.Options, TimeProvider.System, new LocalSaves());
    }
}
