using Microsoft.Extensions.Options;

namespace RectifyBot.Host.Channels.WeCom;

/// <summary>
/// 企业微信 self-built app (自建应用) settings, section "WeCom".
/// REF: https://developer.work.weixin.qq.com/document/path/90930 (回调配置), …/91039 (获取access_token).
/// </summary>
public sealed class WeComOptions
{
    public const string Section = "WeCom";

    public string? CorpId { get; set; }
    public int? AgentId { get; set; }
    public string? Secret { get; set; }
    public string? Token { get; set; }
    public string? EncodingAesKey { get; set; }
    public Uri ApiBaseUrl { get; set; } = new("https://qyapi.weixin.qq.com");

    /// <summary>Where WeCom's web sign-in page is (构造网页授权链接, …/path/91022); configurable for tests.</summary>
    public Uri OAuthBaseUrl { get; set; } = new("https://open.weixin.qq.com");

    /// <summary>
    /// How far a callback's signed timestamp may be from the server's clock, either way. Older callbacks are refused,
    /// so a captured one cannot be replayed later; keep the server's clock synchronised (NTP).
    /// </summary>
    public TimeSpan TimestampWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a message's callback stays open for its reply, which then goes back as the callback's response (被动回复)
    /// instead of by message/send: one HTTP exchange fewer, and none of the app's sending quota spent. A rule-path turn
    /// answers in milliseconds; a reply that takes longer (a model's), or is longer than one text message, or brings a
    /// card or a file, goes by message/send. Zero: every reply goes by message/send.
    /// </summary>
    public TimeSpan ReplyInCallbackWithin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>群机器人: unit name → webhook key (the key is a credential).</summary>
    public Dictionary<string, string> RobotWebhooks { get; set; } = [];

    /// <summary>The app channel is on when every setting it needs is present.</summary>
    public bool Enabled => AppSettings().All(s => s.Present);

    /// <summary>The settings the app channel still needs, as "WeCom:Key".</summary>
    public IReadOnlyList<string> MissingSettings() =>
        [.. AppSettings().Where(s => !s.Present).Select(s => $"{Section}:{s.Key}")];

    internal bool AnyAppSetting => AppSettings().Any(s => s.Present);

    private (string Key, bool Present)[] AppSettings() =>
    [
        (nameof(CorpId), !string.IsNullOrWhiteSpace(CorpId)),
        (nameof(AgentId), AgentId is not null),
        (nameof(Secret), !string.IsNullOrWhiteSpace(Secret)),
        (nameof(Token), !string.IsNullOrWhiteSpace(Token)),
        (nameof(EncodingAesKey), !string.IsNullOrWhiteSpace(EncodingAesKey)),
    ];
}

/// <summary>
/// Nothing configured means the channel is off; a partial configuration is an error that names what is missing.
/// </summary>
internal sealed class WeComOptionsValidator : IValidateOptions<WeComOptions>
{
    public ValidateOptionsResult Validate(string? name, WeComOptions options)
    {
        List<string> failures = [];
        var missing = options.MissingSettings();
        if (options.AnyAppSetting && missing.Count > 0)
        {
            failures.Add($"企业微信配置不完整，缺少：{string.Join("、", missing)}。" +
                $"Incomplete WeCom configuration, missing: {string.Join(", ", missing)}. " +
                "Set them in appsettings.json or as WeCom__Key environment variables, or remove the WeCom section.");
        }
        if (!string.IsNullOrWhiteSpace(options.EncodingAesKey) && !WeComCrypto.IsValidEncodingAesKey(options.EncodingAesKey))
        {
            failures.Add("WeCom:EncodingAesKey 应为管理后台给出的43位字母数字串。" +
                "WeCom:EncodingAesKey must be the 43-character [A-Za-z0-9] key from the admin console.");
        }
        // The binder can set null from an empty setting despite the non-nullable type.
        if (options.ApiBaseUrl is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            failures.Add("WeCom:ApiBaseUrl 须为 http(s) 绝对地址。WeCom:ApiBaseUrl must be an absolute http(s) URL.");
        }
        // A callback is accepted up to a window after it was signed, and its MsgId must be remembered that long.
        if (options.TimestampWindow <= TimeSpan.Zero || options.TimestampWindow > Store.Inbox.Kept / 2)
        {
            failures.Add($"WeCom:TimestampWindow 须大于0且不超过{(Store.Inbox.Kept / 2).TotalHours:0}小时。" +
                $"WeCom:TimestampWindow must be positive and at most {Store.Inbox.Kept / 2} (retried MsgIds are remembered for {Store.Inbox.Kept}).");
        }
        foreach (var (unit, key) in options.RobotWebhooks)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                failures.Add($"WeCom:RobotWebhooks:{unit} 缺少机器人 key。WeCom:RobotWebhooks:{unit} has no webhook key.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
