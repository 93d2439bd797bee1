using System.Diagnostics;
using RectifyBot.Benchmarks.Load;
using RectifyBot.Benchmarks.Store;
using RectifyBot.Conversation;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Text;

namespace RectifyBot.Benchmarks;

/// <summary>
/// `recognise [--seconds N]`: the rule recogniser's CPU on the load benchmark's web messages, over the city's
/// 400-unit directory, with one directory list for all turns as the engine keeps it per store version. Its floor
/// is <see cref="InputText.Clean"/> on the same texts, the first thing a turn does with a message.
/// </summary>
public static class RecognitionCost
{
    public static int Run(string[] args)
    {
        var seconds = StoreLatency.IntArg(args, "--seconds", 5);
        List<UnitName> units = [.. CityScaleGenerator.Units(400).Select(u => new UnitName(u.Id, u.Name, [u.Alias]))];
        var names = units.Select(u => u.Name).ToList();
        // The load's web users (odd staff ids) and their turns; staff s works in unit s % 400 + 1, as generated.
        var turns = (from id in Enumerable.Range(1, 200).Where(id => id % 2 == 1)
                     from i in Enumerable.Range(0, 8)
                     let unit = units[id % units.Count]
                     let sender = new Sender($"员工{id:D4}", unit.Id, unit.Name, SenderRole.UnitStaff)
                     select (Text: LoadBenchmark.Message(names, id, i), Context: new UnderstandingContext(sender, CityScaleGenerator.Today, units, 1, 166, [], null))).ToList();

        var floor = Time("floor: InputText.Clean", seconds, turns, t => InputText.Clean(t.Text));
        var recognise = Time("RuleIntentRecognizer.Recognize", seconds, turns, t => RuleIntentRecognizer.Recognize(t.Text, t.Context));
        Console.WriteLine($"recogniser / floor: {recognise / floor:F1}×");
        foreach (var kind in turns.GroupBy(t => t.Text.EndsWith("逾期") ? "<unit>逾期" : t.Text.StartsWith('第') ? "第N项什么情况" : t.Text.EndsWith("没完成") ? "<unit>还有几项没完成" : t.Text))
        {
            Time($"  {kind.Key}", seconds, [.. kind], t => RuleIntentRecognizer.Recognize(t.Text, t.Context));
        }
        return 0;
    }

    /// <summary>Nanoseconds a message over <paramref name="seconds"/>, after as long again to warm up; prints them with the bytes allocated.</summary>
    private static double Time<T>(string name, int seconds, List<T> items, Action<T> work)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            long count = 0;
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                foreach (var item in items)
                {
                    work(item);
                }
                count += items.Count;
            }
            var ns = watch.Elapsed.TotalNanoseconds / count;
            if (pass == 1)
            {
                Console.WriteLine($"{name,-36}{ns,10:F0} ns{(GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)count,10:F0} B");
                return ns;
            }
        }
        throw new UnreachableException();
    }
}
