using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;
using RectifyBot.Store;

namespace RectifyBot.Rectification;

/// <summary>A close request awaiting review (or, after the office's approval, a leader's signature), with who asked and how much evidence is in.</summary>
public sealed record PendingClose(int Number, string Text, string? Unit, string? RequestedBy, DateTime RequestedAt, int Evidence, bool AwaitsSignature);

/// <summary>An extension request awaiting a decision: the date it moves from and to, and why.</summary>
public sealed record PendingExtension(int Number, string Text, string? Unit, string? RequestedBy, DateTime RequestedAt, DateOnly? PreviousDue, DateOnly NewDate, string Reason);

/// <summary>A measure whose latest close request was returned, awaiting the unit.</summary>
public sealed record ReturnedClose(int Number, string Text, string? Unit, DateTime? ReturnedAt, string? Reason);

/// <summary>A unit that joined a measure another unit leads (共同认领), for the office to see.</summary>
public sealed record PendingCoClaim(int Number, string Text, string Unit, string? Staff, DateTime ClaimedAt);

/// <summary>A unit's request to give a measure to another unit (转交), with its words.</summary>
public sealed record PendingTransfer(int Number, string Text, string FromUnit, string ToUnit, string? RequestedBy, DateTime RequestedAt, string Said);

/// <summary>What waits on the office, oldest first in each queue.</summary>
public sealed record ReviewQueue(
    IReadOnlyList<PendingClose> Closes, IReadOnlyList<PendingExtension> Extensions, IReadOnlyList<ReturnedClose> Returned, IReadOnlyList<PendingCoClaim> CoClaims,
    IReadOnlyList<PendingTransfer> Transfers)
{
    /// <summary>The badge: items the office (or a leader) must act on. Returned items wait on the unit and are not counted.</summary>
    public int Size => Closes.Count + Extensions.Count + CoClaims.Count + Transfers.Count;
}

/// <summary>The office's review queues, read from the requests and claims recorded.</summary>
public sealed class ReviewQueues(RectifyDbContext db)
{
    /// <summary>How long a co-claim stays in the office's queue: long enough to notice it, not for ever.</summary>
    public static readonly TimeSpan CoClaimNotice = TimeSpan.FromDays(14);

    public async Task<ReviewQueue> LoadAsync(int inspectionId, DateTime now, CancellationToken ct)
    {
        var measures = db.Measures.AsNoTracking().Where(m => m.InspectionId == inspectionId);
        var closes = await db.CloseRequests.AsNoTracking()
            .Where(r => r.State == RequestState.Pending || r.State == RequestState.Reviewed)
            .Join(measures, r => r.MeasureId, m => m.Id, (r, m) => new
            {
                m.Number, m.Text, r.Id, r.RequestedAt, r.State,
                By = r.RequestedBy == null ? null : r.RequestedBy.Name,
                Unit = r.RequestedBy == null || r.RequestedBy.Unit == null ? null : r.RequestedBy.Unit.Name,
                Evidence = db.Evidence.Count(e => e.MeasureId == m.Id && e.RemovedAt == null),
            })
            .OrderBy(x => x.RequestedAt).ThenBy(x => x.Id).ToListAsync(ct);
        var extensions = await db.ExtensionRequests.AsNoTracking()
            .Where(x => x.State == RequestState.Pending)
            .Join(measures, x => x.MeasureId, m => m.Id, (x, m) => new { x, m })
            .OrderBy(p => p.x.RequestedAt).ThenBy(p => p.x.Id)
            .Select(p => new PendingExtension(p.m.Number, p.m.Text,
                p.x.RequestedBy == null || p.x.RequestedBy.Unit == null ? null : p.x.RequestedBy.Unit.Name,
                p.x.RequestedBy == null ? null : p.x.RequestedBy.Name, p.x.RequestedAt, p.x.PreviousDue, p.x.NewDate, p.x.Reason)).ToListAsync(ct);
        // Returned and not asked again since: the latest close request of the measure is the returned one.
        var returned = await db.CloseRequests.AsNoTracking()
            .Where(r => r.State == RequestState.Returned && !db.CloseRequests.Any(later => later.MeasureId == r.MeasureId && later.Id > r.Id))
            .Join(measures, r => r.MeasureId, m => m.Id, (r, m) => new { r, m })
            .OrderBy(p => p.r.ReviewedAt).ThenBy(p => p.r.Id)
            .Select(p => new ReturnedClose(p.m.Number, p.m.Text,
                p.r.RequestedBy == null || p.r.RequestedBy.Unit == null ? null : p.r.RequestedBy.Unit.Name, p.r.ReviewedAt, p.r.ReturnReason)).ToListAsync(ct);
        var since = now - CoClaimNotice;
        var coClaims = await db.Claims.AsNoTracking()
            .Where(c => c.IsCoClaim && c.WithdrawnAt == null && c.ClaimedAt >= since)
            .Join(measures, c => c.MeasureId, m => m.Id, (c, m) => new { c, m })
            .OrderBy(p => p.c.ClaimedAt).ThenBy(p => p.c.Id)
            .Select(p => new PendingCoClaim(p.m.Number, p.m.Text, p.c.Unit!.Name, p.c.Staff == null ? null : p.c.Staff.Name, p.c.ClaimedAt)).ToListAsync(ct);
        var transfers = await db.TransferRequests.AsNoTracking()
            .Where(t => t.State == RequestState.Pending)
            .Join(measures, t => t.MeasureId, m => m.Id, (t, m) => new { t, m })
            .OrderBy(p => p.t.RequestedAt).ThenBy(p => p.t.Id)
            .Select(p => new PendingTransfer(p.m.Number, p.m.Text, p.t.FromUnit!.Name, p.t.ToUnit!.Name,
                p.t.RequestedBy == null ? null : p.t.RequestedBy.Name, p.t.RequestedAt, p.t.Said)).ToListAsync(ct);
        return new ReviewQueue(
            closes.Select(r => new PendingClose(r.Number, r.Text, r.Unit, r.By, r.RequestedAt, r.Evidence, r.State == RequestState.Reviewed)).ToList(),
            extensions, returned, coClaims, transfers);
    }
}
