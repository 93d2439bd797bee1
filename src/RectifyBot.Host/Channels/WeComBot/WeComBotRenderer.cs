using System.Text;
using System.Text.Json.Nodes;
using RectifyBot.Conversation;

namespace RectifyBot.Host.Channels.WeComBot;

/// <summary>
/// A reply as the AI bot shows it: markdown (the text, a table as a markdown table, citations as numbered sources),
/// and measures as a button card (模板卡片, button_interaction) whose taps come back as events with the words the
/// button stands for as their key.
/// </summary>
public static class WeComBotRenderer
{
    /// <summary>A stream's content, and a markdown push, hold at most 20,480 UTF-8 bytes.</summary>
    public const int MaxMarkdownBytes = 20_480;

    /// <summary>A button_interaction card has at most six buttons.</summary>
    public const int MaxButtons = 6;

    public static string Markdown(Reply reply, string text)
    {
        var markdown = new StringBuilder(text);
        if (reply.Table is { } table)
        {
            markdown.Append("\n\n| ").AppendJoin(" | ", table.Headers.Select(Cell)).Append(" |\n|")
                .AppendJoin("|", table.Headers.Select(_ => " --- ")).Append('|');
            foreach (var row in table.Rows)
            {
                markdown.Append("\n| ").AppendJoin(" | ", row.Select(Cell)).Append(" |");
            }
        }
        if (reply.Citations.Count > 0)
        {
            markdown.Append("\n\n参考：");
            foreach (var c in reply.Citations)
            {
                markdown.Append($"\n[{c.Index}] {c.Source} {c.Location}");
            }
        }
        return markdown.ToString();
    }

    /// <summary>
    /// One measure with its own next steps, or a list with a button per measure that opens it (its detail action)
    /// and the reply's own actions (更多); null when the reply has nothing to tap.
    /// </summary>
    public static JsonObject? Card(Reply reply, string taskId)
    {
        (string Title, string? Desc, IEnumerable<ReplyAction> Buttons) card;
        if (reply.Measures is [var one] && one.Actions.Count > 0)
        {
            card = ($"第{one.Number}项｜{one.Status}", one.Note ?? one.Text, one.Actions);
        }
        else if (reply.Measures.Count > 1)
        {
            var opens = reply.Measures.Where(m => m.Actions.Count > 0)
                .Select(m => new ReplyAction($"第{m.Number}项", m.Actions[^1].Text));
            card = (reply.Text.Split('\n')[0], null, opens.Take(MaxButtons - Math.Min(reply.Actions.Count, MaxButtons)).Concat(reply.Actions));
        }
        else
        {
            return null;
        }
        var buttons = new JsonArray();
        foreach (var (action, i) in card.Buttons.Take(MaxButtons).Select((a, i) => (a, i)))
        {
            buttons.Add(new JsonObject { ["text"] = action.Label, ["style"] = i == 0 ? 1 : 2, ["key"] = action.Text });
        }
        var title = new JsonObject { ["title"] = Short(card.Title, 26) };
        if (card.Desc is not null)
        {
            title["desc"] = Short(card.Desc, 30);
        }
        return new JsonObject { ["card_type"] = "button_interaction", ["main_title"] = title, ["button_list"] = buttons, ["task_id"] = taskId };
    }

    /// <summary>A tapped card turned into what the tap did: WeCom shows it in place of the buttons.</summary>
    public static JsonObject Answered(string text, string taskId)
    {
        var lines = text.Split('\n', 2);
        var card = new JsonObject { ["card_type"] = "text_notice", ["main_title"] = new JsonObject { ["title"] = Short(lines[0], 26) }, ["task_id"] = taskId };
        if (lines.Length > 1)
        {
            card["sub_title_text"] = Short(lines[1].Replace('\n', ' '), 100);
        }
        return card;
    }

    /// <summary>True when <see cref="Answered"/> shows the whole text.</summary>
    public static bool FitsCard(string text) => text.Split('\n', 2) is var lines && lines[0].Length <= 26 && (lines.Length == 1 || lines[1].Length <= 100);

    /// <summary>task_id: unique per bot, ≤ 128 bytes of [0-9A-Za-z_-@].</summary>
    public static string NewTaskId() => $"rb_{Guid.NewGuid():N}";

    private static string Cell(string text) => text.Replace("|", "\\|").Replace('\n', ' ');

    private static string Short(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
