using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace RectifyBot.Import;

/// <summary>
/// A PDF's text in reading order: letters grouped into lines by their baseline, lines top to bottom and letters
/// left to right; a line that runs to the right margin and is followed by one starting at the left margin is
/// joined to it (the page width broke it, not the author); lines set apart at the top or bottom of most pages
/// (running headers and footers) are dropped, and page numbers by the text reader.
/// </summary>
internal static class PdfText
{
    public const string NoTextLayer = "这个PDF没有文字层（可能是扫描件），无法读取文字。请导入Word文件或带文字的PDF。";

    private sealed record Line(double Top, double Left, double Right, string Text);

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
        foreach (var page in document.GetPages())
        {
            pages.Add(Lines(page));
        }
        if (pages.All(p => p.Count == 0))
        {
            return DocumentText.Failed(NoTextLayer);
        }
        var repeated = RunningLines(pages);
        var output = new StringBuilder();
        foreach (var page in pages)
        {
            var kept = page.Where(l => !repeated.Contains(Normalise(l.Text))).ToList();
            if (kept.Count == 0)
            {
                continue;
            }
            var left = kept.Min(l => l.Left);
            var right = kept.Max(l => l.Right);
            var charWidth = Math.Max(4, kept.Average(l => (l.Right - l.Left) / Math.Max(1, l.Text.Length)));
            for (var i = 0; i < kept.Count; i++)
            {
                output.Append(kept[i].Text);
                var reachesMargin = kept[i].Right >= right - 1.5 * charWidth;
                var nextAtMargin = i + 1 < kept.Count && kept[i + 1].Left <= left + 0.5 * charWidth && !LineMarker.StartsStructure(kept[i + 1].Text);
                if (!(reachesMargin && nextAtMargin && !"。；;：:！？".Contains(kept[i].Text[^1])))
                {
                    output.Append('\n');
                }
            }
            output.Append('\n');
        }
        return new DocumentText(output.ToString(), null);
    }

    /// <summary>The page's letters as lines, top to bottom; a gap wider than a character becomes a space.</summary>
    private static List<Line> Lines(Page page)
    {
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        var lines = new List<Line>();
        foreach (var group in letters.GroupBy(l => Math.Round(l.StartBaseLine.Y / 3.0)).OrderByDescending(g => g.Key))
        {
            var ordered = group.OrderBy(l => l.StartBaseLine.X).ToList();
            var text = new StringBuilder();
            for (var i = 0; i < ordered.Count; i++)
            {
                if (i > 0)
                {
                    var gap = ordered[i].StartBaseLine.X - ordered[i - 1].EndBaseLine.X;
                    if (gap > Math.Max(ordered[i - 1].Width, 2) * 0.9)
                    {
                        text.Append(' ');
                    }
                }
                text.Append(ordered[i].Value);
            }
            lines.Add(new Line(group.Key, ordered[0].StartBaseLine.X, ordered[^1].EndBaseLine.X, text.ToString().Trim()));
        }
        // Baselines a hair apart in one row are merged by rounding; rows of a table come out cell by cell, which the parser reads.
        return lines.Where(l => l.Text.Length > 0).ToList();
    }

    /// <summary>
    /// Running headers and footers: a page's first or last line that stands apart from the body (a gap wider than
    /// one and a half lines) and whose text, digits blanked, recurs so on more than half the pages.
    /// </summary>
    private static HashSet<string> RunningLines(List<List<Line>> pages)
    {
        if (pages.Count < 3)
        {
            return [];
        }
        var candidates = new List<string>();
        foreach (var page in pages.Where(p => p.Count >= 3))
        {
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
        return candidates.GroupBy(t => t).Where(g => g.Count() * 2 > pages.Count).Select(g => g.Key).ToHashSet();
    }

    private static string Normalise(string text) => new(text.Select(c => char.IsDigit(c) ? '#' : c).Where(c => !char.IsWhiteSpace(c)).ToArray());
}
