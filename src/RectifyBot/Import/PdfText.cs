using System.Text;
using System.Text.RegularExpressions;
using RectifyBot.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using HeaderWords = System.Collections.Generic.List<(double Left, double Right, string Text)>;

namespace RectifyBot.Import;

/// <summary>
/// A PDF's text in reading order: letters grouped into lines by their baseline, lines top to bottom and letters
/// left to right; a line that runs to the right margin and is followed by one starting at the left margin is
/// joined to it (the page width broke it, not the author); lines set apart at the top or bottom of most pages
/// (running headers and footers) are dropped, and page numbers by the text reader. A table drawn with ruled lines is
/// read cell by cell (<see cref="Tables"/>) and written as a Word table is (<see cref="TableLines"/>), continued across pages.
/// </summary>
internal static partial class PdfText
{
    public const string NoTextLayer = "这个PDF没有文字层（可能是扫描件），无法读取文字。请导入Word文件或带文字的PDF。";

    /// <summary>
    /// A line of text, or a ruled table (<see cref="Rows"/>, its cells' texts) standing where it is on the page;
    /// <see cref="Column"/> is 1 or 2 for the left or right column of a page set in two, 0 across the page; <see cref="Size"/>
    /// is its largest letter's point size.
    /// </summary>
    private sealed record Line(double Top, double Left, double Right, string Text, List<List<string>>? Rows = null, int Column = 0, double Size = 0)
    {
        public static Line Of(TextLine l, int column = 0) =>
            new(l.Key, l.Letters[0].StartBaseLine.X, l.Letters[^1].EndBaseLine.X, l.Text, Column: column, Size: l.Letters.Max(x => x.PointSize));
    }

    public static DocumentText Read(byte[] bytes, ImportOptions options)
    {
        // PdfPig holds the whole file and every letter it finds: a hostile file is stopped by its size and page count.
        if (bytes.Length > options.MaxPackageBytes)
        {
            return DocumentText.Failed($"这个PDF有{PackageLimits.Megabytes(bytes.Length)}MB，超过了{PackageLimits.Megabytes(options.MaxPackageBytes)}MB的上限，未读取。");
        }
        using var document = PdfDocument.Open(bytes);
        if (document.NumberOfPages > options.MaxPages)
        {
            return DocumentText.Failed($"这个PDF有{document.NumberOfPages}页，超过了{options.MaxPages}页的上限，未读取。");
        }
        var pages = new List<List<Line>>();
        AlignedHeader? carried = null;
        foreach (var page in document.GetPages())
        {
            pages.Add(Lines(page, ref carried));
        }
        if (pages.All(p => p.Count == 0))
        {
            return DocumentText.Failed(NoTextLayer);
        }
        var repeated = RunningLines(pages);
        var output = new StringBuilder();
        List<List<string>>? table = null;
        foreach (var page in pages)
        {
            var kept = page.Where(l => l.Rows is not null || (!repeated.Contains(Normalise(l.Text)) && !SourceLines.IsPageNumber(l.Text.Trim()))).ToList();
            var text = kept.Where(l => l.Rows is null).ToList();
            // Each column's own margins: a line that reaches its column's right edge goes on at the next line's start.
            var margins = text.GroupBy(l => l.Column).ToDictionary(g => g.Key, g => (Left: g.Min(l => l.Left), Right: g.Max(l => l.Right)));
            var charWidth = text.Count > 0 ? Math.Max(4, text.Average(l => (l.Right - l.Left) / Math.Max(1, l.Text.Length))) : 4;
            for (var i = 0; i < kept.Count; i++)
            {
                if (kept[i].Rows is { } rows)
                {
                    // A table the page break cut goes on with the same columns (its header, when repeated, once); a row
                    // the break cut in two goes on in the page's first row, which has no number of its own and carries on
                    // a cell the break left mid-sentence (a row under a merged cell starts afresh). Columns are counted
                    // by the widest row (a first row may be merged across: "问题2 | …"). Below another on the same page,
                    // a table is one of its own (a small table a problem).
                    if (table is not null && i == 0 && table.Max(r => r.Count) == rows.Max(r => r.Count))
                    {
                        // A header of two rows (责任 over 牵头领导 | 责任部门) is set again whole.
                        table.AddRange(JoinCut(table, rows.Skip(rows.Zip(table.Take(2)).TakeWhile(p => p.First.SequenceEqual(p.Second)).Count()).ToList()));
                    }
                    else
                    {
                        Flush(ref table, output);
                        table = rows;
                    }
                    continue;
                }
                Flush(ref table, output);
                output.Append(kept[i].Text);
                var (left, right) = margins[kept[i].Column];
                // "…整改完成率" and "69.2%" on the next line: a number too wide for the space left goes over whole.
                var nextWord = i + 1 < kept.Count ? kept[i + 1].Text.TakeWhile(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '%').Count() : 0;
                var reachesMargin = kept[i].Right >= right - Math.Max(1.5, 0.6 * nextWord + 1) * charWidth;
                // A title set larger than the line under it ("…情况的报告" over "县委巡察办：") ends there.
                var nextAtMargin = i + 1 < kept.Count && kept[i + 1].Rows is null && kept[i + 1].Column == kept[i].Column
                    && kept[i + 1].Left <= left + 0.5 * charWidth && !LineMarker.StartsStructure(kept[i + 1].Text) && kept[i].Size <= kept[i + 1].Size + 0.5;
                if (!(reachesMargin && nextAtMargin && !"。；;：:！？".Contains(kept[i].Text[^1])))
                {
                    output.Append('\n');
                }
            }
            output.Append('\n');
        }
        Flush(ref table, output);
        return new DocumentText(output.ToString(), null);
    }

    /// <summary>
    /// Joins the first rows of a page a table goes on to (<paramref name="more"/>) to the table's last row where the
    /// page break cut that row, and returns the rows left. The cut is told by its cells alone: it has no number of its
    /// own, and goes on with a cell the break left mid-sentence (<see cref="CarriesOn"/>) or with the next of the
    /// measures its row's units and deadlines are numbered for ("③建立…" under ①② beside "①业务科②…③县气象台").
    /// Under a merged problem cell, only a measure cut mid-sentence goes on: units never end in punctuation.
    /// Rows begun by their measures' numbers in the first column (no 序号: see MeasureRows) are cut where that column
    /// goes on without one; a problem the break cut goes on in the first column alone.
    /// </summary>
    private static List<List<string>> JoinCut(List<List<string>> table, List<List<string>> more)
    {
        var (number, problem, measure) = TableLines.PlanHeader(table[0]) ?? (-1, -1, -1);
        var led = number < 0 && problem < 0 && measure == 0;
        if (led && more is [[var rest, ..] cutProblem, ..] && table[^1].Count == 1 && LineMarker.Read(table[^1][0]).Kind is not (MarkerKind.Section or MarkerKind.ParenChinese)
            && cutProblem.Skip(1).All(c => c.Length == 0) && LineMarker.Read(rest).Kind == MarkerKind.None)
        {
            table[^1] = [table[^1][0] + rest];
            more = more[1..];
        }
        if (more is [[var start, ..] cut, ..] && (start.Length == 0 || (led && LineMarker.Read(start).Kind == MarkerKind.None)) && cut.Count == table[^1].Count
            && (table[^1][0].Length > 0 || table.Skip(1).All(r => r[0].Length == 0 || r.Count == 1) || SentenceCut(table[^1], cut))
            && (CarriesOn(table[^1], cut, problem) || Completes(table[^1], cut, measure)))
        {
            // A unit's name whole above the break and another under it: a line each, as the cell set them.
            table[^1] = [.. table[^1].Zip(cut).Select((p, c) => p.First.Length > 0 && (LineMarker.Read(p.Second).Kind != MarkerKind.None || (c != problem && c != measure && p.Second.Length > 0 && EndsName(p.First, p.Second)))
                    ? p.First + "\n" + p.Second
                    : p.First + p.Second)
                .Select((cell, c) => led && c > 0 ? NextUnit(table[^1][c], cut[c]) : cell)];
            more = more[1..];
        }
        return more;
    }

