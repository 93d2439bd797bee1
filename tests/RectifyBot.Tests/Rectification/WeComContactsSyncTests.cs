using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Rectification;

/// <summary>The roster side of the WeCom contacts sync, on both stores; the wire side is tested in the host's StaffSyncTests.</summary>
public class WeComContactsSyncTests
{
    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Members_are_matched_by_userid_then_by_name_and_unit_and_keep_the_roles_and_units_the_office_gave(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewContext())
        {
            var unit = new Unit { Name = "社会事务科" };
            db.Staff.AddRange(
                new Staff { Name = "李娜", Unit = unit, Roles = StaffRoles.Office },
                new Staff { Name = "王强", WeComId = "wq", Roles = StaffRoles.Leader });
            await db.SaveChangesAsync();
        }
        var directory = new WeComDirectory(
            [new WeComDepartment(1, "县民政局", 0), new WeComDepartment(2, "社会事务科", 1), new WeComDepartment(3, "养老服务科", 1)],
            [new WeComMember("lina-wx", "李娜", [2], 2), new WeComMember("wq", "王强", [3], 3), new WeComMember("newcomer", "孙新", [3, 2], null)],
            null);

        await using var scope = store.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffRoster>().SyncWeComAsync(directory, null, default);

        Assert.Equal((1, 2, "养老服务科"), (result.Added, result.Updated, string.Join("、", result.UnitsCreated)));
        await using var check = store.NewContext();
        var people = await check.Staff.OrderBy(s => s.WeComId).Select(s => new { s.WeComId, s.Name, s.Roles, Unit = s.Unit!.Name }).ToListAsync();
        Assert.Equal(
            ["lina-wx 李娜 Office 社会事务科", "newcomer 孙新 Unit 养老服务科", "wq 王强 Leader 养老服务科"],
            people.Select(p => $"{p.WeComId} {p.Name} {p.Roles} {p.Unit}"));
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_failed_read_changes_nothing_and_says_why(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var scope = store.Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<StaffRoster>().SyncWeComAsync(new WeComDirectory([], [], "企业微信 gettoken 返回错误 40001：invalid secret"), null, default);

        Assert.Equal(["企业微信 gettoken 返回错误 40001：invalid secret"], result.Errors);
        await using var check = store.NewContext();
        Assert.False(await check.Staff.AnyAsync());
    }
}
