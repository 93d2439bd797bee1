using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RectifyBot.Store.Migrations;

/// <summary>
/// Which server instance queued each inbox message, so that an instance starting replays only the messages whose
/// instance has stopped (its liveness lease in ChannelLeases lapsed), never those another live instance is handling.
/// </summary>
[DbContext(typeof(RectifyDbContext))]
[Migration("20261202000010_InboxOwners")]
public sealed class InboxOwners : Migration
{
    protected override void Up(MigrationBuilder m) => m.AddColumn<string>("Owner", "Inbox", nullable: true);
}
