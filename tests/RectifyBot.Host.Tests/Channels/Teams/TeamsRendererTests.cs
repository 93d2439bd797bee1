using System.Text.Json;
using System.Text.Json.Nodes;
using RectifyBot.Conversation;
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
    public void Each_measure_in_a_card_has_the_buttons_its_reply_offers_for_it_and_the_replys_own_close_the_card()
    {
        // As ReplyFormat.Actions gives them: an open measure's next steps, and only the details of a closed one.
        TeamsCardItem[] items =
        [
            new(12, "规范低保资金发放", "社会事务科", [new("更新进展", "12 进展："), new("申请销号", "第12项申请销号"), new("查看详情", "第12项什么情况")]),
            new(13, "完善台账", "社会事务科", [new("查看详情", "第13项什么情况")]),
        ];

        var message = Assert.Single(TeamsRenderer.MeasureCards("社会事务科的措施", items, [new ReplyAction("更多", "更多")]));

        var attachment = Assert.Single(message.Attachments!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        var card = attachment.Content!.AsObject();
        Assert.Equal(("AdaptiveCard", "1.5"), ((string?)card["type"], (string?)card["version"]));
        var perMeasure = card["body"]!.AsArray().Skip(1)
            .Select(c => c!["items"]!.AsArray().Where(i => (string?)i!["type"] == "ActionSet").SelectMany(i => i!["actions"]!.AsArray()).ToList())
            .ToList();
        Assert.Equal(["更新进展", "申请销号", "查看详情"], perMeasure[0].Select(a => (string?)a!["title"]));
        Assert.Equal(["查看详情"], perMeasure[1].Select(a => (string?)a!["title"]));
        Assert.All(perMeasure.SelectMany(a => a), a => Assert.Equal("Action.Submit", (string?)a!["type"]));
        Assert.Equal("第13项什么情况", (string?)perMeasure[1][0]!["data"]!["text"]);
        Assert.Equal("更多", (string?)Assert.Single(card["actions"]!.AsArray())!["data"]!["text"]);
    }

    [Fact]
    public void Many_measures_are_spread_over_several_cards_and_only_the_last_has_the_replys_actions()
    {
        var items = Enumerable.Range(1, 25).Select(i => new TeamsCardItem(i, $"措施{i}", "办公室", [])).ToList();

        var cards = TeamsRenderer.MeasureCards("全部措施", items, [new ReplyAction("更多", "更多")]);

        Assert.Equal(3, cards.Count);
        Assert.Equal([false, false, true], cards.Select(c => c.Attachments![0].Content!["actions"] is not null));
    }

    [Fact]
    public void Pressing_a_rendered_button_comes_back_as_the_words_it_stands_for()
    {
        var card = TeamsRenderer.MeasureCards("待认领", [new TeamsCardItem(51, "建立长效机制", "办公室", [new ReplyAction("认领", "认领第51项")])], [])[0].Attachments![0].Content!;
        var data = card["body"]![1]!["items"]![2]!["actions"]![0]!["data"]!.ToJsonString();
        // Teams sends the button's data as the message's value (Action.Submit).
        var submit = new BotActivity { Type = "message", Id = "1", Value = JsonDocument.Parse(data).RootElement };

        Assert.Equal(new TeamsCardAction("认领第51项"), TeamsEndpoints.CardAction(submit));
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
