using Microsoft.EntityFrameworkCore;
using RectifyBot.Documents;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Text;

namespace RectifyBot.Import;

/// <summary>A line of 进展情况 that is not yet an update of the measure: it becomes one, dated <paramref name="On"/>.</summary>
public sealed record LedgerUpdate(DateOnly On, string Text);

/// <summary>What an edited ledger changes on one measure; a null pair or an empty list means that part is unchanged.</summary>
public sealed record LedgerEdit(
    int Number,
    MeasureStatus? StatusFrom,
    MeasureStatus? StatusTo,
    IReadOnlyList<LedgerUpdate> NewUpdates,
    IReadOnlyList<string>? LeadFrom,
    IReadOnlyList<string>? LeadTo,
    IReadOnlyList<string>? SupportingFrom,
    IReadOnlyList<string>? SupportingTo,
    string? DeadlineFrom,
    string? DeadlineTo)
{
    internal Deadline? NewDeadline { get; init; }

    /// <summary>The changes as the user reads them, one per line.</summary>
    public IEnumerable<string> Lines()
    {
        if (StatusTo is { } to)
        {
            yield return $"整改状态：{StatusFrom?.ToChinese()} → {to.ToChinese()}";
        }
        foreach (var u in NewUpdates)
        {
            yield return $"新增进展（{LedgerText.Date(u.On)}）：{u.Text}";
        }
        if (LeadTo is not null)
        {
            yield return $"牵头单位：{Names(LeadFrom)} → {Names(LeadTo)}";
        }
        if (SupportingTo is not null)
        {
            yield return $"配合单位：{Names(SupportingFrom)} → {Names(SupportingTo)}";
        }
        if (DeadlineTo is not null)
        {
            yield return $"完成时限：{DeadlineFrom} → {DeadlineTo}";
        }
    }

    private static string Names(IReadOnlyList<string>? names) => names is { Count: > 0 } ? LedgerText.Names(names) : "（无）";
}

/// <summary>
/// The differences between an edited ledger and the store: the edits per measure, notes on what is kept as the store
/// has it, and errors. With any error nothing may be applied.
/// </summary>
public sealed record LedgerDiff(int InspectionId, string InspectionName, IReadOnlyList<LedgerEdit> Edits, IReadOnlyList<string> Notes, IReadOnlyList<string> Errors)
{
    public static LedgerDiff Failed(params string[] errors) => new(0, "", [], [], errors);
}

/// <summary>
/// Re-import of an edited ledger (our own 台账, worked on offline) into the inspection it was exported from: the
/// office sees what changed per measure (status, progress text, units, deadline) and then records it, as audited
/// writes in its own name through <see cref="StoreWriter"/>, all or nothing. Nothing recorded since the ledger was
/// exported is overwritten: new progress text becomes a new update beside the recorded ones, claims stay, and a
/// measure written to after the ledger's 截至 date keeps the status and deadline the store has.
/// </summary>
public sealed partial class LedgerReimport(IDbContextFactory<RectifyDbContext> factory, StoreWriter writer, MeasureWorkflow workflow, OrganisationClock clock)
{
    public const string Operation = "导入台账";

