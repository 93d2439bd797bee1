using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RectifyBot.Store.Migrations;

/// <summary>Each unhandled inbox message belongs to the instance that accepted it (<see cref="Domain.InboxMessage.Owner"/>).</summary>
[DbContext(typeof(RectifyDbContext))]
[Migration("20261202000010_InboxOwners")]
public sealed class InboxOwners : Migration
{
    protected override void Up(MigrationBuilder m) => m.AddColumn<string>("Owner", "Inbox", nullable: true);
}
