using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Drafting;

/// <summary>
/// What is checked in a model's draft instead of trusted: that each [n] points at a retrieved source, and that
/// each figure, date, unit, person and quoted name appears in the records or sources it was drafted from.
/// </summary>
public static partial class DraftChecks
{
    /// <summary>
    /// Reads "1. 措施[1][2]" lines into <see cref="DraftLine"/>s (markers and citations out of the text, into the
    /// list), keeping at most <paramref name="max"/>; citations outside 1..<paramref name="sourceCount"/> are
    /// dropped and noted.
    /// </summary>
    public static (IReadOnlyList<DraftLine> Lines, IReadOnlyList<string> Notes) ReadLines(string reply, int sourceCount, int max)
    {
        var raw = reply.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var marked = raw.Where(l => ListMarker().IsMatch(l)).ToList();
        var notes = new List<string>();
        var lines = new List<DraftLine>();
        foreach (var line in (marked.Count > 0 ? marked : [.. raw]).Take(max))
        {
            var text = ListMarker().Replace(line, "");
            var cited = CitationMarker().Matches(text).Select(m => int.Parse(m.Groups[1].ValueSpan)).ToList();
            var dangling = cited.Where(n => n < 1 || n > sourceCount).Distinct().ToList();
            var number = lines.Count + 1;
            if (dangling.Count > 0)
            {
                notes.Add($"第{number}条引用的[{string.Join("][", dangling)}]不在检索到的来源中，已删去该引用。");
            }
            var citations = cited.Except(dangling).Distinct().ToList();
            if (citations.Count == 0)
            {
                notes.Add($"第{number}条没有可核对的来源，请仔细核实。");
            }
            lines.Add(new DraftLine(CitationMarker().Replace(text, "").Trim(), citations));
        }
        return (lines, notes);
    }

    /// <summary>
    /// Figures in <paramref name="draft"/> found in none of <paramref name="known"/>: Arabic numbers, and Chinese
    /// numerals of ten or more (十二, 三百), compared by value so 十二 matches 12. Single Chinese digits are left
    /// out: 一 and 三 live in too many ordinary words (进一步, 三会一课) to check.
    /// </summary>
    public static IReadOnlyList<string> UnsupportedFigures(string draft, IEnumerable<string> known)
    {
        var supported = known.SelectMany(Figures).Select(f => f.Value).ToHashSet();
        return [.. Figures(draft).Where(f => !supported.Contains(f.Value)).Select(f => f.Written).Distinct()];
    }

    /// <summary>
    /// Everything in <paramref name="draft"/> that none of <paramref name="known"/> supports: figures (as
    /// <see cref="UnsupportedFigures"/>), dates as a whole (2023年10月9日 is not supported by a 2023, a 10 and a 9
    /// found apart), figures with their unit of measure (12.5万元 is not supported by 12.5亿元 nor 12次 by 12人次),
    /// names from <paramref name="names"/> (the store's units and people) and quoted or titled names
    /// (“第一议题”, 《殡葬管理条例》) that the records do not contain. Empty when the draft can be used.
    /// </summary>
    public static IReadOnlyList<string> UnsupportedFacts(string draft, IReadOnlyCollection<string> known, IEnumerable<string> names)
    {
        var corpus = ChineseText.Fold(string.Join("\n", known));
        var folded = ChineseText.Fold(draft);
        var dates = Date().Matches(corpus).Select(m => DateKey(m)).ToHashSet();
        var unsupported = new List<string>(UnsupportedFigures(draft, known));
        unsupported.AddRange(Date().Matches(folded).Where(m => !dates.Contains(DateKey(m))).Select(m => m.Value));
        var quantities = Quantities(corpus).Select(q => q.Key).ToHashSet();
        unsupported.AddRange(Quantities(folded).Where(q => !quantities.Contains(q.Key)).Select(q => q.Written));
        unsupported.AddRange(names.Where(n => n.Length >= 2 && folded.Contains(n, StringComparison.Ordinal) && !corpus.Contains(n, StringComparison.Ordinal)));
        unsupported.AddRange(Quoted().Matches(folded).Select(m => m.Groups[1].Value)
            .Where(q => q.Length >= 2 && !corpus.Contains(q, StringComparison.Ordinal) && !corpus.Contains(Unnest(q), StringComparison.Ordinal)));
        return [.. unsupported.Distinct()];
    }

    // Quotes a report nests (‘…’ inside “…”) may stand as “…” in the record.
    private static string Unnest(string text) => text.Replace('‘', '“').Replace('’', '”');

    private static string DateKey(Match m) => $"{int.Parse(m.Groups[1].ValueSpan)}-{int.Parse(m.Groups[2].ValueSpan)}-{(m.Groups[3].Success ? int.Parse(m.Groups[3].ValueSpan) : 0)}";

    private static IEnumerable<(string Written, string Value)> Figures(string text)
    {
        var folded = ChineseText.Fold(CitationMarker().Replace(text, ""));
        foreach (Match m in Figure().Matches(folded))
        {
            if (Value(m.Value) is { } value)
            {
                yield return (m.Value, value);
            }
        }
    }

    /// <summary>
    /// Figures followed by a unit of measure, keyed by value and unit, dates taken out first (their 年 and 月 are
    /// parts of a date, checked as one).
    /// </summary>
    private static IEnumerable<(string Written, string Key)> Quantities(string folded)
    {
        foreach (Match m in Quantity().Matches(Date().Replace(folded, " ")))
        {
            if (Value(m.Groups[1].Value) is { } value)
            {
                yield return (m.Value, $"{value} {m.Groups[2].Value}");
            }
        }
    }

    /// <summary>A figure's value as text, so 012, 12 and 十二 compare equal and 12.50 equals 12.5; null when unreadable.</summary>
    private static string? Value(string written) => char.IsAsciiDigit(written[0])
        ? (written.Contains('.') ? written.TrimEnd('0').TrimEnd('.') : written.TrimStart('0') is { Length: > 0 } t ? t : "0")
        : ChineseNumber.Parse(written)?.ToString();

    [GeneratedRegex(@"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")]
    private static partial Regex Date();

    [GeneratedRegex(@"[“《‘]([^“”《》‘’]{2,40})[”》’]")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^(?:\d{1,2}\s*[.、．)）]|[（(]\d{1,2}[）)]|[-*•·])\s*")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"[\[［【]\s*(\d{1,3})\s*[\]］】]")]
    private static partial Regex CitationMarker();

    [GeneratedRegex(@"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]*[十百千万][零〇一二两三四五六七八九十百千万]*")]
    private static partial Regex Figure();

    // The units reports count in; longer ones first, so 万元 is not read as 万 and 人次 not as 人.
    [GeneratedRegex(@"(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]*[十百千][零〇一二两三四五六七八九十百千]*)\s*(亿元|万元|千元|元|亿|万|%|‰|人次|人|户|家|个|项|次|处|座|份|条|名|件|起|宗|笔|批|场|期|篇|本|张|台|辆|所|天|周|年|公里|平方米|米|亩|吨)")]
    private static partial Regex Quantity();
}
