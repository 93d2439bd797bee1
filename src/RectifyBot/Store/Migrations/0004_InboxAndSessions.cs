using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RectifyBot.Store.Migrations;

/// <summary>
/// The channels' inbox, which replaces the delivery keys (ProcessedMessages): acknowledged messages are kept until
/// handled, and keys already recorded carry over as handled so a retry just after the upgrade is still recognised.
/// And the staff's security stamp, which revokes sign-in cookies.
/// </summary>
[DbContext(typeof(RectifyDbContext))]
[Migration("20261201000004_InboxAndSessions")]
public sealed class InboxAndSessions : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Inbox", t => new
        {
            Id = t.Identity<long>(),
            Channel = t.Column<string>(nullable: false),
            MessageKey = t.Column<string>(nullable: false),
            ConversationKey = t.Column<string>(nullable: false),
            Payload = t.Column<string>(nullable: false),
            ReceivedAt = t.Column<DateTime>(nullable: false),
            HandledAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_Inbox", x => x.Id));
        m.CreateIndex("IX_Inbox_Channel_MessageKey", "Inbox", ["Channel", "MessageKey"], unique: true);
        m.CreateIndex("IX_Inbox_HandledAt", "Inbox", "HandledAt");
        m.Sql("""
            INSERT INTO "Inbox" ("Channel", "MessageKey", "ConversationKey", "Payload", "ReceivedAt", "HandledAt")
            SELECT "Channel", "MessageKey", '', '', "At", "At" FROM "ProcessedMessages"
            """);
        m.DropTable("ProcessedMessages");

        m.AddColumn<string>("SecurityStamp", "Staff", nullable: true);
    }
}
