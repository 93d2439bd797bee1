using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Reminders;
using RectifyBot.Store;

namespace RectifyBot.Conversation.Handlers;

/// <summary>今天有哪些要提醒的: the same digest the scheduled job sends, on demand; and the group chats a unit's reminders go to.</summary>
public sealed class ReminderHandlers(DigestBuilder digests, RectifyDbContext db, UnitDirectory units, OrganisationClock clock)
{
    /// <summary>The group the words were said in receives the unit's daily reminders; a group receives one unit's, the last bound.</summary>
    public async Task<Outcome> BindChatAsync(Turn turn, BindUnitChat bind, CancellationToken ct)
    {
        var a = turn.Actor;
        (int Id, string Name)? unit = bind.UnitName is { } words
            ? await units.FindAsync(words, ct) is { } found ? (found.Id, found.Name) : null
            : a.UnitId is { } own ? (own, a.UnitName ?? "") : null;
        if (unit is not { } chosen)
        {
            return Outcome.Say(bind.UnitName is null
                ? "请说明是哪个单位的提醒，例如：本群接收社会事务科的提醒。"
                : $"没有找到“{bind.UnitName}”这个单位。请用名册中的单位名称，例如：本群接收社会事务科的提醒。");
        }
        var (unitId, unitName) = chosen;
        if (Permissions.BindChat(a, unitId, unitName) is { } refusal)
        {
            return Outcome.Say(refusal);
        }
        var chat = await db.UnitChats.FirstOrDefaultAsync(c => c.Channel == bind.Group.Channel && c.ChatId == bind.Group.ChatId, ct);
        if (chat is null)
        {
            chat = new UnitChat { Channel = bind.Group.Channel, ChatId = bind.Group.ChatId };
            db.UnitChats.Add(chat);
        }
        (chat.UnitId, chat.BoundById, chat.BoundAt) = (unitId, a.StaffId, clock.Time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Outcome.Say($"好的，本群今后接收{unitName}的每日整改提醒。");
    }

    public async Task<Outcome> TodayAsync(Turn turn, CancellationToken ct)
    {
        var set = await digests.BuildAsync(turn.Inspection, turn.Today, ct);
        var a = turn.Actor;
        if (a.IsOffice)
        {
            // The office sees what every unit will be told, then its own list (the red ones).
            var rows = set.Units.Where(d => d.IsDue).Select(d => (IReadOnlyList<string>)
                [d.Audience.Name, .. Enum.GetValues<ReminderTier>().Select(t => d.Count(t).ToString())]).ToList();
            var office = set.Office.ToReply();
            var head = rows.Count == 0 ? "今天没有需要提醒的单位。" : $"今天将提醒{rows.Count}个单位：";
            return new Outcome(office with
            {
                Text = head + "\n" + office.Text,
                Table = rows.Count == 0 ? null : new ReplyTable(["单位", "红", "黄", "绿", "蓝"], rows),
            });
        }
        var own = a.IsLeader
            ? set.Leaders.FirstOrDefault(d => d.Audience.LeaderId == a.StaffId)
            : set.Units.FirstOrDefault(d => d.Audience.UnitId == a.UnitId);
        return new Outcome(own?.ToReply() ?? new Reply($"{turn.Today:yyyy年M月d日}没有需要提醒{(a.IsLeader ? "您" : a.UnitName ?? "您")}的措施。"));
    }
}
