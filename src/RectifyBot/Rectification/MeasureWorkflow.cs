using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RectifyBot.Domain;
using RectifyBot.Store;
using RectifyBot.Text;

namespace RectifyBot.Rectification;

/// <summary>
/// The write side of rectification: claims, progress, evidence, close requests and their review, extensions,
/// and undo. Every method checks who may do it, runs through <see cref="StoreWriter"/> (audited, safe under
/// concurrent edits), and returns what changed in a sentence the user reads.
/// </summary>
public sealed class MeasureWorkflow(StoreWriter writer, OrganisationClock clock, EvidenceStore evidence, IOptions<WorkflowOptions> options)
{
    /// <summary>How long an author may undo their own write (撤销).</summary>
    public static readonly TimeSpan UndoWindow = TimeSpan.FromMinutes(10);

    /// <summary>
    /// 认领 for the actor's unit (a measure given to another unit is a 转交, <see cref="TransferAsync"/>). A measure nobody
    /// leads is the unit's at once; a measure another unit leads asks first, and then the co-claim waits for the office or
    /// the lead unit (<see cref="DecideClaimAsync"/>): until then it gives no say over the measure.
    /// </summary>
    public Task<WriteResult> ClaimAsync(Actor actor, int inspectionId, IReadOnlyList<int> numbers, bool coClaim, string? channel, CancellationToken ct) =>
        writer.RunAsync("认领", actor.StaffId, channel, async (db, token) =>
        {
            if (Permissions.ByRole(actor, Write.Claim) is { } cannot)
            {
                return WriteResult.Refused(cannot);
            }
            var unit = actor.UnitId!.Value;
            var measures = await db.Measures.Include(m => m.Units).ThenInclude(u => u.Unit).Include(m => m.Claims)
                .Where(m => m.InspectionId == inspectionId && numbers.Contains(m.Number)).ToListAsync(token);
            if (Missing(numbers, measures) is { } missing)
            {
                return WriteResult.Refused(missing);
            }
            var changes = new List<Change>();
            var notes = new List<string>();
            foreach (var m in measures.OrderBy(m => m.Number))
            {
                var held = m.Claims.FirstOrDefault(c => c.UnitId == unit && c.WithdrawnAt == null);
                if (held is { State: ClaimState.Pending })
                {
                    notes.Add($"第{m.Number}项的共同认领已在等待审批");
                    continue;
                }
                if (held is not null || m.LeadUnitIds.Contains(unit))
                {
                    notes.Add($"第{m.Number}项已由本单位负责");
                    continue;
                }
                var others = LeadNames(m, unit);
                if (others.Length > 0 && !coClaim)
                {
                    return WriteResult.Confirm($"第{m.Number}项由{others}牵头。要申请作为共同认领单位加入吗？需经整改办或{others}同意。回复“是”确认。");
                }
                m.Claims.Add(new Claim
                {
                    UnitId = unit, StaffId = actor.StaffId, ClaimedAt = Now, IsCoClaim = others.Length > 0,
                    State = others.Length > 0 ? ClaimState.Pending : ClaimState.Approved,
                });
                changes.Add(others.Length > 0
                    ? new Change("claimRequest", m.Number, To: actor.UnitName, Detail: others)
                    : new Change("claim", m.Number, To: actor.UnitName));
            }
            if (changes.Count == 0)
            {
                return WriteResult.Refused(string.Join("；", notes) + "，无需再认领。");
            }
            var claimed = changes.Where(c => c.Kind == "claim").Select(c => $"第{c.Measure}项").ToList();
            var requested = changes.Where(c => c.Kind == "claimRequest").ToList();
            var message = (claimed.Count > 0 ? $"已为{actor.UnitName}认领{string.Join("、", claimed)}。" : "") +
                          string.Concat(requested.Select(c => $"已申请共同认领第{c.Measure}项，待整改办或{c.Detail}同意后生效。")) +
                          (notes.Count > 0 ? string.Join("；", notes) + "。" : "");
            return WriteResult.Done(message, [.. changes]);
        }, ct);

    /// <summary>The office or the lead unit approves (同意54认领) or refuses (不同意54认领) the co-claims waiting on a measure.</summary>
    public Task<WriteResult> DecideClaimAsync(Actor actor, int inspectionId, int number, bool approve, string? channel, CancellationToken ct) =>
        writer.RunAsync(approve ? "同意共同认领" : "不同意共同认领", actor.StaffId, channel, async (db, token) =>
        {
            var m = await db.Measures.Include(x => x.Units).Include(x => x.Claims).ThenInclude(c => c.Unit)
                .FirstOrDefaultAsync(x => x.InspectionId == inspectionId && x.Number == number, token);
            if (m is null)
            {
                return await NoSuchMeasureAsync(db, inspectionId, number, token);
            }
            if (Permissions.DecideClaim(actor, m) is { } cannot)
            {
                return WriteResult.Refused(cannot);
            }
            var pending = m.Claims.Where(c => c.State == ClaimState.Pending && c.WithdrawnAt == null).ToList();
            if (pending.Count == 0)
            {
                return WriteResult.Refused($"第{number}项没有待审批的共同认领。");
            }
            foreach (var claim in pending)
            {
                claim.State = approve ? ClaimState.Approved : ClaimState.Refused;
                claim.DecidedById = actor.StaffId;
                claim.DecidedAt = Now;
                claim.WithdrawnAt = approve ? null : Now;
            }
            var units = string.Join("、", pending.Select(c => c.Unit!.Name));
            return WriteResult.Done(approve ? $"已同意{units}共同认领第{number}项。" : $"未同意{units}共同认领第{number}项。",
                [.. pending.Select(c => new Change(approve ? "claimApproved" : "claimRefused", number, To: c.Unit!.Name, Detail: c.UnitId.ToString()))]);
        }, ct);

