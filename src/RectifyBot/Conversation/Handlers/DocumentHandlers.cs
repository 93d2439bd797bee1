using RectifyBot.Conversation.Understanding;
using RectifyBot.Documents;
using RectifyBot.Text;

namespace RectifyBot.Conversation.Handlers;

/// <summary>
/// "导出台账", "生成整改情况报告" and "写第56项的整改情况": the files and paragraphs the office hands upward, built
/// only from what was recorded (unrecorded facts stay visible blanks), sent back in the channel.
/// </summary>
public sealed class DocumentHandlers(DocumentExports exports, LedgerLoader ledgers, StatusParagraphComposer composer)
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
        LedgerProblem? problem;
        if (request.Measures is { Numbers: [var number, ..] })
        {
            var measure = ledger.Measures.FirstOrDefault(m => m.Number == number);
            if (measure is null)
            {
                return Outcome.Say($"没有第{number}项措施，本方案措施编号为{ledger.Measures.Min(m => m.Number)}至{ledger.Measures.Max(m => m.Number)}。");
            }
            problem = ledger.Problems.First(p => p.Id == measure.ProblemId);
        }
        else
        {
            problem = BestMatch(ledger, request.Problem ?? "");
            if (problem is null)
            {
                return Outcome.Say($"没有找到与“{request.Problem}”相符的问题。可以说“写第56项的整改情况”。");
            }
        }
        var measures = ledger.MeasuresOf(problem).Select(m => m.Number).ToList();
        return new Outcome(new Reply(composer.Paragraph(ledger, problem) + "\n（根据已记录的进展和佐证材料生成；“＿＿”处为未记录的内容，请补充。）"))
        {
            Measures = measures,
        };
    }

    /// <summary>The problem whose title and findings share the most two-character terms with the words given.</summary>
    private static LedgerProblem? BestMatch(LedgerSnapshot ledger, string words)
    {
        var wanted = Bigrams(words);
        return ledger.Problems
            .Select(p => (Problem: p, Score: Bigrams(p.Title + string.Concat(p.Findings.Select(f => f.Title + f.Text))).Intersect(wanted).Count()))
            .Where(x => x.Score >= 2)
            .OrderByDescending(x => x.Score)
            .Select(x => x.Problem)
            .FirstOrDefault();
    }

    private static HashSet<string> Bigrams(string text)
    {
        var han = new string(text.Where(ChineseText.IsHan).ToArray());
        return Enumerable.Range(0, Math.Max(0, han.Length - 1)).Select(i => han.Substring(i, 2)).ToHashSet();
    }

    private static Outcome Send(ExportedFile file, string text) =>
        new(new Reply(text) { File = new ReplyFile(file.FileName, file.ContentType, file.Content) });
}
