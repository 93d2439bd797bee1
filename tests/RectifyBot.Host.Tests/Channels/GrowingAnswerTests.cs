using System.Text.Json.Nodes;
using RectifyBot.Drafting;
using RectifyBot.Host.Tests.Channels.Teams;
using RectifyBot.Host.Tests.Channels.WeComBot;
using RectifyBot.Host.Tests.Channels.Web;
using RectifyBot.Tests.Llm;

namespace RectifyBot.Host.Tests.Channels;

/// <summary>
/// A draft the model writes slowly (a scripted OpenAI-compatible server streaming its chunks over SSE) is shown growing:
/// in a Teams personal chat as streaming updates between the informative update and the final message, and on the
/// WeCom AI bot as stream frames between "正在处理…" and finish, each checked by the channel's fake for order, pace
/// and acknowledgement. The real server answers (demo store, the repository's corpus); a rule answer stays one message.
/// </summary>
public sealed class GrowingAnswerTests : IAsyncLifetime
{
    private const string Ask = "帮我起草针对“三公经费不降反增”的整改措施";

    /// <summary>About 130 characters in two-character chunks, 50 ms apart: some three seconds of writing.</summary>
    private const string Lines = """
        1. 对三公经费支出逐项清理，查明不降反增的原因，限期整改到位[1]。
        2. 严格执行公务接待和公务用车管理规定，压减一般性支出[2]。
        3. 组织财务人员开展财经纪律专题学习培训[1][2]。
        4. 建立三公经费支出分析通报制度，举一反三、长效常态[1]。
        """;

    private FakeOpenAi _model = null!;
    private WebServer? _server;

