using System.Buffers;
using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// Date windows for "due" and "completed" questions, relative to a supplied today: 今天, 昨天, 明天, 本周, 下周, 上周, 下周五,
/// 上周五, 本月, 下个月, 上个月, 月底, 10天内, 两周内, 半个月内, 三个月内, 今年, 明年, 年内, 本季度, 四季度, 上半年, and absolute
/// dates through <see cref="ChineseDates"/> (2025年12月底). Weeks run Monday to Sunday. A deadline-like point (月底,
/// 年内, 12月底, 一季度末, 下周五前) means "from today up to it"; a plain day (今天, 下周五, 12月5日) means that day; a
/// period named alone (12月, 四季度, 下半年, 今年) means the whole period. A period named without its year is the next
/// one that has not ended, or, for what was completed (past), the last one that has begun: 三季度
/// asked about in November is next year's when due and this year's when done.
/// </summary>
public static partial class DateWindowParser
{
    [GeneratedRegex(@"(?<n>\d{1,3}|[一二三四五六七八九十两半]{1,3})\s*(?:个)?\s*(?<u>天|日|周|星期|礼拜|月)(?:之内|以内|内)|(?:未来|最近|近)\s*(?<n>\d{1,3}|[一二三四五六七八九十两半]{1,3})\s*(?:个)?\s*(?<u>天|日|周|星期|礼拜|月)|(?:within|in|next)\s+(?<n>\d{1,3})\s+(?<u>days?|weeks?|months?)", RegexOptions.CultureInvariant)]
    private static partial Regex Span();

    // Not "上礼拜一共…" (上礼拜, then 一共) nor "周一个" or "上周一项": a numeral that starts the next word is no weekday.
    [GeneratedRegex(@"(?<which>这|本|下个?|上上个?|上个?)?\s*(?:周|星期|礼拜)(?<d>[一二三四五六日天1-7])(?![共个项条次])", RegexOptions.CultureInvariant)]
    private static partial Regex Weekday();

    // The years a question may name relative to today (ChineseDates.RelativeYear reads them); a plan's deadline never says 去年.
    private const string RelativeYears = "今年|本年|当年|明年|来年|下一年|去年|上一年";

    // 本季度, 下个季度, 上季度, 四季度, 明年一季度, 2024年第二季度, 上半年, 明年下半年; 末, 底 or 前 after it makes it a deadline.
    [GeneratedRegex(@"(?:(?<y>\d{4})\s*年\s*|(?<rel>" + RelativeYears + @")度?)?(?:(?<which>本|这个?|当|下个?|上个?)季度?|第?(?<q>[一二三四1-4])季度|(?<h>上|下)半年)(?<end>末|底)?(?<before>(?:以|之)?前)?", RegexOptions.CultureInvariant)]
    private static partial Regex Period();

    // 今年, 本年度, 明年, 去年 alone: not 今年底, 今年年底前, 今年内, 今年上半年, 明年一季度, 明年3月 (those are read elsewhere).
    [GeneratedRegex(@"(?<rel>" + RelativeYears + @")度?(?!\s*(?:年|底|末|内|上半|下半|第|[一二三四1-4]季|\d|[一二三四五六七八九十]+月|元月))", RegexOptions.CultureInvariant)]
    private static partial Regex Year();

    // 年内 (by the end of this year), not 三年内; 元月 is January.
    [GeneratedRegex(@"(?<![\d一二三四五六七八九十两几多])年内|(?<jan>元月)份?", RegexOptions.CultureInvariant)]
    private static partial Regex YearWords();

    public static DateWindow? Find(string text, DateOnly today, bool past = false) => Find(text, ChineseDates.FindAll(text, today), today, past);