    /// <summary>
    /// 转交: <paramref name="toUnitId"/> to hold a measure instead (<see cref="Permissions.Transfer"/>). The office moves it at
    /// once, the unit becoming its lead, and any request waiting on it is decided so; staff of a unit the plan names on it
    /// ask the office, with their words (<paramref name="said"/>), and keep the measure until the office decides
    /// (<see cref="DecideTransferAsync"/>).
    /// </summary>
    public Task<WriteResult> TransferAsync(Actor actor, int inspectionId, int number, int toUnitId, string said, string? channel, CancellationToken ct) =>
        writer.RunAsync(actor.IsOffice ? MoveOperation : "申请转交", actor.StaffId, channel, async (db, token) =>
        {
            var m = await LoadTransfersAsync(db, inspectionId, number, token);
            if (m is null)
            {
                return await NoSuchMeasureAsync(db, inspectionId, number, token);
            }
            if (Permissions.Transfer(actor, m) is { } cannot)
            {
                return WriteResult.Refused(cannot);
            }
            var to = await db.Units.SingleAsync(u => u.Id == toUnitId, token);
            var pending = m.Transfers.Where(t => t.State == RequestState.Pending).ToList();
            if (!actor.IsOffice)
            {
                if (pending.Count > 0)
                {
                    return WriteResult.Refused($"第{number}项已有待整改办处理的转交申请。");
                }
                var words = InputText.Clean(said, 500).Trim();
                m.Transfers.Add(new TransferRequest
                {
                    FromUnitId = actor.UnitId!.Value, ToUnitId = to.Id, RequestedById = actor.StaffId, RequestedAt = Now, Said = words, State = RequestState.Pending,
                });
                return WriteResult.Done($"已提交第{number}项转交申请：由{actor.UnitName}转给{to.Name}，待整改办确认。确认前仍请{actor.UnitName}跟进。",
                    new Change("transferRequest", number, actor.UnitName, to.Name, words));
            }
            if (m.LeadUnitIds.SequenceEqual([to.Id]))
            {
                return WriteResult.Refused($"第{number}项已由{to.Name}牵头，无需调整。");
            }
            foreach (var request in pending)
            {
                Decide(request, actor, request.ToUnitId == to.Id, null);
            }
            var left = Move(m, null, to);
            return WriteResult.Done(left.Count == 0 ? $"已把第{number}项交由{to.Name}牵头。" : $"已把第{number}项改由{to.Name}牵头（原牵头单位：{Names(left)}）。",
                Moved(number, left, to));
        }, ct);

    /// <summary>The office approves a unit's 转交申请 (the measure's units change) or refuses it (the unit keeps it).</summary>
    public Task<WriteResult> DecideTransferAsync(Actor actor, int inspectionId, int number, bool approve, string? reason, string? channel, CancellationToken ct) =>
        writer.RunAsync(approve ? ApproveTransferOperation : RefuseTransferOperation, actor.StaffId, channel, async (db, token) =>
        {
            if (Permissions.ByRole(actor, Write.DecideTransfer) is { } cannot)
            {
                return WriteResult.Refused(cannot);
            }
            var m = await LoadTransfersAsync(db, inspectionId, number, token);
            if (m is null)
            {
                return await NoSuchMeasureAsync(db, inspectionId, number, token);
            }
            if (m.Transfers.Where(t => t.State == RequestState.Pending).MaxBy(t => t.RequestedAt) is not { } request)
            {
                return WriteResult.Refused($"第{number}项没有待处理的转交申请。");
            }
            Decide(request, actor, approve, reason);
            if (!approve)
            {
                return WriteResult.Done($"未同意第{number}项转给{request.ToUnit!.Name}，仍由{request.FromUnit!.Name}负责。",
                    new Change("transferRefused", number, request.FromUnit.Name, request.ToUnit.Name, request.FromUnitId.ToString()));
            }
            var left = Move(m, request.FromUnitId, request.ToUnit!);
            return WriteResult.Done($"已同意第{number}项由{request.FromUnit!.Name}转给{request.ToUnit!.Name}。", Moved(number, left, request.ToUnit));
        }, ct);

    private void Decide(TransferRequest request, Actor actor, bool approve, string? reason)
    {
        request.State = approve ? RequestState.Approved : RequestState.Returned;
        request.DecidedById = actor.StaffId;
        request.DecidedAt = Now;
        request.DecisionNote = reason;
    }

    /// <summary>
    /// Gives the measure to <paramref name="to"/>: the place of unit <paramref name="fromUnitId"/> (lead or supporting), or
    /// of every lead when null. Returns the units it left; claims are untouched.
    /// </summary>
    private static List<Unit> Move(Measure m, int? fromUnitId, Unit to)
    {
        var leaving = m.Units.Where(u => fromUnitId is { } from ? u.UnitId == from : u.Role == UnitRole.Lead).ToList();
        var role = fromUnitId is null || leaving.Any(u => u.Role == UnitRole.Lead) ? UnitRole.Lead : UnitRole.Supporting;
        m.Units.RemoveAll(u => leaving.Contains(u) || (u.UnitId == to.Id && u.Role != role && role == UnitRole.Lead));
        if (!m.Units.Any(u => u.UnitId == to.Id))
        {
            m.Units.Add(new MeasureUnit { UnitId = to.Id, Unit = to, Role = role });
        }
        return [.. leaving.Where(u => u.UnitId != to.Id).Select(u => u.Unit!)];
    }

    private static string Names(List<Unit> units) => string.Join("、", units.Select(u => u.Name));

    /// <summary>The change a move makes, with the unit ids in Detail (the new unit's first, then those it left) for the notices.</summary>
    private static Change Moved(int number, List<Unit> left, Unit to) =>
        new("transfer", number, Names(left), to.Name, string.Join(",", [to.Id, .. left.Select(u => u.Id)]));

