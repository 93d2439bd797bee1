using System.Text.RegularExpressions;

namespace RectifyBot.Text;

/// <summary>A date read from text, with the words it came from.</summary>
public sealed record DateMention(DateOnly Date, int Index, int Length, string Text);

/// <summary>
/// Absolute date expressions as plans and users write them: 2023年10月20日, 2023年10月底, 10月底前, 2025年12月底,
/// 年底, 明年年底, 2024年上半年, 2023-10-20, 2023.10.20, 2023/10/20. A mention without a year takes the year of the
/// reference date, or the next year when that would put it before the reference (a plan written in August
/// that says "3月底" means next March). A solar term (大寒, 2023年大寒节前) is the first one on or after the
/// reference date, or after the start of the stated year if that is later. Words of "by" (前, 以前, 之前, 底前)
/// do not move a date: "10月20日前" is due on 10月20日, and "6月前" by the end of June, as plans mean it.
/// </summary>
public static partial class ChineseDates
{
    [GeneratedRegex(@"(?:(?<y>\d{4})\s*年\s*|(?<rel>今年|明年|后年|次年)\s*)?(?<m>\d{1,2})\s*月\s*(?:(?<d>\d{1,2})\s*[日号]|(?<end>底|末|份?底|中旬|上旬|下旬))?", RegexOptions.CultureInvariant)]
    private static partial Regex YearMonthDay();

    [GeneratedRegex(@"(?<y>\d{4})\s*[-./]\s*(?<m>\d{1,2})\s*[-./]\s*(?<d>\d{1,2})", RegexOptions.CultureInvariant)]
    private static partial Regex Numeric();

    [GeneratedRegex(@"(?:(?<y>\d{4})\s*年\s*|(?<rel>今年|明年|后年|次年))?(?<part>年底|年末|上半年|下半年|一季度|二季度|三季度|四季度|第[一二三四]季度)", RegexOptions.CultureInvariant)]
    private static partial Regex YearPart();

    [GeneratedRegex(@"(?<y>\d{4})\s*年(?!\s*\d{1,2}\s*月)(?!底|末|上半年|下半年|[一二三四]季度|第)", RegexOptions.CultureInvariant)]
    private static partial Regex YearOnly();

    [GeneratedRegex(@"(?:(?<y>\d{4})\s*年\s*)?(?<term>立春|雨水|惊蛰|春分|清明|谷雨|立夏|小满|芒种|夏至|小暑|大暑|立秋|处暑|白露|秋分|寒露|霜降|立冬|小雪|大雪|冬至|小寒|大寒)节?(?:(?:以|之)?前)?", RegexOptions.CultureInvariant)]
    private static partial Regex SolarTerm();

    /// <summary>Every date mention in <paramref name="text"/>, in order. Digits may be full-width or Chinese.</summary>
    public static IReadOnlyList<DateMention> FindAll(string text, DateOnly reference)
    {
        var folded = NormaliseDigits(text);
        var found = new List<DateMention>();
        var taken = new bool[folded.Length];

        void Add(Match m, DateOnly? date)
        {
            if (date is null || IsTaken(taken, m))
            {
                return;
            }
            for (var i = m.Index; i < m.Index + m.Length; i++)
            {
                taken[i] = true;
            }
            found.Add(new DateMention(date.Value, m.Index, m.Length, text.Substring(m.Index, m.Length)));
        }

        // Each pattern needs a character most sentences lack; checking for it first keeps long documents fast.
        var hasYear = folded.Contains('年');
        var hasMonth = folded.Contains('月');
        foreach (var m in MatchesIf(folded.AsSpan().ContainsAny("-./"), Numeric(), folded))
        {
            Add(m, Make(Int(m, "y"), Int(m, "m"), Int(m, "d")));
        }
        foreach (Match m in SolarTerm().Matches(folded))
        {
            var from = m.Groups["y"].Success && Make(Int(m, "y"), 1, 1) is { } yearStart && yearStart > reference ? yearStart : reference;
            Add(m, SolarTerms.OnOrAfter(m.Groups["term"].Value, from));
        }
        foreach (var m in MatchesIf(hasYear || folded.Contains('季'), YearPart(), folded))
        {
            Add(m, PartEnd(Year(m, reference) ?? reference.Year, m.Groups["part"].Value));
        }
        foreach (var m in MatchesIf(hasMonth, YearMonthDay(), folded))
        {
            var month = Int(m, "m")!.Value;
            var day = Int(m, "d");
            var end = m.Groups["end"].Value;
            int year;
            if (Year(m, reference) is { } stated)
            {
                year = stated;
            }
            else
            {
                year = reference.Year;
                var probe = Resolve(year, month, day, end);
                if (probe is { } p && p < reference)
                {
                    year++;
                }
            }
            Add(m, Resolve(year, month, day, end));
        }
        foreach (var m in MatchesIf(hasYear, YearOnly(), folded))
        {
            // "2024年完成" means by the end of 2024.
            Add(m, Make(Int(m, "y"), 12, 31));
        }
        found.Sort((a, b) => a.Index.CompareTo(b.Index));
        return found;
    }

