using System.Text.RegularExpressions;
using RectifyBot.Import;
using RectifyBot.Text;

namespace RectifyBot.Retrieval;

/// <summary>One corpus file as read: its chunks, or why it could not be read.</summary>
public sealed record CorpusDocument(string Document, ParsedDocument? Parsed, IReadOnlyList<Chunk> Chunks, string? Error);

/// <summary>What <c>rectifybot corpus add</c> did.</summary>
public sealed record CorpusSummary(int Files, IReadOnlyList<string> Changed, int Unchanged, int Chunks, IReadOnlyList<string> Skipped);

/// <summary>
/// Turns corpus files into index chunks through the importer. A plan gives one chunk per measure (its own text
/// only, so the leave-one-out benchmark's protocol holds for the corpus too) and one per finding with its
/// measures; a status report one per item's 整改情况; anything else one per paragraph. A document is named by
/// its path relative to the corpus folder, and chunk ids derive from that name and the chunk's place in it,
/// so re-reading an unchanged file yields the same chunks and the index skips it.
/// </summary>
public static partial class CorpusLoader
{
    public static IReadOnlyList<string> Extensions { get; } = [".docx", ".txt", ".md"];

    // Add this many documents per index call: each call writes a segment, and one per file would pile them up.
    private const int Batch = 64;

    // A line shorter than this is a heading or a fragment: it joins the paragraph that follows.
    private const int MinParagraph = 40;

    /// <summary>The corpus files under <paramref name="folder"/> as relative paths with '/', sorted; README files are not corpus.</summary>
    public static IReadOnlyList<string> Files(string folder) =>
    [
        .. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Where(f => !Path.GetFileNameWithoutExtension(f).Equals("README", StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>Reads every corpus file under <paramref name="folder"/> and adds the changed ones to the index.</summary>
    public static async Task<CorpusSummary> AddFolderAsync(HybridSearch search, string folder, IProgress<string>? progress, CancellationToken ct)
    {
        var files = Files(folder);
        var skipped = new List<string>();
        var changed = new List<string>();
        var pending = new List<DocumentChunks>();
        var chunks = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var document = await ReadAsync(folder, files[i], ct);
            if (document.Error is { } error)
            {
                skipped.Add($"{document.Document}：{error}");
                progress?.Report($"[{i + 1}/{files.Count}] {document.Document}：跳过，{error}");
                continue;
            }
            progress?.Report($"[{i + 1}/{files.Count}] {document.Document}：{Describe(document)}");
            pending.Add(new DocumentChunks(document.Document, document.Chunks));
            chunks += document.Chunks.Count;
            if (pending.Count == Batch)
            {
                changed.AddRange(await search.AddDocumentsAsync(pending, ct));
                pending.Clear();
            }
        }
        if (pending.Count > 0)
        {
            changed.AddRange(await search.AddDocumentsAsync(pending, ct));
        }
        return new CorpusSummary(files.Count, changed, files.Count - skipped.Count - changed.Count, chunks, skipped);
    }

    /// <summary>Reads one file, <paramref name="relative"/> to <paramref name="folder"/>, into chunks.</summary>
    public static async Task<CorpusDocument> ReadAsync(string folder, string relative, CancellationToken ct)
    {
        var read = await DocumentReader.ReadAsync(Path.Combine(folder, relative), ct);
        if (read.Error is { } error)
        {
            return new CorpusDocument(relative, null, [], error);
        }
        // No "today": a corpus document's years come from its own dates or stay unknown.
        var parsed = PlanParser.Parse(read, today: null);
        var chunks = Chunks(relative, parsed, read.Text);
        return chunks.Count == 0
            ? new CorpusDocument(relative, parsed, [], "没有可检索的文字。")
            : new CorpusDocument(relative, parsed, chunks, null);
    }

    public static IReadOnlyList<Chunk> Chunks(string document, ParsedDocument parsed, string text)
    {
        var year = parsed.FeedbackDate?.Year ?? FirstYear(text);
        var organisation = parsed.InspectedOrganisation;
        return parsed.Kind switch
        {
            DocumentKind.Plan => PlanChunks(document, parsed, organisation, year),
            DocumentKind.StatusReport =>
            [
                .. parsed.Items.Select(item => new Chunk($"{document}#r{item.Number}", document, organisation, year, ChunkKind.Report,
                    $"第{item.Number}项", null, $"关于“{item.Title}”问题。整改情况（{item.StatusText ?? "未写明"}）：{item.Text}")),
            ],
            _ => [.. Paragraphs(text).Select((p, i) => new Chunk($"{document}#p{i + 1}", document, organisation, year, ChunkKind.Other, $"第{i + 1}段", null, p))],
        };
    }

    /// <summary>The plan as the leave-one-out benchmark sees it: each finding's text and its measures' texts.</summary>
    public static EvaluationPlan ToEvaluationPlan(string document, ParsedDocument parsed) =>
        new(document, [.. parsed.Findings.Select(f => new EvaluationFinding(f.Text, [.. f.Measures.Select(m => m.Text)]))]);

    /// <summary>"一/2/三是": aspect, problem and finding, the shared location of a finding's measures.</summary>
    public static string Location(ParsedAspect aspect, ParsedProblem problem, ParsedFinding finding) =>
        $"{ChineseNumber.ToChinese(aspect.Ordinal)}/{problem.Ordinal}/{ChineseNumber.ToChinese(finding.Ordinal)}是";

    private static List<Chunk> PlanChunks(string document, ParsedDocument parsed, string? organisation, int? year)
    {
        var chunks = new List<Chunk>();
        foreach (var aspect in parsed.Aspects)
        {
            foreach (var problem in aspect.Problems)
            {
                foreach (var finding in problem.Findings)
                {
                    var location = Location(aspect, problem, finding);
                    chunks.AddRange(finding.Measures.Select(m =>
                        new Chunk($"{document}#m{m.Number}", document, organisation, year, ChunkKind.Plan, location, m.Number, m.Text)));
                    var withMeasures = string.Join("\n", [finding.Text, .. finding.Measures.Select(m => $"（{m.Number}）{m.Text}")]);
                    chunks.Add(new Chunk($"{document}#f{aspect.Ordinal}.{problem.Ordinal}.{finding.Ordinal}", document, organisation, year,
                        ChunkKind.Plan, location, null, withMeasures));
                }
            }
        }
        return chunks;
    }

    private static IEnumerable<string> Paragraphs(string text)
    {
        var current = "";
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Any(ChineseText.IsHan)))
        {
            current = current.Length == 0 ? line : current + "\n" + line;
            if (line.Length >= MinParagraph)
            {
                yield return current;
                current = "";
            }
        }
        if (current.Length > 0)
        {
            yield return current;
        }
    }

    private static int? FirstYear(string text) =>
        YearPattern().Match(text) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static string Describe(CorpusDocument document) => document.Parsed?.Kind switch
    {
        DocumentKind.Plan => $"整改方案，{document.Parsed.Measures.Count()}项措施",
        DocumentKind.StatusReport => $"整改情况通报，{document.Parsed.Items.Count}项问题",
        _ => $"其他文件，{document.Chunks.Count}段",
    };

    [GeneratedRegex(@"((?:19|20)\d{2})年", RegexOptions.CultureInvariant)]
    private static partial Regex YearPattern();
}
