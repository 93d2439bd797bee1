using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Wordprocessing;
using RectifyBot.Domain;
using RectifyBot.Text;

namespace RectifyBot.Import;

/// <summary>
/// Writes a table (a Word table, a spreadsheet, or one flattened to tab-separated text) as the text the parser
/// reads. The header row is found wherever it is among the first rows and columns are recognised by name in any
/// order. A plan table (序号/问题/整改措施/责任领导/牵头单位/配合单位/完成时限) becomes a "1." line per problem, a
/// "（n）" line per measure and field lines after each row's measures; a report table (问题/整改情况 or 完成情况
/// holding status words) a "1." line per problem and a "整改情况（状态）：…" line. An empty problem cell continues
/// the problem above (a merged cell). Any other table is written row by row.
/// </summary>
internal static partial class TableLines
{
    private enum Column { Number, Aspect, Problem, Measure, Leader, LeaderAndUnit, Lead, LeadAndSupporting, Unit, Supporting, Deadline, Progress, Status, Completion }

    /// <summary>How far down a title row or two may push the header.</summary>
    private const int HeaderSearchRows = 6;

    /// <param name="legend">The marks the text around the table gives statuses; by default, read from the table's own rows.</param>
    public static void Write(IReadOnlyList<List<string>> rows, StringBuilder output, IReadOnlyList<(string Mark, string Word)>? legend = null)
    {
        if (WriteResponsibilityList(rows, output) || WriteForm(rows, output))
        {
            return;
        }
        var headerIndex = HeaderRow(rows);
        if (headerIndex < 0)
        {
            foreach (var row in rows)
            {
                output.AppendLine(string.Join("  ", row.Where(c => c.Length > 0)));
            }
            return;
        }
        // Title rows above the header ("XX局巡察整改台账") are the document's title.
        foreach (var row in rows.Take(headerIndex))
        {
            output.AppendLine(string.Join(" ", row.Where(c => c.Length > 0)));
        }
        var (header, headerRows, columns, body) = Parts(rows, headerIndex, legend);
        var marks = headerRows == 2 ? MarkColumns(rows[headerIndex + 1]) : [];
        // 备注, read only for a status it opens with ("正在推进，预计8月底前完成").
        var note = header.FindIndex(h => h.Trim() == "备注");
        var report = IsReport(header, columns, body);
        // A 序号 column that numbers its outline's rows too: "(1)" beside measures, or "一" beside a row with no fields above
        // measures numbered "1", "2" (the row's words in the measures' column).
        var outlined = !report && columns.TryGetValue(Column.Number, out var numbers)
            && (body.Any(r => numbers < r.Count && ParenNumber().IsMatch(ChineseText.Fold(r[numbers]).Trim()))
                || (body.Any(r => numbers < r.Count && r[numbers].Trim() is { Length: > 0 } n && n.All(c => "一二三四五六七八九十".Contains(c))
                        && FieldColumns.All(c => !columns.TryGetValue(c, out var at) || at >= r.Count || r[at].Length == 0))
                    && body.Any(r => numbers < r.Count && r[numbers].Trim() is { Length: > 0 } d && d.All(char.IsAsciiDigit))));
        // "序号 | 对应问题 | 整改措施 | …" with a number on every row and a problem merged over its measures: the numbers are the
        // measures', and the report's items, the problems, are numbered in turn.
        var rowNumbers = report && columns.TryGetValue(Column.Number, out var number) && columns.TryGetValue(Column.Problem, out var problemColumn)
            && body.Zip(body.Skip(1)).Any(p => p.First.Count > Math.Max(number, problemColumn) && p.Second.Count > Math.Max(number, problemColumn)
                && p.First[problemColumn].Length > 0 && p.First[problemColumn] == p.Second[problemColumn]
                && p.First[number].Length > 0 && p.Second[number].Length > 0 && p.First[number] != p.Second[number]);
        string? problem = null;
        string? aspect = null;
        var problemCount = 0;
        var measureCount = 0;
        ReportItem? item = null;
        // A problem's line, "N.…", numbered in turn: its text as named, its words after any number it had.
        void WriteProblem(string named, string words)
        {
            problem = named;
            output.AppendLine(Numbered(++problemCount, words));
        }
        void EndItem()
        {
            item?.Write(output);
            item = null;
        }
        foreach (var row in body)
        {
            if (row.Count(c => c.Length > 0) == 1 && row.First(c => c.Length > 0) is var only && TableNote().IsMatch(only.TrimStart()))
            {
                // The table's note ("注：…") or totals ("合计：…") under its last row are neither an aspect nor a measure.
                EndItem();
                output.AppendLine(OneLine(only));
                continue;
            }
            if (row.Where(c => c.Length > 0).ToList() is [var label, .. var said] && said.Count > 0 && NoteLabel().IsMatch(label.Trim()))
            {
                // "合计 | | 共3个方面6个问题…", "说明 | 1.本清单共涉及…": the totals or note row with its label in a cell of its own.
                EndItem();
                output.AppendLine(OneLine($"{label.Trim()}：{string.Join("，", said)}"));
                continue;
            }
            if (row.Where(c => c.Length > 0).ToList() is { Count: > 0 } signed && signed.All(c => Signature().IsMatch(c.Trim())))
            {
                // "填表人：刘洋 | 审核人：黄明 | 填报时间：…", "联系电话：…", "馆长签字：", "馆长（签字）：" under the table: who filled it in, no item.
                EndItem();
                output.AppendLine(OneLine(string.Join(" ", signed)));
                continue;
            }
            if (row.Count(c => c.Length > 0) == 1 && (row.Count < columns.Values.Max() + 1
                || LineMarker.Read(ChineseText.Fold(row.First(c => c.Length > 0))).Kind is MarkerKind.Section or MarkerKind.ParenChinese))
            {
                // A merged row across the table names an aspect: "一、党的政治建设" → "（一）党的政治建设" (a workbook may
                // keep the merged row's width, its text in the first cell). In a table with no problem column, a merged
                // row "1.耕地保护责任落实不到位。…" names the problem of the measures below it.
                EndItem();
                var merged = row.First(c => c.Length > 0);
                if (!columns.ContainsKey(Column.Problem) && LineMarker.ReadFolded(merged) is { Kind: MarkerKind.Arabic or MarkerKind.Problem } headed)
                {
                    WriteProblem(merged, headed.Rest);
                    continue;
                }
                WriteAspect(output, merged);
                continue;
            }
            string Cell(Column column) => columns.TryGetValue(column, out var i) && i < row.Count ? row[i] : "";
            var aspectText = Cell(Column.Aspect);
            if (aspectText.Length > 0 && aspectText != aspect)
            {
                EndItem();
                aspect = aspectText;
                WriteAspect(output, aspectText);
            }
            var problemText = Cell(Column.Problem);
            if (report)
            {
                if (problemText.Length == 0 && Cell(Column.Status).Length == 0 && Cell(Column.Progress).Length == 0 && Cell(Column.Measure).Length == 0)
                {
                    // A numbered row left blank on the form is no item.
                    continue;
                }
                var progress = Cell(Column.Progress);
                var marked = marks.FirstOrDefault(c => c.Column < row.Count && StatusCell(row[c.Column]) == "已完成").Status;
                // A 整改状态 in words beats a share in 整改进度: "100%" with "长期坚持" beside it is a standing measure.
                var (status, account) = (WordedStatus(Cell(Column.Status)) ?? ProgressStatus(progress) ?? marked ?? ProgressStatus(Cell(Column.Status)) ?? StatusCell(Cell(Column.Status)), progress.Length > 0 ? progress : Cell(Column.Measure));
                // "× | 长期坚持", "× | 未启动": a 备注 that opens with a status says which way the item is not done; an item done
                // or closed stays so ("已销号 | 长效机制长期坚持"), and so does a status in words ("整改中 | 凭证自查基本完成，…").
                if (StatusReportReader.ItemStatus(StatusCell(status)) is not (MeasureStatus.Done or MeasureStatus.Closed)
                    && (WordedStatus(Cell(Column.Status)) is null || StatusCell(Cell(Column.Status)) == "未完成")
                    && note >= 0 && note < row.Count && OpensWithStatus(row[note]) is { } remark)
                {
                    status = remark;
                }
                // "100% | 制度已建立，长期坚持": a share done, and a 备注 saying the work stands, is a standing measure, as a 整改状态
                // in words saying so beside the share would be.
                else if (StatusReportReader.ItemStatus(StatusCell(status)) == MeasureStatus.Done && WordedStatus(Cell(Column.Status)) is null
                         && (Percent().IsMatch(progress.Trim()) || Percent().IsMatch(Cell(Column.Status).Trim())) && note >= 0 && note < row.Count && StatusReportReader.ItemStatus(row[note]) == MeasureStatus.Ongoing)
                {
                    status = "长期坚持";
                }
                // A further measure of the item above: its problem's cell (and its number's) is merged over its measures'
                // rows, repeated in each or left blank below the first.
                // A table of measures with no problem column ("序号 | 整改措施 | … | 完成状态"): each row is an item, named by its measure.
                var byMeasure = !columns.ContainsKey(Column.Problem);
                if (item is not null && !byMeasure && (problemText == item.Problem || (problemText.Length == 0 && Cell(Column.Number).Length == 0)))
                {
                    item.Add(status, account);
                    continue;
                }
                EndItem();
                problemCount = !rowNumbers && int.TryParse(Cell(Column.Number), out var n) ? n : problemCount + 1;
                item = new ReportItem(problemCount, byMeasure ? Cell(Column.Measure) : problemText);
                item.Add(status, account);
                continue;
            }
            // "一 | 党的领导…方面", "1 | 公立医院…不到位。", "(1) | 指导…": a 序号 column that numbers the aspects, problems
            // and measures in turn, their names all in one column (问题及整改措施); the rows with no fields are the outline's.
            if (outlined && problemText.Length == 0 && Cell(Column.Measure) is { Length: > 0 } named && FieldColumns.All(c => Cell(c).Length == 0)
                && ChineseText.Fold(Cell(Column.Number)).Trim() is { Length: > 0 } level && !ParenNumber().IsMatch(level))
            {
                if (level.All(char.IsAsciiDigit))
                {
                    WriteProblem(named, LineMarker.Read(named).Rest);
                }
                else
                {
                    WriteAspect(output, $"{level}、{named}");
                }
                continue;
            }
            if (problemText.Length > 0 && problemText != problem)
            {
                WriteProblem(problemText, LineMarker.Read(problemText).Rest);
            }
            var measures = Measures(Cell(Column.Measure)).ToList();
            // A 序号 per measure is the measure's number (our own ledger keeps the plan's numbers there).
            var written = measures.Count == 1 && int.TryParse(Cell(Column.Number), out var w) && w > measureCount ? w : (int?)null;
            // "1.预算股；2.国库股": a cell that gives each of the row's measures its own part, by their places in the row
            // ("1.办公室" beside the row's one measure, numbered as the rows above it are).
            var byPlace = measures.Count > 0
                ? FieldColumns.ToDictionary(c => c, c => PartsByPlace(Cell(c), measures.Count) ?? PartsByLine(Cell(c), measures.Count, Cell(Column.Deadline)))
                : [];
            var perMeasure = byPlace.Values.Any(parts => parts is not null);
            for (var i = 0; i < measures.Count; i++)
            {
                measureCount = written ?? measureCount + 1;
                output.AppendLine($"（{measureCount}）{measures[i]}");
                if (perMeasure)
                {
                    WriteFields(output, c => byPlace[c]?[i] ?? Cell(c));
                }
            }
            if (!perMeasure)
            {
                WriteFields(output, Cell);
            }
        }
        EndItem();
    }

