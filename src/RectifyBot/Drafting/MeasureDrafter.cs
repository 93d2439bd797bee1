using RectifyBot.Retrieval;

namespace RectifyBot.Drafting;

/// <summary>
/// The embedded drafter, no LLM: retrieves measures that past plans wrote for similar findings and composes
/// three to six lines in the shape real plans take (find the cause and fix the case; hold people to account;
/// study and training; build the rule; 举一反三 and keep it up), each adapted from a retrieved measure and
/// citing it. Deterministic: the same corpus and problem give the same draft. When nothing relevant is
/// retrieved it drafts nothing and says so, rather than write measures no plan backs.
/// </summary>
public sealed class MeasureDrafter(HybridSearch search)
{
    public const int MinLines = 3;

    // Deep enough to reach the sibling measures of the two or three findings that match best.
    private const int Depth = 40;

    /// <summary>The usual parts of a plan's measures for one finding, in the order plans write them.</summary>
    private static readonly IReadOnlyList<string[]> Parts =
    [
        ["核查", "查明", "清查", "排查", "倒查", "复核", "梳理", "清退", "退赔", "追回", "拆除", "整顿", "逐笔", "逐一", "清理"],
        ["约谈", "问责", "追责", "追究", "诫勉", "批评教育", "第一种形态", "依规依纪", "提醒谈话"],
        ["学习", "培训", "教育", "宣传", "研讨"],
        ["制度", "办法", "规则", "机制", "清单", "规定", "审批", "审核", "预算"],
        ["举一反三", "专项检查", "常态化", "每季度", "每月", "每半年", "每年", "定期", "通报", "公开", "巡查"],
    ];

    public async Task<MeasureDraft> DraftAsync(string problem, CancellationToken ct)
    {
        var candidates = await CandidatesAsync(problem, ct);
        if (candidates.Count == 0)
        {
            return new MeasureDraft(problem, [], [],
                [$"语料中没有找到与“{problem}”相关的往年整改措施，没有起草，以免凭空编写。{DraftText.AddCorpusHint}"]);
        }

        var picks = new List<(Chunk Primary, Chunk? Support)>();
        foreach (var words in Parts)
        {
            var matching = candidates.Where(c => words.Any(w => c.Text.Contains(w, StringComparison.Ordinal))).ToList();
            if (matching.FirstOrDefault(c => picks.All(p => p.Primary != c)) is { } primary)
            {
                // A second source only where another plan wrote the same kind of measure about this very problem.
                picks.Add((primary, matching.FirstOrDefault(c => c.Document != primary.Document && QueryOverlap.Relevant(problem, c.Text))));
            }
        }
        foreach (var extra in candidates.Where(c => picks.All(p => p.Primary != c)).Take(Math.Max(0, MinLines - picks.Count)))
        {
            picks.Add((extra, null));
        }

        var sources = new List<Chunk>();
        int Cite(Chunk chunk)
        {
            if (!sources.Contains(chunk))
            {
                sources.Add(chunk);
            }
            return sources.IndexOf(chunk) + 1;
        }
        var lines = picks.Select(p => new DraftLine(
            $"{MeasureAdapter.Adapt(p.Primary)}（牵头单位：{MeasureAdapter.Blank}；完成时限：{MeasureAdapter.Deadline(p.Primary.Text)}）",
            p.Support is null ? [Cite(p.Primary)] : [Cite(p.Primary), Cite(p.Support)])).ToList();

        var notes = new List<string> { $"每条措施由所引往年方案的措施改写，原单位名称、年份和数字已去掉；“{MeasureAdapter.Blank}”处请按本单位实际填写。" };
        if (lines.Count < MinLines)
        {
            notes.Add($"语料中相关的往年措施较少，只起草了{lines.Count}条，请补充。");
        }
        return new MeasureDraft(problem, lines,
            [.. sources.Select((c, i) => new DraftSource(i + 1, c.Document, DraftText.Location(c), c.Text))], notes);
    }

    /// <summary>
    /// Retrieved measures in rank order, from the findings that are about the problem: a finding counts when
    /// any of its retrieved chunks (its measures, or the finding chunk with its own words) shares real words
    /// with the problem, and then all its retrieved measures count, since a plan's accountability or
    /// training measure rarely repeats the problem's words.
    /// </summary>
    private async Task<IReadOnlyList<Chunk>> CandidatesAsync(string problem, CancellationToken ct)
    {
        var hits = await search.SearchAsync(new SearchRequest(problem, Top: Depth, Kind: ChunkKind.Plan), ct);
        var relevant = hits.Where(h => QueryOverlap.Relevant(problem, h.Chunk.Text))
            .Select(h => (h.Chunk.Document, h.Chunk.Location)).ToHashSet();
        return [.. hits.Select(h => h.Chunk).Where(c => c.Measure is not null && relevant.Contains((c.Document, c.Location)))];
    }
}
