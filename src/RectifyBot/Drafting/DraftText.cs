using System.Text;
using RectifyBot.Retrieval;

namespace RectifyBot.Drafting;

/// <summary>How drafts and retrieved passages read in a reply or on the command line.</summary>
public static class DraftText
{
    /// <summary>What to do when the corpus holds nothing on a topic.</summary>
    public const string AddCorpusHint = "可把往年方案放入 corpus 目录，运行 rectifybot corpus add corpus 后再试。";

    /// <summary>Where a chunk sits in its document, as a reader finds it: "二/2/一是，措施（6）", "第3项", "第2段".</summary>
    public static string Location(Chunk chunk) => chunk switch
    {
        { Kind: ChunkKind.Plan, Measure: { } number } => $"{chunk.Location}，措施（{number}）",
        { Kind: ChunkKind.Plan } => $"{chunk.Location}，具体表现及措施",
        _ => chunk.Location,
    };

    /// <summary>The draft as text: numbered lines with their [n] marks, then the sources, then the notes.</summary>
    public static string Format(MeasureDraft draft)
    {
        var text = new StringBuilder();
        if (draft.Measures.Count > 0)
        {
            text.AppendLine($"针对“{Short(draft.Problem)}”，参考往年方案起草的整改措施如下（未保存，请核对后使用）：");
            for (var i = 0; i < draft.Measures.Count; i++)
            {
                var line = draft.Measures[i];
                text.AppendLine($"（{i + 1}）{line.Text}{string.Concat(line.Citations.Select(c => $"[{c}]"))}");
            }
            text.AppendLine("来源：");
            foreach (var source in draft.Sources)
            {
                text.AppendLine($"[{source.Index}] {source.Document}，{source.Location}");
            }
        }
        foreach (var note in draft.Notes)
        {
            text.AppendLine((draft.Measures.Count > 0 ? "提示：" : "") + note);
        }
        return text.ToString().TrimEnd();
    }

    // A pasted finding can run to a paragraph; the heading only has to say which problem this is.
    private static string Short(string problem) => problem.Length <= 30 ? problem : problem[..30] + "…";
}
