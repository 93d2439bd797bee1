using Microsoft.Extensions.Options;

namespace RectifyBot.Host.Channels.WeComBot;

/// <summary>
/// 企业微信智能机器人 (AI bot) over its long connection, section "WeComBot". The bot opens the connection itself, so
/// it needs no public address: the way in for intranets and 政务微信 without an ICP-filed domain.
/// REF: https://developer.work.weixin.qq.com/document/path/101463 (智能机器人长连接); ../shared/PROTOCOLS-2026.md §1.
/// </summary>
public sealed class WeComBotOptions
{
    public const string Section = "WeComBot";
    public const string PublicUrl = "wss://openws.work.weixin.qq.com";

    public string? BotId { get; set; }
    public string? Secret { get; set; }

    /// <summary>The public address, or a private deployment's own (政务微信 gives it in its admin console).</summary>
    public Uri Url { get; set; } = new(PublicUrl);

    /// <summary>WeCom's documented heartbeat: a ping every 30 s; two unanswered ones mean the connection is dead.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first reconnect delay; it doubles on each failure up to 30 s (the official SDK's schedule).</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public bool Enabled => !string.IsNullOrWhiteSpace(BotId) && !string.IsNullOrWhiteSpace(Secret);
}

/// <summary>Nothing configured means the channel is off; half a configuration is an error that names what is missing.</summary>
internal sealed class WeComBotOptionsValidator : IValidateOptions<WeComBotOptions>
{
    public ValidateOptionsResult Validate(string? name, WeComBotOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.BotId) != string.IsNullOrWhiteSpace(options.Secret))
        {
            var missing = string.IsNullOrWhiteSpace(options.BotId) ? "WeComBot:BotId" : "WeComBot:Secret";
            failures.Add($"企业微信智能机器人配置不完整，缺少：{missing}。Incomplete WeCom AI bot configuration, missing: {missing}. " +
                "Set it in appsettings.json or as a WeComBot__Key environment variable, or remove the WeComBot section.");
        }
        if (options.Url is not { IsAbsoluteUri: true, Scheme: "wss" or "ws" })
        {
            failures.Add("WeComBot:Url 须为 wss:// 地址。WeComBot:Url must be an absolute wss:// URL.");
        }
        if (options.Heartbeat <= TimeSpan.Zero || options.ReconnectDelay <= TimeSpan.Zero)
        {
            failures.Add("WeComBot:Heartbeat 和 WeComBot:ReconnectDelay 须为正的时长。WeComBot:Heartbeat and ReconnectDelay must be positive.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