    /// <summary>Whether the store holds a real inspection a ledger could come from (the demo does not count).</summary>
    public async Task<bool> HasInspectionAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Inspections.AnyAsync(i => !i.IsDemo, ct);
    }

    /// <summary>What the ledger would change, without writing anything.</summary>
    public async Task<LedgerDiff> CompareAsync(LedgerFile file, int? inspectionId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await CompareAsync(db, file, inspectionId, ct)).Diff;
    }

    /// <summary>Records the ledger's changes as the actor's writes, in one save; refused whole when anything is wrong.</summary>
    public Task<WriteResult> ApplyAsync(Actor actor, LedgerFile file, int? inspectionId, string? channel, CancellationToken ct) =>
        writer.RunAsync(Operation, actor.StaffId, channel, async (db, token) =>
        {
            if (Permissions.ByRole(actor, Write.ImportLedger) is { } cannot)
            {
                return WriteResult.Refused(cannot);
            }
            var (diff, measures) = await CompareAsync(db, file, inspectionId, token);
            if (diff.Errors.Count > 0)
            {
                return WriteResult.Refused(string.Join("\n", diff.Errors));
            }
            if (diff.Edits.Count == 0)
            {
                return WriteResult.Refused("台账与库中记录一致，没有需要导入的修改。");
            }
            var units = new UnitDirectory(db);
            var changes = new List<Change>();
            foreach (var edit in diff.Edits)
            {
                var m = measures[edit.Number];
                if (Permissions.OnMeasure(actor, m) is { } refused)
                {
                    return WriteResult.Refused(refused);
                }
                if (edit.LeadTo is not null || edit.SupportingTo is not null)
                {
                    await SetUnitsAsync(m, edit, units, token);
                    changes.Add(new Change("units", m.Number, Detail: LedgerText.Names(edit.LeadTo ?? edit.LeadFrom ?? [])));
                }
                if (edit.NewDeadline is { } deadline)
                {
                    m.SetDeadline(deadline);
                    changes.Add(new Change("deadline", m.Number, edit.DeadlineFrom, edit.DeadlineTo));
                }
                var status = edit.StatusTo;
                foreach (var update in edit.NewUpdates)
                {
                    var recorded = workflow.RecordProgress(m, actor, update.Text, status, channel, update.On);
                    if (!recorded.Ok)
                    {
                        return WriteResult.Refused($"第{m.Number}项：{recorded.Message}");
                    }
                    changes.AddRange(recorded.Changes);
                    status = null;
                }
                if (status is { } to && m.Status != to)
                {
                    var from = m.Status;
                    m.MoveTo(to);
                    changes.Add(new Change("status", m.Number, from.ToChinese(), to.ToChinese()));
                }
            }
            return WriteResult.Done($"已按台账更新{diff.Edits.Count}项措施：{string.Join("、", diff.Edits.Select(e => $"第{e.Number}项"))}。", [.. changes]);
        }, ct);

    private async Task<(LedgerDiff Diff, Dictionary<int, Measure> Measures)> CompareAsync(RectifyDbContext db, LedgerFile file, int? inspectionId, CancellationToken ct)
    {
        if (file.AsOf is not { } asOf)
        {
            return (LedgerDiff.Failed("台账标题中没有“截至…”日期，无法判断导出后库中是否有新的记录。请保留导出时的标题行再导入。"), []);
        }
        var errors = new List<string>();
        var rows = new List<(LedgerRow Row, int Number)>();
        foreach (var row in file.Rows)
        {
            if (!int.TryParse(row.NumberCell.Trim('（', '）', '(', ')', ' '), out var number))
            {
                errors.Add($"台账第{row.Row}行的序号“{row.NumberCell}”不是措施编号。");
            }
            else if (rows.Any(r => r.Number == number))
            {
                errors.Add($"台账第{row.Row}行的序号{number}与前面的行重复。");
            }
            else
            {
                rows.Add((row, number));
            }
        }
        if (rows.Count == 0)
        {
            return (LedgerDiff.Failed([.. errors, "台账的任务清单中没有措施。"]), []);
        }

        // The inspection whose measures the ledger's 整改措施 are: most rows must match by number and text.
        var candidates = await db.Measures.AsNoTracking()
            .Where(m => !m.Inspection!.IsDemo && (inspectionId == null || m.InspectionId == inspectionId))
            .Select(m => new { m.InspectionId, m.Number, m.Text }).ToListAsync(ct);
        var best = candidates.GroupBy(m => m.InspectionId)
            .Select(g => (Id: g.Key, Matching: rows.Count(r => g.Any(m => m.Number == r.Number && Same(m.Text, r.Row.Text)))))
            .DefaultIfEmpty().MaxBy(x => x.Matching);
        if (best.Matching * 2 < rows.Count)
        {
            return (LedgerDiff.Failed(inspectionId is { } id
                ? $"这份台账不是巡察编号{id}的台账：{rows.Count}项措施中只有{best.Matching}项与库中一致。未作任何修改。"
                : $"这份台账与库中的巡察对不上：{rows.Count}项措施中最多只有{best.Matching}项与库中一致，可能是另一次巡察的台账。未作任何修改。"), []);
        }
        var inspection = await db.Inspections.AsNoTracking().Include(i => i.Stages).SingleAsync(i => i.Id == best.Id, ct);
        var measures = await db.Measures.AsSplitQuery()
            .Include(m => m.Units).ThenInclude(u => u.Unit).Include(m => m.Claims).ThenInclude(c => c.Unit)
            .Include(m => m.Updates).Include(m => m.Evidence).Include(m => m.CloseRequests).Include(m => m.Extensions)
            .Where(m => m.InspectionId == inspection.Id).ToDictionaryAsync(m => m.Number, ct);
        var range = measures.Count == 0 ? "" : $"（措施编号为{measures.Keys.Min()}—{measures.Keys.Max()}）";
        var deadlines = new DeadlineReader(inspection.FeedbackDate ?? asOf, inspection.ConcentratedStageEnd);
        var directory = new UnitDirectory(db);
        var canonical = new Dictionary<string, string>();
        async Task<List<string>> NamesAsync(string cell)
        {
            var names = new List<string>();
            foreach (var name in LedgerFile.Names(cell))
            {
                if (!canonical.TryGetValue(name, out var known))
                {
                    known = canonical[name] = (await directory.FindAsync(name, ct))?.Name ?? name;
                }
                if (!names.Contains(known))
                {
                    names.Add(known);
                }
            }
            return names;
        }

        var edits = new List<LedgerEdit>();
        var notes = new List<string>();
        var today = clock.Today;
        foreach (var (row, number) in rows.OrderBy(r => r.Number))
        {
            if (!measures.TryGetValue(number, out var m))
            {
                errors.Add($"台账第{row.Row}行是第{number}项，但{inspection.Name}中没有这一项{range}，请核对序号。");
                continue;
            }
            var since = RecordedSince(m, asOf);
            var kept = new List<string>();

            MeasureStatus? statusTo = null;
            var statusCell = Bracketed().Replace(row.Status, "").Trim();
            if (statusCell.Length > 0)
            {
                if (MeasureStatusRules.Parse(statusCell) is not { } status)
                {
                    errors.Add($"第{number}项的整改状态“{row.Status}”无法识别，请填写未启动、推进中、已完成待销号、长期坚持或已销号。");
                }
                else if (status != m.Status && since)
                {
                    kept.Add($"整改状态（{m.Status.ToChinese()}）");
                }
                else if (status == MeasureStatus.Closed && m.Status != MeasureStatus.Closed)
                {
                    errors.Add($"第{number}项在台账中写为“已销号”：销号须经申请和整改办审核，不能由台账直接改。");
                }
                else if (status != m.Status && m.RefuseMove(status) is { } refused)
                {
                    errors.Add(refused);
                }
                else if (status != m.Status)
                {
                    statusTo = status;
                }
            }

            var recorded = m.Updates.Where(u => u.UndoneAt == null).Select(u => u.Text).ToHashSet();
            var updates = new List<LedgerUpdate>();
            foreach (var line in row.Progress.Split('\n'))
            {
                var (on, text) = LedgerFile.ProgressLine(line);
                text = InputText.Clean(text).Trim();
                if (text.Length > 0 && recorded.Add(text))
                {
                    updates.Add(new LedgerUpdate(on is { } d && d <= today ? d : today, text));
                }
            }

            var claimants = m.Claims.Where(Figures.IsActiveClaim).Select(c => c.Unit!.Name).Distinct().ToList();
            var planLeads = m.Units.Where(u => u.Role == UnitRole.Lead).Select(u => u.Unit!.Name).ToList();
            var leadFrom = planLeads.Concat(claimants.Where(c => !planLeads.Contains(c))).ToList();
            var supportingFrom = m.Units.Where(u => u.Role == UnitRole.Supporting && !claimants.Contains(u.Unit!.Name)).Select(u => u.Unit!.Name).ToList();
            List<string>? leadTo = null, supportingTo = null;
            if (row.LeadUnits is { } leadCell)
            {
                var wanted = await NamesAsync(leadCell);
                var dropped = claimants.Where(c => !wanted.Contains(c)).ToList();
                if (dropped.Count > 0)
                {
                    notes.Add($"第{number}项：{LedgerText.Names(dropped)}是认领单位，认领不因台账修改而撤销。");
                }
                wanted.AddRange(dropped);
                leadTo = SameSet(wanted, leadFrom) ? null : wanted;
            }
            if (row.SupportingUnits is { } supportingCell)
            {
                var wanted = (await NamesAsync(supportingCell)).Where(n => !(leadTo ?? leadFrom).Contains(n)).ToList();
                supportingTo = SameSet(wanted, supportingFrom) ? null : wanted;
            }

            Deadline? deadlineTo = null;
            if (row.Deadline is { Length: > 0 } deadlineCell)
            {
                var read = deadlines.Read("", deadlineCell).Deadline;
                if (read.Kind == DeadlineKind.NotStated && !deadlineCell.Contains(DeadlineReader.LedgerUnstated, StringComparison.Ordinal))
                {
                    errors.Add($"第{number}项的完成时限“{deadlineCell}”读不出日期，请写成“2024年6月30日”“每季度”或“长期坚持”。");
                }
                else if (!SameDeadline(read, m) && since)
                {
                    kept.Add($"完成时限（{Describe(m.Deadline, m.DueDate)}）");
                }
                else if (!SameDeadline(read, m))
                {
                    deadlineTo = read;
                }
            }

            if (kept.Count > 0)
            {
                notes.Add($"第{number}项在台账所截至的{LedgerText.Date(asOf)}之后已有新的记录，{string.Join("和", kept)}保留库中的。");
            }
            if (statusTo is not null || updates.Count > 0 || leadTo is not null || supportingTo is not null || deadlineTo is not null)
            {
                edits.Add(new LedgerEdit(number, statusTo is null ? null : m.Status, statusTo, updates,
                    leadTo is null ? null : leadFrom, leadTo, supportingTo is null ? null : supportingFrom, supportingTo,
                    deadlineTo is null ? null : Describe(m.Deadline, m.DueDate), deadlineTo is null ? null : Describe(deadlineTo, deadlineTo.Date))
                {
                    NewDeadline = deadlineTo,
                });
            }
        }
        return (errors.Count > 0
            ? new LedgerDiff(inspection.Id, inspection.Name, [], notes, errors)
            : new LedgerDiff(inspection.Id, inspection.Name, edits, notes, []), measures);
    }

    /// <summary>Whether anyone wrote to the measure after the day the ledger was exported as of.</summary>
    private bool RecordedSince(Measure m, DateOnly asOf)
    {
        bool After(DateTime? at) => at is { } t && clock.LocalDate(t) > asOf;
        return m.Updates.Any(u => After(u.At) || After(u.UndoneAt)) || m.Evidence.Any(e => After(e.At) || After(e.RemovedAt)) ||
               m.Claims.Any(c => After(c.ClaimedAt) || After(c.DecidedAt) || After(c.WithdrawnAt)) ||
               m.CloseRequests.Any(r => After(r.RequestedAt) || After(r.ReviewedAt) || After(r.SignedAt)) ||
               m.Extensions.Any(x => After(x.RequestedAt) || After(x.DecidedAt));
    }

    private static async Task SetUnitsAsync(Measure m, LedgerEdit edit, UnitDirectory directory, CancellationToken ct)
    {
        // Claims are not the plan's units: a claimant listed among the leads keeps holding the measure by its claim.
        var claimants = m.Claims.Where(Figures.IsActiveClaim).Select(c => c.Unit!.Name).ToHashSet();
        var planLeads = m.Units.Where(u => u.Role == UnitRole.Lead).Select(u => u.Unit!.Name).ToList();
        var leads = edit.LeadTo?.Where(n => !claimants.Contains(n) || planLeads.Contains(n)).ToList() ?? planLeads;
        var supporting = edit.SupportingTo ?? m.Units.Where(u => u.Role == UnitRole.Supporting).Select(u => u.Unit!.Name).ToList();
        var wanted = new List<(Unit Unit, UnitRole Role)>();
        foreach (var (name, role) in leads.Select(n => (n, UnitRole.Lead)).Concat(supporting.Where(n => !leads.Contains(n)).Select(n => (n, UnitRole.Supporting))))
        {
            wanted.Add((await directory.GetOrCreateAsync(name, [], ct), role));
        }
        m.Units.RemoveAll(u => !wanted.Any(w => w.Unit == u.Unit && w.Role == u.Role));
        foreach (var (unit, role) in wanted.Where(w => !m.Units.Any(u => u.Unit == w.Unit && u.Role == w.Role)))
        {
            m.Units.Add(new MeasureUnit { Unit = unit, Role = role });
        }
    }

    /// <summary>The ledger writes the date a deadline is due by; a periodic one by its period, whose next date moves with each update.</summary>
    private static bool SameDeadline(Deadline read, Measure m) => read.Kind == m.Deadline.Kind && (read.IsPeriodic
        ? read.Recurrence == m.Deadline.Recurrence
        : read.Date == m.Deadline.Date && (read.Recurrence is null) == (m.Deadline.Recurrence is null));

    private static string Describe(Deadline d, DateOnly? due) => d.Kind switch
    {
        DeadlineKind.Recurring => LedgerText.Period(d.Recurrence),
        DeadlineKind.LongTerm => $"长期坚持（{LedgerText.Period(d.Recurrence)}报告）",
        DeadlineKind.NotStated => $"{LedgerText.Date(due)}（方案未写明）",
        _ when d.Recurrence is not null => $"{LedgerText.Date(d.Date)}前完成，之后长期坚持",
        _ => LedgerText.Date(d.Date),
    };

    private static bool Same(string a, string b) => Fold(a) == Fold(b);

    private static string Fold(string text) => ChineseText.Fold(text).Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Trim();

    private static bool SameSet(IReadOnlyCollection<string> a, IReadOnlyCollection<string> b) => a.Count == b.Count && a.All(b.Contains);

    [System.Text.RegularExpressions.GeneratedRegex(@"[（(][^）)]*[）)]")]
    private static partial System.Text.RegularExpressions.Regex Bracketed();
}
