using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Documents;

namespace RectifyBot.Cli.Commands;

/// <summary>rectifybot export ledger and rectifybot report: the files the office hands upward.</summary>
internal static class DocumentCommands
{
    public static Command Export(CliContext cli) => new("export", "导出文件")
    {
        Create(cli, "ledger", "导出台账（.xlsx）：问题清单、任务清单、责任清单、进展", ".xlsx", "台账",
            (exports, inspection, asOf, ct) => exports.LedgerAsync(inspection, asOf, ct)),
    };

    public static Command Report(CliContext cli) =>
        Create(cli, "report", "生成整改情况报告（.docx，公文格式）", ".docx", "整改情况报告",
            (exports, inspection, asOf, ct) => exports.ReportAsync(inspection, asOf, ct));

    private static Command Create(CliContext cli, string name, string description, string extension, string what,
        Func<DocumentExports, int?, DateOnly?, CancellationToken, Task<ExportedFile?>> export)
    {
        var output = new Option<FileInfo>("--out") { Description = $"输出文件路径（{extension}）", Required = true };
        var inspection = new Option<int?>("--inspection") { Description = "巡察编号（默认最近导入的一次）" };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "按哪一天统计（yyyy-MM-dd，默认今天）" };
        var command = new Command(name, description) { output, inspection, asOf };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(output)!;
            if (file.Directory is { Exists: false } folder)
            {
                return cli.Fail($"无法写入“{file.FullName}”：目录“{folder.FullName}”不存在。");
            }
            await using var scope = await cli.OpenAsync(parse, ct);
            cli.Error.WriteLine($"正在生成{what}……");
            var exported = await export(scope.ServiceProvider.GetRequiredService<DocumentExports>(), parse.GetValue(inspection), parse.GetValue(asOf), ct);
            if (exported is null)
            {
                return cli.Fail(parse.GetValue(inspection) is { } id
                    ? $"没有编号为{id}的巡察。用 rectifybot measures 查看已导入的方案。"
                    : CliContext.NoPlan);
            }
            try
            {
                await File.WriteAllBytesAsync(file.FullName, exported.Content, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return cli.Fail($"无法写入“{file.FullName}”：{e.Message}");
            }
            cli.Error.WriteLine($"已生成{what}：{file.FullName}（{exported.Ledger.Inspection.Name}，措施{exported.Ledger.Measures.Count}项，截至{exported.Ledger.AsOf:yyyy-MM-dd}）");
            return 0;
        });
        return command;
    }
}
