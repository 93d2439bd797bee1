using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Documents;

namespace RectifyBot.Cli.Commands;

/// <summary>
/// rectifybot export ledger|closure|archive and rectifybot report: the files the office hands upward. Blanks left
/// for the office and warnings are listed on stderr after the file is written.
/// </summary>
internal static class DocumentCommands
{
    public static Command Export(CliContext cli) => new("export", "导出文件")
    {
        Create(cli, "ledger", "导出台账（.xlsx）：问题清单、任务清单、责任清单、进展", ".xlsx", "台账", [],
            (exports, parse, inspection, asOf, ct) => exports.LedgerAsync(inspection, asOf, ct)),
        Closure(cli),
        Create(cli, "archive", "导出一事一档档案（.zip）：台账、报告，每项措施一个文件夹（佐证材料和销号审批表）", ".zip", "档案", [],
            (exports, parse, inspection, asOf, ct) => exports.ArchiveAsync(inspection, asOf, ct)),
    };

    public static Command Report(CliContext cli) =>
        Create(cli, "report", "生成整改情况报告（.docx，公文格式）", ".docx", "整改情况报告", [],
            (exports, parse, inspection, asOf, ct) => exports.ReportAsync(inspection, asOf, ct));

    /// <summary>rectifybot export closure --measure N | --all: 整改销号审批表, one page per measure.</summary>
    private static Command Closure(CliContext cli)
    {
        var measure = new Option<int[]>("--measure") { Description = "措施编号，可写多个：--measure 51 --measure 56", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "全部措施，每项一页" };
        var command = Create(cli, "closure", "导出整改销号审批表（.docx，每项措施一页）", ".docx", "销号审批表", [measure, all],
            (exports, parse, inspection, asOf, ct) => exports.ClosureAsync(inspection, parse.GetValue(all) ? [] : parse.GetValue(measure) ?? [], asOf, ct),
            parse => (parse.GetValue(measure) is { Length: > 0 }) == parse.GetValue(all) ? "请用 --measure 编号 或 --all 指明导出哪些措施（二选一）。" : null,
            (exported, parse) => ClosureForms.Missing(exported.Ledger, parse.GetValue(measure) ?? []) is { Count: > 0 } missing
                ? $"方案中没有第{string.Join("、", missing)}项措施。用 rectifybot measures 查看编号。"
                : null);
        return command;
    }

    private static Command Create(CliContext cli, string name, string description, string extension, string what, Option[] extra,
        Func<DocumentExports, ParseResult, int?, DateOnly?, CancellationToken, Task<ExportedFile?>> export,
        Func<ParseResult, string?>? checkArguments = null, Func<ExportedFile, ParseResult, string?>? checkResult = null)
    {
        var output = new Option<FileInfo>("--out") { Description = $"输出文件路径（{extension}）", Required = true };
        var inspection = new Option<int?>("--inspection") { Description = "巡察编号（默认最近导入的一次）" };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "按哪一天统计（yyyy-MM-dd，默认今天）" };
        var command = new Command(name, description) { output, inspection, asOf };
        foreach (var option in extra)
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, ct) =>
        {
            if (checkArguments?.Invoke(parse) is { } wrong)
            {
                return cli.Fail(wrong);
            }
            var file = parse.GetValue(output)!;
            if (file.Directory is { Exists: false } folder)
            {
                return cli.Fail($"无法写入“{file.FullName}”：目录“{folder.FullName}”不存在。");
            }
            await using var scope = await cli.OpenAsync(parse, ct);
            cli.Error.WriteLine($"正在生成{what}……");
            var exported = await export(scope.ServiceProvider.GetRequiredService<DocumentExports>(), parse, parse.GetValue(inspection), parse.GetValue(asOf), ct);
            if (exported is null)
            {
                return cli.Fail(parse.GetValue(inspection) is { } id
                    ? $"没有编号为{id}的巡察。用 rectifybot measures 查看已导入的方案。"
                    : CliContext.NoPlan);
            }
            if (checkResult?.Invoke(exported, parse) is { } refused)
            {
                return cli.Fail(refused);
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
            foreach (var warning in exported.Warnings)
            {
                cli.Error.WriteLine($"注意：{warning}");
            }
            if (exported.Blanks.Count > 0)
            {
                cli.Error.WriteLine($"有{exported.Blanks.Count}处留给整改办补充（文中“{LedgerText.Blank}”和【】处）：");
                foreach (var (blank, i) in exported.Blanks.Select((b, i) => (b, i)))
                {
                    cli.Error.WriteLine($"  {i + 1}. {blank}");
                }
            }
            return 0;
        });
        return command;
    }
}
