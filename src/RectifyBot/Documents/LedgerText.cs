using RectifyBot.Domain;
using RectifyBot.Rectification;

namespace RectifyBot.Documents;

/// <summary>How the ledger and the report write dates, deadlines, statuses and requests in Chinese.</summary>
public static class LedgerText
{
    /// <summary>A fact that is not recorded: left visibly blank for the office to fill in, never guessed.</summary>
    public const string Blank = "＿＿";

    public static string Date(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : Blank;

    /// <summary>Measure numbers as plans write them: （49）（51）.</summary>
    public static string Numbers(IEnumerable<int> numbers) => string.Concat(numbers.Select(n => $"（{n}）"));

    public static string Names(IEnumerable<string> names) => string.Join("、", names);

    /// <summary>完成时限, with the original date kept visible after an approved extension.</summary>
    public static string Deadline(LedgerMeasure m)
    {
        var d = m.Summary.Deadline;
        var due = Date(m.Summary.DueDate);
        var text = d.Kind switch
        {
            DeadlineKind.Recurring => $"{Period(d.Recurrence)}（下次{due}）",
            DeadlineKind.LongTerm => $"长期坚持（{Period(d.Recurrence)}报告，下次{due}）",
            DeadlineKind.NotStated => $"{due}（{Import.DeadlineReader.LedgerUnstated}）",
            _ when d.Recurrence is not null => $"{due}前完成，之后长期坚持",
            _ => due,
        };
        return m.OriginalDue is { } original ? $"{text}（原时限{Date(original)}，已批准延期）" : text;
    }

    /// <summary>整改状态, with the days overdue when the unit is late.</summary>
    public static string Status(LedgerMeasure m) =>
        m.Summary.DaysOverdue > 0 ? $"{m.Status.ToChinese()}（逾期{m.Summary.DaysOverdue}天）" : m.Status.ToChinese();

    public static string Update(UpdateView u) => $"{Date(u.On)}{(u.Staff is null ? "" : " " + u.Staff)}：{u.Text}";

    public static string Evidence(IReadOnlyList<EvidenceView> files) =>
        files.Count == 0 ? "" : $"共{files.Count}份：{string.Join("；", files.Select(f => f.FileName))}";

    /// <summary>销号情况: each request and its review in order, then the day it was closed.</summary>
    public static string Closing(LedgerMeasure m)
    {
        var lines = m.CloseRequests.Select(c =>
        {
            var requested = $"{Date(c.RequestedOn)}申请{By(c.Request.RequestedBy)}{(string.IsNullOrWhiteSpace(c.Request.Account) ? "" : "：" + c.Request.Account)}";
            var review = c.Request.State switch
            {
                RequestState.Approved => $"；{Date(c.ReviewedOn)}审核通过{By(c.ReviewedBy)}{(c.SignedBy is null ? "" : $"；{Date(c.SignedOn)}责任领导签字{By(c.SignedBy)}")}",
                RequestState.Reviewed => $"；{Date(c.ReviewedOn)}审核通过{By(c.ReviewedBy)}，待责任领导签字",
                RequestState.Returned => $"；{Date(c.ReviewedOn)}退回{By(c.ReviewedBy)}，原因：{c.Request.ReturnReason}",
                RequestState.Withdrawn => "；已撤回",
                _ => "；待审核",
            };
            return requested + review;
        }).ToList();
        if (m.ClosedOn is { } closed)
        {
            lines.Add($"销号日期：{Date(closed)}");
        }
        return string.Join("\n", lines);
    }

    public static string Period(Recurrence? period) => period switch
    {
        Recurrence.Weekly => "每周",
        Recurrence.Biweekly => "每两周",
        Recurrence.Monthly => "每月",
        Recurrence.Quarterly => "每季度",
        Recurrence.HalfYearly => "每半年",
        Recurrence.Yearly => "每年",
        _ => "定期",
    };

    private static string By(string? person) => person is null ? "" : $"（{person}）";
}
