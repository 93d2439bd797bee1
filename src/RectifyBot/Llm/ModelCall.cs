using System.ClientModel;
using System.Diagnostics;
using System.Text;
using Microsoft.SemanticKernel;

namespace RectifyBot.Llm;

/// <summary>One prompt run through the kernel, within the user's patience.</summary>
public static class ModelCall
{
    /// <summary>
    /// The model's text, or null when it failed or timed out: <paramref name="failed"/> is told the exception type and
    /// HTTP status only, because the SDK's messages can quote the server's reply and some servers echo part of the key.
    /// With <paramref name="partial"/> the text is streamed, and told the whole text so far as it grows, for a channel
    /// that shows the answer being written; it may be told text that a later failure leaves unused.
    /// </summary>
    public static async Task<string?> AskAsync(Kernel kernel, KernelFunction prompt, KernelArguments arguments, LlmOptions options,
        Action<string, int, long> failed, CancellationToken ct, Action<string>? partial = null)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            if (partial is null)
            {
                var result = await prompt.InvokeAsync(kernel, arguments, timeout.Token);
                return result.GetValue<string>();
            }
            var text = new StringBuilder();
            await foreach (var piece in prompt.InvokeStreamingAsync<string>(kernel, arguments, timeout.Token))
            {
                if (piece.Length > 0)
                {
                    partial(text.Append(piece).ToString());
                }
            }
            return text.ToString();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            failed(e.GetType().Name, Status(e), Elapsed(started));
            return null;
        }
    }

    /// <summary>The HTTP status of a failed call, looked for through Semantic Kernel's wrapping; 0 when none.</summary>
    public static int Status(Exception e) => e switch
    {
        ClientResultException c => c.Status,
        HttpOperationException h => (int?)h.StatusCode ?? 0,
        { InnerException: { } inner } => Status(inner),
        _ => 0,
    };

    public static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