    private static Task<Measure?> LoadTransfersAsync(RectifyDbContext db, int inspectionId, int number, CancellationToken ct) =>
        db.Measures.Include(m => m.Units).ThenInclude(u => u.Unit)
            .Include(m => m.Transfers).ThenInclude(t => t.FromUnit).Include(m => m.Transfers).ThenInclude(t => t.ToUnit)
            .FirstOrDefaultAsync(m => m.InspectionId == inspectionId && m.Number == number, ct);

    /// <summary>Records what was done, optionally moving the status (Done asks for evidence next).</summary>
    public Task<WriteResult> RecordProgressAsync(Actor actor, int inspectionId, int number, string text, MeasureStatus? status, string? channel, CancellationToken ct) =>
        writer.RunAsync(status is null ? "进展更新" : "进展更新并改状态", actor.StaffId, channel, async (db, token) =>
        {
            var (m, refusal) = await LoadWritableAsync(db, actor, inspectionId, number, token);
            return m is null ? refusal! : RecordProgress(m, actor, text, status, channel, clock.Today);
        }, ct);

    /// <summary>
    /// Moves the status, the move recorded as a progress note that says so. A measure already in that status is told
    /// so and nothing is written: a note of no work would count as a periodic measure's check-in.
    /// </summary>
    public Task<WriteResult> ChangeStatusAsync(Actor actor, int inspectionId, int number, MeasureStatus to, string? channel, CancellationToken ct) =>
        writer.RunAsync("进展更新并改状态", actor.StaffId, channel, async (db, token) =>
        {
            var (m, refusal) = await LoadWritableAsync(db, actor, inspectionId, number, token);
            return m is null ? refusal!
                : m.Status == to ? WriteResult.Refused(m.RefuseMove(to)!)
                : RecordProgress(m, actor, $"状态改为{to.ToChinese()}", to, channel, clock.Today);
        }, ct);

    /// <summary>
    /// A progress update on a measure already loaded and allowed to the actor (its evidence loaded), in the caller's
    /// save: the chat's 进展 and each new line of a re-imported ledger follow the same rules. <paramref name="on"/> is
    /// the local date the work was reported.
    /// </summary>
    internal WriteResult RecordProgress(Measure m, Actor actor, string text, MeasureStatus? status, string? channel, DateOnly on)
    {
        text = InputText.Clean(text).Trim();
        if (text.Length == 0)
        {
            return WriteResult.Refused($"请写明第{m.Number}项做了什么，例如：{m.Number} 进展：已完成摸底。");
        }
        var from = m.Status;
        if (status is { } to && to != from)
        {
            // Closed is reached only through review, whatever the status allows.
            if (to == MeasureStatus.Closed)
            {
                return WriteResult.Refused($"销号需要经过审核：请发送“第{m.Number}项申请销号”。");
            }
            if (m.RefuseMove(to) is { } refused)
            {
                return WriteResult.Refused(refused);
            }
            m.MoveTo(to);
        }
        else if (status is null && from == MeasureStatus.NotStarted)
        {
            // Work reported on a measure is work started: the report must not call it 尚未启动.
            m.MoveTo(MeasureStatus.InProgress);
        }
        m.Updates.Add(new ProgressUpdate
        {
            StaffId = actor.StaffId, At = Now, On = on, Text = text, Channel = channel,
            StatusFrom = m.Status != from ? from : null, StatusTo = m.Status != from ? m.Status : null,
        });
        var waitingForEvidence = NeedsEvidenceForCheckIn(m);
        if (!waitingForEvidence)
        {
            m.NoteUpdate(on);
        }
        var changes = new List<Change> { new("update", m.Number, Detail: text) };
        var message = $"已记录第{m.Number}项进展";
        if (m.Status != from)
        {
            changes.Add(new Change("status", m.Number, from.ToChinese(), m.Status.ToChinese()));
            message += $"，状态由“{from.ToChinese()}”改为“{m.Status.ToChinese()}”";
        }
        message += "。";
        if (waitingForEvidence)
        {
            message += "本期检查还需佐证材料：上传后本期才算完成。";
        }
        else if (m.Status == MeasureStatus.Done)
        {
            message += m.Evidence.Any(e => e.RemovedAt == null)
                ? $"可发送“第{m.Number}项申请销号”提交审核。"
                : "请上传佐证材料（会议纪要、通知、照片等），直接发送文件即可。";
        }
        return WriteResult.Done(message, [.. changes]);
    }

