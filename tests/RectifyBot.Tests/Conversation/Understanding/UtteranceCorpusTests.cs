using System.Text.Json;
using RectifyBot.Conversation.Handlers;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Tests.TestData;
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
        /// <summary>What the list last shown lists, when it answered a queue question on a line before (<see cref="Queues"/>).</summary>
        public string? ListTitle { get; init; }

        public override string ToString() => $"{Line}: {Text}";
    }

    /// <summary>A message set in this file's format to score instead (an evaluation set written blind): its path.</summary>
    public const string EvalSetVariable = "RECTIFYBOT_EVALSET";

    private static readonly Lazy<IReadOnlyList<Utterance>> All = new(() => Load(Path.Combine(AppContext.BaseDirectory, "TestData", "utterances.jsonl")));

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
        var accuracy = Score(All.Value, "Rule-path accuracy");
        Assert.True(All.Value.Count >= 180, $"only {All.Value.Count} utterances");
        Assert.True(accuracy >= 0.95, $"accuracy {accuracy:P1}");
    }

    /// <summary>
    /// The message sets written blind (tests/evaluation), each read at least as well as when its misses were last
    /// worked on: a rule change that breaks their readings fails here. README's table gives each set's blind score.
    /// The misses left are the sets' own judgement calls (好的 as thanks, 月底 named 本月, a status word kept in an update's
    /// text), and in the held-out sets misses not worked on (README).
    /// </summary>
    [Theory]
    [InlineData("counts.jsonl", 34)]
    [InlineData("office-leader.jsonl", 98)]
    [InlineData("month-of-messages.jsonl", 76)]
    [InlineData("second-county.jsonl", 68)]
    [InlineData("closing.jsonl", 30)]
    [InlineData("closing-held-out.jsonl", 20)]
    [InlineData("unit-writes.jsonl", 42)]
    [InlineData("unit-writes-held-out.jsonl", 25)]
    [InlineData("unit-writes-third.jsonl", 27)]
    [InlineData("unit-writes-fourth.jsonl", 36)]
    [InlineData("unit-writes-fifth.jsonl", 37)]
    [InlineData("office-fourth.jsonl", 37)]
    [InlineData("office-fifth.jsonl", 37)]
    [InlineData("followups.jsonl", 29)]
    [InlineData("week.jsonl", 40)]
    [InlineData("voice.jsonl", 30)]
    [InlineData("voice-second.jsonl", 39)]
    [InlineData("group.jsonl", 37)]
    [InlineData("day.jsonl", 39)]
    [InlineData("report-week.jsonl", 36)]
    [InlineData("phone.jsonl", 35)]
    [InlineData("replies.jsonl", 38)]
    [InlineData("extensions.jsonl", 38)]
    [InlineData("yearend.jsonl", 33)]
    [InlineData("newcomers.jsonl", 38)]
    [InlineData("office-sixth.jsonl", 40)]
    [InlineData("unit-writes-sixth.jsonl", 40)]
    [InlineData("week-held-out.jsonl", 40)]
    [InlineData("drafting.jsonl", 40)]
    [InlineData("fortnight.jsonl", 40)]
    [InlineData("assign.jsonl", 40)]
    [InlineData("report-season.jsonl", 40)]
    [InlineData("month-group.jsonl", 40)]
    [InlineData("repairs.jsonl", 40)]
    [InlineData("followup-review.jsonl", 40)]
    [InlineData("monday.jsonl", 40)]
    [InlineData("leaders.jsonl", 40)]
    [InlineData("review-week.jsonl", 39)]
    [InlineData("after-hours.jsonl", 39)]
    [InlineData("office-desk.jsonl", 40)]
    [InlineData("unit-desk.jsonl", 40)]
    [InlineData("held-out-mix.jsonl", 40)]
    [InlineData("evidence-desk.jsonl", 40)]
    [InlineData("handover-week.jsonl", 40)]
    [InlineData("month-end.jsonl", 40)]
    [InlineData("quarter-close.jsonl", 40)]
    [InlineData("hard-phrasing.jsonl", 40)]
    [InlineData("december-mix.jsonl", 40)]
    [InlineData("office-leader-week.jsonl", 40)]
    [InlineData("friday-afternoon.jsonl", 39)]
    [InlineData("dates-and-dues.jsonl", 40)]
    [InlineData("winter-week.jsonl", 40)]
    [InlineData("figures-and-reports.jsonl", 40)]
    [InlineData("evidence-and-closing.jsonl", 40)]
    [InlineData("last-week-of-year.jsonl", 40)]
    [InlineData("holiday-run-up.jsonl", 40)]
    [InlineData("revisit-check.jsonl", 40)]
    [InlineData("ledger-cleanup.jsonl", 40)]
    [InlineData("first-week-on-duty.jsonl", 40)]
    [InlineData("audit-day.jsonl", 40)]
    [InlineData("group-friday.jsonl", 40)]
    [InlineData("leader-phone.jsonl", 40)]
    [InlineData("handing-over.jsonl", 40)]
    [InlineData("supervision-visit.jsonl", 40)]
    [InlineData("year-end-summary.jsonl", 40)]
    [InlineData("reassignment-day.jsonl", 40)]
    [InlineData("weekend-phone.jsonl", 40)]
    [InlineData("weekly-report-day.jsonl", 40)]
    [InlineData("joint-work.jsonl", 40)]
    [InlineData("evening-catchup.jsonl", 40)]
    [InlineData("deadline-eve.jsonl", 40)]
    [InlineData("meeting-prep.jsonl", 40)]
    [InlineData("field-voice.jsonl", 40)]
    [InlineData("group-at-bot.jsonl", 40)]
    [InlineData("who-owns-what.jsonl", 40)]
    [InlineData("month-start.jsonl", 40)]
    [InlineData("mixed-afternoon.jsonl", 40)]
    [InlineData("plain-words.jsonl", 40)]
    [InlineData("review-eve.jsonl", 39)]
    [InlineData("after-reminder.jsonl", 38)]
    [InlineData("second-thoughts.jsonl", 40)]
    [InlineData("covering-week.jsonl", 36)]
    [InlineData("quarter-report.jsonl", 38)]
    [InlineData("review-day.jsonl", 40)]
    [InlineData("field-voice-second.jsonl", 40)]
    [InlineData("whose-is-it.jsonl", 40)]
    [InlineData("evening-phone.jsonl", 39)]
    [InlineData("leader-week.jsonl", 39)]
    [InlineData("quoted-replies.jsonl", 40)]
    [InlineData("recheck.jsonl", 40)]
    [InlineData("supporting.jsonl", 37)]
    [InlineData("teams-mixed.jsonl", 39)]
    [InlineData("dates-said.jsonl", 36)]
    [InlineData("corrections.jsonl", 38)]
    [InlineData("supervision-week.jsonl", 39)]
    [InlineData("venting.jsonl", 36)]
    [InlineData("many-at-once.jsonl", 38)]
    [InlineData("first-week.jsonl", 36)]
    [InlineData("one-measure.jsonl", 40)]
    [InlineData("pasted.jsonl", 33)]
    [InlineData("dialect.jsonl", 37)]
    [InlineData("traditional.jsonl", 37)]
    [InlineData("odd-numbers.jsonl", 36)]
    [InlineData("homophones.jsonl", 39)]
    [InlineData("terse.jsonl", 35)]
    [InlineData("funds-desk.jsonl", 39)]
    [InlineData("new-leader.jsonl", 40)]
    [InlineData("group-crossfire.jsonl", 36)]
    [InlineData("evidence-files.jsonl", 40)]
    [InlineData("long-term.jsonl", 38)]
    [InlineData("queue-day.jsonl", 38)]
    [InlineData("monday-backlog.jsonl", 38)]
    [InlineData("handover-month.jsonl", 40)]
    [InlineData("picking-from-lists.jsonl", 38)]
    [InlineData("time-words.jsonl", 39)]
    [InlineData("late-november.jsonl", 39)]
    [InlineData("field-phones.jsonl", 39)]
    [InlineData("asking-not-telling.jsonl", 40)]
    [InlineData("not-and-never.jsonl", 39)]
    [InlineData("ranges-and-exceptions.jsonl", 39)]
    [InlineData("thursday-group.jsonl", 40)]
    [InlineData("closing-push.jsonl", 40)]
    [InlineData("if-and-when.jsonl", 40)]
    [InlineData("formal-words.jsonl", 40)]
    [InlineData("figures-in-accounts.jsonl", 39)]
    [InlineData("first-december-week.jsonl", 39)]
    [InlineData("liaison-desk.jsonl", 40)]
    [InlineData("late-friday.jsonl", 40)]
    [InlineData("unit-nicknames.jsonl", 36)]
    [InlineData("returned-and-redone.jsonl", 38)]
    [InlineData("into-next-year.jsonl", 39)]
    [InlineData("mixed-tongue.jsonl", 40)]
    [InlineData("did-it-go-through.jsonl", 39)]
    [InlineData("young-staff.jsonl", 39)]
    [InlineData("passed-on.jsonl", 39)]
    [InlineData("hard-units.jsonl", 38)]
    [InlineData("hard-office.jsonl", 36)]
    [InlineData("hard-week.jsonl", 37)]
    [InlineData("status-words.jsonl", 34)]
    [InlineData("people.jsonl", 40)]
    [InlineData("handover.jsonl", 40)]
    [InlineData("fortnight-end.jsonl", 38)]
    [InlineData("many-measures.jsonl", 40)]
    [InlineData("overreach.jsonl", 38)]
    [InlineData("friday-deputy.jsonl", 38)]
    [InlineData("year-end.jsonl", 40)]
    [InlineData("monday-morning.jsonl", 37)]
    [InlineData("look-back.jsonl", 39)]
    [InlineData("pasted-second.jsonl", 22)]
    public void Evaluation_sets_keep_their_readings(string file, int atLeast)
    {
        var messages = Load(Path.Combine(Shared.SolutionFolder, "tests", "evaluation", file));
        var right = (int)Math.Round(Score(messages, file) * messages.Count);
        Assert.True(right >= atLeast, $"{file}: {right}/{messages.Count} read right, fewer than {atLeast}");
    }

    /// <summary>
    /// Scores the set at RECTIFYBOT_EVALSET and prints its accuracy and misses (run with
    /// --logger "console;verbosity=detailed"). An intent the recogniser does not have counts as a miss. A measurement,
    /// not a gate: it fails only when the file cannot be read.
    /// </summary>
    [EvalSetFact]
    public void Evaluation_set_accuracy()
    {
        var path = Environment.GetEnvironmentVariable(EvalSetVariable)!;
        Score(Load(path), $"Accuracy on {path}");
    }

    /// <summary>Prints the accuracy of the rule path on the messages, and each miss; returns the accuracy.</summary>
    private double Score(IReadOnlyList<Utterance> messages, string title)
    {
        var misses = messages.Where(u => !Recognize(u).SequenceEqual(u.Expect)).ToList();
        var accuracy = 1.0 - ((double)misses.Count / messages.Count);
        output.WriteLine($"{title}: {messages.Count - misses.Count}/{messages.Count} = {accuracy:P1}");
        foreach (var miss in misses)
        {
            // A question asked back is shown as asked: its wording says which rule stopped.
            var asked = RuleIntentRecognizer.Recognize(miss.Text, UnderstandingFixture.Context(miss.As, miss.LastList, miss.Focus) with { ListTitle = miss.ListTitle }) is Clarify c ? $" ({c.Question})" : "";
            output.WriteLine($"  line {miss.Line} {miss.Text}: expected {Format(miss.Expect)}, got {Format(Recognize(miss))}{asked}");
        }
        return accuracy;
    }

    /// <summary>
    /// The recogniser's reading as flat slots. A window may be expected by its name (本周) rather than its dates; it is
    /// then compared by name.
    /// </summary>
    private static SortedDictionary<string, string> Recognize(Utterance u)
    {
        var intent = RuleIntentRecognizer.Recognize(u.Text, UnderstandingFixture.Context(u.As, u.LastList, u.Focus) with { ListTitle = u.ListTitle });
        var slots = Settled(UnderstandingFixture.Describe(intent));
        if (u.Expect.TryGetValue("window", out var window) && !window.Contains("..") && UnderstandingFixture.WindowOf(intent) is { } w)
        {
            slots["window"] = w.Label;
        }
        return slots;
    }

    /// <summary>
    /// An account's or a reason's closing full stop is no part of what it says: blind writers keep it and leave it out
    /// about equally, so neither side's is compared.
    /// </summary>
    private static SortedDictionary<string, string> Settled(SortedDictionary<string, string> slots)
    {
        foreach (var key in new[] { "text", "reason" }.Where(slots.ContainsKey))
        {
            slots[key] = slots[key].TrimEnd('。', '.', '；', ';', ' ');
        }
        return slots;
    }

    private static string Format(SortedDictionary<string, string> slots) => string.Join("; ", slots.Select(p => $"{p.Key}={p.Value}"));

    /// <summary>The review queues, by the intent that asks for one, and the title the assistant shows it under.</summary>
    private static readonly Dictionary<string, string> Queues = new()
    {
        ["PendingCloseQuery"] = OfficeHandlers.ClosesTitle,
        ["PendingExtensionQuery"] = OfficeHandlers.ExtensionsTitle,
        ["PendingClaimQuery"] = OfficeHandlers.CoClaimsTitle,
        ["PendingTransferQuery"] = OfficeHandlers.TransfersTitle,
    };

    /// <summary>
    /// The lines, each with what its list shows: a set is a conversation, so the list a line's lastList names answered the
    /// queue question on a line before it, as long as the lines between ask no other question and show that same list.
    /// </summary>
    private static IReadOnlyList<Utterance> Load(string path)
    {
        var lines = Read(path);
        string? asked = null;
        int[]? shown = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.LastList is { } list)
            {
                shown = asked is not null && shown is null ? list : shown;
                if (shown is not null && shown.SequenceEqual(list))
                {
                    lines[i] = line with { ListTitle = asked };
                }
                else
                {
                    (asked, shown) = (null, null);
                }
            }
            // Another question shows another list.
            if (Queues.TryGetValue(line.Expect["intent"], out var title) || line.Expect["intent"].EndsWith("Query", StringComparison.Ordinal))
            {
                (asked, shown) = (title, null);
            }
        }
        return lines;
    }

    private static List<Utterance> Read(string path)
    {
        return File.ReadLines(path)
            .Select((json, i) => (json, line: i + 1))
            .Where(p => p.json.Length > 0)
            .Select(p =>
            {
                using var doc = JsonDocument.Parse(p.json);
                var root = doc.RootElement;
                var expect = new SortedDictionary<string, string>();
                // A null slot is one the message does not give; a number is compared as written (days: 14). A line break
                // in the text is recorded as a space: a ledger's cell lists a measure's updates one a line.
                foreach (var slot in root.GetProperty("expect").EnumerateObject().Where(s => s.Value.ValueKind != JsonValueKind.Null))
                {
                    expect[slot.Name] = slot.Value.ValueKind == JsonValueKind.String ? slot.Value.GetString()!.Replace('\n', ' ') : slot.Value.GetRawText();
                }
                return new Utterance(
                    p.line,
                    root.GetProperty("text").GetString()!,
                    root.GetProperty("as").GetString()!,
                    root.TryGetProperty("lastList", out var list) ? list.EnumerateArray().Select(e => e.GetInt32()).ToArray() : null,
                    root.TryGetProperty("focus", out var focus) ? focus.GetInt32() : null,
                    Settled(expect));
            })
            .ToList();
    }
}

/// <summary>Runs only where RECTIFYBOT_EVALSET names a message set to score.</summary>
public sealed class EvalSetFactAttribute : FactAttribute
{
    public EvalSetFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(UtteranceCorpusTests.EvalSetVariable)))
        {
            Skip = $"{UtteranceCorpusTests.EvalSetVariable} is not set: no evaluation set to score.";
        }
    }
}
