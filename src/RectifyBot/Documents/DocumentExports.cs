using RectifyBot.Store;

namespace RectifyBot.Documents;

/// <summary>
/// A generated file, ready to save, attach to a chat reply or send as a download, with the ledger it shows, the
/// blanks left in it for the office to fill and what the office should know before sending it.
/// </summary>
public sealed record ExportedFile(string FileName, string ContentType, byte[] Content, LedgerSnapshot Ledger)
{
    public IReadOnlyList<string> Blanks { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// The files the office hands upward: 台账 (.xlsx), 整改情况报告 (.docx), 整改销号审批表 (.docx) and the 一事一档
/// archive (.zip), for the CLI, chat and the web. Each is built from one <see cref="LedgerSnapshot"/>, so they agree.
/// </summary>
public sealed class DocumentExports(LedgerLoader loader, OrganisationClock clock, StatusParagraphComposer composer, IReportPolisher polisher,
    ClosureForms closures, ArchiveWriter archives)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string ZipContentType = "application/zip";

    /// <summary>The ledger of the given inspection (default: the most recent) as of a day (default: today); null when there is none.</summary>
    public async Task<ExportedFile?> LedgerAsync(int? inspectionId, DateOnly? asOf, CancellationToken ct) =>
        await LoadAsync(inspectionId, asOf, ct) is { } ledger ? Ledger(ledger) : null;

    /// <summary>The status report, its section 二 polished by the model where one is configured and its rewrite checks.</summary>
    public async Task<ExportedFile?> ReportAsync(int? inspectionId, DateOnly? asOf, CancellationToken ct, Action<string>? partial = null) =>
        await LoadAsync(inspectionId, asOf, ct) is { } ledger ? await ReportAsync(ledger, ct, partial) : null;

    /// <summary>
    /// 整改销号审批表 of the measures given (all when empty), one page each; null when there is no plan. A number the
    /// plan does not have gives a file with no page: callers check <see cref="ClosureForms.Missing"/> first.
    /// </summary>
    public async Task<ExportedFile?> ClosureAsync(int? inspectionId, IReadOnlyList<int> numbers, DateOnly? asOf, CancellationToken ct)
    {
        if (await LoadAsync(inspectionId, asOf, ct) is not { } ledger)
        {
            return null;
        }
        var measures = numbers.Count == 0 ? ledger.Measures : ledger.Measures.Where(m => numbers.Contains(m.Number)).ToList();
        using var buffer = new MemoryStream();
        closures.Write(ledger, measures, buffer);
        var which = measures.Count == 1 ? $"第{measures[0].Number}项" : numbers.Count == 0 ? "全部" : $"{measures.Count}项";
        return File(ledger, $"整改销号审批表（{which}）", ".docx", DocxContentType, buffer);
    }

    /// <summary>The archive: ledger, report and one folder per measure with its evidence files and review form.</summary>
    public async Task<ExportedFile?> ArchiveAsync(int? inspectionId, DateOnly? asOf, CancellationToken ct)
    {
        if (await LoadAsync(inspectionId, asOf, ct) is not { } ledger)
        {
            return null;
        }
        var ledgerFile = Ledger(ledger);
        var report = await ReportAsync(ledger, ct);
        using var buffer = new MemoryStream();
        await archives.WriteAsync(ledger, ledgerFile, report, buffer, ct);
        return File(ledger, "巡察整改档案", ".zip", ZipContentType, buffer) with { Blanks = report.Blanks, Warnings = report.Warnings };
    }

    private Task<LedgerSnapshot?> LoadAsync(int? inspectionId, DateOnly? asOf, CancellationToken ct) =>
        loader.LoadAsync(inspectionId, asOf ?? clock.Today, ct);

    private static ExportedFile Ledger(LedgerSnapshot ledger)
    {
        using var buffer = new MemoryStream();
        LedgerWorkbook.Write(ledger, buffer);
        return File(ledger, "巡察整改台账", ".xlsx", XlsxContentType, buffer);
    }

    private async Task<ExportedFile> ReportAsync(LedgerSnapshot ledger, CancellationToken ct, Action<string>? partial = null)
    {
        var report = await polisher.PolishAsync(ledger, composer.Compose(ledger), ct, partial);
        using var buffer = new MemoryStream();
        StatusReportDocument.Write(report, buffer);
        return File(ledger, "巡察整改情况报告", ".docx", DocxContentType, buffer) with { Blanks = report.Blanks, Warnings = report.Warnings };
    }

    private static ExportedFile File(LedgerSnapshot ledger, string title, string extension, string contentType, MemoryStream content)
    {
        var name = $"{ledger.Inspection.InspectedOrganisation}{title}（截至{ledger.AsOf:yyyy-MM-dd}）{extension}";
        return new ExportedFile(SafeName(name), contentType, content.ToArray(), ledger);
    }

    /// <summary>A name any file system takes: characters it forbids become _.</summary>
    public static string SafeName(string name) => string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is ':' or '*' or '?' or '"' or '<' or '>' or '|' or '\\' ? '_' : c));
}