    /// <summary>A cut row of measures alone, the next of those the row above numbers its other cells for.</summary>
    private static bool Completes(List<string> above, List<string> cut, int measure)
    {
        if (measure < 0 || cut.Where((c, i) => i != measure && c.Length > 0).Any() || !LineMarker.IsCircled(cut[measure]))
        {
            return false;
        }
        var next = cut[measure][0];
        return above[measure].Contains((char)(next - 1)) && !above[measure].Contains(next) && above.Where((c, i) => i != measure && c.Contains(next)).Any();
    }

    /// <summary>
    /// Whether <paramref name="cut"/> is the rest of the row <paramref name="above"/>, which the page break cut in two: cells
    /// left mid-sentence go on in it ("…日常监督不" | "到位，…"). A numbered item in it must go on with a list above it
    /// ("2.建立…" under "1.清理…") and a date must be cut too ("2025年6" | "月底前"), or the problem, where the number is
    /// an item of a list in the cell ("…落实不到" | "位，…" beside "2.对…"): the next measure's row under a merged problem
    /// cell ("（9）完善…" under "（8）对近三年…") also goes on with the numbers and puts its leader and units beside the
    /// ones above, which read as cut.
    /// </summary>
    private static bool CarriesOn(List<string> above, List<string> cut, int problem)
    {
        var pairs = above.Zip(cut, (a, b) => (Above: a, Cut: b, Marker: LineMarker.Read(b))).Where(p => p.Cut.Length > 0).ToList();
        var numbered = pairs.Where(p => p.Marker.Kind != MarkerKind.None).ToList();
        bool MidSentence(string before, string after) => before.Length > 0 && !"。；;！!？?）)".Contains(before[^1]) && after.Length > 0 && LineMarker.Read(after).Kind == MarkerKind.None;
        var midSentence = pairs.Count(p => MidSentence(p.Above, p.Cut));
        return numbered.Count == 0
            ? midSentence >= 1
            : midSentence >= 1 && numbered.All(p => p.Marker.Ordinal > 1 && LineMarker.Read(p.Above).Kind != MarkerKind.None)
                && (pairs.Any(p => p.Above.Length > 0 && char.IsAsciiDigit(p.Above[^1]) && p.Cut[0] is '年' or '月' or '日' or '号')
                    || (problem >= 0 && MidSentence(above[problem], cut[problem]) && numbered.All(p => p.Marker.Kind == MarkerKind.Arabic)));
    }

    /// <summary>
    /// A sentence the page break cut: "…,严肃追" over "究相关部门…", the text too long for a name and not ended as one;
    /// or cut after a comma ("修订《…办法》，" over "建立…清单。").
    /// </summary>
    private static bool SentenceCut(List<string> above, List<string> cut) =>
        above.Zip(cut).Any(p => p.First.Length >= 12 && p.Second.Length > 0 && LineMarker.Read(p.Second).Kind == MarkerKind.None
            && ((ChineseText.IsHan(p.First[^1]) && !UnitNames.LastCharacters.Contains(p.First[^1])) || p.First[^1] is '，' or '、' or ','));

    private static void Flush(ref List<List<string>>? table, StringBuilder output)
    {
        if (table is not null)
        {
            // Headings the table ended with, kept for its rows on the next page that never came, are the text after it
            // ("四、工作要求" at a page's foot).
            var headings = table.Skip(1).Reverse().TakeWhile(r => r.Count == 1).Count();
            headings = table.Skip(1).Take(table.Count - 1 - headings).Any(r => r.Count > 1) ? headings : 0;
            TableLines.Write(table[..^headings], output);
            foreach (var heading in table[^headings..])
            {
                output.Append(heading[0]).Append('\n');
            }
            table = null;
        }
    }

    /// <summary>
    /// The page's letters as lines, top to bottom, with each ruled table in its place. <paramref name="carried"/>: the
    /// header of a table without rules that ran to the end of the page before, and of one that runs to this page's.
    /// </summary>
    private static List<Line> Lines(Page page, ref AlignedHeader? carried)
    {
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        var tables = Tables(page, letters);
        letters = letters.Where(l => !tables.Any(t => t.Holds(l))).ToList();
        var textLines = TextLines(letters);
        // The page's number at its foot ("—1—", "第3页", a number in the middle) would go into a cell of a table
        // without rules above it; a row's number alone on its line stands at the left.
        if (textLines is [.., var foot] && SourceLines.IsPageNumber(foot.Text.Trim())
            && (!foot.Text.Trim().All(char.IsAsciiDigit) || Math.Abs(foot.Letters.Average(l => l.StartBaseLine.X) - (page.Width / 2)) < page.Width / 10))
        {
            textLines.RemoveAt(textLines.Count - 1);
        }
        // A table without rules also leaves a gutter between its columns: its header says it is one. A page may hold
        // several, each under its own header (a small table under each problem).
        var aligned = new List<(int First, int Last, List<List<string>> Rows, AlignedHeader Header)>();
        var from = 0;
        for (var found = AlignedTable(textLines, carried); found is var (first, last, rows, header); found = from < textLines.Count ? AlignedTable(textLines[from..], null) : null)
        {
            aligned.Add((first + from, last + from, rows, header));
            from += last + 1;
        }
        // Nothing after the last table but a page number or so, or the heading of the rows on the next page ("问题4：…"):
        // it may go on over the page.
        var after = aligned.Count > 0 ? textLines[(aligned[^1].Last + 1)..] : [];
        carried = aligned.Count > 0 && after.Count <= 2 && after.All(l => l.Text.Length < 12 || IsHeading(l)) ? aligned[^1].Header : null;
        if (tables.Count == 0 && aligned.Count == 0 && TwoColumns(textLines) is { } columns)
        {
            return [.. columns.SelectMany(c => TextLines(c.Letters).Select(l => Line.Of(l, c.Column)))];
        }
        // The headings under the last table head its rows on the next page: they stay in it, so that it goes on there.
        var heads = carried is not null ? after.Where(IsHeading).ToList() : [];
        if (heads.Count > 0)
        {
            aligned[^1].Rows.AddRange(heads.Select(h => new List<string> { h.Text }));
        }
        var lines = textLines.Where((l, i) => !aligned.Any(a => i >= a.First && i <= a.Last) && !heads.Contains(l))
            .Select(l => Line.Of(l)).ToList();
        lines.AddRange(aligned.Select(a => new Line(textLines[a.First].Key, 0, 0, "", a.Rows)));
        lines.AddRange(tables.Select(t => new Line(Math.Round(t.Top / 3.0), 0, 0, "", t.Rows)));
        if (aligned.Count > 0 || tables.Count > 0)
        {
            lines.Sort((a, b) => b.Top.CompareTo(a.Top));
        }
        return lines;
    }

