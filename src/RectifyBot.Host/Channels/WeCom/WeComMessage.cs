using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Xml.Linq;

namespace RectifyBot.Host.Channels.WeCom;

/// <summary>
/// The outer callback body: &lt;xml&gt;&lt;ToUserName/&gt;&lt;Encrypt/&gt;&lt;AgentID/&gt;&lt;/xml&gt;.
/// REF: https://developer.work.weixin.qq.com/document/path/90930 (接收消息与事件 / 回调配置)
/// </summary>
public sealed record WeComEnvelope(string ToUserName, string? AgentId, string Encrypt)
{
    /// <summary>Parses the callback's body as it came, UTF-8.</summary>
    public static bool TryParse(byte[] body, [NotNullWhen(true)] out WeComEnvelope? envelope, [NotNullWhen(false)] out string? error)
    {
        envelope = null;
        if (!WeComXml.TryParse(body, out var root, out error))
        {
            return false;
        }
        string? encrypt = root.Text("Encrypt");
        if (string.IsNullOrEmpty(encrypt))
        {
            error = "no <Encrypt> element";
            return false;
        }
        envelope = new WeComEnvelope(root.Text("ToUserName") ?? "", root.Text("AgentID"), encrypt);
        return true;
    }
}

/// <summary>
/// A decrypted callback: a member's message or an event.
/// REF: https://developer.work.weixin.qq.com/document/path/90239 (消息格式), …/90240 (事件格式)
/// </summary>
public abstract record WeComMessage(string ToUserName, string FromUserName, long CreateTime, string? AgentId)
{
    /// <summary>
    /// What stays the same when WeCom retries a callback: "消息排重…有msgid的消息推荐使用msgid排重。
    /// 事件类型消息推荐使用FromUserName + CreateTime排重" (接收消息与事件).
    /// </summary>
    public abstract string DedupKey { get; }

    /// <summary>Parses decrypted callback XML; unknown message types become <see cref="WeComUnsupportedMessage"/>.</summary>
    public static bool TryParse(string xml, [NotNullWhen(true)] out WeComMessage? message, [NotNullWhen(false)] out string? error)
    {
        message = null;
        if (!WeComXml.TryParse(xml, out var root, out error))
        {
            return false;
        }
        string? from = root.Text("FromUserName");
        string? msgType = root.Text("MsgType");
        if (string.IsNullOrEmpty(from) || string.IsNullOrEmpty(msgType)
            || !long.TryParse(root.Text("CreateTime"), NumberStyles.None, CultureInfo.InvariantCulture, out long createTime))
        {
            error = "missing FromUserName, MsgType or CreateTime";
            return false;
        }
        var head = new Head(root.Text("ToUserName") ?? "", from, createTime, root.Text("AgentID"));

        if (msgType == "event")
        {
            message = ParseEvent(root, head);
            return true;
        }
        if (!long.TryParse(root.Text("MsgId"), NumberStyles.None, CultureInfo.InvariantCulture, out long msgId))
        {
            error = $"{msgType} message without a numeric MsgId";
            return false;
        }
        message = msgType switch
        {
            "text" => new WeComTextMessage(head.To, head.From, head.CreateTime, head.AgentId, msgId, root.Text("Content") ?? ""),
            "image" => new WeComImageMessage(head.To, head.From, head.CreateTime, head.AgentId, msgId, root.Text("MediaId") ?? "", root.Text("PicUrl")),
            "voice" => new WeComVoiceMessage(head.To, head.From, head.CreateTime, head.AgentId, msgId, root.Text("MediaId") ?? "", root.Text("Format")),
            "file" => new WeComFileMessage(head.To, head.From, head.CreateTime, head.AgentId, msgId, root.Text("MediaId") ?? ""),
            _ => new WeComUnsupportedMessage(head.To, head.From, head.CreateTime, head.AgentId, msgId, msgType),
        };
        return true;
    }

