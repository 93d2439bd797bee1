using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RectifyBot.Store.Migrations;

/// <summary>Who holds each measure, kept on its row (<see cref="KeptCounts.Holding"/>), written for every measure there is.</summary>
[DbContext(typeof(RectifyDbContext))]
[Migration("20261207000014_MeasureHolding")]
public sealed class MeasureHoldingMigration : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>(KeptCounts.Holding, "Measures", nullable: true);
        m.Sql(KeptCounts.HoldingSql());
    }
}
