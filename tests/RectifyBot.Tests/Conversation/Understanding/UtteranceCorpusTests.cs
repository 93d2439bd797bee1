using System.Text.Json;
using RectifyBot.Conversation.Understanding;
using Xunit.Abstractions;

namespace RectifyBot.Tests.Conversation.Understanding;

/// <summary>
/// TestData/utterances.jsonl: messages in the loose forms users write, each with the intent and slots a
/// colleague in the office would understand from it, said by a person of the conversations.md roster.
/// </summary>
public class UtteranceCorpusTests(ITestOutputHelper output)
{
    public sealed record Utterance(int Line, string Text, string As, int[]? LastList, int? Focus, SortedDictionary<string, string> Expect)
    {
        public override string ToString() => $"{Line}: {Text}";
    }

    private static readonly Lazy<IReadOnlyList<Utterance>> All = new(Load);

    public static TheoryData<int> Lines()
    {
        var data = new TheoryData<int>();
        foreach (var u in All.Value)
        {
            data.Add(u.Line);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Utterance_gives_expected_intent_and_slots(int line)
    {
        var u = All.Value.Single(x => x.Line == line);
        Assert.Equal(Format(u.Expect), Format(Recognize(u)));
    }

    [Fact]
    public void Rule_path_accuracy_is_at_least_95_percent()
    {
        var misses = All.Value.Where(u => !Recognize(u).SequenceEqual(u.Expect)).ToList();
        var accuracy = 1.0 - ((double)misses.Count / All.Value.Count);
        output.WriteLine($"Rule-path accuracy: {All.Value.Count - misses.Count}/{All.Value.Count} = {accuracy:P1}");
        foreach (var miss in misses)
        {
            output.WriteLine($"  line {miss.Line} {miss.Text}: expected {Format(miss.Expect)}, got {Format(Recognize(miss))}");
        }
        Assert.True(All.Value.Count >= 180, $"only {All.Value.Count} utterances");
        Assert.True(accuracy >= 0.95, $"accuracy {accuracy:P1}");
    }

    private static SortedDictionary<string, string> Recognize(Utterance u) =>
        UnderstandingFixture.Describe(RuleIntentRecognizer.Recognize(u.Text, UnderstandingFixture.Context(u.As, u.LastList, u.Focus)));

    private static string Format(SortedDictionary<string, string> slots) => string.Join("; ", slots.Select(p => $"{p.Key}={p.Value}"));

    private static IReadOnlyList<Utterance> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "utterances.jsonl");
        return File.ReadLines(path)
            .Select((json, i) => (json, line: i + 1))
            .Where(p => p.json.Length > 0)
            .Select(p =>
            {
                using var doc = JsonDocument.Parse(p.json);
                var root = doc.RootElement;
                var expect = new SortedDictionary<string, string>();
                foreach (var slot in root.GetProperty("expect").EnumerateObject())
                {
                    expect[slot.Name] = slot.Value.GetString()!;
                }
                return new Utterance(
                    p.line,
                    root.GetProperty("text").GetString()!,
                    root.GetProperty("as").GetString()!,
                    root.TryGetProperty("lastList", out var list) ? list.EnumerateArray().Select(e => e.GetInt32()).ToArray() : null,
                    root.TryGetProperty("focus", out var focus) ? focus.GetInt32() : null,
                    expect);
            })
            .ToList();
    }
}
