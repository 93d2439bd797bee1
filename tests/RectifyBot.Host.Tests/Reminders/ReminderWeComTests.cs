using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Host.Channels.Teams;
using RectifyBot.Host.Channels.WeCom;
using RectifyBot.Host.Reminders;
using RectifyBot.Host.Tests.Channels.WeCom;
using RectifyBot.Rectification;
using RectifyBot.Reminders;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Reminders;

/// <summary>
/// The reminder job's WeCom path over real HTTP: the demo inspection in a SQLite store on a fixed Tuesday, the
/// server's own registrations, and <see cref="FakeWeComApi"/> on loopback in place of qyapi.weixin.qq.com.
/// </summary>
public sealed class ReminderWeComTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "rectifybot-remind-" + Guid.NewGuid().ToString("N"));
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8)));
    private FakeWeComApi _api = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWeComApi.StartAsync();
        var settings = WeComTestData.Settings(_api.BaseAddress);
        settings["Data:Path"] = _data;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(_clock)
            .AddSingleton<IConfiguration>(configuration)
            .AddRectifyBot(configuration, _data);
        services.AddWeComChannel();
        services.AddTeamsChannel(configuration);
        services.AddSingleton<RectifyBot.Host.Channels.Web.FileLinks>();
        services.AddReminderJob();
        _services = services.BuildServiceProvider();

        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        await db.MigrateAsync(default);
        await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(default);
        await db.Staff.Where(s => s.Name == "李娜").ExecuteUpdateAsync(s => s.SetProperty(x => x.WeComId, "lina"));
        await db.Staff.Where(s => s.Name == "陈奇奇").ExecuteUpdateAsync(s => s.SetProperty(x => x.WeComId, "chenqq"));
    }

    [Fact]
    public async Task Digests_go_as_app_markdown_and_to_the_units_group_robot_once()
    {
        var job = _services.GetRequiredService<ReminderJob>();

        var report = (await job.RunOnceAsync(_clock.GetUtcNow(), default))!;
        await job.RunOnceAsync(_clock.GetUtcNow().AddHours(2), default);

        Assert.Null(report.Skipped);
        Assert.Empty(_api.Problems);
        var unit = report.Digests.Single(d => d.Digest.Audience.Name == "社会事务科");
        // The app message and the unit's group robot are both the WeCom outbox.
        Assert.Equal(["wecom"], unit.Channels);
        var office = report.Digests.Single(d => d.Digest.Audience.IsOffice);
        Assert.Equal(["wecom"], office.Channels);

        var messages = _api.Messages.ToList();
        // 李娜 for 社会事务科; 陈奇奇 for 办公室 (a unit with measures of its own) and for the office; no one else has WeCom.
        Assert.Equal(["chenqq:办公室", "chenqq:整改办", "lina:社会事务科"],
            messages.Select(m => $"{m["touser"]}:{((string?)m["markdown"]!["content"])!.Split('（', '）')[1]}").Order(StringComparer.Ordinal));
        var toLina = messages.Single(m => (string?)m["touser"] == "lina");
        Assert.Equal("markdown", (string?)toLina["msgtype"]);
        Assert.StartsWith("**2026年11月24日整改提醒（社会事务科）**", (string?)toLina["markdown"]!["content"]);
        var robot = Assert.Single(_api.RobotMessages);
        Assert.Contains("社会事务科", (string?)robot["markdown"]!["content"]);
    }

    [Theory]
    [InlineData("2026-11-24T08:00:00+08:00", 9, "01:01:00")]
    [InlineData("2026-11-24T09:00:30+08:00", 9, "00:00:30")]
    [InlineData("2026-11-24T10:00:00+08:00", 9, "23:01:00")]
    public void The_job_wakes_a_minute_past_the_hour_set(string now, int hour, string wait) =>
        Assert.Equal(TimeSpan.Parse(wait), ReminderJob.UntilNextRun(DateTimeOffset.Parse(now), hour));

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _api.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