    /// <summary>The window in <paramref name="text"/>, whose <paramref name="dates"/> are already found.</summary>
    internal static DateWindow? Find(string text, IReadOnlyList<DateMention> dates, DateOnly today, bool past = false)
    {
        // Each pattern needs a character most messages lack (a span its unit, a weekday 周, 星期 or 礼拜): checked
        // first, it spares the search.
        if (text.AsSpan().ContainsAny("到至") && FromTo(text, today, past) is { } fromTo)
        {
            return fromTo;
        }
        if (text.AsSpan().ContainsAny(SpanUnitStarts) && Span().Match(text) is { Success: true } span)
        {
            return Within(span, today);
        }
        // Before the dates, which read 四季度 as its last day.
        if (text.AsSpan().ContainsAny("季半") && Period().Match(text) is { Success: true } period)
        {
            return Part(period, today, past);
        }
        if (text.AsSpan().ContainsAny("年元") && YearWindow(text, today, past) is { } year)
        {
            return year;
        }
        // "10月、11月两个月完成的", "9月到11月": months listed or spanned, from the first one's start to the last one's end.
        if (dates is [var one, var other, ..] && one.Text.EndsWith('月') && other.Text.EndsWith('月')
            && text.AsSpan(one.Index + one.Length, other.Index - one.Index - one.Length).Trim() is "、" or "和" or "及" or "与" or "跟" or "到" or "至" or "-" or "~"
            && Absolute(text, one, today, past) is var opening && Absolute(text, other, today, past) is var closing && opening.From < closing.To)
        {
            return new DateWindow(opening.From, closing.To, text[one.Index..(other.Index + other.Length)]);
        }
        // "12月1号到15号之间": the days between two dates.
        if (dates is [var first, var second, ..] && first.Date <= second.Date
            && text.AsSpan(first.Index + first.Length, second.Index - first.Index - first.Length).Trim() is "到" or "至" or "-" or "~" or "—")
        {
            return new DateWindow(first.Date, second.Date, text[first.Index..(second.Index + second.Length)]);
        }
        // Before the named words, so that "12月底" is December and not this month's 月底; but a date told of in a clause
        // that asks nothing gives way to a window asked about ("本月已经完成的有哪些？月底要汇总").
        if (dates is [var mention, ..])
        {
            return !Asks(text, mention.Index, mention.Length) && NamedWindow(text, today, past) is { Asked: true } asked ? asked.Window : Absolute(text, mention, today, past);
        }
        // "这周完成了哪几项？周五要汇总": a week named before the weekday is what is asked about.
        if (text.AsSpan().ContainsAny("周星礼") && Weekday().Match(text) is { Success: true } weekday
            && !Named.Any(n => n.Words.Any(w => text.IndexOf(w, StringComparison.Ordinal) is var at && at >= 0 && at < weekday.Index)))
        {
            var offset = weekday.Groups["which"].Value switch { ['上', '上', ..] => -14, ['下', ..] => 7, ['上', ..] => -7, _ => 0 };
            var day = ChineseDates.Monday(today).AddDays(offset + ChineseDates.DayOfWeek(weekday.Groups["d"].Value[0]));
            return By(text, weekday.Index + weekday.Length, day, today, weekday.Value);
        }
        return NamedWindow(text, today, past)?.Window;
    }

    /// <summary>
    /// "上周五到昨天", "上周末到今天", "今天到这周五到期的": from the start of what the words before 到 name to the end of what
    /// the words after it name, each read alone within its clause (not 到期, 到位, 到了).
    /// </summary>
    private static DateWindow? FromTo(string text, DateOnly today, bool past)
    {
        for (var at = text.AsSpan().IndexOfAny('到', '至'); at > 0 && at < text.Length - 1; at = text.AsSpan(at + 1).IndexOfAny('到', '至') is >= 0 and var next ? at + 1 + next : -1)
        {
            if ("期位了时点底".Contains(text[at + 1]))
            {
                continue;
            }
            var start = text.AsSpan(0, at).LastIndexOfAny(ClauseBreaks) + 1;
            var end = text.AsSpan(at + 1).IndexOfAny(ClauseBreaks) is >= 0 and var stop ? at + 1 + stop : text.Length;
            var (before, after) = (text[start..at], text[(at + 1)..end]);
            // "下周一到周三": the day after 到 in the week named before it.
            if (after is ['周' or '星' or '礼', ..] && WeekOf(before) is { } week)
            {
                after = week + after[(after[0] == '周' ? 1 : 2)..];
            }
            if (before.Length > 0 && before.Length <= 8 && Find(before, today, past) is { } from && Find(after, today, past) is { } to && from.From <= to.To)
            {
                return new DateWindow(from.From, to.To, $"{from.Label}到{to.Label}");
            }
        }
        return null;
    }

    private static readonly SearchValues<char> ClauseBreaks = SearchValues.Create(",，。?？!！;； ");

