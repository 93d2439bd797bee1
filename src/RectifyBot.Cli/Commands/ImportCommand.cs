using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Import;
using RectifyBot.Store;

namespace RectifyBot.Cli.Commands;

/// <summary>rectifybot import FILE: stores a plan as an inspection (all of it or nothing), with a summary.</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "整改方案或任务清单、台账（.docx/.doc/.wps/.pdf/.xlsx/.xls/.txt/.md）" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出导入结果" };
        var command = new Command("import", "导入整改方案；重复导入同一文件不做任何修改，导入修订版只更新有变化的措施") { file, json };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                return cli.Fail($"找不到文件 {path.FullName}。");
            }
            await using var scope = await cli.OpenAsync(parse, ct);
            var services = scope.ServiceProvider;
            cli.Error.WriteLine($"正在读取 {path.Name} …");
            var read = await DocumentReader.ReadAsync(path.FullName, cli.ImportOptions(parse), ct);
            if (read.Error is { } readError)
            {
                return cli.Fail(readError);
            }
            var document = PlanParser.Parse(read.Text, services.GetRequiredService<OrganisationClock>().Today);
            var sha = PlanImporter.Sha256Of(await File.ReadAllBytesAsync(path.FullName, ct));
            var progress = new Progress<string>(cli.Error.WriteLine);
            var result = await services.GetRequiredService<PlanImporter>().ImportAsync(document, path.Name, sha, actorId: null, progress, ct);
            if (result.Error is { } error)
            {
                return cli.Fail(error);
            }
            var s = result.Summary!;
            if (parse.GetValue(json))
            {
                cli.Output.WriteLine(RectifyJson.Serialize(s));
                return 0;
            }
            cli.Output.WriteLine(s.Unchanged
                ? $"这份文件已导入过（巡察编号{s.InspectionId}），没有任何修改。"
                : $"{(s.Created ? "已导入" : "已更新")}：{s.Name}（巡察编号{s.InspectionId}）");
            cli.Output.WriteLine($"{s.Aspects}个方面，{s.Problems}个问题，{s.Findings}条具体表现，{s.Measures}项措施" +
                                 (s.Unchanged ? "" : $"；新增{s.MeasuresAdded}项，更新{s.MeasuresUpdated}项"));
            if (s.UnitsCreated.Count > 0)
            {
                cli.Output.WriteLine($"方案中出现的新单位（已建立，请用 rectifybot units 核对）：{string.Join("、", s.UnitsCreated)}");
            }
            foreach (var warning in s.Warnings)
            {
                cli.Output.WriteLine("提示：" + warning);
            }
            return 0;
        });
        return command;
    }
}