    /// <summary>
    /// Stores a file as evidence. Who may is checked before the file is read; it is written to a temporary name and
    /// moved into place only once its row is stored, so a refused or failed upload leaves nothing behind.
    /// </summary>
    public async Task<WriteResult> AddEvidenceAsync(Actor actor, int inspectionId, int number, string fileName, string? contentType,
        Stream content, string? channel, CancellationToken ct)
    {
        fileName = Path.GetFileName(InputText.Clean(fileName, MaxFileNameLength).Replace('\n', ' ').Trim());
        if (evidence.Check(fileName, content.CanSeek ? content.Length : null) is { } problem)
        {
            return WriteResult.Refused(problem);
        }
        StagedFile? stored = null;
        var kept = false;
        try
        {
            var result = await writer.RunAsync("上传佐证材料", actor.StaffId, channel, async (db, token) =>
            {
                var (m, refusal) = await LoadWritableAsync(db, actor, inspectionId, number, token);
                if (m is null)
                {
                    return refusal!;
                }
                if (stored is null)
                {
                    (stored, var tooLarge) = await evidence.StageAsync(content, fileName, contentType, token);
                    if (stored is null)
                    {
                        return WriteResult.Refused(tooLarge!);
                    }
                }
                var earlier = m.Evidence.FirstOrDefault(e => e.RemovedAt == null && e.FileName == fileName && e.Sha256 != stored.Sha256);
                if (m.Evidence.Any(e => e.RemovedAt == null && e.Sha256 == stored.Sha256))
                {
                    return WriteResult.Refused($"这份材料已是第{number}项的佐证材料，无需重复上传。");
                }
                m.Evidence.Add(new Evidence
                {
                    FileName = fileName, ContentType = stored.ContentType, Sha256 = stored.Sha256, Size = stored.Size,
                    StoredPath = stored.RelativePath, StaffId = actor.StaffId, At = Now, ReplacesId = earlier?.Id,
                });
                var count = m.Evidence.Count(e => e.RemovedAt == null) - (earlier is null ? 0 : 1);
                // An update of this period waiting for its evidence now completes the check-in.
                var checkIn = options.Value.CheckInNeedsEvidence && m.OwedPeriodStart is { } start
                    ? await db.ProgressUpdates.Where(u => u.MeasureId == m.Id && u.UndoneAt == null && u.On > start).MaxAsync(u => (DateOnly?)u.On, token)
                    : null;
                if (checkIn is { } on)
                {
                    m.NoteUpdate(on);
                }
                return WriteResult.Done(
                    $"已将“{fileName}”存为第{number}项的佐证材料{(earlier is null ? "" : "（替换同名旧版本，旧版本仍保留）")}，现有{count}份" +
                    (checkIn is null ? "。" : $"，本期检查已完成，下次应于{m.DueDate:yyyy-MM-dd}前报送。"),
                    new Change("evidence", number, To: fileName, Detail: stored.Sha256));
            }, ct);
            if (result.Ok)
            {
                evidence.Commit(stored!);
                kept = true;
            }
            return result;
        }
        finally
        {
            if (stored is not null && !kept)
            {
                evidence.Discard(stored);
            }
        }
    }

    /// <summary>销号申请: needs at least one piece of evidence; the office is told.</summary>
    public Task<WriteResult> RequestCloseAsync(Actor actor, int inspectionId, int number, string? account, string? channel, CancellationToken ct) =>
        writer.RunAsync("申请销号", actor.StaffId, channel, async (db, token) =>
        {
            var (m, refusal) = await LoadWritableAsync(db, actor, inspectionId, number, token);
            if (m is null)
            {
                return refusal!;
            }
            if (m.Status == MeasureStatus.Closed)
            {
                return WriteResult.Refused($"第{number}项已销号。");
            }
            if (m.CloseRequests.Any(r => r.State == RequestState.Pending))
            {
                return WriteResult.Refused($"第{number}项已有待审核的销号申请，请等待整改办审核。");
            }
            if (m.CloseRequests.Any(r => r.State == RequestState.Reviewed))
            {
                return WriteResult.Refused($"第{number}项已审核通过，正等待责任领导签字。");
            }
            if (!m.Evidence.Any(e => e.RemovedAt == null))
            {
                return WriteResult.Refused($"第{number}项还没有佐证材料，销号需要至少一份。请先发送会议纪要、通知、照片等文件。");
            }
            var from = m.Status;
            if (m.Status is MeasureStatus.NotStarted or MeasureStatus.InProgress)
            {
                m.MoveTo(MeasureStatus.Done);
            }
            m.CloseRequests.Add(new CloseRequest { RequestedById = actor.StaffId, RequestedAt = Now, Account = account, State = RequestState.Pending });
            var changes = new List<Change> { new("closeRequest", number) };
            if (m.Status != from)
            {
                changes.Add(new Change("status", number, from.ToChinese(), m.Status.ToChinese()));
            }
            return WriteResult.Done($"已提交第{number}项销号申请（佐证材料{m.Evidence.Count(e => e.RemovedAt == null)}份），已通知整改办审核。", [.. changes]);
        }, ct);

    /// <summary>
    /// The office approves a pending close (同意销号) or returns it with a reason (退回). With
    /// <see cref="SignOffMode.OfficeAndLeader"/> an approval leaves the request awaiting the leader's signature.
    /// </summary>
    public Task<WriteResult> ReviewCloseAsync(Actor actor, int inspectionId, int number, bool approve, string? reason, string? channel, CancellationToken ct) =>
        writer.RunAsync(approve ? "同意销号" : "退回销号", actor.StaffId, channel, async (db, token) =>
        {
            if (Permissions.ByRole(actor, Write.ReviewClose) is { } cannot)
            {
                return WriteResult.Refused(cannot);
            }
            var m = await LoadAsync(db, inspectionId, number, token);
            if (m is null)
            {
                return await NoSuchMeasureAsync(db, inspectionId, number, token);
            }
            var request = m.CloseRequests.Where(r => r.State == RequestState.Pending).MaxBy(r => r.RequestedAt);
            if (request is null)
            {
                return WriteResult.Refused($"第{number}项没有待审核的销号申请。");
            }
            reason = InputText.Clean(reason).Trim();
            if (!approve && reason.Length == 0)
            {
                return WriteResult.Refused($"退回需要写明原因，例如：退回{number}，佐证材料不全。");
            }
            var from = m.Status;
            request.ReviewedById = actor.StaffId;
            request.ReviewedAt = Now;
            if (approve && options.Value.SignOff == SignOffMode.OfficeAndLeader)
            {
                request.State = RequestState.Reviewed;
                var leader = m.ResponsibleLeader is { Length: > 0 } l ? $"责任领导（{l}）" : "责任领导";
                return WriteResult.Done($"第{number}项已审核通过，待{leader}签字后销号（领导回复“签字{number}”）。",
                    new Change("closeReviewed", number, from.ToChinese(), from.ToChinese()));
            }
            if (approve)
            {
                if (m.RefuseMove(MeasureStatus.Closed) is { } refused)
                {
                    return WriteResult.Refused(refused);
                }
                request.State = RequestState.Approved;
                m.MoveTo(MeasureStatus.Closed);
                return WriteResult.Done($"第{number}项已销号。", new Change("close", number, from.ToChinese(), m.Status.ToChinese()));
            }
            request.State = RequestState.Returned;
            request.ReturnReason = reason;
            if (m.Status != MeasureStatus.InProgress)
            {
                m.MoveTo(MeasureStatus.InProgress);
            }
            return WriteResult.Done($"已退回第{number}项的销号申请，原因：{request.ReturnReason}。已通知责任单位。",
                new Change("closeReturned", number, from.ToChinese(), m.Status.ToChinese(), request.ReturnReason));
        }, ct);

