using System.ClientModel;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RectifyBot.Conversation;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Domain;

namespace RectifyBot.Llm;

/// <summary>
/// Understanding for the messages the rules cannot place, when a model is configured: the model sees the
/// operations as tools (<see cref="IntentTools"/>) and picks one; its call becomes the same <see cref="Intent"/>
/// the rules would have produced. It never executes anything. A write comes back as a one-option
/// <see cref="Clarify"/>, so the user says "是" before anything changes, and permissions stay the handlers'.
/// Any failure (endpoint down, timeout, a call that does not fit) leaves the rule path's answer standing.
/// </summary>
public sealed partial class LlmIntentRecognizer(PromptLibrary prompts, IOptions<LlmOptions> options, ILogger<LlmIntentRecognizer> logger, IChatClient? chat = null)
{
    public const string PromptName = "intent";

    // One lookup round and the operation; a model still asking after that is lost.
    private const int MaxRounds = 3;

    public bool IsEnabled => chat is not null;

    /// <summary>
    /// The intent the model reads in <paramref name="text"/>, or <paramref name="rulesAnswer"/> when the model is off,
    /// fails, answers in words, or calls a tool that does not fit.
    /// </summary>
    public async Task<Intent> RecognizeAsync(string text, UnderstandingContext context, NotUnderstood rulesAnswer, CancellationToken ct)
    {
        // Empty, unreadable or overlong messages are refused by the rules for good reasons a model cannot change.
        if (chat is null || ReferenceEquals(rulesAnswer, Understood.Empty) || string.IsNullOrWhiteSpace(text) || text.Length > RuleIntentRecognizer.MaxLength)
        {
            return rulesAnswer;
        }
        var llm = options.Value;
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(llm.TimeoutSeconds));
        try
        {
            var tools = new IntentTools(context);
            List<ChatMessage> messages =
            [
                new(ChatRole.System, prompts.Render(PromptName, PromptValues(context))),
                // The user's words go alone in their own message: data to interpret, never part of the instructions.
                new(ChatRole.User, text),
            ];
            var chatOptions = new ChatOptions
            {
                Temperature = llm.Temperature,
                MaxOutputTokens = 512,
                Tools = [tools.LookupUnit, .. tools.Operations],
                ToolMode = ChatToolMode.Auto,
            };
            var call = await ToolLoop.RunAsync(chat, messages, chatOptions, [tools.LookupUnit], MaxRounds, timeout.Token);
            if (call is null)
            {
                Log.NoOperation(logger, Elapsed(started));
                return rulesAnswer;
            }
            var intent = await tools.ToIntentAsync(call, timeout.Token);
            if (intent is null)
            {
                Log.BadCall(logger, call.Name, Elapsed(started));
                return rulesAnswer;
            }
            Log.Recognised(logger, call.Name, Elapsed(started));
            return intent is WriteIntent write ? Confirm(write) : intent;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Only the type and status: the SDK's messages can quote the server's reply, and some servers echo
            // part of the key in a 401 body.
            Log.Failed(logger, e.GetType().Name, (e as ClientResultException)?.Status ?? 0, Elapsed(started));
            return rulesAnswer;
        }
    }

    private static Dictionary<string, string> PromptValues(UnderstandingContext ctx) => new()
    {
        ["today"] = $"{ctx.Today:yyyy-MM-dd}（星期{"日一二三四五六"[(int)ctx.Today.DayOfWeek]}）",
        ["role"] = ctx.Sender.Role switch
        {
            SenderRole.Office => "整改办（可查看全部措施、审核销号）",
            SenderRole.Leader => "领导（可查看全部措施、审批延期）",
            _ => "科室人员（认领和更新本单位的措施）",
        },
        ["unit"] = ctx.Sender.UnitName ?? "未设单位",
        ["measures"] = ctx.MaxMeasure > 0 ? $"{ctx.MinMeasure}至{ctx.MaxMeasure}" : "（尚无方案）",
    };

    /// <summary>The model's write, offered back to the user: "是" runs it through the same handler as a typed one.</summary>
    private static Clarify Confirm(WriteIntent write) =>
        new($"您是要{Describe(write)}吗？回复“是”确认，回复“不”取消。", [new ClarifyOption("确认", write)]);

    private static string Describe(WriteIntent write) => write switch
    {
        ClaimMeasures c => $"为{c.Unit.Name}{(c.CoClaim ? "共同" : "")}认领第{c.Measures}项",
        ReportProgress p => $"记录第{p.Measures}项的进展“{p.Text}”" + (p.NewStatus is { } s ? $"，并改为{s.ToChinese()}" : ""),
        ChangeStatus s => $"把第{s.Measures}项改为{s.Status.ToChinese()}",
        RequestClose r => $"申请第{r.Measures}项销号",
        ApproveClose a => $"同意第{a.Measures}项销号",
        ReturnClose r => $"退回第{r.Measures}项的销号申请，原因：{r.Reason}",
        RequestExtension x => $"申请第{x.Measures}项延期到{x.NewDeadline:yyyy年M月d日}" + (x.Reason is { Length: > 0 } why ? $"，原因：{why}" : ""),
        ApproveExtension x => $"批准第{x.Measures}项延期",
        RefuseExtension x => $"不同意第{x.Measures}项延期" + (x.Reason is { Length: > 0 } why ? $"，原因：{why}" : ""),
        _ => "执行这项操作",
    };

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "LLM understood a message as {Tool} in {ElapsedMs} ms")]
        public static partial void Recognised(ILogger logger, string tool, long elapsedMs);

        [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "LLM called no operation in {ElapsedMs} ms; keeping the rule answer")]
        public static partial void NoOperation(ILogger logger, long elapsedMs);

        [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "LLM called {Tool} with arguments that do not fit, in {ElapsedMs} ms; keeping the rule answer")]
        public static partial void BadCall(ILogger logger, string tool, long elapsedMs);

        [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "LLM call failed ({ExceptionType}, HTTP status {Status}) after {ElapsedMs} ms; keeping the rule answer")]
        public static partial void Failed(ILogger logger, string exceptionType, int status, long elapsedMs);
    }
}
