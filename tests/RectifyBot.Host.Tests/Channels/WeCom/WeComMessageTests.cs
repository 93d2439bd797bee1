using System.Text;
using RectifyBot.Host.Channels.WeCom;

namespace RectifyBot.Host.Tests.Channels.WeCom;

public class WeComMessageTests
{
    private const string Head =
        "<ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>" +
        "<CreateTime>1700000000</CreateTime><AgentID>1000002</AgentID>";

    [Fact]
    public void Official_text_message_parses_with_its_msgid_as_dedup_key()
    {
        var message = Parse(WeComTestData.PostPlaintext);

        var text = Assert.IsType<WeComTextMessage>(message);
        Assert.Equal(("wx5823bf96d3bd56c7", "mycreate", 1409659813L, "218"), (text.ToUserName, text.FromUserName, text.CreateTime, text.AgentId));
        Assert.Equal("hello", text.Content);
        Assert.Equal(4561255354251345929L, text.MsgId);
        Assert.Equal("msg:4561255354251345929", text.DedupKey);
    }

    [Fact]
    public void Image_voice_and_file_messages_carry_their_media_ids()
    {
        var image = Assert.IsType<WeComImageMessage>(Parse(
            $"<xml>{Head}<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://p.qpic.cn/x]]></PicUrl><MediaId><![CDATA[media-img]]></MediaId><MsgId>1</MsgId></xml>"));
        var voice = Assert.IsType<WeComVoiceMessage>(Parse(
            $"<xml>{Head}<MsgType>voice</MsgType><MediaId>media-voice</MediaId><Format>amr</Format><MsgId>2</MsgId></xml>"));
        var file = Assert.IsType<WeComFileMessage>(Parse(
            $"<xml>{Head}<MsgType><![CDATA[file]]></MsgType><MediaId><![CDATA[media-file]]></MediaId><MsgId>3</MsgId></xml>"));

        Assert.Equal(("media-img", "http://p.qpic.cn/x"), (image.MediaId, image.PicUrl));
        Assert.Equal(("media-voice", "amr"), (voice.MediaId, voice.Format));
        Assert.Equal("media-file", file.MediaId);
        Assert.Equal("msg:3", file.DedupKey);
    }

    [Fact]
    public void Enter_agent_and_menu_click_are_events_deduplicated_by_sender_and_time()
    {
        var enter = Assert.IsType<WeComEvent>(Parse(
            $"<xml>{Head}<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[enter_agent]]></Event><EventKey><![CDATA[]]></EventKey></xml>"));
        var click = Assert.IsType<WeComEvent>(Parse(
            $"<xml>{Head}<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[click]]></Event><EventKey><![CDATA[my_overdue]]></EventKey></xml>"));

        Assert.Equal(("enter_agent", ""), (enter.Event, enter.EventKey));
        Assert.Equal(("click", "my_overdue"), (click.Event, click.EventKey));
        Assert.Equal("evt:zhangsan:1700000000", click.DedupKey);
    }

    [Fact]
    public void Template_card_click_carries_key_task_response_code_and_selections()
    {
        // The example of 事件格式 (…/path/90240) as quoted in shared/PROTOCOLS.md §1.4.
        const string xml = """
            <xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[FromUser]]></FromUserName>
            <CreateTime>123456789</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event>
            <EventKey><![CDATA[key111]]></EventKey><TaskId><![CDATA[taskid111]]></TaskId><CardType><![CDATA[text_notice]]></CardType>
            <ResponseCode><![CDATA[ResponseCode]]></ResponseCode><AgentID>1</AgentID>
            <SelectedItems><SelectedItem><QuestionKey><![CDATA[QuestionKey1]]></QuestionKey>
            <OptionIds><OptionId><![CDATA[OptionId1]]></OptionId><OptionId><![CDATA[OptionId2]]></OptionId></OptionIds></SelectedItem></SelectedItems></xml>
            """;

        var card = Assert.IsType<WeComTemplateCardEvent>(Parse(xml));

        Assert.Equal(("template_card_event", "key111", "taskid111", "text_notice", "ResponseCode"),
            (card.Event, card.EventKey, card.TaskId, card.CardType, card.ResponseCode));
        var item = Assert.Single(card.SelectedItems);
        Assert.Equal("QuestionKey1", item.QuestionKey);
        Assert.Equal(["OptionId1", "OptionId2"], item.OptionIds);
        Assert.Equal("evt:FromUser:123456789", card.DedupKey);
    }

    [Fact]
    public void Other_message_types_are_kept_as_unsupported_with_their_type()
    {
        var video = Assert.IsType<WeComUnsupportedMessage>(Parse(
            $"<xml>{Head}<MsgType>video</MsgType><MediaId>m</MediaId><ThumbMediaId>t</ThumbMediaId><MsgId>9</MsgId></xml>"));

        Assert.Equal("video", video.MsgType);
        Assert.Equal("msg:9", video.DedupKey);
    }

    [Fact]
    public void Content_with_a_split_cdata_section_keeps_its_brackets()
    {
        var text = Assert.IsType<WeComTextMessage>(Parse(
            $"<xml>{Head}<MsgType>text</MsgType><Content><![CDATA[a]]]]><![CDATA[>b]]></Content><MsgId>5</MsgId></xml>"));

        Assert.Equal("a]]>b", text.Content);
    }

    [Theory]
    [InlineData("<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><xml><Content>&b;</Content></xml>")]
    [InlineData("<!DOCTYPE xml SYSTEM \"http://127.0.0.1:1/evil.dtd\"><xml/>")]
    [InlineData("<xml><FromUserName>a</FromUserName>")]
    [InlineData("<notxml/>")]
    [InlineData("<xml><FromUserName>a</FromUserName><CreateTime>1</CreateTime></xml>")]
    [InlineData("<xml><FromUserName>a</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId></xml>")]
    [InlineData("<xml><FromUserName>a</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>hi</Content></xml>")]
    public void Dtds_malformed_xml_and_missing_fields_are_rejected(string xml)
    {
        Assert.False(WeComMessage.TryParse(xml, out var message, out string? error));
        Assert.Null(message);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void An_oversized_document_is_rejected()
    {
        string xml = $"<xml>{Head}<MsgType>text</MsgType><Content>{new string('a', 70_000)}</Content><MsgId>1</MsgId></xml>";

        Assert.False(WeComMessage.TryParse(xml, out _, out _));
    }

    [Fact]
    public void Envelope_parses_to_user_agent_and_encrypt()
    {
        Assert.True(WeComEnvelope.TryParse(Encoding.UTF8.GetBytes(WeComTestData.PostBody), out var envelope, out _));

        Assert.Equal(new WeComEnvelope(WeComTestData.CorpId, "218", WeComTestData.PostEncrypt), envelope);
    }

    [Fact]
    public void Envelope_without_encrypt_is_rejected()
    {
        Assert.False(WeComEnvelope.TryParse("<xml><ToUserName>x</ToUserName></xml>"u8.ToArray(), out _, out string? error));
        Assert.Contains("Encrypt", error);
    }

    private static WeComMessage Parse(string xml)
    {
        Assert.True(WeComMessage.TryParse(xml, out var message, out string? error), error);
        return message;
    }
}