    /// <summary>
    /// 签字: the responsible leader signs a close the office approved, and the measure is closed. Where the plan
    /// names the leader as a person on the roster, only that person may sign; a title (分管领导) lets any leader sign.
    /// </summary>
    public Task<WriteResult> SignCloseAsync(Actor actor, int inspectionId, int number, string? channel, CancellationToken ct) =>
        writer.RunAsync("领导签字销号", actor.StaffId, channel, async (db, token) =>
        {
            if (Permissions.ByRole(actor, Write.SignClose) is { } cannot)
            {
                return WriteResult.Refused(cannot);
            }
            var m = await LoadAsync(db, inspectionId, number, token);
            if (m is null)
            {
                return await NoSuchMeasureAsync(db, inspectionId, number, token);
            }
            var request = m.CloseRequests.FirstOrDefault(r => r.State == RequestState.Reviewed);
            if (request is null)
            {
                return WriteResult.Refused(m.Status == MeasureStatus.Closed ? $"第{number}项已销号。" : $"第{number}项没有待签字的销号申请（需整改办先审核通过）。");
            }
            var named = m.ResponsibleLeader is { Length: > 0 } leader && leader != actor.Name &&
                        await db.Staff.AnyAsync(s => s.Name == leader && ((int)s.Roles & (int)StaffRoles.Leader) != 0, token);
            if (named)
            {
                return WriteResult.Refused($"第{number}项的责任领导是{m.ResponsibleLeader}，请由{m.ResponsibleLeader}签字。");
            }
            var from = m.Status;
            if (m.RefuseMove(MeasureStatus.Closed) is { } refused)
            {
                return WriteResult.Refused(refused);
            }
            request.State = RequestState.Approved;
            request.SignedById = actor.StaffId;
            request.SignedAt = Now;
            m.MoveTo(MeasureStatus.Closed);
            return WriteResult.Done($"{actor.Name}已签字，第{number}项已销号。", new Change("close", number, from.ToChinese(), m.Status.ToChinese(), "签字"));
        }, ct);

    /// <summary>延期申请: the one place its rules are checked (a reason, a later date, one pending request at a time).</summary>
    public Task<WriteResult> RequestExtensionAsync(Actor actor, int inspectionId, int number, DateOnly newDate, string? reason, string? channel, CancellationToken ct) =>
        writer.RunAsync("申请延期", actor.StaffId, channel, async (db, token) =>
        {
            var (m, refusal) = await LoadWritableAsync(db, actor, inspectionId, number, token);
            if (m is null)
            {
                return refusal!;
            }
            reason = InputText.Clean(reason).Trim();
            if (reason.Length == 0)
            {
                return WriteResult.Refused($"申请延期需要写明原因，例如：第{number}项申请延期到{newDate:yyyy年M月d日}，原因是资金未到位。");
            }
            if (m.DueDate is { } due && newDate <= due)
            {
                return WriteResult.Refused($"新的时限{newDate:yyyy-MM-dd}不晚于现在的时限{due:yyyy-MM-dd}，无需延期。");
            }
            if (m.Extensions.Any(x => x.State == RequestState.Pending))
            {
                return WriteResult.Refused($"第{number}项已有待审批的延期申请。");
            }
            m.Extensions.Add(new ExtensionRequest
            {
                RequestedById = actor.StaffId, RequestedAt = Now, PreviousDue = m.DueDate, NewDate = newDate, Reason = reason, State = RequestState.Pending,
            });
            return WriteResult.Done($"已提交第{number}项延期申请：由{m.DueDate:yyyy-MM-dd}延至{newDate:yyyy-MM-dd}，原因：{reason}。待整改办或主要领导审批。",
                new Change("extensionRequest", number, m.DueDate?.ToString("yyyy-MM-dd"), newDate.ToString("yyyy-MM-dd"), reason));
        }, ct);

    public Task<WriteResult> DecideExtensionAsync(Actor actor, int inspectionId, int number, bool approve, string? note, string? channel, CancellationToken ct) =>
        writer.RunAsync(approve ? ApproveExtensionOperation : "不批准延期", actor.StaffId, channel, async (db, token) =>
        {
            if (Permissions.ByRole(actor, Write.DecideExtension) is { } cannot)
            {
                return WriteResult.Refused(cannot);
            }
            var m = await LoadAsync(db, inspectionId, number, token);
            if (m is null)
            {
                return await NoSuchMeasureAsync(db, inspectionId, number, token);
            }
            var request = m.Extensions.Where(x => x.State == RequestState.Pending).MaxBy(x => x.RequestedAt);
            if (request is null)
            {
                return WriteResult.Refused($"第{number}项没有待审批的延期申请。");
            }
            request.DecidedById = actor.StaffId;
            request.DecidedAt = Now;
            request.DecisionNote = note;
            if (!approve)
            {
                request.State = RequestState.Returned;
                return WriteResult.Done($"未批准第{number}项延期，时限仍为{m.DueDate:yyyy-MM-dd}。", new Change("extensionRefused", number));
            }
            request.State = RequestState.Approved;
            var previous = m.DueDate;
            m.SetDeadline(Deadline.On(request.NewDate, $"延期至{request.NewDate:yyyy年M月d日}（原时限{previous:yyyy-MM-dd}）"));
            return WriteResult.Done($"已批准第{number}项延期至{request.NewDate:yyyy-MM-dd}（原时限{previous:yyyy-MM-dd}）。",
                new Change("deadline", number, previous?.ToString("yyyy-MM-dd"), request.NewDate.ToString("yyyy-MM-dd")));
        }, ct);

