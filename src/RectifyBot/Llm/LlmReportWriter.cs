using System.ClientModel;
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
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        try
        {
            var data = new StringBuilder().Append("<records>\n").Append(LlmMeasureDrafter.Escape(records)).Append("\n</records>\n")
                .Append(LlmMeasureDrafter.Sources("examples", examples)).ToString();
            var response = await chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, prompts.Render(PromptName, new Dictionary<string, string>())), new ChatMessage(ChatRole.User, data)],
                new ChatOptions { Temperature = options.Value.Temperature, MaxOutputTokens = 1500 }, timeout.Token);
            Log.Rewrote(logger, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response.Text.Trim();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Type and status only: the SDK's messages can quote the server's reply.
            Log.Failed(logger, e.GetType().Name, (e as ClientResultException)?.Status ?? 0, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "LLM rewrote a status paragraph in {ElapsedMs} ms")]
        public static partial void Rewrote(ILogger logger, long elapsedMs);

        [LoggerMessage(EventId = 6202, Level = LogLevel.Warning, Message = "LLM status paragraph failed ({ExceptionType}, HTTP status {Status}) after {ElapsedMs} ms; the records-only paragraph is used")]
        public static partial void Failed(ILogger logger, string exceptionType, int status, long elapsedMs);
    }
}
