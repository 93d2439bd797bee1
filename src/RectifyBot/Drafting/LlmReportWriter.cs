using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using RectifyBot.Llm;

namespace RectifyBot.Drafting;

/// <summary>
/// Rewrites a status paragraph built from the records in the style of retrieved report paragraphs. Returns
/// null when the model is off or fails; the caller (<see cref="ReportParagraphDrafter"/>) checks the figures of
/// what comes back. The prompt is prompts/draft-report.json.
/// </summary>
public sealed partial class LlmReportWriter(PromptLibrary prompts, IOptions<LlmOptions> options, ILogger<LlmReportWriter> logger, Kernel? kernel = null)
{
    public const string PromptName = "draft-report";

    public bool IsEnabled => kernel is not null;

    /// <summary>What a channel shows above the paragraph while the model writes it, before it is checked.</summary>
    public const string Writing = "正在根据记录撰写整改情况（尚未核对）：\n";

    /// <summary>The rewritten paragraph; <paramref name="partial"/> is told it as the model writes it.</summary>
    public async Task<string?> RewriteAsync(string records, IReadOnlyList<DraftSource> examples, CancellationToken ct, Action<string>? partial = null)
    {
        if (kernel is null)
        {
            return null;
        }
        var started = Stopwatch.GetTimestamp();
        var data = new StringBuilder().Append("<records>\n").Append(LlmMeasureDrafter.Escape(records)).Append("\n</records>\n")
            .Append(LlmMeasureDrafter.Sources("examples", examples)).ToString();
        var reply = await ModelCall.AskAsync(kernel, prompts.Get(PromptName), new KernelArguments { ["data"] = data }, options.Value,
            (type, status, ms) => Log.Failed(logger, type, status, ms), ct, partial is null ? null : text => partial(Writing + text));
        if (reply is not null)
        {
            Log.Rewrote(logger, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return reply?.Trim();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "LLM rewrote a status paragraph in {ElapsedMs} ms")]
        public static partial void Rewrote(ILogger logger, long elapsedMs);

        [LoggerMessage(EventId = 6202, Level = LogLevel.Warning, Message = "LLM status paragraph failed ({ExceptionType}, HTTP status {Status}) after {ElapsedMs} ms; the records-only paragraph is used")]
        public static partial void Failed(ILogger logger, string exceptionType, int status, long elapsedMs);
    }
}
