using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Import;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Cli.Commands;

/// <summary>
/// rectifybot import FILE: stores a plan as an inspection (all of it or nothing), with a summary. Our own ledger,
/// edited offline, goes back into the inspection it came from instead: the changes are shown, and recorded with --yes.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "整改方案或任务清单、台账（.docx/.doc/.wps/.pdf/.xlsx/.xls/.txt/.md）" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出导入结果" };
        var actAs = new Option<string?>("--as") { Description = "导入修改后的台账时：以哪位整改办人员的名义记录（名册中的姓名）" };
        var yes = new Option<bool>("--yes") { Description = "导入修改后的台账时：确认写入（不加则只列出差异）" };
        var inspection = new Option<int?>("--inspection") { Description = "导入修改后的台账时：台账所属的巡察编号（默认按措施内容判断）" };
        var command = new Command("import", "导入整改方案；重复导入同一文件不做任何修改，导入修订版只更新有变化的措施；导入修改后的台账先列出差异，加 --yes 后写入")
            { file, json, actAs, yes, inspection };
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
            var reimport = services.GetRequiredService<LedgerReimport>();
            if (await LedgerFile.ReadAsync(path.FullName, cli.ImportOptions(parse), ct) is { } ledger && await reimport.HasInspectionAsync(ct))
            {
                return await ReimportAsync(cli, parse, services, ledger, path.Name, parse.GetValue(actAs), parse.GetValue(yes), parse.GetValue(inspection), ct);
            }
            var read = await DocumentReader.ReadAsync(path.FullName, cli.ImportOptions(parse), ct);
            if (read.Error is { } readError)
            {
                return cli.Fail(readError);
            }
            var document = PlanParser.Parse(read, services.GetRequiredService<OrganisationClock>().Today);
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

    private static async Task<int> ReimportAsync(CliContext cli, ParseResult parse, IServiceProvider services, LedgerFile ledger, string fileName,
        string? actAs, bool yes, int? inspectionId, CancellationToken ct)
    {
        // Who imports is asked first: a unit's staff member should not learn the diff is theirs to apply.
        if (await WorkflowCommands.ActorAsync(cli, services, actAs) is not { } actor)
        {
            return 1;
        }
        if (Permissions.ByRole(actor, Write.ImportLedger) is { } cannot)
        {
            return cli.Fail(cannot);
        }
        var reimport = services.GetRequiredService<LedgerReimport>();
        var diff = await reimport.CompareAsync(ledger, inspectionId, ct);
        if (diff.Errors.Count > 0)
        {
            return cli.Fail(string.Join("\n", [.. diff.Errors, "台账有以上问题，未作任何修改。请改正后重新导入。"]));
        }
        cli.Output.WriteLine($"{fileName} 是巡察编号{diff.InspectionId}（{diff.InspectionName}）的台账。");
        foreach (var edit in diff.Edits)
        {
            cli.Output.WriteLine($"第{edit.Number}项：");
            foreach (var line in edit.Lines())
            {
                cli.Output.WriteLine("  " + line);
            }
        }
        foreach (var note in diff.Notes)
        {
            cli.Output.WriteLine("提示：" + note);
        }
        if (diff.Edits.Count == 0)
        {
            cli.Output.WriteLine("台账与库中记录一致，没有需要导入的修改。");
            return 0;
        }
        if (!yes)
        {
            cli.Output.WriteLine($"以上{diff.Edits.Count}项的修改尚未写入。核对无误后，加 --yes 重新运行即可写入（以{actor.Name}的名义记录）。");
            return 0;
        }
        var result = await reimport.ApplyAsync(actor, ledger, diff.InspectionId, ChannelName.Cli, ct);
        (result.Ok ? cli.Output : cli.Error).WriteLine(result.Message);
        return result.Ok ? 0 : 1;
    }
}
