using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RectifyBot.Conversation.Understanding;

namespace RectifyBot.Host.Channels.WeComBot;

/// <summary>
/// A message or event WeCom pushed on the long connection (<c>aibot_msg_callback</c>, <c>aibot_event_callback</c>).
/// Replies reuse <see cref="ReqId"/>; <see cref="MsgId"/> is the key a repeated delivery shares; group chats carry
/// <see cref="ChatId"/>, single chats only the sender. REF: ../shared/PROTOCOLS-2026.md §1.
/// </summary>
public sealed partial record WeComBotCallback(string Cmd, string ReqId, string MsgId, string UserId, string? ChatId, string MsgType, JsonObject Body)
{
    public const string MessageCmd = "aibot_msg_callback";
    public const string EventCmd = "aibot_event_callback";

    /// <summary>Where a push for this conversation goes: the group, or the person in a single chat.</summary>
    public string Conversation => ChatId ?? UserId;

    public string? EventType => (string?)Body["event"]?["eventtype"];

    public static WeComBotCallback? Parse(JsonObject frame) =>
        (string?)frame["cmd"] is { } cmd && (string?)frame["headers"]?["req_id"] is { Length: > 0 } reqId
        && frame["body"] is JsonObject body && (string?)body["msgid"] is { Length: > 0 } msgId
        && (string?)body["from"]?["userid"] is { Length: > 0 } user && (string?)body["msgtype"] is { } type
            ? new WeComBotCallback(cmd, reqId, msgId, user, (string?)body["chatid"] is { Length: > 0 } chat ? chat : null, type, body)
            : null;

    /// <summary>
    /// The words of a text, mixed or voice (already transcribed) message; in a group, without the leading
    /// "@机器人" the message starts with. A message that quotes another carries it in the form a quoted reply is read in
    /// (<see cref="QuotedReply"/>).
    /// </summary>
    public string? Text()
    {
        var text = Words(Body);
        if (text is not null && ChatId is not null)
        {
            text = LeadingMentions().Replace(text, "");
        }
        return text is not null && Words(Body["quote"]) is { } quoted ? QuotedReply.Format(null, quoted, text) : text;
    }

    private static string? Words(JsonNode? message) => (string?)message?["msgtype"] switch
    {
        "text" => (string?)message!["text"]?["content"],
        "voice" => (string?)message!["voice"]?["content"],
        "mixed" => string.Join("\n", Items(message!).Where(i => (string?)i["msgtype"] == "text").Select(i => (string?)i["text"]?["content"])
            .Where(t => !string.IsNullOrWhiteSpace(t))) is { Length: > 0 } joined ? joined : null,
        _ => null,
    };

    /// <summary>The encrypted media a message carries: an image or file, or the images of a mixed message.</summary>
    public IReadOnlyList<(Uri Url, string AesKey, string Kind)> Media()
    {
        IEnumerable<JsonNode?> items = MsgType switch
        {
            "image" => [Body["image"]],
            "file" => [Body["file"]],
            "mixed" => Items(Body).Where(i => (string?)i["msgtype"] == "image").Select(i => i["image"]),
            _ => [],
        };
        return [.. items.Select(m => ((string?)m?["url"], (string?)m?["aeskey"]))
            .Where(m => Uri.TryCreate(m.Item1, UriKind.Absolute, out _) && !string.IsNullOrEmpty(m.Item2))
            .Select(m => (new Uri(m.Item1!), m.Item2!, MsgType == "file" ? "文件" : "图片"))];
    }

    /// <summary>A tapped card button: its key and the card's task id, read from the nested shape WeCom sends and the flat one the SDK reads.</summary>
    public (string? Key, string? TaskId) CardEvent()
    {
        var e = Body["event"];
        var nested = e?["template_card_event"];
        return ((string?)nested?["event_key"] ?? (string?)e?["event_key"], (string?)nested?["task_id"] ?? (string?)e?["task_id"]);
    }

    private static IEnumerable<JsonNode> Items(JsonNode message) => (message["mixed"]?["msg_item"] as JsonArray ?? []).OfType<JsonNode>();

    [GeneratedRegex(@"^\s*(@\S+\s*)+")]
    private static partial Regex LeadingMentions();
}
