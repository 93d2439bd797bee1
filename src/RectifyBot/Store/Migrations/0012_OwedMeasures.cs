using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RectifyBot.Store.Migrations;

/// <summary>The measures each unit owes work on, by due date (<see cref="OwedMeasure"/>), kept with the counts. Every measure is counted again.</summary>
[DbContext(typeof(RectifyDbContext))]
[Migration("20261205000012_OwedMeasures")]
public sealed class OwedMeasuresMigration : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("OwedMeasures", t => new
        {
            UnitId = t.Column<int>(nullable: false),
            DueDate = t.Column<DateOnly>(nullable: false),
            MeasureId = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_OwedMeasures", x => new { x.UnitId, x.DueDate, x.MeasureId }));
        m.CreateIndex("IX_OwedMeasures_MeasureId", "OwedMeasures", "MeasureId");
        m.Sql(KeptCounts.RecountSql(postgres: m.IsNpgsql()));
    }
}
