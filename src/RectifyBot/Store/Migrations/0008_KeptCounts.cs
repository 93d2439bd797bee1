using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RectifyBot.Store.Migrations;

/// <summary>Counts of measures per holder, status and due date, kept as measures change (<see cref="KeptCounts"/>).</summary>
[DbContext(typeof(RectifyDbContext))]
[Migration("20261202000008_KeptCounts")]
public sealed class KeptCountsMigration : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("StatusCounts", t => new
        {
            Scope = t.Column<int>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            Count = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_StatusCounts", x => new { x.Scope, x.Status }));
        m.CreateTable("DueCounts", t => new
        {
            Span = t.Column<int>(nullable: false),
            Start = t.Column<DateOnly>(nullable: false),
            Scope = t.Column<int>(nullable: false),
            Count = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_DueCounts", x => new { x.Span, x.Start, x.Scope }));
        // Counted by 0012, once StatusCounts has the shape KeptCounts writes (0011).
    }
}
