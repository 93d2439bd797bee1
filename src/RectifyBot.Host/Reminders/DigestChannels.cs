using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RectifyBot.Host.Channels.Teams;
using RectifyBot.Host.Channels.WeCom;
using RectifyBot.Reminders;
using RectifyBot.Store;

namespace RectifyBot.Host.Reminders;

/// <summary>WeCom app message (markdown) to the audience's people who have a WeCom account.</summary>
public sealed class WeComAppDigestChannel(WeComApiClient api, IOptions<WeComOptions> options) : IDigestChannel
{
    public string Name => "wecom";

    public async Task<bool> SendAsync(DigestDelivery delivery, CancellationToken ct)
    {
        var users = delivery.People.Where(p => p.WeComId is not null).Select(p => p.WeComId!).Take(1000).ToList();
        if (!options.Value.Enabled || users.Count == 0)
        {
            return false;
        }
        // message/send takes up to 1000 users joined by "|".
        return (await api.SendMarkdownAsync(string.Join('|', users), delivery.Digest.ToMarkdown(), ct)).Succeeded;
    }
}

/// <summary>WeCom group robot markdown, for a unit whose group has a robot in <c>WeCom:RobotWebhooks</c>.</summary>
public sealed class WeComRobotDigestChannel(WeComApiClient api, IOptions<WeComOptions> options) : IDigestChannel
{
    public string Name => "robot";

    public async Task<bool> SendAsync(DigestDelivery delivery, CancellationToken ct)
    {
        var unit = delivery.Digest.Audience;
        if (unit.UnitId is null || !options.Value.RobotWebhooks.ContainsKey(unit.Name))
        {
            return false;
        }
        return (await api.SendRobotMarkdownAsync(unit.Name, delivery.Digest.ToMarkdown(), ct)).Succeeded;
    }
}

/// <summary>Teams proactive messages to the audience's people whose personal chat with the bot is stored.</summary>
public sealed class TeamsDigestChannel(BotConnectorClient connector, IServiceScopeFactory scopes) : IDigestChannel
{
    public string Name => "teams";

    public async Task<bool> SendAsync(DigestDelivery delivery, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await TeamsReferences.SendAsync(scope.ServiceProvider.GetRequiredService<RectifyDbContext>(), connector,
            delivery.People.Select(p => p.StaffId).ToList(), delivery.Digest.ToReply().Text, ct) > 0;
    }
}

/// <summary>Keeps each person's Teams personal chat, as received, so reminders can be sent to it later.</summary>
public static class TeamsReferences
{
    public const string Channel = "teams";

    /// <summary>Sends text to the stored personal chats of these people; returns how many chats it reached.</summary>
    public static async Task<int> SendAsync(RectifyDbContext db, BotConnectorClient connector, IReadOnlyList<int> staffIds, string text, CancellationToken ct)
    {
        var stored = await db.ConversationReferences.AsNoTracking()
            .Where(r => r.Channel == Channel && staffIds.Contains(r.StaffId)).Select(r => r.Json).ToListAsync(ct);
        var reached = 0;
        foreach (var json in stored)
        {
            var reference = JsonSerializer.Deserialize<TeamsConversationReference>(json)!;
            var sent = false;
            foreach (var activity in TeamsRenderer.Text(text))
            {
                sent |= await connector.SendAsync(reference, activity, ct) is not null;
            }
            reached += sent ? 1 : 0;
        }
        return reached;
    }

    public static async Task RememberAsync(RectifyDbContext db, TimeProvider time, string teamsUserId, TeamsConversationReference reference, CancellationToken ct)
    {
        var staff = await db.Staff.Where(s => s.TeamsId == teamsUserId).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
        if (staff is not { } id)
        {
            return;
        }
        var json = JsonSerializer.Serialize(reference);
        var row = await db.ConversationReferences.FirstOrDefaultAsync(r => r.StaffId == id && r.Channel == Channel, ct);
        if (row?.Json == json)
        {
            return;
        }
        if (row is null)
        {
            db.ConversationReferences.Add(new Domain.ConversationReference { StaffId = id, Channel = Channel, Json = json, UpdatedAt = time.GetUtcNow().UtcDateTime });
        }
        else
        {
            row.Json = json;
            row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync(ct);
    }
}
