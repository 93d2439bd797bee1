using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Reminders;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Reminders;

/// <summary>The daily digests on a fixed clock (Tuesday 2023-11-21), through <see cref="ReminderRun.RunOnceAsync"/> with a recording channel.</summary>
public sealed class ReminderRunTests
{
    /// <summary>Records every delivery; registered as the only channel.</summary>
    private sealed class RecordingChannel : IDigestChannel
    {
        public ConcurrentQueue<DigestDelivery> Sent { get; } = new();

        public string Name => "test";

        public Task<bool> SendAsync(DigestDelivery delivery, CancellationToken ct)
        {
            Sent.Enqueue(delivery);
            return Task.FromResult(true);
        }
    }

    private static readonly DateTimeOffset TuesdayTen = new(2023, 11, 21, 10, 0, 0, TimeSpan.FromHours(8));

    private static async Task<(WorkflowWorld World, RecordingChannel Channel)> CreateAsync(Dictionary<string, string?>? settings = null)
    {
        var channel = new RecordingChannel();
        var world = await WorkflowWorld.CreateAsync(settings, s => s.AddSingleton<IDigestChannel>(channel));
        return (world, channel);
    }

    private static async Task<ReminderReport> RunAsync(WorkflowWorld world, DateTimeOffset now, bool dryRun = false)
    {
        await using var scope = world.Store.Scope();
        return await scope.ServiceProvider.GetRequiredService<ReminderRun>().RunOnceAsync(now, dryRun, default);
    }

    [Fact]
    public async Task Each_tier_reaches_its_audience_once_a_day()
    {
        var (world, channel) = await CreateAsync();
        await using var _ = world;

        var report = await RunAsync(world, TuesdayTen);

        Assert.Null(report.Skipped);
        // The stage ended 2023-10-20: the job declared it over, and 60 (long-term, done) became Ongoing.
        Assert.Contains("第60项", Assert.Single(report.StageClosings));
        var byAudience = channel.Sent.ToDictionary(d => d.Digest.Audience.Name);
        Assert.Equal(["巨伟", "整改办", "社会事务科"], byAudience.Keys.Order(StringComparer.Ordinal).ToArray());

        var unit = byAudience["社会事务科"].Digest;
        Assert.Equal([(51, ReminderTier.Red), (49, ReminderTier.Yellow), (52, ReminderTier.Green), (53, ReminderTier.Blue), (60, ReminderTier.Blue)],
            unit.Items.Select(i => (i.Number, i.Tier)).ToArray());
        Assert.Equal(["李娜", "赵敏"], byAudience["社会事务科"].People.Select(p => p.Name).ToArray());
        var reply = unit.ToReply();
        Assert.StartsWith("2023年11月21日整改提醒（社会事务科）\n红色（已逾期）1项，黄色（临近到期）1项，绿色（即将到期）1项，蓝色（长期坚持）2项。", reply.Text);
        Assert.Contains("【红】第51项 逾期32天", reply.Text);
        Assert.Contains("【黄】第49项 还有7天到期（11月28日）", reply.Text);
        Assert.Equal(["更新进展", "申请销号", "申请延期", "查看详情"], reply.Actions.Select(a => a.Label).ToArray());
        Assert.Equal("第51项申请销号", reply.Actions[1].Text);
        Assert.Contains("<font color=\"warning\">逾期32天</font>", unit.ToMarkdown());

        // Yellow and red go to the responsible leader; red to the office, with 56 that no unit holds; 54 is far off.
        Assert.Equal([51, 49], byAudience["巨伟"].Digest.Items.Select(i => i.Number).ToArray());
        Assert.Equal([51, 56], byAudience["整改办"].Digest.Items.Select(i => i.Number).ToArray());
        Assert.Equal(["陈奇奇"], byAudience["整改办"].People.Select(p => p.Name).ToArray());

        var again = await RunAsync(world, TuesdayTen.AddHours(3));
        Assert.All(again.Digests, d => Assert.True(d.AlreadySent));
        Assert.Equal(3, channel.Sent.Count);
        await using var db = world.Store.NewContext();
        Assert.Equal(3, await db.ReminderLogs.CountAsync(r => r.Day == new DateOnly(2023, 11, 21) && r.Channels == "test"));
    }

