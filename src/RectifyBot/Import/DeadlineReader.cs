using System.Text.RegularExpressions;
using RectifyBot.Domain;
using RectifyBot.Text;

namespace RectifyBot.Import;

/// <summary>A measure's deadline and milestones, and the date-like words in its text that could not be read (X月X日).</summary>
internal sealed record DeadlineReading(Deadline Deadline, IReadOnlyList<DateOnly> Milestones, IReadOnlyList<string> Unresolved);

/// <summary>
/// Reads 完成时限 from a measure's words. The plan's reference date (its feedback date) fixes years that are
/// not written and separates facts from commitments: a date before it ("2020年以来") is history, not a milestone.
/// Titles of documents and slogans (《…》, “…”, 〔…〕) are not read for dates. The latest date named is the
/// deadline (the measure's last step: "大寒节前完成…力争2024年6月前投入运营"), and every date is a milestone;
/// a recurrence word (每季度) makes the deadline periodic, 长期坚持 long-term, 立行立改 due at the stage end.
/// </summary>
internal sealed partial class DeadlineReader(DateOnly reference, DateOnly? stageEnd)
{
    /// <param name="text">The measure's text.</param>
    /// <param name="deadlineField">A 完成时限 written for the measure or its problem, which wins over the text.</param>
    public DeadlineReading Read(string text, string? deadlineField)
    {
        var textDates = Dates(text);
        // A 完成时限 field is a deadline whatever its date: a past one is overdue, not history.
        var fieldDates = deadlineField is null ? [] : Dates(deadlineField, keepPast: true);
        var milestones = textDates.Concat(fieldDates).Select(d => d.Date).Distinct().Order().ToList();
        var source = deadlineField ?? text;
        var dates = deadlineField is null ? textDates : fieldDates;
        var latest = dates.MaxBy(d => d.Date);
        var recurrence = RecurrenceWord().Match(source);
        var longTerm = (deadlineField is not null ? LongTermField() : LongTermText()).Match(source);
        var immediate = (deadlineField is null ? ImmediateWord() : ImmediateField()).Match(source);

        Deadline deadline;
        if (deadlineField is not null && deadlineField.Contains(LedgerUnstated, StringComparison.Ordinal))
        {
            // Our own ledger writes an unstated deadline as the stage end it falls back on.
            deadline = Deadline.Unstated(latest?.Date ?? stageEnd);
        }
        else if (recurrence.Success && longTerm.Success && deadlineField is not null)
        {
            // "长期坚持（每季度报告…）": long-term, checked in every period.
            deadline = Deadline.LongTermFrom(latest?.Date ?? FirstPeriodEnd(PeriodOf(recurrence.Value)), PeriodOf(recurrence.Value), Clause(source, longTerm.Index));
        }
        else if (recurrence.Success)
        {
            var period = PeriodOf(recurrence.Value);
            deadline = Deadline.Every(period, latest?.Date ?? FirstPeriodEnd(period), Clause(source, recurrence.Index));
        }
        else if (longTerm.Success && latest is not null && latest.Index < longTerm.Index && !LongTermField().IsMatch(source[..latest.Index]))
        {
            // "2024年7月底前完成修订，并长期坚持": the date is the deadline, and the work goes on after it.
            deadline = Deadline.OnThenLongTerm(latest.Date, Recurrence.HalfYearly, Clause(source, latest.Index));
        }
        else if (longTerm.Success && latest is null && stageEnd is { } due && immediate.Success && immediate.Index < longTerm.Index)
        {
            // "立行立改并长期坚持": due when the concentrated stage ends, and kept up after it.
            deadline = Deadline.OnThenLongTerm(due, Recurrence.HalfYearly, Clause(source, immediate.Index));
        }
        else if (longTerm.Success)
        {
            deadline = Deadline.LongTermFrom(latest?.Date ?? stageEnd ?? reference, source: Clause(source, longTerm.Index));
        }
        else if (latest is not null)
        {
            deadline = Deadline.On(latest.Date, Clause(source, latest.Index));
        }
        else if (immediate.Success && stageEnd is { } end)
        {
            // 立行立改: due at once, and at the latest when the concentrated stage ends.
            deadline = Deadline.On(end, Clause(source, immediate.Index));
        }
        else
        {
            deadline = Deadline.Unstated(stageEnd);
        }
        // A 完成时限 field is short and is the deadline as written: keep all of it as the source.
        var unresolved = RedactedDate().Matches(text).Select(m => m.Value).ToList();
        return new DeadlineReading(deadlineField is null ? deadline : deadline with { SourceText = deadlineField }, milestones, unresolved);
    }

