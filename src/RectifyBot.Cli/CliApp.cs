using System.CommandLine;
using RectifyBot.Cli.Commands;

namespace RectifyBot.Cli;

/// <summary>The rectifybot command line: one root with a subcommand per area (see Commands/).</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var cli = new CliContext(output, error);
        var root = new RootCommand("RectifyBot 巡察整改助手: 查询、认领、更新整改措施，导入整改方案。")
        {
            cli.DbOption,
            cli.ConfigOption,
        };
        foreach (var command in Commands(cli))
        {
            root.Add(command);
        }
        // Our own handler below: a sentence for the user's mistakes; bugs still show their stack.
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await root.Parse(args).InvokeAsync(config, ct);
        }
        catch (Exception e) when (e is CliException or Operations.OperationException)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    private static IEnumerable<Command> Commands(CliContext cli) =>
    [
        MeasureCommands.List(cli),
        MeasureCommands.Show(cli),
        MeasureCommands.Stats(cli),
        StaffCommands.Staff(cli),
        StaffCommands.Units(cli),
        ParseCommand.Create(cli),
        ImportCommand.Create(cli),
        ConversationCommands.Ask(cli),
        ConversationCommands.Chat(cli),
        DemoCommand.Create(cli),
        DocumentCommands.Export(cli),
        DocumentCommands.Report(cli),
        RetrievalCommands.Corpus(cli),
        RetrievalCommands.Search(cli),
        RetrievalCommands.Eval(cli),
        DraftCommand.Create(cli),
        WorkflowCommands.Evidence(cli),
        WorkflowCommands.Handover(cli),
        WorkflowCommands.Remind(cli),
        OperationsCommands.Backup(cli),
        OperationsCommands.Restore(cli),
        OperationsCommands.Migrate(cli),
    ];
}