    /// <summary>
    /// A page set in two columns (a 公示 laid out as a newspaper): found by a gutter down the page's middle that a run of
    /// lines does not cross, at least six of them with words left of it and six right of it (the columns' baselines need
    /// not meet). Read as it is meant: the lines across the page above the run, its left column, its right one, then
    /// the lines below it.
    /// </summary>
    private static List<(int Column, List<Letter> Letters)>? TwoColumns(List<TextLine> lines)
    {
        if (lines.Count == 0)
        {
            return null;
        }
        // A line's letters, left to right.
        var rows = lines.Select(l => l.Letters).ToList();
        var letters = rows.SelectMany(r => r).ToList();
        var (minX, maxX) = (letters.Min(l => l.StartBaseLine.X), letters.Max(l => l.EndBaseLine.X));
        var (low, high) = (minX + 0.35 * (maxX - minX), minX + 0.65 * (maxX - minX));
        // Most pages have one column: unless six lines start in the middle band or beyond, or leave a blank wider than
        // a letter there, there is no gutter to look for.
        var letter = letters.Select(l => l.EndBaseLine.X - l.StartBaseLine.X).Order().ElementAt(letters.Count / 2);
        if (rows.Count(r => r[0].StartBaseLine.X >= low
                || r.Zip(r.Skip(1)).Any(p => p.Second.StartBaseLine.X - p.First.EndBaseLine.X > letter && p.First.EndBaseLine.X < high && p.Second.StartBaseLine.X > low)) < 6)
        {
            return null;
        }
        // A gutter is wider than the point either side of it: a line across the page may have two letters meet just there.
        bool Crosses(List<Letter> row, double x) => row.Any(l => l.StartBaseLine.X < x + 1 && l.EndBaseLine.X > x - 1);
        (int Start, int End, int Left, int Right) Run(double x)
        {
            var best = (Start: 0, End: 0, Left: 0, Right: 0);
            for (var start = 0; start < rows.Count;)
            {
                var end = start;
                while (end < rows.Count && !Crosses(rows[end], x))
                {
                    end++;
                }
                var run = rows[start..end];
                var (left, right) = (run.Count(r => r.Any(l => l.EndBaseLine.X <= x + 1)), run.Count(r => r.Any(l => l.StartBaseLine.X >= x - 1)));
                if (Math.Min(left, right) > Math.Min(best.Left, best.Right))
                {
                    best = (start, end, left, right);
                }
                start = end + 1;
            }
            return best;
        }
        var (gutter, found) = (0.0, (Start: 0, End: 0, Left: 0, Right: 0));
        for (var x = low; x <= high; x += 1)
        {
            var run = Run(x);
            if (Math.Min(run.Left, run.Right) > Math.Min(found.Left, found.Right))
            {
                (gutter, found) = (x, run);
            }
        }
        if (Math.Min(found.Left, found.Right) < 6)
        {
            return null;
        }
        var block = rows[found.Start..found.End];
        return
        [
            (0, [.. rows[..found.Start].SelectMany(r => r)]),
            (1, [.. block.SelectMany(r => r.Where(l => l.EndBaseLine.X <= gutter + 1))]),
            (2, [.. block.SelectMany(r => r.Where(l => l.StartBaseLine.X >= gutter - 1))]),
            (0, [.. rows[found.End..].SelectMany(r => r)]),
        ];
    }

    /// <summary>
    /// A table drawn without rules, its columns only aligned (序号 问题 整改措施 责任单位 完成时限): found by a line that
    /// names a plan's columns (<see cref="TableLines.PlanHeader"/>), and read to the first line below whose words do
    /// not each sit in one column (a 一、 heading between rows is a row of one cell). Columns part in the blank channels
    /// between the header's words down the lines below. A number in the 序号 column starts a row (or, where the cells are
    /// centred in rows set close together, stands beside its middle: see AlignedRows; a problem's measures each in a cell
    /// of their own are a row each, under its merged cells: see Merge); a line's words go to
    /// the current row's cells, except that a problem cell left mid-sentence takes the words of its column even beside a
    /// new row's number (a problem spans its measures, and its text runs down past them). A page with no header whose
    /// first lines sit in the columns of the table that <paramref name="carried"/> names (the page before's) goes on
    /// with it. The lines it spans, its rows, and its header.
    /// </summary>
    private static (int First, int Last, List<List<string>> Rows, AlignedHeader Header)? AlignedTable(List<TextLine> lines, AlignedHeader? carried)
    {
        for (var h = 0; h < lines.Count; h++)
        {
            var header = WithNumberApart(lines[h].Words);
            var over = h > 0 && h + 1 < lines.Count ? NameStarts(header, lines[h - 1], lines[h], lines[h + 1]) : null;
            header = over ?? header;
            var under = h + 1 < lines.Count ? NameEnds(header, lines[h + 1]) : null;
            for (var e = 0; e < (under?.Count ?? 0); e++)
            {
                header[under![e]] = header[under[e]] with { Text = header[under[e]].Text + lines[h + 1].Words[e].Text };
            }
            // At the foot of the page with no row under it (but a page number), a header of measures' rows, whose rows
            // (and the end of a name set in two lines) are on the next page.
            var atFoot = under is null && lines.Skip(h + 1).All(l => l.Text.Length < 12);
            if (header.Count >= 3 && TableLines.PlanHeader(header.Select(w => w.Text).ToList()) is var (number, problem, measure)
                && (number >= 0 || (problem < 0 && measure == 0 && (atFoot || lines.Skip(h + 1).Any(l => OpensMeasure(l.Text))))))
            {
                if (number < 0 && atFoot)
                {
                    return (h, h, [header.Select(w => w.Text).ToList()], new AlignedHeader(header, null, RowsToCome: true));
                }
                // The table the page before ran to the end of, its header set again under a heading and a row or more
                // of its own: it goes on from the page's top; not where the page opens with the next problem ("问题三：…"),
                // whose own table this is.
                if (h > 0 && carried is not null && header.Select(w => w.Text).SequenceEqual(carried.Words.Select(w => w.Text))
                    && LineMarker.Read(lines[0].Text).Kind is not MarkerKind.Problem)
                {
                    return AlignedRows(lines, -1, carried with { RowsToCome = false });
                }
                // A header set again on the page a table goes on to: its rows are set as the page before's.
                // A header of two lines or three: the table spans them.
                return AlignedRows(lines, under is null ? h : h + 1, new AlignedHeader(header, carried?.Centred)) is var (_, last, rows, found)
                    ? (over is null ? h : h - 1, last, rows, found)
                    : null;
            }
        }
        // The header the page before ended with: the ends of its names may open this page, above its rows.
        return carried is null || lines.Count == 0 ? null
            : AlignedRows(lines, carried.RowsToCome && NameEnds(carried.Words, lines[0]) is not null ? 0 : -1, carried with { RowsToCome = false });
    }

    /// <summary>
    /// "序" over "号", "责任领" over "导": a narrow column's name set in two lines, the second (<paramref name="line"/>)
    /// holding nothing but the ends of names, each under its own. Their columns, or null.
    /// </summary>
    private static List<int>? NameEnds(HeaderWords header, TextLine line) =>
        line.Words is { Count: > 0 and <= 3 } ends && ends.All(e => e.Text.Length <= 2)
        && ends.Select(e => header.FindIndex(w => w.Left < e.Right && e.Left < w.Right)).ToList() is var columns && columns.All(c => c >= 0)
            ? columns
            : null;