    /// <summary>
    /// 撤销: undoes the actor's most recent write of the last ten minutes that is still in force. Rows are marked,
    /// never deleted, so the audit trail keeps both the write and its undoing.
    /// </summary>
    public Task<WriteResult> UndoAsync(Actor actor, string? channel, CancellationToken ct) =>
        writer.RunAsync(UndoOperation, actor.StaffId, channel, async (db, token) =>
        {
            var since = Now - UndoWindow;
            var id = actor.StaffId;
            var candidates = new List<(DateTime At, Func<Task<WriteResult>> Undo)>();

            var update = await db.ProgressUpdates.Where(u => u.StaffId == id && u.At >= since && u.UndoneAt == null).OrderByDescending(u => u.At).ThenByDescending(u => u.Id).FirstOrDefaultAsync(token);
            if (update is not null)
            {
                candidates.Add((update.At, async () =>
                {
                    var m = await db.Measures.Include(x => x.Updates).SingleAsync(x => x.Id == update.MeasureId, token);
                    update.UndoneAt = Now;
                    if (update.StatusTo is { } to && update.StatusFrom is { } from && m.Status == to)
                    {
                        m.RevertStatus(from);
                    }
                    m.RecomputeLastUpdate(m.Updates.Where(u => u.UndoneAt == null && u.Id != update.Id).Max(u => (DateOnly?)u.On));
                    return WriteResult.Done($"已撤销第{m.Number}项的进展“{Shorten(update.Text)}”{(update.StatusFrom is { } f && m.Status == f ? $"，状态恢复为“{f.ToChinese()}”" : "")}。",
                        new Change("undo", m.Number, Detail: "update"));
                }));
            }
            var claim = await db.Claims.Where(c => c.StaffId == id && c.ClaimedAt >= since && c.WithdrawnAt == null).OrderByDescending(c => c.ClaimedAt).FirstOrDefaultAsync(token);
            if (claim is not null)
            {
                candidates.Add((claim.ClaimedAt, async () =>
                {
                    claim.WithdrawnAt = Now;
                    var number = await NumberOf(db, claim.MeasureId, token);
                    return WriteResult.Done($"已撤销对第{number}项的认领。", new Change("undo", number, Detail: "claim"));
                }));
            }
            var file = await db.Evidence.Where(e => e.StaffId == id && e.At >= since && e.RemovedAt == null).OrderByDescending(e => e.At).FirstOrDefaultAsync(token);
            if (file is not null)
            {
                candidates.Add((file.At, async () =>
                {
                    file.RemovedAt = Now;
                    var number = await NumberOf(db, file.MeasureId, token);
                    return WriteResult.Done($"已撤销第{number}项的佐证材料“{file.FileName}”。", new Change("undo", number, Detail: "evidence"));
                }));
            }
            var close = await db.CloseRequests.Where(r => r.RequestedById == id && r.RequestedAt >= since && r.State == RequestState.Pending).OrderByDescending(r => r.RequestedAt).FirstOrDefaultAsync(token);
            if (close is not null)
            {
                candidates.Add((close.RequestedAt, async () =>
                {
                    close.State = RequestState.Withdrawn;
                    var number = await NumberOf(db, close.MeasureId, token);
                    return WriteResult.Done($"已撤回第{number}项的销号申请。", new Change("undo", number, Detail: "closeRequest"));
                }));
            }
            var review = await db.CloseRequests.Where(r => r.ReviewedById == id && r.ReviewedAt >= since && (r.State == RequestState.Approved || r.State == RequestState.Returned || r.State == RequestState.Reviewed)).OrderByDescending(r => r.ReviewedAt).FirstOrDefaultAsync(token);
            if (review is not null)
            {
                candidates.Add((review.ReviewedAt!.Value, async () =>
                {
                    var m = await db.Measures.SingleAsync(x => x.Id == review.MeasureId, token);
                    m.RevertStatus(MeasureStatus.Done);
                    review.State = RequestState.Pending;
                    review.ReviewedAt = null;
                    review.ReviewedById = null;
                    review.ReturnReason = null;
                    review.SignedAt = null;
                    review.SignedById = null;
                    return WriteResult.Done($"已撤销对第{m.Number}项销号申请的审核，申请恢复为待审核。", new Change("undo", m.Number, Detail: "review"));
                }));
            }
            var extension = await db.ExtensionRequests.Where(x => x.RequestedById == id && x.RequestedAt >= since && x.State == RequestState.Pending).OrderByDescending(x => x.RequestedAt).FirstOrDefaultAsync(token);
            if (extension is not null)
            {
                candidates.Add((extension.RequestedAt, async () =>
                {
                    extension.State = RequestState.Withdrawn;
                    var number = await NumberOf(db, extension.MeasureId, token);
                    return WriteResult.Done($"已撤回第{number}项的延期申请。", new Change("undo", number, Detail: "extensionRequest"));
                }));
            }
            var transfer = await db.TransferRequests.Where(x => x.RequestedById == id && x.RequestedAt >= since && x.State == RequestState.Pending).OrderByDescending(x => x.RequestedAt).FirstOrDefaultAsync(token);
            if (transfer is not null)
            {
                candidates.Add((transfer.RequestedAt, async () =>
                {
                    transfer.State = RequestState.Withdrawn;
                    var number = await NumberOf(db, transfer.MeasureId, token);
                    return WriteResult.Done($"已撤回第{number}项的转交申请。", new Change("undo", number, Detail: "transferRequest"));
                }));
            }
            var claimDecision = await db.Claims.Where(c => c.DecidedById == id && c.DecidedAt >= since && c.State != ClaimState.Pending)
                .OrderByDescending(c => c.DecidedAt).FirstOrDefaultAsync(token);
            if (claimDecision is not null)
            {
                candidates.Add((claimDecision.DecidedAt!.Value, async () =>
                {
                    // One decision decides every co-claim that waited on the measure; they all wait again.
                    var decided = await db.Claims.Where(c => c.MeasureId == claimDecision.MeasureId && c.DecidedById == id && c.DecidedAt == claimDecision.DecidedAt).ToListAsync(token);
                    foreach (var c in decided)
                    {
                        (c.State, c.DecidedById, c.DecidedAt, c.WithdrawnAt) = (ClaimState.Pending, null, null, null);
                    }
                    var number = await NumberOf(db, claimDecision.MeasureId, token);
                    return WriteResult.Done($"已撤销对第{number}项共同认领的审批，申请恢复为待审批。", new Change("undo", number, Detail: "claimDecision"));
                }));
            }
            var extensionDecision = await db.ExtensionRequests.Where(x => x.DecidedById == id && x.DecidedAt >= since && (x.State == RequestState.Approved || x.State == RequestState.Returned))
                .OrderByDescending(x => x.DecidedAt).FirstOrDefaultAsync(token);
            if (extensionDecision is not null)
            {
                candidates.Add((extensionDecision.DecidedAt!.Value, () => UndoExtensionDecisionAsync(db, extensionDecision, token)));
            }
            if (await LastMoveAsync(db, id, since, token) is { } move)
            {
                candidates.Add((move[0].At, () => UndoMoveAsync(db, move, token)));
            }
            if (candidates.Count == 0)
            {
                return WriteResult.Refused("没有可以撤销的操作：只能撤销自己10分钟内的操作。");
            }
            return await candidates.MaxBy(c => c.At).Undo();
        }, ct);

