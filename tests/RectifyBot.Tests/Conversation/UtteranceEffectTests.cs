using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Conversation;

/// <summary>
/// The effect of every utterance in an effect table when its person says it to the real engine (each on a fresh
/// copy of the world, after the line's "before" turns, with the conversation's last list and focus as the line
/// gives them): the kinds of change it records ("claim", "status+update", …), "ask" when the bot asks a question
/// first and writes nothing, or "none". TestData/utterances.jsonl runs on seed 003 (../shared);
/// TestData/utterances-fictional.jsonl runs on the fictional culture bureau, so a clean clone checks it too.
/// </summary>
public sealed class UtteranceEffectTests
{
    /// <summary>A turn said before the line, to bring the measure to the state the line needs; a file is its evidence.</summary>
    public sealed record Step(string As, string? Text, string? File);

    public sealed record Line(int Number, string Text, string As, int[]? LastList, int? Focus, string? Effect, IReadOnlyList<Step> Before);

    public static IReadOnlyList<Line> Lines(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", file))
            .Select((json, i) => (json, i))
            .Where(x => x.json.Trim().Length > 0)
            .Select(x =>
            {
                using var doc = JsonDocument.Parse(x.json);
                var root = doc.RootElement;
                int[]? list = root.TryGetProperty("lastList", out var l) ? l.EnumerateArray().Select(e => e.GetInt32()).ToArray() : null;
                int? focus = root.TryGetProperty("focus", out var f) ? f.GetInt32() : null;
                string? effect = root.TryGetProperty("effect", out var e) ? e.GetString() : null;
                Step[] before = root.TryGetProperty("before", out var b)
                    ? [.. b.EnumerateArray().Select(s => new Step(s.GetProperty("as").GetString()!,
                        s.TryGetProperty("text", out var t) ? t.GetString() : null, s.TryGetProperty("file", out var n) ? n.GetString() : null))]
                    : [];
                return new Line(x.i + 1, root.GetProperty("text").GetString()!, root.GetProperty("as").GetString()!, list, focus, effect, before);
            }).ToList();

    /// <summary>The line's effect and the bot's reply to it.</summary>
    public static async Task<(string Effect, string Reply)> EffectAsync(SpecWorld world, Line line)
    {
        await using var copy = await world.CopyAsync();
        await using var scope = copy.Store.Scope();
        var memories = scope.ServiceProvider.GetRequiredService<ConversationMemoryStore>();
        await memories.SaveAsync(ChannelName.Cli, line.As, new ConversationMemory { LastList = line.LastList ?? [], Shown = line.LastList?.Length ?? 0, Focus = line.Focus }, default);
        foreach (var step in line.Before)
        {
            var file = step.File is null ? null
                : new Attachment(_ => Task.FromResult<FetchedFile?>(new FetchedFile(step.File, null, new MemoryStream("佐证"u8.ToArray()))));
            await copy.SayAsync(step.As, step.Text, file);
        }
        var turn = await copy.SayAsync(line.As, line.Text);
        if (turn.Changes.Count > 0)
        {
            return (string.Join("+", turn.Changes.Select(c => c.Kind).Distinct().Order(StringComparer.Ordinal)), turn.Reply.Text);
        }
        var pending = (await scope.ServiceProvider.GetRequiredService<ConversationMemoryStore>().LoadAsync(ChannelName.Cli, line.As, default)).Pending;
        return (pending is not null ? "ask" : "none", turn.Reply.Text);
    }

    private static async Task AssertEffectsAsync(SpecWorld world, IReadOnlyList<Line> lines)
    {
        var wrong = new List<string>();
        foreach (var line in lines)
        {
            var (effect, reply) = await EffectAsync(world, line);
            if (effect != line.Effect)
            {
                wrong.Add($"line {line.Number} “{line.Text}” as {line.As}: expected {line.Effect ?? "(none given)"}, got {effect} (“{reply}”)");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [SharedFact]
    public async Task Every_utterance_has_its_expected_effect()
    {
        var lines = Lines("utterances.jsonl");
        Assert.True(lines.Count >= 180);
        await using var world = await SpecWorld.CreateAsync(SpecCast.Seed003);
        await AssertEffectsAsync(world, lines);
    }

    /// <summary>
    /// The fictional table on a world where a close needs the office's review and the leader's signature, so that
    /// every kind of write has a line: questions about closing or signing must not write.
    /// </summary>
    [Fact]
    public async Task Every_fictional_utterance_has_its_expected_effect()
    {
        var lines = Lines("utterances-fictional.jsonl");
        Assert.True(lines.Count >= 30);
        await using var world = await SpecWorld.CreateAsync(SpecCast.Fictional, new Dictionary<string, string?> { ["Workflow:SignOff"] = "OfficeAndLeader" });
        await AssertEffectsAsync(world, lines);
    }
}