    /// <summary>
    /// "责任领" above the header's line and "导" under it: a narrow column's name set in two lines centred on the others'
    /// one (Word's 垂直居中), its first line closer above than a letter's height, each part in a gap between the other
    /// names and ended on the line below. The header with those parts in their places, or null.
    /// </summary>
    private static HeaderWords? NameStarts(HeaderWords header, TextLine above, TextLine line, TextLine below)
    {
        var rise = above.Letters[0].StartBaseLine.Y - line.Letters[0].StartBaseLine.Y;
        if (rise <= 0 || rise >= line.Letters.Max(l => l.PointSize) || above.Words is not { Count: <= 3 } starts
            || starts.Any(s => s.Text.Length > 4 || s.Left < header[0].Right || s.Right > header[^1].Left || header.Any(w => w.Left < s.Right && s.Left < w.Right)))
        {
            return null;
        }
        var named = header.Concat(starts).OrderBy(w => w.Left).ToList();
        return NameEnds(named, below) is { } ends && starts.All(s => ends.Contains(named.IndexOf(s))) ? named : null;
    }

    /// <summary>
    /// The header of a table without rules, and whether its rows' numbers stand beside their rows' middles (null: not
    /// yet known, on the page the header is on); <see cref="RowsToCome"/>: it ended the page before with no row under it.
    /// </summary>
    private sealed record AlignedHeader(HeaderWords Words, bool? Centred, bool RowsToCome = false);

    /// <summary>
    /// A header's words with 序号 apart from the name after it: the narrow column's name is set so close to the next one
    /// ("序号存在问题") that they read as one word. The letters are evenly set, so each part keeps its share of the width.
    /// </summary>
    private static HeaderWords WithNumberApart(HeaderWords words)
    {
        var split = new HeaderWords(words.Count + 1);
        foreach (var (left, right, text) in words)
        {
            if (text.Length > 2 && (text.StartsWith("序号", StringComparison.Ordinal) || text.StartsWith("编号", StringComparison.Ordinal)))
            {
                var letter = (right - left) / text.Length;
                split.Add((left, left + (2 * letter), text[..2]));
                split.Add((left + (2 * letter), right, text[2..]));
                continue;
            }
            split.Add((left, right, text));
        }
        return split;
    }