    /// <summary>An approved extension's deadline goes back to what it was, if nobody has changed it since.</summary>
    private async Task<WriteResult> UndoExtensionDecisionAsync(RectifyDbContext db, ExtensionRequest decided, CancellationToken ct)
    {
        var m = await db.Measures.SingleAsync(x => x.Id == decided.MeasureId, ct);
        var restored = "";
        if (decided.State == RequestState.Approved)
        {
            var before = await db.AuditEntries.Where(a => a.ActorId == decided.DecidedById && a.Operation == ApproveExtensionOperation && a.MeasureId == m.Id && a.EntityType == nameof(Measure) && a.At >= decided.DecidedAt)
                .OrderBy(a => a.Id).Select(a => a.Before).FirstOrDefaultAsync(ct);
            if (m.DueDate != decided.NewDate || before is null)
            {
                return WriteResult.Refused($"第{m.Number}项的时限此后又有调整，无法撤销这次批准。");
            }
            m.SetDeadline(AuditValues.DeadlineBefore(m.Deadline, before));
            restored = $"，时限恢复为{m.DueDate:yyyy-MM-dd}";
        }
        (decided.State, decided.DecidedById, decided.DecidedAt, decided.DecisionNote) = (RequestState.Pending, null, null, null);
        return WriteResult.Done($"已撤销对第{m.Number}项延期申请的审批{restored}，申请恢复为待审批。", new Change("undo", m.Number, Detail: "extensionDecision"));
    }

    // The audit trail's names of the operations 撤销 reads back, one spelling for the write and for its undoing.
    private const string MoveOperation = "调整负责单位", ApproveTransferOperation = "同意转交", RefuseTransferOperation = "不同意转交",
        ApproveExtensionOperation = "批准延期", UndoOperation = "撤销";

    private static readonly string[] MoveOperations = [MoveOperation, ApproveTransferOperation, RefuseTransferOperation];

    private static readonly string[] MoveEntities = [nameof(MeasureUnit), nameof(TransferRequest)];

    /// <summary>
    /// The audit entries (units and 转交 requests) of the actor's last move or 转交 decision in the window, then any made to
    /// the measure's units or requests since; null when all of those since are the actor's own 撤销 of it.
    /// </summary>
    private static async Task<List<AuditEntry>?> LastMoveAsync(RectifyDbContext db, int? actorId, DateTime since, CancellationToken ct)
    {
        var last = await db.AuditEntries.Where(a => a.ActorId == actorId && a.At >= since && MoveOperations.Contains(a.Operation))
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        if (last is null)
        {
            return null;
        }
        var move = await db.AuditEntries.Where(a => a.OperationId == last.OperationId && MoveEntities.Contains(a.EntityType)).OrderBy(a => a.Id).ToListAsync(ct);
        var after = await db.AuditEntries.Where(a => a.MeasureId == last.MeasureId && a.Id > last.Id && MoveEntities.Contains(a.EntityType)).ToListAsync(ct);
        return after.Count > 0 && after.All(a => a.ActorId == actorId && a.Operation == UndoOperation) ? null : [.. move, .. after];
    }