    /// <summary>A report table's item as its rows are read: its number and problem, each row's status and account.</summary>
    private sealed class ReportItem(int number, string problem)
    {
        private readonly List<(string Status, string Account)> _rows = [];

        public string Problem => problem;

        public void Add(string status, string account) => _rows.Add((status, account));

        /// <summary>
        /// "N.问题" and one 整改情况 line, whose status is the least finished of its rows' (a measure still under way leaves
        /// its problem under way, as does one not started beside others begun; one kept up for good, ongoing).
        /// </summary>
        public void Write(StringBuilder output)
        {
            output.AppendLine(Numbered(number, LineMarker.Read(problem).Rest));
            static int Rank(string said) => StatusReportReader.ItemStatus(said) switch
            {
                MeasureStatus.NotStarted => 0,
                MeasureStatus.InProgress => 1,
                MeasureStatus.Ongoing => 2,
                MeasureStatus.Done or MeasureStatus.Closed => 3,
                _ => 4,
            };
            // "正在推进，已完成1个网点迁址…": the status is the cell's first words, whatever its account says after.
            var ranked = _rows.Select(r => (r.Status, Rank: Math.Min(Rank(r.Status), Rank(r.Status.Split('，', ',')[0])))).ToList();
            // Some measures begun and one not yet: the problem is under way, not unstarted.
            var begun = ranked.Any(r => r.Rank is 1 or 2 or 3);
            var least = ranked.Where(r => !begun || r.Rank > 0).MinBy(r => r.Rank);
            var status = begun && least.Rank > 1 && ranked.Any(r => r.Rank == 0) ? "推进中" : least.Status;
            // Each row's account ends at a semicolon, the last as it was written.
            var account = string.Join("；", _rows.Select((r, i) => i < _rows.Count - 1 ? r.Account.TrimEnd('。', '；', ';') : r.Account));
            // "正在推进，已新增首贷户47户，预计…": what follows the status's first words is account.
            if (status.IndexOfAny(['，', ',']) is > 0 and var comma && Rank(status[..comma]) < 4 && Rank(status[..comma]) <= Rank(status))
            {
                (status, account) = (status[..comma], $"{status[(comma + 1)..]}；{account}");
            }
            // "已完成（长期坚持）" in a status cell must not close the label's own parenthesis.
            var statusWords = OneLine(status).Replace('（', '，').Replace('(', '，').Replace("）", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal);
            output.AppendLine($"整改情况{(status.Length > 0 ? $"（{statusWords}）" : "")}：{OneLine(account)}");
        }
    }

