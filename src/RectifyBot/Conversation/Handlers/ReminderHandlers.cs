using RectifyBot.Reminders;

namespace RectifyBot.Conversation.Handlers;

/// <summary>今天有哪些要提醒的: the same digest the scheduled job sends, on demand.</summary>
public sealed class ReminderHandlers(DigestBuilder digests)
{
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