    /// <summary>The rows of a table without rules below its header, the line <paramref name="h"/> (-1: a page it goes on to).</summary>
    private static (int First, int Last, List<List<string>> Rows, AlignedHeader Header)? AlignedRows(List<TextLine> lines, int h, AlignedHeader aligned)
    {
        var header = aligned.Words;
        var (number, problem, measure) = TableLines.PlanHeader(header.Select(w => w.Text).ToList())!.Value;
        var below = lines.Skip(h + 1).ToList();
        // Not from lines with a word across three columns' names (the prose after the table), nor from headings across
        // it: their letters would put an edge wherever their gaps meet a row number's. (Two cells may be set too close
        // to be two words.)
        var middles = header.Select(w => (w.Left + w.Right) / 2).ToList();
        var edges = Edges(header, below.Where(l => !IsHeading(l) && !l.Words.Any(w => middles.Count(x => w.Left < x && x < w.Right) > 2)).SelectMany(l => l.Letters).ToList());
        int ColumnOf(Letter letter) => Column(edges, letter);
        // The step from one line of a cell to the next (rows are set further apart), the middle of the steps below the
        // header (the prose above is set otherwise): a wider one before a line that starts no row (the signature under
        // the table) ends the table, and one before a line with no number starts a row. Not a step under a letter's
        // height: cells centred in their row put their lines between the others' (lines' keys are a third of a point),
        // and a cell's lines may be set wider apart than those in-between steps.
        var sizes = lines.SelectMany(l => l.Letters).Select(l => l.PointSize).Order().ToList();
        var height = sizes[sizes.Count / 2] / 3;
        var steps = below.Zip(below.Skip(1), (a, b) => a.Key - b.Key).Where(d => d >= height).Order().ToList();
        var step = steps.Count > 0 ? steps[steps.Count / 2] : 0;
        if (number < 0)
        {
            return MeasureRows(lines, h, aligned, edges, step);
        }
        // Each line's number, read once: the rows are counted by them before the lines are gone through.
        var numbered = below.ToDictionary<TextLine, TextLine, string?>(line => line, line => RowNumber().Match(string.Concat(line.Letters.Where(l => ColumnOf(l) == number).Select(l => Unified(l.Value))))
            is { Success: true } n ? n.Groups["n"].Value : null, ReferenceEqualityComparer.Instance);
        string? NumberOf(TextLine line) => numbered[line];
        // Rows set close together with their cells centred (Word's 垂直居中), no blank between them: a number stands
        // beside its row's middle, so a row ends as far below its number as it starts above it, and the lines above a
        // number may be its row's or the row before's. Known by lines before the first number under the header; a page
        // the table goes on to is as the page before.
        var numbers = below.Where(l => NumberOf(l) is not null && !IsHeading(l)).Select(l => l.Key).ToList();
        var headingKeys = below.Where(IsHeading).Select(l => l.Key).ToList();
        // No heading between a row's first line and its number: a number under a heading is the next part's.
        bool Reaches(double from, double to) => !headingKeys.Any(k => k < from && k > to);
        // A line across the columns above the first number is the rest of a heading ("问题一：…" on two lines), no cell.
        bool Across(TextLine l) => l.Letters.Any(x => edges.Any(e => x.StartBaseLine.X < e - 1 && x.EndBaseLine.X > e + 1));
        var centred = aligned.Centred ?? (numbers.Count > 0 && below.Any(l => l.Key > numbers[0] + (step / 2) && !IsHeading(l) && !Across(l) && Reaches(l.Key, numbers[0])));
        // A number by each problem, and its measures each in a row of their own ("（1）…", "（2）…" under 整改措施, their
        // units and deadlines centred beside them): the rows are the measures', each begun by its own number, and the
        // problem's number, like its text, spans them.
        bool StartsMeasure(TextLine line) =>
            measure >= 0 && OpensMeasure(string.Concat(line.Letters.Where(l => ColumnOf(l) == measure).Select(l => Unified(l.Value))));
        var byMeasure = centred && below.Count(StartsMeasure) > numbers.Count;
        // The rows read with the first numbered row begun by below[first] (on a page the table goes on to, the lines above
        // it end the row the break cut), the last line they span, and how many of its numbers stand off their rows (Misfits).
        (List<List<string>> Rows, int Last, int Misfits) Read(int first)
        {
            var rows = new List<List<string>> { header.Select(w => w.Text).ToList() };
            List<string>? row = null;
            var (last, unnumbered) = (h, h);
            var previous = lines[Math.Max(h, 0)].Key;
            var (next, rowEnd) = (0, 0.0);
            // Each numbered row's number, its lines, and those of its problem's cell (or its measure's).
            var spans = new List<(double Number, List<double> Lines, List<double> Cell)>();
            // Each numbered row's rows, one for each of its measures' cells; the last line of measures' text in it.
            var groups = new List<List<List<string>>>();
            var measureKey = double.MinValue;
            // On the page a table goes on to, its first row may be the end of one the break cut (no number of its own).
            List<string>? cut = null;
            // The headings the last rows are, from which row and after which line.
            (int Row, int Line)? headings = null;
            // The header set again under a heading, its 序 over 号 as the first one's may be.
            bool HeaderAgain(HeaderWords words) => words.Count == rows[0].Count && words.Zip(rows[0]).All(p => p.First.Text == p.Second || p.First.Text + "号" == p.Second);
            var again = false;
            for (var i = 0; i < below.Count; i++)
            {
                var line = below[i];
                var words = line.Words;
                var apart = previous - line.Key > 1.6 * step;
                previous = line.Key;
                if (HeaderAgain(words) || (again && words is [(_, _, "号")]))
                {
                    again = HeaderAgain(words);
                    last++;
                    continue;
                }
                again = false;
                // "合计：反馈问题12个，已完成9个，…" under the last row: the table's sum, said as prose after it.
                if (line.Text.StartsWith("合计", StringComparison.Ordinal) || line.Text.StartsWith("总计", StringComparison.Ordinal))
                {
                    break;
                }
                // A heading across the table (一、 or, alone on its line, （一）) is a row of one cell.
                if (IsHeading(line))
                {
                    headings ??= (rows.Count, last);
                    rows.Add([line.Text]);
                    row = null;
                    last++;
                    continue;
                }
                // A letter across a column's edge is prose: the table has ended (not a word: a cell's text may run up to the
                // next column's with less than a letter's width between them), but for the rest of a heading across it that
                // its width broke ("问题一：…巡林记录" over "缺失率达40%。"), and its leader in brackets after its full stop
                // ("…未及时续签。" over "（责任领导：陈锋）"). The rest of a bracket left open goes on however narrow ("…（责任领导：马晓" over "燕）").
                var across = Across(line);
                if (rows[^1] is [var heading] && rows.Count > 1 && !apart
                    && ((across && (!"。；;".Contains(heading[^1]) || (line.Text.StartsWith('（') && line.Text.EndsWith('）'))))
                        || (heading.Count(c => c == '（') > heading.Count(c => c == '）') && NumberOf(line) is null)))
                {
                    rows[^1][0] = heading + line.Text;
                    last++;
                    continue;
                }
                if (across)
                {
                    break;
                }
                headings = null;
                var cells = new string?[header.Count];
                foreach (var letter in line.Letters)
                {
                    var column = ColumnOf(letter);
                    cells[column] = (cells[column] ?? "") + Unified(letter.Value);
                }
                if (byMeasure)
                {
                    if (row is null || StartsMeasure(line))
                    {
                        row = [.. Enumerable.Repeat("", header.Count)];
                        rows.Add(row);
                    }
                    else if (apart)
                    {
                        break;
                    }
                    cells[number] = null;
                }
                else if (centred)
                {
                    // The row goes on to as far below its number as it began above it; the first line past that starts the
                    // next, whose number is the next one down.
                    if (row is null || apart || line.Key < rowEnd - (step / 2) || i == first)
                    {
                        while (next < numbers.Count && numbers[next] > line.Key + (step / 2))
                        {
                            next++;
                        }
                        if (i >= first && next < numbers.Count && Reaches(line.Key, numbers[next]))
                        {
                            spans.Add((numbers[next], [], []));
                            rowEnd = (2 * numbers[next++]) - line.Key;
                            row = [.. Enumerable.Repeat("", header.Count)];
                            rows.Add(row);
                            groups.Add([row]);
                            measureKey = double.MinValue;
                        }
                        else if (row is null && rows.Count == 1)
                        {
                            // The end of a row the page break cut, above the page's first heading (the header may be set again).
                            rowEnd = double.MinValue;
                            row = cut = [.. Enumerable.Repeat("", header.Count)];
                            rows.Add(row);
                        }
                        else if (apart || row is null)
                        {
                            break;
                        }
                    }
                    if (NumberOf(line) is { } own)
                    {
                        cells[number] = null;
                        row[number] = own;
                    }
                    if (row != cut)
                    {
                        spans[^1].Lines.Add(line.Key);
                        spans[^1].Cell.AddRange(cells[problem >= 0 ? problem : measure] is null ? [] : [line.Key]);
                        // A problem's measures each in a cell of their own ("2.…" past a blank under "1.…"), their units
                        // and deadlines beside each: a row each, under the numbered row's merged cells (see Merge).
                        if (measure >= 0 && cells[measure] is { } said)
                        {
                            if (measureKey - line.Key > 1.6 * step && LineMarker.Read(said).Kind != MarkerKind.None)
                            {
                                row = [.. Enumerable.Repeat("", header.Count)];
                                rows.Add(row);
                                groups[^1].Add(row);
                            }
                            measureKey = line.Key;
                        }
                    }
                }
                else if (NumberOf(line) is { } n)
                {
                    cells[number] = null;
                    // Not the end of a row the page break cut: a number starts the next.
                    if (row is null || row[number].Length > 0 || apart || row == cut)
                    {
                        row = [.. Enumerable.Repeat("", header.Count)];
                        rows.Add(row);
                    }
                    row[number] = n;
                }
                else if (row is null || apart)
                {
                    // A row's number may stand beside its middle line, its first lines above it: they start the row. Lines
                    // set apart that no number follows are what comes after the table (a signature).
                    if (row is not null && row[number].Length == 0 && row != cut)
                    {
                        break;
                    }
                    row = [.. Enumerable.Repeat("", header.Count)];
                    rows.Add(row);
                    unnumbered = last;
                    cut ??= h < 0 && rows.Count == 2 ? row : null;
                }
                for (var c = 0; c < cells.Length; c++)
                {
                    if (cells[c] is not { } text)
                    {
                        continue;
                    }
                    // Not across a blank between rows: a cell's lines are set closer than that. Only where the rows are
                    // measures: in a notice's table each row is a problem of its own.
                    var above = c == problem && !apart && measure >= 0 ? rows.Skip(1).LastOrDefault(r => r.Count == header.Count && r[c].Length > 0 && r != row) : null;
                    var target = above is not null && row[c].Length == 0 && !"。；;！!？?".Contains(above[c][^1]) ? above : row;
                    // A line that starts a numbered item ("②调整…", "②办公室") starts a line of its own, as the cell sets it;
                    // a short one under a unit's name names another ("镇财政所" over "各村委会").
                    target[c] = c != problem && target[c].Length > 0 && LineMarker.Read(text).Kind is MarkerKind.ParenArabic ? target[c] + "\n" + text
                        : c != problem && c != measure && NamesAnother(target[c], text) ? target[c] + "、" + text
                        : target[c] + text;
                }
                last++;
            }
            foreach (var group in groups.Where(g => g.Count > 1))
            {
                Merge(group, measure);
            }
            if (!byMeasure && row is not null && row[number].Length == 0 && row != cut)
            {
                rows.Remove(row);
                last = unnumbered;
            }
            // Headings with no row under them head what follows the table.
            else if (headings is var (from, line))
            {
                rows.RemoveRange(from, rows.Count - from);
                last = line;
            }
            return (rows, last, Misfits(numbers, spans, step));
        }
        var read = Read(0);
        // Rows set close on a page a table goes on to: its first lines may start the first numbered row, or end the row the
        // break cut above it, which stands as far above the number as that row ends below it. The rows under a wrong start
        // stand off their numbers; the first start under which the fewest do is the row's.
        if (h < 0 && centred && !byMeasure && numbers.Count > 0)
        {
            for (var first = 1; first < below.Count && below[first].Key >= numbers[0]; first++)
            {
                if (Read(first) is var other && other.Misfits < read.Misfits)
                {
                    read = other;
                }
            }
        }
        var (rows, last, _) = read;
        // Headings alone, on a page a table may have gone on to, are the prose after it (its 一、二、 parts).
        return rows.Skip(1).Any(r => r.Count > 1) ? (Math.Max(h, 0), last, rows, aligned with { Centred = centred }) : null;
    }

    /// <summary>
    /// The rows of one numbered row's measures, each beside its own cells: a cell beside one of them alone, the others'
    /// blank, is merged over them all (the problem, its number, 责任领导 and a lead unit centred on the numbered row's
    /// middle: "王秀梅 水资源股" beside the second of three measures); a column with text beside two or more is each row's own.
    /// </summary>
    private static void Merge(List<List<string>> group, int measure)
    {
        for (var c = 0; c < group[0].Count; c++)
        {
            if (c != measure && group.Where(r => r[c].Length > 0).ToList() is [var only])
            {
                foreach (var row in group)
                {
                    row[c] = only[c];
                }
            }
        }
    }