    public async Task InitializeAsync() =>
        _model = await FakeOpenAi.StartAsync(new ScriptedReply(Lines) { ChunkDelay = TimeSpan.FromMilliseconds(50) });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        await _model.DisposeAsync();
    }

    [Fact]
    public async Task Teams_shows_the_draft_growing_in_streaming_updates_between_the_informative_update_and_the_final_message()
    {
        await using var bf = await FakeBotFramework.StartAsync();
        // Rule answers come well within a minute, so they are not streamed; the model's text opens the stream at once.
        await StartAsync(bf.ServerArguments("--Teams:StreamAfter=00:01:00"));
        await bf.PostActivityAsync(_server!.BaseAddress, TeamsActivities.PersonalMessage(bf.ServiceUrl, await _server.BindWordsAsync("lina")));
        var bound = await FakeWeComBotServer.WaitAsync(() => bf.Activities.FirstOrDefault(), "the binding reply");
        Assert.Null(bound.Body["entities"]);

        await bf.PostActivityAsync(_server.BaseAddress, TeamsActivities.PersonalMessage(bf.ServiceUrl, Ask).Replace("1732176930123", "1732176930124"));
        await FakeWeComBotServer.WaitUntilAsync(() => bf.Activities.Skip(1).Any(a => (string?)a.Body["type"] == "message"),
            $"the final message; problems: {string.Join("; ", bf.Problems)}", seconds: 60);

        var stream = bf.Activities.Skip(1).Select(a => a.Body).ToList();
        var informative = Info(stream[0]);
        Assert.Equal(("typing", "informative", 1), ((string?)stream[0]["type"], (string?)informative["streamType"], (int?)informative["streamSequence"]));
        var updates = stream[1..^1];
        Assert.True(updates.Count >= 2, $"{updates.Count} streaming updates");
        Assert.All(updates, u => Assert.Equal(("typing", "streaming"), ((string?)u["type"], (string?)Info(u)["streamType"])));
        Assert.Equal(Enumerable.Range(2, updates.Count), updates.Select(u => (int)Info(u)["streamSequence"]!));
        AssertGrowing(updates.Select(u => (string)u["text"]!).ToList());

        var final = stream[^1];
        Assert.Equal("final", (string?)Info(final)["streamType"]);
        Assert.StartsWith("针对“三公经费不降反增”，参考往年方案起草的整改措施如下", (string?)final["text"]);
        Assert.Contains("组织财务人员开展财经纪律专题学习培训", (string?)final["text"]);
        Assert.Contains(final["entities"]!.AsArray(), e => e?["additionalType"]?[0]?.GetValue<string>() == "AIGeneratedContent");
        Assert.Single(_model.Requests);
        Assert.Empty(bf.Problems);
    }

    [Fact]
    public async Task Teams_shows_which_problem_of_the_report_the_model_is_writing_and_its_text_so_far_then_sends_the_report()
    {
        // One model call per problem: a shorter reply, so that the whole report is written well within Teams' two minutes.
        await _model.DisposeAsync();
        _model = await FakeOpenAi.StartAsync(new ScriptedReply("经整改，相关问题已按计划推进。") { ChunkDelay = TimeSpan.FromMilliseconds(150) });
        await using var bf = await FakeBotFramework.StartAsync();
        await StartAsync(bf.ServerArguments("--Teams:StreamAfter=00:01:00"));
        await bf.PostActivityAsync(_server!.BaseAddress, TeamsActivities.PersonalMessage(bf.ServiceUrl, await _server.BindWordsAsync("chenqq")));
        await FakeWeComBotServer.WaitAsync(() => bf.Activities.FirstOrDefault(), "the binding reply");

        await bf.PostActivityAsync(_server.BaseAddress, TeamsActivities.PersonalMessage(bf.ServiceUrl, "生成整改情况报告").Replace("1732176930123", "1732176930124"));
        await FakeWeComBotServer.WaitUntilAsync(() => bf.Activities.Skip(1).Any(a => (string?)a.Body["type"] == "message"),
            $"the final message; problems: {string.Join("; ", bf.Problems)}", seconds: 90);

        var stream = bf.Activities.Skip(1).Select(a => a.Body).ToList();
        var updates = stream.Where(a => (string?)a["type"] == "typing" && (string?)Info(a)["streamType"] == "streaming").Select(a => (string)a["text"]!).ToList();
        Assert.NotEmpty(updates);
        // Updates are paced (one a second), so how far each got is timing; that each names its problem and carries the model's text is not.
        Assert.All(updates, t => Assert.Matches(@"^正在写整改情况报告（第\d+/\d+个问题）：\n(.|\n)*经整", t));
        Assert.True(_model.Requests.Count > 1, $"{_model.Requests.Count} model calls");
        Assert.Contains("已生成整改情况报告", (string?)stream[^1]["text"]);
        Assert.Empty(bf.Problems);
    }

    [Fact]
    public async Task The_AI_bot_streams_the_draft_as_frames_of_the_text_so_far_each_acknowledged_before_the_next_then_finishes()
    {
        // Frames go at most one a second, each after the one before is acknowledged (300 ms here): some six seconds of
        // writing gives four or so, where three seconds gave two with nothing to spare and one on a loaded machine.
        await _model.DisposeAsync();
        _model = await FakeOpenAi.StartAsync(new ScriptedReply(Lines) { ChunkDelay = TimeSpan.FromMilliseconds(100) });
        await using var wecom = await FakeWeComBotServer.StartAsync();
        await StartAsync(wecom.Settings().Select(kv => $"--{kv.Key}={kv.Value}"));
        var bind = await wecom.FinishedAsync(await wecom.SendTextAsync("lina-wx", await _server!.BindWordsAsync("lina")), seconds: 60);
        // A rule answer: the opening frame and the finished reply, nothing between.
        Assert.Equal(2, bind.Count);

        wecom.StreamAckDelay = TimeSpan.FromMilliseconds(300);
        var frames = await wecom.FinishedAsync(await wecom.SendTextAsync("lina-wx", Ask), seconds: 60);

        Assert.Equal("正在处理…", (string?)frames[0]["content"]);
        var growing = frames[1..^1];
        Assert.True(growing.Count >= 2, $"{growing.Count} frames of the text so far");
        Assert.All(growing, f => Assert.False((bool)f["finish"]!));
        AssertGrowing(growing.Select(f => (string)f["content"]!).ToList());
        Assert.True((bool)frames[^1]["finish"]!);
        Assert.StartsWith("针对“三公经费不降反增”，参考往年方案起草的整改措施如下", (string?)frames[^1]["content"]);
        Assert.Single(_model.Requests);
        Assert.Empty(wecom.Problems);
    }

    /// <summary>Each text is the model's lines so far under the drafting note, and extends the one before.</summary>
    private static void AssertGrowing(IReadOnlyList<string> texts)
    {
        Assert.All(texts, t => Assert.StartsWith(LlmMeasureDrafter.Writing + Lines[..2], t));
        Assert.All(texts.Zip(texts.Skip(1)), pair => Assert.True(pair.Second.Length > pair.First.Length && pair.Second.StartsWith(pair.First, StringComparison.Ordinal),
            $"\"{pair.Second}\" does not extend \"{pair.First}\""));
        Assert.StartsWith(texts[^1], LlmMeasureDrafter.Writing + Lines);
    }

    private static JsonNode Info(JsonObject activity) => activity["entities"]!.AsArray().Single(e => (string?)e!["type"] == "streaminfo")!;

    private async Task StartAsync(IEnumerable<string> channel)
    {
        _server = WebServer.With([.. channel,
            $"--Llm:Endpoint={_model.Endpoint}", $"--Llm:Model={FakeOpenAi.Model}", $"--Llm:ApiKey={FakeOpenAi.ApiKey}",
            $"--Retrieval:CorpusPath={Path.Combine(WeCom.WeComCryptoNode.RepositoryRoot(), "corpus")}"]);
        await _server.InitializeAsync();
    }
}
