using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Host.Tests.Channels.WeCom;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Channels.Web;

/// <summary>
/// The office imports the WeCom contacts from the web page: the real server (demo roster) reads gettoken,
/// department/list and user/list from the loopback fake of qyapi.weixin.qq.com.
/// </summary>
public sealed class StaffSyncTests : IAsyncLifetime
{
    private FakeWeComApi _wecom = null!;
    private WebServer _server = null!;

    public async Task InitializeAsync()
    {
        _wecom = await FakeWeComApi.StartAsync();
        _server = WebServer.With(WeComTestData.Settings(_wecom.BaseAddress).Select(kv => $"--{kv.Key}={kv.Value}"));
        await _server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _wecom.DisposeAsync();
    }

    [Fact]
    public async Task Departments_become_units_and_active_members_staff_with_their_userids_once()
    {
        using var office = await _server.SignedInAsync("chenqq");

        using var first = await office.PostAsync("/api/staff/sync-wecom", null);
        using var again = await office.PostAsync("/api/staff/sync-wecom", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var result = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        // 刘洋 and 赵新 are new, 李娜 was on the roster; 张离职 has left; 县民政局 is the corp, not a unit.
        Assert.Equal((2, 1, "殡葬管理所"), ((int)result["added"]!, (int)result["updated"]!, string.Join("、", result["unitsCreated"]!.AsArray().Select(u => (string?)u))));
        var second = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
        Assert.Equal((0, 3), ((int)second["added"]!, (int)second["updated"]!));

        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        var people = await db.Staff.Where(s => s.WeComId != null).Select(s => new { s.Name, s.WeComId, Unit = s.Unit == null ? null : s.Unit.Name })
            .OrderBy(s => s.WeComId).ToListAsync();
        Assert.Equal(["lina-wx 李娜 社会事务科", "liuyang 刘洋 殡葬管理所", "zhaoxin 赵新 "], people.Select(p => $"{p.WeComId} {p.Name} {p.Unit}"));
        Assert.False(await db.Staff.AnyAsync(s => s.Name == "张离职"));
        Assert.False(await db.Units.AnyAsync(u => u.Name == "县民政局"));
    }

    [Fact]
    public async Task Only_the_office_syncs_and_a_refused_secret_is_said_plainly()
    {
        using var unit = await _server.SignedInAsync("lina");
        using var refused = await unit.PostAsync("/api/staff/sync-wecom", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        await using var wrong = WebServer.With([.. WeComTestData.Settings(_wecom.BaseAddress).Select(kv => $"--{kv.Key}={kv.Value}"), "--WeCom:ContactsSecret=wrong"]);
        await wrong.InitializeAsync();
        using var office = await wrong.SignedInAsync("chenqq");
        using var response = await office.PostAsync("/api/staff/sync-wecom", null);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("gettoken 返回错误 40001", await response.Content.ReadAsStringAsync());
    }
}
