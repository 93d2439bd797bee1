namespace RectifyBot.Host.Channels.Web;

/// <summary>Log messages of the web channel; event ids 5000–5099. Never a password and never what a user typed.</summary>
internal static partial class WebLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Web sign-in by {Login}")]
    public static partial void SignedIn(ILogger logger, string login);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Web sign-out by {Login}")]
    public static partial void SignedOut(ILogger logger, string? login);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Web sign-in failed for {Login}")]
    public static partial void LoginFailed(ILogger logger, string login);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Web sign-in for {Login} from {Client} refused: too many recent failures, backing off")]
    public static partial void LoginThrottled(ILogger logger, string login, string? client);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Web password changed by {Login}; other sessions ended")]
    public static partial void PasswordChanged(ILogger logger, string login);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Web progress on measure {Number} by staff {StaffId}: {Changes} change(s), file {HasFile}")]
    public static partial void Progress(ILogger logger, int number, int staffId, int changes, bool hasFile);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Web progress on measure {Number} by staff {StaffId} refused")]
    public static partial void ProgressRefused(ILogger logger, int number, int staffId);

    // The code itself is never logged.
    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "Bind code issued to staff {StaffId}")]
    public static partial void BindCodeIssued(ILogger logger, int staffId);
}
