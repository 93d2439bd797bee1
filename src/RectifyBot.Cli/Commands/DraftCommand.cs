using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Drafting;
using RectifyBot.Retrieval;

namespace RectifyBot.Cli.Commands;

/// <summary>rectifybot draft measures "PROBLEM": measures drafted from past plans, with their sources; nothing is stored.</summary>
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
        return new Command("draft", "起草") { measures };
    }
}
