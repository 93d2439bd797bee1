using Microsoft.EntityFrameworkCore;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Conversation.Handlers;

/// <summary>
/// The writes. Each goes through <see cref="MeasureWorkflow"/> (and <see cref="Handover"/>, <see cref="ConcentratedStage"/>),
/// which checks who may (<see cref="Permissions"/>) and the workflow and says exactly what changed; this class
/// turns intents into calls, and results into replies and notices, and decides nothing about permissions.
/// </summary>
public sealed class WriteHandlers(MeasureWorkflow workflow, ConcentratedStage stage, Handover handover, EvidenceStore evidence, RectifyDbContext db)
{
    /// <summary>The write the intent asks for; <paramref name="text"/> is what the user wrote, kept with a 转交申请.</summary>
    public async Task<Outcome> HandleAsync(Turn turn, WriteIntent intent, string text, CancellationToken ct)
    {
        var a = turn.Actor;
        if (intent is BulkStatusChange bulk)
        {
            // Unit staff get told how to do it properly rather than only that they may not.
            return Outcome.Say(a.IsOffice
                ? $"批量修改需逐项确认：请列出编号，例如“51、54、56 {bulk.Status.ToChinese()}”。"
                : $"不能一次把所有措施标记为{bulk.Status.ToChinese()}。请逐项更新本单位的措施，例如“51 完成 已做了什么”，或列出编号“51、54 完成”。");
        }
        var inspection = turn.Inspection;
        var channel = turn.Channel;
        return intent switch
        {
            ClaimMeasures c when c.Unit.Id != a.UnitId => await TransferAsync(turn, c.Measures, c.Unit, text, ct),
            ClaimMeasures c => await ClaimAsync(turn, c, ct),
            ApproveTransfer t => await DecideTransferAsync(turn, t.Measures, true, null, ct),
            RefuseTransfer t => await DecideTransferAsync(turn, t.Measures, false, t.Reason, ct),
            ApproveClaim c => await DecideClaimAsync(turn, c.Measures, true, ct),
            RefuseClaim c => await DecideClaimAsync(turn, c.Measures, false, ct),
            ReportProgress p => await EachAsync(turn, p.Measures, n => workflow.RecordProgressAsync(a, inspection, n, p.Text, p.NewStatus, channel, ct)),
            ChangeStatus s => await EachAsync(turn, s.Measures, n => workflow.ChangeStatusAsync(a, inspection, n, s.Status, channel, ct)),
            RequestClose r => await NotifyAsync(await EachAsync(turn, r.Measures, n => workflow.RequestCloseAsync(a, inspection, n, null, channel, ct)),
                n => new Notice(true, null, $"{a.Name}（{a.UnitName}）申请第{n}项销号。回复“同意{n}销号”或“退回{n}，原因”。"), ct),
            ApproveClose c => await ApproveAsync(turn, c, ct),
            SignClose s => await NotifyAsync(await EachAsync(turn, s.Measures, n => workflow.SignCloseAsync(a, inspection, n, channel, ct)),
                n => new Notice(false, null, $"第{n}项责任领导已签字，已销号。"), ct),
            ReturnClose r => await NotifyAsync(await EachAsync(turn, r.Measures, n => workflow.ReviewCloseAsync(a, inspection, n, false, r.Reason, channel, ct)),
                n => new Notice(false, null, $"整改办退回了第{n}项的销号申请，原因：{r.Reason}。补充后可再次申请。"), ct),
            RequestExtension x => await NotifyAsync(await EachAsync(turn, x.Measures, n => workflow.RequestExtensionAsync(a, inspection, n, x.NewDeadline, x.Reason, channel, ct)),
                n => new Notice(true, null, $"{a.Name}（{a.UnitName}）申请第{n}项延期至{x.NewDeadline:yyyy-MM-dd}，原因：{x.Reason}。"), ct),
            ApproveExtension x => await EachAsync(turn, x.Measures, n => workflow.DecideExtensionAsync(a, inspection, n, true, null, channel, ct)),
            RefuseExtension x => await EachAsync(turn, x.Measures, n => workflow.DecideExtensionAsync(a, inspection, n, false, x.Reason, channel, ct)),
            Undo => await UndoAsync(turn, ct),
            CloseConcentratedStage => Result(turn, await stage.CloseAsync(a, inspection, channel, ct), []),
            HandOver h => Result(turn, await handover.HandOverAsync(a, h.From, h.To, channel, ct), []),
            _ => Outcome.Say(Outcome.CannotDo),
        };
    }

