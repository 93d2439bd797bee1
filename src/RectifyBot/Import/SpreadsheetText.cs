using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ExcelDataReader;
using RectifyBot.Text;

namespace RectifyBot.Import;

/// <summary>
/// A workbook (.xlsx or .xls) as the text the parser reads: the sheets that hold the task list (those whose header
/// names 整改措施, each under its name when there are several; 任务清单 alone in our own ledger), through <see cref="TableLines"/>.
/// A merged cell's value is copied into every cell it covers, so a problem spanning several measures stays with each.
/// </summary>
internal static partial class SpreadsheetText
{
    // ExcelDataReader decodes with legacy code pages (1252 and others) even for .xlsx.
    static SpreadsheetText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static DocumentText Read(byte[] bytes)
    {
        var sheets = Sheets(bytes);
        var tables = sheets.Where(s => HasMeasures(s.Rows)).ToList();
        // Our own ledger's task list is the whole plan; another workbook may give each aspect a sheet of its own, named
        // for it ("一、教育方针"), read in the workbook's order.
        var own = tables.FirstOrDefault(s => s.Name == Documents.LedgerWorkbook.TaskList);
        // A 台账 whose first sheet gives each problem's status and whose next lists the measures reports on the problems.
        List<(string Name, List<List<string>> Rows)> read = own.Rows is not null ? [own]
            : tables.Count > 0 && !tables.Contains(sheets[0]) && TableLines.IsProblemLedger(sheets[0].Rows) ? [sheets[0]]
            : tables.Count > 0 ? tables
            : [.. sheets.OrderByDescending(s => s.Rows.Count).Take(1)];
        if (read.Count == 0 || read.All(s => s.Rows.Count == 0))
        {
            return DocumentText.Failed("这个表格是空的，没有可读取的内容。");
        }
        var output = new StringBuilder();
        foreach (var sheet in read)
        {
            if (read.Count == 1)
            {
                TableLines.Write(sheet.Rows, output);
                continue;
            }
            var written = new StringBuilder();
            TableLines.Write(sheet.Rows, written);
            var text = written.ToString();
            // The first sheet's own title rows come before its name: the document's title is found there, and what stands
            // before a title is dropped with it ("一、党的领导方面" over "附件" over "…整改任务分解表（党的领导方面）").
            var at = output.Length == 0 ? FirstNumbered(text) : 0;
            output.Append(text[..at]).AppendLine(sheet.Name).Append(text[at..]);
        }
        // The other sheets' prose (a row of one cell, or of a label and its text: "说明：" beside a paragraph), not their
        // tables, but for a summary's 合计 row: what it totals the document states.
        var others = sheets.Where(s => !read.Any(r => r.Name == s.Name)).ToList();
        var about = others
            .SelectMany(s => s.Rows.Select(r => r.Where(c => c.Length > 0).ToList())
                .Where(cells => cells.Count == 1 || (cells is [var label, _] && (label.EndsWith('：') || label.EndsWith(':'))))
                .Select(cells => string.Concat(cells)))
            .Concat(others.Select(s => Totals(s.Rows) ?? TotalsByRow(s.Rows)).OfType<string>())
            .ToList();
        return new DocumentText(output.ToString(), null, about);
    }

    /// <summary>Where the first numbered line of <paramref name="text"/> starts (its end when none is).</summary>
    private static int FirstNumbered(string text)
    {
        for (var at = 0; at < text.Length;)
        {
            var end = text.IndexOf('\n', at);
            var line = end < 0 ? text[at..] : text[at..end];
            if (LineMarker.Read(line.Trim()).Kind != MarkerKind.None)
            {
                return at;
            }
            at = end < 0 ? text.Length : end + 1;
        }
        return text.Length;
    }

