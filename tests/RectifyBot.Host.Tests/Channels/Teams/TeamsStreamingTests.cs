using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Host.Channels.Teams;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Channels.Teams;

/// <summary>
/// Teams streaming, citations and feedback over real HTTP: the real server (demo store, the repository's corpus) with
/// every personal-chat reply streamed (Teams:StreamAfter 0), against the fake Connector, which checks each activity
/// against the streaming and citation rules.
/// </summary>
public sealed class TeamsStreamingTests : IAsyncLifetime
{
    private FakeBotFramework _bf = null!;
    private Web.WebServer _server = null!;

    public async Task InitializeAsync()
    {
        _bf = await FakeBotFramework.StartAsync();
        _server = Web.WebServer.With(_bf.ServerArguments(
            "--Teams:StreamAfter=00:00:00", $"--Retrieval:CorpusPath={Path.Combine(WeCom.WeComCryptoNode.RepositoryRoot(), "corpus")}"));
        await _server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _bf.DisposeAsync();
    }

    [Fact]
    public async Task A_personal_chat_reply_is_an_informative_update_then_the_final_message_of_the_stream()
    {
        await PostAsync(TeamsActivities.PersonalMessage(_bf.ServiceUrl, await _server.BindWordsAsync("lina")));
        var (informative, final) = await StreamAsync(0);

        Assert.Equal("typing", (string?)informative.Body["type"]);
        Assert.Equal("正在处理…", (string?)informative.Body["text"]);
        Assert.Equal(new JsonObject { ["type"] = "streaminfo", ["streamType"] = "informative", ["streamSequence"] = 1 }.ToJsonString(),
            informative.Body["entities"]![0]!.ToJsonString());
        Assert.EndsWith($"/v3/conversations/{Uri.EscapeDataString(TeamsActivities.PersonalConversationId)}/activities", informative.Path);
        Assert.Equal("message", (string?)final.Body["type"]);
        Assert.StartsWith("绑定成功。您好，李娜", (string?)final.Body["text"]);
        var info = final.Body["entities"]![0]!;
        Assert.Equal(("streaminfo", "final"), ((string?)info["type"], (string?)info["streamType"]));
        Assert.StartsWith("stream-", (string?)info["streamId"]);
        Assert.Null(info["streamSequence"]);
        // A plain answer carries neither citations, nor the AI label, nor feedback buttons.
        Assert.Null(final.Body["channelData"]?["feedbackLoop"]);
        Assert.Empty(_bf.Problems);
    }

    [Fact]
    public async Task An_answer_from_past_plans_cites_each_marker_and_its_feedback_is_recorded_with_the_message_id()
    {
        await PostAsync(TeamsActivities.PersonalMessage(_bf.ServiceUrl, await _server.BindWordsAsync("lina")));
        await StreamAsync(0);

        await PostAsync(TeamsActivities.PersonalMessage(_bf.ServiceUrl, "以前的方案里“公务接待”是怎么整改的").Replace("1732176930123", "1732176930124"));
        var (_, final) = await StreamAsync(2);

        var text = (string)final.Body["text"]!;
        Assert.Contains("[1]", text);
        Assert.Equal("default", (string?)final.Body["channelData"]!["feedbackLoop"]!["type"]);
        var answer = final.Body["entities"]!.AsArray().Single(e => (string?)e!["type"] == "https://schema.org/Message")!;
        var positions = answer["citation"]!.AsArray().Select(c => (int)c!["position"]!).ToList();
        Assert.Equal(Enumerable.Range(1, positions.Count), positions);
        Assert.All(positions, n => Assert.Contains($"[{n}]", text));
        Assert.Null(answer["additionalType"]);

        var streamId = (string)final.Body["entities"]![0]!["streamId"]!;
        Assert.Equal(HttpStatusCode.OK, await PostAsync(TeamsActivities.FeedbackSubmit(_bf.ServiceUrl, streamId)));
        await using var scope = _server.Services.CreateAsyncScope();
        var feedback = await scope.ServiceProvider.GetRequiredService<RectifyDbContext>().ReplyFeedbacks.SingleAsync();
        Assert.Equal((ChannelName.Teams, streamId, TeamsActivities.UserAadObjectId, "dislike", "出处不对"),
            (feedback.Channel, feedback.ReplyId, feedback.UserId, feedback.Rating, feedback.Comment));
        Assert.Empty(_bf.Problems);
    }

    [Fact]
    public async Task Outside_personal_chats_the_reply_is_one_message_in_the_thread()
    {
        await PostAsync(TeamsActivities.ChannelMessageWithMention(_bf.ServiceUrl));

        var reply = await FakeWait(() => _bf.Activities.FirstOrDefault(), "the reply in the channel");
        Assert.Equal("message", (string?)reply.Body["type"]);
        Assert.EndsWith("/activities/1732176930555", reply.Path);
        Assert.DoesNotContain(reply.Body["entities"]?.AsArray() ?? [], e => (string?)e!["type"] == "streaminfo");
        await Task.Delay(300);
        Assert.Single(_bf.Activities);
        Assert.Empty(_bf.Problems);
    }

    [Fact]
    public void A_model_written_answer_is_labelled_and_only_cited_markers_become_claims()
    {
        var reply = new Reply("措施一：建立台账[1]。")
        {
            Generated = true,
            Citations = [new Citation(1, "示例-桐山镇党委巡察整改方案", "第3条", new string('整', 200)), new Citation(2, "示例-教育局方案", "第1条", "未引用")],
        };

        var entity = TeamsAnswer.Entity(reply, reply.Text)!;

        Assert.Equal(["AIGeneratedContent"], entity["additionalType"]!.AsArray().Select(a => (string?)a));
        var claim = Assert.Single(entity["citation"]!.AsArray())!;
        Assert.Equal(1, (int)claim["position"]!);
        Assert.Equal(160, ((string)claim["appearance"]!["abstract"]!).Length);
        Assert.Null(TeamsAnswer.Entity(new Reply("好的。"), "好的。"));
    }

    /// <summary>The informative update and the final message of the stream whose informative update is activity <paramref name="from"/>.</summary>
    private async Task<(ConnectorRequest Informative, ConnectorRequest Final)> StreamAsync(int from)
    {
        await FakeWait(() => _bf.Activities.Count >= from + 2 ? "" : null, $"activities {from + 1} and {from + 2}; problems: {string.Join("; ", _bf.Problems)}");
        var both = _bf.Activities.Skip(from).Take(2).ToList();
        return (both[0], both[1]);
    }

    private static Task<T> FakeWait<T>(Func<T?> probe, string what) where T : class => WeComBot.FakeWeComBotServer.WaitAsync(probe, what, seconds: 60);

    private Task<HttpStatusCode> PostAsync(string activity) => _bf.PostActivityAsync(_server.BaseAddress, activity);
}