    /// <summary>
    /// A file: evidence of the measure being talked about; when there is none, it is kept under a temporary name
    /// (nowhere the evidence lives) and the user is asked which measure it is for.
    /// </summary>
    public async Task<Outcome> AttachAsync(Turn turn, Attachment attachment, CancellationToken ct)
    {
        if (await attachment.FetchAsync(ct) is not { } file)
        {
            return Outcome.Say("没能取得这个文件，请重新发送。");
        }
        await using var content = file.Content;
        if (turn.Memory.Focus is { } number)
        {
            return Result(turn, await workflow.AddEvidenceAsync(turn.Actor, turn.Inspection, number, file.FileName, file.ContentType, content, turn.Channel, ct), [number]);
        }
        if (evidence.Check(file.FileName, null) is { } problem)
        {
            return Outcome.Say(problem);
        }
        var (staged, tooLarge) = await evidence.StageAsync(content, file.FileName, file.ContentType, ct);
        if (staged is null)
        {
            return Outcome.Say(tooLarge!);
        }
        var question = $"收到“{file.FileName}”。这是哪一项措施的佐证材料？请回复编号，例如 {turn.Examples.First}。";
        return new Outcome(new Reply(question))
        {
            Memory = turn.Memory with
            {
                Pending = new Pending(question, null, []) { FileName = file.FileName, FileContentType = staged.ContentType, FilePath = Path.GetFileName(staged.TempPath) },
            },
        };
    }

    /// <summary>The kept file becomes evidence of the measure named; kept or refused, its temporary copy goes.</summary>
    public async Task<Outcome> AttachStoredAsync(Turn turn, AttachStoredEvidence file, CancellationToken ct)
    {
        if (evidence.Staged(file.StoredPath) is not { } path)
        {
            return Outcome.Say("这份文件已过期，请重新发送。");
        }
        WriteResult result;
        await using (var content = File.OpenRead(path))
        {
            result = await workflow.AddEvidenceAsync(turn.Actor, turn.Inspection, file.Number, file.FileName, file.ContentType, content, turn.Channel, ct);
        }
        File.Delete(path);
        var outcome = Result(turn, result, [file.Number]);
        return outcome with { Memory = (outcome.Memory ?? turn.Memory) with { Focus = file.Number, Pending = null } };
    }

    /// <summary>
    /// 同意销号: the units hear that it is closed, or that it awaits the leader's signature; then the leader is asked
    /// to sign, through the unit they belong to (the named 责任领导 when on the roster, else every leader).
    /// </summary>
    private async Task<Outcome> ApproveAsync(Turn turn, ApproveClose c, CancellationToken ct)
    {
        var outcome = await EachAsync(turn, c.Measures, n => workflow.ReviewCloseAsync(turn.Actor, turn.Inspection, n, true, null, turn.Channel, ct));
        var awaiting = outcome.Changes.Where(x => x.Kind == "closeReviewed").Select(x => x.Measure).ToHashSet();
        outcome = await NotifyAsync(outcome,
            n => new Notice(false, null, awaiting.Contains(n) ? $"第{n}项已审核通过，待责任领导签字后销号。" : $"第{n}项已审核销号。"), ct);
        var notices = outcome.Reply.Notices.ToList();
        var leaders = db.Staff.AsNoTracking().Where(s => ((int)s.Roles & (int)StaffRoles.Leader) != 0 && s.UnitId != null);
        foreach (var n in awaiting)
        {
            var named = await db.Measures.Where(m => m.InspectionId == turn.Inspection && m.Number == n).Select(m => m.ResponsibleLeader).SingleAsync(ct);
            var units = await leaders.Where(s => s.Name == named).Select(s => s.UnitId!.Value).Distinct().ToListAsync(ct);
            if (units.Count == 0)
            {
                units = await leaders.Select(s => s.UnitId!.Value).Distinct().ToListAsync(ct);
            }
            notices.AddRange(units.Select(u => new Notice(false, u, $"第{n}项已经整改办审核通过，请责任领导签字：回复“签字{n}”。")));
        }
        return outcome with { Reply = outcome.Reply with { Notices = notices } };
    }

