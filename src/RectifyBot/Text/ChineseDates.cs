using System.Buffers;
using System.Text.RegularExpressions;

namespace RectifyBot.Text;

/// <summary>A date read from text, with the words it came from.</summary>
public sealed record DateMention(DateOnly Date, int Index, int Length, string Text);

/// <summary>
/// Absolute date expressions as plans and users write them: 2023年10月20日, 2023年10月底, 10月底前, 2025年12月底,
/// 年底, 2024年上半年, 2023-10-20, 2023.10.20, 2023/10/20, 2024.9 (by the end of that month); and months said from the reference: 本月底, 下个月15号. A mention without a year takes the year of the
/// reference date, or the next year when that would put it before the reference (a plan written in August
/// that says "3月底" means next March). A solar term (大寒, 2023年大寒节前) is the first one on or after the
/// reference date, or after the start of the stated year if that is later. Words of "by" (前, 以前, 之前, 底前)
/// do not move a date: "10月20日前" is due on 10月20日, and "6月前" by the end of June, as plans mean it.
/// </summary>
public static partial class ChineseDates
{
    // A year written out, or said relative to the reference: 今年, 明年, 次年 (the year after the plan's).
    private const string YearPrefix = @"(?:(?<y>\d{4})\s*年\s*|(?<rel>今年|本年|当年|明年|次年|下一年|来年)(?:度)?)";

    // "12月20" without 日 is a day too, unless a count follows ("12月20个").
    // 十 alone ("十月底", "十日") is left by NormaliseDigits, whose digits keep the text's length, and read here as 10.
    [GeneratedRegex(@"(?:" + YearPrefix + @")?(?<m>\d{1,2}|(?<![\d〇零一二三四五六七八九两])十)\s*月\s*(?:(?<d>\d{1,2}|十(?=\s*[日号]))(?:\s*[日号]|(?![\d个项条次人户家天多余万千百元%]))|(?<end>底|末|份?底|中旬|上旬|下旬|中(?=$|[前之以，,。；\s到])))?", RegexOptions.CultureInvariant)]
    private static partial Regex YearMonthDay();

