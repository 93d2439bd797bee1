using System.Text.Json.Serialization;

namespace RectifyBot.Host.Channels.WeCom;

// The JSON bodies of the WeCom API calls, field names as the docs spell them.

/// <summary>Every answer carries errcode/errmsg; branch on errcode only (全局错误码, …/path/90313).</summary>
internal record ApiResponse
{
    [JsonPropertyName("errcode")] public int ErrCode { get; init; }
    [JsonPropertyName("errmsg")] public string? ErrMsg { get; init; }
}

/// REF: https://developer.work.weixin.qq.com/document/path/91039 (获取access_token)
internal sealed record TokenResponse : ApiResponse
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }
    [JsonPropertyName("expires_in")] public int ExpiresIn { get; init; }
}

/// REF: https://developer.work.weixin.qq.com/document/path/90236 (发送应用消息)
internal sealed record SendMessageRequest(
    [property: JsonPropertyName("touser")] string ToUser,
    [property: JsonPropertyName("msgtype")] string MsgType,
    [property: JsonPropertyName("agentid")] int AgentId)
{
    [JsonPropertyName("text")] public ContentBody? Text { get; init; }
    [JsonPropertyName("markdown")] public ContentBody? Markdown { get; init; }
    [JsonPropertyName("template_card")] public TemplateCardBody? TemplateCard { get; init; }
    [JsonPropertyName("file")] public MediaBody? File { get; init; }
}

internal sealed record MediaBody([property: JsonPropertyName("media_id")] string MediaId);

/// REF: https://developer.work.weixin.qq.com/document/path/90253 (上传临时素材)
internal sealed record MediaUploadResponse : ApiResponse
{
    [JsonPropertyName("media_id")] public string? MediaId { get; init; }
}

internal sealed record ContentBody([property: JsonPropertyName("content")] string Content);

internal sealed record TemplateCardBody(
    [property: JsonPropertyName("card_type")] string CardType,
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("main_title")] CardTitle MainTitle,
    [property: JsonPropertyName("button_list")] IReadOnlyList<CardButton> ButtonList);

internal sealed record CardTitle(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("desc")] string? Desc);

internal sealed record CardButton(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("style")] int Style,
    [property: JsonPropertyName("key")] string Key);

/// REF: https://developer.work.weixin.qq.com/document/path/94888 (更新模版卡片消息)
internal sealed record UpdateCardButtonRequest(
    [property: JsonPropertyName("userids")] IReadOnlyList<string> UserIds,
    [property: JsonPropertyName("agentid")] int AgentId,
    [property: JsonPropertyName("response_code")] string ResponseCode,
    [property: JsonPropertyName("button")] ReplaceButton Button);

internal sealed record ReplaceButton([property: JsonPropertyName("replace_name")] string ReplaceName);

internal sealed record SendMessageResponse : ApiResponse
{
    [JsonPropertyName("msgid")] public string? MsgId { get; init; }
    [JsonPropertyName("response_code")] public string? ResponseCode { get; init; }
    [JsonPropertyName("invaliduser")] public string? InvalidUser { get; init; }
}

/// REF: https://developer.work.weixin.qq.com/document/path/91770 (群机器人配置说明)
internal sealed record RobotMarkdownRequest([property: JsonPropertyName("markdown")] ContentBody Markdown)
{
    [JsonPropertyName("msgtype")] public string MsgType => "markdown";
}

/// REF: https://developer.work.weixin.qq.com/document/path/91023 (获取访问用户身份)
internal sealed record UserInfoResponse : ApiResponse
{
    [JsonPropertyName("userid")] public string? UserId { get; init; }
}
