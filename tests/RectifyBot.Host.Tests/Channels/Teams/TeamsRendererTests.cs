using System.Text.Json;
using System.Text.Json.Nodes;
using RectifyBot.Host.Channels.Teams;

namespace RectifyBot.Host.Tests.Channels.Teams;

public sealed class TeamsRendererTests
{
    [Fact]
    public void Short_text_is_one_plain_message()
    {
        var message = Assert.Single(TeamsRenderer.Text("第12项已认领。"));

        Assert.Equal("message", message.Type);
        Assert.Equal("plain", message.TextFormat);
        Assert.Equal("第12项已认领。", message.Text);
    }

    [Fact]
    public void Long_text_is_split_at_line_breaks_within_the_size_limit_without_losing_lines()
    {
        var lines = Enumerable.Range(1, 2000).Select(i => $"（{i}）社会事务科 关于低保资金发放不规范问题的整改措施，已完成。").ToList();

        var parts = TeamsRenderer.Text(string.Join('\n', lines));

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(p.Text!.Length <= TeamsRenderer.MaxTextLength));
        Assert.Equal(lines, parts.SelectMany(p => p.Text!.Split('\n')));
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_cut_between_characters_never_inside_a_surrogate_pair()
    {
        var text = new string('整', 9) + string.Concat(Enumerable.Repeat("𠀀", 10));

        var parts = TeamsRenderer.Split(text, 10).ToList();

        Assert.Equal(text, string.Concat(parts));
        Assert.All(parts, p => Assert.False(char.IsHighSurrogate(p[^1])));
    }

    [Fact]
    public void Measure_card_is_an_adaptive_card_1_5_with_four_submit_buttons_per_measure()
    {
        var items = new[] { new TeamsCardItem(12, "规范低保资金发放", "社会事务科 · 2026-12-31 到期"), new TeamsCardItem(13, "完善台账", "办公室 · 已逾期 3 天") };

        var message = Assert.Single(TeamsRenderer.MeasureCards("社会事务科的逾期措施", items));

        var attachment = Assert.Single(message.Attachments!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        var card = attachment.Content!.AsObject();
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        var actions = card["body"]!.AsArray().Skip(1)
            .SelectMany(c => c!["items"]!.AsArray().Where(i => (string?)i!["type"] == "ActionSet").SelectMany(i => i!["actions"]!.AsArray()))
            .ToList();
        Assert.Equal(8, actions.Count);
        Assert.All(actions, a => Assert.Equal("Action.Submit", (string?)a!["type"]));
        Assert.Equal(["认领", "更新进展", "申请销号", "查看详情"], actions.Take(4).Select(a => (string?)a!["title"]));
        Assert.Equal(13, (int)actions[4]!["data"]!["measureNumber"]!);
    }

    [Fact]
    public void Many_measures_are_spread_over_several_cards()
    {
        var items = Enumerable.Range(1, 25).Select(i => new TeamsCardItem(i, $"措施{i}", "办公室")).ToList();

        Assert.Equal(3, TeamsRenderer.MeasureCards("全部措施", items).Count);
    }

    [Fact]
    public void Pressing_a_rendered_button_comes_back_as_the_same_card_action()
    {
        var card = TeamsRenderer.MeasureCards("待认领", [new TeamsCardItem(51, "建立长效机制", "办公室")])[0].Attachments![0].Content!;
        var data = card["body"]![1]!["items"]![2]!["actions"]![2]!["data"]!.ToJsonString();
        // Teams sends the button's data as the message's value (Action.Submit).
        var submit = new BotActivity { Type = "message", Id = "1", Value = JsonDocument.Parse(data).RootElement };

        Assert.Equal(new TeamsCardAction("close", 51), TeamsEndpoints.CardAction(submit));
    }

    [Fact]
    public void Activities_are_written_with_camelCase_wire_names_and_without_nulls()
    {
        var activity = new BotActivity
        {
            Type = "message", Text = "好", TextFormat = "plain", ReplyToId = "1",
            Conversation = new ConversationAccount("a:1", ConversationType: "personal", TenantId: "t", IsGroup: false),
            From = new ChannelAccount("29:1", "张三", "aad"),
        };

        var json = JsonNode.Parse(JsonSerializer.Serialize(activity, TeamsJson.Default.BotActivity))!.AsObject();

        Assert.Equal(["type", "from", "conversation", "text", "textFormat", "replyToId"], json.Select(p => p.Key));
        Assert.Equal("aad", (string?)json["from"]!["aadObjectId"]);
        Assert.Equal(["id", "conversationType", "tenantId", "isGroup"], json["conversation"]!.AsObject().Select(p => p.Key));
    }
}
