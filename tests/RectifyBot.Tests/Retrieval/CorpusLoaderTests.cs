using RectifyBot.Retrieval;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Retrieval;

public sealed class CorpusLoaderTests : IDisposable
{
    private const string Plan = """
        县林业局党组关于县委第五巡察组反馈意见的整改方案
        2023年5月8日，县委第五巡察组向县林业局党组反馈了巡察意见。
        一、整改内容及措施
        （一）作风建设方面
        1.公务用车管理不规范。
        一是节假日公车未封存。2022年国庆期间有2辆公车未封存。
        整改措施：
        （1）由办公室牵头，严格执行公务用车节假日封存制度。
        （2）每月检查公务用车使用登记。
        二是加油卡管理混乱。
        整改措施：
        （3）建立加油卡专人保管制度。
        """;

    private const string Report = """
        关于县林业局党组巡察整改情况的通报
        2023年5月8日，县委第五巡察组反馈了巡察意见。现将整改情况公布如下。
        二、整改情况
        （一）作风建设方面
        1.关于“公务用车管理不规范”问题
        整改情况（已完成）：已对公车全部封存登记。
        2.关于“加油卡管理混乱”问题
        整改情况（持续推进）：已指定专人保管加油卡。
        """;

    private readonly string _corpus = Directory.CreateTempSubdirectory("rectifybot-corpus-").FullName;
    private readonly string _data = Directory.CreateTempSubdirectory("rectifybot-index-").FullName;

    private async Task<CorpusDocument> Read(string name, string text)
    {
        await File.WriteAllTextAsync(Path.Combine(_corpus, name), text);
        return await CorpusLoader.ReadAsync(_corpus, name, CancellationToken.None);
    }

    [Fact]
    public async Task A_plan_gives_a_chunk_per_measure_without_its_finding_and_a_chunk_per_finding_with_its_measures()
    {
        var document = await Read("林业局.txt", Plan);

        Assert.Null(document.Error);
        var measures = document.Chunks.Where(c => c.Measure is not null).ToList();
        Assert.Equal([1, 2, 3], measures.Select(c => c.Measure!.Value));
        Assert.Equal(["一/1/一是", "一/1/一是", "一/1/二是"], measures.Select(c => c.Location));
        Assert.Equal("由办公室牵头，严格执行公务用车节假日封存制度。", measures[0].Text);
        Assert.All(measures, m => Assert.DoesNotContain("未封存", m.Text));
        Assert.All(document.Chunks, c => Assert.Equal(("林业局.txt", ChunkKind.Plan, 2023, "县林业局党组"), (c.Document, c.Kind, c.Year, c.Organisation)));

        var findings = document.Chunks.Where(c => c.Measure is null).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Contains("未封存", findings[0].Text);
        Assert.Contains("（2）每月检查公务用车使用登记。", findings[0].Text);
        Assert.Equal(document.Chunks.Count, document.Chunks.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public async Task Chunk_ids_are_stable_across_reads()
    {
        var first = await Read("林业局.txt", Plan);
        var second = await CorpusLoader.ReadAsync(_corpus, "林业局.txt", CancellationToken.None);
        Assert.Equal(first.Chunks, second.Chunks);
    }

    [Fact]
    public async Task A_status_report_gives_one_chunk_per_item_with_its_status()
    {
        var document = await Read("通报.txt", Report);

        Assert.Equal(["第1项", "第2项"], document.Chunks.Select(c => c.Location));
        Assert.All(document.Chunks, c => Assert.Equal(ChunkKind.Report, c.Kind));
        Assert.Equal("关于“加油卡管理混乱”问题。整改情况（持续推进）：已指定专人保管加油卡。", document.Chunks[1].Text);
    }

    [Fact]
    public async Task Another_document_gives_paragraphs_with_short_lines_joined_to_the_next()
    {
        var document = await Read("讲话.md", "在推进会上的讲话\n\n同志们：今天召开推进会，主要任务是通报前一阶段的整改进展情况，并部署下一阶段的工作。\n第二，要坚持问题导向，对照问题清单逐项对账销号，已完成的要巩固成果。");

        Assert.Equal(2, document.Chunks.Count);
        Assert.StartsWith("在推进会上的讲话\n同志们", document.Chunks[0].Text);
        Assert.Equal(["第1段", "第2段"], document.Chunks.Select(c => c.Location));
        Assert.All(document.Chunks, c => Assert.Equal(ChunkKind.Other, c.Kind));
    }

    [Fact]
    public async Task An_unchanged_file_is_skipped_and_a_changed_one_replaces_its_chunks()
    {
        await File.WriteAllTextAsync(Path.Combine(_corpus, "林业局.txt"), Plan);
        await File.WriteAllTextAsync(Path.Combine(_corpus, "README.md"), "不是语料。");
        using var search = HybridSearch.Open(_data, new RetrievalOptions());
        var progress = new List<string>();

        var first = await CorpusLoader.AddFolderAsync(search, _corpus, new SyncProgress(progress), CancellationToken.None);
        var again = await CorpusLoader.AddFolderAsync(search, _corpus, null, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(_corpus, "林业局.txt"), Plan.Replace("加油卡专人保管制度", "加油卡双人签领制度"));
        var changed = await CorpusLoader.AddFolderAsync(search, _corpus, null, CancellationToken.None);

        Assert.Equal((1, 1, 0), (first.Files, first.Changed.Count, first.Unchanged));
        Assert.Equal("[1/1] 林业局.txt：整改方案，3项措施", Assert.Single(progress));
        Assert.Equal((0, 1), (again.Changed.Count, again.Unchanged));
        Assert.Equal(["林业局.txt"], changed.Changed);
        Assert.Equal(5, search.Lexical.Count);
        var hits = await search.SearchAsync(new SearchRequest("加油卡", Siblings: false), CancellationToken.None);
        Assert.All(hits, h => Assert.DoesNotContain("专人保管", h.Chunk.Text));
        Assert.Contains(hits, h => h.Chunk.Text == "建立加油卡双人签领制度。");
    }

    [Fact]
    public async Task The_sample_corpus_reads_as_four_plans_a_report_and_a_speech_all_marked_as_samples()
    {
        var kinds = new List<ChunkKind>();
        foreach (var file in CorpusLoader.Files(SampleCorpus.Folder))
        {
            var document = await CorpusLoader.ReadAsync(SampleCorpus.Folder, file, CancellationToken.None);
            Assert.Null(document.Error);
            Assert.Contains("示例", document.Parsed!.Title ?? (await File.ReadAllLinesAsync(Path.Combine(SampleCorpus.Folder, file)))[0]);
            kinds.Add(document.Chunks[0].Kind);
        }
        Assert.Equal(4, kinds.Count(k => k == ChunkKind.Plan));
        Assert.Equal(1, kinds.Count(k => k == ChunkKind.Report));
        Assert.Equal(1, kinds.Count(k => k == ChunkKind.Other));
    }

    public void Dispose()
    {
        Directory.Delete(_corpus, recursive: true);
        Directory.Delete(_data, recursive: true);
    }

    private sealed class SyncProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
