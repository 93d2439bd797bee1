using System.Buffers;
using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// Date windows for "due" and "completed" questions, relative to a supplied today: 今天, 明天, 本周, 下周, 上周, 下周五, 本月, 下个月, 上个月,
/// 月底, 10天内, 两周内, 三个月内, and absolute dates through <see cref="ChineseDates"/> (2025年12月底).
/// Weeks run Monday to Sunday. A deadline-like point (月底, 12月底, 下周五前) means "from today up to it";
/// a plain day (今天, 下周五, 12月5日) means that day; a month named alone (12月) means the whole month.
/// </summary>
public static partial class DateWindowParser
{
    [GeneratedRegex(@"(?<n>\d{1,3}|[一二三四五六七八九十两]{1,3})\s*(?:个)?\s*(?<u>天|日|周|星期|礼拜|月)(?:之内|以内|内)|(?:未来|最近|近)\s*(?<n>\d{1,3}|[一二三四五六七八九十两]{1,3})\s*(?:个)?\s*(?<u>天|日|周|星期|礼拜|月)|(?:within|in|next)\s+(?<n>\d{1,3})\s+(?<u>days?|weeks?|months?)", RegexOptions.CultureInvariant)]
    private static partial Regex Span();

    // Not "上礼拜一共…" (上礼拜, then 一共) nor "周一个": a numeral that starts the next word is no weekday.
    [GeneratedRegex(@"(?<which>这|本|下|下个)?\s*(?<!上)(?:周|星期|礼拜)(?<d>[一二三四五六日天1-7])(?![共个])", RegexOptions.CultureInvariant)]
    private static partial Regex Weekday();

    public static DateWindow? Find(string text, DateOnly today) => Find(text, ChineseDates.FindAll(text, today), today);

    /// <summary>The window in <paramref name="text"/>, whose <paramref name="dates"/> are already found.</summary>
    internal static DateWindow? Find(string text, IReadOnlyList<DateMention> dates, DateOnly today)
    {
        // Each pattern needs a character most messages lack (a span its unit, a weekday 周, 星期 or 礼拜): checked
        // first, it spares the search.
        if (text.AsSpan().ContainsAny(SpanUnitStarts) && Span().Match(text) is { Success: true } span)
        {
            return Within(span, today);
        }
        // Before the named words, so that "12月底" is December and not this month's 月底.
        if (dates is [var mention, ..])
        {
            return Absolute(text, mention, today);
        }
        if (text.AsSpan().ContainsAny("周星礼") && Weekday().Match(text) is { Success: true } weekday)
        {
            var offset = weekday.Groups["which"].Value.StartsWith('下') ? 7 : 0;
            var day = Monday(today).AddDays(offset + DayIndex(weekday.Groups["d"].Value[0]));
            return By(text, weekday.Index + weekday.Length, day, today, weekday.Value);
        }
        var characters = new CharacterSet(text);
        foreach (var (words, make) in Named)
        {
            foreach (var word in words)
            {
                if (characters.MayHold(word) && text.Contains(word, StringComparison.Ordinal))
                {
                    var (from, to) = make(today);
                    return new DateWindow(from, to, words[0]);
                }
            }
        }
        return null;
    }

    private static readonly SearchValues<char> SpanUnitStarts = SearchValues.Create("天日周星礼月dwm");

    private static readonly (string[] Words, Func<DateOnly, (DateOnly, DateOnly)> Make)[] Named =
    [
        (["今天", "今日", "today"], t => (t, t)),
        (["明天", "明日", "tomorrow"], t => (t.AddDays(1), t.AddDays(1))),
        (["后天"], t => (t.AddDays(2), t.AddDays(2))),
        (["下周", "下个星期", "下星期", "下礼拜", "next week"], t => (Monday(t).AddDays(7), Monday(t).AddDays(13))),
        (["本周", "这周", "这个星期", "本星期", "这星期", "这礼拜", "this week"], t => (Monday(t), Monday(t).AddDays(6))),
        (["上周", "上个星期", "上星期", "上礼拜", "last week"], t => (Monday(t).AddDays(-7), Monday(t).AddDays(-1))),
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
        var to = m.Groups["u"].Value switch
        {
            "天" or "日" or "day" or "days" => today.AddDays(n),
            "月" or "month" or "months" => today.AddMonths(n),
            _ => today.AddDays(7 * n),
        };
        return new DateWindow(today, to, m.Value.Trim());
    }

    private static DateWindow Absolute(string text, DateMention mention, DateOnly today)
    {
        var words = mention.Text;
        var day = words.Contains('日') || words.Contains('号') || words.Contains('-') || words.Contains('/') || words.Contains('.');
        var deadline = words.Contains('底') || words.Contains('末') || words.Contains("半年") || words.Contains("季度");
        if (!day && !deadline && words.EndsWith('月'))
        {
            return new DateWindow(new DateOnly(mention.Date.Year, mention.Date.Month, 1), mention.Date, words);
        }
        return deadline
            ? new DateWindow(today, mention.Date, words)
            : By(text, mention.Index + mention.Length, mention.Date, today, words);
    }

    /// <summary>A day, or from today up to it when 前/之前/以前 follows.</summary>
    private static DateWindow By(string text, int after, DateOnly day, DateOnly today, string words)
    {
        var rest = text.AsSpan(after).TrimStart(' ');
        return rest.StartsWith("前") || rest.StartsWith("之前") || rest.StartsWith("以前")
            ? new DateWindow(today, day, words + "前")
            : new DateWindow(day, day, words);
    }

    private static DateOnly Monday(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));

    private static DateOnly FirstOfMonth(DateOnly d) => new(d.Year, d.Month, 1);

    private static int DayIndex(char c) => c switch
    {
        '日' or '天' or '7' => 6,
        >= '1' and <= '6' => c - '1',
        _ => "一二三四五六".IndexOf(c),
    };
}
