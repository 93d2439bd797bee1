using System.Text.Json.Nodes;

namespace RectifyBot.Host.Channels.Teams;

/// <summary>One measure in a card: its number （12）, its title and a line such as "社会事务科 · 2026-03-31 到期 · 逾期".</summary>
public sealed record TeamsCardItem(int Number, string Title, string Subtitle);

/// <summary>Turns replies into Teams message activities: plain text split to fit, and Adaptive Cards for measure lists.</summary>
public static class TeamsRenderer
{
    /// <summary>
    /// Teams rejects messages above about 28 KB (older doc; the current one says 40 KB) counted in UTF-16 with the
    /// whole activity (Teams "Format your bot messages" / rate-limit docs, 413 MessageSizeTooBig). 12,000 UTF-16 units
    /// is 24 KB of text, leaving room for the envelope.
    /// </summary>
    public const int MaxTextLength = 12_000;

    /// <summary>Measures per card; each brings four buttons, and a card must stay well inside the message limit.</summary>
    public const int MaxItemsPerCard = 10;

    /// <summary>Adaptive Card schema version Teams renders on desktop, web and mobile.</summary>
    public const string AdaptiveCardVersion = "1.5";

    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The buttons under each measure: label and the <c>action</c> value that comes back in the submit data.</summary>
    public static IReadOnlyList<(string Label, string Action)> MeasureButtons { get; } =
        [("认领", "claim"), ("更新进展", "progress"), ("申请销号", "close"), ("查看详情", "detail")];

    /// <summary>The typing indicator: Teams shows it for a few seconds, so resend it during long work (Teams "Send typing indicator").</summary>
    public static BotActivity Typing { get; } = new() { Type = "typing" };

    /// <summary>One or more plain text messages, split at line breaks when the text is too long for one.</summary>
    public static IReadOnlyList<BotActivity> Text(string text) =>
        Split(text, MaxTextLength).Select(part => new BotActivity { Type = "message", Text = part, TextFormat = "plain" }).ToList();

    /// <summary>Adaptive Cards (one per <see cref="MaxItemsPerCard"/> items) listing measures with their action buttons.</summary>
    public static IReadOnlyList<BotActivity> MeasureCards(string heading, IReadOnlyList<TeamsCardItem> items) =>
        items.Chunk(MaxItemsPerCard).Select(chunk => new BotActivity
        {
            Type = "message",
            // The summary is what notifications and clients that cannot render cards show.
            Text = heading,
            Attachments = [new BotAttachment(AdaptiveCardContentType, Card(heading, chunk))],
        }).ToList();

    private static JsonObject Card(string heading, IEnumerable<TeamsCardItem> items)
    {
        var body = new JsonArray { new JsonObject { ["type"] = "TextBlock", ["text"] = heading, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true } };
        foreach (var item in items)
            body.Add(MeasureContainer(item));
        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = AdaptiveCardVersion,
            ["body"] = body,
        };
    }

    private static JsonObject MeasureContainer(TeamsCardItem item)
    {
        var actions = new JsonArray();
        foreach (var (label, action) in MeasureButtons)
            actions.Add(new JsonObject
            {
                // Action.Submit comes back as a message activity whose value is this data (Adaptive Cards in Teams).
                ["type"] = "Action.Submit",
                ["title"] = label,
                ["data"] = new JsonObject { ["action"] = action, ["measureNumber"] = item.Number },
            });
        return new JsonObject
        {
            ["type"] = "Container",
            ["separator"] = true,
            ["items"] = new JsonArray
            {
                new JsonObject { ["type"] = "TextBlock", ["text"] = $"（{item.Number}）{item.Title}", ["weight"] = "Bolder", ["wrap"] = true },
                new JsonObject { ["type"] = "TextBlock", ["text"] = item.Subtitle, ["isSubtle"] = true, ["spacing"] = "None", ["wrap"] = true },
                new JsonObject { ["type"] = "ActionSet", ["actions"] = actions },
            },
        };
    }

    /// <summary>Splits at the last line break that fits; a line longer than the limit is cut, never inside a surrogate pair.</summary>
    internal static IEnumerable<string> Split(string text, int max)
    {
        var rest = text.AsMemory();
        while (rest.Length > max)
        {
            var cut = rest.Span[..max].LastIndexOf('\n');
            if (cut <= 0)
                cut = char.IsHighSurrogate(rest.Span[max - 1]) ? max - 1 : max;
            yield return rest[..cut].ToString();
            rest = rest[cut..].TrimStart('\n');
        }
        if (rest.Length > 0 || text.Length == 0)
            yield return rest.ToString();
    }
}
