using System.CommandLine;
using RectifyBot.Import;

namespace RectifyBot.Cli.Commands;

/// <summary>rectifybot eval import DIR: scores the importer on an evaluation set written before it was tuned.</summary>
internal static class ImportEvaluation
{
    public static Command Create(CliContext cli)
    {
        var folder = new Argument<DirectoryInfo>("dir") { Description = "评估集目录：NAME.txt 与 NAME.expect.json，以及 deadlines.jsonl" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出" };
        var verbose = new Option<bool>("--misses") { Description = "列出每一处不符" };
        var command = new Command("import", "评估方案和通报的解析：类型、自述总数、条目及状态、牵头单位、完成时限") { folder, json, verbose };
        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(folder)!;
            if (!dir.Exists)
            {
                return cli.Fail($"找不到目录 {dir.FullName}。");
            }
            var result = await ImportEvaluator.EvaluateAsync(dir.FullName, cli.ImportOptions(parse), ct);
            if (parse.GetValue(json))
            {
                cli.Output.WriteLine(RectifyJson.Serialize(result));
                return 0;
            }
            var t = result.Totals;
            cli.Output.WriteLine($"文件类型正确：{result.Kind}");
            cli.Output.WriteLine($"自述总数：应有{t.Expected}个，读到{t.Found}个，正确{t.Correct}个，多读{t.Spurious}个");
            cli.Output.WriteLine($"条目数正确：{result.Items}；条目状态正确：{result.ItemStatuses}");
            cli.Output.WriteLine($"措施数正确：{result.Measures}；牵头单位正确：{result.LeadUnits}；配合单位正确：{result.SupportingUnits}");
            cli.Output.WriteLine($"完成时限正确：{result.Deadlines}");
            if (parse.GetValue(verbose))
            {
                foreach (var d in result.Documents.Where(d => d.Misses.Count > 0))
                {
                    cli.Output.WriteLine($"{d.Document}：");
                    foreach (var miss in d.Misses)
                    {
                        cli.Output.WriteLine("  " + miss);
                    }
                }
                foreach (var miss in result.DeadlineMisses)
                {
                    cli.Output.WriteLine("时限：" + miss);
                }
            }
            return 0;
        });
        return command;
    }
}
