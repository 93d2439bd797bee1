using RectifyBot.Conversation;
using RectifyBot.Host.Channels.Teams;
using RectifyBot.Host.Channels.WeCom;
using RectifyBot.Host.Channels.WeComBot;

namespace RectifyBot.Host.Tests.Channels;

/// <summary>
/// A review queue's card carries a note (who asked, evidence, old and new date, reason): the Teams card's line and
/// the WeCom cards show it, not only the web page.
/// </summary>
public sealed class QueueNoteTests
{
    private static readonly MeasureCard Queued = new(13, "开展走访排查", "社会救助科", new DateOnly(2023, 12, 30), "已完成待销号", 0,
        [new ReplyAction("同意销号", "同意13销号"), new ReplyAction("退回", "退回13，")])
    {
        Note = "王强（社会救助科）11月20日申请，佐证1份",
    };

    [Fact]
    public void A_teams_list_card_shows_the_note_under_the_deadline()
    {
        var other = Queued with { Number = 52, Note = null };
        var card = TeamsRenderer.MeasureCards("待审核的销号申请共2项", [.. new[] { Queued, other }.Select(m => new TeamsCardItem(m.Number, m.Text, m.Subtitle, m.Actions))], [])[0];
        var json = card.Attachments![0].Content!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("社会救助科｜时限2023-12-30｜已完成待销号\\n王强（社会救助科）11月20日申请，佐证1份", json, StringComparison.Ordinal);
        Assert.Equal("社会救助科｜时限2023-12-30｜已完成待销号", other.Subtitle);
    }

    [Fact]
    public void The_wecom_app_card_and_the_ai_bot_card_open_with_the_note()
    {
        Assert.StartsWith("王强（社会救助科）11月20日申请，佐证1份\n开展走访排查", WeComOutbox.Card(Queued).Description);
        var bot = WeComBotRenderer.Card(new Reply("待审核的销号申请共1项") { Measures = [Queued] }, "t1")!;
        Assert.StartsWith("王强（社会救助科）", (string?)bot["main_title"]!["desc"]);
    }
}