    /// <summary>A co-claim of a measure another unit leads waits for approval: the office and the lead unit are asked.</summary>
    private async Task<Outcome> ClaimAsync(Turn turn, ClaimMeasures c, CancellationToken ct)
    {
        var a = turn.Actor;
        var result = await workflow.ClaimAsync(a, turn.Inspection, c.Measures.Numbers, c.CoClaim, turn.Channel, ct);
        if (result.NeedsConfirmation)
        {
            return Outcome.Ask(turn, new Clarify(result.Message, [new ClarifyOption("共同认领", c with { CoClaim = true })]));
        }
        var requested = result.Changes.Where(x => x.Kind == "claimRequest").Select(x => x.Measure).ToHashSet();
        string Ask(int n) => $"{a.Name}（{a.UnitName}）申请共同认领第{n}项。回复“同意{n}认领”或“不同意{n}认领”。";
        var outcome = Result(turn, result, c.Measures.Numbers);
        outcome = await NotifyAsync(outcome, n => requested.Contains(n) ? new Notice(true, null, Ask(n)) : null, ct);
        return await NotifyAsync(outcome, n => requested.Contains(n) ? new Notice(false, null, Ask(n)) : null, ct);
    }

    /// <summary>
    /// 转交: the office hears a unit's request, with its words and the replies that decide it; when a measure moves, the unit
    /// it goes to and the units it leaves hear it.
    /// </summary>
    private async Task<Outcome> TransferAsync(Turn turn, MeasureRef measures, UnitRef to, string text, CancellationToken ct)
    {
        var a = turn.Actor;
        var outcome = await EachAsync(turn, measures, n => workflow.TransferAsync(a, turn.Inspection, n, to.Id, text, turn.Channel, ct));
        var asked = outcome.Changes.Where(x => x.Kind == "transferRequest")
            .Select(x => new Notice(true, null, $"{a.Name}（{a.UnitName}）申请把第{x.Measure}项转给{x.To}：“{x.Detail}”。回复“同意{x.Measure}转交”或“不同意{x.Measure}转交，原因”。"));
        return Told(outcome, [.. asked, .. MovedNotices(turn, outcome)]);
    }

    private async Task<Outcome> DecideTransferAsync(Turn turn, MeasureRef measures, bool approve, string? reason, CancellationToken ct)
    {
        var outcome = await EachAsync(turn, measures, n => workflow.DecideTransferAsync(turn.Actor, turn.Inspection, n, approve, reason, turn.Channel, ct));
        var refused = outcome.Changes.Where(x => x.Kind == "transferRefused")
            .Select(x => new Notice(false, int.Parse(x.Detail!), $"整改办未同意把第{x.Measure}项转给{x.To}{(string.IsNullOrWhiteSpace(reason) ? "" : $"，原因：{reason}")}，仍请{x.From}负责。"));
        return Told(outcome, [.. refused, .. MovedNotices(turn, outcome)]);
    }

    /// <summary>撤销 of a move is a move back: the units it concerns hear it as they heard the move.</summary>
    private async Task<Outcome> UndoAsync(Turn turn, CancellationToken ct)
    {
        var outcome = Result(turn, await workflow.UndoAsync(turn.Actor, turn.Channel, ct), []);
        return Told(outcome, [.. MovedNotices(turn, outcome)]);
    }

