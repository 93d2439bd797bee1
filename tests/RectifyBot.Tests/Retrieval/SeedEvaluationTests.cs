using RectifyBot.Retrieval;
using RectifyBot.Tests.TestData;
using Xunit.Abstractions;

namespace RectifyBot.Tests.Retrieval;

public sealed class SeedEvaluationTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rectifybot-eval-").FullName;

    [SharedFact]
    public void Fixture_extracts_the_26_findings_and_158_measures_of_seed_003()
    {
        var plan = SeedPlanFindings.Extract(Shared.Seed("003"));
        Assert.Equal(26, plan.Findings.Count);
        Assert.Equal(158, plan.Findings.Sum(f => f.Measures.Count));
        Assert.All(plan.Findings, f => Assert.NotEmpty(f.Measures));
    }

    [SharedFact]
    public void Leave_one_out_on_seed_003_reaches_the_target()
    {
        var result = RetrievalEvaluator.Evaluate([SeedPlanFindings.Extract(Shared.Seed("003"))], _folder);
        output.WriteLine(RectifyJson.Serialize(result));
        Assert.Equal(26, result.Overall.Queries);
        Assert.True(result.Overall.RecallAt10 >= 0.8, $"recall@10 {result.Overall.RecallAt10}");
        Assert.True(result.Overall.Mrr >= 0.85, $"MRR {result.Overall.Mrr}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