    private static WeComMessage ParseEvent(XElement root, Head head)
    {
        string eventName = root.Text("Event") ?? "";
        string eventKey = root.Text("EventKey") ?? "";
        // REF: https://developer.work.weixin.qq.com/document/path/90240#模板卡片事件推送
        if (eventName == "template_card_event")
        {
            var selected = root.Element("SelectedItems")?.Elements("SelectedItem")
                .Select(item => new WeComSelectedItem(
                    item.Text("QuestionKey") ?? "",
                    [.. item.Element("OptionIds")?.Elements("OptionId").Select(o => o.Value.Trim()) ?? []]))
                .ToList() ?? [];
            return new WeComTemplateCardEvent(head.To, head.From, head.CreateTime, head.AgentId, eventKey,
                root.Text("TaskId") ?? "", root.Text("CardType") ?? "", root.Text("ResponseCode") ?? "", selected);
        }
        return new WeComEvent(head.To, head.From, head.CreateTime, head.AgentId, eventName, eventKey);
    }

    private readonly record struct Head(string To, string From, long CreateTime, string? AgentId);
}

/// <summary>A member's message; WeCom gives each a 64-bit MsgId.</summary>
public abstract record WeComUserMessage(string ToUserName, string FromUserName, long CreateTime, string? AgentId, long MsgId)
    : WeComMessage(ToUserName, FromUserName, CreateTime, AgentId)
{
    public override string DedupKey => $"msg:{MsgId.ToString(CultureInfo.InvariantCulture)}";
}

public sealed record WeComTextMessage(string ToUserName, string FromUserName, long CreateTime, string? AgentId, long MsgId, string Content)
    : WeComUserMessage(ToUserName, FromUserName, CreateTime, AgentId, MsgId);

/// <summary>MediaId is fetched with media/get (valid 3 days).</summary>
public sealed record WeComImageMessage(string ToUserName, string FromUserName, long CreateTime, string? AgentId, long MsgId, string MediaId, string? PicUrl)
    : WeComUserMessage(ToUserName, FromUserName, CreateTime, AgentId, MsgId);

public sealed record WeComVoiceMessage(string ToUserName, string FromUserName, long CreateTime, string? AgentId, long MsgId, string MediaId, string? Format)
    : WeComUserMessage(ToUserName, FromUserName, CreateTime, AgentId, MsgId);

public sealed record WeComFileMessage(string ToUserName, string FromUserName, long CreateTime, string? AgentId, long MsgId, string MediaId)
    : WeComUserMessage(ToUserName, FromUserName, CreateTime, AgentId, MsgId);

/// <summary>video, location, link and any newer type: kept so the engine can answer with a hint.</summary>
public sealed record WeComUnsupportedMessage(string ToUserName, string FromUserName, long CreateTime, string? AgentId, long MsgId, string MsgType)
    : WeComUserMessage(ToUserName, FromUserName, CreateTime, AgentId, MsgId);

/// <summary>An event: enter_agent, click (EventKey = menu key), subscribe, LOCATION, …</summary>
public record WeComEvent(string ToUserName, string FromUserName, long CreateTime, string? AgentId, string Event, string EventKey)
    : WeComMessage(ToUserName, FromUserName, CreateTime, AgentId)
{
    public override string DedupKey => $"evt:{FromUserName}:{CreateTime.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// A template card button click: EventKey is the button's key, TaskId the card's task_id; ResponseCode
/// updates the card once, within 72 hours (更新模版卡片, …/path/94888).
/// </summary>
public sealed record WeComTemplateCardEvent(string ToUserName, string FromUserName, long CreateTime, string? AgentId,
    string EventKey, string TaskId, string CardType, string ResponseCode, IReadOnlyList<WeComSelectedItem> SelectedItems)
    : WeComEvent(ToUserName, FromUserName, CreateTime, AgentId, "template_card_event", EventKey);

public sealed record WeComSelectedItem(string QuestionKey, IReadOnlyList<string> OptionIds);
