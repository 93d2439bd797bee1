using RectifyBot.Domain;

namespace RectifyBot.Documents;

/// <summary>
/// 台账 as a workbook: the "three lists" (问题清单, 任务清单, 责任清单) offices keep, plus every progress update
/// (进展), newest first. The columns are the ones offices hand upward.
/// </summary>
public static class LedgerWorkbook
{
    public const string ProblemList = "问题清单";
    public const string TaskList = "任务清单";
    public const string ResponsibilityList = "责任清单";
    public const string Progress = "进展";

    /// <summary>How many of the latest updates the 进展情况 cell of 任务清单 shows; the 进展 sheet has them all.</summary>
    private const int LatestUpdates = 3;

    public static void Write(LedgerSnapshot ledger, Stream output) =>
        SpreadsheetWriter.Write(output, [.. new[] { Problems(ledger), Tasks(ledger), Responsibilities(ledger), Updates(ledger) }
            .Select(sheet => sheet with { Heading = Heading(ledger, sheet.Name) })]);

    /// <summary>"县民政局党组巡察反馈问题整改台账·任务清单（截至2023年11月21日）", 编制单位 and 填报日期.</summary>
    public static SheetHeading Heading(LedgerSnapshot ledger, string sheet)
    {
        var organisation = ledger.Inspection.InspectedOrganisation;
        return new SheetHeading($"{organisation}巡察反馈问题整改台账·{sheet}（截至{LedgerText.Date(ledger.AsOf)}）",
            $"编制单位：{organisation ?? LedgerText.Blank}", $"填报日期：{LedgerText.Date(ledger.AsOf)}");
    }

    /// <summary>
    /// 具体表现 as "title：text", the text without its first sentence when that repeats the title (plans state the
    /// finding's title and then go on: "…有温差。未常态化落实…"); a finding that only says its problem again (a plan
    /// with no 一是、二是 under it) shows the rest of its text alone, or nothing, as the closure form does.
    /// </summary>
    public static string Finding(LedgerFinding f, string problem)
    {
        var title = f.Title.Trim().TrimEnd('。', '；', '：');
        var text = f.Text.Trim();
        if (text.StartsWith(title, StringComparison.Ordinal))
        {
            text = text[title.Length..].TrimStart('。', '；', '：', '，', ' ');
        }
        return Domain.Finding.Repeats(f.Title, problem) ? text : text.Length == 0 ? title : $"{title}：{text}";
    }

    private static SheetTable Problems(LedgerSnapshot ledger) => new(ProblemList,
        [new("序号", 6, true), new("方面", 20), new("问题", 30), new("具体表现", 60), new("整改措施", 16), new("牵头单位", 20), new("整改进度", 30)],
        ledger.Problems.Select((p, i) =>
        {
            var measures = ledger.MeasuresOf(p).ToList();
            var progress = measures.Count == 0
                ? ""
                : $"共{measures.Count}项：" + string.Join("，", measures.GroupBy(m => m.Status).OrderBy(g => g.Key).Select(g => $"{g.Key.ToChinese()}{g.Count()}项"));
            return (IReadOnlyList<object>)
            [
                i + 1,
                p.AspectTitle,
                p.Title,
                string.Join("\n", p.Findings.Select(f => Finding(f, p.Title)).Where(f => f.Length > 0)),
                LedgerText.Numbers(measures.Select(m => m.Number)),
                LedgerText.Names(measures.SelectMany(m => m.Summary.LeadUnits).Distinct()),
                progress,
            ];
        }).ToList());

    private static SheetTable Tasks(LedgerSnapshot ledger)
    {
        var problems = ledger.Problems.ToDictionary(p => p.Id, p => p.Title);
        return new SheetTable(TaskList,
            [
                new("序号", 6, true), new("问题", 20), new("整改措施", 36), new("牵头单位", 14), new("配合单位", 14), new("责任领导", 10),
                new("责任人", 10), new("完成时限", 20), new("整改状态", 20, true), new("进展情况", 40), new("佐证材料", 24), new("销号情况", 32),
            ],
            ledger.Measures.Select(m => (IReadOnlyList<object>)
            [
                m.Number,
                problems.GetValueOrDefault(m.ProblemId, ""),
                m.Summary.Text,
                LedgerText.Names(m.Summary.LeadUnits),
                LedgerText.Names(m.Summary.SupportingUnits),
                m.Summary.ResponsibleLeader ?? "",
                m.Owner ?? "",
                LedgerText.Deadline(m),
                LedgerText.Status(m),
                string.Join("\n", m.Updates.Take(LatestUpdates).Select(LedgerText.Update)),
                LedgerText.Evidence(m.Evidence),
                LedgerText.Closing(m),
            ]).ToList());
    }

    private static SheetTable Responsibilities(LedgerSnapshot ledger) => new(ResponsibilityList,
        [
            new("序号", 6, true), new("单位", 16), new("牵头措施", 40), new("配合措施", 30), new("措施数", 8, true), new("已完成", 8, true),
            new("逾期", 6, true), new("责任领导", 20), new("责任人", 20),
        ],
        ledger.Responsibilities().Select((u, i) => (IReadOnlyList<object>)
        [
            i + 1,
            u.Unit,
            LedgerText.Numbers(u.Lead),
            LedgerText.Numbers(u.Supporting),
            u.Lead.Count + u.Supporting.Count,
            u.Completed,
            u.Overdue,
            LedgerText.Names(u.Leaders),
            LedgerText.Names(u.Owners),
        ]).ToList());

    private static SheetTable Updates(LedgerSnapshot ledger) => new(Progress,
        [new("序号", 6, true), new("日期", 16, true), new("措施编号", 10, true), new("牵头单位", 14), new("填报人", 10), new("进展内容", 60), new("状态变化", 16, true)],
        ledger.UpdatesNewestFirst().Select((x, i) => (IReadOnlyList<object>)
        [
            i + 1,
            LedgerText.Date(x.Update.On),
            x.Measure.Number,
            LedgerText.Names(x.Measure.Summary.LeadUnits),
            x.Update.Staff ?? "",
            x.Update.Text,
            x.Update.StatusTo?.ToChinese() ?? "",
        ]).ToList());
}
