using BenchmarkDotNet.Attributes;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Tests.Conversation.Understanding;

namespace RectifyBot.Benchmarks;

/// <summary>The rule path on a mix of the messages users send, one recognition per operation.</summary>
[MemoryDiagnoser]
public class UnderstandingBenchmarks
{
    private static readonly string[] Messages =
    [
        "社事科逾期",
        "what's overdue for 社会事务科",
        "我们科还有几项没完成",
        "本周到期的有哪些",
        "第51项什么情况",
        "51 完成 已对5个僵尸组织完成调查，清理3个",
        "51 进展：已完成摸底",
        "我们科认领第51、54项",
        "第49项申请延期到2025年12月底，原因是资金未到位",
        "退回51，佐证材料不全",
        "社会保障科逾期",
        "以前的方案里\"活人墓\"是怎么整改的",
        "帮我起草针对\"三公经费不降反增\"的整改措施",
        "撤销",
        "'; DROP TABLE measures; --",
        "五十一号措施已经完成了对五个僵尸组织的调查清理了三个",
    ];

    private readonly UnderstandingContext _ctx = UnderstandingFixture.Context("李娜", [12, 51, 60], focus: 51);

    [Benchmark(OperationsPerInvoke = 16)]
    public int RecognizeMix()
    {
        var writes = 0;
        foreach (var message in Messages)
        {
            if (RuleIntentRecognizer.Recognize(message, _ctx) is WriteIntent)
            {
                writes++;
            }
        }
        return writes;
    }
}
