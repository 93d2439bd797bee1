using System.Text.Json.Nodes;
using RectifyBot.Conversation;

namespace RectifyBot.Host.Channels.Teams;

/// <summary>
/// One measure in a card: its number （12）, its title, a line such as "社会事务科 · 2026-03-31 到期 · 逾期", and the
/// next steps the reply offers for it.
/// </summary>
public sealed record TeamsCardItem(int Number, string Title, string Subtitle, IReadOnlyList<ReplyAction> Actions);

/// <summary>Turns replies into Teams message activities: plain text split to fit, and Adaptive Cards for measure lists.</summary>
public static class TeamsRenderer
{
    /// <summary>
    /// Teams rejects messages above about 28 KB (older doc; the current one says 40 KB) counted in UTF-16 with the
    /// whole activity (Teams "Format your bot messages" / rate-limit docs, 413 MessageSizeTooBig). 12,000 UTF-16 units
    /// is 24 KB of text, leaving room for the envelope.
    /// </summary>
    public const int MaxTextLength = 12_000;

    /// <summary>Measures per card; each brings up to three buttons, and a card must stay well inside the message limit.</summary>
    public const int MaxItemsPerCard = 10;

    /// <summary>Adaptive Card schema version Teams renders on desktop, web and mobile.</summary>
    public const string AdaptiveCardVersion = "1.5";

    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The typing indicator: Teams shows it for a few seconds, so resend it during long work (Teams "Send typing indicator").</summary>
    public static BotActivity Typing { get; } = new() { Type = "typing" };

    /// <summary>One or more plain text messages, split at line breaks when the text is too long for one.</summary>
    public static IReadOnlyList<BotActivity> Text(string text) =>
        Split(text, MaxTextLength).Select(part => new BotActivity { Type = "message", Text = part, TextFormat = "plain" }).ToList();

    /// <summary>
    /// Adaptive Cards (one per <see cref="MaxItemsPerCard"/> items) listing measures, each with its own next steps as
    /// buttons; the reply's own actions (更多) close the last card.
    /// </summary>
    public static IReadOnlyList<BotActivity> MeasureCards(string heading, IReadOnlyList<TeamsCardItem> items, IReadOnlyList<ReplyAction> actions)
    {
        var chunks = items.Chunk(MaxItemsPerCard).ToList();
        return chunks.Select((chunk, i) => Message(heading,
            [Heading(heading), .. chunk.Select(MeasureContainer)], i == chunks.Count - 1 ? actions : [])).ToList();
    }

    /// <summary>A reply whose next steps are buttons: its text in a card, the buttons under it.</summary>
    public static BotActivity ActionCard(string text, IReadOnlyList<ReplyAction> actions) =>
        Message(text.Split('\n')[0], [new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true }], actions);

    /// <summary>
    /// What a button sends back: the words it stands for, as if typed, so the card needs no command of its own.
    /// Action.Submit comes back as a message activity whose value is this data (Adaptive Cards in Teams).
    /// </summary>
    public static JsonObject Submit(ReplyAction action) =>
        new() { ["type"] = "Action.Submit", ["title"] = action.Label, ["data"] = new JsonObject { ["text"] = action.Text } };

    private static BotActivity Message(string summary, IReadOnlyList<JsonObject> body, IReadOnlyList<ReplyAction> actions)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = AdaptiveCardVersion,
            ["body"] = new JsonArray([.. body]),
        };
        if (actions.Count > 0)
            card["actions"] = new JsonArray([.. actions.Select(Submit)]);
        // The summary is what notifications and clients that cannot render cards show.
        return new BotActivity { Type = "message", Text = summary, Attachments = [new BotAttachment(AdaptiveCardContentType, card)] };
    }

    private static JsonObject Heading(string heading) =>
        new() { ["type"] = "TextBlock", ["text"] = heading, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true };

    private static JsonObject MeasureContainer(TeamsCardItem item)
    {
        var items = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = $"（{item.Number}）{item.Title}", ["weight"] = "Bolder", ["wrap"] = true },
            new JsonObject { ["type"] = "TextBlock", ["text"] = item.Subtitle, ["isSubtle"] = true, ["spacing"] = "None", ["wrap"] = true },
        };
        if (item.Actions.Count > 0)
            items.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray([.. item.Actions.Select(Submit)]) });
        return new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = items };
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
