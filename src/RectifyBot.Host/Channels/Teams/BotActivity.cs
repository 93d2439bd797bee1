using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RectifyBot.Host.Channels.Teams;

// The subset of the Bot Framework Activity schema this bot reads and writes
// (botframework-sdk specs/botframework-activity/botframework-activity.md; Teams specifics from the Teams bot docs).
// Wire names are camelCase; absent members are left out when writing.

public sealed record BotActivity
{
    public required string Type { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public string? Text { get; init; }
    /// <summary><c>plain</c>, <c>markdown</c> or <c>xml</c>.</summary>
    public string? TextFormat { get; init; }
    public IReadOnlyList<BotAttachment>? Attachments { get; init; }
    /// <summary>
    /// Entities as JSON, their shapes being many: <c>mention</c> (<c>mentioned</c>, <c>text</c> = <c>&lt;at&gt;Name&lt;/at&gt;</c>),
    /// <c>streaminfo</c>, and the <c>https://schema.org/Message</c> of citations and the AI label (<see cref="TeamsAnswer"/>).
    /// </summary>
    public IReadOnlyList<JsonObject>? Entities { get; init; }
    /// <summary>Action.Submit data merged with the card's inputs, or an invoke's payload.</summary>
    public JsonElement? Value { get; init; }
    /// <summary>Invoke name, e.g. <c>adaptiveCard/action</c>.</summary>
    public string? Name { get; init; }
    public string? ReplyToId { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public TeamsChannelData? ChannelData { get; init; }
}

/// <summary>A user or bot. Teams user ids look like <c>29:…</c>, bot ids <c>28:&lt;appId&gt;</c>.</summary>
public sealed record ChannelAccount(string Id, string? Name = null, string? AadObjectId = null);

/// <summary><c>conversationType</c> is <c>personal</c>, <c>groupChat</c> or <c>channel</c>.</summary>
public sealed record ConversationAccount(string Id, string? ConversationType = null, string? TenantId = null, bool? IsGroup = null, string? Name = null);

public sealed record BotAttachment(string ContentType, JsonNode? Content = null);

/// <summary><see cref="FeedbackLoop"/> adds 👍/👎 under a bot message (Teams "Add feedback buttons").</summary>
public sealed record TeamsChannelData(TenantInfo? Tenant = null, FeedbackLoop? FeedbackLoop = null);

/// <summary><c>default</c>: Teams' own feedback form, which comes back as a <c>message/submitAction</c> invoke.</summary>
public sealed record FeedbackLoop(string Type);

public sealed record TenantInfo(string Id);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BotActivity))]
[JsonSerializable(typeof(InvokeResponse))]
[JsonSerializable(typeof(ConnectorResourceResponse))]
[JsonSerializable(typeof(ClientCredentialsTokenResponse))]
internal sealed partial class TeamsJson : JsonSerializerContext;
