using RectifyBot.Conversation.Understanding;
using RectifyBot.Drafting;
using RectifyBot.Retrieval;

namespace RectifyBot.Conversation.Handlers;

/// <summary>Retrieval over past plans and drafting from them. Nothing here is stored: a draft is text to copy.</summary>
public sealed class DraftHandlers(CorpusBootstrap corpus, MeasureDrafter drafter, LlmMeasureDrafter llm)
{
    private const int Shown = 5;

    /// <summary>The measures and 整改情况 past documents wrote about the topic, each cited with its document and place.</summary>
    public async Task<Outcome> SearchAsync(SearchPastPlans q, CancellationToken ct)
    {
        var search = await corpus.ReadyAsync(ct);
        var hits = await search.SearchAsync(new SearchRequest(q.Query, Top: Shown * 4), ct);
        // A finding chunk repeats its measures; the measures themselves are the answer.
        var found = hits.Select(h => h.Chunk)
            .Where(c => !(c.Kind == ChunkKind.Plan && c.Measure is null) && QueryOverlap.Relevant(q.Query, c.Text))
            .Take(Shown).ToList();
        if (found.Count == 0)
        {
            return Outcome.Say($"往年方案中没有找到与“{q.Query}”相关的内容。{DraftText.AddCorpusHint}");
        }
        var citations = found.Select((c, i) => new Citation(i + 1, c.Document, DraftText.Location(c), c.Text)).ToList();
        var lines = citations.Select(c => $"[{c.Index}] {c.Text}\n    ——{c.Source}，{c.Location}");
        return new Outcome(new Reply($"往年文件中关于“{q.Query}”的做法（{found.Count}条）：\n" + string.Join("\n", lines)) { Citations = citations });
    }

    /// <summary>
    /// With a model configured, it writes from the retrieved measures and its citations and figures are checked;
    /// without one, or when it fails, the rule-based drafter adapts the retrieved measures itself.
    /// </summary>
    public async Task<Outcome> DraftMeasuresAsync(DraftMeasures q, Action<string>? partial, CancellationToken ct)
    {
        var search = await corpus.ReadyAsync(ct);
        MeasureDraft? draft = null;
        if (llm.IsEnabled)
        {
            var hits = (await search.SearchAsync(new SearchRequest(q.Problem, Top: 8), ct))
                .Where(h => h.Chunk.Measure is not null && QueryOverlap.Relevant(q.Problem, h.Chunk.Text)).ToList();
            draft = hits.Count > 0 ? await llm.DraftAsync(q.Problem, hits, ct, partial) : null;
        }
        var generated = draft is not null;
        draft ??= await drafter.DraftAsync(q.Problem, ct);
        var citations = draft.Sources.Select(s => new Citation(s.Index, s.Document, s.Location, s.Text)).ToList();
        return new Outcome(new Reply(DraftText.Format(draft)) { Citations = citations, Generated = generated });
    }
}
