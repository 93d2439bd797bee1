using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Rectification;
using Spectre.Console;

namespace RectifyBot.Cli.Commands;

/// <summary>rectifybot staff import FILE.csv and rectifybot units.</summary>
internal static class StaffCommands
{
    public static Command Staff(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = $"UTF-8 CSV，表头为 {StaffRoster.Header}" };
        var import = new Command("import", "从 CSV 导入人员（已有的按姓名和单位更新）") { file };
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                return cli.Fail($"找不到文件 {path.FullName}。");
            }
            await using var scope = await cli.OpenAsync(parse, ct);
            using var reader = new StreamReader(path.FullName, Encoding.UTF8);
            var result = await scope.ServiceProvider.GetRequiredService<StaffRoster>().ImportCsvAsync(reader, actorId: null, ct);
            if (result.Errors.Count > 0)
            {
                cli.Error.WriteLine("未导入任何人员，请修改后重试：");
                foreach (var e in result.Errors)
                {
                    cli.Error.WriteLine("  " + e);
                }
                return 1;
            }
            cli.Output.WriteLine($"新增{result.Added}人，更新{result.Updated}人。" +
                                 (result.UnitsCreated.Count > 0 ? $"新建单位：{string.Join("、", result.UnitsCreated)}。" : ""));
            return 0;
        });
        return new Command("staff", "人员名册") { import };
    }

    public static Command Units(CliContext cli)
    {
        var json = new Option<bool>("--json") { Description = "以 JSON 输出" };
        var command = new Command("units", "列出全部单位及其别名") { json };
        command.SetAction(async (parse, ct) =>
        {
            await using var scope = await cli.OpenAsync(parse, ct);
            var units = await scope.ServiceProvider.GetRequiredService<UnitDirectory>().AllAsync(ct);
            if (parse.GetValue(json))
            {
                cli.Output.WriteLine(RectifyJson.Serialize(units));
                return 0;
            }
            var table = new Table().AddColumns("单位", "别名");
            foreach (var u in units)
            {
                table.AddRow(Markup.Escape(u.Name), Markup.Escape(string.Join("、", u.Aliases)));
            }
            cli.Console.Write(table);
            return 0;
        });
        return command;
    }
}
