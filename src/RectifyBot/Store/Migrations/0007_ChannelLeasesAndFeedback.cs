using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RectifyBot.Store.Migrations;

[DbContext(typeof(RectifyDbContext))]
[Migration("20261122000007_ChannelLeasesAndFeedback")]
public sealed class ChannelLeasesAndFeedback : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ChannelLeases", t => new
        {
            Name = t.Column<string>(nullable: false),
            Holder = t.Column<string>(nullable: false),
            ExpiresAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ChannelLeases", x => x.Name));

        m.CreateTable("ReplyFeedbacks", t => new
        {
            Id = t.Identity<long>(),
            Channel = t.Column<string>(nullable: false),
            ReplyId = t.Column<string>(nullable: false),
            UserId = t.Column<string>(nullable: false),
            Rating = t.Column<string>(nullable: false),
            Comment = t.Column<string>(nullable: true),
            At = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ReplyFeedbacks", x => x.Id));
        // A user changing their mind replaces their rating of that reply.
        m.CreateIndex("IX_ReplyFeedbacks_Channel_ReplyId_UserId", "ReplyFeedbacks", ["Channel", "ReplyId", "UserId"], unique: true);
    }
}
