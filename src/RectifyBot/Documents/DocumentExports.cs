using RectifyBot.Store;

namespace RectifyBot.Documents;

/// <summary>A generated file, ready to save, attach to a chat reply or send as a download, with the ledger it shows.</summary>
public sealed record ExportedFile(string FileName, string ContentType, byte[] Content, LedgerSnapshot Ledger);

/// <summary>The files the office hands upward: 台账 (.xlsx) and 整改情况报告 (.docx), for the CLI, chat and the web.</summary>
public sealed class DocumentExports(LedgerLoader loader, OrganisationClock clock)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The ledger of the given inspection (default: the most recent) as of a day (default: today); null when there is none.</summary>
    public Task<ExportedFile?> LedgerAsync(int? inspectionId, DateOnly? asOf, CancellationToken ct) =>
        ExportAsync(inspectionId, asOf, "巡察整改台账", ".xlsx", XlsxContentType, LedgerWorkbook.Write, ct);

    public Task<ExportedFile?> ReportAsync(int? inspectionId, DateOnly? asOf, CancellationToken ct) =>
        ExportAsync(inspectionId, asOf, "巡察整改情况报告", ".docx", DocxContentType, (ledger, stream) => StatusReportDocument.Write(ledger, stream), ct);

    private async Task<ExportedFile?> ExportAsync(int? inspectionId, DateOnly? asOf, string title, string extension, string contentType,
        Action<LedgerSnapshot, Stream> write, CancellationToken ct)
    {
        var ledger = await loader.LoadAsync(inspectionId, asOf ?? clock.Today, ct);
        if (ledger is null)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        write(ledger, buffer);
        var name = $"{ledger.Inspection.InspectedOrganisation}{title}（截至{ledger.AsOf:yyyy-MM-dd}）{extension}";
        return new ExportedFile(string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c)), contentType, buffer.ToArray(), ledger);
    }
}