    /// <summary>Every sheet's cells as text, merged cells filled.</summary>
    public static List<(string Name, List<List<string>> Rows)> Sheets(byte[] bytes)
    {
        using var reader = ExcelReaderFactory.CreateReader(new MemoryStream(bytes, writable: false));
        var sheets = new List<(string Name, List<List<string>> Rows)>();
        do
        {
            var rows = new List<List<string>>();
            while (reader.Read())
            {
                var row = new List<string>(reader.FieldCount);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Add(Cell(reader.GetValue(i), reader.GetNumberFormatString(i)));
                }
                rows.Add(row);
            }
            foreach (var merged in reader.MergeCells ?? [])
            {
                FillMerged(rows, merged);
            }
            sheets.Add((reader.Name, rows));
        }
        while (reader.NextResult());
        return sheets;
    }

    /// <summary>
    /// A summary table's 合计 row under its count columns ("问题数 | 已完成（含基本完成） | 正在推进 | 长期坚持 | 完成率"), as
    /// the sentence a notice would state it in ("合计：反馈问题13个，已完成9个，…，完成率69.2%"); null when there is none.
    /// </summary>
    private static string? Totals(List<List<string>> rows)
    {
        var header = rows.FindIndex(r => r.Count(c => Counted(c) is not null) >= 2);
        if (header < 0 || rows.Skip(header + 1).FirstOrDefault(r => r.FirstOrDefault(c => c.Length > 0) is "合计" or "总计") is not { } total)
        {
            return null;
        }
        var said = rows[header].Select((name, i) => i < total.Count && Figure().IsMatch(total[i]) && Counted(name) is { } counted ? counted(total[i]) : null)
            .OfType<string>().ToList();
        return said.Count >= 2 ? $"合计：{string.Join("，", said)}" : null;
    }

    /// <summary>
    /// A summary with a row for each status ("完成状态 | 措施数（条） | 占比": "是（已完成） | 14 | 63.6%", …, "合计 | 22 | 100%"),
    /// as the sentence a notice would state it in ("合计：整改措施22项，已完成14个，…，完成率63.6%"); null when there is none.
    /// </summary>
    private static string? TotalsByRow(List<List<string>> rows)
    {
        var header = rows.FindIndex(r => r.Count >= 2 && Counted(r[1]) is { } counted && counted("") is var named && (named.StartsWith("反馈问题") || named.StartsWith("整改措施")));
        if (header < 0)
        {
            return null;
        }
        var said = new List<string>();
        string? total = null;
        string? rate = null;
        foreach (var row in rows.Skip(header + 1))
        {
            if (row.Count < 2 || !Figure().IsMatch(row[1]))
            {
                continue;
            }
            // "是（已完成）": the words in the brackets say it.
            var label = ChineseText.Fold(row[0]) is var folded && folded.IndexOf('(') is > 0 and var open && folded.IndexOf(')', open) is > 0 and var close ? folded[(open + 1)..close] : folded;
            if (label.Replace(" ", "", StringComparison.Ordinal) is "合计" or "总计")
            {
                total = Counted(rows[header][1])!(row[1]);
                continue;
            }
            if (label.Length <= 6 && StatusReportReader.ItemStatus(label) is { } status)
            {
                said.Add($"{label}{row[1]}个");
                rate ??= status == Domain.MeasureStatus.Done && row.Count > 2 && row[2].EndsWith('%') ? row[2] : null;
            }
        }
        if (rate is not null)
        {
            said.Add($"完成率{rate}");
        }
        return total is not null && said.Count > 0 ? $"合计：{total}，{string.Join("，", said)}" : null;
    }

    /// <summary>How a count column's figure is said: 问题数 as 反馈问题N个, a status as itself, 完成率 as it is.</summary>
    private static Func<string, string>? Counted(string header)
    {
        var name = DocumentFacts.Parenthesised().Replace(ChineseText.Fold(header), "").Replace(" ", "", StringComparison.Ordinal);
        return name switch
        {
            "问题数" or "问题总数" or "反馈问题数" => n => $"反馈问题{n}个",
            "措施数" or "整改措施数" => n => $"整改措施{n}项",
            _ when name.EndsWith("完成率", StringComparison.Ordinal) => n => $"完成率{n}",
            _ when name.Length <= 6 && StatusReportReader.ItemStatus(name) is not null => n => $"{name}{n}个",
            _ => null,
        };
    }

    [GeneratedRegex(@"^\d{1,4}(?:\.\d{1,2})?%?$")]
    private static partial Regex Figure();

    private static bool HasMeasures(List<List<string>> rows) =>
        rows.Take(6).Any(r => r.Any(c => c.Replace(" ", "", StringComparison.Ordinal) is "整改措施" or "具体措施" or "整改任务"));

    private static void FillMerged(List<List<string>> rows, CellRange range)
    {
        if (range.FromRow >= rows.Count || range.FromColumn >= rows[range.FromRow].Count)
        {
            return;
        }
        var value = rows[range.FromRow][range.FromColumn];
        for (var r = range.FromRow; r <= Math.Min(range.ToRow, rows.Count - 1); r++)
        {
            // A merged title row across the table stays one cell, so it still reads as a title or an aspect.
            if (range.FromRow == range.ToRow)
            {
                break;
            }
            for (var c = range.FromColumn; c <= Math.Min(range.ToColumn, rows[r].Count - 1); c++)
            {
                rows[r][c] = value;
            }
        }
    }

    /// <summary>A cell as it shows: a share formatted as a percentage (0.8 shown "80%") is written so.</summary>
    private static string Cell(object? value, string? format) => value switch
    {
        null => "",
        double share when format?.Contains('%') == true => Cell(Math.Round(share * 100, 1), null) + "%",
        DateTime d => d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture),
        double n when n == Math.Floor(n) && Math.Abs(n) < 1e9 => ((long)n).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
    };
}
