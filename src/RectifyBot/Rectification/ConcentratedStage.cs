using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RectifyBot.Domain;
using RectifyBot.Store;

namespace RectifyBot.Rectification;

/// <summary>
/// 集中整改阶段结束: the concentrated stage is declared over, by the office in chat or by the reminder job on the
/// day after the stage's end. Long-term (长期坚持) measures whose concentrated work is done move to Ongoing, owing a
/// check-in every period from the next one; a missed check-in makes them overdue (<see cref="Overdue"/>).
/// </summary>
public sealed class ConcentratedStage(StoreWriter writer, OrganisationClock clock, IOptions<WorkflowOptions> options)
{
    /// <summary>Closes the stage; <paramref name="actor"/> is null when the scheduled job does it.</summary>
    public Task<WriteResult> CloseAsync(Actor? actor, int inspectionId, string? channel, CancellationToken ct) =>
        writer.RunAsync("集中整改阶段结束", actor?.StaffId, channel, async (db, token) =>
        {
            // The scheduled job (no actor) closes the stage on its day.
            if (actor is not null && Permissions.ByRole(actor, Write.CloseStage) is { } cannot)
            {
                return WriteResult.Refused(cannot);
            }
            var inspection = await db.Inspections.SingleAsync(i => i.Id == inspectionId, token);
            if (inspection.ConcentratedStageClosedAt is { } closed)
            {
                return WriteResult.Refused($"集中整改阶段已于{clock.LocalDate(closed):yyyy年M月d日}结束。");
            }
            inspection.ConcentratedStageClosedAt = clock.Time.GetUtcNow().UtcDateTime;
            var today = clock.Today;
            var measures = await db.Measures
                .Where(m => m.InspectionId == inspectionId && m.Status == MeasureStatus.Done && m.Deadline.Kind == DeadlineKind.LongTerm)
                .OrderBy(m => m.Number).ToListAsync(token);
            var changes = new List<Change>();
            foreach (var m in measures)
            {
                var period = m.Deadline.Recurrence ?? options.Value.CheckInPeriod;
                m.MoveTo(MeasureStatus.Ongoing);
                m.SetDeadline(Deadline.LongTermFrom(Deadline.Advance(today, period, 1), period, m.Deadline.SourceText));
                changes.Add(new Change("status", m.Number, MeasureStatus.Done.ToChinese(), MeasureStatus.Ongoing.ToChinese(), $"下次报告{m.DueDate:yyyy-MM-dd}"));
            }
            var moved = changes.Count == 0
                ? "没有需要转为长期坚持的措施。"
                : $"{changes.Count}项长期坚持措施转入常态化管理（{string.Join("、", changes.Select(c => $"第{c.Measure}项"))}），须按期报告进展，逾期未报视为逾期。";
            return WriteResult.Done($"集中整改阶段已结束。{moved}", [.. changes]);
        }, ct);

    /// <summary>The inspections whose concentrated stage ended before <paramref name="today"/> and is not yet declared over.</summary>
    public static async Task<List<int>> DueToCloseAsync(RectifyDbContext db, DateOnly today, CancellationToken ct) =>
        await db.Inspections.Where(i => i.ConcentratedStageClosedAt == null && i.Stages.Any(s => s.IsConcentrated && s.End != null && s.End < today))
            .Select(i => i.Id).ToListAsync(ct);
}