    [Fact]
    public async Task Two_instances_at_the_same_moment_send_each_digest_once()
    {
        var (world, channel) = await CreateAsync();
        await using var _ = world;

        await Task.WhenAll(RunAsync(world, TuesdayTen), RunAsync(world, TuesdayTen));

        Assert.Equal(3, channel.Sent.Count);
        Assert.Equal(3, channel.Sent.Select(d => d.Digest.Audience.Key).Distinct().Count());
    }

    [Theory]
    [InlineData("2023-11-25T10:00:00+08:00", "2023-11-25不是工作日。")]
    [InlineData("2023-11-21T08:30:00+08:00", "还没到提醒时间（每个工作日9点）。")]
    [InlineData("2023-11-21T22:00:00+08:00", "现在是免打扰时段。")]
    [InlineData("2023-11-22T10:00:00+08:00", "2023-11-22不是工作日。")]
    public async Task Nothing_is_sent_on_days_off_before_the_hour_or_in_quiet_hours(string now, string reason)
    {
        var (world, channel) = await CreateAsync(new Dictionary<string, string?> { ["Reminders:Holidays:0"] = "2023-11-22" });
        await using var _ = world;

        var report = await RunAsync(world, DateTimeOffset.Parse(now));

        Assert.Equal(reason, report.Skipped);
        Assert.Empty(channel.Sent);
        Assert.Single(report.StageClosings); // ending the stage sends nothing, so it does not wait for a workday
    }

    [Theory]
    [InlineData("Reminders:YellowDays", "30")]
    [InlineData("Reminders:Hour", "23")]
    public async Task Settings_that_contradict_each_other_are_refused(string key, string value)
    {
        var (world, _) = await CreateAsync(new Dictionary<string, string?> { [key] = value });
        await using var __ = world;

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            world.Store.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReminderOptions>>().Value);
        Assert.Contains("YellowDays must not exceed GreenDays", error.Message);
    }

    [Fact]
    public async Task A_dry_run_lists_what_would_be_sent_and_sends_nothing()
    {
        var (world, channel) = await CreateAsync(new Dictionary<string, string?> { ["Reminders:GreenDays"] = "5", ["Reminders:YellowDays"] = "3" });
        await using var _ = world;

        var report = await RunAsync(world, TuesdayTen, dryRun: true);

        Assert.Empty(channel.Sent);
        Assert.Empty(report.StageClosings);
        var unit = report.Digests.Single(d => d.Digest.Audience.Name == "社会事务科").Digest;
        Assert.DoesNotContain(unit.Items, i => i.Number is 49 or 52); // 7 and 17 days away: beyond the configured 5
        await using var db = world.Store.NewContext();
        Assert.Empty(await db.ReminderLogs.ToListAsync());
    }

    [Fact]
    public async Task The_office_asks_for_todays_reminders_in_chat()
    {
        var (world, _) = await CreateAsync();
        await using var __ = world;

        var office = await world.SayAsync("陈奇奇", "今天有哪些要提醒的");
        Assert.Equal(nameof(RemindersQuery), office.Intent);
        Assert.StartsWith("今天将提醒1个单位：", office.Reply.Text);
        Assert.Equal(["社会事务科", "1", "1", "1", "2"], office.Reply.Table!.Rows.Single());
        Assert.Equal([51, 56], office.Reply.Measures.Select(m => m.Number).ToArray());

        var unit = await world.SayAsync("李娜", "今日提醒");
        Assert.Equal([51, 49, 52, 60, 53], unit.Reply.Measures.Select(m => m.Number).ToArray());
        Assert.Equal(4, unit.Reply.Measures[0].Actions.Count);
    }
}
