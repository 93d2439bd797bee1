namespace RectifyBot.Host.Channels.Teams;

/// <summary>Log messages of the Teams channel; event ids 3000–3099. Never a secret, a token or a message body.</summary>
internal static partial class TeamsLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Channel Teams is on at /api/messages for app {AppId}: every activity needs a Bot Framework token (issuers: {Issuers}; tenants: {Tenants})")]
    public static partial void Enabled(ILogger logger, string appId, string issuers, string tenants);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Channel Teams is in EMULATOR MODE at /api/messages (Teams:EmulatorMode): activities WITHOUT a token are accepted from this machine. Never use it on a server")]
    public static partial void EmulatorMode(ILogger logger);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Channel Teams is off; to switch it on set Teams:AppId, Teams:AppPassword and, for a single-tenant app, Teams:TenantId in appsettings.json")]
    public static partial void Off(ILogger logger);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Rejected /api/messages from {RemoteIp}: {Reason}")]
    public static partial void Rejected(ILogger logger, string? remoteIp, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Bad activity JSON on /api/messages: {Error}")]
    public static partial void BadActivity(ILogger logger, string error);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Teams {Kind} turn {ActivityId} accepted")]
    public static partial void TurnAccepted(ILogger logger, TeamsTurnKind kind, string activityId);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Debug, Message = "Teams activity of type {Type} (name {Name}) ignored")]
    public static partial void Ignored(ILogger logger, string type, string? name);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Bot Connector answered {Status}; retry {Attempt} in {Delay}")]
    public static partial void ConnectorRetry(ILogger logger, int status, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Error, Message = "Bot Connector at {Host} answered {Status}")]
    public static partial void ConnectorFailed(ILogger logger, int status, string host);
}
