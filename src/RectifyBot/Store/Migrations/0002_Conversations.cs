using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RectifyBot.Store.Migrations;

[DbContext(typeof(RectifyDbContext))]
[Migration("20261122000002_Conversations")]
public sealed class Conversations : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ConversationStates", t => new
        {
            Id = t.Identity<int>(),
            Channel = t.Column<string>(nullable: false),
            UserKey = t.Column<string>(nullable: false),
            Json = t.Column<string>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ConversationStates", x => x.Id));
        m.CreateIndex("IX_ConversationStates_Channel_UserKey", "ConversationStates", ["Channel", "UserKey"], unique: true);

        m.CreateTable("ProcessedMessages", t => new
        {
            Id = t.Identity<long>(),
            Channel = t.Column<string>(nullable: false),
            MessageKey = t.Column<string>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ProcessedMessages", x => x.Id));
        m.CreateIndex("IX_ProcessedMessages_Channel_MessageKey", "ProcessedMessages", ["Channel", "MessageKey"], unique: true);
        m.CreateIndex("IX_ProcessedMessages_At", "ProcessedMessages", "At");

        // Where an update came from, shown in the ledger.
        m.AddColumn<string>("Channel", "ProgressUpdates", nullable: true);
    }
}
