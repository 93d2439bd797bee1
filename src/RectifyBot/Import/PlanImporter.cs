using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Import;

/// <summary>What an import did, for the summary the user reads.</summary>
public sealed record ImportSummary(
    int InspectionId,
    string Name,
    bool Created,
    bool Unchanged,
    int Aspects,
    int Problems,
    int Findings,
    int Measures,
    int MeasuresAdded,
    int MeasuresUpdated,
    IReadOnlyList<int> MeasuresKept,
    IReadOnlyList<int> WithoutLeadUnit,
    IReadOnlyList<string> UnitsCreated,
    IReadOnlyList<string> Warnings);

/// <summary>The outcome: a summary, or one sentence saying why nothing was stored.</summary>
public sealed record ImportResult(ImportSummary? Summary, string? Error);

/// <summary>
/// Stores a parsed plan as an inspection, in one save (one transaction): all of it or none. The same file
/// again changes nothing; a revised plan (same title and organisation) updates the measures whose text,
/// units or deadline changed and keeps every claim, update and piece of evidence.
/// </summary>
public sealed class PlanImporter(RectifyDbContext db, UnitDirectory units, OrganisationClock clock, Telemetry telemetry)
{
    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public async Task<ImportResult> ImportAsync(ParsedDocument doc, string sourceName, string sha256, int? actorId,
        IProgress<string>? progress, CancellationToken ct)
    {
        using var activity = Telemetry.Source.StartActivity("import");
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var result = await StoreAsync(doc, sourceName, sha256, actorId, progress, ct);
            outcome = result.Error is not null ? "refused" : result.Summary!.Unchanged ? "unchanged" : "stored";
            return result;
        }
        finally
        {
            activity?.SetTag("outcome", outcome);
            telemetry.Imported(Stopwatch.GetElapsedTime(started), outcome);
        }
    }

    private async Task<ImportResult> StoreAsync(ParsedDocument doc, string sourceName, string sha256, int? actorId,
        IProgress<string>? progress, CancellationToken ct)
    {
        if (doc.Kind == DocumentKind.StatusReport)
        {
            return new ImportResult(null, "这是一份整改情况通报，不是整改方案。请导入整改方案（实施方案）。");
        }
        if (doc.Kind != DocumentKind.Plan || !doc.Measures.Any())
        {
            // A meeting's record is not imported, but the figures it gives can be checked against the ledger.
            var refused = doc.Warnings.FirstOrDefault() ?? "没有从文件中读到任何整改措施，未导入。";
            return new ImportResult(null, doc.Stated.Said() is { } said ? $"{refused}文件中提到：{said}。" : refused);
        }
        var same = await db.Inspections.AsNoTracking().Where(i => i.SourceSha256 == sha256).Select(i => new { i.Id, i.Name }).FirstOrDefaultAsync(ct);
        if (same is not null)
        {
            return new ImportResult(Summarise(doc, same.Id, same.Name, created: false, unchanged: true, 0, 0, [], []), null);
        }

        var name = doc.Title ?? Path.GetFileNameWithoutExtension(sourceName);
        db.BeginOperation("导入方案", actorId, summarise: true);
        var inspection = await db.Inspections
            .Include(i => i.Stages).Include(i => i.Aspects).ThenInclude(a => a.Problems).ThenInclude(p => p.Findings)
            .Include(i => i.Measures).ThenInclude(m => m.Units).ThenInclude(u => u.Unit).Include(i => i.Measures).ThenInclude(m => m.Extensions)
            .AsSplitQuery()
            .FirstOrDefaultAsync(i => i.Name == name && i.InspectedOrganisation == doc.InspectedOrganisation, ct);
        var created = inspection is null;
        inspection ??= new Inspection { Name = name, CreatedAt = clock.Time.GetUtcNow().UtcDateTime };
        inspection.InspectingBody = doc.InspectingBody;
        inspection.InspectedOrganisation = doc.InspectedOrganisation;
        inspection.FeedbackDate = doc.FeedbackDate;
        inspection.SourceFileName = Path.GetFileName(sourceName);
        inspection.SourceSha256 = sha256;
        SetStages(inspection, doc);
        if (created)
        {
            db.Inspections.Add(inspection);
        }

        var unitsCreated = new List<string>();
        var unitCache = new Dictionary<string, Unit>();
        async Task<Unit> UnitAsync(string unitName)
        {
            if (!unitCache.TryGetValue(unitName, out var unit))
            {
                if (await units.FindAsync(unitName, ct) is null && !unitsCreated.Contains(unitName))
                {
                    unitsCreated.Add(unitName);
                }
                unit = await units.GetOrCreateAsync(unitName, doc.UnitAliases.GetValueOrDefault(unitName) ?? [], ct);
                unitCache[unitName] = unit;
            }
            return unit;
        }

        int added = 0, updated = 0;
        var warnings = doc.Warnings.ToList();
        var seen = new HashSet<int>();
        foreach (var parsedAspect in doc.Aspects)
        {
            progress?.Report($"写入方面（{parsedAspect.Ordinal}）{parsedAspect.Title}");
            var aspect = Child(inspection.Aspects, a => a.Ordinal == parsedAspect.Ordinal, () => new Aspect { Ordinal = parsedAspect.Ordinal, Title = parsedAspect.Title });
            aspect.Title = parsedAspect.Title;
            foreach (var parsedProblem in parsedAspect.Problems)
            {
                var problem = Child(aspect.Problems, p => p.Ordinal == parsedProblem.Ordinal, () => new Problem { Ordinal = parsedProblem.Ordinal, Title = parsedProblem.Title });
                problem.Title = parsedProblem.Title;
                foreach (var parsedFinding in parsedProblem.Findings)
                {
                    var finding = Child(problem.Findings, f => f.Ordinal == parsedFinding.Ordinal, () => new Finding { Ordinal = parsedFinding.Ordinal, Title = parsedFinding.Title });
                    finding.Title = parsedFinding.Title;
                    finding.Text = parsedFinding.Text;
                    foreach (var pm in parsedFinding.Measures)
                    {
                        if (!seen.Add(pm.Number))
                        {
                            warnings.Add($"措施编号{pm.Number}重复出现，只导入了第一次出现的内容。");
                            continue;
                        }
                        var measure = inspection.Measures.FirstOrDefault(m => m.Number == pm.Number);
                        if (measure is null)
                        {
                            measure = new Measure { Number = pm.Number, Text = pm.Text, Inspection = inspection };
                            inspection.Measures.Add(measure);
                            finding.Measures.Add(measure);
                            added++;
                        }
                        else if (Differs(measure, pm, finding))
                        {
                            updated++;
                        }
                        else
                        {
                            continue;
                        }
                        measure.Text = pm.Text;
                        measure.ResponsibleLeader = pm.ResponsibleLeader;
                        measure.Milestones = pm.Milestones.ToList();
                        if (finding.Id == 0 || measure.FindingId != finding.Id)
                        {
                            measure.Finding = finding;
                        }
                        if (measure.Extensions.Any(x => x.State == RequestState.Approved))
                        {
                            warnings.Add($"第{pm.Number}项已批准延期，保留延期后的时限。");
                        }
                        else
                        {
                            measure.SetDeadline(pm.Deadline);
                        }
                        await SetUnitsAsync(measure, pm, UnitAsync);
                    }
                }
            }
        }
        var kept = inspection.Measures.Where(m => !seen.Contains(m.Number)).Select(m => m.Number).Order().ToList();
        if (kept.Count > 0)
        {
            warnings.Add($"新版方案中没有第{string.Join("、", kept)}项，原有记录已保留。");
        }
        // The demo never lives beside a real plan: it goes in this same save, all or nothing with the import.
        if (await DemoData.RemoveAsync(db, unitCache.Values, ct) is { } removed)
        {
            warnings.Add(removed);
        }
        await db.SaveChangesAsync(ct);
        return new ImportResult(Summarise(doc, inspection.Id, inspection.Name, created, unchanged: false, added, updated, kept, unitsCreated, warnings), null);
    }

    private static ImportSummary Summarise(ParsedDocument doc, int id, string name, bool created, bool unchanged, int added, int updated,
        IReadOnlyList<int> kept, IReadOnlyList<string> unitsCreated, IReadOnlyList<string>? warnings = null) => new(
        id, name, created, unchanged,
        doc.Aspects.Count, doc.Problems.Count(), doc.Findings.Count(), doc.Measures.Count(), added, updated, kept,
        doc.Measures.Where(m => m.LeadUnits.Count == 0).Select(m => m.Number).ToList(),
        unitsCreated, warnings ?? doc.Warnings);

    private static bool Differs(Measure m, ParsedMeasure p, Finding finding) =>
        m.Text != p.Text || m.ResponsibleLeader != p.ResponsibleLeader || m.Deadline != p.Deadline ||
        !m.Milestones.SequenceEqual(p.Milestones) || m.FindingId != finding.Id ||
        !m.Units.Where(u => u.Role == UnitRole.Lead).Select(u => u.Unit?.Name).Order().SequenceEqual(p.LeadUnits.Order()) ||
        !m.Units.Where(u => u.Role == UnitRole.Supporting).Select(u => u.Unit?.Name).Order().SequenceEqual(p.SupportingUnits.Order());

    private static async Task SetUnitsAsync(Measure measure, ParsedMeasure parsed, Func<string, Task<Unit>> unitOf)
    {
        var wanted = new List<(Unit Unit, UnitRole Role)>();
        foreach (var lead in parsed.LeadUnits)
        {
            wanted.Add((await unitOf(lead), UnitRole.Lead));
        }
        foreach (var supporting in parsed.SupportingUnits)
        {
            var unit = await unitOf(supporting);
            if (wanted.All(w => w.Unit != unit))
            {
                wanted.Add((unit, UnitRole.Supporting));
            }
        }
        measure.Units.RemoveAll(u => !wanted.Any(w => w.Unit == u.Unit && w.Role == u.Role));
        foreach (var (unit, role) in wanted.Where(w => !measure.Units.Any(u => u.Unit == w.Unit && u.Role == w.Role)))
        {
            measure.Units.Add(new MeasureUnit { Unit = unit, Role = role });
        }
    }

    private static void SetStages(Inspection inspection, ParsedDocument doc)
    {
        var concentratedEnd = DocumentFacts.ConcentratedStageEnd(doc.Stages);
        var concentratedMarked = false;
        inspection.Stages.Clear();
        foreach (var (stage, i) in doc.Stages.Select((s, i) => (s, i)))
        {
            var isConcentrated = !concentratedMarked && stage.End is not null && stage.End == concentratedEnd;
            concentratedMarked |= isConcentrated;
            inspection.Stages.Add(new Stage { Ordinal = i + 1, Name = stage.Name, Start = stage.Start, End = stage.End, IsConcentrated = isConcentrated });
        }
    }

    private static T Child<T>(List<T> children, Func<T, bool> match, Func<T> create)
    {
        var child = children.FirstOrDefault(match);
        if (child is null)
        {
            child = create();
            children.Add(child);
        }
        return child;
    }
}
