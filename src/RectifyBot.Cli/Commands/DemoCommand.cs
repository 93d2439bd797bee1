using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Rectification;

namespace RectifyBot.Cli.Commands;

/// <summary>rectifybot demo: fills an empty store with the fictional demonstration inspection the server also uses.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("demo", $"在空库中写入示例巡察整改方案和示例人员（网页登录密码 {DemoData.Password}）");
        command.SetAction(async (parse, ct) =>
        {
            await using var scope = await cli.OpenAsync(parse, ct);
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(ct);
            cli.Output.WriteLine(seeded ? "已写入示例方案。试试：rectifybot ask \"社会事务科有哪些逾期的\" --as 李娜" : "库中已有方案，未写入示例数据。");
            return 0;
        });
        return command;
    }
}
