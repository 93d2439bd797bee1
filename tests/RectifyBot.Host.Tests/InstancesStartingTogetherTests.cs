using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RectifyBot.Host.Channels.Web;
using RectifyBot.Host.Tests.Channels.Web;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests;

/// <summary>
/// An organisation-wide deployment's instances often start at the same moment on a database nobody has prepared
/// yet: each creates, migrates and (with --demo) seeds the store as it starts. Before they took turns, one of two
/// failed on PostgreSQL's catalogue while both created the history table.
/// </summary>
public sealed class InstancesStartingTogetherTests
{
    [PostgresFact]
    public async Task Three_instances_started_together_on_a_database_that_does_not_exist_yet_all_serve_with_one_store_and_one_demo()
    {
        var server = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)!;
        var database = "rb_" + Guid.NewGuid().ToString("N")[..16];
        var data = Directory.CreateTempSubdirectory("rectifybot-together-");
        string[] settings = ["--Store:Provider=Postgres", $"--Store:ConnectionString={new NpgsqlConnectionStringBuilder(server) { Database = database }}",
            $"--Data:Path={data.FullName}"];
        WebServer[] instances = [WebServer.With(settings), WebServer.With(settings), WebServer.With(settings)];
        try
        {
            await Task.WhenAll(instances.Select(i => i.InitializeAsync()));

            await using (var scope = instances[0].Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
                Assert.Equal(1, await db.Inspections.CountAsync(i => i.IsDemo));
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            }
            // One data folder, so one set of sign-in keys: a cookie made on one instance is good on the others.
            using var lina = await instances[0].SignedInAsync("lina");
            foreach (var other in instances.Skip(1))
            {
                Assert.Equal("lina", (await lina.GetFromJsonAsync<WebMe>(new Uri(other.BaseAddress, "/api/me")))!.Login);
            }
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin).ExecuteNonQueryAsync();
            data.Delete(recursive: true);
        }
    }
}
