using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Drafting;
using RectifyBot.Retrieval;

namespace RectifyBot.Cli.Commands;

/// <summary>rectifybot draft measures "PROBLEM" and draft report: drafts with their sources; nothing is stored.</summary>
internal static class DraftCommand
{
    public static Command Create(CliContext cli)
    {
        var problem = new Argument<string>("problem") { Description = "问题或具体表现，例如：三公经费不降反增" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出" };
        var measures = new Command("measures", "参考往年方案起草整改措施，每条注明出处") { problem, json };
        measures.SetAction(async (parse, ct) =>
        {
            await using var scope = await cli.OpenAsync(parse, ct);
            await scope.ServiceProvider.GetRequiredService<CorpusBootstrap>().ReadyAsync(ct);
            var draft = await scope.ServiceProvider.GetRequiredService<MeasureDrafter>().DraftAsync(parse.GetValue(problem)!, ct);
            cli.Output.WriteLine(parse.GetValue(json) ? RectifyJson.Serialize(draft) : DraftText.Format(draft));
            return draft.Measures.Count > 0 ? 0 : 1;
        });
        return new Command("draft", "起草") { measures, Report(cli) };
    }

    /// <summary>rectifybot draft report --measure N | --finding PATH: one problem's 整改情况 from what was recorded.</summary>
    private static Command Report(CliContext cli)
    {
        var measure = new Option<int?>("--measure") { Description = "按措施编号找到所属问题，例如 56" };
        var finding = new Option<string?>("--finding") { Description = "问题路径 方面.问题.具体表现，例如 2.1.1" };
        var inspection = new Option<int?>("--inspection") { Description = "巡察编号（默认最近导入的一次）" };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "截至哪一天（yyyy-MM-dd，默认今天）" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出" };
        var report = new Command("report", "根据已记录的进展和佐证材料，起草一个问题的整改情况段落") { measure, finding, inspection, asOf, json };
        report.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(measure) is null == parse.GetValue(finding) is null)
            {
                return cli.Fail("请用 --measure 或 --finding 指明哪个问题（二选一）。");
            }
            await using var scope = await cli.OpenAsync(parse, ct);
            var services = scope.ServiceProvider;
            var today = parse.GetValue(asOf) ?? services.GetRequiredService<RectifyBot.Store.OrganisationClock>().Today;
            if (await services.GetRequiredService<RectifyBot.Documents.LedgerLoader>().LoadAsync(parse.GetValue(inspection), today, ct) is not { } ledger)
            {
                return cli.Fail(CliContext.NoPlan);
            }
            var (problem, error) = ReportParagraphDrafter.Find(ledger, parse.GetValue(measure), parse.GetValue(finding), null);
            if (problem is null)
            {
                return cli.Fail(error!);
            }
            var draft = await services.GetRequiredService<ReportParagraphDrafter>().DraftAsync(ledger, problem, ct);
            cli.Output.WriteLine(parse.GetValue(json) ? RectifyJson.Serialize(draft) : ReportParagraphDrafter.Format(draft));
            return 0;
        });
        return report;
    }
}