    /// <summary>Puts a move's units back and the 转交 requests it decided back in the queue, if nothing has changed them since.</summary>
    private async Task<WriteResult> UndoMoveAsync(RectifyDbContext db, List<AuditEntry> move, CancellationToken ct)
    {
        var m = await db.Measures.Include(x => x.Units).ThenInclude(u => u.Unit).Include(x => x.Transfers).SingleAsync(x => x.Id == move[0].MeasureId, ct);
        if (move.Any(a => a.OperationId != move[0].OperationId))
        {
            return WriteResult.Refused($"第{m.Number}项的负责单位此后又有调整，无法撤销。");
        }
        var units = move.Where(a => a.EntityType == nameof(MeasureUnit)).ToList();
        var added = units.Where(a => a.Change == "Added").Select(AuditValues.UnitId).ToList();
        var removed = m.Units.Where(u => added.Contains(u.UnitId)).Select(u => u.Unit!).ToList();
        m.Units.RemoveAll(u => added.Contains(u.UnitId));
        // A unit moved from helping to leading may be one row changed rather than one removed and one added.
        foreach (var changed in units.Where(a => a.Change == "Modified"))
        {
            m.Units.Single(u => u.UnitId == AuditValues.UnitId(changed)).Role = AuditValues.Role(changed);
        }
        foreach (var gone in units.Where(a => a.Change == "Deleted"))
        {
            var unit = await db.Units.SingleAsync(u => u.Id == AuditValues.UnitId(gone), ct);
            m.Units.Add(new MeasureUnit { UnitId = unit.Id, Unit = unit, Role = AuditValues.Role(gone) });
        }
        var decided = move.Where(a => a.EntityType == nameof(TransferRequest)).Select(a => int.Parse(a.EntityId)).ToList();
        foreach (var request in m.Transfers.Where(t => decided.Contains(t.Id)))
        {
            (request.State, request.DecidedById, request.DecidedAt, request.DecisionNote) = (RequestState.Pending, null, null, null);
        }
        var waits = decided.Count > 0 ? "，转交申请恢复为待处理" : "";
        var leads = m.Units.Where(u => u.Role == UnitRole.Lead).Select(u => u.Unit!).ToList();
        if (units.Count == 0 || leads.Count == 0)
        {
            return WriteResult.Done(units.Count == 0 ? $"已撤销对第{m.Number}项转交申请的处理{waits}。" : $"已撤销第{m.Number}项的负责单位调整，该项恢复为无牵头单位{waits}。",
                new Change("undo", m.Number, Detail: "transferDecision"));
        }
        // A move back is a move: the units it concerns are told, as they were of the move.
        return WriteResult.Done($"已撤销第{m.Number}项的负责单位调整，恢复由{Names(leads)}牵头{waits}。",
            new Change("transfer", m.Number, Names(removed), Names(leads), string.Join(",", [leads[0].Id, .. removed.Select(u => u.Id)])));
    }

    private DateTime Now => clock.Time.GetUtcNow().UtcDateTime;

    /// <summary>With Workflow:CheckInNeedsEvidence, a periodic measure's update counts for its period only with evidence of that period.</summary>
    private bool NeedsEvidenceForCheckIn(Measure m) =>
        options.Value.CheckInNeedsEvidence && m.OwedPeriodStart is { } start &&
        !m.Evidence.Any(e => e.RemovedAt == null && clock.LocalDate(e.At) > start);

    private static async Task<int> NumberOf(RectifyDbContext db, int measureId, CancellationToken ct) =>
        await db.Measures.Where(m => m.Id == measureId).Select(m => m.Number).SingleAsync(ct);

    /// <summary>File names come from phones and browsers; a longer one is cut, keeping its extension.</summary>
    private const int MaxFileNameLength = 200;

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";

    private static Task<Measure?> LoadAsync(RectifyDbContext db, int inspectionId, int number, CancellationToken ct) =>
        Writable.For(db)(db, inspectionId, number, ct);

    // Compiled (see Compiled): every write loads its measure so. One statement, its collections joined: each holds a
    // few rows, and split it was six statements (six round trips to PostgreSQL), each finding the measure again.
    private static readonly Compiled<Func<RectifyDbContext, int, int, CancellationToken, Task<Measure?>>> Writable =
        new(() => EF.CompileAsyncQuery((RectifyDbContext db, int inspectionId, int number, CancellationToken _) =>
            db.Measures.AsSingleQuery()
                .Include(m => m.Units).Include(m => m.Claims).Include(m => m.Evidence)
                .Include(m => m.CloseRequests).Include(m => m.Extensions)
                .FirstOrDefault(m => m.InspectionId == inspectionId && m.Number == number)));

    /// <summary>The measure, if it exists and <see cref="Permissions.OnMeasure"/> lets the actor write it.</summary>
    private static async Task<(Measure? Measure, WriteResult? Refusal)> LoadWritableAsync(RectifyDbContext db, Actor actor, int inspectionId, int number, CancellationToken ct)
    {
        var m = await LoadAsync(db, inspectionId, number, ct);
        if (m is null)
        {
            return (null, await NoSuchMeasureAsync(db, inspectionId, number, ct));
        }
        return Permissions.OnMeasure(actor, m) is { } refused ? (null, WriteResult.Refused(refused)) : (m, null);
    }

    private static async Task<WriteResult> NoSuchMeasureAsync(RectifyDbContext db, int inspectionId, int number, CancellationToken ct) =>
        WriteResult.Refused(MeasureQueries.NoSuchMeasure(number, await MeasureQueries.NumberRangeAsync(db, inspectionId, ct)));

    private static string LeadNames(Measure m, int exceptUnit) =>
        string.Join("、", m.Units.Where(u => u.Role == UnitRole.Lead && u.UnitId != exceptUnit).Select(u => u.Unit!.Name));

    private static string? Missing(IReadOnlyList<int> numbers, List<Measure> found)
    {
        var missing = numbers.Except(found.Select(m => m.Number)).ToList();
        return missing.Count == 0 ? null : $"没有第{string.Join("、", missing)}项措施，请核对编号。";
    }
}
