using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Documents;

/// <summary>
/// 一事一档: the archive an office keeps for the inspection office's check. The ledger and the report at the top,
/// then one folder per measure, named by its number and short action, holding its evidence files under their
/// original names and its 整改销号审批表, and 目录.txt listing every file with its SHA-256.
/// </summary>
public sealed class ArchiveWriter(RectifyDbContext db, EvidenceStore evidence, ClosureForms forms)
{
    public const string MeasuresFolder = "措施档案";
    public const string IndexName = "目录.txt";
    public const string FormName = ClosureForms.Title + ".docx";

    /// <summary>How much of a measure's action its folder name keeps; file systems and unzip tools cope with that.</summary>
    private const int FolderAction = 20;

    public async Task WriteAsync(LedgerSnapshot ledger, ExportedFile ledgerFile, ExportedFile report, Stream output, CancellationToken ct)
    {
        var ids = ledger.Measures.SelectMany(m => m.Evidence.Select(e => e.Id)).ToList();
        var stored = await db.Evidence.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.StoredPath, ct);
        var index = new StringBuilder()
            .AppendLine($"{ledger.Inspection.Name}")
            .AppendLine($"档案截至{LedgerText.Date(ledger.AsOf)}，共{ledger.Measures.Count}项措施。")
            .AppendLine()
            .AppendLine(ledgerFile.FileName)
            .AppendLine(report.FileName);

        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            await AddAsync(zip, ledgerFile.FileName, ledgerFile.Content, ct);
            await AddAsync(zip, report.FileName, report.Content, ct);
            foreach (var m in ledger.Measures)
            {
                ct.ThrowIfCancellationRequested();
                var folder = $"{MeasuresFolder}/{Folder(m)}";
                index.AppendLine().AppendLine($"{folder}/");
                using (var form = new MemoryStream())
                {
                    forms.Write(ledger, [m], form);
                    await AddAsync(zip, $"{folder}/{FormName}", form.ToArray(), ct);
                }
                index.AppendLine($"  {FormName}");
                var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { FormName };
                foreach (var e in m.Evidence)
                {
                    var name = Unique(names, DocumentExports.SafeName(e.FileName));
                    var path = stored.TryGetValue(e.Id, out var relative) ? evidence.FullPath(relative) : null;
                    if (path is null || !File.Exists(path))
                    {
                        index.AppendLine($"  {name}（文件缺失，SHA-256 {e.Sha256}）");
                        continue;
                    }
                    var entry = zip.CreateEntry($"{folder}/{name}", CompressionLevel.Optimal);
                    await using (var target = entry.Open())
                    await using (var source = File.OpenRead(path))
                    {
                        await source.CopyToAsync(target, ct);
                    }
                    index.AppendLine($"  {name}（{e.Staff ?? "未记录上传人"}，SHA-256 {e.Sha256}）");
                }
            }
            await AddAsync(zip, IndexName, Encoding.UTF8.GetBytes(index.ToString()), ct);
        }
    }

    /// <summary>"051 对县殡葬服务中心收费情况开展专项检查": sorted by number in any file manager.</summary>
    public static string Folder(LedgerMeasure m)
    {
        var action = ReportWording.Action(m.Summary.Text).Replace("……", "");
        if (action.Length > FolderAction)
        {
            // At the last clause that fits, else where the limit falls.
            var comma = action.LastIndexOf('，', FolderAction);
            action = comma > 0 ? action[..comma] : action[..FolderAction];
        }
        return DocumentExports.SafeName($"{m.Number:000} {action}".Replace('/', '_').TrimEnd('，', ' ', '.'));
    }

    /// <summary>Two files of one measure with the same name keep both: the second is "name（2）.ext".</summary>
    private static string Unique(HashSet<string> taken, string name)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = $"{Path.GetFileNameWithoutExtension(name)}（{i}）{Path.GetExtension(name)}";
        }
        return candidate;
    }

    private static async Task AddAsync(ZipArchive zip, string name, byte[] content, CancellationToken ct)
    {
        await using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        await stream.WriteAsync(content, ct);
    }
}