    /// <summary>
    /// How many of a table's <paramref name="numbers"/> stand off the rows read, whose cells are centred in them: those
    /// that started no row, and those more than a third of a line's step from the middle of their row's lines or of its
    /// problem's cell (a row's lines are centred about its number, and so is each cell's text).
    /// </summary>
    private static int Misfits(List<double> numbers, List<(double Number, List<double> Lines, List<double> Cell)> spans, double step)
    {
        bool Off(List<double> keys, double number) => keys.Count > 0 && Math.Abs(((keys[0] + keys[^1]) / 2) - number) > step / 3;
        return numbers.Count - spans.Count + spans.Count(s => Off(s.Lines, s.Number) || Off(s.Cell, s.Number));
    }

    /// <summary>
    /// A table without rules and with no 序号 column whose rows are its measures, each begun by its own number in the
    /// first column (① or （1）), its leader, units and deadline centred beside it; each problem runs across the table above
    /// its measures ("1.耕地保护责任落实不到位。…", on as many lines as it takes), and a heading ("（一）…方面") is a row of
    /// one cell. A line beside no measure text goes to the row whose measure lines' middle is nearest: a cell of three
    /// lines beside a measure of two starts above the measure's number. On the page a table goes on to, the lines above
    /// its first number are the end of the row (or the problem) the page break cut, for <see cref="Read"/> to join.
    /// A line across the columns that starts no problem, or one set apart that starts no measure, ends the table.
    /// </summary>
    private static (int First, int Last, List<List<string>> Rows, AlignedHeader Header)? MeasureRows(List<TextLine> lines, int h, AlignedHeader aligned,
        List<double> edges, double step)
    {
        var header = aligned.Words.Select(w => w.Text).ToList();
        int ColumnOf(Letter letter) => Column(edges, letter);
        var rows = new List<List<string>> { header };
        // The measures' rows since the last problem or heading, each with the keys of its measure lines and all its lines'
        // cells; and the lines beside no measure text, until the rows they may belong to are known.
        var block = new List<(List<string> Row, List<double> Keys, List<(double Key, string?[] Cells)> Lines)>();
        var beside = new List<(double Key, string?[] Cells)>();
        List<string>? problem = null;
        void Start(double key)
        {
            block.Add(([.. Enumerable.Repeat("", header.Count)], [key], []));
            rows.Add(block[^1].Row);
        }
        void Close()
        {
            if (beside.Count > 0 && block.Count == 0)
            {
                Start(beside[0].Key);
            }
            foreach (var line in beside)
            {
                block.MinBy(r => Math.Abs(((r.Keys[0] + r.Keys[^1]) / 2) - line.Key)).Lines.Add(line);
            }
            foreach (var (row, _, cells) in block)
            {
                foreach (var (_, line) in cells.OrderByDescending(l => l.Key))
                {
                    for (var c = 0; c < line.Length; c++)
                    {
                        row[c] = c > 0 ? NextUnit(row[c], line[c] ?? "") : row[c] + line[c];
                    }
                }
            }
            (block, beside) = ([], []);
        }
        (int Row, int Line)? headings = null;
        var last = h;
        var previous = h >= 0 ? lines[h].Key : lines.Count > 0 ? lines[0].Key : 0;
        foreach (var line in lines.Skip(h + 1))
        {
            var apart = previous - line.Key > 1.6 * step;
            previous = line.Key;
            if (line.Words.Select(w => w.Text).SequenceEqual(header))
            {
                last++;
                continue;
            }
            if (IsHeading(line) || LineMarker.Read(line.Text).Kind is MarkerKind.Arabic or MarkerKind.Problem)
            {
                Close();
                headings = IsHeading(line) ? headings ?? (rows.Count, last) : null;
                problem = IsHeading(line) ? null : [line.Text];
                rows.Add(problem ?? [line.Text]);
                last++;
                continue;
            }
            var cells = new string?[header.Count];
            foreach (var letter in line.Letters)
            {
                cells[ColumnOf(letter)] += Unified(letter.Value);
            }
            var across = line.Letters.Any(l => edges.Any(e => l.StartBaseLine.X < e - 1 && l.EndBaseLine.X > e + 1));
            var firstOnly = cells.Skip(1).All(c => c is null);
            // The problem goes on, down the first column or across the table; on the page a table goes on to, from the page before.
            if (block.Count == 0 && beside.Count == 0 && (across || firstOnly) && (problem is not null || (rows.Count == 1 && across)))
            {
                if (problem is null)
                {
                    problem = [.. Enumerable.Repeat("", header.Count)];
                    rows.Add(problem);
                }
                problem[0] += line.Text;
                last++;
                continue;
            }
            var starts = cells[0] is { } first && OpensMeasure(first);
            // Prose below the table; a line set apart (a signature); a line of text after the headings that end the table.
            if (across || (apart && !starts) || (cells[0] is not null && !starts && block.Count == 0 && rows.Count > 1))
            {
                break;
            }
            headings = null;
            // A row's first line; on the page a table goes on to, the lines above its first number end the row the break cut.
            if (starts || (block.Count == 0 && rows.Count == 1))
            {
                Start(starts ? line.Key : h >= 0 ? lines[h].Key : line.Key + step);
            }
            if (cells[0] is not null)
            {
                block[^1].Keys.Add(line.Key);
                block[^1].Lines.Add((line.Key, cells));
            }
            else
            {
                beside.Add((line.Key, cells));
            }
            last++;
        }
        Close();
        // Headings with no row under them head what follows the table.
        if (headings is var (from, end))
        {
            rows.RemoveRange(from, rows.Count - from);
            last = end;
        }
        return rows.Count > 1 ? (Math.Max(h, 0), last, rows, aligned with { Centred = true }) : null;
    }

    /// <summary>The column of a table without rules a letter stands in, by where its middle falls between the edges.</summary>
    private static int Column(List<double> edges, Letter letter) => edges.Count(e => (letter.StartBaseLine.X + letter.EndBaseLine.X) / 2 > e);

    /// <summary>A cell of a row begun by its measure's number, and its next line: one after "（牵头）" names the next unit.</summary>
    private static string NextUnit(string cell, string line) => line.Length > 0 && cell.EndsWith('）') ? cell + "\n" + line : cell + line;

    private static bool OpensMeasure(string text) => LineMarker.Read(text).Kind is MarkerKind.ParenArabic;

    /// <summary>A heading across a table: 一、, or alone on its line （一） or "问题4：…" (not "问题6" numbering a row).</summary>
    private static bool IsHeading(TextLine line) =>
        LineMarker.Read(line.Text).Kind is var kind && (kind is MarkerKind.Section || (kind is MarkerKind.ParenChinese or MarkerKind.Problem && line.Words.Count == 1));

    /// <summary>A line's words: runs of letters parted by a gap wider than a character, with where each starts and ends.</summary>
    private static List<(double Left, double Right, string Text)> Words(List<Letter> letters)
    {
        var words = new List<(double, double, string)>();
        var start = 0;
        for (var i = 1; i <= letters.Count; i++)
        {
            if (i == letters.Count || letters[i].StartBaseLine.X - letters[i - 1].EndBaseLine.X > Math.Max(letters[i - 1].Width, 2) * 0.9)
            {
                words.Add((letters[start].StartBaseLine.X, letters[i - 1].EndBaseLine.X, string.Concat(letters[start..i].Select(l => Unified(l.Value)))));
                start = i;
            }
        }
        return words;
    }

