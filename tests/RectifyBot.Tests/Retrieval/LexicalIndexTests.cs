using RectifyBot.Retrieval;

namespace RectifyBot.Tests.Retrieval;

public sealed class LexicalIndexTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rectifybot-index-").FullName;

    private static Chunk Measure(string document, int number, string text, string location = "一/1/一是", int year = 2023, string organisation = "县民政局", ChunkKind kind = ChunkKind.Plan) =>
        new($"{document}#{number}", document, organisation, year, kind, location, number, text);

    private static Chunk Paragraph(string document, int n, string text, ChunkKind kind = ChunkKind.Report, int year = 2023, string organisation = "县民政局") =>
        new($"{document}#p{n}", document, organisation, year, kind, $"p{n}", null, text);

    [Fact]
    public void Finds_a_chunk_by_a_word_inside_it_and_marks_the_word()
    {
        using var index = LexicalIndex.Open(_folder);
        index.AddDocument("a", [Paragraph("a", 1, "组织干部职工参加保密教育线上培训。"), Paragraph("a", 2, "完善殡葬服务收费公示制度。")]);

        var hit = Assert.Single(index.Search(new SearchRequest("保密培训", Top: 1)));
        Assert.Equal("a#p1", hit.Chunk.Id);
        Assert.Contains("**保密**", hit.Snippet);
        Assert.Contains("**培训**", hit.Snippet);
    }

    [Fact]
    public void A_rare_word_outweighs_a_common_one_and_more_matches_outrank_fewer()
    {
        using var index = LexicalIndex.Open(_folder);
        index.AddDocument("a", [
            Paragraph("a", 1, "加强工作管理。"),
            Paragraph("a", 2, "加强工作作风。"),
            Paragraph("a", 3, "加强工作台账。"),
            Paragraph("a", 4, "加强涉密计算机管理。"),
            Paragraph("a", 5, "清理涉密计算机，更新杀毒软件。"),
        ]);

        var hits = index.Search(new SearchRequest("涉密计算机杀毒软件", Top: 5));
        Assert.Equal(["a#p5", "a#p4"], hits.Take(2).Select(h => h.Chunk.Id));
    }

    [Fact]
    public void Re_adding_an_unchanged_document_does_nothing_and_a_changed_one_replaces_its_chunks()
    {
        using var index = LexicalIndex.Open(_folder);
        Assert.True(index.AddDocument("a", [Paragraph("a", 1, "建立固定资产台账。")]));
        Assert.False(index.AddDocument("a", [Paragraph("a", 1, "建立固定资产台账。")]));
        Assert.Equal(1, index.Count);

        Assert.True(index.AddDocument("a", [Paragraph("a", 1, "规范公务接待审批。")]));
        Assert.Equal(1, index.Count);
        Assert.Empty(index.Search(new SearchRequest("固定资产台账")));
        Assert.Equal("规范公务接待审批。", Assert.Single(index.Search(new SearchRequest("公务接待"))).Chunk.Text);
    }

    [Fact]
    public void Removing_a_document_removes_its_chunks()
    {
        using var index = LexicalIndex.Open(_folder);
        index.AddDocument("a", [Paragraph("a", 1, "建立固定资产台账。")]);
        index.AddDocument("b", [Paragraph("b", 1, "固定资产定期盘点。")]);

        Assert.True(index.RemoveDocument("a"));
        Assert.False(index.RemoveDocument("a"));
        Assert.Equal(["b#p1"], index.Search(new SearchRequest("固定资产")).Select(h => h.Chunk.Id));
    }

    [Fact]
    public void Filters_by_kind_year_and_organisation()
    {
        using var index = LexicalIndex.Open(_folder);
        index.AddDocument("plan", [Measure("plan", 1, "开展保密教育培训。", year: 2023, organisation: "县民政局")]);
        index.AddDocument("report", [Paragraph("report", 1, "已开展保密教育培训。", ChunkKind.Report, 2024, "县民政局")]);
        index.AddDocument("other", [Paragraph("other", 1, "保密教育培训通知。", ChunkKind.Other, 2024, "县财政局")]);

        Assert.Equal(["plan#1"], index.Search(new SearchRequest("保密教育", Kind: ChunkKind.Plan)).Select(h => h.Chunk.Id));
        Assert.Equal(["other#p1", "report#p1"], index.Search(new SearchRequest("保密教育", Year: 2024)).Select(h => h.Chunk.Id).Order());
        Assert.Equal(["other#p1"], index.Search(new SearchRequest("保密教育", Organisation: "县财政局")).Select(h => h.Chunk.Id));
        Assert.Empty(index.Search(new SearchRequest("保密教育", Organisation: "县教育局")));
    }

    [Fact]
    public void Sibling_measures_of_a_strong_hit_come_back_with_it()
    {
        using var index = LexicalIndex.Open(_folder);
        index.AddDocument("plan", [
            Measure("plan", 1, "加强保密教育，组织干部职工学习保密工作指示批示精神。", "一/1/三是"),
            Measure("plan", 2, "添置存储设备，开设专人机房。", "一/1/三是"),
            Measure("plan", 3, "完善陵园建设工作专班。", "一/1/二是"),
            Measure("plan", 4, "学习民政工作会议精神。", "一/1/一是"),
        ]);

        var query = "保密工作责任压得不实，干部职工保密教育不够";
        Assert.Equal(["plan#1", "plan#2"], index.Search(new SearchRequest(query, Top: 2)).Select(h => h.Chunk.Id));
        Assert.DoesNotContain("plan#2", index.Search(new SearchRequest(query, Siblings: false)).Select(h => h.Chunk.Id));
    }

    [Fact]
    public void The_index_survives_reopening_and_many_small_additions()
    {
        using (var index = LexicalIndex.Open(_folder))
        {
            for (var i = 0; i < 20; i++)
            {
                index.AddDocument($"d{i}", [Paragraph($"d{i}", 1, $"第{i}项：整改台账第{i}号。"), Paragraph($"d{i}", 2, i == 7 ? "殡葬服务收费公示。" : "加强学习。")]);
            }
            index.AddDocument("d3", [Paragraph("d3", 1, "改写后的内容。")]);
        }
        using var reopened = LexicalIndex.Open(_folder);
        Assert.Equal(39, reopened.Count);
        Assert.Equal("d7#p2", reopened.Search(new SearchRequest("殡葬收费")).First().Chunk.Id);
        Assert.Equal("d3#p1", reopened.Search(new SearchRequest("改写")).First().Chunk.Id);
        Assert.True(Directory.GetFiles(Path.Combine(_folder, "segments"), "*.terms").Length <= 8);
    }

    [Fact]
    public void Segment_files_no_commit_lists_are_swept_at_open()
    {
        using (var index = LexicalIndex.Open(_folder))
        {
            index.AddDocument("a", [Paragraph("a", 1, "建立固定资产台账。")]);
        }
        var stray = Path.Combine(_folder, "segments", "00000099.postings");
        File.WriteAllText(stray, "left by a write that never committed");

        using var reopened = LexicalIndex.Open(_folder);
        Assert.False(File.Exists(stray));
        Assert.Single(reopened.Search(new SearchRequest("固定资产")));
    }

    [Fact]
    public void Chunks_are_read_back_by_id_with_their_metadata()
    {
        using var index = LexicalIndex.Open(_folder);
        var chunk = Measure("plan", 12, "建立学习研讨发言制度。", "一/1/一是");
        index.AddDocument("plan", [chunk]);
        Assert.Equal([chunk], index.GetChunks(["plan#12", "missing"]));
    }

    [Fact]
    public void A_snippet_of_a_long_chunk_is_cut_around_the_matches()
    {
        using var index = LexicalIndex.Open(_folder);
        var text = string.Concat(Enumerable.Repeat("按照要求认真做好各项工作，", 10)) + "对违规存储的互联网计算机进行断网清理。";
        index.AddDocument("a", [Paragraph("a", 1, text)]);

        var snippet = Assert.Single(index.Search(new SearchRequest("互联网计算机断网"))).Snippet;
        Assert.StartsWith("…", snippet);
        Assert.Contains("**互联网计算机**", snippet);
        Assert.True(snippet.Length < text.Length);
    }

    [Fact]
    public async Task Searches_run_safely_while_documents_are_added()
    {
        using var index = LexicalIndex.Open(_folder);
        index.AddDocument("seed", [Paragraph("seed", 1, "固定资产定期盘点。")]);
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 30; i++)
            {
                index.AddDocument($"d{i}", [Paragraph($"d{i}", 1, $"固定资产台账第{i}册。")]);
            }
        });
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!writer.IsCompleted)
            {
                Assert.NotEmpty(index.Search(new SearchRequest("固定资产")));
            }
        }));
        await Task.WhenAll([writer, .. readers]);
        Assert.Equal(31, index.Count);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