    /// <summary>A week named before its day, as the day after 到 may leave it out.</summary>
    private static readonly string[] Weeks = ["下下周", "下周", "上周", "这周", "本周", "下星期", "上星期", "这星期", "下礼拜", "上礼拜", "这礼拜"];

    /// <summary>The week <paramref name="day"/> opens with, if any (a loop: a lambda would cost every clause before 到 its closure).</summary>
    private static string? WeekOf(string day)
    {
        foreach (var week in Weeks)
        {
            if (day.StartsWith(week, StringComparison.Ordinal))
            {
                return week;
            }
        }
        return null;
    }

    /// <summary>The window a word names (本周, 下周, 今天…): the first in a clause that asks, else the first.</summary>
    private static (DateWindow Window, bool Asked)? NamedWindow(string text, DateOnly today, bool past)
    {
        var characters = new CharacterSet(text);
        DateWindow? told = null;
        foreach (var (words, make) in Named)
        {
            foreach (var word in words)
            {
                // "麻烦列下下周到期的": 列下 and then 下周.
                if (characters.MayHold(word) && text.IndexOf(word, StringComparison.Ordinal) is var at and >= 0
                    && !(word is ['下', '下', ..] && at > 0 && ChineseDates.TakesXia.Contains(text[at - 1])))
                {
                    var (from, to) = make(today);
                    // "周末完成了哪些": a weekend still to come, asked of the past, is the one gone by.
                    (from, to) = past && from > today && words[0] == "周末" ? (from.AddDays(-7), to.AddDays(-7)) : (from, to);
                    // "昨天下乡刚回来 … 帮我查下我们科下下周到期的": a day told of in a clause that asks nothing gives way to
                    // the window asked about.
                    if (Asks(text, at, word.Length))
                    {
                        return (new DateWindow(from, to, words[0]), true);
                    }
                    told ??= new DateWindow(from, to, words[0]);
                    break;
                }
            }
        }
        return told is null ? null : (told, false);
    }

    /// <summary>
    /// Where the words that named <paramref name="window"/> stand in <paramref name="text"/> (its label, or another word
    /// for it: "这周" for 本周), how long they are, and the clause holding them; null when neither is there.
    /// </summary>
    internal static (int At, int Length, int Start, int End)? WrittenIn(string text, DateWindow window)
    {
        var (at, length) = text.IndexOf(window.Label, StringComparison.Ordinal) is >= 0 and var label
            ? (label, window.Label.Length)
            : Named.Where(n => n.Words[0] == window.Label).SelectMany(n => n.Words).Select(w => (At: text.IndexOf(w, StringComparison.Ordinal), w.Length)).FirstOrDefault(p => p.At >= 0);
        if (length == 0)
        {
            return null;
        }
        var (start, end) = Message.ClauseAround(text, at, length);
        return (at, length, start, end);
    }

    /// <summary>Whether the clause holding the words at <paramref name="at"/> asks about measures (a question, a due or done word).</summary>
    private static bool Asks(string text, int at, int length)
    {
        var (start, end) = Message.ClauseAround(text, at, length);
        var clause = text.AsSpan(start, end - start);
        return clause.ContainsAny(Message.AskingMarks) || clause.Contains("到期", StringComparison.Ordinal) || clause.Contains("完成", StringComparison.Ordinal) || clause.Contains("截止", StringComparison.Ordinal);
    }

    private static readonly SearchValues<char> SpanUnitStarts = SearchValues.Create("天日周星礼月dwm");

