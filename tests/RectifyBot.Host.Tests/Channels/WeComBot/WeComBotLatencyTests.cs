using System.Text.Json.Nodes;
using RectifyBot.Host.Tests.Channels.Web;
using Xunit.Abstractions;

namespace RectifyBot.Host.Tests.Channels.WeComBot;

/// <summary>
/// How long an AI-bot user waits: from a message leaving the fake WeCom side to the reply stream's first frame, and to
/// its finish, over a mix of questions from six unit staff and the office sending at once. The figures are printed,
/// not asserted (speed is measured, not tested); the test checks only that every message was answered once.
/// Run: dotnet test tests/RectifyBot.Host.Tests -c Release --filter WeComBotLatency --logger "console;verbosity=detailed"
/// </summary>
public sealed class WeComBotLatencyTests(ITestOutputHelper output)
{
    private static readonly string[] People = ["李娜", "王强", "赵敏", "孙磊", "周洁", "陈奇奇"];

    private static readonly string[] Questions =
        ["我们科有哪些逾期的", "第9项什么情况", "本周到期的有哪些", "社会事务科还有几项没完成", "帮助", "整体进度怎么样"];

    [Fact]
    public async Task Time_to_the_first_stream_frame_and_to_finish()
    {
        await using var wecom = await FakeWeComBotServer.StartAsync();
        var server = WebServer.With(wecom.Settings().Select(kv => $"--{kv.Key}={kv.Value}"));
        await server.InitializeAsync();
        try
        {
            foreach (var (name, i) in People.Select((n, i) => (n, i)))
            {
                await FinishedAsync(wecom, await wecom.SendTextAsync($"u{i}", $"我是{name}"));
            }
            List<(double First, double Finish)> measured = [];
            // Ten rounds: with the card that follows a list, each person stays under WeCom's 30 messages a minute.
            for (var round = 0; round < 10; round++)
            {
                // Every person sends at once, each a different question; the warm-up round is not counted.
                var sent = await Task.WhenAll(People.Select((_, i) => wecom.SendTextAsync($"u{i}", Questions[(i + round) % Questions.Length])));
                foreach (var reqId in sent)
                {
                    var frames = await FinishedAsync(wecom, reqId);
                    var at = wecom.Frames.Where(f => f.Cmd == "aibot_respond_msg" && f.ReqId == reqId).Select(f => f.At).ToList();
                    if (round > 0)
                    {
                        measured.Add(((at[0] - wecom.SentAt(reqId)).TotalMilliseconds, (at[^1] - wecom.SentAt(reqId)).TotalMilliseconds));
                    }
                    Assert.Equal(1, frames.Count(f => (bool)f["finish"]!));
                }
            }
            output.WriteLine($"{measured.Count} messages, {People.Length} at once: first frame p50 {P(measured.Select(m => m.First), 50):0.0} ms, " +
                $"p99 {P(measured.Select(m => m.First), 99):0.0} ms; finish p50 {P(measured.Select(m => m.Finish), 50):0.0} ms, p99 {P(measured.Select(m => m.Finish), 99):0.0} ms");
            Assert.Empty(wecom.Problems);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static double P(IEnumerable<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    private static Task<List<JsonObject>> FinishedAsync(FakeWeComBotServer wecom, string reqId) =>
        FakeWeComBotServer.WaitAsync(() => wecom.Stream(reqId) is { Count: > 0 } s && (bool)s[^1]["finish"]! ? s : null, $"the finished stream on {reqId}");
}