    /// <summary>A 完成时限 of 立行立改: due when the concentrated stage ends, which the plan may not say.</summary>
    public static bool IsImmediate(string deadlineField) => ImmediateField().IsMatch(deadlineField);

    /// <summary>What the ledger (<see cref="Documents.LedgerText.Deadline"/>) writes after a date that no measure stated.</summary>
    internal const string LedgerUnstated = "集中整改阶段截止";

    /// <summary>The commitments in a text: mentions on or after the reference date, bare years only when they read as a deadline.</summary>
    private List<DateMention> Dates(string text, bool keepPast = false)
    {
        var masked = Quoted().Replace(text, m => new string(' ', m.Length));
        var found = new List<DateMention>();
        foreach (var mention in ChineseDates.FindAll(masked, reference))
        {
            if ((keepPast || mention.Date >= reference) && (!BareYear().IsMatch(mention.Text) || ReadsAsDeadline(masked, mention)))
            {
                found.Add(mention with { Text = text.Substring(mention.Index, mention.Length) });
            }
        }
        foreach (Match within in Within().Matches(masked))
        {
            found.Add(new DateMention(WithinFrom(within), within.Index, within.Length, text.Substring(within.Index, within.Length)));
        }
        return found;
    }

    /// <summary>
    /// "于2个月内完成", "3个月内", "年内完成": a time from the plan's date, or this year's end. Only where the span ends
    /// the words or the work ("对3个月内未更新的…" names the span of something else).
    /// </summary>
    [GeneratedRegex(@"(?:(?<n>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*个?\s*(?<u>月|周|星期|天|日)|(?<![\d一二两三四五六七八九十])(?:本|今|当)?(?<u>年)度?)(?:内|以内)(?=完成|办结|整改|到位|$|[，。；,;\s])", RegexOptions.CultureInvariant)]
    private static partial Regex Within();

    private DateOnly WithinFrom(Match within)
    {
        var unit = within.Groups["u"].Value;
        return unit == "年" ? new DateOnly(reference.Year, 12, 31) : ChineseDates.After(reference, ChineseNumber.Parse(within.Groups["n"].Value) ?? 0, unit);
    }

    // "力争2024年完成" is a deadline; "完善2023年党组中心组学习计划" only names whose plan it is.
    private static bool ReadsAsDeadline(string text, DateMention mention)
    {
        var before = text[Math.Max(0, mention.Index - 3)..mention.Index];
        var after = text[(mention.Index + mention.Length)..Math.Min(text.Length, mention.Index + mention.Length + 3)];
        return DeadlineBefore().IsMatch(before) || DeadlineAfter().IsMatch(after);
    }

    private DateOnly FirstPeriodEnd(Recurrence period)
    {
        int months = period switch
        {
            Recurrence.Monthly => 1,
            Recurrence.Quarterly => 3,
            Recurrence.HalfYearly => 6,
            Recurrence.Yearly => 12,
            _ => 0,
        };
        if (months == 0)
        {
            return reference.AddDays(period == Recurrence.Weekly ? 7 : 14);
        }
        // The end of the calendar period the plan's date falls in: a quarterly measure of an August plan is first due on 30 September.
        var endMonth = ((reference.Month - 1) / months * months) + months;
        return new DateOnly(reference.Year, endMonth, DateTime.DaysInMonth(reference.Year, endMonth));
    }

