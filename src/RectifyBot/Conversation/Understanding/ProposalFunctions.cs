using System.ComponentModel;
using Microsoft.SemanticKernel;
using RectifyBot.Domain;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// What the model may propose (plugin "proposals"): the writes, and drafting. Each function only builds the
/// <see cref="Intent"/> a typed message would have built and keeps it as <see cref="Proposal"/>; nothing here reads
/// or writes the store, and the call ends the model's turn (<see cref="LlmIntentRecognizer"/>'s filter). A write is
/// then put to the user for "是" and runs through the same handler, with the same permission checks, as a typed one.
/// Arguments are checked as strictly as the rules check text: an unknown unit, a measure outside the plan or a past
/// date throws, the model is told its call failed, and no proposal is kept.
/// </summary>
public sealed class ProposalFunctions(UnderstandingContext ctx)
{
    public const string PluginName = "proposals";

    private const int MaxMeasuresPerCall = 20;
    private const int MaxTextLength = 500;

    /// <summary>The model's proposal this turn, if it made one that fits.</summary>
    public Intent? Proposal { get; private set; }

    [KernelFunction("draft_measures"), Description("针对一个问题起草整改措施（只起草，不保存）。")]
    public string Draft([Description("问题的描述")] string problem) => Propose(new DraftMeasures(Text(problem)));

    [KernelFunction("claim_measures"), Description("为用户本单位认领措施。")]
    public string Claim([Description(MeasuresHelp)] int[] measures, [Description("是否作为协助单位与牵头单位共同认领")] bool coClaim = false) =>
        Propose(ctx.Sender is { UnitId: { } id, UnitName: { } name }
            ? new ClaimMeasures(Measures(measures), new UnitRef(id, name, IsSendersOwn: true), coClaim)
            : Understood.WhoAreYou);

    [KernelFunction("report_progress"), Description("记录措施的整改进展；只有用户明确说了状态才填 status。")]
    public string Progress([Description(MeasuresHelp)] int[] measures, [Description("用户所说的进展，照用户原话")] string text,
        [Description("用户明确说出的新状态")] MeasureStatus? status = null) => Propose(new ReportProgress(Measures(measures), Text(text), status));

    [KernelFunction("change_status"), Description("修改措施的状态（不记录进展内容）。")]
    public string Status([Description(MeasuresHelp)] int[] measures, [Description("新状态")] MeasureStatus status) =>
        Propose(new ChangeStatus(Measures(measures), status));

    [KernelFunction("request_close"), Description("为措施申请销号。")]
    public string RequestClose([Description(MeasuresHelp)] int[] measures) => Propose(new RequestClose(Measures(measures)));

    [KernelFunction("approve_close"), Description("同意措施的销号申请（整改办审核）。")]
    public string ApproveClose([Description(MeasuresHelp)] int[] measures) => Propose(new ApproveClose(Measures(measures)));

    [KernelFunction("return_close"), Description("退回措施的销号申请（整改办审核），须写明原因。")]
    public string ReturnClose([Description(MeasuresHelp)] int[] measures, [Description("退回原因")] string reason) =>
        Propose(new ReturnClose(Measures(measures), Text(reason)));

    [KernelFunction("request_extension"), Description("申请把措施的整改时限延期。")]
    public string RequestExtension([Description(MeasuresHelp)] int[] measures, [Description("新的时限，yyyy-MM-dd，晚于今天")] DateOnly newDeadline,
        [Description("延期原因，用户没说就省略")] string? reason = null)
    {
        if (newDeadline <= ctx.Today || newDeadline > ctx.Today.AddYears(5))
        {
            throw new ArgumentOutOfRangeException(nameof(newDeadline), "新的时限须晚于今天。");
        }
        return Propose(new RequestExtension(Measures(measures), newDeadline, reason is null ? null : Text(reason)));
    }

    [KernelFunction("approve_extension"), Description("批准措施的延期申请（整改办或领导）。")]
    public string ApproveExtension([Description(MeasuresHelp)] int[] measures) => Propose(new ApproveExtension(Measures(measures)));

    [KernelFunction("refuse_extension"), Description("不同意措施的延期申请（整改办或领导）。")]
    public string RefuseExtension([Description(MeasuresHelp)] int[] measures, [Description("不同意的原因")] string? reason = null) =>
        Propose(new RefuseExtension(Measures(measures), reason is null ? null : Text(reason)));

    private const string MeasuresHelp = "措施编号，例如 [51] 或 [51, 54]";

    private string Propose(Intent intent)
    {
        Proposal = intent;
        return "已交给用户确认。";
    }

    private MeasureRef Measures(int[]? numbers)
    {
        if (numbers is null || numbers.Length is 0 or > MaxMeasuresPerCall)
        {
            throw new ArgumentException("须给出1至20个措施编号。", nameof(numbers));
        }
        var outside = ctx.MaxMeasure > 0 && numbers.Any(n => n < ctx.MinMeasure || n > ctx.MaxMeasure);
        if (outside || numbers.Any(n => n <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(numbers), $"措施编号须在{ctx.MinMeasure}至{ctx.MaxMeasure}之间。");
        }
        return new MeasureRef([.. numbers.Distinct()]);
    }

    private static string Text(string? text) => string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength
        ? throw new ArgumentException("内容为空或过长。", nameof(text))
        : text.Trim();
}
