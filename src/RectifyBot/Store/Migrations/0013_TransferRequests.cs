using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RectifyBot.Store.Migrations;

/// <summary>转交申请 (<see cref="Domain.TransferRequest"/>): a unit asks the office to give a measure to another unit.</summary>
[DbContext(typeof(RectifyDbContext))]
[Migration("20261206000013_TransferRequests")]
public sealed class TransferRequestsMigration : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("TransferRequests", t => new
        {
            Id = t.Identity<int>(),
            MeasureId = t.Column<int>(nullable: false),
            FromUnitId = t.Column<int>(nullable: false),
            ToUnitId = t.Column<int>(nullable: false),
            RequestedById = t.Column<int>(nullable: true),
            RequestedAt = t.Column<DateTime>(nullable: false),
            Said = t.Column<string>(nullable: false),
            State = t.Column<string>(maxLength: 16, nullable: false),
            DecidedById = t.Column<int>(nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
            DecisionNote = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TransferRequests", x => x.Id);
            t.ForeignKey("FK_TransferRequests_Measures_MeasureId", x => x.MeasureId, "Measures", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_TransferRequests_Units_FromUnitId", x => x.FromUnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_TransferRequests_Units_ToUnitId", x => x.ToUnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_TransferRequests_Staff_RequestedById", x => x.RequestedById, "Staff", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_TransferRequests_MeasureId", "TransferRequests", "MeasureId");
        m.CreateIndex("IX_TransferRequests_FromUnitId", "TransferRequests", "FromUnitId");
        m.CreateIndex("IX_TransferRequests_ToUnitId", "TransferRequests", "ToUnitId");
        m.CreateIndex("IX_TransferRequests_RequestedById", "TransferRequests", "RequestedById");
    }
}
