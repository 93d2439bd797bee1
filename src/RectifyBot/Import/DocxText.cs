using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RectifyBot.Text;

namespace RectifyBot.Import;

/// <summary>
/// A Word document as the lines the text parser reads. Automatic numbering is written out ("（一）", "1.")
/// because plans rely on it for their structure. A table with 问题/整改措施 columns becomes the same shape
/// a text plan has: a "1." line per problem, a "（n）" line per measure, and 责任领导/责任单位/完成时限
/// lines after the row's measures.
/// </summary>
internal static class DocxText
{
    public static string Read(WordprocessingDocument document)
    {
        var body = document.MainDocumentPart?.Document?.Body;
        if (body is null)
        {
            return "";
        }
        var numbering = new NumberingCounter(document.MainDocumentPart!.NumberingDefinitionsPart?.Numbering);
        var output = new StringBuilder();
        foreach (var element in body.ChildElements)
        {
            switch (element)
            {
                case Paragraph p:
                    output.Append(numbering.Label(p)).AppendLine(ParagraphText(p));
                    break;
                case Table t:
                    TableLines.Write(t, output);
                    break;
            }
        }
        return output.ToString();
    }

    internal static string ParagraphText(Paragraph paragraph)
    {
        var sb = new StringBuilder();
        foreach (var e in paragraph.Descendants())
        {
            switch (e)
            {
                case DocumentFormat.OpenXml.Wordprocessing.Text t: sb.Append(t.Text); break;
                case TabChar: sb.Append(' '); break;
                case Break or CarriageReturn: sb.Append('\n'); break;
            }
        }
        return sb.ToString();
    }

    internal static string CellText(TableCell cell) =>
        string.Join("\n", cell.Elements<Paragraph>().Select(ParagraphText).Where(t => t.Trim().Length > 0)).Trim();

    /// <summary>Counts Word's automatic list numbers per list and level, as Word displays them.</summary>
    private sealed class NumberingCounter(Numbering? numbering)
    {
        private readonly Dictionary<(int Num, int Level), int> counters = [];

        public string Label(Paragraph paragraph)
        {
            var props = paragraph.ParagraphProperties?.NumberingProperties;
            if (numbering is null || props?.NumberingId?.Val?.Value is not int numId || numId == 0)
            {
                return "";
            }
            var level = props.NumberingLevelReference?.Val?.Value ?? 0;
            var abstractId = numbering.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numId)?.AbstractNumId?.Val?.Value;
            var levels = numbering.Elements<AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId)?.Elements<Level>().ToList();
            var definition = levels?.FirstOrDefault(l => l.LevelIndex?.Value == level);
            if (levels is null || definition is null)
            {
                return "";
            }
            var start = definition.StartNumberingValue?.Val?.Value ?? 1;
            counters[(numId, level)] = counters.TryGetValue((numId, level), out var n) ? n + 1 : start;
            foreach (var deeper in counters.Keys.Where(k => k.Num == numId && k.Level > level).ToList())
            {
                counters.Remove(deeper);
            }
            var text = definition.LevelText?.Val?.Value ?? "";
            for (var i = 0; i <= level; i++)
            {
                var format = levels.FirstOrDefault(l => l.LevelIndex?.Value == i)?.NumberingFormat?.Val?.InnerText;
                var value = counters.TryGetValue((numId, i), out var c) ? c : 1;
                text = text.Replace($"%{i + 1}", Format(value, format), StringComparison.Ordinal);
            }
            return text;
        }

        private static string Format(int value, string? format) => format switch
        {
            "chineseCounting" or "chineseCountingThousand" or "chineseLegalSimplified" or "ideographTraditional" or "japaneseCounting" or "taiwaneseCounting"
                => ChineseNumber.ToChinese(value),
            "decimalEnclosedCircle" or "decimalEnclosedCircleChinese" when value is >= 1 and <= 20 => ((char)('①' + value - 1)).ToString(),
            _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>Writes a plan table (序号/问题/整改措施/责任领导/责任单位/完成时限) as plan text; any other table row by row.</summary>
internal static class TableLines
{
    private enum Column { Problem, Measure, Leader, Unit, Supporting, Deadline }

    public static void Write(Table table, StringBuilder output)
    {
        var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(DocxText.CellText).ToList()).ToList();
        var headerIndex = rows.FindIndex(r => r.Any(c => ChineseText.Fold(c).Contains("措施", StringComparison.Ordinal)));
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
            Column? column = h switch
            {
                _ when h.Contains("措施", StringComparison.Ordinal) => Column.Measure,
                _ when h.Contains("领导", StringComparison.Ordinal) => Column.Leader,
                _ when h.Contains("配合", StringComparison.Ordinal) || h.Contains("协助", StringComparison.Ordinal) => Column.Supporting,
                _ when h.Contains("单位", StringComparison.Ordinal) || h.Contains("科室", StringComparison.Ordinal) || h.Contains("部门", StringComparison.Ordinal) => Column.Unit,
                _ when h.Contains("时限", StringComparison.Ordinal) || h.Contains("时间", StringComparison.Ordinal) || h.Contains("期限", StringComparison.Ordinal) => Column.Deadline,
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
