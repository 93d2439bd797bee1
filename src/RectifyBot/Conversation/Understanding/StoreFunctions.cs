using System.ComponentModel;
using System.Text.Json;
using Microsoft.SemanticKernel;
using RectifyBot.Domain;
using RectifyBot.Drafting;
using RectifyBot.Rectification;
using RectifyBot.Retrieval;
using StoreFilter = RectifyBot.Rectification.MeasureFilter;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// The store's questions as kernel functions the model may call (plugin "store"), one turn's worth: a thin layer
/// over <see cref="MeasureQueries"/> and the corpus search with typed parameters, no generated SQL. Unit staff
/// are answered about their own unit unless they name another, the office and leaders about everything, as on
/// the rule path. Every measure number a function returns is recorded, so the answer's citations can be checked
/// against what the model was actually shown (<see cref="Returned"/>).
/// </summary>
public sealed class StoreFunctions(MeasureQueries queries, CorpusBootstrap corpus, UnderstandingContext ctx, int? inspectionId)
{
    public const string PluginName = "store";

    private const int MaxListed = 30;
    private const int MaxShortText = 60;

    private readonly UnitNameResolver _units = UnitNameResolver.For(ctx.Units);
    private readonly HashSet<int> _returned = [];

    /// <summary>The measure numbers the functions have shown the model this turn.</summary>
    public IReadOnlySet<int> Returned => _returned;

    /// <summary>How many calls the model made; an answer made without any knows nothing of the store.</summary>
    public int Calls { get; private set; }

    [KernelFunction("lookup_unit"), Description("查找单位的规范名称。用户提到的单位名称不确定时先调用。")]
    public string LookupUnit([Description("用户写的单位名称、简称或“我们”")] string name)
    {
        Calls++;
        return (_units.Find(name, ctx.Sender) ?? _units.Resolve(name)) switch
        {
            UnitFound f => f.Unit.Name,
            UnitAmbiguous a => "有多个可能：" + string.Join("、", a.Candidates.Select(c => c.Name)),
            UnitUnknown u => u.Nearest.Count == 0 ? "没有这个单位。" : "没有这个单位。相近的有：" + string.Join("、", u.Nearest.Select(c => c.Name)),
            _ => "没有这个单位。",
        };
    }

    [KernelFunction("measures"), Description("按单位、状态、是否逾期、到期时间查询措施，返回总数和按到期日排序的前30项。")]
    public async Task<string> MeasuresAsync(
        [Description(UnitHelp)] string? unit = null,
        [Description("状态：NotStarted 未启动，InProgress 推进中，Done 已完成待销号，Ongoing 长期坚持，Closed 已销号；省略为全部")] MeasureStatus? status = null,
        [Description("只查逾期的")] bool overdue = false,
        [Description("只查未完成的（未启动或推进中）")] bool open = false,
        [Description("到期日不早于此日，yyyy-MM-dd")] DateOnly? dueFrom = null,
        [Description("到期日不晚于此日，yyyy-MM-dd")] DateOnly? dueTo = null,
        CancellationToken ct = default)
    {
        Calls++;
        var (unitId, problem) = Scope(unit);
        if (problem is not null)
        {
            return problem;
        }
        var filter = new StoreFilter
        {
            InspectionId = inspectionId, UnitId = unitId, Status = status, OverdueOnly = overdue, OpenOnly = open, Limit = 1000,
            DueBetween = dueFrom is null && dueTo is null ? null : (dueFrom ?? DateOnly.MinValue, dueTo ?? DateOnly.MaxValue),
        };
        var numbers = await queries.NumbersAsync(filter, ctx.Today, ct);
        var page = inspectionId is { } i && numbers.Count > 0 ? await queries.PageAsync(i, [.. numbers.Take(MaxListed)], ctx.Today, ct) : [];
        _returned.UnionWith(page.Select(m => m.Number));
        return Json(new
        {
            total = numbers.Count,
            shown = page.Count,
            measures = page.Select(m => new
            {
                number = m.Number,
                text = Short(m.Text),
                leadUnits = m.LeadUnits,
                dueDate = m.DueDate,
                status = m.Status.ToChinese(),
                daysOverdue = m.DaysOverdue,
            }),
        });
    }