    /// <summary>The columns <see cref="WriteFields"/> writes after a row's measures.</summary>
    private static readonly Column[] FieldColumns = [Column.Leader, Column.LeaderAndUnit, Column.Lead, Column.LeadAndSupporting, Column.Unit, Column.Supporting, Column.Deadline];

    private static void WriteFields(StringBuilder output, Func<Column, string> cell)
    {
        WriteField(output, "责任领导", cell(Column.Leader));
        WriteLeaderAndUnits(output, cell(Column.LeaderAndUnit));
        WriteField(output, "牵头单位", cell(Column.Lead));
        WriteLeadAndSupporting(output, cell(Column.LeadAndSupporting));
        WriteUnits(output, cell(Column.Unit));
        WriteField(output, "配合单位", cell(Column.Supporting));
        WriteField(output, "完成时限", cell(Column.Deadline));
    }

    /// <summary>
    /// "党办↵院办公室↵党办" beside three measures a line each, with a deadline a line each too: each line is its measure's
    /// (a cell broken with Alt+Enter to stand beside the measures). Two units for every measure may also stand a line each,
    /// so only where the deadlines are set out so, and not where the lines say each unit's part ("党群工作部牵头↵综合办公室配合");
    /// "—" is none.
    /// </summary>
    private static string[]? PartsByLine(string cell, int count, string deadlines)
    {
        return count > 1 && Lines(deadlines).Length == count && Lines(cell) is var lines && lines.Length == count && !lines.Any(l => RoleWords.Any(l.Contains))
            ? [.. lines.Select(l => SaysNone(l) ? "" : l)]
            : null;
    }

    private static readonly string[] RoleWords = ["牵头", "配合", "协助", "负责", "会同"];

    /// <summary>A cell's lines, as Alt+Enter or the table's layout broke it, without blank ones.</summary>
    private static string[] Lines(string cell) => cell.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// A cell split by the places of the row's measures ("1.预算股；2.国库股；3.—", "1—2.办公室；3.人事股", "（1）法规股；（2）监督检查股",
    /// "1.办公室  2.机关党支部", "①党政办公室、②政教处"),
    /// each place's part ("" for — or 无), or null when the cell is not written so.
    /// </summary>
    private static string[]? PartsByPlace(string cell, int count)
    {
        var parts = PlaceBreak().Split(cell).Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
        if (parts.Length == 0)
        {
            return null;
        }
        var byPlace = new string?[count];
        foreach (var part in parts)
        {
            if (Place().Match(ChineseText.Fold(part)) is not { Success: true } m)
            {
                return null;
            }
            var (from, to) = m.Groups["c"].Success
                ? (m.Groups["c"].Value[0] - '①' + 1, m.Groups["c"].Value[0] - '①' + 1)
                : (int.Parse(m.Groups["a"].Value), int.Parse(m.Groups["b"].Success ? m.Groups["b"].Value : m.Groups["a"].Value));
            if (from < 1 || to > count || from > to)
            {
                return null;
            }
            var value = part[m.Length..].Trim();
            for (var place = from; place <= to; place++)
            {
                byPlace[place - 1] = SaysNone(value) ? "" : value;
            }
        }
        // A place the cell leaves out has none ("配合单位：②财务室、③工会": the first measure has no helper).
        return [.. byPlace.Select(p => p ?? "")];
    }

    [GeneratedRegex(@"^(?:(?<a>\d{1,2})(?:\s*[-~—–]\s*(?<b>\d{1,2}))?\s*[.、．]|\((?<a>\d{1,2})\)|(?<c>[①-⑳]))", RegexOptions.CultureInvariant)]
    private static partial Regex Place();

