using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.Options;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using static RectifyBot.Documents.LedgerText;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace RectifyBot.Documents;

/// <summary>
/// 整改销号审批表: one A4 page per measure, as offices print them for signature and file them in the measure's
/// archive. Filled from the record (the problem, the measure, the unit's account, the evidence with its SHA-256, who
/// applied, who reviewed and when); what only a pen can add (signatures, seals) has lines to sign on. The leader's
/// row appears where sign-off includes the leader (Workflow:SignOff) or a leader signed.
/// </summary>
public sealed class ClosureForms(IOptions<WorkflowOptions> options, OrganisationClock clock)
{
    public const string Title = "整改销号审批表";

    /// <summary>How many hex digits of a file's SHA-256 the form prints: enough to match it against the archive.</summary>
    public const int ShortHash = 12;

    // A4 with the GB/T 9704 margins; the table fills the 156 mm text block: label, value, label, value.
    private static readonly int[] Grid = [1900, 2522, 1900, 2522];
    private const string BodySize = "24";
    private const string TitleSize = "44";

    /// <summary>Numbers asked for that the plan does not have.</summary>
    public static IReadOnlyList<int> Missing(LedgerSnapshot ledger, IEnumerable<int> numbers) =>
        numbers.Where(n => ledger.Measures.All(m => m.Number != n)).ToList();

    public void Write(LedgerSnapshot ledger, IReadOnlyList<LedgerMeasure> measures, Stream output)
    {
        var fonts = ReportFonts.GbT9704;
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        main.AddNewPart<StyleDefinitionsPart>().Styles = Styles(fonts);
        main.AddNewPart<FontTablePart>().Fonts = StatusReportDocument.FontTable(fonts);
        var body = new Body();
        for (var i = 0; i < measures.Count; i++)
        {
            foreach (var element in Form(ledger, measures[i], first: i == 0))
            {
                body.Append(element);
            }
        }
        if (measures.Count == 0)
        {
            body.Append(new Paragraph());
        }
        body.Append(new SectionProperties(
            new PageSize { Width = 11906, Height = 16838 },
            new PageMargin { Top = 1984, Bottom = 1701, Left = 1587, Right = 1474, Header = 851, Footer = 992, Gutter = 0 }));
        main.Document = new Document(body);
    }

