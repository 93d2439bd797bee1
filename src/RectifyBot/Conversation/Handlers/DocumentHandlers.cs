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
        var file = await exports.ReportAsync(turn.InspectionId, turn.Today, ct);
        return file is null ? Outcome.Say("还没有整改方案，无法生成报告。") : Send(file, "已生成整改情况报告。未记录的事实以“＿＿”留空，请核对后补充。");
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
        var draft = await paragraphs.DraftAsync(ledger, problem, ct);
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
