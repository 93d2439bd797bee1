using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Rectification;
using Spectre.Console;

namespace RectifyBot.Cli.Commands;

/// <summary>rectifybot staff import FILE.csv, rectifybot staff sync --wecom and rectifybot units.</summary>
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
            return Report(cli, await scope.ServiceProvider.GetRequiredService<StaffRoster>().ImportCsvAsync(reader, actorId: null, ct));
        });
        var wecom = new Option<bool>("--wecom") { Description = "从企业微信通讯录读取（WeCom:CorpId 与 WeCom:ContactsSecret）" };
        var sync = new Command("sync", "从企业微信通讯录导入：部门为单位，成员为人员并记下其企业微信账号") { wecom };
        sync.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(wecom))
            {
                return cli.Fail("请指定通讯录来源，例如 rectifybot staff sync --wecom。");
            }
            await using var scope = await cli.OpenAsync(parse, ct);
            var directory = await scope.ServiceProvider.GetRequiredService<WeComContacts>().ReadAsync(ct);
            return Report(cli, await scope.ServiceProvider.GetRequiredService<StaffRoster>().SyncWeComAsync(directory, actorId: null, ct));
        });
        return new Command("staff", "人员名册") { import, sync };
    }

    private static int Report(CliContext cli, StaffRoster.Result result)
    {
        if (result.Errors.Count > 0)
        {
            cli.Error.WriteLine("未导入任何人员，请修改后重试：");
            foreach (var e in result.Errors)
            {
                cli.Error.WriteLine("  " + e);
            }
            return 1;
        }
        cli.Output.WriteLine(result.Summary);
        return 0;
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