    private static Recurrence PeriodOf(string word) => word switch
    {
        "每月" or "每个月" or "按月" => Recurrence.Monthly,
        "每季度" or "每季" or "每个季度" or "按季度" => Recurrence.Quarterly,
        "每半年" or "每学期" or "半年一次" => Recurrence.HalfYearly,
        "每年" or "每年度" or "每学年" => Recurrence.Yearly,
        "每周" or "每星期" => Recurrence.Weekly,
        // "每年6月、12月": two months of each year.
        _ when word.StartsWith("每年", StringComparison.Ordinal) => Recurrence.HalfYearly,
        _ => Recurrence.Biweekly,
    };

    /// <summary>The clause of <paramref name="text"/> around position <paramref name="index"/>, as the deadline's source text.</summary>
    private static string Clause(string text, int index)
    {
        var start = text.LastIndexOfAny(ClauseEnds, Math.Max(0, index - 1)) + 1;
        var end = text.IndexOfAny(ClauseEnds, index);
        return text[start..(end < 0 ? text.Length : end)].Trim();
    }

    private static readonly char[] ClauseEnds = ['，', ',', '。', '；', ';', '\n'];

    [GeneratedRegex(@"《[^》]*》|“[^”]*”|〔[^〕]*〕|\[[^\]]*\]", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    // Redacted or placeholder dates in published copies: X月X日, 20XX年X月, **月底.
    [GeneratedRegex(@"(?:\d{2}[X*×]{2}|[X*×]{2,4})年(?:[X*×\d]{1,2}月)?|[X*×]{1,2}月(?:[X*×\d]{1,2}[日号]|底)?|\d{1,2}月[X*×]{1,2}[日号]", RegexOptions.CultureInvariant)]
    private static partial Regex RedactedDate();

    [GeneratedRegex(@"^\d{4}\s*年$", RegexOptions.CultureInvariant)]
    private static partial Regex BareYear();

    [GeneratedRegex(@"(?:力争|确保|争取|于|在|到|至)$", RegexOptions.CultureInvariant)]
    private static partial Regex DeadlineBefore();

    [GeneratedRegex(@"^(?:前|底|内|以内|完成|之前|以前|年底)", RegexOptions.CultureInvariant)]
    private static partial Regex DeadlineAfter();

    // "每年6月、12月各开展一次": twice a year, named by its two months; "半年一次".
    [GeneratedRegex(@"每年\d{1,2}月底?[、和及]\d{1,2}月底?|半年一次|每个?月|按月|每个?季度?|按季度|每半年|每学期|每学年|每年度?|每周|每星期|每(?:2|两|二)周", RegexOptions.CultureInvariant)]
    private static partial Regex RecurrenceWord();

    // "长期" alone is all that is said of when, as a 完成时限 cell writes it; inside prose it needs its verb (长期坚持).
    [GeneratedRegex(@"^长期$|长期坚持|长期整改|长期推进|长期执行|长效运行|长效推进|长效坚持|(?:并|[，,]\s*)(?:建立|形成)长效机制$|常态化(?![\u4e00-\u9fff]{0,6}机制)|持续推进|持续整改|持续抓好|久久为功", RegexOptions.CultureInvariant)]
    private static partial Regex LongTermText();

    [GeneratedRegex(@"长期|持续|常态化|长效", RegexOptions.CultureInvariant)]
    private static partial Regex LongTermField();

    [GeneratedRegex(@"立行立改|即知即改|立即整改", RegexOptions.CultureInvariant)]
    private static partial Regex ImmediateWord();

    // In a 完成时限 field a bare 立即 means the same; in prose "立即清理" only says how, not by when.
    [GeneratedRegex(@"立行立改|即知即改|立即", RegexOptions.CultureInvariant)]
    private static partial Regex ImmediateField();
}
