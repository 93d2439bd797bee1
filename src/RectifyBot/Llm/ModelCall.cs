using System.ClientModel;
using System.Diagnostics;
using Microsoft.SemanticKernel;

namespace RectifyBot.Llm;

/// <summary>One prompt run through the kernel, within the user's patience.</summary>
public static class ModelCall
{
    /// <summary>
    /// The model's text, or null when it failed or timed out: <paramref name="failed"/> is told the exception type and
    /// HTTP status only, because the SDK's messages can quote the server's reply and some servers echo part of the key.
    /// </summary>
    public static async Task<string?> AskAsync(Kernel kernel, KernelFunction prompt, KernelArguments arguments, LlmOptions options,
        Action<string, int, long> failed, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            var result = await prompt.InvokeAsync(kernel, arguments, timeout.Token);
            return result.GetValue<string>();
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