    private static readonly (string[] Words, Func<DateOnly, (DateOnly, DateOnly)> Make)[] Named =
    [
        (["今天", "今日", "today"], t => (t, t)),
        (["昨天", "昨日", "yesterday"], t => (t.AddDays(-1), t.AddDays(-1))),
        (["前天"], t => (t.AddDays(-2), t.AddDays(-2))),
        (["明天", "明日", "tomorrow"], t => (t.AddDays(1), t.AddDays(1))),
        (["后天"], t => (t.AddDays(2), t.AddDays(2))),
        (["今明两天", "今明天", "今明"], t => (t, t.AddDays(1))),
        (["这两天"], t => (t, t.AddDays(1))),
        // A weekend said with its week (周末 alone may be the last or the next).
        (["上周末", "上个周末", "上礼拜周末"], t => (ChineseDates.Monday(t).AddDays(-2), ChineseDates.Monday(t).AddDays(-1))),
        (["这周末", "本周末", "这个周末"], t => (ChineseDates.Monday(t).AddDays(5), ChineseDates.Monday(t).AddDays(6))),
        (["下周末", "下个周末"], t => (ChineseDates.Monday(t).AddDays(12), ChineseDates.Monday(t).AddDays(13))),
        // Alone, the coming one; asked of what was done, the one gone by (NamedWindow).
        (["周末"], t => (ChineseDates.Monday(t).AddDays(5), ChineseDates.Monday(t).AddDays(6))),
        (["下下周", "下下个星期", "下下星期", "下下个礼拜", "下下礼拜"], t => (ChineseDates.Monday(t).AddDays(14), ChineseDates.Monday(t).AddDays(20))),
        (["下周", "下个星期", "下星期", "下个礼拜", "下礼拜", "next week"], t => (ChineseDates.Monday(t).AddDays(7), ChineseDates.Monday(t).AddDays(13))),
        (["本周", "这周", "这个星期", "本星期", "这星期", "这个礼拜", "这礼拜", "本礼拜", "this week"], t => (ChineseDates.Monday(t), ChineseDates.Monday(t).AddDays(6))),
        (["上上周", "上上个星期", "上上星期", "上上个礼拜", "上上礼拜"], t => (ChineseDates.Monday(t).AddDays(-14), ChineseDates.Monday(t).AddDays(-8))),
        (["上周", "上个星期", "上星期", "上个礼拜", "上礼拜", "last week"], t => (ChineseDates.Monday(t).AddDays(-7), ChineseDates.Monday(t).AddDays(-1))),
        (["上个月", "上月", "last month"], t => (FirstOfMonth(t).AddMonths(-1), FirstOfMonth(t).AddDays(-1))),
        (["下个月", "下月", "next month"], t => (FirstOfMonth(t).AddMonths(1), FirstOfMonth(t).AddMonths(2).AddDays(-1))),
        (["月底", "月末", "end of month", "end of the month"], t => (t, FirstOfMonth(t).AddMonths(1).AddDays(-1))),
        (["本月", "这个月", "当月", "this month"], t => (FirstOfMonth(t), FirstOfMonth(t).AddMonths(1).AddDays(-1))),
    ];

    /// <summary>The window meant by a due question that names none ("快到期的", "哪些要到期"): the coming week.</summary>
    public static DateWindow Soon(DateOnly today) => new(today, today.AddDays(7), "近7天");

    private static DateWindow Within(Match m, DateOnly today)
    {
        var n = ChineseNumber.Parse(m.Groups["n"].Value) ?? 0;
        var to = (m.Groups["n"].Value, m.Groups["u"].Value) switch
        {
            ("半", "月") => today.AddDays(15),
            ("半", _) => today,
            var (_, unit) => ChineseDates.After(today, n, unit),
        };
        return new DateWindow(today, to, m.Value.Trim());
    }

    private static DateWindow Absolute(string text, DateMention mention, DateOnly today, bool past)
    {
        var words = mention.Text;
        // "11月13号到现在完成了哪些": from the day up to today, the day being past (this year's, said without one).
        if (text.AsSpan(mention.Index + mention.Length).TrimStart(' ') is var then
            && (then.StartsWith("到现在") || then.StartsWith("至今") || then.StartsWith("到今天") || then.StartsWith("以来") || then.StartsWith("到目前")))
        {
            var since = mention.Date > today && !words.Contains('年') ? mention.Date.AddYears(-1) : mention.Date;
            return new DateWindow(since, today, words + "以来");
        }
        var day = words.Contains('日') || words.Contains('号') || words.Contains('-') || words.Contains('/') || words.Contains('.');
        // "元旦之前到期的": a holiday's 前 is part of its words, and makes it a deadline as 底 does.
        var deadline = words.Contains('底') || words.Contains('末') || words.Contains("半年") || words.Contains("季度") || words.EndsWith('前');
        var month = !day && !deadline && words.EndsWith('月');
        // Without a year, a date comes as the next one (a deadline): what was completed then is in the last one begun.
        var begins = month ? new DateOnly(mention.Date.Year, mention.Date.Month, 1) : mention.Date;
        var date = past && !words.Contains('年') && begins > today ? mention.Date.AddYears(-1) : mention.Date;
        if (month)
        {
            return new DateWindow(new DateOnly(date.Year, date.Month, 1), date, words);
        }
        // "12月上旬" alone is its ten days (上旬 1–10, 中旬 11–20, 下旬 21 to the month's end); "中旬前" is a deadline.
        if (words.EndsWith('旬') && !Before(text, mention.Index + mention.Length))
        {
            return new DateWindow(new DateOnly(date.Year, date.Month, words[^2] switch { '上' => 1, '中' => 11, _ => 21 }), date, words);
        }
        // "截止到12月15号要到期的": everything due from today up to the day.
        var upTo = !past && text.AsSpan(0, mention.Index).TrimEnd() is var before && (before.EndsWith("截止到") || before.EndsWith("截止至") || before.EndsWith("截至") || before.EndsWith("截止"));
        return deadline || upTo
            ? new DateWindow(today, date, words)
            : By(text, mention.Index + mention.Length, date, today, words);
    }

