using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RectifyBot.Drafting;

namespace RectifyBot.Llm;

/// <summary>
/// Rewrites a status paragraph built from the records in the style of retrieved report paragraphs. Returns
/// null when the model is off or fails; the caller checks the figures of what comes back.
/// </summary>
public sealed partial class LlmReportWriter(PromptLibrary prompts, IOptions<LlmOptions> options, ILogger<LlmReportWriter> logger, IChatClient? chat = null)
{
    public const string PromptName = "draft-report";

    public bool IsEnabled => chat is not null;

    public async Task<string?> RewriteAsync(string records, IReadOnlyList<DraftSource> examples, CancellationToken ct)
    {
        if (chat is null)
        {
            return null;
        }
        var started = Stopwatch.GetTimestamp();
        var data = new StringBuilder().Append("<records>\n").Append(LlmMeasureDrafter.Escape(records)).Append("\n</records>\n")
            .Append(LlmMeasureDrafter.Sources("examples", examples)).ToString();
        var reply = await ModelCall.AskAsync(chat, options.Value, prompts.Render(PromptName, new Dictionary<string, string>()), data, 1500,
            (type, status, ms) => Log.Failed(logger, type, status, ms), ct);
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
