using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Retrieval;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Drafting;

/// <summary>The retrieval and drafting rows of conversations.md, through the engine, on a real store and index.</summary>
public sealed class DraftConversationTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using var db = _store.NewContext();
        await new PlanBuilder().ConversationsRoster().Measure(30, lead: "社会事务科").SaveAsync(db);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private HybridSearch Search => _store.Services.GetRequiredService<HybridSearch>();

    private async Task<TurnResult> Say(string who, string text)
    {
        await using var scope = _store.Scope();
        return await scope.ServiceProvider.GetRequiredService<ConversationEngine>()
            .HandleAsync(new IncomingMessage(ChannelName.Cli, who, text), CancellationToken.None);
    }

    [Fact]
    public async Task How_past_plans_fixed_living_tombs_lists_measures_with_document_and_location()
    {
        await SampleCorpus.AddAsync(Search);

        var result = await Say("李娜", "以前的方案里“活人墓”是怎么整改的");

        Assert.Equal("SearchPastPlans", result.Intent);
        var citations = result.Reply.Citations;
        Assert.InRange(citations.Count, 1, 5);
        Assert.Equal(Enumerable.Range(1, citations.Count), citations.Select(c => c.Index));
        Assert.All(citations, c => Assert.Contains("活人墓", c.Text));
        Assert.Equal(("示例-桐山镇党委巡察整改方案.txt", "二/2/一是，措施（7）"), (citations[0].Source, citations[0].Location));
        Assert.Contains("[1] ", result.Reply.Text);
        Assert.Contains("——示例-桐山镇党委巡察整改方案.txt，二/2/一是，措施（7）", result.Reply.Text);
        Assert.Empty(result.Changes);
    }

    [SharedFact]
    public async Task How_past_plans_fixed_living_tombs_on_seed_003_cites_its_measures()
    {
        var seed = Path.GetFileName(Shared.Seed("003"));
        var document = await CorpusLoader.ReadAsync(Path.Combine(Shared.Folder!, "seeds"), seed, CancellationToken.None);
        await Search.AddDocumentsAsync([new DocumentChunks(document.Document, document.Chunks)], CancellationToken.None);

        var result = await Say("陈奇奇", "以前的方案里“活人墓”是怎么整改的");

        Assert.Contains(result.Reply.Citations, c => c.Source == seed && c.Location.EndsWith("措施（30）", StringComparison.Ordinal));
        Assert.All(result.Reply.Citations, c => Assert.Contains("活人墓", c.Text));
    }

    [Fact]
    public async Task Drafting_measures_for_three_public_expenses_cites_the_listed_sources()
    {
        await SampleCorpus.AddAsync(Search);

        var result = await Say("陈奇奇", "帮我起草针对“三公经费不降反增”的整改措施");

        Assert.Equal("DraftMeasures", result.Intent);
        var lines = result.Reply.Text.Split('\n').Where(l => l.StartsWith('（')).ToList();
        Assert.InRange(lines.Count, 3, 6);
        Assert.All(lines, l => Assert.Matches(@"\[\d+\]$", l));
        var cited = System.Text.RegularExpressions.Regex.Matches(result.Reply.Text, @"\[(\d+)\]").Select(m => int.Parse(m.Groups[1].Value)).Distinct().Order();
        Assert.Equal(result.Reply.Citations.Select(c => c.Index), cited);
        Assert.All(result.Reply.Citations, c => Assert.Contains($"[{c.Index}] {c.Source}，{c.Location}", result.Reply.Text));
        Assert.Empty(result.Changes);
    }

    [Fact]
    public async Task An_empty_index_is_filled_from_the_corpus_folder_on_first_use()
    {
        var corpus = Directory.CreateDirectory(Path.Combine(_store.DataPath, "corpus")).FullName;
        foreach (var file in Directory.GetFiles(SampleCorpus.Folder))
        {
            File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        }

        var result = await Say("李娜", "以前的方案里“活人墓”是怎么整改的");

        Assert.NotEmpty(result.Reply.Citations);
        Assert.Contains(result.Reply.Citations, c => c.Source == "示例-桐山镇党委巡察整改方案.txt");
    }

    [Fact]
    public async Task With_an_empty_corpus_the_search_and_the_draft_say_there_is_nothing()
    {
        var search = await Say("李娜", "以前的方案里“活人墓”是怎么整改的");
        var draft = await Say("李娜", "帮我起草针对“三公经费不降反增”的整改措施");

        Assert.Contains("没有找到", search.Reply.Text);
        Assert.Empty(search.Reply.Citations);
        Assert.Contains("没有找到", draft.Reply.Text);
        Assert.Empty(draft.Reply.Citations);
    }
}