    private IEnumerable<OpenXmlElement> Form(LedgerSnapshot ledger, LedgerMeasure m, bool first)
    {
        var titleProperties = new ParagraphProperties(new SpacingBetweenLines { After = "120", Line = "240", LineRule = LineSpacingRuleValues.Auto },
            new Justification { Val = JustificationValues.Center });
        if (!first)
        {
            titleProperties.PrependChild(new PageBreakBefore());
        }
        yield return new Paragraph(titleProperties, Styled(Title, ReportFonts.GbT9704.Title[0], TitleSize));
        yield return new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "80" }, new Justification { Val = JustificationValues.Both }),
            StatusReportDocument.TextRun($"填报单位：{ledger.Inspection.InspectedOrganisation ?? ""}"),
            new Run(new TabChar()),
            StatusReportDocument.TextRun($"措施编号：（{m.Number}）"));

        var problem = ledger.Problems.FirstOrDefault(p => p.Id == m.ProblemId);
        var finding = problem?.Findings.FirstOrDefault(f => $"{problem.AspectOrdinal}.{problem.Ordinal}.{f.Ordinal}" == m.Summary.FindingPath);
        var close = m.CloseRequests.LastOrDefault(c => c.Request.State != RequestState.Withdrawn);
        var table = new Table(new TableProperties(
                new TableWidth { Width = Grid.Sum().ToString(), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 8 }, new LeftBorder { Val = BorderValues.Single, Size = 8 },
                    new BottomBorder { Val = BorderValues.Single, Size = 8 }, new RightBorder { Val = BorderValues.Single, Size = 8 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa }, new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })),
            new TableGrid(Grid.Select(w => new GridColumn { Width = w.ToString() })));

        table.Append(Row(("反馈问题", [problem is null ? "" : problem.Title.TrimEnd('。')
            + (finding is null || Finding.Repeats(finding.Title, problem.Title) ? "" : $"\n具体表现：{finding.Title}")])));
        table.Append(Row(("整改措施", [m.Summary.Text])));
        table.Append(Pair(("牵头单位", Names(m.Summary.LeadUnits)), ("配合单位", Names(m.Summary.SupportingUnits))));
        table.Append(Pair(("责任领导", m.Summary.ResponsibleLeader ?? ""), ("责任人", m.Owner ?? "")));
        table.Append(Pair(("完成时限", Deadline(m)), ("整改状态", Status(m))));
        table.Append(Row(("整改完成情况", Account(m, close)), minHeight: 1600));
        table.Append(Row(("佐证材料", EvidenceLines(m)), minHeight: 900));
        table.Append(Row(("责任单位意见", UnitOpinion(close)), minHeight: 1200));
        table.Append(Row(("整改办审核意见", OfficeOpinion(close)), minHeight: 1200));
        if (options.Value.SignOff == SignOffMode.OfficeAndLeader || close?.SignedBy is not null)
        {
            table.Append(Row(("分管领导意见", LeaderOpinion(close)), minHeight: 1100));
        }
        yield return table;
        yield return new Paragraph(new ParagraphProperties(new SpacingBetweenLines { Before = "80" }),
            StatusReportDocument.TextRun($"注：本表由巡察整改台账生成，截至{Date(ledger.AsOf)}；佐证材料的SHA-256前{ShortHash}位可与档案中的文件核对。"));
    }

    /// <summary>完成情况: the unit's account when it applied, then what it recorded, oldest first.</summary>
    private static string[] Account(LedgerMeasure m, LedgerClose? close)
    {
        var lines = new List<string>();
        if (close?.Request.Account is { Length: > 0 } account)
        {
            lines.Add($"销号申请所述：{account}");
        }
        lines.AddRange(m.Updates.Reverse().Select(u => $"{Date(u.On)}{(u.Staff is null ? "" : "，" + u.Staff)}：{u.Text}"));
        return lines.Count == 0 ? ["尚未记录整改进展。"] : [.. lines];
    }

    private string[] EvidenceLines(LedgerMeasure m) => m.Evidence.Count == 0
        ? ["尚未上传佐证材料。"]
        : [.. m.Evidence.Select((e, i) =>
            $"{i + 1}. {e.FileName}（{e.Staff ?? "未记录上传人"}，{Date(clock.LocalDate(e.At))}上传，SHA-256 {e.Sha256[..Math.Min(ShortHash, e.Sha256.Length)]}）")];

    private static string[] UnitOpinion(LedgerClose? close) => close is null
        ? ["尚未申请销号。", SignLine("负责人（签字）")]
        : [$"{close.Request.RequestedBy ?? "责任单位"}于{Date(close.RequestedOn)}申请销号。", SignLine("负责人（签字）")];

    private static string[] OfficeOpinion(LedgerClose? close)
    {
        var decided = close?.Request.State switch
        {
            RequestState.Approved or RequestState.Reviewed => $"经审核，同意销号（{close.ReviewedBy ?? "整改办"}，{Date(close.ReviewedOn)}）。",
            RequestState.Returned => $"退回（{close.ReviewedBy ?? "整改办"}，{Date(close.ReviewedOn)}），原因：{close.Request.ReturnReason}",
            RequestState.Pending => "待审核。",
            _ => "",
        };
        return decided.Length == 0 ? [SignLine("审核人（签字）")] : [decided, SignLine("审核人（签字）")];
    }

    private static string[] LeaderOpinion(LedgerClose? close) => close?.SignedBy is { } leader
        ? [$"同意销号（{leader}，{Date(close.SignedOn)}签字）。", SignLine("分管领导（签字）")]
        : [SignLine("分管领导（签字）")];

    /// <summary>A line to sign on and the date to write by hand; not a blank in the record's sense.</summary>
    private static string SignLine(string who) => $"{who}：\u3000\u3000\u3000\u3000\u3000\u3000（盖章）\u3000\u3000年\u3000月\u3000日";

    private static TableRow Row((string Label, string[] Lines) cell, int minHeight = 0)
    {
        var row = new TableRow();
        if (minHeight > 0)
        {
            row.Append(new TableRowProperties(new TableRowHeight { Val = (uint)minHeight, HeightType = HeightRuleValues.AtLeast }));
        }
        row.Append(Label(cell.Label, Grid[0]), Cell(cell.Lines, Grid[1] + Grid[2] + Grid[3], span: 3));
        return row;
    }

    private static TableRow Pair((string Label, string Value) left, (string Label, string Value) right) =>
        new(Label(left.Label, Grid[0]), Cell([left.Value], Grid[1]), Label(right.Label, Grid[2]), Cell([right.Value], Grid[3]));

    private static TableCell Label(string text, int width) =>
        new(new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa },
                new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
            new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), Styled(text, ReportFonts.GbT9704.Heading1[0], BodySize)));

    private static TableCell Cell(IEnumerable<string> lines, int width, int span = 1)
    {
        var properties = new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa });
        if (span > 1)
        {
            properties.Append(new GridSpan { Val = span });
        }
        properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        var cell = new TableCell(properties);
        foreach (var line in lines.SelectMany(l => l.Split('\n')).DefaultIfEmpty(""))
        {
            cell.Append(new Paragraph(StatusReportDocument.TextRun(line)));
        }
        return cell;
    }

    private static Run Styled(string text, string font, string size) =>
        new(new RunProperties(StatusReportDocument.Fonts(font), new FontSize { Val = size }, new FontSizeComplexScript { Val = size }),
            new WordText(text) { Space = SpaceProcessingModeValues.Preserve });

    private static Styles Styles(ReportFonts fonts) => new(
        new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(
            StatusReportDocument.Fonts(fonts.Body[0]), new FontSize { Val = BodySize }, new FontSizeComplexScript { Val = BodySize },
            new Languages { Val = "en-US", EastAsia = "zh-CN" }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(
                // The right-hand tab puts 措施编号 at the right edge of the line above the table.
                new Tabs(new TabStop { Val = TabStopValues.Right, Position = Grid.Sum() }),
                new SpacingBetweenLines { Line = "300", LineRule = LineSpacingRuleValues.Auto, Before = "0", After = "0" },
                new Justification { Val = JustificationValues.Both }))
        { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
}
