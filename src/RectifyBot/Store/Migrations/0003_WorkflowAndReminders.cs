using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RectifyBot.Store.Migrations;

/// <summary>The leader's signature on a close, the end of the concentrated stage, the reminder lock and proactive references.</summary>
[DbContext(typeof(RectifyDbContext))]
[Migration("20261122000003_WorkflowAndReminders")]
public sealed class WorkflowAndReminders : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<int>("SignedById", "CloseRequests", nullable: true);
        m.AddColumn<DateTime>("SignedAt", "CloseRequests", nullable: true);
        m.AddColumn<DateTime>("ConcentratedStageClosedAt", "Inspections", nullable: true);

        m.CreateTable("ReminderLogs", t => new
        {
            Id = t.Identity<long>(),
            Audience = t.Column<string>(nullable: false),
            Day = t.Column<DateOnly>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
            Channels = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_ReminderLogs", x => x.Id));
        m.CreateIndex("IX_ReminderLogs_Audience_Day", "ReminderLogs", ["Audience", "Day"], unique: true);

        m.CreateTable("ConversationReferences", t => new
        {
            Id = t.Identity<int>(),
            StaffId = t.Column<int>(nullable: false),
            Channel = t.Column<string>(nullable: false),
            Json = t.Column<string>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ConversationReferences", x => x.Id);
            t.ForeignKey("FK_ConversationReferences_Staff_StaffId", x => x.StaffId, "Staff", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ConversationReferences_StaffId_Channel", "ConversationReferences", ["StaffId", "Channel"], unique: true);
    }
}
