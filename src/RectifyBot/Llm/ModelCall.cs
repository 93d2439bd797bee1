using System.ClientModel;
using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace RectifyBot.Llm;

/// <summary>One request to the model for a draft: a system prompt and a data message, the configured timeout, no tools.</summary>
internal static class ModelCall
{
    /// <summary>The model's text, or null when it failed or timed out (<paramref name="failed"/> is told the exception type and HTTP status only).</summary>
    public static async Task<string?> AskAsync(IChatClient chat, LlmOptions options, string system, string data, int maxOutputTokens,
        Action<string, int, long> failed, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            var response = await chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, data)],
                new ChatOptions { Temperature = options.Temperature, MaxOutputTokens = maxOutputTokens }, timeout.Token);
            return response.Text;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Type and status only: the SDK's messages can quote the server's reply.
            failed(e.GetType().Name, (e as ClientResultException)?.Status ?? 0, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return null;
        }
    }
}
