using System.Text;
using DocumentFormat.OpenXml.Wordprocessing;
using RectifyBot.Text;

namespace RectifyBot.Import;

/// <summary>
/// Writes a Word table as the text the parser reads. A plan table (序号/问题/整改措施/责任领导/责任单位/完成时限)
/// becomes a "1." line per problem, a "（n）" line per measure and field lines after each row's measures; a
/// report table (问题/整改情况/完成情况) a "1." line per problem and a "整改情况（状态）：…" line. Any other
/// table is written row by row.
/// </summary>
internal static class TableLines
{
    private enum Column { Problem, Measure, Leader, Unit, Supporting, Deadline, Progress, Status }

    public static void Write(Table table, StringBuilder output)
    {
        var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(DocxText.CellText).ToList()).ToList();
        var headerIndex = rows.FindIndex(r => Columns(r) is var c && (c.ContainsKey(Column.Measure) || c.ContainsKey(Column.Progress)));
        if (headerIndex < 0)
        {
            foreach (var row in rows)
            {
                output.AppendLine(string.Join("  ", row.Where(c => c.Length > 0)));
            }
            return;
        }
        var columns = Columns(rows[headerIndex]);
        string? problem = null;
        var problemCount = 0;
        var measureCount = 0;
        foreach (var row in rows.Skip(headerIndex + 1))
        {
            if (row.Count(c => c.Length > 0) == 1 && row.Count < columns.Count)
            {
                // A merged row across the table names an aspect: "一、党的政治建设" → "（一）党的政治建设".
                var heading = LineMarker.Read(row.First(c => c.Length > 0));
                output.AppendLine(heading.Kind == MarkerKind.Section ? $"（{ChineseNumber.ToChinese(heading.Ordinal)}）{heading.Rest}" : heading.Rest);
                continue;
            }
            string Cell(Column column) => columns.TryGetValue(column, out var i) && i < row.Count ? row[i] : "";
            var problemText = Cell(Column.Problem);
            if (problemText.Length > 0 && problemText != problem)
            {
                problem = problemText;
                output.AppendLine($"{++problemCount}.{LineMarker.Read(problemText).Rest.Replace('\n', ' ')}");
            }
            if (!columns.ContainsKey(Column.Measure))
            {
                var status = Cell(Column.Status);
                output.AppendLine($"整改情况{(status.Length > 0 ? $"（{status}）" : "")}：{Cell(Column.Progress).Replace('\n', ' ')}");
                continue;
            }
            foreach (var measure in Measures(Cell(Column.Measure)))
            {
                output.AppendLine($"（{++measureCount}）{measure}");
            }
            WriteField(output, "责任领导", Cell(Column.Leader));
            WriteField(output, "责任单位", Cell(Column.Unit));
            WriteField(output, "配合单位", Cell(Column.Supporting));
            WriteField(output, "完成时限", Cell(Column.Deadline));
        }
    }

    private static void WriteField(StringBuilder output, string label, string value)
    {
        if (value.Length > 0)
        {
            output.AppendLine($"{label}：{value.Replace('\n', '、')}");
        }
    }

    /// <summary>A measures cell holds one measure, or several as "1.…" lines.</summary>
    private static IEnumerable<string> Measures(string cell)
    {
        var lines = cell.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length > 1 && lines.All(l => LineMarker.Read(ChineseText.Fold(l)).Kind != MarkerKind.None))
        {
            return lines.Select(l => LineMarker.Read(ChineseText.Fold(l)).Rest);
        }
        return cell.Length > 0 ? [cell.Replace('\n', ' ')] : [];
    }

    private static Dictionary<Column, int> Columns(List<string> header)
    {
        var map = new Dictionary<Column, int>();
        for (var i = 0; i < header.Count; i++)
        {
            var h = ChineseText.Fold(header[i]).Replace(" ", "", StringComparison.Ordinal);
            if (h.Length is 0 or > 12)
            {
                continue;
            }
            Column? column = h switch
            {
                _ when h.Contains("措施", StringComparison.Ordinal) => Column.Measure,
                _ when h.Contains("领导", StringComparison.Ordinal) => Column.Leader,
                _ when h.Contains("配合", StringComparison.Ordinal) || h.Contains("协助", StringComparison.Ordinal) => Column.Supporting,
                _ when h.Contains("单位", StringComparison.Ordinal) || h.Contains("科室", StringComparison.Ordinal) || h.Contains("部门", StringComparison.Ordinal) => Column.Unit,
                _ when h.Contains("时限", StringComparison.Ordinal) || h.Contains("时间", StringComparison.Ordinal) || h.Contains("期限", StringComparison.Ordinal) => Column.Deadline,
                _ when h.Contains("完成情况", StringComparison.Ordinal) || h.Contains("状态", StringComparison.Ordinal) || h.Contains("是否完成", StringComparison.Ordinal) => Column.Status,
                _ when h.Contains("情况", StringComparison.Ordinal) || h.Contains("进展", StringComparison.Ordinal) => Column.Progress,
                _ when h.Contains("问题", StringComparison.Ordinal) => Column.Problem,
                _ => null,
            };
            if (column is { } c)
            {
                map.TryAdd(c, i);
            }
        }
        return map;
    }
}
