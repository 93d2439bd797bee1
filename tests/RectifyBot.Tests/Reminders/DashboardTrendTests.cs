using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Reminders;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Reminders;

/// <summary>The dashboard's figures on a fixed clock, with the overdue trend rebuilt from what was recorded.</summary>
public sealed class DashboardTrendTests
{
    private static async Task<DashboardData> LoadAsync(WorkflowWorld world)
    {
        await using var scope = world.Store.Scope();
        return (await scope.ServiceProvider.GetRequiredService<Dashboard>().LoadAsync(new DateOnly(2023, 11, 21), default))!;
    }

    [Fact]
    public async Task The_trend_counts_each_week_with_the_deadline_then_in_force()
    {
        await using var world = await WorkflowWorld.CreateAsync();
        await world.SayAsync("李娜", "第51项申请延期到2024年1月31日，原因是资金未到位");
        await world.SayAsync("陈奇奇", "同意51延期");

        var data = await LoadAsync(world);

        Assert.Equal(Dashboard.Weeks, data.Trend.Count);
        Assert.Equal(new DateOnly(2023, 11, 21), data.Trend[^1].Day);
        Assert.Equal(new DateOnly(2023, 11, 14), data.Trend[^2].Day);
        // Today only 56 is overdue (51 was extended today); a week ago 51 was too, under its old deadline.
        Assert.Equal(1, data.Trend[^1].Overdue);
        Assert.Equal(2, data.Trend[^2].Overdue);
        // Before the stage end (2023-10-20) nothing was overdue.
        Assert.Equal(0, data.Trend.Single(w => w.Day == new DateOnly(2023, 10, 17)).Overdue);
        Assert.Equal(1, data.Tiers.Single(t => t.Tier == "red").Count);
        Assert.Contains(data.Units, u => u.Unit == "社会事务科" && u.Total == 5 && u.Completed == 2);
    }
}
