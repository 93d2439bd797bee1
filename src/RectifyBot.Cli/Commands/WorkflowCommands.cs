using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Reminders;
using RectifyBot.Store;

namespace RectifyBot.Cli.Commands;

/// <summary>rectifybot evidence add, handover and remind: workflow acts from a terminal, through the same services as chat.</summary>
internal static class WorkflowCommands
{
    public static Command Evidence(CliContext cli)
    {
        var number = new Argument<string>("measure") { Description = "措施编号：51、第51项" };
        var file = new Argument<FileInfo>("file") { Description = "佐证材料文件" };
        var actAs = new Option<string>("--as") { Description = "以谁的名义上传（名册中的姓名）", Required = true };
        var add = new Command("add", "把文件存为一项措施的佐证材料（与在聊天中发送文件相同）") { number, file, actAs };
        add.SetAction(async (parse, ct) =>
        {
            if (MeasureCommands.ParseNumber(parse.GetValue(number)!) is not { } n)
            {
                return cli.Fail($"“{parse.GetValue(number)}”不是措施编号。例如：rectifybot evidence add 51 会议纪要.pdf --as 李娜");
            }
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                return cli.Fail($"找不到文件“{path.FullName}”。");
            }
            await using var scope = await cli.OpenAsync(parse, ct);
            var sp = scope.ServiceProvider;
            if (await ActorAsync(cli, sp, parse.GetValue(actAs)) is not { } actor)
            {
                return 1;
            }
            if (await sp.GetRequiredService<MeasureQueries>().DefaultInspectionIdAsync(null, ct) is not { } inspection)
            {
                return cli.Fail(CliContext.NoPlan);
            }
            await using var content = path.OpenRead();
            return Print(cli, await sp.GetRequiredService<MeasureWorkflow>().AddEvidenceAsync(actor, inspection, n, path.Name, null, content, ChannelName.Cli, ct));
        });
        return new Command("evidence", "佐证材料") { add };
    }

    public static Command Handover(CliContext cli)
    {
        var from = new Option<string>("--from") { Description = "交出措施的人（名册中的姓名）", Required = true };
        var to = new Option<string>("--to") { Description = "接手的人（名册中的姓名）", Required = true };
        var actAs = new Option<string?>("--as") { Description = "办理交接的整改办人员（名册中只有一位整改办人员时可省略）" };
        var command = new Command("handover", "责任交接：把一个人负责的全部措施交给接任者") { from, to, actAs };
        command.SetAction(async (parse, ct) =>
        {
            await using var scope = await cli.OpenAsync(parse, ct);
            var sp = scope.ServiceProvider;
            if (await ActorAsync(cli, sp, parse.GetValue(actAs)) is not { } actor)
            {
                return 1;
            }
            return Print(cli, await sp.GetRequiredService<Handover>().HandOverAsync(actor, parse.GetValue(from)!, parse.GetValue(to)!, ChannelName.Cli, ct));
        });
        return command;
    }

    public static Command Remind(CliContext cli)
    {
        var today = new Option<DateOnly?>("--today") { Description = "按哪一天计算（yyyy-MM-dd，默认今天）" };
        var dryRun = new Option<bool>("--dry-run") { Description = "只列出将发送的提醒，不发送" };
        var command = new Command("remind", "每日整改提醒：各单位、责任领导和整改办将收到的内容") { today, dryRun };
        command.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(dryRun))
            {
                // The channels (WeCom, Teams) belong to the server; a second sender here could only duplicate it.
                return cli.Fail("提醒由服务器在每个工作日按时发送；命令行只能预览，请加 --dry-run。");
            }
            var clock = parse.GetValue(today) is { } day ? CliContext.ClockAt(day) : null;
            await using var scope = await cli.OpenAsync(parse, ct, clock);
            var sp = scope.ServiceProvider;
            var hour = sp.GetRequiredService<IOptions<ReminderOptions>>().Value.Hour;
            // The moment the server would send: the configured hour of that day.
            var local = sp.GetRequiredService<OrganisationClock>().Now;
            var at = new DateTimeOffset(local.Date.AddHours(hour), local.Offset);
            var report = await sp.GetRequiredService<ReminderRun>().RunOnceAsync(at, dryRun: true, ct);
            if (report.Skipped is { } why)
            {
                cli.Output.WriteLine($"（{why}服务器这一天不会发送。）");
            }
            if (report.Digests.Count == 0)
            {
                cli.Output.WriteLine($"{report.Day:yyyy年M月d日}没有需要提醒的措施。");
            }
            foreach (var d in report.Digests)
            {
                var people = d.People.Count == 0 ? "名册中无人" : string.Join("、", d.People.Select(p => p.Name));
                cli.Output.WriteLine($"→ {d.Digest.Audience.Name}（{people}）{(d.AlreadySent ? "［今天已发送］" : "")}");
                cli.Output.WriteLine(d.Digest.ToReply().Text);
                cli.Output.WriteLine();
            }
            return 0;
        });
        return command;
    }

    /// <summary>The roster person named, or the only office person when none is named; prints why not otherwise.</summary>
    internal static async Task<Actor?> ActorAsync(CliContext cli, IServiceProvider sp, string? name)
    {
        var db = sp.GetRequiredService<RectifyDbContext>();
        var people = await db.Staff.Include(s => s.Unit)
            .Where(s => name == null ? ((int)s.Roles & (int)StaffRoles.Office) != 0 : s.Name == name).Take(2).ToListAsync();
        if (people is [var one])
        {
            return Actor.From(one);
        }
        cli.Fail(name is null ? "请用 --as 指明办理人（名册中的整改办人员）。"
            : people.Count == 0 ? $"名册中没有“{name}”。用 rectifybot staff 查看名册。" : $"名册中有多个“{name}”。");
        return null;
    }

    private static int Print(CliContext cli, WriteResult result)
    {
        (result.Ok ? cli.Output : cli.Error).WriteLine(result.Message);
        return result.Ok ? 0 : 1;
    }
}
