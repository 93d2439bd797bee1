using System.CommandLine;
using RectifyBot.Domain;
using RectifyBot.Import;

namespace RectifyBot.Cli.Commands;

/// <summary>rectifybot parse FILE --json: reads a plan or status report without storing it.</summary>
internal static class ParseCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "整改方案或整改情况通报（.docx/.doc/.wps/.pdf/.xlsx/.xls/.txt/.md）" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出" };
        var command = new Command("parse", "解析整改方案或整改情况通报，只显示结果，不写入数据库") { file, json };
        command.SetAction(async (parse, ct) =>
        {
            var today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime);
            var read = await DocumentReader.ReadAsync(parse.GetValue(file)!.FullName, cli.ImportOptions(parse), ct);
            if (read.Error is { } error)
            {
                return cli.Fail(error);
            }
            var document = PlanParser.Parse(read, today);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(RectifyJson.Serialize(document));
            }
            else
            {
                await WriteSummaryAsync(cli.Output, document);
            }
            return document.Kind == DocumentKind.Unknown ? 1 : 0;
        });
        return command;
    }

    private static async Task WriteSummaryAsync(TextWriter output, ParsedDocument document)
    {
        var kind = document.Kind switch
        {
            DocumentKind.Plan => "整改方案",
            DocumentKind.StatusReport => "整改情况通报",
            _ => "无法识别的文件",
        };
        await output.WriteLineAsync($"{kind}：{document.Title ?? "（无标题）"}");
        if (document.FeedbackDate is { } feedback)
        {
            await output.WriteLineAsync($"反馈日期：{feedback:yyyy-MM-dd}");
        }
        if (document.Kind == DocumentKind.Plan)
        {
            await output.WriteLineAsync(
                $"{document.Aspects.Count}个方面，{document.Problems.Count()}个问题，{document.Findings.Count()}条具体表现，{document.Measures.Count()}项整改措施");
            foreach (var stage in document.Stages)
            {
                await output.WriteLineAsync($"阶段：{stage.Name} {stage.Start:yyyy-MM-dd}—{stage.End:yyyy-MM-dd}");
            }
            await output.WriteLineAsync($"涉及单位：{string.Join("、", document.ProposedUnits)}");
            await output.WriteLineAsync($"写明牵头单位的措施：{document.Measures.Count(m => m.LeadUnits.Count > 0)}/{document.Measures.Count()}（{document.LeadUnitShare:P1}）");
        }
        else if (document.Stated.Said() is { } stated)
        {
            await output.WriteLineAsync($"文件自述：{stated}");
        }
        if (document.Kind == DocumentKind.StatusReport)
        {
            await output.WriteLineAsync($"{document.Items.Count}项问题");
            foreach (var group in document.Items.GroupBy(i => i.Status))
            {
                await output.WriteLineAsync($"{group.Key?.ToChinese() ?? "未写明状态"}：{group.Count()}项");
            }
        }
        foreach (var warning in document.Warnings)
        {
            await output.WriteLineAsync($"提示：{warning}");
        }
    }
}
