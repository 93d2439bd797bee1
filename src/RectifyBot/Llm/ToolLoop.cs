using System.Text.Json;
using Microsoft.Extensions.AI;

namespace RectifyBot.Llm;

/// <summary>
/// The short tool loop (Microsoft.Extensions.AI's FunctionInvokingChatClient is not in our NuGet copy):
/// ask the model; while it only calls the read-only helpers in <c>answered</c>, answer them and ask again;
/// stop at the first call to anything else, which the caller interprets and never runs blindly.
/// </summary>
internal static class ToolLoop
{
    /// <summary>The tool call the caller must handle, or null when the model answered in words or ran out of rounds.</summary>
    public static async Task<FunctionCallContent?> RunAsync(IChatClient chat, List<ChatMessage> messages, ChatOptions options,
        IReadOnlyList<AIFunction> answered, int maxRounds, CancellationToken ct)
    {
        for (var round = 0; round < maxRounds; round++)
        {
            var response = await chat.GetResponseAsync(messages, options, ct);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.FirstOrDefault(c => !answered.Any(a => a.Name == c.Name)) is { } handOver)
            {
                return handOver;
            }
            if (calls.Count == 0)
            {
                return null;
            }
            messages.AddRange(response.Messages);
            var results = new List<AIContent>();
            foreach (var call in calls)
            {
                results.Add(new FunctionResultContent(call.CallId, await AnswerAsync(answered.First(a => a.Name == call.Name), call, ct)));
            }
            messages.Add(new ChatMessage(ChatRole.Tool, results));
        }
        return null;
    }

    /// <summary>
    /// Runs a helper on the model's arguments. Arguments are untrusted input: ones that do not bind (missing,
    /// wrong type, unparsable JSON) get an error result the model can correct, not an exception.
    /// </summary>
    private static async Task<object?> AnswerAsync(AIFunction helper, FunctionCallContent call, CancellationToken ct)
    {
        if (call.Exception is not null || call.Arguments is null)
        {
            return "错误：参数不是有效的JSON。";
        }
        try
        {
            return await helper.InvokeAsync(new AIFunctionArguments(call.Arguments), ct);
        }
        catch (Exception e) when (IsBadArguments(e))
        {
            return "错误：参数不正确。";
        }
    }

    /// <summary>What <see cref="AIFunctionFactory"/>'s binding and our own checks throw for arguments that do not fit.</summary>
    public static bool IsBadArguments(Exception e) => e is ArgumentException or JsonException or FormatException;
}
