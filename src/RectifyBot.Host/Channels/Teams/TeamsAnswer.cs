using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RectifyBot.Conversation;

namespace RectifyBot.Host.Channels.Teams;

/// <summary>
/// What Teams shows on an answer built from past plans or records, or written by the model: citations for the
/// <c>[n]</c> markers in its text, the AI-generated label, and feedback buttons. REF: msteams-docs
/// bots/how-to/bot-messages-ai-generated-content.md; ../shared/PROTOCOLS-2026.md §3.
/// </summary>
public static partial class TeamsAnswer
{
    /// <summary>Teams refuses a message with more than 20 citations (HTTP 400).</summary>
    public const int MaxCitations = 20;

    /// <summary>True when the reply gets the label or citations, and so feedback buttons too.</summary>
    public static bool Applies(Reply reply) => reply.Generated || reply.Citations.Count > 0;

    /// <summary>
    /// The message's one <c>https://schema.org/Message</c> entity: a claim per citation whose <c>[n]</c> is in
    /// <paramref name="text"/> (a position without its marker is refused), and <c>AIGeneratedContent</c> when the model
    /// wrote it; null when there is neither.
    /// </summary>
    public static JsonObject? Entity(Reply reply, string text)
    {
        var marked = Markers().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var claims = reply.Citations.Where(c => marked.Contains(c.Index)).Take(MaxCitations).Select(c => new JsonObject
        {
            ["@type"] = "Claim",
            ["position"] = c.Index,
            ["appearance"] = new JsonObject
            {
                ["@type"] = "DigitalDocument",
                ["name"] = Short($"{c.Source} {c.Location}".Trim(), 80),
                ["abstract"] = Short(c.Text, 160),
            },
        }).ToList();
        if (claims.Count == 0 && !reply.Generated)
        {
            return null;
        }
        var entity = new JsonObject
        {
            ["type"] = "https://schema.org/Message",
            ["@type"] = "Message",
            ["@context"] = "https://schema.org",
            ["@id"] = "",
        };
        if (reply.Generated)
        {
            entity["additionalType"] = new JsonArray("AIGeneratedContent");
        }
        if (claims.Count > 0)
        {
            entity["citation"] = new JsonArray([.. claims]);
        }
        return entity;
    }

    /// <summary>The answer's first message with its entity and feedback buttons; the rest as they are.</summary>
    public static IReadOnlyList<BotActivity> Mark(Reply reply, IReadOnlyList<BotActivity> activities)
    {
        if (!Applies(reply) || activities.Count == 0)
        {
            return activities;
        }
        var first = activities[0];
        var entity = Entity(reply, first.Text ?? "");
        return [first with
        {
            Entities = entity is null ? first.Entities : [.. first.Entities ?? [], entity],
            ChannelData = (first.ChannelData ?? new TeamsChannelData()) with { FeedbackLoop = new FeedbackLoop("default") },
        }, .. activities.Skip(1)];
    }

    private static string Short(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [GeneratedRegex(@"\[(\d{1,3})\]")]
    private static partial Regex Markers();
}
