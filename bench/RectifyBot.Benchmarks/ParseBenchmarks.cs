using System.Text;
using BenchmarkDotNet.Attributes;
using RectifyBot.Import;

namespace RectifyBot.Benchmarks;

/// <summary>
/// Parsing speed: seed 003 (a real 158-measure plan) warm, and a synthetic 10 MB plan.
/// Targets: seed 003 under 20 ms; 10 MB under 2 s with memory under 200 MB.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private string seed003 = "";
    private string large = "";

    [GlobalSetup]
    public void Setup()
    {
        seed003 = File.ReadAllText(SeedPath("003"));
        large = SyntheticPlan.Build(10 * 1024 * 1024);
    }

    [Benchmark]
    public ParsedDocument ParseSeed003() => PlanParser.Parse(seed003);

    [Benchmark]
    public ParsedDocument ParseSynthetic10MB() => PlanParser.Parse(large);

    private static string SeedPath(string prefix)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var seeds = Path.Combine(dir.FullName, "..", "shared", "seeds");
            if (File.Exists(Path.Combine(dir.FullName, "RectifyBot.sln")) && Directory.Exists(seeds))
            {
                return Directory.GetFiles(seeds, prefix + "_*.txt").Single();
            }
        }
        throw new InvalidOperationException("../shared/seeds 不存在，无法运行种子文档基准。");
    }
}

/// <summary>A plan of the given UTF-8 size in the usual shape: aspects, problems, 一是 findings, numbered measures.</summary>
public static class SyntheticPlan
{
    public static string Build(int utf8Bytes)
    {
        var sb = new StringBuilder();
        sb.AppendLine("某局党组落实巡察反馈意见整改工作实施方案");
        sb.AppendLine("2023年8月3日，县委第一巡察组向某局党组反馈了巡察意见。");
        sb.AppendLine("二、整改内容及措施");
        var measure = 0;
        for (var aspect = 1; Encoding.UTF8.GetByteCount(sb.ToString()) < utf8Bytes; aspect++)
        {
            sb.Append('（').Append(RectifyBot.Text.ChineseNumber.ToChinese(aspect)).AppendLine("）某方面工作存在不足，履行职责不够有力");
            for (var problem = 1; problem <= 60; problem++)
            {
                sb.Append(problem).AppendLine(".某项工作推进不力，落实上级部署有差距。");
                for (var finding = 1; finding <= 3; finding++)
                {
                    sb.Append(RectifyBot.Text.ChineseNumber.ToChinese(finding)).AppendLine("是制度执行有偏差。2022年仅开展学习3次，占比20.8%，抽查15次均以原文传达为主，未结合实际研讨贯彻。");
                    sb.AppendLine("整改措施：");
                    for (var k = 0; k < 4; k++)
                    {
                        sb.Append('（').Append(++measure).Append("）加强日常管理。由办公室牵头，会同有关科室建立工作台账，")
                            .AppendLine(k switch { 0 => "每季度开展1次检查。", 1 => "确保2024年6月底前完成。", 2 => "长期坚持。", _ => "对发现的问题及时整改销号，并举一反三完善制度。" });
                    }
                }
            }
        }
        return sb.ToString();
    }
}
