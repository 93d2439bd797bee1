using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Drafting;
using RectifyBot.Import;
using RectifyBot.Retrieval;

namespace RectifyBot.Cli.Commands;

/// <summary>rectifybot corpus add DIR, rectifybot search "…" and rectifybot eval retrieval --corpus DIR.</summary>
internal static class RetrievalCommands
{
    public static Command Corpus(CliContext cli)
    {
        var folder = new Argument<DirectoryInfo>("dir") { Description = "往年方案、整改情况通报、讲话稿所在目录（.docx/.txt/.md）" };
        var add = new Command("add", "把目录中的文件加入检索索引；没有变化的文件不重复处理，修改过的文件替换原内容") { folder };
        add.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(folder)!;
            if (!dir.Exists)
            {
                return cli.Fail($"找不到目录 {dir.FullName}。");
            }
            await using var scope = await cli.OpenAsync(parse, ct);
            var search = scope.ServiceProvider.GetRequiredService<HybridSearch>();
            var summary = await CorpusLoader.AddFolderAsync(search, dir.FullName, new WriterProgress(cli.Error), ct);
            cli.Output.WriteLine($"共{summary.Files}个文件：新加入或已更新{summary.Changed.Count}个，未变化{summary.Unchanged}个，跳过{summary.Skipped.Count}个；索引中共{search.Lexical.Count}段。");
            foreach (var skipped in summary.Skipped)
            {
                cli.Output.WriteLine("跳过：" + skipped);
            }
            return 0;
        });
        return new Command("corpus", "管理检索语料（往年方案等）") { add };
    }

    public static Command Search(CliContext cli)
    {
        var query = new Argument<string>("query") { Description = "要查的内容，例如：活人墓" };
        var kind = new Option<ChunkKind?>("--kind") { Description = "只查某类文件：plan（整改方案）、report（整改情况通报）、other" };
        var top = new Option<int>("--top") { Description = "最多显示几条", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出" };
        var command = new Command("search", "在往年方案和通报中检索") { query, kind, top, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var scope = await cli.OpenAsync(parse, ct);
            var search = await scope.ServiceProvider.GetRequiredService<CorpusBootstrap>().ReadyAsync(ct);
            var hits = await search.SearchAsync(new SearchRequest(parse.GetValue(query)!, Top: Math.Max(1, parse.GetValue(top)), Kind: parse.GetValue(kind)), ct);
            if (parse.GetValue(json))
            {
                cli.Output.WriteLine(RectifyJson.Serialize(hits));
                return 0;
            }
            if (hits.Count == 0)
            {
                cli.Output.WriteLine(search.Lexical.Count == 0 ? "索引是空的。请先运行 rectifybot corpus add corpus。" : "没有找到相关内容。");
            }
            for (var i = 0; i < hits.Count; i++)
            {
                var chunk = hits[i].Chunk;
                cli.Output.WriteLine($"{i + 1}. {chunk.Document}，{DraftText.Location(chunk)}（{hits[i].Score:0.00}）");
                cli.Output.WriteLine("   " + hits[i].Snippet);
            }
            return 0;
        });
        return command;
    }

    public static Command Eval(CliContext cli)
    {
        var corpus = new Option<DirectoryInfo>("--corpus") { Description = "整改方案所在目录", Required = true };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出" };
        var retrieval = new Command("retrieval", "留一法评估检索：每条具体表现作查询，看能否找回它自己的整改措施（recall@5、recall@10、MRR）") { corpus, json };
        retrieval.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(corpus)!;
            if (!dir.Exists)
            {
                return cli.Fail($"找不到目录 {dir.FullName}。");
            }
            var plans = new List<EvaluationPlan>();
            foreach (var file in CorpusLoader.Files(dir.FullName))
            {
                if ((await CorpusLoader.ReadAsync(dir.FullName, file, ct)).Parsed is { Kind: DocumentKind.Plan } parsed)
                {
                    plans.Add(CorpusLoader.ToEvaluationPlan(file, parsed));
                }
            }
            if (plans.Count == 0)
            {
                return cli.Fail($"{dir.FullName} 中没有能读出的整改方案。");
            }
            var work = Directory.CreateTempSubdirectory("rectifybot-eval-");
            try
            {
                var result = RetrievalEvaluator.Evaluate(plans, work.FullName);
                cli.Output.WriteLine(parse.GetValue(json) ? RectifyJson.Serialize(result) : Describe(result));
            }
            finally
            {
                work.Delete(recursive: true);
            }
            return 0;
        });
        return new Command("eval", "评估") { retrieval, ImportEvaluation.Create(cli) };
    }

    private static string Describe(RetrievalEvaluation result) => string.Join("\n",
        [
            Line("全部", result.Overall),
            .. result.Documents.Select(d => Line(d.Document, d.Scores)),
        ]);

    private static string Line(string name, RetrievalScores s) =>
        $"{name}：{s.Queries}个查询，recall@5 {s.RecallAt5:0.000}，recall@10 {s.RecallAt10:0.000}，MRR {s.Mrr:0.000}，平均{s.MeanQueryMs:0.0}毫秒";

    /// <summary>Reports on the caller's thread: <see cref="Progress{T}"/> posts to the thread pool, which reorders lines.</summary>
    private sealed class WriterProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
