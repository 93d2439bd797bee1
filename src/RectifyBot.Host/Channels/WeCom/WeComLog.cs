namespace RectifyBot.Host.Channels.WeCom;

/// <summary>WeCom log lines (event ids 61xx). Never log the secret, the access token, webhook keys or message bodies.</summary>
internal static partial class WeComLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "WeCom callback rejected: {Reason}")]
    public static partial void CallbackRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "WeCom callback URL verified")]
    public static partial void UrlVerified(ILogger logger);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Debug, Message = "WeCom {MsgType} callback {DedupKey} accepted")]
    public static partial void CallbackAccepted(ILogger logger, string msgType, string dedupKey);

    [LoggerMessage(EventId = 6110, Level = LogLevel.Information, Message = "WeCom access token refreshed, valid for {ExpiresIn} s")]
    public static partial void TokenRefreshed(ILogger logger, int expiresIn);

    [LoggerMessage(EventId = 6111, Level = LogLevel.Information, Message = "WeCom rejected the access token (errcode {ErrCode}); refreshing and retrying once")]
    public static partial void TokenRejected(ILogger logger, int errCode);

    [LoggerMessage(EventId = 6112, Level = LogLevel.Warning, Message = "WeCom {Operation} failed: {Kind} {ErrCode} {Detail}")]
    public static partial void CallFailed(ILogger logger, string operation, WeComErrorKind kind, int errCode, string detail);
}
