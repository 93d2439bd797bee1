using System.Text.Json;
using RectifyBot.Cli;

namespace RectifyBot.Tests.Import;

public class ParseCommandTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "TestData", "Plans", "per-problem-numbering.txt");

    [Fact]
    public async Task Parse_json_prints_the_parsed_document_in_the_shared_shape()
    {
        var output = new StringWriter();
        var exit = await CliApp.RunAsync(["parse", Fixture, "--json"], output, new StringWriter(), CancellationToken.None);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal("plan", root.GetProperty("kind").GetString());
        Assert.Equal("2023-03-10", root.GetProperty("feedbackDate").GetString());
        Assert.Equal(9, root.GetProperty("stated").GetProperty("measures").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("stated").GetProperty("completed").ValueKind);
        var measure = root.GetProperty("aspects")[0].GetProperty("problems")[0].GetProperty("findings")[1].GetProperty("measures")[1];
        Assert.Equal(2, measure.GetProperty("number").GetInt32());
        Assert.Equal(["kind", "date", "recurrence", "sourceText", "longTermAfter"], measure.GetProperty("deadline").EnumerateObject().Select(p => p.Name));
        Assert.Equal("recurring", measure.GetProperty("deadline").GetProperty("kind").GetString());
        Assert.Equal("monthly", measure.GetProperty("deadline").GetProperty("recurrence").GetString());
        Assert.Contains("乡村振兴股", root.GetProperty("proposedUnits").EnumerateArray().Select(u => u.GetString()));
    }

    [Fact]
    public async Task Parse_without_json_prints_a_chinese_summary_and_fails_on_a_non_plan()
    {
        var output = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["parse", Fixture], output, new StringWriter(), CancellationToken.None));
        Assert.Contains("2个方面，3个问题，4条具体表现，5项整改措施", output.ToString());

        var notAPlan = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(notAPlan, "今天天气很好。");
            var second = new StringWriter();
            Assert.Equal(1, await CliApp.RunAsync(["parse", notAPlan], second, new StringWriter(), CancellationToken.None));
            Assert.Contains("不是整改方案", second.ToString());
        }
        finally
        {
            File.Delete(notAPlan);
        }
    }
}
