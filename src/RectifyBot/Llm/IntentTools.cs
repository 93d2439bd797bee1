using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Domain;

namespace RectifyBot.Llm;

/// <summary>
/// The operations offered to the model as tools, one per intent a user may ask for. Each is a plain method
/// that only builds the <see cref="Intent"/> the rule path would have built; nothing here reads or writes the
/// store, so a model's call can never do more than a typed message could. Arguments are checked as strictly
/// as the rules check text: an unknown unit or a measure outside the plan throws, and the caller treats the
/// call as not understood.
/// </summary>
internal sealed class IntentTools
{
    private const int MaxMeasuresPerCall = 20;
    private const int MaxTextLength = 500;

    // Enums go to the model as their names, so the schema lists the allowed values.
    private static readonly JsonSerializerOptions Json = CreateJson();

    private readonly UnderstandingContext _ctx;
    private readonly UnitNameResolver _units;

    public IntentTools(UnderstandingContext ctx)
    {
        _ctx = ctx;
        _units = UnitNameResolver.For(ctx.Units);
        LookupUnit = Tool(FindUnit, "lookup_unit", keepResult: false);
        Operations =
        [
            Tool(Overdue, "overdue_measures"),
            Tool(Due, "due_measures"),
            Tool(Detail, "measure_detail"),
            Tool(List, "list_measures"),
            Tool(Unclaimed, "unclaimed_measures"),
            Tool(Stats, "progress_stats"),
            Tool(Search, "search_past_plans"),
            Tool(Draft, "draft_measures"),
            Tool(Claim, "claim_measures"),
            Tool(Progress, "report_progress"),
            Tool(Status, "change_status"),
            Tool(RequestClose, "request_close"),
            Tool(ApproveClose, "approve_close"),
            Tool(ReturnClose, "return_close"),
            Tool(RequestExtension, "request_extension"),
            Tool(ApproveExtension, "approve_extension"),
            Tool(RefuseExtension, "refuse_extension"),
        ];
    }

    /// <summary>The read-only helper the tool loop answers itself.</summary>
    public AIFunction LookupUnit { get; }

    /// <summary>The operations: a call to one ends the loop and becomes an intent.</summary>
    public IReadOnlyList<AIFunction> Operations { get; }

    /// <summary>The intent a call stands for; null when the call names no operation or its arguments do not fit.</summary>
    public async Task<Intent?> ToIntentAsync(FunctionCallContent call, CancellationToken ct)
    {
        if (Operations.FirstOrDefault(o => o.Name == call.Name) is not { } operation || call.Exception is not null || call.Arguments is null)
        {
            return null;
        }
        try
        {
            return await operation.InvokeAsync(new AIFunctionArguments(call.Arguments), ct) as Intent;
        }
        catch (Exception e) when (ToolLoop.IsBadArguments(e))
        {
            return null;
        }
    }

    [Description("查找单位的规范名称。用户提到的单位名称不确定时先调用。")]
    private string FindUnit([Description("用户写的单位名称、简称或“我们”")] string name) =>
        (_units.Find(name, _ctx.Sender) ?? _units.Resolve(name)) switch
        {
            UnitFound f => f.Unit.Name,
            UnitAmbiguous a => "有多个可能：" + string.Join("、", a.Candidates.Select(c => c.Name)),
            UnitUnknown u => u.Nearest.Count == 0 ? "没有这个单位。" : "没有这个单位。相近的有：" + string.Join("、", u.Nearest.Select(c => c.Name)),
            _ => "没有这个单位。",
        };

    [Description("查询逾期（已过整改时限仍未完成）的措施。")]
    private Intent Overdue([Description(UnitHelp)] string? unit = null) => WithUnit(unit, u => new OverdueQuery(u));

    [Description("查询今天起到某日之前到期的措施，例如本周、月底、10天内到期。")]
    private Intent Due([Description("截止日期，yyyy-MM-dd，不早于今天")] DateOnly until, [Description(UnitHelp)] string? unit = null)
    {
        if (until < _ctx.Today || until > _ctx.Today.AddYears(2))
        {
            throw new ArgumentOutOfRangeException(nameof(until));
        }
        return WithUnit(unit, u => new DueQuery(new DateWindow(_ctx.Today, until, $"{until:M月d日}前"), u));
    }

    [Description("查看一项或几项措施的详细情况：内容、责任单位、时限、状态、进展。")]
    private Intent Detail([Description(MeasuresHelp)] int[] measures) => new MeasureDetailQuery(Measures(measures));

    [Description("列出某单位的措施，可按状态筛选（Open 为未完成：未启动或推进中）。")]
    private Intent List([Description(UnitHelp)] string? unit = null, [Description("状态筛选")] MeasureFilter status = MeasureFilter.All) =>
        WithUnit(unit, u => new MeasureListQuery(u, status));

    [Description("查询没有单位认领的措施。")]
    private Intent Unclaimed() => new UnclaimedQuery();