    [KernelFunction("measure_detail"), Description("一项措施的详细情况：内容、所属问题、责任单位、时限、状态、认领、最近的进展、销号和延期申请、佐证材料数。")]
    public async Task<string> DetailAsync([Description("措施编号")] int number, CancellationToken ct = default)
    {
        Calls++;
        if (inspectionId is not { } i || await queries.GetAsync(i, number, ctx.Today, ct) is not { } d)
        {
            return MeasureQueries.NoSuchMeasure(number, ctx.MaxMeasure > 0 ? (ctx.MinMeasure, ctx.MaxMeasure) : null);
        }
        _returned.Add(number);
        var m = d.Measure;
        return Json(new
        {
            number = m.Number,
            text = m.Text,
            problem = d.ProblemTitle,
            finding = d.FindingTitle,
            leadUnits = m.LeadUnits,
            supportingUnits = m.SupportingUnits,
            dueDate = m.DueDate,
            deadline = m.Deadline.SourceText,
            status = m.Status.ToChinese(),
            daysOverdue = m.DaysOverdue,
            claims = d.Claims.Select(c => c.Unit),
            updates = d.Updates.Take(3).Select(u => new { on = u.On, by = u.Staff, text = u.Text }),
            closeRequests = d.CloseRequests.Select(c => new { at = DateOnly.FromDateTime(c.RequestedAt), state = c.State.ToString() }),
            extensions = d.Extensions.Select(x => new { newDate = x.NewDate, state = x.State.ToString() }),
            evidence = d.Evidence.Count,
        });
    }

    [KernelFunction("unit_ranking"), Description("各单位整改进度排名：按逾期项数从多到少、完成率从低到高排列，另附总体完成率和逾期数。")]
    public async Task<string> RankingAsync(CancellationToken ct = default)
    {
        Calls++;
        var stats = await queries.StatsAsync(inspectionId, ctx.Today, ct);
        return Json(new
        {
            total = stats.Total,
            overdue = stats.Overdue,
            completionRate = stats.CompletionRate,
            units = stats.Units.Take(20).Select((u, i) => new
            {
                rank = i + 1, unit = u.Unit, total = u.Total, completed = u.Completed, overdue = u.Overdue, completionRate = u.CompletionRate,
            }),
        });
    }

    [KernelFunction("search_past_plans"), Description("在往年的整改方案和报告中检索类似问题是怎么整改的，返回带出处的原文。")]
    public async Task<string> SearchAsync([Description("检索的问题或关键词")] string query, CancellationToken ct = default)
    {
        Calls++;
        var search = await corpus.ReadyAsync(ct);
        var hits = (await search.SearchAsync(new SearchRequest(query, Top: 5), ct)).Where(h => QueryOverlap.Relevant(query, h.Chunk.Text));
        // Past documents are data for the model: escaped as the drafters escape them, so none can close its block.
        return Json(hits.Select((h, n) => new
        {
            source = n + 1,
            document = LlmMeasureDrafter.Escape(h.Chunk.Document),
            location = DraftText.Location(h.Chunk),
            text = LlmMeasureDrafter.Escape(h.Chunk.Text),
        }));
    }

    private const string UnitHelp = "单位名称或简称；省略表示默认范围（科室人员为本单位，整改办和领导为全部）";

    /// <summary>The unit a question is about (null: everything), or a sentence telling the model why not.</summary>
    private (int? UnitId, string? Problem) Scope(string? written)
    {
        if (string.IsNullOrWhiteSpace(written))
        {
            return (ctx.Sender.Role == SenderRole.UnitStaff ? ctx.Sender.UnitId : null, null);
        }
        return (_units.Find(written, ctx.Sender) ?? _units.Resolve(written.Trim())) switch
        {
            UnitFound f => (f.Unit.Id, null),
            UnitAmbiguous a => (null, $"“{a.Written}”有多个可能：{string.Join("、", a.Candidates.Select(c => c.Name))}。请问用户指哪一个。"),
            _ => (null, $"没有“{written}”这个单位。"),
        };
    }

    private static string Short(string text) => text.Length <= MaxShortText ? text : text[..MaxShortText] + "…";

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, RectifyJson.Compact);
}
