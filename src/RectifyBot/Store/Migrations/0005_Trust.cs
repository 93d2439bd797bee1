using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RectifyBot.Store.Migrations;

/// <summary>Bind codes and Teams UPNs (who a chat account is), co-claims awaiting approval, and the demo's marks.</summary>
[DbContext(typeof(RectifyDbContext))]
[Migration("20261122000005_Trust")]
public sealed class Trust : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("TeamsUpn", "Staff", nullable: true);
        m.CreateIndex("IX_Staff_TeamsUpn", "Staff", "TeamsUpn", unique: true);
        m.AddColumn<bool>("IsDemo", "Staff", nullable: false, defaultValue: false);
        m.AddColumn<bool>("IsDemo", "Units", nullable: false, defaultValue: false);
        m.AddColumn<bool>("IsDemo", "Inspections", nullable: false, defaultValue: false);

        // Claims made before this migration were in force at once.
        m.AddColumn<string>("State", "Claims", maxLength: 16, nullable: false, defaultValue: "Approved");
        m.AddColumn<int>("DecidedById", "Claims", nullable: true);
        m.AddColumn<DateTime>("DecidedAt", "Claims", nullable: true);

        m.CreateTable("BindCodes", t => new
        {
            Id = t.Identity<int>(),
            StaffId = t.Column<int>(nullable: false),
            Salt = t.Column<string>(nullable: false),
            Hash = t.Column<string>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            ExpiresAt = t.Column<DateTime>(nullable: false),
            UsedAt = t.Column<DateTime>(nullable: true),
            UsedBy = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_BindCodes", x => x.Id);
            t.ForeignKey("FK_BindCodes_Staff_StaffId", x => x.StaffId, "Staff", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_BindCodes_StaffId", "BindCodes", "StaffId");
        m.CreateIndex("IX_BindCodes_ExpiresAt", "BindCodes", "ExpiresAt");
    }
}