    // Between places: a line break, a semicolon, or spaces before the next place ("1.办公室  2.机关党支部"); anything or
    // nothing before a circled one ("①党政办公室、②政教处", "①2025年5月底前、②立行立改，2025年4月底前", "①业务科②县气象台").
    [GeneratedRegex(@"[\n；;]+|[ \t\u3000]+(?=\d{1,2}\s*[.、．]|[(（]\d{1,2}[)）])|[、，,\s]*(?=[①-⑳])", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceBreak();

    /// <summary>
    /// Runs of lines whose cells are separated by tabs, or by runs of spaces as a table pasted from Word or a PDF is,
    /// as tables: the header row names the columns (as in a spreadsheet); a row wrapped onto the next line (fewer
    /// cells than the header) is joined to it; a heading line between rows (一、…方面) names an aspect; the header
    /// repeated after a page break is skipped. Text without such a header comes back as it was.
    /// </summary>
    public static string RewriteTabbed(string text)
    {
        if (!text.Contains('\t') && !text.Contains("  ", StringComparison.Ordinal))
        {
            return text;
        }
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var output = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var separator = Separator(lines[i]);
            // Columns padded to fixed places (an OA system's export): each line is cut where the header's cells start.
            var starts = separator > 0 ? FixedStarts(lines[i]) : null;
            List<string> Split(string line) => starts is null ? SplitCells(line, separator!.Value) : SplitAt(line, starts);
            var header = separator is null ? [] : Split(lines[i]);
            if (header.Count < 3 || Columns(header) is not { Count: >= 2 } columns || !columns.ContainsKey(Column.Problem) && !columns.ContainsKey(Column.Measure))
            {
                output.AppendLine(lines[i]);
                continue;
            }
            var width = header.Count;
            var rows = new List<List<string>> { header };
            var j = i + 1;
            for (; j < lines.Length; j++)
            {
                var line = lines[j];
                var cells = Split(line);
                var wrapped = rows.Count > 1 && rows[^1].Count > 1 && rows[^1].Count < width;
                if (cells.Count <= 1)
                {
                    // A page marker, a blank line or a rule ("-----" under an OA export's header) between rows is skipped;
                    // prose ends the table.
                    if (line.Trim().Length == 0 || SourceLinesChrome(line) || !line.AsSpan().Trim().ContainsAnyExcept("-=—_"))
                    {
                        continue;
                    }
                    if (wrapped)
                    {
                        rows[^1][^1] += Clean(line);
                        continue;
                    }
                    if (LineMarker.Read(Clean(line)).Kind is MarkerKind.Section or MarkerKind.ParenChinese
                        && lines.Skip(j + 1).FirstOrDefault(l => l.Trim().Length > 0) is { } after && Split(after).Count > 1)
                    {
                        rows.Add([Clean(line)]);
                        continue;
                    }
                    break;
                }
                if (cells.SequenceEqual(header))
                {
                    continue;
                }
                if (wrapped)
                {
                    // The previous row's last cell wrapped: this line continues it.
                    rows[^1][^1] += cells[0];
                    rows[^1].AddRange(cells.Skip(1));
                }
                else
                {
                    rows.Add(cells);
                }
            }
            var table = new StringBuilder();
            Write(rows, table, StatusReportReader.Legend(lines));
            output.Append(table);
            i = j - 1;
            if (j < lines.Length && TableNote().IsMatch(lines[j].Trim()))
            {
                // The table's notes ("注：1.…" then "2.…") are one line, so their numbers are not taken for problems.
                var note = new StringBuilder(lines[j].Trim());
                for (j++; j < lines.Length && LineMarker.Read(lines[j].Trim()).Kind == MarkerKind.Arabic; j++)
                {
                    note.Append(lines[j].Trim());
                }
                output.AppendLine(note.ToString());
                i = j - 1;
            }
        }
        return output.ToString();
    }

    [GeneratedRegex(@"^\(\d{1,2}\)$", RegexOptions.CultureInvariant)]
    private static partial Regex ParenNumber();

    private const string NoteLabels = "注|说明|备注|合计|总计|汇总|小计|小结|统计";

    [GeneratedRegex(@"^(?:" + NoteLabels + @")\s*[:：]", RegexOptions.CultureInvariant)]
    private static partial Regex TableNote();

    [GeneratedRegex(@"^(?:填表|填报|制表|审核|审批|经办|联系)人\s*[:：]|^(?:填报|填表|报送)(?:时间|日期)\s*[:：]|^联系(?:电话|方式)\s*[:：]|^[\u4e00-\u9fff]{0,6}[(（]?(?:签字|签名|盖章)[)）]?\s*(?:[:：]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Signature();

    /// <summary>A note's or totals row's label in a cell of its own, with the unit it counts in ("合计（个）").</summary>
    [GeneratedRegex(@"^(?:" + NoteLabels + @")(?:[(（][个项条件]?[)）])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NoteLabel();

    /// <summary>
    /// A table's note or totals row as written out ("合计：反馈问题8个，已完成5个…", "说明：…截至…已完成8个", "统计：…"): no item's text,
    /// and where a document may state its totals.
    /// </summary>
    public static bool IsNote(string line) => TableNote().IsMatch(line);

    /// <summary>How the line separates its cells: a tab, or the narrowest run of two or more spaces; null for neither.</summary>
    private static int? Separator(string line)
    {
        if (line.Contains('\t'))
        {
            return 0;
        }
        var runs = SpaceRuns(line.Trim()).Select(r => r.Length).ToList();
        return runs.Count > 0 ? runs.Min() : null;
    }

    /// <summary>
    /// Where each of a header's cells starts, in display columns (a Chinese character or full-width mark is two wide), when
    /// its cells are parted by runs of spaces of different widths: columns padded to fixed places. Null otherwise.
    /// </summary>
    private static List<int>? FixedStarts(string header)
    {
        var runs = SpaceRuns(header.Trim()).Select(r => r.Length).ToList();
        if (runs.Count < 2 || runs.Min() == runs.Max())
        {
            return null;
        }
        var (starts, at, inCell) = (new List<int>(), 0, false);
        foreach (var c in header)
        {
            if (c is ' ' or '\u3000')
            {
                inCell = false;
            }
            else if (!inCell)
            {
                inCell = true;
                starts.Add(at);
            }
            at += ChineseText.IsWide(c) ? 2 : 1;
        }
        return starts;
    }

    /// <summary>A line cut at the places its header's cells start (<see cref="FixedStarts"/>); a line without a run of spaces is one cell.</summary>
    private static List<string> SplitAt(string line, List<int> starts)
    {
        if (!line.Contains("  ", StringComparison.Ordinal))
        {
            return [Clean(line)];
        }
        var cells = starts.Select(_ => new StringBuilder()).ToList();
        var at = 0;
        foreach (var c in line)
        {
            cells[Math.Max(0, starts.FindLastIndex(s => s <= at))].Append(c);
            at += ChineseText.IsWide(c) ? 2 : 1;
        }
        var read = cells.Select(b => Clean(b.ToString())).ToList();
        return read.Take(read.FindLastIndex(c => c.Length > 0) + 1).ToList();
    }

    /// <summary>
    /// The cells of a line: split at tabs (separator 0), or at runs of spaces as wide as the header's, where a run
    /// twice as wide holds an empty cell.
    /// </summary>
    private static List<string> SplitCells(string line, int separator)
    {
        if (separator == 0)
        {
            return line.Contains('\t') ? line.Split('\t').Select(Clean).ToList() : [Clean(line)];
        }
        var trimmed = line.Trim();
        var cells = new List<string>();
        var from = 0;
        foreach (var run in SpaceRuns(trimmed))
        {
            cells.Add(Clean(trimmed[from..run.Index]));
            for (var k = 1; k < (int)Math.Round((double)run.Length / separator); k++)
            {
                cells.Add("");
            }
            from = run.Index + run.Length;
        }
        cells.Add(Clean(trimmed[from..]));
        return cells;
    }

    private static IEnumerable<(int Index, int Length)> SpaceRuns(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] is not (' ' or '\u3000'))
            {
                continue;
            }
            var end = i;
            while (end < line.Length && line[end] is ' ' or '\u3000')
            {
                end++;
            }
            if (end - i >= 2)
            {
                yield return (i, end - i);
            }
            i = end;
        }
    }

    private static string Clean(string cell) => cell.Trim().Replace('\u3000', ' ').Trim();

    private static bool SourceLinesChrome(string line) =>
        line.Trim().Trim('-', '—', '–', '－', ' ', '\u3000').All(char.IsDigit);

    private static void WriteAspect(StringBuilder output, string text)
    {
        var heading = LineMarker.ReadFolded(text);
        output.AppendLine(heading.Kind is MarkerKind.Section or MarkerKind.None or MarkerKind.ParenChinese
            ? $"（{ChineseNumber.ToChinese(heading.Kind is MarkerKind.None ? CountAspect(output) : heading.Ordinal)}）{heading.Rest}"
            : heading.Rest);
    }

    private static int CountAspect(StringBuilder output) =>
        output.ToString().Split('\n').Count(l => LineMarker.Read(l).Kind == MarkerKind.ParenChinese) + 1;

    private static string OneLine(string text) => text.Replace('\n', ' ');

    /// <summary>A problem's line, "N.…"; "N、12345热线…" where its words open with a digit, which "N." would run into.</summary>
    private static string Numbered(int number, string words) => $"{number}{(words.Length > 0 && char.IsAsciiDigit(words[0]) ? '、' : '.')}{OneLine(words)}";

    private static void WriteField(StringBuilder output, string label, string value)
    {
        if (value.Length > 0)
        {
            output.AppendLine($"{label}：{value.Replace('\n', '、')}");
        }
    }

    /// <summary>
    /// A 责任领导/责任部门 cell: the leader before the slash and the units after it ("王海燕（副局长）/财务审计科、基础教育科",
    /// "局党组书记、局长/办公室"); written as labelled lines instead, each as its label says.
    /// </summary>
    private static void WriteLeaderAndUnits(StringBuilder output, string cell)
    {
        var slash = ChineseText.Fold(cell).LastIndexOf('/');
        if (slash >= 0)
        {
            WriteField(output, "责任领导", cell[..slash].Trim());
            WriteUnits(output, cell[(slash + 1)..].Trim());
            return;
        }
        var lines = Lines(cell);
        foreach (var line in lines)
        {
            if (FieldLabel.Read(line) is { Kind: FieldKind.Leader })
            {
                output.AppendLine(line);
            }
            else if (line == lines[0] && lines.Length > 1 && !UnitNames.LastCharacters.Contains(line[^1]))
            {
                // "陈立新" over "办公室、机关党支部" under "责任领导" over "责任单位": the leader's line first, as the header has it.
                WriteField(output, "责任领导", line);
            }
            else
            {
                WriteUnits(output, line);
            }
        }
    }

    /// <summary>
    /// A 牵头/配合 cell: the lead units before the slash and the supporting ones after it ("人事股/各股室、各市场监管所");
    /// without a slash, all lead ("机关党支部、人事股").
    /// </summary>
    private static void WriteLeadAndSupporting(StringBuilder output, string cell)
    {
        var slash = ChineseText.Fold(cell).IndexOf('/');
        WriteField(output, "牵头单位", (slash < 0 ? cell : cell[..slash]).Trim());
        WriteField(output, "配合单位", slash < 0 ? "" : cell[(slash + 1)..].Trim());
    }

    /// <summary>
    /// A 责任单位 cell that marks its parts ("牵头：基金监管股；配合：区卫健局", "待遇保障股；配合：各街道",
    /// "牵头单位：预算股；配合单位：国库股", "牵头：基础教育股　配合：计财股") as the fields they name, so the supporting units are
    /// not read as leads.
    /// </summary>
    private static void WriteUnits(StringBuilder output, string cell)
    {
        foreach (var part in UnitParts().Split(cell).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (FieldLabel.Read(part) is { Kind: FieldKind.LeadUnit or FieldKind.ResponsibleUnit or FieldKind.SupportingUnit })
            {
                output.AppendLine(part);
                continue;
            }
            var label = part.StartsWith("牵头", StringComparison.Ordinal) ? "牵头单位"
                : part.StartsWith("配合", StringComparison.Ordinal) || part.StartsWith("协助", StringComparison.Ordinal) ? "配合单位"
                : "责任单位";
            WriteField(output, label, label == "责任单位" ? part : part.TrimStart("牵头单位配合协助".ToCharArray()).TrimStart(':', '：').Trim());
        }
    }

    // Parts split by a semicolon or a line, or by a space before the supporting units' label.
    [GeneratedRegex(@"[；;\n]|\s+(?=(?:配合|协助)(?:单位|科室|股室|部门)?[:：])")]
    private static partial Regex UnitParts();

    /// <summary>
    /// A table of problems, each with its status and no measures of its own ("序号 | 问题类别 | 反馈问题 | 牵头科室 | 整改状态"): a
    /// 台账's summary, whose measures another sheet may list.
    /// </summary>
    public static bool IsProblemLedger(IReadOnlyList<List<string>> rows)
    {
        var headerIndex = HeaderRow(rows);
        if (headerIndex < 0)
        {
            return false;
        }
        var (header, _, columns, body) = Parts(rows, headerIndex, null);
        return !columns.ContainsKey(Column.Measure) && columns.ContainsKey(Column.Problem) && columns.ContainsKey(Column.Status)
            && IsReport(header, columns, body);
    }

    /// <summary>
    /// The table under its header row: the header (a second row under merged names read into it), how many rows it takes,
    /// its columns, and the rows below it.
    /// </summary>
    private static (List<string> Header, int HeaderRows, Dictionary<Column, int> Columns, List<List<string>> Body) Parts(
        IReadOnlyList<List<string>> rows, int headerIndex, IReadOnlyList<(string Mark, string Word)>? legend)
    {
        var (header, headerRows) = WithSubheader(rows[headerIndex], rows.Skip(headerIndex + 1).FirstOrDefault());
        // "●已完成　◐正在推进…" in a note above or below the table: a cell holding a mark alone holds its word.
        legend ??= StatusReportReader.Legend(rows.Select(r => string.Join(" ", r)));
        var body = rows.Skip(headerIndex + headerRows)
            .Select(r => legend.Count == 0 ? r : [.. r.Select(c => legend.FirstOrDefault(l => l.Mark == c.Trim()).Word ?? c)])
            .ToList();
        return (header, headerRows, Columns(header), body);
    }

    /// <summary>
    /// A table is a report when its status or progress column holds status words for most rows. A task list that names
    /// its lead units is a report only by a status column of its own (完成情况, 整改状态; a progress column may be a plan's
    /// notes), and our own ledger never is.
    /// </summary>
    private static bool IsReport(List<string> header, Dictionary<Column, int> columns, List<List<string>> body)
    {
        // A plan names who leads; a ledger that also gives each row's status in a column of its own reports on it, but
        // for our own ledger (LedgerWorkbook), which is the plan with its progress and reads back as the plan.
        var plan = columns.ContainsKey(Column.Lead) || columns.ContainsKey(Column.LeadAndSupporting) || columns.ContainsKey(Column.Supporting);
        if (plan && LedgerFile.HasOurColumns(header))
        {
            return false;
        }
        if (!plan && !columns.ContainsKey(Column.Measure))
        {
            return columns.ContainsKey(Column.Progress) || columns.ContainsKey(Column.Status);
        }
        // "填表人：… | 审核人：…" under the table is who filled it in, no row to count.
        var filled = body.Where(r => r.Count(c => c.Length > 0) > 1 && !r.Where(c => c.Length > 0).All(c => Signature().IsMatch(c.Trim()))).ToList();
        bool Most(int column, Func<string, bool> states) => filled.Count > 0 && filled.Count(r => column < r.Count && states(r[column])) * 2 > filled.Count;
        static bool States(string cell) => cell.Length is > 0 and <= 20 && (ProgressStatus(cell) is not null || StatusReportReader.ItemStatus(StatusCell(cell)) is not null);
        return columns.TryGetValue(Column.Status, out var status) ? Most(status, States)
            : columns.TryGetValue(Column.Progress, out var progress)
                // A plan's columns with a 整改进展 column whose accounts open with their status ("已完成。全县1326户…") report on it.
                && Most(progress, cell => (!plan && States(cell)) || OpensWithStatus(cell) is not null);
    }

    /// <summary>The status an account's first sentence states, when that sentence is short enough to be a status alone ("已完成。全县1326户…").</summary>
    internal static string? OpensWithStatus(string cell) =>
        OpeningStatus().Match(cell.TrimStart()) is { Success: true } opening && StatusReportReader.ItemStatus(opening.Groups["status"].Value) is not null
            ? opening.Groups["status"].Value
            : null;

    [GeneratedRegex(@"^(?<status>[^。；;，,\n]{2,8})(?:[。；;，,\n]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex OpeningStatus();

    /// <summary>
    /// An item's 整改进度 that is its status: "100%" done, "0%" not started, a share between still in progress, or a status alone ("长期坚持");
    /// it is the item's, where a 完成情况 of ✓ and × is each measure's.
    /// </summary>
    private static string? ProgressStatus(string cell) => cell.Trim() switch
    {
        var p when Percent().Match(p) is { Success: true } m => decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) switch { >= 100 => "已完成", 0 => "未启动", _ => "正在整改" },
        var said => WordedStatus(said),
    };

    /// <summary>A cell that is a status in words alone ("长期坚持", "正在推进"), as written.</summary>
    private static string? WordedStatus(string cell) => cell is { Length: > 0 and <= 8 } && StatusReportReader.ItemStatus(cell) is not null ? cell : null;

    [GeneratedRegex(@"^(\d{1,3}(?:\.\d)?)\s*[%％]$")]
    private static partial Regex Percent();

    /// <summary>A 是否完成 column answers 是 or 否: done, or not yet; a 完成情况 column may say 完成 alone.</summary>
    private static string StatusCell(string cell) => cell.Trim() switch
    {
        "是" or "完成" or "√" or "✓" or "✔" or "☑" or "✅" => "已完成",
        "否" or "×" or "✗" => "未完成",
        var said => said,
    };

    /// <summary>
    /// The header, completed by a second header row under names merged across columns (整改措施 over 序号 | 内容,
    /// 完成情况 over 进展 | 是否完成): a name there that is a column's own (序号, 进展) is that column; any other (内容) is
    /// the column of the name above it or, merged, to its left. Also how many rows the header takes.
    /// </summary>
    private static (List<string> Header, int Rows) WithSubheader(List<string> header, List<string>? next)
    {
        var spans = header.Any(c => c.Length == 0);
        if (!spans || next is null || next.All(c => c.Length == 0) || next.Any(c => c.Length > 8)
            || !next.Where((c, i) => c.Length > 0 && (i >= header.Count || c != header[i])).Any())
        {
            return (header, 1);
        }
        var combined = new List<string>(header.Count);
        var above = "";
        for (var i = 0; i < Math.Max(header.Count, next.Count); i++)
        {
            var top = i < header.Count ? header[i] : "";
            above = top.Length > 0 ? top : above;
            var sub = i < next.Count ? next[i] : "";
            combined.Add(sub.Length == 0 || sub == top ? top : Columns([sub]).Count > 0 ? sub : above);
        }
        return (combined, 2);
    }

    /// <summary>
    /// A status in a column of its own under the header ("整改状态" over 已完成 | 正在推进 | 长期坚持), each row marking one
    /// with √: the columns and their statuses, when there are two or more.
    /// </summary>
    private static List<(int Column, string Status)> MarkColumns(List<string> subheader)
    {
        var marks = subheader.Select((c, i) => (Column: i, Status: c.Trim())).Where(c => c.Status.Length is > 0 and <= 6 && StatusReportReader.ItemStatus(c.Status) is not null).ToList();
        return marks.Count >= 2 ? marks : [];
    }

    /// <summary>
    /// A form of label | value rows with a row of its own for each item it lists ("申请销号事项一"), as a 销号申请表 lays out
    /// the problems it asks to close: each item is written as a report's, its 反馈问题 the item's words, its 整改落实情况 the
    /// account and its 整改状态 the box ticked ("☑已完成整改　□阶段性完成、长期坚持"). False for any other table.
    /// </summary>
    private static bool WriteForm(IReadOnlyList<List<string>> rows, StringBuilder output)
    {
        // A merged cell is read once; the item's own cell may stand in a row of its own or down a first column beside its rows.
        var cells = rows.Select(r => r.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToList()).ToList();
        if (cells.Where(c => c is [var first, ..] && FormItem().IsMatch(first)).Select(c => c[0]).Distinct().Count() < 2)
        {
            return false;
        }
        string? item = null, title = null, account = null, status = null;
        var number = 0;
        void EndItem()
        {
            if (item is not null)
            {
                output.AppendLine($"{number}、{title}");
                output.AppendLine($"整改情况：{account}");
                output.AppendLine($"整改状态：{status}");
            }
        }
        foreach (var row in cells)
        {
            var rest = row;
            if (row is [var first, ..] && FormItem().IsMatch(first))
            {
                if (first != item)
                {
                    EndItem();
                    (item, number, title, account, status) = (first, number + 1, null, null, null);
                }
                rest = row[1..];
            }
            if (item is not null && rest is [var label, .. var values] && values.Count > 0)
            {
                var value = string.Join(" ", values);
                switch (label.Replace(" ", "", StringComparison.Ordinal))
                {
                    case "反馈问题" or "问题表现" or "存在问题" or "问题内容":
                        title = value;
                        break;
                    case "整改落实情况" or "整改情况" or "整改完成情况" or "落实情况":
                        account = value;
                        break;
                    case "整改状态" or "完成情况" or "销号情况":
                        status = Ticked().Match(value) is { Success: true } ticked ? ticked.Groups["word"].Value.Trim() : value;
                        break;
                }
            }
            else if (item is null)
            {
                output.AppendLine(string.Join(" ", row));
            }
        }
        EndItem();
        return true;
    }

    [GeneratedRegex(@"^(?:申请)?(?:销号)?(?:事项|问题)[一二三四五六七八九十]{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex FormItem();

    /// <summary>The words after the box ticked, up to the next box: "☑已完成整改　□阶段性完成" → 已完成整改.</summary>
    [GeneratedRegex(@"[☑✓√■✔]\s*(?<word>[^□☐☑■✓√✔]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Ticked();

    /// <summary>
    /// A 责任清单 (<see cref="ResponsibilityList"/>): a header that numbers problems and measures apart ("问题序号 | 措施序号")
    /// beside units and no measure's text. Each row is written as one line of the list; a problem's number left blank
    /// below its first row (a merged cell) is the one above. False for any other table.
    /// </summary>
    private static bool WriteResponsibilityList(IReadOnlyList<List<string>> rows, StringBuilder output)
    {
        for (var h = 0; h < Math.Min(rows.Count, HeaderSearchRows); h++)
        {
            var header = rows[h].Select(c => ChineseText.Fold(c).Replace(" ", "", StringComparison.Ordinal)).ToList();
            var (problem, measure) = (header.FindIndex(ProblemNumber().IsMatch), header.FindIndex(MeasureNumber().IsMatch));
            var columns = Columns(rows[h]);
            if (problem < 0 || measure < 0 || columns.ContainsKey(Column.Measure) || columns.ContainsKey(Column.Problem)
                || !(columns.ContainsKey(Column.Lead) || columns.ContainsKey(Column.Unit)))
            {
                continue;
            }
            var labels = new (Column Column, string Label)[] { (Column.Lead, "牵头单位"), (Column.Unit, "责任单位"), (Column.Supporting, "配合单位"), (Column.Leader, "责任领导"), (Column.Deadline, "完成时限") }
                .Where(c => columns.ContainsKey(c.Column)).Select(c => (Index: columns[c.Column], c.Label)).ToList();
            foreach (var row in rows.Take(h))
            {
                output.AppendLine(string.Join(" ", row.Where(c => c.Length > 0)));
            }
            int? lastProblem = null;
            foreach (var row in rows.Skip(h + 1))
            {
                string Cell(int i) => i < row.Count ? row[i] : "";
                lastProblem = ResponsibilityList.Number(Cell(problem)) ?? lastProblem;
                if (lastProblem is { } p && ResponsibilityList.Number(Cell(measure)) is { } m)
                {
                    output.AppendLine(ResponsibilityList.Line(p, m, labels.Select(l => (l.Label, string.Join("、", Lines(Cell(l.Index)))))));
                }
                else
                {
                    output.AppendLine(string.Join("  ", row.Where(c => c.Length > 0)));
                }
            }
            return true;
        }
        return false;
    }

    /// <summary>
    /// A plan's problems and measures in two tables ("表1 反馈问题清单": 序号 | 问题类别 | 问题表现; "表2 整改措施任务分工表": 序号 |
    /// 对应问题序号 | 整改措施 | …): the measures' table with each row's aspect and problem written in from the problems' table,
    /// so that it reads as one plan table, and which table it came from; null when the document holds no such pair.
    /// </summary>
    public static (int Problems, int Measures, List<List<string>> Rows)? JoinedByProblem(IReadOnlyList<IReadOnlyList<List<string>>> tables)
    {
        for (var t = 1; t < tables.Count; t++)
        {
            var rows = tables[t];
            var (h, reference) = (-1, -1);
            for (var i = 0; i < Math.Min(rows.Count, HeaderSearchRows) && h < 0; i++)
            {
                if (rows[i].FindIndex(c => ProblemReference().IsMatch(c.Trim())) is >= 0 and var cell)
                {
                    (h, reference) = (i, cell);
                }
            }
            if (h < 0 || !Columns(rows[h]).ContainsKey(Column.Measure))
            {
                continue;
            }
            for (var p = t - 1; p >= 0; p--)
            {
                if (ProblemsByNumber(tables[p]) is not { Count: > 0 } problems)
                {
                    continue;
                }
                var joined = rows.Take(h).Select(r => r.ToList()).ToList();
                joined.Add([.. rows[h].Take(reference), "问题类别", "存在问题", .. rows[h].Skip(reference + 1)]);
                foreach (var row in rows.Skip(h + 1))
                {
                    // "5、10": a measure answering two problems stands under both, in the aspect of the rows above it.
                    var named = (reference < row.Count ? row[reference] : "").Split('、', ',', '，').Select(ResponsibilityList.Number)
                        .Select(n => n is { } k && problems.TryGetValue(k, out var found) ? found : ((string, string)?)null).ToList();
                    var (aspect, problem) = named is [{ } one] ? one
                        : named.Count > 1 && named.All(x => x is not null) ? ("", string.Join("；", named.Select(x => x!.Value.Item2)))
                        : ("", reference < row.Count ? row[reference] : "");
                    joined.Add([.. row.Take(reference), aspect, problem, .. row.Skip(reference + 1)]);
                }
                return (p, t, joined);
            }
        }
        return null;
    }

    /// <summary>A table of problems alone (序号 | 问题类别 | 问题表现, no measures): each number's aspect and problem.</summary>
    private static Dictionary<int, (string Aspect, string Problem)>? ProblemsByNumber(IReadOnlyList<List<string>> rows)
    {
        for (var h = 0; h < Math.Min(rows.Count, HeaderSearchRows); h++)
        {
            var columns = Columns(rows[h]);
            if (!columns.TryGetValue(Column.Number, out var number) || !columns.TryGetValue(Column.Problem, out var problem) || columns.ContainsKey(Column.Measure))
            {
                continue;
            }
            var aspectAt = columns.TryGetValue(Column.Aspect, out var a) ? a : -1;
            var found = new Dictionary<int, (string, string)>();
            var aspect = "";
            foreach (var row in rows.Skip(h + 1))
            {
                aspect = aspectAt >= 0 && aspectAt < row.Count && row[aspectAt].Trim().Length > 0 ? row[aspectAt].Trim() : aspect;
                if (number < row.Count && problem < row.Count && ResponsibilityList.Number(row[number]) is { } n)
                {
                    found.TryAdd(n, (aspect, row[problem]));
                }
            }
            return found;
        }
        return null;
    }

    [GeneratedRegex(@"^(?:对应|所属|涉及)问题(?:序号|编号)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ProblemReference();

    [GeneratedRegex(@"^问题(?:序号|编号)$", RegexOptions.CultureInvariant)]
    private static partial Regex ProblemNumber();

    [GeneratedRegex(@"^(?:整改)?措施(?:序号|编号)$", RegexOptions.CultureInvariant)]
    private static partial Regex MeasureNumber();

    /// <summary>A cell that says there is none ("—", "无", "/").</summary>
    internal static bool SaysNone(string cell) => cell is "—" or "-" or "无" or "/";

    private static int HeaderRow(IReadOnlyList<List<string>> rows)
    {
        for (var i = 0; i < Math.Min(rows.Count, HeaderSearchRows); i++)
        {
            if (Columns(rows[i]) is var c && (c.ContainsKey(Column.Measure) || c.ContainsKey(Column.Progress) || c.ContainsKey(Column.Status)) && c.Count >= 2)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>A measures cell holds one measure, or several as "1.…" lines.</summary>
    private static IEnumerable<string> Measures(string cell)
    {
        var lines = Lines(cell);
        // Lines numbered alike are the cell's measures; "2.加强扬尘管控：" then "①…；②…" is one measure and its points.
        if (lines.Length > 1 && lines.Select(l => LineMarker.Read(ChineseText.Fold(l)).Kind).Distinct().ToList() is [not MarkerKind.None])
        {
            return lines.Select(l => LineMarker.ReadFolded(l).Rest);
        }
        // "1.全面梳理…。2.优化资金拨付流程…": measures run together in one paragraph of the cell.
        if (lines.Length == 1 && InlineItems.SplitNumbers(cell) is { Count: > 1 } inline)
        {
            return inline.Select(i => i.Text);
        }
        // "（10）修订…" alone in its cell: numbered again as it is written out.
        return cell.Length > 0 ? [LineMarker.ReadFolded(cell) is { Kind: MarkerKind.ParenArabic or MarkerKind.Arabic } own ? own.Rest.Replace('\n', ' ') : cell.Replace('\n', ' ')] : [];
    }

    /// <summary>
    /// Whether these cells name a plan table's columns: three or more known ones, 问题 or 整改措施 among them, and
    /// where each column is (its index), or null. For a table found by its alignment alone (<see cref="PdfText"/>).
    /// </summary>
    public static (int Number, int Problem, int Measure)? PlanHeader(List<string> cells) =>
        Columns(cells) is { Count: >= 3 } c && (c.ContainsKey(Column.Measure) || c.ContainsKey(Column.Problem))
            ? (c.GetValueOrDefault(Column.Number, -1), c.GetValueOrDefault(Column.Problem, -1), c.GetValueOrDefault(Column.Measure, -1))
            : null;

    private static Dictionary<Column, int> Columns(List<string> header)
    {
        var map = new Dictionary<Column, int>();
        int? secondProgress = null;
        for (var i = 0; i < header.Count; i++)
        {
            var h = ChineseText.Fold(header[i]).Replace(" ", "", StringComparison.Ordinal);
            // 问题数（个）, 措施数, 数量: a summary's counts, not the problems and measures themselves; nor is a figure
            // given ("问题总数：8    已完成：5" over an OA export's header).
            if (h.Length is 0 or > 12 || FigureGiven().IsMatch(h) || (h.IndexOfAny(['(', '（']) is > 0 and var unit ? h[..unit] : h) is var named && (named.EndsWith('数') || named.EndsWith("数量", StringComparison.Ordinal)))
            {
                continue;
            }
            Column? column = h switch
            {
                // "问题序号 | … | 措施序号": the first number names the row's item, the other goes unread.
                _ when h.EndsWith("序号", StringComparison.Ordinal) || h.EndsWith("编号", StringComparison.Ordinal) => Column.Number,
                // "问题来源" (巡视反馈意见, 专项检查) groups the problems as an aspect does.
                _ when h.Contains("方面", StringComparison.Ordinal) || h.Contains("类别", StringComparison.Ordinal) || h.Contains("类型", StringComparison.Ordinal)
                    || h.Contains("来源", StringComparison.Ordinal) => Column.Aspect,
                _ when h.Contains("措施", StringComparison.Ordinal) || h.Contains("整改任务", StringComparison.Ordinal) => Column.Measure,
                _ when h.Contains("领导", StringComparison.Ordinal) && (h.Contains('/') || h.Contains('\n')) && (h.Contains("部门", StringComparison.Ordinal) || h.Contains("单位", StringComparison.Ordinal) || h.Contains("科室", StringComparison.Ordinal)) => Column.LeaderAndUnit,
                _ when h.Contains("领导", StringComparison.Ordinal) => Column.Leader,
                _ when h.Contains("牵头", StringComparison.Ordinal) && (h.Contains("配合", StringComparison.Ordinal) || h.Contains("协助", StringComparison.Ordinal)) => Column.LeadAndSupporting,
                _ when h.Contains("牵头", StringComparison.Ordinal) || h.Contains("主责", StringComparison.Ordinal) => Column.Lead,
                _ when h.Contains("配合", StringComparison.Ordinal) || h.Contains("协助", StringComparison.Ordinal) || h.Contains("协办", StringComparison.Ordinal)
                    || h.Contains("协同", StringComparison.Ordinal) => Column.Supporting,
                _ when h.Contains("单位", StringComparison.Ordinal) || h.Contains("科室", StringComparison.Ordinal) || h.Contains("股室", StringComparison.Ordinal) || h.Contains("处室", StringComparison.Ordinal)
                    || h.Contains("部门", StringComparison.Ordinal) || h.Contains("主体", StringComparison.Ordinal) => Column.Unit,
                _ when h.Contains("时限", StringComparison.Ordinal) || h.Contains("时间", StringComparison.Ordinal) || h.Contains("期限", StringComparison.Ordinal) => Column.Deadline,
                _ when h.Contains("状态", StringComparison.Ordinal) || h.Contains("销号", StringComparison.Ordinal) => Column.Status,
                _ when h.Contains("完成情况", StringComparison.Ordinal) || h.Contains("是否完成", StringComparison.Ordinal) => Column.Completion,
                // "整改结果" (a 公示's "已整改完成。清理合同47份…") is the account as 整改情况 is, its status in its words.
                _ when h.Contains("情况", StringComparison.Ordinal) || h.Contains("进展", StringComparison.Ordinal) || h.Contains("进度", StringComparison.Ordinal)
                    || h.Contains("结果", StringComparison.Ordinal) => Column.Progress,
                _ when h.Contains("问题", StringComparison.Ordinal) => Column.Problem,
                _ => null,
            };
            if (column is { } c && !map.TryAdd(c, i) && c == Column.Progress)
            {
                secondProgress ??= i;
            }
        }
        // "整改落实情况 | 进展": a second column of progress after the account holds the status (●, 已完成), unless a column
        // named for the status does ("整改进展情况 | 完成进度 | 整改状态", where 完成进度 may hold "—").
        if (secondProgress is { } second)
        {
            map.TryAdd(Column.Status, second);
        }
        // 完成情况 holds the status ("已完成", "正在整改") unless a 销号情况 or 整改状态 column does; then it is the account.
        if (map.Remove(Column.Completion, out var completion))
        {
            map.TryAdd(map.ContainsKey(Column.Status) ? Column.Progress : Column.Status, completion);
        }
        return map;
    }

    [GeneratedRegex(@"[:：]\d")]
    private static partial Regex FigureGiven();
}
