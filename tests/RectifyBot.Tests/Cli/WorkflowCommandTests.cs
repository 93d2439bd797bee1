using Microsoft.EntityFrameworkCore;
using RectifyBot.Cli;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Cli;

/// <summary>rectifybot evidence add, handover and remind, in process against the workflow world's SQLite file.</summary>
public sealed class WorkflowCommandTests : IAsyncLifetime
{
    private WorkflowWorld _world = null!;

    public async Task InitializeAsync() => _world = await WorkflowWorld.CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--db", _world.Store.DbArgument], output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Evidence_add_stores_the_file_as_the_named_person()
    {
        var file = Path.Combine(_world.Store.DataPath, "会议纪要.pdf");
        await File.WriteAllBytesAsync(file, [1, 2, 3, 4]);

        var (code, output, error) = await Run("evidence", "add", "51", file, "--as", "李娜");

        Assert.True(code == 0, error);
        Assert.Equal("已将“会议纪要.pdf”存为第51项的佐证材料，现有1份。", output.Trim());
        var evidence = Assert.Single((await _world.MeasureAsync(51)).Evidence);
        Assert.Equal(("会议纪要.pdf", 4L), (evidence.FileName, evidence.Size));
        Assert.Equal(1, (await Run("evidence", "add", "54", file, "--as", "李娜")).Code); // another unit's measure
    }

    [Fact]
    public async Task Handover_from_the_command_line_needs_no_office_name_when_there_is_one()
    {
        await _world.SayAsync("李娜", "认领第56项");

        var (code, output, error) = await Run("handover", "--from", "李娜", "--to", "赵敏");

        Assert.True(code == 0, error);
        Assert.Equal("已将李娜负责的1项措施（第56项）交接给赵敏。", output.Trim());
        await using var db = _world.Store.NewContext();
        var entry = await db.AuditEntries.FirstAsync(a => a.Operation == "责任交接");
        Assert.Equal("cli", entry.Channel);
        Assert.Equal("责任交接由整改办办理。请告诉整改办交给谁，由整改办交接。", (await Run("handover", "--from", "李娜", "--to", "赵敏", "--as", "李娜")).Err.Trim());
    }

    [Fact]
    public async Task Remind_dry_run_prints_each_audience_and_sends_nothing()
    {
        var (code, output, error) = await Run("remind", "--today", "2023-11-21", "--dry-run");

        Assert.True(code == 0, error);
        Assert.Contains("→ 社会事务科（李娜、赵敏）\n2023年11月21日整改提醒（社会事务科）", output);
        Assert.Contains("→ 巨伟（巨伟）", output);
        Assert.Contains("→ 整改办（陈奇奇）", output);
        Assert.Contains("（2023-11-25不是工作日。服务器这一天不会发送。）", (await Run("remind", "--today", "2023-11-25", "--dry-run")).Out);
        Assert.Equal(1, (await Run("remind", "--today", "2023-11-21")).Code);
        await using var db = _world.Store.NewContext();
        Assert.Empty(await db.ReminderLogs.ToListAsync());
    }
}