    /// <summary>A quarter or a half year: the whole of it, or up to its end as a deadline (一季度末, 上半年前).</summary>
    private static DateWindow Part(Match m, DateOnly today, bool past)
    {
        var months = m.Groups["h"].Success ? 6 : 3;
        var year = ChineseDates.WrittenYear(m, today);
        DateOnly start;
        if (m.Groups["which"].Success)
        {
            var current = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
            start = current.AddMonths(m.Groups["which"].Value switch { ['下', ..] => 3, ['上', ..] => -3, _ => 0 });
        }
        else
        {
            var index = m.Groups["h"].Success ? (m.Groups["h"].Value == "上" ? 0 : 1) : "一二三四1234".IndexOf(m.Groups["q"].Value[0]) % 4;
            start = new DateOnly(year ?? today.Year, 1 + (index * months), 1);
            if (year is null)
            {
                start = Nearest(start, months, today, past);
            }
        }
        var end = start.AddMonths(months).AddDays(-1);
        return m.Groups["end"].Success || m.Groups["before"].Success ? new DateWindow(today, end, m.Value) : new DateWindow(start, end, m.Value);
    }

    /// <summary>今年, 明年 or 去年 alone (the whole year), 年内 (up to its end), 元月 (January).</summary>
    private static DateWindow? YearWindow(string text, DateOnly today, bool past)
    {
        if (Year().Match(text) is { Success: true } year)
        {
            var first = new DateOnly(ChineseDates.RelativeYear(year.Groups["rel"].Value, today)!.Value, 1, 1);
            // "今年以来完成了哪些": from the year's start up to today.
            var last = text.AsSpan(year.Index + year.Length).StartsWith("以来") && first.Year == today.Year ? today : first.AddYears(1).AddDays(-1);
            return new DateWindow(first, last, year.Value);
        }
        if (YearWords().Match(text) is not { Success: true } words)
        {
            return null;
        }
        if (!words.Groups["jan"].Success)
        {
            return new DateWindow(today, new DateOnly(today.Year, 12, 31), words.Value);
        }
        var january = Nearest(new DateOnly(today.Year, 1, 1), 1, today, past);
        return new DateWindow(january, january.AddMonths(1).AddDays(-1), words.Value);
    }

    /// <summary>
    /// A period named without its year (一季度, 元月): the next one that has not ended, or, for what was done, the last one
    /// that has begun.
    /// </summary>
    private static DateOnly Nearest(DateOnly start, int months, DateOnly today, bool past) =>
        !past && start.AddMonths(months) <= today ? start.AddYears(1)
        : past && start > today ? start.AddYears(-1)
        : start;

    /// <summary>A day, or from today up to it when 前/之前/以前 follows.</summary>
    private static DateWindow By(string text, int after, DateOnly day, DateOnly today, string words) =>
        Before(text, after) ? new DateWindow(today, day, words + "前") : new DateWindow(day, day, words);

    private static bool Before(string text, int after) =>
        text.AsSpan(after).TrimStart(' ') is var rest && (rest.StartsWith("前") || rest.StartsWith("之前") || rest.StartsWith("以前") || rest.StartsWith("下班前") || rest.StartsWith("为止") || rest.StartsWith("之间"));

    private static DateOnly FirstOfMonth(DateOnly d) => new(d.Year, d.Month, 1);
}