    // 本月底, 这个月20号, 下个月15号, 下月底, 下个月月中, and 月底 alone (this month's): a month said relative to the reference, with a
    // day or its end. Not 每月底, which recurs.
    [GeneratedRegex(@"(?:(?<rel>本|这个|这|下个|下一个|下|次|来)月份?\s*(?:(?<d>\d{1,2})\s*[日号]|(?<end>底|末|中旬|上旬|下旬|月中|中(?=$|[前之以，,。；\s到])))|(?<![\d〇零一二三四五六七八九十两每个])月(?<end>底|末))", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeMonth();

    // 本季度末, 下季度: the quarter said relative to the reference, due at its end.
    [GeneratedRegex(@"(?<rel>本|这个|这|当|下个|下一个|下)季度(?:末|底)?", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeQuarter();

    /// <summary>Verbs said with 下 ("列下", "查下"), whose 下 before 下周 does not make it the week after next.</summary>
    internal const string TakesXia = "列查看发找报说搜算计理总排一";

    // 下周五, 本周三, 这个星期一; 周五 alone only where a date is asked for (到周五, 周五前): "周一例会" names no date.
    // "这礼拜一共完成了几项": 一 there begins 一共, not Monday. 下下周三 is the week after next, but "查下下周三的" is 查下
    // and then 下周三.
    [GeneratedRegex(@"(?<!每)(?<rel>本|这个|这|(?<![" + TakesXia + @"])下下个?|下个|下一个|下)?(?:周|星期|礼拜)(?<wd>[二三四五六日天]|一(?![共起直样些下切定般概并]))", RegexOptions.CultureInvariant)]
    private static partial Regex Weekday();

    // "12月1号到15号": the end of a range of days, in the month of the date before it.
    [GeneratedRegex(@"(?<=\d\s*[日号]?\s*(?:到|至|~|—|-)\s*)(?<d>[0-3]?\d)\s*[日号]", RegexOptions.CultureInvariant)]
    private static partial Regex RangeEndDay();

    // "30号前", "25日前报送", "30号到期的": a day of the month alone, only where a date is asked for (not "每月5日前", "第30号").
    [GeneratedRegex(@"(?<![\d月第./])(?<d>3[01]|[12]\d|[1-9])\s*[号日](?=\s*(?:前|之前|以前|到期的|截止|为止))", RegexOptions.CultureInvariant)]
    private static partial Regex BareDay();

    [GeneratedRegex(@"(?<y>\d{4})\s*[-./]\s*(?<m>\d{1,2})\s*[-./]\s*(?<d>\d{1,2})", RegexOptions.CultureInvariant)]
    private static partial Regex Numeric();

    // "2024.9" in a 完成时限 column: a year and a month by numbers, due at the month's end (not 2024.9万元).
    [GeneratedRegex(@"(?<![\d./])(?<y>20\d{2})\s*[./]\s*(?<m>1[0-2]|0?[1-9])(?![\d%./万千百元亿])", RegexOptions.CultureInvariant)]
    private static partial Regex NumericYearMonth();

    // "延到12.15", "12/31前": a month and day by numbers alone, taken only where a date is asked for (MonthDayAsDate):
    // elsewhere "3.5" is a figure.
    [GeneratedRegex(@"(?<![\d./])(?<m>1[0-2]|0?[1-9])\s*[./]\s*(?<d>3[01]|[12]\d|0?[1-9])(?![\d%/.])", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDay();

    /// <summary>
    /// A bare month and day is a date right after 到/至/于/截止, or right before 前/号/日, or before 到 and another
    /// ("12.1到12.15"); joined to another by a dash ("12.1-12.15到期的"), both are, unless an amount follows ("3.5-4.5万").
    /// </summary>
    private static bool MonthDayAsDate(string text, Match m) =>
        text.AsSpan(0, m.Index).TrimEnd() is var before && (before.EndsWith("到") || before.EndsWith("至") || before.EndsWith("于") || before.EndsWith("截止")
            || (before is [.., '-' or '~'] && DashedFrom().IsMatch(text.AsSpan(0, before.Length)) && !Amount(text.AsSpan(m.Index + m.Length))))
        || text.AsSpan(m.Index + m.Length).TrimStart() is var after && (after.StartsWith("前") || after.StartsWith("之前") || after.StartsWith("以前") || after.StartsWith("号") || after.StartsWith("日")
            || (after is ['到' or '至', .. var next] && MonthDay().Match(text, text.Length - next.Length) is { Success: true } end && end.Index == text.Length - next.TrimStart().Length)
            || (after is ['-' or '~', .. var dashed] && MonthDay().Match(text, text.Length - dashed.Length) is { Success: true } to && to.Index == text.Length - dashed.TrimStart().Length
                && !Amount(text.AsSpan(to.Index + to.Length))));

    /// <summary>A month and day, then the dash that joins the next to it.</summary>
    [GeneratedRegex(@"(?<![\d./])(?:1[0-2]|0?[1-9])\s*[./]\s*(?:3[01]|[12]\d|0?[1-9])\s*[-~]$", RegexOptions.CultureInvariant)]
    private static partial Regex DashedFrom();

    private static bool Amount(ReadOnlySpan<char> after) => after.TrimStart() is [var c, ..] && "万千百元亿%个项条人户".Contains(c);

    // "2025年底" shares its 年 with the part: the year is still written.
    [GeneratedRegex(@"(?:(?<y>\d{4})\s*(?:年\s*(?=年|上半|下半|[一二三四]季|第))?|(?<rel>今年|本年|当年|明年|次年|下一年|来年)(?:度)?)?(?<part>年底|年末|上半年|下半年|一季度|二季度|三季度|四季度|第[一二三四]季度)(?:末)?", RegexOptions.CultureInvariant)]
    private static partial Regex YearPart();

    [GeneratedRegex(@"(?<y>\d{4})\s*年(?!\s*\d{1,2}\s*月)(?!底|末|上半年|下半年|[一二三四]季度|第)", RegexOptions.CultureInvariant)]
    private static partial Regex YearOnly();

    [GeneratedRegex(@"(?:(?<y>\d{4})\s*年\s*)?(?<term>立春|雨水|惊蛰|春分|清明|谷雨|立夏|小满|芒种|夏至|小暑|大暑|立秋|处暑|白露|秋分|寒露|霜降|立冬|小雪|大雪|冬至|小寒|大寒)节?(?:(?:以|之)?前)?", RegexOptions.CultureInvariant)]
    private static partial Regex SolarTerm();

    /// <summary>
    /// The holidays a date may be named by, as a pattern's alternatives; 五一国际劳动节 holds 五一. A school's autumn term
    /// (秋季学期开学前) begins on 1 September.
    /// </summary>
    private const string Holidays = "元旦|春节|元宵|正月十五|端午|中秋|国庆|五一|劳动节|秋季学期开学|秋季开学";

    // "元旦后的1月15号", "春节后正月十五": after a holiday names no day of its own.
    [GeneratedRegex(@"(?:" + YearPrefix + @")?(?<h>五一(?:国际)?劳动节|" + Holidays + @")节?(?![以之]?后)(?<before>(?:以|之)?前)?", RegexOptions.CultureInvariant)]
    private static partial Regex Holiday();

    // The names the two patterns above need, for their checks.
    private static readonly SearchValues<string> SolarTermNames = SearchValues.Create([.. SolarTerms.Names], StringComparison.Ordinal);
    private static readonly SearchValues<string> HolidayNames = SearchValues.Create(Holidays.Split('|'), StringComparison.Ordinal);

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
        foreach (var m in MatchesIf(folded.AsSpan().ContainsAny("./"), NumericYearMonth(), folded))
        {
            Add(m, Resolve(Int(m, "y")!.Value, Int(m, "m")!.Value, null, ""));
        }
        foreach (var m in MatchesIf(folded.AsSpan().ContainsAny("./"), MonthDay(), folded))
        {
            if (MonthDayAsDate(folded, m) && Int(m, "m") is { } month)
            {
                // As "12月15号" is.
                Add(m, Next(reference, month, Int(m, "d"), ""));
            }
        }
        foreach (var m in MatchesIf(folded.AsSpan().ContainsAny(SolarTermNames), SolarTerm(), folded))
        {
            var from = m.Groups["y"].Success && Make(Int(m, "y"), 1, 1) is { } yearStart && yearStart > reference ? yearStart : reference;
            Add(m, SolarTerms.OnOrAfter(m.Groups["term"].Value, from));
        }
        foreach (var m in MatchesIf(folded.AsSpan().ContainsAny(HolidayNames), Holiday(), folded))
        {
            Add(m, HolidayDate(m, reference));
        }
        foreach (var m in MatchesIf(hasYear || folded.Contains('季'), YearPart(), folded))
        {
            var part = m.Groups["part"].Value;
            // An explicit year always wins; otherwise the first such part on or after the reference date.
            var year = WrittenYear(m, reference) ?? (PartEnd(reference.Year, part) < reference ? reference.Year + 1 : reference.Year);
            Add(m, PartEnd(year, part));
        }
        foreach (var m in MatchesIf(hasMonth, YearMonthDay(), folded))
        {
            var month = Int(m, "m")!.Value;
            var day = Int(m, "d");
            var end = m.Groups["end"].Value;
            Add(m, WrittenYear(m, reference) is { } written ? Resolve(written, month, day, end) : Next(reference, month, day, end));
        }
        foreach (var m in MatchesIf(hasMonth, RelativeMonth(), folded))
        {
            var month = new DateOnly(reference.Year, reference.Month, 1).AddMonths(m.Groups["rel"].Value is "" or "本" or "这个" or "这" ? 0 : 1);
            Add(m, Resolve(month.Year, month.Month, Int(m, "d"), m.Groups["end"].Value));
        }
        foreach (var m in MatchesIf(folded.Contains('季'), RelativeQuarter(), folded))
        {
            var quarterEnd = new DateOnly(reference.Year, (reference.Month - 1) / 3 * 3 + 1, 1).AddMonths(m.Groups["rel"].Value.StartsWith('下') ? 6 : 3).AddDays(-1);
            Add(m, quarterEnd);
        }
        foreach (var m in MatchesIf(folded.AsSpan().ContainsAny("周星礼"), Weekday(), folded))
        {
            var rel = m.Groups["rel"].Value;
            if (rel.Length > 0 || MonthDayAsDate(folded, m))
            {
                var day = Monday(reference).AddDays(DayOfWeek(m.Groups["wd"].Value[0]));
                Add(m, rel.StartsWith("下下") ? day.AddDays(14) : rel.StartsWith('下') ? day.AddDays(7) : rel.Length == 0 && day < reference ? day.AddDays(7) : day);
            }
        }
        foreach (var m in MatchesIf(hasMonth && folded.AsSpan().ContainsAny("到至~—-"), RangeEndDay(), folded))
        {
            // The range's first date is the nearest mention before it, two or three characters away.
            if (found.LastOrDefault(f => f.Index + f.Length <= m.Index && m.Index - f.Index - f.Length <= 3) is { } start)
            {
                Add(m, Make(start.Date.Year, start.Date.Month, Int(m, "d")));
            }
        }
        foreach (var m in MatchesIf(folded.AsSpan().ContainsAny("号日") && (folded.Contains('前') || folded.Contains("到期", StringComparison.Ordinal) || folded.Contains('止')), BareDay(), folded))
        {
            // This month's, or next month's when that day has passed.
            var (day, next) = (Int(m, "d"), reference.AddMonths(1));
            Add(m, Make(reference.Year, reference.Month, day) is { } d && d >= reference ? d : Make(next.Year, next.Month, day));
        }
        foreach (var m in MatchesIf(hasYear, YearOnly(), folded))
        {
            // "2024年完成" means by the end of 2024.
            Add(m, Make(Int(m, "y"), 12, 31));
        }
        found.Sort((a, b) => a.Index.CompareTo(b.Index));
        return found;
    }

    /// <summary>The year a mention states, as digits or relative to the reference (明年); null when it states none.</summary>
    internal static int? WrittenYear(Match m, DateOnly reference) =>
        m.Groups["y"].Success ? Int(m, "y") : RelativeYear(m.Groups["rel"].Value, reference);

    /// <summary>The year a word names relative to the reference: 今年 this one, 去年 the one before, 明年 or 次年 the next; null for none.</summary>
    internal static int? RelativeYear(string words, DateOnly reference) => words switch
    {
        "" => null,
        "今年" or "本年" or "当年" => reference.Year,
        "去年" or "上一年" => reference.Year - 1,
        _ => reference.Year + 1,
    };

    /// <summary>
    /// A holiday in the stated year, or the first one on or after the reference. Lunar holidays are computed with
    /// the lunisolar calendar. Before a holiday ("元旦前", "国庆节前", "春节前") is due the day before it, the last working
    /// day of the year for 元旦 and the eve (除夕) for 春节; the holiday alone on the day.
    /// </summary>
    private static DateOnly? HolidayDate(Match m, DateOnly reference)
    {
        var name = m.Groups["h"].Value;
        var eve = m.Groups["before"].Success;
        DateOnly In(int year)
        {
            var day = name switch
            {
                "元旦" => new DateOnly(year, 1, 1),
                "国庆" => new DateOnly(year, 10, 1),
                "春节" => Lunar(year, 1, 1),
                "元宵" or "正月十五" => Lunar(year, 1, 15),
                "端午" => Lunar(year, 5, 5),
                "中秋" => Lunar(year, 8, 15),
                "秋季学期开学" or "秋季开学" => new DateOnly(year, 9, 1),
                _ => new DateOnly(year, 5, 1),
            };
            return eve ? day.AddDays(-1) : day;
        }
        if (WrittenYear(m, reference) is { } written)
        {
            return written is >= 1902 and <= 2100 ? In(written) : null;
        }
        if (reference.Year is < 1902 or > 2099)
        {
            return null;
        }
        var first = In(reference.Year);
        return first >= reference ? first : In(reference.Year + 1);
    }

    private static readonly System.Globalization.ChineseLunisolarCalendar LunarCalendar = new();

    /// <summary>A day of the lunar calendar in the lunar year that begins in <paramref name="year"/>; a leap month shifts the later months' indexes.</summary>
    private static DateOnly Lunar(int year, int month, int day)
    {
        var leap = LunarCalendar.GetLeapMonth(year);
        var index = leap > 0 && month >= leap ? month + 1 : month;
        return DateOnly.FromDateTime(LunarCalendar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    private static IEnumerable<Match> MatchesIf(bool worthTrying, Regex regex, string text) => worthTrying ? regex.Matches(text) : [];

    /// <summary>The first date mention, or null.</summary>
    public static DateOnly? TryParse(string text, DateOnly reference) =>
        FindAll(text, reference) is [var first, ..] ? first.Date : null;

    [GeneratedRegex(@"(?<![单公])元月", RegexOptions.CultureInvariant)]
    private static partial Regex FirstMonth();

    /// <summary>
    /// Full-width digits to ASCII, and Chinese numerals next to 年/月/日/号 to digits ("十二月底", "二〇二三年"),
    /// keeping the string's length so that match positions stay valid for the original text.
    /// </summary>
    internal static string NormaliseDigits(string text)
    {
        var s = text;
        if (text.AsSpan().ContainsAnyInRange('０', '９'))
        {
            var chars = text.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (chars[i] is >= '０' and <= '９')
                {
                    chars[i] = (char)(chars[i] - '０' + '0');
                }
            }
            s = new string(chars);
        }
        // "2024年元月15日": 元月 is January, one character for one.
        if (s.Contains("元月", StringComparison.Ordinal))
        {
            s = FirstMonth().Replace(s, "1月");
        }
        if (!s.AsSpan().ContainsAny(ChineseNumerals) || !s.AsSpan().ContainsAny("年月日号"))
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

    private static readonly SearchValues<char> ChineseNumerals = SearchValues.Create("〇零一二三四五六七八九十两");

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

    private static int? Int(Match m, string group) => m.Groups[group] switch
    {
        { Success: false } => null,
        { ValueSpan: "十" } => 10,
        var g => int.Parse(g.ValueSpan),
    };

    /// <summary>A month and day (or its end) written without a year: the next such day on or after the reference.</summary>
    private static DateOnly? Next(DateOnly reference, int month, int? day, string end)
    {
        var date = Resolve(reference.Year, month, day, end);
        return date < reference ? Resolve(reference.Year + 1, month, day, end) : date;
    }

    /// <summary>The Monday of the week <paramref name="d"/> falls in: weeks run Monday to Sunday.</summary>
    internal static DateOnly Monday(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));

    /// <summary>A weekday's place in the week from Monday, 0 to 6 (一 … 六, 日 or 天; 1 … 7); -1 for no weekday.</summary>
    internal static int DayOfWeek(char c) => c switch
    {
        '日' or '天' or '7' => 6,
        >= '1' and <= '6' => c - '1',
        _ => "一二三四五六".IndexOf(c),
    };

    /// <summary>
    /// <paramref name="n"/> units after <paramref name="from"/>: 天/日/day(s) days, 月/month(s) months, and weeks otherwise
    /// (周, 星期, 礼拜, week(s)). The span arithmetic of "两周内" questions and "2个月内完成" deadlines alike.
    /// </summary>
    public static DateOnly After(DateOnly from, int n, string unit) => unit switch
    {
        "天" or "日" or "day" or "days" => from.AddDays(n),
        "月" or "month" or "months" => from.AddMonths(n),
        _ => from.AddDays(7 * n),
    };

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
            // "下个月月中", "12月中": the middle of the month.
            "月中" or "中" => new DateOnly(year, month, 15),
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
