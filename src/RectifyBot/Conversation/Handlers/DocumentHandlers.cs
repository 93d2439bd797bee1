using RectifyBot.Conversation.Understanding;
using RectifyBot.Documents;
using RectifyBot.Drafting;

namespace RectifyBot.Conversation.Handlers;

/// <summary>
/// "导出台账", "生成整改情况报告" and "写第56项的整改情况": the files and paragraphs the office hands upward, built
/// only from what was recorded (unrecorded facts stay visible blanks), sent back in the channel.
/// </summary>
public sealed class DocumentHandlers(DocumentExports exports, LedgerLoader ledgers, ReportParagraphDrafter paragraphs)
{
    public async Task<Outcome> LedgerAsync(Turn turn, CancellationToken ct)
    {
        var file = await exports.LedgerAsync(turn.InspectionId, turn.Today, ct);
        return file is null ? Outcome.Say("还没有整改方案，无法导出台账。") : Send(file, $"已生成台账（{file.Ledger.Measures.Count}项措施，含问题清单、任务清单、责任清单和进展）。");
    }

    public async Task<Outcome> ReportAsync(Turn turn, CancellationToken ct)
    {
        var file = await exports.ReportAsync(turn.InspectionId, turn.Today, ct, turn.Partial);
        if (file is null)
        {
            return Outcome.Say("还没有整改方案，无法生成报告。");
        }
        var lines = new List<string> { "已生成整改情况报告。" };
        lines.AddRange(file.Warnings.Select(w => "注意：" + w));
        if (file.Blanks.Count > 0)
        {
            lines.Add($"有{file.Blanks.Count}处请整改办补充（文中“{LedgerText.Blank}”和【】处）：");
            lines.AddRange(file.Blanks.Select((b, i) => $"{i + 1}. {b}"));
        }
        return Send(file, string.Join("\n", lines));
    }

    /// <summary>整改销号审批表 of one measure or a few (a page each), or of every measure.</summary>
    public async Task<Outcome> ClosureAsync(Turn turn, PrintClosureForm request, CancellationToken ct)
    {
        var numbers = request.Measures?.Numbers ?? [];
        var file = await exports.ClosureAsync(turn.InspectionId, numbers, turn.Today, ct);
        if (file is null)
        {
            return Outcome.Say("还没有整改方案。");
        }
        if (ClosureForms.Missing(file.Ledger, numbers) is { Count: > 0 } missing)
        {
            return Outcome.Say($"方案中没有第{string.Join("、", missing)}项措施。");
        }
        var what = numbers.Count == 0 ? $"全部{file.Ledger.Measures.Count}项措施的销号审批表（每项一页）" : $"第{string.Join("、", numbers)}项的销号审批表";
        return Send(file, $"已生成{what}，打印后由责任单位、整改办签字。") with { Measures = numbers };
    }

    /// <summary>The paragraph for the problem a measure belongs to, or for the problem whose title best matches the words given.</summary>
    public async Task<Outcome> ParagraphAsync(Turn turn, DraftStatusParagraph request, CancellationToken ct)
    {
        var ledger = await ledgers.LoadAsync(turn.InspectionId, turn.Today, ct);
        if (ledger is null)
        {
            return Outcome.Say("还没有整改方案。");
        }
        var (problem, error) = ReportParagraphDrafter.Find(ledger, request.Measures?.Numbers.FirstOrDefault(), null, request.Problem);
        if (problem is null)
        {
            return Outcome.Say(error!);
        }
        var draft = await paragraphs.DraftAsync(ledger, problem, ct, turn.Partial);
        return new Outcome(new Reply(ReportParagraphDrafter.Format(draft))
        {
            Citations = draft.References.Select(r => new Citation(r.Index, r.Document, r.Location, r.Text)).ToList(),
        })
        {
            Measures = draft.Measures,
        };
    }

    private static Outcome Send(ExportedFile file, string text) =>
        new(new Reply(text) { File = new ReplyFile(file.FileName, file.ContentType, file.Content) });
}
