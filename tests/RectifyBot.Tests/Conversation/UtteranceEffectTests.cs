using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Conversation;

/// <summary>
/// The effect of every utterance in TestData/utterances.jsonl when its person says it to the real engine on
/// seed 003 (each on a fresh copy of the world, with the conversation's last list and focus as the line gives
/// them): the kinds of change it records ("claim", "update+status", …), "ask" when the bot asks a question
/// first and writes nothing, or "none".
/// </summary>
public sealed class UtteranceEffectTests : IAsyncLifetime
{
    private SpecWorld? _world;

    public async Task InitializeAsync()
    {
        if (Shared.Folder is not null)
        {
            _world = await SpecWorld.CreateAsync(SpecCast.Seed003);
        }
    }

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }

    public sealed record Line(int Number, string Text, string As, int[]? LastList, int? Focus, string? Effect);

    public static IReadOnlyList<Line> Lines() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "utterances.jsonl"))
            .Select((json, i) => (json, i))
            .Where(x => x.json.Trim().Length > 0)
            .Select(x =>
            {
                using var doc = JsonDocument.Parse(x.json);
                var root = doc.RootElement;
                int[]? list = root.TryGetProperty("lastList", out var l) ? l.EnumerateArray().Select(e => e.GetInt32()).ToArray() : null;
                int? focus = root.TryGetProperty("focus", out var f) ? f.GetInt32() : null;
                string? effect = root.TryGetProperty("effect", out var e) ? e.GetString() : null;
                return new Line(x.i + 1, root.GetProperty("text").GetString()!, root.GetProperty("as").GetString()!, list, focus, effect);
            }).ToList();

    public static async Task<string> EffectAsync(SpecWorld world, Line line)
    {
        await using var copy = await world.CopyAsync();
        await using var scope = copy.Store.Scope();
        var memories = scope.ServiceProvider.GetRequiredService<ConversationMemoryStore>();
        await memories.SaveAsync(ChannelName.Cli, line.As, new ConversationMemory { LastList = line.LastList ?? [], Shown = line.LastList?.Length ?? 0, Focus = line.Focus }, default);
        var turn = await copy.SayAsync(line.As, line.Text);
        if (turn.Changes.Count > 0)
        {
            return string.Join("+", turn.Changes.Select(c => c.Kind).Distinct().Order(StringComparer.Ordinal));
        }
        var pending = (await scope.ServiceProvider.GetRequiredService<ConversationMemoryStore>().LoadAsync(ChannelName.Cli, line.As, default)).Pending;
        return pending is not null ? "ask" : "none";
    }

    [SharedFact]
    public async Task Every_utterance_has_its_expected_effect()
    {
        var lines = Lines();
        Assert.True(lines.Count >= 180);
        var wrong = new List<string>();
        foreach (var line in lines)
        {
            var effect = await EffectAsync(_world!, line);
            if (effect != line.Effect)
            {
                wrong.Add($"line {line.Number} “{line.Text}” as {line.As}: expected {line.Effect ?? "(none given)"}, got {effect}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
