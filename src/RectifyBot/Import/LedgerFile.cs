using System.Globalization;
using System.Text.RegularExpressions;
using RectifyBot.Documents;

namespace RectifyBot.Import;

/// <summary>One row of 任务清单 as the office left it: the Excel row number (for messages) and the cells re-import reads.</summary>
public sealed record LedgerRow(int Row, string NumberCell, string Text, string? LeadUnits, string? SupportingUnits,
    string? Deadline, string Status, string Progress);

/// <summary>
/// Our own ledger (<see cref="LedgerWorkbook"/>), or an edited copy of it, read back for re-import: the 任务清单
/// sheet by its column names (in any order, so a column moved or removed by hand is still found), and the date it
/// was exported as of, from the title "…整改台账·任务清单（截至2023年11月21日）".
/// </summary>
public sealed partial record LedgerFile(DateOnly? AsOf, IReadOnlyList<LedgerRow> Rows)
{
    /// <summary>
    /// The ledger in a workbook, or null when the file is not one of ours (another task list, a plan, a damaged
    /// file): those go the plan importer's way, which says what is wrong with them.
    /// </summary>
    public static async Task<LedgerFile?> ReadAsync(string path, ImportOptions options, CancellationToken ct)
    {
        if (Path.GetExtension(path).ToLowerInvariant() is not (".xlsx" or ".xls") || !File.Exists(path))
        {
            return null;
        }
        var bytes = await File.ReadAllBytesAsync(path, ct);
        if (PackageLimits.Check(bytes, options) is not null && Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        List<(string Name, List<List<string>> Rows)> sheets;
        try
        {
            sheets = SpreadsheetText.Sheets(bytes);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            return null;
        }
        return sheets.Where(s => s.Name == LedgerWorkbook.TaskList).Select(s => Read(s.Rows)).FirstOrDefault(l => l is not null);
    }

    private static LedgerFile? Read(List<List<string>> rows)
    {
        var headerAt = rows.Take(6).ToList().FindIndex(HasOurColumns);
        if (headerAt < 0 || !rows.Take(headerAt).Any(r => r.Any(c => c.Contains("整改台账", StringComparison.Ordinal))))
        {
            return null;
        }
        var header = rows[headerAt];
        string? Cell(List<string> row, string name) => header.IndexOf(name) is var i and >= 0 && i < row.Count ? row[i].Trim() : null;
        var asOf = rows.Take(headerAt).SelectMany(r => r).Select(c => AsOfDate().Match(c)).FirstOrDefault(m => m.Success) is { } m
            && DateOnly.TryParseExact($"{m.Groups[1].Value}-{m.Groups[2].Value}-{m.Groups[3].Value}", "yyyy-M-d", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : (DateOnly?)null;
        var read = new List<LedgerRow>();
        for (var r = headerAt + 1; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.All(c => c.Trim().Length == 0))
            {
                continue;
            }
            read.Add(new LedgerRow(r + 1, Cell(row, "序号")!, Cell(row, "整改措施")!, Cell(row, "牵头单位"), Cell(row, "配合单位"),
                Cell(row, "完成时限"), Cell(row, "整改状态")!, Cell(row, "进展情况")!));
        }
        return new LedgerFile(asOf, read);
    }

    /// <summary>The columns without which a ledger cannot say what changed.</summary>
    private static readonly string[] Required = ["序号", "整改措施", "整改状态", "进展情况"];

    /// <summary>Whether a header row names our ledger's columns: the plan with its progress, not a report on it.</summary>
    public static bool HasOurColumns(IReadOnlyList<string> header) => Required.All(header.Contains);

    /// <summary>Unit names as the ledger lists them: "社会事务科、办公室".</summary>
    public static IReadOnlyList<string> Names(string cell) =>
        cell.Split(['、', '，', ',', '；', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// A line of 进展情况: "2023年11月5日 李娜：已完成摸底" as the ledger writes an update, or a bare sentence the
    /// office typed. The date, when written, is the day the work was reported.
    /// </summary>
    public static (DateOnly? On, string Text) ProgressLine(string line)
    {
        var m = UpdateLine().Match(line.Trim());
        if (!m.Success)
        {
            return (null, line.Trim());
        }
        var written = DateOnly.TryParseExact($"{m.Groups["y"].Value}-{m.Groups["m"].Value}-{m.Groups["d"].Value}", "yyyy-M-d",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        return (written ? date : null, m.Groups["text"].Value.Trim());
    }

    [GeneratedRegex(@"截至(\d{4})年(\d{1,2})月(\d{1,2})日")]
    private static partial Regex AsOfDate();

    [GeneratedRegex(@"^(?<y>\d{4})年(?<m>\d{1,2})月(?<d>\d{1,2})日(?:\s*[^：:\s]{1,12})?\s*[：:]\s*(?<text>.+)$", RegexOptions.Singleline)]
    private static partial Regex UpdateLine();
}
