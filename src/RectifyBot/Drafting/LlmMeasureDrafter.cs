using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using RectifyBot.Llm;
using RectifyBot.Retrieval;

namespace RectifyBot.Drafting;

/// <summary>
/// Measures drafted by the model from retrieved past measures (prompts/draft-measures.json), each line citing the
/// sources it drew on. What comes back is checked, not trusted (<see cref="DraftChecks"/>): dangling citations
/// are removed and figures found in neither the problem nor the sources are flagged, both in the draft's notes.
/// The sources go to the model as data in a tagged block; the prompt offers the model no functions, so nothing a
/// source says can change the store. The rule-based twin is <see cref="MeasureDrafter"/>.
/// </summary>
public sealed partial class LlmMeasureDrafter(PromptLibrary prompts, IOptions<LlmOptions> options, ILogger<LlmMeasureDrafter> logger, Kernel? kernel = null)
{
    public const string PromptName = "draft-measures";
    public const int MinMeasures = 3;
    public const int MaxMeasures = 6;

    public bool IsEnabled => kernel is not null;

    /// <summary>What a channel shows above the model's lines while they are written, before they are checked.</summary>
    public const string Writing = "正在参照往年方案起草整改措施（尚未核对）：\n";

    /// <summary>
    /// The draft, or null when the model is off or fails: the caller then uses the deterministic drafter.
    /// <paramref name="partial"/> is told the lines as the model writes them.
    /// </summary>
    public async Task<MeasureDraft?> DraftAsync(string problem, IReadOnlyList<SearchHit> hits, CancellationToken ct, Action<string>? partial = null)
    {
        if (kernel is null)
        {
            return null;
        }
        var sources = hits.Select((h, i) => new DraftSource(i + 1, h.Chunk.Document, h.Chunk.Location, h.Chunk.Text)).ToList();
        var started = Stopwatch.GetTimestamp();
        var arguments = new KernelArguments
        {
            ["min"] = MinMeasures.ToString(),
            ["max"] = MaxMeasures.ToString(),
            ["count"] = sources.Count.ToString(),
            ["data"] = DataBlock(problem, sources),
        };
        var reply = await ModelCall.AskAsync(kernel, prompts.Get(PromptName), arguments, options.Value,
            (type, status, ms) => Log.Failed(logger, type, status, ms), ct, partial is null ? null : text => partial(Writing + text));
        if (reply is null)
        {
            return null;
        }
        var draft = Check(problem, reply, sources);
        Log.Drafted(logger, draft.Measures.Count, draft.Notes.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return draft;
    }

    private static MeasureDraft Check(string problem, string reply, IReadOnlyList<DraftSource> sources)
    {
        var (lines, notes) = DraftChecks.ReadLines(reply, sources.Count, MaxMeasures);
        var allNotes = new List<string>(notes);
        if (lines.Count < MinMeasures)
        {
            allNotes.Insert(0, $"只起草出{lines.Count}条措施，请补充。");
        }
        string[] known = [problem, .. sources.Select(s => s.Text)];
        for (var i = 0; i < lines.Count; i++)
        {
            foreach (var figure in DraftChecks.UnsupportedFigures(lines[i].Text, known))
            {
                allNotes.Add($"第{i + 1}条中的“{figure}”在问题和来源中都没有出现，请核实。");
            }
        }
        return new MeasureDraft(problem, lines, sources, allNotes);
    }

    /// <summary>
    /// The problem and sources as tagged data. Angle brackets inside become full-width, so no text can close a
    /// tag and appear to speak outside the data; in Chinese prose they carry no meaning that is lost.
    /// </summary>
    internal static string DataBlock(string problem, IReadOnlyList<DraftSource> sources) =>
        $"<problem>\n{Escape(problem)}\n</problem>\n{Sources("sources", sources)}";

    /// <summary>Numbered passages inside one tag, each with its document and place, escaped as <see cref="Escape"/> says.</summary>
    internal static string Sources(string tag, IReadOnlyList<DraftSource> sources)
    {
        var sb = new StringBuilder().Append($"<{tag}>\n");
        foreach (var s in sources)
        {
            sb.Append($"<source id=\"{s.Index}\" document=\"{Escape(s.Document)}\" location=\"{Escape(s.Location)}\">\n")
              .Append(Escape(s.Text)).Append("\n</source>\n");
        }
        return sb.Append($"</{tag}>").ToString();
    }

    internal static string Escape(string text) => text.Replace('<', '＜').Replace('>', '＞').Replace('"', '＂');

    private static partial class Log
    {
        [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "LLM drafted {Count} measures with {Notes} notes in {ElapsedMs} ms")]
        public static partial void Drafted(ILogger logger, int count, int notes, long elapsedMs);

        [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "LLM draft failed ({ExceptionType}, HTTP status {Status}) after {ElapsedMs} ms; the deterministic drafter answers")]
        public static partial void Failed(ILogger logger, string exceptionType, int status, long elapsedMs);
    }
}
