using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace RectifyBot.Store.Migrations;

/// <summary>
/// Migrations are written by hand, once for both providers: columns name only their CLR type, which each
/// provider maps to its own store type, and identity columns carry both providers' annotations (each ignores
/// the other's).
/// </summary>
internal static class MigrationColumns
{
    public static OperationBuilder<AddColumnOperation> Identity<T>(this ColumnsBuilder table) =>
        table.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
