using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Domain;
using RectifyBot.Host.Channels.Teams;
using RectifyBot.Host.Reminders;
using RectifyBot.Host.Tests.Channels.Teams;
using RectifyBot.Reminders;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Reminders;

/// <summary>A digest reaches a person in Teams through the personal chat remembered from their last turn (proactive message).</summary>
public sealed class ReminderTeamsTests : TeamsChannelTest
{
    [Fact]
    public async Task The_remembered_personal_chat_receives_the_digest()
    {
        var data = Path.Combine(Path.GetTempPath(), "rectifybot-teams-remind-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Data:Path", data)]).Build();
        await using var store = new ServiceCollection().AddRectifyBot(configuration, data).BuildServiceProvider();
        try
        {
            int staffId;
            await using (var scope = store.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
                await db.MigrateAsync(default);
                var lina = new Staff { Name = "李娜", Roles = StaffRoles.Unit, TeamsId = TeamsActivities.UserAadObjectId };
                db.Staff.Add(lina);
                await db.SaveChangesAsync();
                staffId = lina.Id;
                var personal = new TeamsConversationReference(Bf.ServiceUrl, TeamsActivities.PersonalConversationId, TeamsActivities.TenantId, TeamsActivities.UserAadObjectId);
                await TeamsReferences.RememberAsync(db, TimeProvider.System, TeamsActivities.UserAadObjectId, personal, default);
                await TeamsReferences.RememberAsync(db, TimeProvider.System, TeamsActivities.UserAadObjectId, personal, default);
            }
            var channel = new TeamsDigestChannel(Bot.Services.GetRequiredService<BotConnectorClient>(), store.GetRequiredService<IServiceScopeFactory>());
            var digest = new Digest(DigestAudience.Unit(1, "社会事务科"), new DateOnly(2026, 11, 24),
                [new DigestItem(51, "开展专项清理", ReminderTier.Red, new DateOnly(2026, 11, 1), -23, "社会事务科", MeasureStatus.InProgress)]);

            Assert.True(await channel.SendAsync(new DigestDelivery(digest, [new DigestRecipient(staffId, "李娜", null)]), default));

            var sent = Assert.Single(Bf.Activities);
            Assert.EndsWith($"/v3/conversations/{Uri.EscapeDataString(TeamsActivities.PersonalConversationId)}/activities", sent.Path);
            Assert.StartsWith("2026年11月24日整改提醒（社会事务科）", (string?)sent.Body["text"]);
            Assert.Contains("【红】第51项 逾期23天", (string?)sent.Body["text"]);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