    /// <summary>A measure given to a unit: the unit hears it is now its own, the units it left that it is not.</summary>
    private static IEnumerable<Notice> MovedNotices(Turn turn, Outcome outcome) =>
        outcome.Changes.Where(x => x.Kind == "transfer").SelectMany(x => x.Detail!.Split(',').Select(int.Parse).Select((unit, k) => new Notice(false, unit, k == 0
            ? $"{turn.Actor.Name}（整改办）把第{x.Measure}项交由{x.To}负责，请及时跟进。"
            : $"第{x.Measure}项已改由{x.To}负责，不再由{x.From}负责。")));

    private static Outcome Told(Outcome outcome, IReadOnlyList<Notice> notices) =>
        outcome with { Reply = outcome.Reply with { Notices = [.. outcome.Reply.Notices, .. notices] } };

    /// <summary>The claiming unit hears the decision.</summary>
    private async Task<Outcome> DecideClaimAsync(Turn turn, MeasureRef measures, bool approve, CancellationToken ct)
    {
        var outcome = await EachAsync(turn, measures, n => workflow.DecideClaimAsync(turn.Actor, turn.Inspection, n, approve, turn.Channel, ct));
        var decided = outcome.Changes.Where(x => x.Kind is "claimApproved" or "claimRefused")
            .Select(x => new Notice(false, int.Parse(x.Detail!), approve ? $"{turn.Actor.Name}同意了{x.To}共同认领第{x.Measure}项，现在可以更新这项措施。" : $"{turn.Actor.Name}未同意{x.To}共同认领第{x.Measure}项。"));
        return Told(outcome, [.. decided]);
    }

    /// <summary>Runs a write for each measure named, and reports each outcome on its own line.</summary>
    private static async Task<Outcome> EachAsync(Turn turn, MeasureRef measures, Func<int, Task<WriteResult>> write)
    {
        var results = new List<WriteResult>();
        foreach (var n in measures.Numbers)
        {
            results.Add(await write(n));
        }
        var merged = new WriteResult(results.Any(r => r.Ok), string.Join("\n", results.Select(r => r.Message)), results.SelectMany(r => r.Changes).ToList());
        return Result(turn, merged, measures.Numbers);
    }

    private static Outcome Result(Turn turn, WriteResult result, IReadOnlyList<int> numbers)
    {
        var touched = result.Changes.Select(c => c.Measure).Where(n => n > 0).Distinct().ToList();
        var focus = touched.Count > 0 ? touched[^1] : numbers.Count > 0 ? numbers[^1] : turn.Memory.Focus;
        return new Outcome(new Reply(result.Message))
        {
            Measures = touched.Count > 0 ? touched : numbers,
            Changes = result.Changes,
            Memory = turn.Memory with { Focus = focus, Pending = null },
        };
    }

    /// <summary>
    /// Adds a notice for each measure that changed (none where <paramref name="notice"/> gives null): to the office,
    /// or to the units that lead the measure or hold an approved claim on it.
    /// </summary>
    private async Task<Outcome> NotifyAsync(Outcome outcome, Func<int, Notice?> notice, CancellationToken ct)
    {
        var changed = outcome.Changes.Select(c => c.Measure).Distinct().ToList();
        if (changed.Count == 0)
        {
            return outcome;
        }
        var notices = outcome.Reply.Notices.ToList();
        foreach (var n in changed)
        {
            if (notice(n) is not { } template)
            {
                continue;
            }
            if (template.ToOffice)
            {
                notices.Add(template);
                continue;
            }
            var units = await Figures.Holders(db.MeasureUnits.AsNoTracking(), db.Claims.AsNoTracking())
                .Where(h => db.Measures.Any(m => m.Id == h.MeasureId && m.Number == n)).Select(h => h.UnitId).Distinct().ToListAsync(ct);
            notices.AddRange(units.Select(u => template with { UnitId = u }));
        }
        return outcome with { Reply = outcome.Reply with { Notices = notices } };
    }
}
