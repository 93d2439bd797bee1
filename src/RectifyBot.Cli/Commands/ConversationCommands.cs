using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Store;

namespace RectifyBot.Cli.Commands;

/// <summary>rectifybot ask "…" --as NAME and rectifybot chat --as NAME: the conversation engine from a terminal.</summary>
internal static class ConversationCommands
{
    public static Command Ask(CliContext cli)
    {
        var text = new Argument<string>("text") { Description = "要说的话，例如：社会事务科有哪些逾期的" };
        var (asName, today, json) = Options();
        var command = new Command("ask", "以名册中某人的身份说一句话，显示回复") { text, asName, today, json };
        command.SetAction(async (parse, ct) =>
        {
            var clock = parse.GetValue(today) is { } day ? CliContext.ClockAt(day) : null;
            await using var scope = await cli.OpenAsync(parse, ct, clock);
            var who = parse.GetValue(asName)!;
            if (await UnknownAsync(scope.ServiceProvider, who, ct) is { } unknown)
            {
                return cli.Fail(unknown);
            }
            var engine = scope.ServiceProvider.GetRequiredService<ConversationEngine>();
            var result = await engine.HandleAsync(new IncomingMessage(ChannelName.Cli, who, parse.GetValue(text)), ct);
            Write(cli, result, parse.GetValue(json));
            return 0;
        });
        return command;
    }

    public static Command Chat(CliContext cli)
    {
        var (asName, today, json) = Options();
        var command = new Command("chat", "以名册中某人的身份与助手对话（空行或“退出”结束）") { asName, today, json };
        command.SetAction(async (parse, ct) =>
        {
            var clock = parse.GetValue(today) is { } day ? CliContext.ClockAt(day) : null;
            await using var scope = await cli.OpenAsync(parse, ct, clock);
            var who = parse.GetValue(asName)!;
            if (await UnknownAsync(scope.ServiceProvider, who, ct) is { } unknown)
            {
                return cli.Fail(unknown);
            }
            cli.Output.WriteLine($"以{who}的身份对话。回复“帮助”查看用法，空行或“退出”结束。");
            while (!ct.IsCancellationRequested)
            {
                cli.Output.Write("> ");
                var line = Console.In.ReadLine();
                if (string.IsNullOrWhiteSpace(line) || line.Trim() is "退出" or "exit" or "quit")
                {
                    break;
                }
                // A fresh scope per turn, as a channel does: nothing carries over but what the store remembers.
                await using var turn = scope.ServiceProvider.CreateAsyncScope();
                var engine = turn.ServiceProvider.GetRequiredService<ConversationEngine>();
                Write(cli, await engine.HandleAsync(new IncomingMessage(ChannelName.Cli, who, line), ct), parse.GetValue(json));
            }
            return 0;
        });
        return command;
    }

    /// <summary>Why --as names nobody the roster knows, or null: an error, not a turn.</summary>
    private static async Task<string?> UnknownAsync(IServiceProvider services, string name, CancellationToken ct) =>
        await services.GetRequiredService<RectifyDbContext>().Staff.AnyAsync(s => s.Name == name, ct)
            ? null
            : $"人员名册中没有“{name}”。请用 --as 指定名册中的姓名，或先用 rectifybot staff import 导入人员。";

    private static (Option<string> As, Option<DateOnly?> Today, Option<bool> Json) Options() => (
        new Option<string>("--as") { Description = "说话人在人员名册中的姓名", Required = true },
        new Option<DateOnly?>("--today") { Description = "把“今天”当作这一天（yyyy-MM-dd），用于演示和测试" },
        new Option<bool>("--json") { Description = "以 JSON 输出：intent, slots, measures, changes, reply" });

    private static void Write(CliContext cli, TurnResult result, bool json)
    {
        // A file in a reply (台账, 报告) is saved in the current folder, as a chat app would offer it for download.
        var saved = result.Reply.File is { } file ? Path.GetFullPath(file.FileName) : null;
        if (saved is not null)
        {
            File.WriteAllBytes(saved, result.Reply.File!.Content);
        }
        if (json)
        {
            cli.Output.WriteLine(RectifyJson.Serialize(new
            {
                intent = JsonNamingPolicy.CamelCase.ConvertName(result.Intent),
                slots = result.Slots,
                measures = result.Measures,
                changes = result.Changes,
                reply = result.Reply.Text,
                file = saved,
            }));
            return;
        }
        cli.Output.WriteLine(result.Reply.Text);
        if (saved is not null)
        {
            cli.Output.WriteLine($"文件已保存：{saved}");
        }
    }
}
