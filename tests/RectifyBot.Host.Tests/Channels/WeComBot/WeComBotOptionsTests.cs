using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Host.Channels.WeComBot;

namespace RectifyBot.Host.Tests.Channels.WeComBot;

public class WeComBotOptionsTests
{
    [Fact]
    public void No_settings_mean_off_at_the_public_address_and_valid()
    {
        var options = Bind([]);

        Assert.False(options.Enabled);
        Assert.Equal(new Uri(WeComBotOptions.PublicUrl), options.Url);
        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void Bot_id_and_secret_switch_it_on_and_one_without_the_other_fails_naming_it()
    {
        Assert.True(Bind(new() { ["WeComBot:BotId"] = "b", ["WeComBot:Secret"] = "s" }).Enabled);

        var result = Validate(Bind(new() { ["WeComBot:BotId"] = "b" }));

        Assert.True(result.Failed);
        Assert.Contains("缺少：WeComBot:Secret", result.FailureMessage);
    }

    [Fact]
    public void An_address_that_is_not_a_websocket_fails()
    {
        Assert.True(Validate(Bind(new() { ["WeComBot:Url"] = "https://openws.work.weixin.qq.com" })).Failed);
    }

    [Fact]
    public void A_group_message_loses_its_leading_mention_and_a_single_chat_keeps_an_at_sign()
    {
        JsonObject Frame(string? chat, string text) => new()
        {
            ["cmd"] = WeComBotCallback.MessageCmd,
            ["headers"] = new JsonObject { ["req_id"] = "r1" },
            ["body"] = new JsonObject
            {
                ["msgid"] = "m1", ["from"] = new JsonObject { ["userid"] = "u1" }, ["chatid"] = chat, ["msgtype"] = "text",
                ["text"] = new JsonObject { ["content"] = text },
            },
        };

        Assert.Equal("社会事务科有哪些逾期", WeComBotCallback.Parse(Frame("g1", "@整改助手 社会事务科有哪些逾期"))!.Text());
        Assert.Equal("g1", WeComBotCallback.Parse(Frame("g1", "x"))!.Conversation);
        Assert.Equal("@整改助手 帮助", WeComBotCallback.Parse(Frame(null, "@整改助手 帮助"))!.Text());
        Assert.Equal("u1", WeComBotCallback.Parse(Frame(null, "x"))!.Conversation);
    }

    [Fact]
    public void A_quoted_message_comes_as_a_quoted_reply_that_reads_the_reply_alone()
    {
        var frame = new JsonObject
        {
            ["cmd"] = WeComBotCallback.MessageCmd,
            ["headers"] = new JsonObject { ["req_id"] = "r1" },
            ["body"] = new JsonObject
            {
                ["msgid"] = "m1", ["from"] = new JsonObject { ["userid"] = "u1" }, ["chatid"] = "g1", ["msgtype"] = "text",
                ["text"] = new JsonObject { ["content"] = "@整改助手 同意" },
                ["quote"] = new JsonObject { ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = "第45条申请销号，材料已上传" } },
            },
        };

        var text = WeComBotCallback.Parse(frame)!.Text()!;

        Assert.True(QuotedReply.TrySplit(text, out var reply, out var quoted));
        Assert.Equal(("同意", "第45条申请销号，材料已上传"), (reply, quoted));
    }

    [Fact]
    public void Media_with_a_wrong_pad_is_refused()
    {
        var key = new byte[32];
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        // 32 bytes whose last byte claims 33 bytes of padding.
        var plain = Enumerable.Repeat((byte)33, 32).ToArray();
        var encrypted = aes.EncryptCbc(plain, key.AsSpan(0, 16), System.Security.Cryptography.PaddingMode.None);

        Assert.Throws<InvalidDataException>(() => WeComBotMedia.Decrypt(encrypted, Convert.ToBase64String(key)));
    }

    private static WeComBotOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new WeComBotOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(WeComBotOptions.Section).Bind(options);
        return options;
    }

    private static ValidateOptionsResult Validate(WeComBotOptions options) => new WeComBotOptionsValidator().Validate(null, options);
}
