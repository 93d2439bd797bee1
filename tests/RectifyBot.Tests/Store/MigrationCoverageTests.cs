using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Store;

/// <summary>
/// The migrations are written by hand and keep no model snapshot, so nothing in EF compares them with the model.
/// This does: it migrates an empty database with every migration there is and compares the schema the database
/// reports with the tables, columns (and their nullability), indexes and foreign keys of the model's relational
/// mapping. A change to the model that no migration carries fails here, on both providers, and so does a
/// migration that creates what the model does not have. It reads only the model and the migrations in the
/// assembly, so migrations added on other branches need nothing kept in step.
/// </summary>
public sealed class MigrationCoverageTests
{
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task The_migrations_create_exactly_the_schema_the_model_maps_to(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.NewContext();

        var model = ModelSchema(db);
        var database = await DatabaseSchemaAsync(db, provider);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal([], model.Except(database).Order(StringComparer.Ordinal).Select(s => "not in any migration: " + s));
        Assert.Equal([], database.Except(model).Order(StringComparer.Ordinal).Select(s => "not in the model: " + s));
    }

    [Fact]
    public async Task The_comparison_sees_what_a_store_short_of_the_last_migrations_lacks()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, migrate: false);
        await using var db = store.NewContext();
        await db.GetService<IMigrator>().MigrateAsync("20261122000002_Conversations");

        var missing = ModelSchema(db).Except(await DatabaseSchemaAsync(db, StoreProvider.Sqlite)).ToList();

        Assert.Contains("CloseRequests.SignedById null", missing);
        Assert.Contains("ReminderLogs index IX_ReminderLogs_Audience_Day unique", missing);
    }

    /// <summary>The model as the schema it maps to, one line per table, column, index and foreign key.</summary>
    private static HashSet<string> ModelSchema(DbContext db)
    {
        var lines = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables)
        {
            lines.Add(table.Name);
            lines.UnionWith(table.Columns.Select(c => $"{table.Name}.{c.Name} {(c.IsNullable ? "null" : "not null")}"));
            lines.UnionWith(table.Indexes.Select(i => $"{table.Name} index {i.Name}{(i.IsUnique ? " unique" : "")}"));
            lines.UnionWith(table.ForeignKeyConstraints.Select(f => ForeignKey(table.Name, f.Columns.Select(c => c.Name), f.PrincipalTable.Name)));
        }
        return lines;
    }

    private static string ForeignKey(string table, IEnumerable<string> columns, string principal) => $"{table}({string.Join(",", columns)}) -> {principal}";

    /// <summary>The same lines from the database's own catalog.</summary>
    private static async Task<HashSet<string>> DatabaseSchemaAsync(RectifyDbContext db, StoreProvider provider)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var lines = new HashSet<string>(StringComparer.Ordinal);
        if (provider == StoreProvider.Sqlite)
        {
            var tables = await RowsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'");
            foreach (var table in tables.Select(r => r[0]))
            {
                lines.Add(table);
                lines.UnionWith((await RowsAsync(connection, $"SELECT name, \"notnull\" FROM pragma_table_info('{table}')"))
                    .Select(r => $"{table}.{r[0]} {(r[1] == "0" ? "null" : "not null")}"));
                // Origin 'c': made by CREATE INDEX, not the implicit index of a primary key or UNIQUE constraint.
                lines.UnionWith((await RowsAsync(connection, $"SELECT name, \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c'"))
                    .Select(r => $"{table} index {r[0]}{(r[1] == "1" ? " unique" : "")}"));
                lines.UnionWith((await RowsAsync(connection, $"SELECT id, \"from\", \"table\" FROM pragma_foreign_key_list('{table}') ORDER BY id, seq"))
                    .GroupBy(r => r[0]).Select(g => ForeignKey(table, g.Select(r => r[1]), g.First()[2])));
            }
        }
        else
        {
            lines.UnionWith((await RowsAsync(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '__EFMigrationsHistory'"))
                .Select(r => r[0]));
            lines.UnionWith((await RowsAsync(connection, "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'"))
                .Select(r => $"{r[0]}.{r[1]} {(r[2] == "YES" ? "null" : "not null")}"));
            lines.UnionWith((await RowsAsync(connection, """
                SELECT t.relname, i.relname, x.indisunique FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = 'public' AND NOT x.indisprimary AND t.relname <> '__EFMigrationsHistory'
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype = 'u')
                """)).Select(r => $"{r[0]} index {r[1]}{(r[2] == "True" ? " unique" : "")}"));
            lines.UnionWith((await RowsAsync(connection, """
                SELECT t.relname, p.relname, (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(att, ord)
                       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.att)
                FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class p ON p.oid = c.confrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE c.contype = 'f' AND n.nspname = 'public'
                """)).Select(r => ForeignKey(r[0], r[2].Split(','), r[1])));
        }
        return lines;
    }

    private static async Task<List<string[]>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "")]);
        }
        return rows;
    }
}
