using System.Text.Json;
using RectifyBot.Cli;
using RectifyBot.Tests.TestData;
using Xunit.Abstractions;

namespace RectifyBot.Tests.Retrieval;

/// <summary>corpus add, search, eval retrieval and draft measures, run in process on real files.</summary>
public sealed class RetrievalCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rectifybot-cli-").FullName;

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var config = Path.Combine(_folder, "appsettings.json");
        if (!File.Exists(config))
        {
            await File.WriteAllTextAsync(config, """{ "Data": { "Path": "data" } }""");
        }
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--config", config, "--db", Path.Combine(_folder, "store.db")], stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Corpus_add_shows_progress_on_stderr_and_a_second_run_changes_nothing()
    {
        var (code, stdout, stderr) = await Run("corpus", "add", SampleCorpus.Folder);
        Assert.True(code == 0, stderr);
        Assert.Contains("[1/6]", stderr);
        Assert.Contains("共6个文件：新加入或已更新6个，未变化0个", stdout);
        Assert.True(Directory.Exists(Path.Combine(_folder, "data", "index")));

        (_, stdout, _) = await Run("corpus", "add", SampleCorpus.Folder);
        Assert.Contains("新加入或已更新0个，未变化6个", stdout);
    }

    [Fact]
    public async Task Search_finds_the_living_tombs_measures_and_filters_by_kind()
    {
        await Run("corpus", "add", SampleCorpus.Folder);

        var (code, stdout, _) = await Run("search", "活人墓", "--top", "3", "--json");
        Assert.Equal(0, code);
        var hits = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(3, hits.GetArrayLength());
        Assert.All(hits.EnumerateArray(), h => Assert.Contains("**活人墓**", h.GetProperty("snippet").GetString()));
        Assert.Equal("示例-桐山镇党委巡察整改方案.txt", hits[0].GetProperty("chunk").GetProperty("document").GetString());

        (_, stdout, _) = await Run("search", "三公经费", "--kind", "report", "--json");
        var reports = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(reports);
        Assert.All(reports, h => Assert.Equal("report", h.GetProperty("chunk").GetProperty("kind").GetString()));

        (_, stdout, _) = await Run("search", "活人墓");
        Assert.StartsWith("1. 示例-桐山镇党委巡察整改方案.txt，二/2/一是，", stdout);
    }

    [Fact]
    public async Task Eval_retrieval_on_the_sample_corpus_prints_the_scores_as_json()
    {
        var (code, stdout, stderr) = await Run("eval", "retrieval", "--corpus", SampleCorpus.Folder, "--json");
        Assert.True(code == 0, stderr);
        output.WriteLine(stdout);
        var result = JsonDocument.Parse(stdout).RootElement;
        var overall = result.GetProperty("overall");
        Assert.Equal(23, overall.GetProperty("queries").GetInt32());
        Assert.True(overall.GetProperty("recallAt10").GetDouble() >= 0.9);
        Assert.True(overall.GetProperty("mrr").GetDouble() >= 0.9);
        Assert.True(overall.TryGetProperty("meanQueryMs", out _));
        Assert.Equal(4, result.GetProperty("documents").GetArrayLength());
    }

    [SharedFact]
    public async Task Eval_retrieval_on_the_seeds_through_the_importer_matches_the_extractor_figures_for_003()
    {
        var (code, stdout, stderr) = await Run("eval", "retrieval", "--corpus", Path.Combine(Shared.Folder!, "seeds"), "--json");
        Assert.True(code == 0, stderr);
        output.WriteLine(stdout);
        var seed = JsonDocument.Parse(stdout).RootElement.GetProperty("documents").EnumerateArray()
            .Single(d => d.GetProperty("document").GetString()!.StartsWith("003_", StringComparison.Ordinal)).GetProperty("scores");
        Assert.Equal(26, seed.GetProperty("queries").GetInt32());
        Assert.True(seed.GetProperty("recallAt10").GetDouble() >= 0.95, stdout);
        Assert.True(seed.GetProperty("mrr").GetDouble() >= 0.95, stdout);
    }

    [Fact]
    public async Task Draft_measures_prints_cited_lines_and_fails_when_nothing_is_relevant()
    {
        await Run("corpus", "add", SampleCorpus.Folder);

        var (code, stdout, _) = await Run("draft", "measures", "三公经费不降反增", "--json");
        Assert.Equal(0, code);
        var draft = JsonDocument.Parse(stdout).RootElement;
        Assert.InRange(draft.GetProperty("measures").GetArrayLength(), 3, 6);
        Assert.NotEmpty(draft.GetProperty("sources").EnumerateArray());

        (code, stdout, _) = await Run("draft", "measures", "量子计算机芯片");
        Assert.Equal(1, code);
        Assert.Contains("没有找到", stdout);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
