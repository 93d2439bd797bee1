using System.CommandLine;

namespace RectifyBot.Cli.Commands;

/// <summary>rectifybot parse FILE --json: reads a plan or status report without storing it.</summary>
internal static class ParseCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "整改方案或整改情况通报（.docx/.txt/.md）" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出" };
        var command = new Command("parse", "解析整改方案或整改情况通报，只显示结果，不写入数据库") { file, json };
        command.SetAction(parse =>
        {
            cli.Error.WriteLine("解析功能尚未完成。");
            return 2;
        });
        return command;
    }
}
