namespace RectifyBot.Host.Tests.Channels.Teams;

/// <summary>Activities as Teams sends them (shapes from the Teams bot docs and the Agents Playground), with our serviceUrl.</summary>
public static class TeamsActivities
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string UserAadObjectId = "6b1e3f0a-2c4d-4e8f-9a0b-1c2d3e4f5a6b";
    public const string BotId = "28:" + FakeBotFramework.AppId;
    public const string PersonalConversationId = "a:1XyZpQ9rT8sUvW7xY6zA5bC4dE3fG2hI1jK0lM";
    public const string ChannelConversationId = "19:3b5e1c2f8a7d4e6b9c0a1f2e3d4c5b6a@thread.tacv2;messageid=1732176930555";

    public static string PersonalMessage(string serviceUrl, string text = "社会事务科有哪些逾期的") => $$"""
        {
          "text": "{{text}}",
          "textFormat": "plain",
          "type": "message",
          "timestamp": "2026-11-21T08:15:30.1234567Z",
          "localTimestamp": "2026-11-21T16:15:30.1234567+08:00",
          "id": "1732176930123",
          {{PersonalChat(serviceUrl)}},
          "entities": [ { "locale": "zh-CN", "country": "CN", "platform": "Windows", "timezone": "Asia/Shanghai", "type": "clientInfo" } ],
          "channelData": { "tenant": { "id": "{{TenantId}}" } },
          "locale": "zh-CN",
          "localTimezone": "Asia/Shanghai"
        }
        """;

    public static string ChannelMessageWithMention(string serviceUrl) => $$"""
        {
          "text": "<at>整改助手</at> 第12项谁负责\n",
          "textFormat": "plain",
          "attachments": [ { "contentType": "text/html", "content": "<div><div><span itemscope=\"\" itemtype=\"http://schema.skype.com/Mention\" itemid=\"0\">整改助手</span> 第12项谁负责</div></div>" } ],
          "type": "message",
          "timestamp": "2026-11-21T08:20:11.000Z",
          "id": "1732176930555",
          "channelId": "msteams",
          "serviceUrl": "{{serviceUrl}}",
          "from": { "id": "29:1QwErTyUiOpAsDfGhJkL", "name": "李四", "aadObjectId": "0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f" },
          "conversation": { "isGroup": true, "conversationType": "channel", "tenantId": "{{TenantId}}", "id": "{{ChannelConversationId}}" },
          "recipient": { "id": "{{BotId}}", "name": "整改助手" },
          "entities": [
            { "mentioned": { "id": "{{BotId}}", "name": "整改助手" }, "text": "<at>整改助手</at>", "type": "mention" },
            { "locale": "zh-CN", "country": "CN", "platform": "Web", "timezone": "Asia/Shanghai", "type": "clientInfo" }
          ],
          "channelData": {
            "teamsChannelId": "19:3b5e1c2f8a7d4e6b9c0a1f2e3d4c5b6a@thread.tacv2",
            "teamsTeamId": "19:8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a@thread.tacv2",
            "channel": { "id": "19:3b5e1c2f8a7d4e6b9c0a1f2e3d4c5b6a@thread.tacv2" },
            "team": { "id": "19:8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a@thread.tacv2" },
            "tenant": { "id": "{{TenantId}}" }
          }
        }
        """;

    /// <summary>A personal message that quotes an earlier one: Teams writes the quote into the text as a Reply blockquote.</summary>
    public static string QuotedReply(string serviceUrl) => $$"""
        {
          "text": "<blockquote itemscope=\"\" itemtype=\"http://schema.skype.com/Reply\" itemid=\"1732176000000\">\r\n<strong itemprop=\"mri\" itemid=\"8:orgid:5f4e3d2c\">李娜</strong><span itemprop=\"time\" itemid=\"1732176000000\"></span>\r\n<p itemprop=\"preview\">第45条申请销号，材料已上传 &amp; 已盖章</p>\r\n</blockquote>\r\n<p>同意</p>",
          "textFormat": "plain",
          "type": "message",
          "timestamp": "2026-11-21T08:22:11.000Z",
          "id": "1732176930777",
          "channelId": "msteams",
          "serviceUrl": "{{serviceUrl}}",
          "from": { "id": "29:1QwErTyUiOpAsDfGhJkL", "name": "陈奇奇", "aadObjectId": "0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f" },
          "conversation": { "conversationType": "personal", "tenantId": "{{TenantId}}", "id": "a:1quoted" },
          "recipient": { "id": "{{BotId}}", "name": "整改助手" }
        }
        """;

    /// <summary>An Action.Submit press: a message without text whose value is the button's data.</summary>
    public static string CardSubmit(string serviceUrl) => $$"""
        {
          "type": "message",
          "timestamp": "2026-11-21T08:25:02.000Z",
          "id": "1732176930777",
          {{PersonalChat(serviceUrl)}},
          "replyToId": "1:1f2e3d4c5b6a",
          "value": { "text": "认领第12项" },
          "channelData": { "source": { "name": "message" }, "legacy": { "replyToId": "1:1f2e3d4c5b6a" }, "tenant": { "id": "{{TenantId}}" } }
        }
        """;

    /// <summary>An Action.Execute press (Universal Actions).</summary>
    public static string AdaptiveCardActionInvoke(string serviceUrl) => $$"""
        {
          "name": "adaptiveCard/action",
          "type": "invoke",
          "timestamp": "2026-11-21T08:26:40.000Z",
          "id": "f:7d6c5b4a-3e2f-1a0b-9c8d-7e6f5a4b3c2d",
          {{PersonalChat(serviceUrl)}},
          "replyToId": "1:1f2e3d4c5b6a",
          "value": { "action": { "type": "Action.Execute", "verb": "progress", "data": { "text": "7 进展：" } }, "trigger": "manual" },
          "channelData": { "source": { "name": "message" }, "tenant": { "id": "{{TenantId}}" } }
        }
        """;

    /// <summary>A press of the feedback buttons under a bot message, with the default form's text (Teams "Add feedback buttons").</summary>
    public static string FeedbackSubmit(string serviceUrl, string messageId) => $$"""
        {
          "name": "message/submitAction",
          "type": "invoke",
          "timestamp": "2026-11-21T08:30:00.000Z",
          "id": "f:5e4d3c2b-1a0f-9e8d-7c6b-5a4f3e2d1c0b",
          {{PersonalChat(serviceUrl)}},
          "replyToId": "{{messageId}}",
          "value": { "actionName": "feedback", "actionValue": { "reaction": "dislike", "feedback": "{\"feedbackText\":\"出处不对\"}" } },
          "channelData": { "tenant": { "id": "{{TenantId}}" } }
        }
        """;

    public static string BotAddedToPersonalChat(string serviceUrl) => $$"""
        {
          "membersAdded": [ { "id": "{{BotId}}" } ],
          "type": "conversationUpdate",
          "timestamp": "2026-11-21T08:00:00.000Z",
          "id": "f:2a3b4c5d-6e7f-8a9b-0c1d-2e3f4a5b6c7d",
          "channelId": "msteams",
          "serviceUrl": "{{serviceUrl}}",
          "from": { "id": "29:1AbCdEfGhIjKlMnOpQrStUvWxYz", "aadObjectId": "{{UserAadObjectId}}" },
          "conversation": { "conversationType": "personal", "tenantId": "{{TenantId}}", "id": "{{PersonalConversationId}}" },
          "recipient": { "id": "{{BotId}}", "name": "整改助手" },
          "channelData": { "tenant": { "id": "{{TenantId}}" } }
        }
        """;

    public static string Typing(string serviceUrl) => $$"""
        {
          "type": "typing",
          "id": "1732176930999",
          {{PersonalChat(serviceUrl)}}
        }
        """;

    /// <summary>The members every activity in 张三's personal chat with the bot carries.</summary>
    private static string PersonalChat(string serviceUrl) => $$"""
        "channelId": "msteams",
          "serviceUrl": "{{serviceUrl}}",
          "from": { "id": "29:1AbCdEfGhIjKlMnOpQrStUvWxYz", "name": "张三", "aadObjectId": "{{UserAadObjectId}}" },
          "conversation": { "conversationType": "personal", "tenantId": "{{TenantId}}", "id": "{{PersonalConversationId}}" },
          "recipient": { "id": "{{BotId}}", "name": "整改助手" }
        """;
}