    [Description("整体或某单位的整改进度统计：各状态数量、逾期数、完成率。")]
    private Intent Stats([Description(UnitHelp)] string? unit = null) => WithUnit(unit, u => new ProgressStatsQuery(u));

    [Description("在往年的整改方案和报告中检索类似问题是怎么整改的。")]
    private Intent Search([Description("检索的问题或关键词")] string query) => new SearchPastPlans(Text(query));

    [Description("针对一个问题起草整改措施（只起草，不保存）。")]
    private Intent Draft([Description("问题的描述")] string problem) => new DraftMeasures(Text(problem));

    [Description("为用户本单位认领措施。")]
    private Intent Claim([Description(MeasuresHelp)] int[] measures, [Description("是否作为协助单位与牵头单位共同认领")] bool coClaim = false) =>
        _ctx.Sender is { UnitId: { } id, UnitName: { } name }
            ? new ClaimMeasures(Measures(measures), new UnitRef(id, name, IsSendersOwn: true), coClaim)
            : Understood.WhoAreYou;

    [Description("记录措施的整改进展；只有用户明确说了状态才填 status。")]
    private Intent Progress([Description(MeasuresHelp)] int[] measures, [Description("用户所说的进展，照用户原话")] string text,
        [Description("用户明确说出的新状态")] MeasureStatus? status = null) => new ReportProgress(Measures(measures), Text(text), status);

    [Description("修改措施的状态（不记录进展内容）。")]
    private Intent Status([Description(MeasuresHelp)] int[] measures, [Description("新状态")] MeasureStatus status) =>
        new ChangeStatus(Measures(measures), status);

    [Description("为措施申请销号。")]
    private Intent RequestClose([Description(MeasuresHelp)] int[] measures) => new RequestClose(Measures(measures));

    [Description("同意措施的销号申请（整改办审核）。")]
    private Intent ApproveClose([Description(MeasuresHelp)] int[] measures) => new ApproveClose(Measures(measures));

    [Description("退回措施的销号申请（整改办审核），须写明原因。")]
    private Intent ReturnClose([Description(MeasuresHelp)] int[] measures, [Description("退回原因")] string reason) =>
        new ReturnClose(Measures(measures), Text(reason));

    [Description("申请把措施的整改时限延期。")]
    private Intent RequestExtension([Description(MeasuresHelp)] int[] measures, [Description("新的时限，yyyy-MM-dd，晚于今天")] DateOnly newDeadline,
        [Description("延期原因，用户没说就省略")] string? reason = null)
    {
        if (newDeadline <= _ctx.Today)
        {
            throw new ArgumentOutOfRangeException(nameof(newDeadline));
        }
        return new RequestExtension(Measures(measures), newDeadline, reason is null ? null : Text(reason));
    }

    [Description("批准措施的延期申请（整改办或领导）。")]
    private Intent ApproveExtension([Description(MeasuresHelp)] int[] measures) => new ApproveExtension(Measures(measures));

    [Description("不同意措施的延期申请（整改办或领导）。")]
    private Intent RefuseExtension([Description(MeasuresHelp)] int[] measures, [Description("不同意的原因")] string? reason = null) =>
        new RefuseExtension(Measures(measures), reason is null ? null : Text(reason));

    private const string UnitHelp = "单位名称或简称；省略表示默认范围（科室人员为本单位，整改办为全部）";
    private const string MeasuresHelp = "措施编号，例如 [51] 或 [51, 54]";

    /// <summary>A unit the directory knows; a name that fits several becomes the rule path's "which one?".</summary>
    private Intent WithUnit(string? written, Func<UnitRef?, Intent> make)
    {
        if (string.IsNullOrWhiteSpace(written))
        {
            return make(null);
        }
        return (_units.Find(written, _ctx.Sender) ?? _units.Resolve(written.Trim())) switch
        {
            UnitFound f => make(f.Unit),
            UnitAmbiguous a => Understood.WhichUnit($"“{a.Written}”指哪个单位？", a.Candidates, make),
            _ => throw new ArgumentException($"unknown unit", nameof(written)),
        };
    }

    private MeasureRef Measures(int[]? numbers)
    {
        if (numbers is null || numbers.Length is 0 or > MaxMeasuresPerCall)
        {
            throw new ArgumentException("between 1 and 20 measures", nameof(numbers));
        }
        var outside = _ctx.MaxMeasure > 0 && numbers.Any(n => n < _ctx.MinMeasure || n > _ctx.MaxMeasure);
        if (outside || numbers.Any(n => n <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(numbers));
        }
        return new MeasureRef([.. numbers.Distinct()]);
    }

    private static string Text(string? text) => string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength
        ? throw new ArgumentException("empty or too long", nameof(text))
        : text.Trim();

    private AIFunction Tool(Delegate method, string name, bool keepResult = true) => AIFunctionFactory.Create(method, new AIFunctionFactoryOptions
    {
        Name = name,
        SerializerOptions = Json,
        // An operation's result is the intent itself, not its JSON: the engine dispatches on the record.
        MarshalResult = keepResult ? (result, _, _) => new ValueTask<object?>(result) : null,
    });

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }
}