    private static IEnumerable<Match> MatchesIf(bool worthTrying, Regex regex, string text) => worthTrying ? regex.Matches(text) : [];

    /// <summary>The first date mention, or null.</summary>
    public static DateOnly? TryParse(string text, DateOnly reference) =>
        FindAll(text, reference) is [var first, ..] ? first.Date : null;

    /// <summary>
    /// Full-width digits to ASCII, and Chinese numerals next to 年/月/日/号 to digits ("十二月底", "二〇二三年"),
    /// keeping the string's length so that match positions stay valid for the original text.
    /// </summary>
    internal static string NormaliseDigits(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= '０' and <= '９')
            {
                chars[i] = (char)(chars[i] - '０' + '0');
            }
        }
        var s = new string(chars);
        if (!s.AsSpan().ContainsAny("〇零一二三四五六七八九十两") || !s.AsSpan().ContainsAny("年月日号"))
        {
            return s;
        }
        return ChineseNumeralBeforeUnit().Replace(s, m =>
        {
            var n = ChineseNumber.Parse(m.Groups["n"].Value);
            var digits = n?.ToString() ?? m.Groups["n"].Value;
            // Pad or trim to the original width so indexes are kept; widths differ only by a char or two.
            var width = m.Groups["n"].Length;
            digits = digits.Length <= width ? digits.PadLeft(width, '0') : m.Groups["n"].Value;
            return digits + m.Groups["u"].Value;
        });
    }

    [GeneratedRegex(@"(?<n>[〇零一二三四五六七八九十两]{1,4})(?<u>年|月|日|号)", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseNumeralBeforeUnit();

    private static bool IsTaken(bool[] taken, Match m)
    {
        for (var i = m.Index; i < m.Index + m.Length; i++)
        {
            if (taken[i])
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The year a mention states: written out (2024年) or relative to the reference (明年年底 in 2023 is 2024-12-31).</summary>
    private static int? Year(Match m, DateOnly reference) => m.Groups["y"].Success ? Int(m, "y")
        : m.Groups["rel"].Success ? reference.Year + m.Groups["rel"].Value switch { "今年" => 0, "后年" => 2, _ => 1 }
        : null;

    private static int? Int(Match m, string group) => m.Groups[group].Success ? int.Parse(m.Groups[group].ValueSpan) : null;

    private static DateOnly? Resolve(int year, int month, int? day, string end)
    {
        if (month is < 1 or > 12)
        {
            return null;
        }
        if (day is not null)
        {
            return Make(year, month, day);
        }
        var last = DateTime.DaysInMonth(year, month);
        return end switch
        {
            "上旬" => new DateOnly(year, month, 10),
            "中旬" => new DateOnly(year, month, 20),
            // "10月" alone, 月底, 月末, 下旬: the month's last day, the latest reading, as a deadline should be.
            _ => new DateOnly(year, month, last),
        };
    }

    private static DateOnly? PartEnd(int year, string part) => part switch
    {
        "年底" or "年末" or "下半年" or "四季度" or "第四季度" => new DateOnly(year, 12, 31),
        "上半年" or "二季度" or "第二季度" => new DateOnly(year, 6, 30),
        "一季度" or "第一季度" => new DateOnly(year, 3, 31),
        "三季度" or "第三季度" => new DateOnly(year, 9, 30),
        _ => null,
    };

    private static DateOnly? Make(int? year, int? month, int? day)
    {
        if (year is not { } y || month is not { } m || day is not { } d || y is < 1900 or > 2200 || m is < 1 or > 12)
        {
            return null;
        }
        return d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;
    }
}
