namespace RectifyBot.Retrieval;

public enum ChunkKind
{
    Plan,
    Report,
    Other,
}

/// <summary>
/// The unit the index stores: a measure, a finding with its measures, a report's 整改情况 paragraph, or a
/// paragraph of another document. <paramref name="Id"/> is unique across the corpus (say "document#location#n"). <paramref name="Location"/> is the path inside the document ("二/4/一是");
/// chunks of one document that share it are siblings (the measures of one finding) and are ranked together.
/// </summary>
public sealed record Chunk(
    string Id,
    string Document,
    string? Organisation,
    int? Year,
    ChunkKind Kind,
    string Location,
    int? Measure,
    string Text);

/// <summary>One result: the chunk, its score, and a snippet with the matched words in **bold**.</summary>
public sealed record SearchHit(Chunk Chunk, double Score, string Snippet);

/// <summary>
/// A search with its filters; a null filter matches everything. With <paramref name="Siblings"/> (the
/// default, and what drafting wants) the other measures of a well-matched finding rank with it; without, each
/// chunk stands on its own words.
/// </summary>
public sealed record SearchRequest(
    string Query,
    int Top = 10,
    ChunkKind? Kind = null,
    int? Year = null,
    string? Organisation = null,
    bool Siblings = true);
