using System.Diagnostics;
using System.Text;
using RectifyBot.Documents;
using RectifyBot.Import;

namespace RectifyBot.Benchmarks;

/// <summary>
/// Parse time of the file formats at size: a plan laid out by LibreOffice as a PDF of about 100 pages, and a task
/// list of 5,000 rows as .xlsx. `formats [--runs N]`; needs soffice on PATH for the PDF.
/// </summary>
public static class FormatParse
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).FirstOrDefault(5);
        var folder = Directory.CreateTempSubdirectory("rectifybot-bench-formats-");
        try
        {
            var xlsx = Path.Combine(folder.FullName, "tasks.xlsx");
            await using (var file = File.Create(xlsx))
            {
                SpreadsheetWriter.Write(file, [new SheetTable("任务清单",
                    [new("序号"), new("问题"), new("整改措施"), new("牵头单位"), new("配合单位"), new("完成时限"), new("整改状态")],
                    Enumerable.Range(1, 5000).Select(i => (IReadOnlyList<object>)
                        [i, $"问题{(i - 1) / 5 + 1}：资金管理不规范，专项资金拨付滞后", $"对第{i}项专项资金开展全面清查，建立拨付台账，逐笔核实，限期整改到位。", $"第{i % 40 + 1}科", "财务股", "2025年6月底前", "推进中"]).ToList())]);
            }
            await Time("xlsx, 5,000 rows", xlsx, runs, expectMeasures: 5000);

            var txt = Path.Combine(folder.FullName, "plan.txt");
            var text = new StringBuilder("示例县民政局落实县委巡察反馈意见整改方案\n2024年5月20日，县委第一巡察组向县民政局党组反馈了巡察意见。\n一、整改措施\n");
            for (var i = 1; i <= 1400; i++)
            {
                if (i % 10 == 1)
                {
                    text.Append($"{(i - 1) / 10 + 1}.专项资金管理不规范，拨付滞后。\n");
                }
                text.Append($"（{i}）由社会救助股会同县低保中心，每月开展一次低保对象大数据比对，对比对发现的疑点逐户核实，建立问题台账，2025年6月底前完成。\n");
            }
            await File.WriteAllTextAsync(txt, text.ToString());
            var soffice = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "soffice")).FirstOrDefault(File.Exists);
            if (soffice is null)
            {
                Console.WriteLine("soffice not on PATH: PDF skipped");
                return 0;
            }
            using (var process = Process.Start(soffice, ["--headless", "--convert-to", "pdf", "--outdir", folder.FullName, txt]))
            {
                await process.WaitForExitAsync();
            }
            var pdf = Path.ChangeExtension(txt, ".pdf");
            using (var document = UglyToad.PdfPig.PdfDocument.Open(pdf))
            {
                Console.WriteLine($"PDF: {document.NumberOfPages} pages");
            }
            await Time("pdf", pdf, runs, expectMeasures: 1400);
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task Time(string name, string path, int runs, int expectMeasures)
    {
        var times = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var parsed = await PlanParser.ParseFileAsync(path, new DateOnly(2024, 6, 1), CancellationToken.None);
            watch.Stop();
            if (parsed.Measures.Count() != expectMeasures)
            {
                throw new InvalidOperationException($"{name}: read {parsed.Measures.Count()} measures, expected {expectMeasures}");
            }
            if (i > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);   // the first run warms up
            }
        }
        times.Sort();
        Console.WriteLine($"{name}: median {times[times.Count / 2]:0} ms, min {times[0]:0} ms over {runs} runs; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
    }
}
