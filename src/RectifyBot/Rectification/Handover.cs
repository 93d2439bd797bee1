using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;

namespace RectifyBot.Rectification;

/// <summary>
/// 责任交接: when an owner or leader changes post, every measure they held (owned, claimed, or named as its
/// responsible leader) passes to a named successor in one save, which the audit trail records as one operation.
/// </summary>
public sealed class Handover(StoreWriter writer)
{
    public Task<WriteResult> HandOverAsync(Actor actor, string from, string to, string? channel, CancellationToken ct) =>
        writer.RunAsync("责任交接", actor.StaffId, channel, async (db, token) =>
        {
            if (Permissions.ByRole(actor, Write.HandOver) is { } cannot)
            {
                return WriteResult.Refused(cannot);
            }
            var people = await db.Staff.Where(s => s.Name == from || s.Name == to).ToListAsync(token);
            if (One(people, from) is not { } predecessor)
            {
                return WriteResult.Refused(Ambiguous(people, from));
            }
            if (One(people, to) is not { } successor)
            {
                return WriteResult.Refused(Ambiguous(people, to));
            }
            if (predecessor.Id == successor.Id)
            {
                return WriteResult.Refused("交接双方是同一个人。");
            }
            var measures = await db.Measures.Include(m => m.Claims)
                .Where(m => m.Status != MeasureStatus.Closed &&
                            (m.OwnerId == predecessor.Id || m.ResponsibleLeader == predecessor.Name ||
                             (m.OwnerId == null && m.Claims.Any(c => c.StaffId == predecessor.Id && c.WithdrawnAt == null))))
                .OrderBy(m => m.Number).ToListAsync(token);
            if (measures.Count == 0)
            {
                return WriteResult.Refused($"{from}名下没有未销号的措施，无需交接。");
            }
            var changes = new List<Change>();
            foreach (var m in measures)
            {
                if (m.ResponsibleLeader == predecessor.Name)
                {
                    m.ResponsibleLeader = successor.Name;
                }
                // A claim is the unit's act and stays as made; the person answering for the measure (the owner) changes.
                if (m.OwnerId == predecessor.Id || (m.OwnerId == null && m.Claims.Any(c => c.StaffId == predecessor.Id && c.WithdrawnAt == null)))
                {
                    m.OwnerId = successor.Id;
                }
                changes.Add(new Change("handover", m.Number, from, to));
            }
            var list = string.Join("、", changes.Select(c => $"第{c.Measure}项"));
            return WriteResult.Done($"已将{from}负责的{changes.Count}项措施（{list}）交接给{to}。", [.. changes]);
        }, ct);

    private static Staff? One(List<Staff> people, string name) => people.Count(p => p.Name == name) == 1 ? people.Single(p => p.Name == name) : null;

    private static string Ambiguous(List<Staff> people, string name) =>
        people.Any(p => p.Name == name) ? $"名册中有多个“{name}”，请整改办先在名册中区分。" : $"名册中没有“{name}”。";
}
