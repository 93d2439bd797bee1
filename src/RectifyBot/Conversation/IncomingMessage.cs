namespace RectifyBot.Conversation;

/// <summary>The channels the engine hears from; the name is also the key of a user's identity and memory.</summary>
public static class ChannelName
{
    public const string Teams = "teams";
    public const string WeCom = "wecom";
    public const string Web = "web";
    public const string Cli = "cli";
}

/// <summary>
/// A file the user sent. It is fetched only when the turn runs (a channel may have to download it first, and
/// learns its name only then); null when the channel could not get it, and the user is asked to send it again.
/// </summary>
public sealed record Attachment(Func<CancellationToken, Task<FetchedFile?>> FetchAsync);

public sealed record FetchedFile(string FileName, string? ContentType, Stream Content);

/// <summary>A group chat as its channel names it: the channel's name and its id for the chat (the AI bot's chatid).</summary>
public sealed record GroupAddress(string Channel, string ChatId);

/// <summary>
/// One thing a user sent on a channel, in channel-neutral form. <see cref="UserId"/> is the channel's own id for
/// the person (Teams AAD object id, WeCom userid, web login, or the roster name on the command line).
/// A tapped button arrives as the text it stands for.
/// </summary>
public sealed record IncomingMessage(string Channel, string UserId, string? Text)
{
    public Attachment? Attachment { get; init; }

    /// <summary>The group chat it was said in, where the channel can send to groups; null in a single chat.</summary>
    public GroupAddress? Group { get; init; }

    /// <summary>Teams: the user's UPN when the channel knows it, matched against the roster's when the object id is not there.</summary>
    public string? Upn { get; init; }
}