    /// <summary>
    /// Where each column ends: between two header words, the middle of the widest stretch the letters below cover least
    /// (a blank channel down the table; a line of prose after it crosses it once).
    /// </summary>
    private static List<double> Edges(List<(double Left, double Right, string Text)> header, List<Letter> below)
    {
        var edges = new List<double>();
        for (var k = 0; k + 1 < header.Count; k++)
        {
            var (from, to) = ((header[k].Left + header[k].Right) / 2, (header[k + 1].Left + header[k + 1].Right) / 2);
            var covered = new List<(double X, int Count)>();
            for (var x = from; x <= to; x += 1)
            {
                covered.Add((x, below.Count(l => l.StartBaseLine.X <= x && x <= l.EndBaseLine.X)));
            }
            var least = covered.Min(c => c.Count);
            var (bestStart, bestLength, runStart) = (from, -1, -1);
            for (var i = 0; i <= covered.Count; i++)
            {
                if (i < covered.Count && covered[i].Count == least)
                {
                    runStart = runStart < 0 ? i : runStart;
                    continue;
                }
                if (runStart >= 0 && i - runStart > bestLength)
                {
                    (bestStart, bestLength) = (covered[runStart].X, i - runStart);
                }
                runStart = -1;
            }
            edges.Add(bestStart + bestLength / 2.0);
        }
        return edges;
    }

    /// <summary>Letters grouped into lines by their baseline, top to bottom; a gap wider than a character becomes a space.</summary>
    private static List<TextLine> TextLines(IEnumerable<Letter> letters)
    {
        var lines = new List<TextLine>();
        // Baselines a hair apart in one row are merged by rounding.
        foreach (var group in letters.GroupBy(l => Math.Round(l.StartBaseLine.Y / 3.0)).OrderByDescending(g => g.Key))
        {
            var ordered = group.OrderBy(l => l.StartBaseLine.X).ToList();
            var words = Words(ordered);
            if (string.Join(' ', words.Select(w => w.Text)).Trim() is { Length: > 0 } line)
            {
                lines.Add(new TextLine(group.Key, ordered, words, line));
            }
        }
        return lines;
    }

    /// <summary>A line of letters on one baseline (its rounded height, <see cref="Key"/>), its words and its text.</summary>
    private sealed record TextLine(double Key, List<Letter> Letters, List<(double Left, double Right, string Text)> Words, string Text);

    /// <summary>
    /// A letter as the ideograph it stands for: some PDF writers map a font's glyphs to the Kangxi radicals (⼀ U+2F00
    /// for 一, ⽅ for 方) or the radicals' supplement (⻝ for 食, ⻅ for 见), which look the same and match nothing. A
    /// Kangxi radical's compatibility form is the ideograph; the supplement's that stand alone as characters are listed.
    /// </summary>
    private static string Unified(string letter)
    {
        if (letter.Length != 1 || letter[0] is < '\u2E80' or > '\u2FDF')
        {
            return letter;
        }
        var supplement = RadicalForms.IndexOf(letter[0]);
        return supplement >= 0 ? Ideographs[supplement].ToString() : letter.Normalize(NormalizationForm.FormKC);
    }

    private const string RadicalForms = "⻅⻆⻉⻋⻓⻔⻙⻚⻛⻜⻢⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳⻝⻘⻄⻣⻤⻑⻁⻊⻗⻡⺠⺼";
    private const string Ideographs = "见角贝车长门韦页风飞马鱼鸟卤麦黄黾齐齿龙龟食青西骨鬼長虎足雨首民肉";

    /// <summary>A ruled table's bounds and its rows of cell texts.</summary>
    private readonly record struct RuledTable(double Left, double Right, double Bottom, double Top, List<List<string>> Rows)
    {
        public bool Holds(Letter l) => Middle(l) is var (x, y) && x > Left && x < Right && y > Bottom && y < Top;
    }

    private static (double X, double Y) Middle(Letter l) => ((l.StartBaseLine.X + l.EndBaseLine.X) / 2, l.StartBaseLine.Y + 1);

    /// <summary>
    /// The tables the page draws with ruled lines, top to bottom: each run of vertical rules that overlap one another
    /// down the page is one table (a summary table above the measures' table is a table of its own).
    /// </summary>
    private static List<RuledTable> Tables(Page page, List<Letter> letters)
    {
        var rules = page.Paths.Where(p => p.IsStroked || p.IsFilled)
            .Select(p => p.GetBoundingRectangle()).OfType<PdfRectangle>().ToList();
        var horizontal = rules.Where(r => r.Height <= 1.5 && r.Width >= 10).ToList();
        var tables = new List<RuledTable>();
        var group = new List<PdfRectangle>();
        foreach (var v in rules.Where(r => r.Width <= 1.5 && r.Height >= 8).OrderByDescending(v => v.Top))
        {
            if (group.Count > 0 && v.Top < group.Min(g => g.Bottom) - 2)
            {
                tables.AddRange(Table(group, horizontal, letters) is { } t ? [t] : []);
                group = [];
            }
            group.Add(v);
        }
        tables.AddRange(group.Count > 0 && Table(group, horizontal, letters) is { } last ? [last] : []);
        return tables;
    }

    /// <summary>
    /// A table drawn with these vertical rules and the page's horizontal ones, read cell by cell: columns between its
    /// vertical rules, rows between its horizontal ones. A cell the rules merge over several rows (a problem spanning its
    /// measures, a lead unit over two) is each row's, as a merged Word cell is (<see cref="DocxText"/>); a row the vertical rules do
    /// not cross (一、…方面) is one cell. A wrapped cell's lines are joined, a new numbered line inside it kept on its own.
    /// Null when the rules draw no table of two columns or more.
    /// </summary>
    private static RuledTable? Table(List<PdfRectangle> vertical, List<PdfRectangle> horizontal, List<Letter> letters)
    {
        var xs = Distinct(vertical.Select(v => (v.Left + v.Right) / 2));
        if (xs.Count < 3 || horizontal.Count < 2)
        {
            return null;
        }
        var (top, bottom) = (vertical.Max(v => v.Top), vertical.Min(v => v.Bottom));
        horizontal = horizontal.Where(h => h.Bottom >= bottom - 2 && h.Top <= top + 2).ToList();
        var ys = Distinct(horizontal.Select(h => (h.Top + h.Bottom) / 2));
        ys.Reverse();
        // A row the page break cut has no rule under it: the vertical rules end where it does.
        if (ys.Count > 0 && ys[^1] - bottom > 4)
        {
            ys.Add(bottom);
        }
        bool Across(double y, double x) => horizontal.Any(h => Math.Abs((h.Top + h.Bottom) / 2 - y) < 2 && h.Left - 2 <= x && x <= h.Right + 2);
        bool Down(double x, double y) => vertical.Any(v => Math.Abs((v.Left + v.Right) / 2 - x) < 2 && v.Bottom - 2 <= y && y <= v.Top + 2);
        var middles = ys.Zip(ys.Skip(1), (a, b) => (a + b) / 2).ToList();
        var columns = xs.Where(x => middles.Count(y => Down(x, y)) * 2 > middles.Count).ToList();
        var rows = new List<List<string>>();
        // The text of the cell at each left rule, carried down while the rules merge cells below into it.
        var above = new Dictionary<double, string>();
        for (var band = 0; band + 1 < ys.Count; band++)
        {
            var (rowTop, middle) = (ys[band], (ys[band] + ys[band + 1]) / 2);
            // A row as a Word table gives it: a cell per region between the rules that cross it, so that a row merged
            // across the table is one cell; a region merged down from the row above holds that cell's text.
            var separators = xs.Where(x => Down(x, middle)).ToList();
            var row = new List<string>();
            for (var c = 0; c + 1 < separators.Count; c++)
            {
                var (left, right) = (separators[c], separators[c + 1]);
                var centre = (left + right) / 2;
                var cellBottom = ys.Skip(band + 1).FirstOrDefault(y => Across(y, centre), ys[^1]);
                var inside = letters.Where(l => Middle(l) is var (x, y) && x > left && x < right && y > cellBottom && y < rowTop);
                var text = Across(rowTop, centre) ? CellText(TextLines(inside).Select(l => l.Text)) : above.GetValueOrDefault(left, "");
                above[left] = text;
                row.Add(text);
                // A cell of a row of three or more merged across columns ("责任" over 牵头领导 | 责任部门) keeps their places,
                // blank, so the columns after it stay under their names. Columns are the rules down most rows: not the edge
                // of a narrow label only its own row has ("问题2" | its text across the table).
                if (separators.Count > 3)
                {
                    row.AddRange(Enumerable.Repeat("", columns.Count(x => x > left + 2 && x < right - 2)));
                }
            }
            if (row.Any(c => c.Length > 0))
            {
                rows.Add(row);
            }
        }
        // One row of three columns or more is a table too: the last row of one the page break carried over.
        return rows.Count > 1 || (rows.Count == 1 && xs.Count > 3) ? new RuledTable(xs[0], xs[^1], ys[^1], ys[0], rows) : null;
    }

