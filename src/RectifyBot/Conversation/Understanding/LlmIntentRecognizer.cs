using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using RectifyBot.Domain;
using RectifyBot.Llm;
using RectifyBot.Rectification;
using RectifyBot.Retrieval;
using RectifyBot.Store;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// Understanding for the messages the rules cannot place (the rule-based twin is <see cref="RuleIntentRecognizer"/>),
/// when a model is configured. The model gets the store's questions as functions (<see cref="StoreFunctions"/>),
/// which run at once, and the writes as proposals (<see cref="ProposalFunctions"/>), which end its turn: a write comes
/// back as a one-option <see cref="Clarify"/>, so the user says "是" before anything changes, and permissions stay the
/// handlers'. A worded answer is kept only when the model called the store and cites no measure the store did not
/// return. Any failure (endpoint down, timeout, an answer that does not check) leaves the rule path's answer standing.
/// </summary>
public sealed partial class LlmIntentRecognizer(PromptLibrary prompts, IOptions<LlmOptions> options, MeasureQueries queries, ReviewQueues reviews,
    LeaderQueries leaders, OrganisationClock clock, CorpusBootstrap corpus, ILogger<LlmIntentRecognizer> logger, Kernel? kernel = null)
{
    public const string PromptName = "intent";

    public bool IsEnabled => kernel is not null;

    /// <summary>
    /// What the model makes of <paramref name="text"/>: a checked answer, a proposal, or <paramref name="rulesAnswer"/> when
    /// the model is off, fails, answers without asking the store, or cites what it was not shown.
    /// </summary>
    public async Task<Intent> RecognizeAsync(string text, UnderstandingContext context, int? inspectionId, NotUnderstood rulesAnswer, CancellationToken ct)
    {
        // Empty, unreadable or overlong messages are refused by the rules for good reasons a model cannot change.
        if (kernel is null || ReferenceEquals(rulesAnswer, Understood.Empty) || string.IsNullOrWhiteSpace(text) || text.Length > RuleIntentRecognizer.MaxLength)
        {
            return rulesAnswer;
        }
        var started = Stopwatch.GetTimestamp();
        var store = new StoreFunctions(queries, reviews, leaders, clock, corpus, context, inspectionId);
        var proposals = new ProposalFunctions(context);
        var turn = kernel.Clone();
        turn.Plugins.AddFromObject(store, StoreFunctions.PluginName);
        turn.Plugins.AddFromObject(proposals, ProposalFunctions.PluginName);
        turn.AutoFunctionInvocationFilters.Add(new ProposalEndsTheTurn(proposals));

        var reply = await ModelCall.AskAsync(turn, prompts.Get(PromptName), Arguments(text, context), options.Value,
            (type, status, ms) => Log.Failed(logger, type, status, ms), ct);
        // A proposal ends the model's turn, so whatever text came with it (often none) is not the answer.
        if (proposals.Proposal is { } proposal)
        {
            Log.Proposed(logger, proposal.GetType().Name, ModelCall.Elapsed(started));
            return proposal is WriteIntent write ? Confirm(write) : proposal;
        }
        if (reply is null)
        {
            return rulesAnswer;
        }
        if (store.Calls == 0 || string.IsNullOrWhiteSpace(reply))
        {
            Log.NoCall(logger, ModelCall.Elapsed(started));
            return rulesAnswer;
        }
        var cited = CitedMeasures(reply);
        if (cited.Where(n => !store.Returned.Contains(n)).ToList() is { Count: > 0 } invented)
        {
            Log.Rejected(logger, string.Join(",", invented), ModelCall.Elapsed(started));
            return rulesAnswer;
        }
        Log.Answered(logger, store.Calls, cited.Count, ModelCall.Elapsed(started));
        return new ModelAnswer(reply.Trim(), cited);
    }

    /// <summary>The measure numbers an answer cites: 第51项, 第51、54项, 第51和54项 (Arabic or Chinese numerals).</summary>
    public static IReadOnlyList<int> CitedMeasures(string answer) =>
    [
        .. Citation().Matches(Text.ChineseText.Fold(answer))
            .SelectMany(m => NumberList().Split(m.Groups[1].Value))
            .Select(n => Text.ChineseNumber.Parse(n.Trim()))
            .OfType<int>().Distinct(),
    ];

    private static KernelArguments Arguments(string text, UnderstandingContext ctx) => new()
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
        // The user's words: the template engine encodes them into their own user message.
        ["message"] = text,
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

    /// <summary>A proposal ends the model's turn: it is the user's to confirm, not the model's to follow up on.</summary>
    private sealed class ProposalEndsTheTurn(ProposalFunctions proposals) : IAutoFunctionInvocationFilter
    {
        public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
        {
            await next(context);
            context.Terminate = proposals.Proposal is not null;
        }
    }

    [GeneratedRegex(@"第\s*([0-9零〇一二两三四五六七八九十百]+(?:\s*[、，,和及至]\s*第?\s*[0-9零〇一二两三四五六七八九十百]+)*)\s*[项条]")]
    private static partial Regex Citation();

    [GeneratedRegex(@"[、，,和及至]\s*第?")]
    private static partial Regex NumberList();

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "LLM answered from {Calls} store calls citing {Cited} measures in {ElapsedMs} ms")]
        public static partial void Answered(ILogger logger, int calls, int cited, long elapsedMs);

        [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "LLM answered without asking the store in {ElapsedMs} ms; keeping the rule answer")]
        public static partial void NoCall(ILogger logger, long elapsedMs);

        [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "LLM answer cited measures {Measures} that no function returned, in {ElapsedMs} ms; keeping the rule answer")]
        public static partial void Rejected(ILogger logger, string measures, long elapsedMs);

        [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "LLM call failed ({ExceptionType}, HTTP status {Status}) after {ElapsedMs} ms; keeping the rule answer")]
        public static partial void Failed(ILogger logger, string exceptionType, int status, long elapsedMs);

        [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "LLM proposed {Intent} in {ElapsedMs} ms; the user confirms writes")]
        public static partial void Proposed(ILogger logger, string intent, long elapsedMs);
    }
}
