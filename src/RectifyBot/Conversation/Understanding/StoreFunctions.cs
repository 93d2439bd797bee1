using System.ComponentModel;
using System.Text.Json;
using Microsoft.SemanticKernel;
using RectifyBot.Domain;
using RectifyBot.Drafting;
using RectifyBot.Rectification;
using RectifyBot.Retrieval;
using RectifyBot.Store;
using StoreFilter = RectifyBot.Rectification.MeasureFilter;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// The store's questions as kernel functions the model may call (plugin "store"), one turn's worth: a thin layer
/// over <see cref="MeasureQueries"/>, the office's <see cref="ReviewQueues"/>, the leaders' <see cref="LeaderQueries"/>
/// and the corpus search, with typed parameters and no generated SQL. Unit staff are answered about their own unit
/// unless they name another, the office and leaders about everything, as on the rule path; the review queues are
/// the office's and the leaders', as on the web. Every measure number a function returns is recorded, so the
/// answer's citations can be checked against what the model was actually shown (<see cref="Returned"/>).
/// </summary>
public sealed class StoreFunctions(MeasureQueries queries, ReviewQueues reviews, LeaderQueries leaders, OrganisationClock clock,
    CorpusBootstrap corpus, UnderstandingContext ctx, int? inspectionId)
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
        return Json(await ListAsync(await queries.NumbersAsync(filter, ctx.Today, ct), ct));
    }

    [KernelFunction("review_queue"), Description("整改办的待办队列，各按时间先后：待审核（或已审核待领导签字）的销号申请、待审批的延期申请、被退回待单位修改的销号申请、近14天的共同认领、待处理的转交申请。仅整改办和领导可查。")]
    public async Task<string> ReviewQueueAsync(CancellationToken ct = default)
    {
        Calls++;
        if (ctx.Sender.Role == SenderRole.UnitStaff)
        {
            return "审核队列只有整改办和领导可以查看；科室人员可查询本单位的措施。";
        }
        if (inspectionId is not { } i)
        {
            return NoPlan;
        }
        var q = await reviews.LoadAsync(i, clock.Time.GetUtcNow().UtcDateTime, ct);
        _returned.UnionWith(q.Closes.Select(c => c.Number).Concat(q.Extensions.Select(x => x.Number))
            .Concat(q.Returned.Select(r => r.Number)).Concat(q.CoClaims.Select(c => c.Number)).Concat(q.Transfers.Select(t => t.Number)));
        return Json(new
        {
            closes = q.Closes.Select(c => new
            {
                number = c.Number, text = Short(c.Text), unit = c.Unit, requestedBy = c.RequestedBy, requestedOn = clock.LocalDate(c.RequestedAt),
                evidence = c.Evidence, stage = c.AwaitsSignature ? "已审核，待领导签字" : "待整改办审核",
            }),
            extensions = q.Extensions.Select(x => new
            {
                number = x.Number, text = Short(x.Text), unit = x.Unit, requestedBy = x.RequestedBy, requestedOn = clock.LocalDate(x.RequestedAt),
                previousDue = x.PreviousDue, newDate = x.NewDate, reason = x.Reason,
            }),
            returned = q.Returned.Select(r => new
            {
                number = r.Number, text = Short(r.Text), unit = r.Unit, returnedOn = r.ReturnedAt is { } at ? clock.LocalDate(at) : (DateOnly?)null, reason = r.Reason,
            }),
            coClaims = q.CoClaims.Select(c => new { number = c.Number, text = Short(c.Text), unit = c.Unit, staff = c.Staff, claimedOn = clock.LocalDate(c.ClaimedAt) }),
            transfers = q.Transfers.Select(t => new { number = t.Number, text = Short(t.Text), from = t.FromUnit, to = t.ToUnit, requestedBy = t.RequestedBy, requestedOn = clock.LocalDate(t.RequestedAt), said = t.Said }),
        });
    }

    [KernelFunction("stale_measures"), Description("超过若干天没有更新进展、仍欠着工作的措施，最久未更新的在前；返回总数和前30项。")]
    public async Task<string> StaleAsync(
        [Description(UnitHelp)] string? unit = null,
        [Description("多少天没有更新，默认14")] int days = LeaderQueries.DefaultStaleDays,
        CancellationToken ct = default)
    {
        Calls++;
        var (unitId, problem) = Scope(unit);
        if (problem is not null)
        {
            return problem;
        }
        if (days is < 1 or > 366)
        {
            return "天数须在1至366之间。";
        }
        return inspectionId is { } i ? Json(await ListAsync(await leaders.StaleAsync(i, unitId, ctx.Today, days, ct), ct)) : NoPlan;
    }

    [KernelFunction("completed_between"), Description("某段日期内完成（报告完成、转入长期坚持或销号）的措施，并按牵头单位计数；比较两段时间的进度时分别调用。")]
    public async Task<string> CompletedAsync(
        [Description("起始日，yyyy-MM-dd")] DateOnly from,
        [Description("截止日，yyyy-MM-dd，含当天")] DateOnly to,
        CancellationToken ct = default)
    {
        Calls++;
        if (to < from)
        {
            return "截止日不能早于起始日。";
        }
        if (inspectionId is not { } i)
        {
            return NoPlan;
        }
        var done = await leaders.CompletedAsync(i, from, to, ct);
        IReadOnlyList<MeasureSummary> all = done.Count == 0 ? [] : await queries.PageAsync(i, [.. done.Select(d => d.Number)], ctx.Today, ct);
        var byUnit = all.SelectMany(m => m.LeadUnits.DefaultIfEmpty(Figures.NoUnit)).GroupBy(u => u)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => new { unit = g.Key, completed = g.Count() });
        return Json(new { from, to, closed = done.Count(d => d.Closed), byUnit, list = Listed(done.Count, all) });
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

    private const string NoPlan = "库中还没有整改方案。";

    /// <summary>A list of measure numbers as the functions show it: the total, then the first <see cref="MaxListed"/>.</summary>
    private async Task<object> ListAsync(IReadOnlyList<int> numbers, CancellationToken ct)
    {
        var page = inspectionId is { } i && numbers.Count > 0 ? await queries.PageAsync(i, [.. numbers.Take(MaxListed)], ctx.Today, ct) : [];
        return Listed(numbers.Count, page);
    }

    private object Listed(int total, IReadOnlyList<MeasureSummary> measures)
    {
        var page = measures.Take(MaxListed).ToList();
        _returned.UnionWith(page.Select(m => m.Number));
        return new
        {
            total,
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
        };
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