    /// <summary>Whether a cell's next line, short and without a comma, names another unit after the one it ends with.</summary>
    private static bool NamesAnother(string cell, string line) => line.Length is > 0 and <= 16 && !line.Contains('，') && EndsName(cell, line);

    /// <summary>
    /// Whether a unit cell's text so far ends a name, so that its next line names another: "党群工作部（牵头）" over
    /// "综合办公室" (a name closed by its mark ends too), not "招生就业处、科" over "研处" (one character of a name the width
    /// broke); "城关税务分局" over "新城税务分局" (局 ends a name when a whole name follows), not over "办公室" (县民政局办公室);
    /// "各直属库" over "安全生产部" (库 likewise), not "国库" over "股", nor "办公室、驻局" over "纪检监察组" (局 alone after a
    /// character is no name); not "党委办公室（纪委" over "办公室）"; not "各监督科" over "室" (one character alone names no unit:
    /// it is the end of the name the width broke); nor "县公路养护中心" over "（牵头）、各乡镇", its role in brackets.
    /// </summary>
    private static readonly string[] GenericNames = ["学院", "学校", "医院", "公司", "中心", "部门"];

    private static bool EndsName(string text, string line) =>
        text.Length > 0 && line.Length > 1 && line[0] is not ('（' or '(') && ("科股室队所站委部院处馆厅组）)".Contains(text[^1]) || text.EndsWith("中心", StringComparison.Ordinal)
            || (text[^1] == '局' && line.Length >= 4 && line[0] != '办' && text.Length - text.LastIndexOf('、') > 3) || (text[^1] == '库' && line.Length >= 3))
        && !(text.Length >= 2 && text[^2] is '、' or '：' or ':')
        // "科研办公室、学院" over "团委": a bare 学院 is no one's name yet.
        && !(text.Length >= 3 && text[^3] is '、' && GenericNames.Contains(text[^2..]))
        // "党委办公室（纪委" over "办公室）": a name inside brackets not yet closed goes on.
        && text.LastIndexOfAny(['（', '(']) <= text.LastIndexOfAny(['）', ')']);

    /// <summary>
    /// A cell's lines: a line the cell's width broke runs on; one that starts a numbered item stays apart. A cell whose
    /// of short lines without punctuation that ends a unit's name lists units (养老服务科 / 政策法规科, 区社会救助服务 / 中心 /
    /// 各街道民政办): a line after one that completes a name (…科, …中心) starts the next; after 各乡, 局办 or 国库 股 it goes on.
    /// </summary>
    private static string CellText(IEnumerable<string> cell)
    {
        var lines = cell.ToList();
        var text = new StringBuilder();
        if (lines.Count > 1 && lines.All(l => l.Length <= 16 && !l.Contains('，') && !l.Contains('。')) && UnitNames.LastCharacters.Contains(lines[^1][^1]))
        {
            foreach (var line in lines)
            {
                // "牵头：教务处" over "配合：各二级学院": a line that opens with a label is a field of its own.
                if (text.Length > 0 && FieldLabel.OpensWithLabel(line))
                {
                    text.Append('\n').Append(line);
                    continue;
                }
                text.Append(EndsName(text.ToString(), line) ? "、" : "").Append(line);
            }
            return text.ToString();
        }
        foreach (var line in lines)
        {
            if (text.Length > 0 && LineMarker.Read(line).Kind != MarkerKind.None)
            {
                text.Append('\n');
            }
            else if (text.Length > 0 && char.IsAsciiLetterOrDigit(text[^1]) && char.IsAsciiLetterOrDigit(line[0]))
            {
                text.Append(' ');
            }
            text.Append(line);
        }
        return text.ToString();
    }

    /// <summary>Positions a point or two apart taken as one, in increasing order.</summary>
    private static List<double> Distinct(IEnumerable<double> positions)
    {
        var distinct = new List<double>();
        foreach (var p in positions.Order())
        {
            if (distinct.Count == 0 || p - distinct[^1] > 2)
            {
                distinct.Add(p);
            }
        }
        return distinct;
    }

    /// <summary>
    /// Running headers and footers: a page's first or last line that stands apart from the body (a gap wider than
    /// one and a half lines) and whose text, digits blanked, recurs so on more than half the pages; of two pages, the
    /// first or last line both have alike (a sheet printed on two pages: "…整改台账" over each).
    /// </summary>
    private static HashSet<string> RunningLines(List<List<Line>> pages)
    {
        if (pages.Count < 2)
        {
            return [];
        }
        var candidates = new List<string>();
        foreach (var page in pages.Select(p => p.Where(l => l.Rows is null).ToList()))
        {
            if (pages.Count == 2 && page.Count > 0)
            {
                candidates.AddRange(page.Count == 1 ? [Normalise(page[0].Text)] : [Normalise(page[0].Text), Normalise(page[^1].Text)]);
                continue;
            }
            if (page.Count < 3)
            {
                continue;
            }
            var gaps = page.Zip(page.Skip(1), (a, b) => a.Top - b.Top).Order().ToList();
            var usual = gaps[gaps.Count / 2];
            if (page[0].Top - page[1].Top > 1.5 * usual)
            {
                candidates.Add(Normalise(page[0].Text));
            }
            if (page[^2].Top - page[^1].Top > 1.5 * usual)
            {
                candidates.Add(Normalise(page[^1].Text));
            }
        }
        return candidates.GroupBy(t => t).Where(g => pages.Count == 2 ? g.Count() == 2 : g.Count() * 2 > pages.Count).Select(g => g.Key).ToHashSet();
    }


    private static string Normalise(string text) => new(text.Select(c => char.IsDigit(c) ? '#' : c).Where(c => !char.IsWhiteSpace(c)).ToArray());

    // "12", "12." as a list would number it, "问题12" as a report would.
    [GeneratedRegex(@"^(?:问题|措施|第)?(?<n>\d+)[.、]?$", RegexOptions.CultureInvariant)]
    private static partial Regex RowNumber();
}
