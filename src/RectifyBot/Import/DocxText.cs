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
    /// <summary>The document's text, or null when the package has no Word body.</summary>
    public static string? Read(WordprocessingDocument document)
    {
        var body = document.MainDocumentPart?.Document?.Body;
        if (body is null)
        {
            return null;
        }
        var numbering = new NumberingCounter(document.MainDocumentPart!.NumberingDefinitionsPart?.Numbering, document.MainDocumentPart.StyleDefinitionsPart?.Styles);
        // Each paragraph's list number, counted in the document's order, tables' paragraphs among the others.
        var labels = body.Descendants<Paragraph>().ToDictionary(p => p, numbering.Label);
        var output = new StringBuilder();
        // Each table's rows, read once: problems in one table and their measures in another are read as one plan table,
        // where the measures' stands.
        var tables = body.ChildElements.OfType<Table>().Select(t => Rows(t, labels)).ToList();
        var joined = TableLines.JoinedByProblem(tables);
        var table = 0;
        foreach (var element in body.ChildElements)
        {
            switch (element)
            {
                case Paragraph p:
                    output.Append(labels[p]).AppendLine(ParagraphText(p));
                    break;
                case Table:
                    var at = table++;
                    if (joined is not { } j || at != j.Problems)
                    {
                        TableLines.Write(joined is { } k && at == k.Measures ? k.Rows : tables[at], output);
                    }
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

    /// <summary>
    /// A table's rows of cell texts. A cell merged down from the one above (vMerge) holds that cell's text: a 牵头部门 or
    /// 责任领导 merged over a problem's measures is each measure's, as a unit spelled out in every row would be.
    /// </summary>
    private static List<List<string>> Rows(Table table, Dictionary<Paragraph, string> labels)
    {
        var rows = new List<List<string>>();
        // The text of the cell above at each grid column, carried down while cells are merged into it.
        var above = new Dictionary<int, string>();
        foreach (var row in table.Elements<TableRow>())
        {
            var cells = new List<string>();
            var column = 0;
            foreach (var cell in row.Elements<TableCell>())
            {
                var merge = cell.TableCellProperties?.VerticalMerge;
                var text = merge is not null && (merge.Val is null || merge.Val.Value == MergedCellValues.Continue)
                    ? above.GetValueOrDefault(column, "")
                    : CellText(cell, labels);
                above[column] = text;
                cells.Add(text);
                column += cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1;
            }
            rows.Add(cells);
        }
        return rows;
    }

    /// <summary>
    /// A cell's paragraphs, a line each. Two or more in a Word list keep their numbers ("1.修订…", "2.组织…"): a cell's
    /// measures written as a list, one a paragraph. One numbered alone is a 序号 cell's number, which the row's place gives.
    /// </summary>
    private static string CellText(TableCell cell, Dictionary<Paragraph, string> labels)
    {
        var paragraphs = cell.Elements<Paragraph>().ToList();
        var listed = paragraphs.Count(p => labels[p].Length > 0) >= 2;
        return string.Join("\n", paragraphs.Select(p => (listed ? labels[p] : "") + ParagraphText(p)).Where(t => t.Trim().Length > 0)).Trim();
    }

    /// <summary>
    /// Counts Word's automatic list numbers per list and level, as Word displays them: a paragraph's own, or its
    /// style's (headings numbered by Heading 1, Heading 2…), through the styles it is based on.
    /// </summary>
    private sealed class NumberingCounter(Numbering? numbering, Styles? styles)
    {
        private readonly Dictionary<(int Num, int Level), int> counters = [];

        // A style's numbering, found once: most paragraphs name a style, and a document has hundreds of paragraphs.
        private readonly Dictionary<string, NumberingProperties?> styleNumbering = [];

        public string Label(Paragraph paragraph)
        {
            var own = paragraph.ParagraphProperties?.NumberingProperties;
            var style = own?.NumberingId is null ? StyleNumbering(paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value) : null;
            if (numbering is null || (own?.NumberingId?.Val?.Value ?? style?.NumberingId?.Val?.Value) is not int numId || numId == 0)
            {
                return "";
            }
            var level = own?.NumberingLevelReference?.Val?.Value ?? style?.NumberingLevelReference?.Val?.Value ?? 0;
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

        private NumberingProperties? StyleNumbering(string? styleId)
        {
            if (styleId is null || styles is null)
            {
                return null;
            }
            if (styleNumbering.TryGetValue(styleId, out var known))
            {
                return known;
            }
            NumberingProperties? found = null;
            for (var (id, depth) = (styleId, 0); id is not null && depth < 8; depth++)
            {
                var style = styles.Elements<Style>().FirstOrDefault(s => s.StyleId?.Value == id);
                if (style?.StyleParagraphProperties?.NumberingProperties is { NumberingId: not null } numbered)
                {
                    found = numbered;
                    break;
                }
                id = style?.BasedOn?.Val?.Value;
            }
            return styleNumbering[styleId] = found;
        }

        // LibreOffice writes 一、二、 as taiwaneseCountingThousand; Word as chineseCounting.
        private static string Format(int value, string? format) => format switch
        {
            "chineseCounting" or "chineseCountingThousand" or "chineseLegalSimplified" or "ideographTraditional" or "ideographDigital" or "japaneseCounting"
                or "taiwaneseCounting" or "taiwaneseCountingThousand" or "taiwaneseDigital"
                => ChineseNumber.ToChinese(value),
            "decimalEnclosedCircle" or "decimalEnclosedCircleChinese" when value is >= 1 and <= 20 => ((char)('①' + value - 1)).ToString(),
            _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
