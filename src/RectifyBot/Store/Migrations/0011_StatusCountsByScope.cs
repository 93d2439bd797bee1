using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RectifyBot.Store.Migrations;

/// <summary>
/// The status counts one row a holder with a column a status, instead of a row a holder and status: the whole city's
/// figures read a fifth of the rows. Counted by 0012, with the table it adds.
/// </summary>
[DbContext(typeof(RectifyDbContext))]
[Migration("20261202000011_StatusCountsByScope")]
public sealed class StatusCountsByScopeMigration : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.DropTable("StatusCounts");
        m.CreateTable("StatusCounts", t => new
        {
            Scope = t.Column<int>(nullable: false),
            NotStarted = t.Column<int>(nullable: false),
            InProgress = t.Column<int>(nullable: false),
            Done = t.Column<int>(nullable: false),
            Ongoing = t.Column<int>(nullable: false),
            Closed = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_StatusCounts", x => x.Scope));
    }
}
