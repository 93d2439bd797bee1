using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Documents;
using RectifyBot.Domain;
using RectifyBot.Drafting;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.Llm;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Drafting;

/// <summary>
/// One problem's 整改情况: facts from the records only, references from the sample corpus's notice, and with a
/// model, a rewrite that is used only when every figure in it is in the records or the references.
/// </summary>
public class ReportParagraphDrafterTests
{
    private const string Problem = "“三公”经费不降反增";

    private static async Task<(TestStore Store, LedgerSnapshot Ledger)> WorldAsync(Dictionary<string, string?>? llm = null)
    {
        var settings = new Dictionary<string, string?> { ["Retrieval:CorpusPath"] = SampleCorpus.Folder };
        foreach (var (key, value) in llm ?? [])
        {
            settings[key] = value;
        }
        var store = await TestStore.CreateAsync(StoreProvider.Sqlite, settings: settings);
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster().Problem(1, 1, Problem)
                .Measure(56, lead: "规划财务科", due: "2023-12-31").Measure(57, lead: "规划财务科", due: "2023-12-31").SaveAsync(db)).Id;
        }
        await using (var scope = store.Scope())
        {
            await using var db = store.NewContext();
            var office = Actor.From(await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Name == "陈奇奇"));
            var flow = scope.ServiceProvider.GetRequiredService<MeasureWorkflow>();
            await flow.RecordProgressAsync(office, inspection, 56, "已召开专题会议，压减公务接待费用12.5万元", MeasureStatus.Done, "test", default);
        }
        await using (var scope = store.Scope())
        {
            var ledger = await scope.ServiceProvider.GetRequiredService<LedgerLoader>().LoadAsync(inspection, new DateOnly(2023, 11, 21), default);
            return (store, ledger!);
        }
    }

    [Fact]
    public async Task The_paragraph_holds_the_recorded_facts_blanks_and_references_from_past_notices()
    {
        var (store, ledger) = await WorldAsync();
        await using var _ = store;
        await using var scope = store.Scope();
        var (problem, error) = ReportParagraphDrafter.Find(ledger, 56, null, null);
        Assert.Null(error);

        var result = await scope.ServiceProvider.GetRequiredService<ReportParagraphDrafter>().DraftAsync(ledger, problem!, default);

        Assert.StartsWith("关于“", result.Text);
        Assert.Contains("压减公务接待费用12.5万元", result.Text);
        // The measure with nothing recorded is one sentence, not a blank.
        Assert.Contains("其余1项措施（第57项整改措施的内容）尚未报送进展", result.Text);
        Assert.DoesNotContain("＿＿", result.Text);
        Assert.NotEmpty(result.References);
        Assert.All(result.References, r => Assert.Contains("通报", r.Document));
        Assert.Equal([56, 57], result.Measures);
    }

    [Fact]
    public async Task A_model_rewrite_is_used_when_its_figures_are_all_recorded()
    {
        await using var model = await FakeOpenAi.StartAsync(ScriptedReply.Says("关于“‘三公’经费不降反增”问题。整改情况（持续推进）：召开专题会议，压减公务接待费用12.5万元；其余措施＿＿。"));
        var (store, ledger) = await WorldAsync(Settings(model));
        await using var _ = store;
        await using var scope = store.Scope();
        var problem = ReportParagraphDrafter.Find(ledger, 56, null, null).Problem!;

        var result = await scope.ServiceProvider.GetRequiredService<ReportParagraphDrafter>().DraftAsync(ledger, problem, default);

        Assert.StartsWith("关于“‘三公’经费不降反增”问题。整改情况（持续推进）：召开专题会议", result.Text);
        Assert.Empty(result.Notes);
        var user = model.Messages(0).Last().Content!;
        Assert.Contains("<records>", user);
        Assert.Contains("<examples>", user);
    }

    [Fact]
    public async Task A_model_rewrite_with_an_invented_figure_is_not_used()
    {
        await using var model = await FakeOpenAi.StartAsync(ScriptedReply.Says("关于“‘三公’经费不降反增”问题。整改情况（已完成）：压减费用12.5万元，清退违规资金386万元。"));
        var (store, ledger) = await WorldAsync(Settings(model));
        await using var _ = store;
        await using var scope = store.Scope();
        var problem = ReportParagraphDrafter.Find(ledger, 56, null, null).Problem!;

        var result = await scope.ServiceProvider.GetRequiredService<ReportParagraphDrafter>().DraftAsync(ledger, problem, default);

        Assert.DoesNotContain("386", result.Text);
        Assert.Contains("其余1项措施", result.Text);
        Assert.Contains(result.Notes, n => n.Contains("386", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2023年10月9日，规划财务科压减公务接待费用12.5万元。", "")]
    [InlineData("2023年10月8日，规划财务科压减公务接待费用12.5万元。", "2023年10月8日")]
    [InlineData("2023年10月9日，社会事务科压减公务接待费用12.5万元。", "社会事务科")]
    [InlineData("2023年10月9日，规划财务科印发《公务接待管理办法》。", "公务接待管理办法")]
    [InlineData("落实“第一议题”制度，压减费用12.5万元。", "")]
    [InlineData("2023年10月9日，规划财务科压减公务接待费用12.5亿元。", "12.5亿元")]
    [InlineData("规划财务科开展专题学习12人次，压减费用12.5万元。", "12人次")]
    [InlineData("规划财务科压减公务接待费用１２．５万元。", "")]
    public void A_rewrite_may_name_only_the_dates_quantities_units_and_titles_of_its_records(string draft, string rejected)
    {
        var records = "2023年10月9日，规划财务科已召开专题会议，压减公务接待费用12.5万元，开展专题学习12次。落实“第一议题”制度。";
        var found = RectifyBot.Drafting.DraftChecks.UnsupportedFacts(draft, [records], ["规划财务科", "社会事务科", "李娜"]);
        if (rejected.Length == 0)
        {
            Assert.Empty(found);
        }
        else
        {
            Assert.Contains(rejected, found);
        }
    }

    [Fact]
    public async Task A_problem_is_found_by_measure_finding_path_or_words_and_a_miss_says_what_to_do()
    {
        var (store, ledger) = await WorldAsync();
        await using var _ = store;
        Assert.Equal(Problem, ReportParagraphDrafter.Find(ledger, null, "1.1.1", null).Problem!.Title);
        Assert.Equal(Problem, ReportParagraphDrafter.Find(ledger, null, null, "三公经费问题").Problem!.Title);
        Assert.Equal("没有第999项措施，本方案措施编号为56至57。", ReportParagraphDrafter.Find(ledger, 999, null, null).Error);
        Assert.StartsWith("没有“9.9.9”这个问题", ReportParagraphDrafter.Find(ledger, null, "9.9.9", null).Error);
    }

    private static Dictionary<string, string?> Settings(FakeOpenAi model) => new()
    {
        ["Llm:Endpoint"] = model.Endpoint.ToString(),
        ["Llm:Model"] = FakeOpenAi.Model,
        ["Llm:ApiKey"] = FakeOpenAi.ApiKey,
    };
}
