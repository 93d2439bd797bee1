using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RectifyBot.Store.Migrations;

/// <summary>Group chats bound to units for their reminders, and the AI bot's pushes queued for the instance holding its connection.</summary>
[DbContext(typeof(RectifyDbContext))]
[Migration("20261202000009_UnitChatsAndPushQueue")]
public sealed class UnitChatsAndPushQueue : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("UnitChats", t => new
        {
            Id = t.Identity<int>(),
            Channel = t.Column<string>(nullable: false),
            ChatId = t.Column<string>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
            BoundById = t.Column<int>(nullable: false),
            BoundAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_UnitChats", x => x.Id);
            t.ForeignKey("FK_UnitChats_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_UnitChats_Channel_ChatId", "UnitChats", ["Channel", "ChatId"], unique: true);
        m.CreateIndex("IX_UnitChats_UnitId", "UnitChats", "UnitId");

        m.CreateTable("QueuedPushes", t => new
        {
            Id = t.Identity<long>(),
            Channel = t.Column<string>(nullable: false),
            Conversation = t.Column<string>(nullable: false),
            Body = t.Column<string>(nullable: false),
            QueuedAt = t.Column<DateTime>(nullable: false),
            SentAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_QueuedPushes", x => x.Id));
        m.CreateIndex("IX_QueuedPushes_Channel_SentAt", "QueuedPushes", ["Channel", "SentAt"]);
    }
}
