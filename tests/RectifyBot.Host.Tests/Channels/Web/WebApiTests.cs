using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using RectifyBot.Host.Channels.Web;

namespace RectifyBot.Host.Tests.Channels.Web;

/// <summary>The web API over real HTTP against the real server with the demo inspection.</summary>
public sealed class WebApiTests(WebServer server) : IClassFixture<WebServer>
{
    [Fact]
    public async Task Page_is_served_at_the_root_with_everything_from_our_own_server()
    {
        using var client = server.Client();
        var html = await client.GetStringAsync("/");
        Assert.Contains("整改助手", html);
        Assert.Contains("width=device-width", html);
        foreach (var file in new[] { "/app.js", "/app.css" })
        {
            using var response = await client.GetAsync(file);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("//cdn", await response.Content.ReadAsStringAsync());
        }
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
    }

    [Fact]
    public async Task Wrong_password_is_401_with_a_Chinese_sentence()
    {
        using var client = server.Client();
        using var response = await client.PostAsJsonAsync("/api/login", new { login = "lina", password = "wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("账号或密码不正确。", (await response.Content.ReadFromJsonAsync<WebError>())!.Error);
    }

    [Fact]
    public async Task Repeated_failures_hold_that_login_back_for_a_while_even_with_the_right_password()
    {
        using var client = server.Client();
        for (var i = 0; i < LoginThrottle.FreeFailures; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/login", new { login = "zhoujie", password = "guess" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var locked = await client.PostAsJsonAsync("/api/login", new { login = "zhoujie", password = "demo" });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("秒后再试", (await locked.Content.ReadFromJsonAsync<WebError>())!.Error);
        Assert.NotNull(locked.Headers.RetryAfter);

        using var other = await client.PostAsJsonAsync("/api/login", new { login = "sunlei", password = "demo" });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Sign_in_sets_an_http_only_strict_cookie_and_me_says_who()
    {
        using var client = server.Client();
        using var response = await client.PostAsJsonAsync("/api/login", new { login = "lina", password = "demo" });
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var me = await client.GetFromJsonAsync<WebMe>("/api/me");
        Assert.Equal(new WebMe("lina", "李娜", "社会事务科", "科室人员", false, false), me);

        using var logout = await client.PostAsync("/api/logout", null);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        using var after = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Apis_need_a_sign_in_and_say_so_in_Chinese()
    {
        using var client = server.Client();
        foreach (var path in new[] { "/api/me", "/api/my/measures", "/api/measures/1" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("请先登录。", (await response.Content.ReadFromJsonAsync<WebError>())!.Error);
        }
    }

    [Fact]
    public async Task A_post_without_the_page_header_is_refused_and_changes_nothing()
    {
        using var client = server.Client(pageHeader: false);
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/login") { Content = JsonContent.Create(new { login = "lina", password = "demo" }) };
        login.Headers.Add(WebPage.RequestHeader, "1");
        (await client.SendAsync(login)).EnsureSuccessStatusCode();

        // The signed-in cookie without the header, as a forged cross-site form would send it.
        using var forged = await client.PostAsJsonAsync("/api/chat", new { text = "9 进展：伪造的请求" });

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("已拒绝", (await forged.Content.ReadFromJsonAsync<WebError>())!.Error);
        var detail = await client.GetFromJsonAsync<WebMeasure>("/api/measures/9");
        Assert.DoesNotContain(detail!.Updates, u => u.Text.Contains("伪造"));
    }

    [Fact]
    public async Task Chat_runs_a_turn_and_answers_overdue_cards_for_the_senders_unit()
    {
        using var client = await server.SignedInAsync("lina");
        using var response = await client.PostAsJsonAsync("/api/chat", new { text = "我们科有哪些逾期的" });
        var reply = (await response.Content.ReadFromJsonAsync<ChatReply>())!;
        Assert.StartsWith("社会事务科逾期的措施共", reply.Text);
        Assert.NotEmpty(reply.Measures);
        Assert.All(reply.Measures, m =>
        {
            Assert.Contains("社会事务科", m.Units);
            Assert.True(m.DaysOverdue > 0);
            Assert.Contains(m.Actions, a => a.Label == "更新进展");
        });
    }

    [Fact]
    public async Task Malformed_chat_json_is_400_in_Chinese()
    {
        using var client = await server.SignedInAsync("lina");
        using var response = await client.PostAsync("/api/chat", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请求格式不正确", (await response.Content.ReadFromJsonAsync<WebError>())!.Error);
    }

    [Fact]
    public async Task My_measures_are_the_units_for_staff_and_every_units_for_the_office()
    {
        using var lina = await server.SignedInAsync("lina");
        var mine = (await lina.GetFromJsonAsync<MyMeasures>("/api/my/measures"))!;
        Assert.Equal("社会事务科", mine.Scope);
        Assert.NotEmpty(mine.Overdue);
        Assert.NotEmpty(mine.DueSoon);
        Assert.All(mine.Overdue.Concat(mine.DueSoon), m => Assert.Contains("社会事务科", m.Units));
        Assert.All(mine.DueSoon, m => Assert.Equal(0, m.DaysOverdue));

        using var office = await server.SignedInAsync("chenqq");
        var all = (await office.GetFromJsonAsync<MyMeasures>("/api/my/measures"))!;
        Assert.Equal("全部单位", all.Scope);
        Assert.True(all.Overdue.Select(m => m.Units).Distinct().Count() > 1);
        Assert.Superset(mine.Overdue.Select(m => m.Number).ToHashSet(), all.Overdue.Select(m => m.Number).ToHashSet());
    }

    [Fact]
    public async Task Unknown_measure_is_404_with_the_valid_range()
    {
        using var client = await server.SignedInAsync("lina");
        using var response = await client.GetAsync("/api/measures/999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Matches(@"^没有第999项措施，本方案措施编号为1至\d+。$", (await response.Content.ReadFromJsonAsync<WebError>())!.Error);
    }

    [Fact]
    public async Task Progress_with_a_photo_records_the_update_the_status_and_the_evidence()
    {
        using var client = await server.SignedInAsync("wangqiang");
        var number = (await client.GetFromJsonAsync<MyMeasures>("/api/my/measures"))!.Overdue[0].Number;
        using var form = ProgressForm("已复核全部1500笔，追回资金3.1万元", "已完成", PngFile.Solid(4, 3, 200, 30, 30), "复核.png");

        using var response = await client.PostAsync($"/api/measures/{number}/progress", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<ProgressResult>())!;
        Assert.Contains($"已将“复核.png”存为第{number}项的佐证材料", result.Message);
        Assert.Contains("改为“已完成待销号”", result.Message);
        Assert.Equal(["evidence", "update", "status"], result.Changes.Select(c => c.Kind));
        Assert.Equal("已完成待销号", result.Measure.Status);
        Assert.Equal("复核.png", Assert.Single(result.Measure.Evidence).FileName);
        Assert.Equal("已复核全部1500笔，追回资金3.1万元", result.Measure.Updates[0].Text);

        var detail = (await client.GetFromJsonAsync<WebMeasure>($"/api/measures/{number}"))!;
        Assert.Equal(result.Measure.Updates.Count, detail.Updates.Count);
        Assert.Single(detail.Evidence);
    }

    [Fact]
    public async Task Progress_on_another_units_measure_is_refused_with_the_reason_and_stores_nothing()
    {
        using var lina = await server.SignedInAsync("lina");
        using var office = await server.SignedInAsync("chenqq");
        var others = (await office.GetFromJsonAsync<MyMeasures>("/api/my/measures"))!.Overdue.First(m => !m.Units.Contains("社会事务科"));
        using var form = ProgressForm("不是我们的", null, PngFile.Solid(2, 2, 1, 2, 3), "x.png");

        using var response = await lina.PostAsync($"/api/measures/{others.Number}/progress", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("不是社会事务科负责的措施", (await response.Content.ReadFromJsonAsync<WebError>())!.Error);
        var detail = (await office.GetFromJsonAsync<WebMeasure>($"/api/measures/{others.Number}"))!;
        Assert.Empty(detail.Evidence);
        Assert.DoesNotContain(detail.Updates, u => u.Text == "不是我们的");
        // The page offered her no such write: the measure's buttons are what each person may do with it.
        Assert.Equal(["查看详情"], (await lina.GetFromJsonAsync<WebMeasure>($"/api/measures/{others.Number}"))!.Actions.Select(a => a.Label));
        Assert.Contains(detail.Actions, a => a.Label == "更新进展");
    }

    [Theory]
    [InlineData("", null, "请写明做了什么，或附上一份佐证材料。")]
    [InlineData("进展", "差不多了", "无法识别状态“差不多了”，可选：推进中、已完成、长期坚持。")]
    [InlineData("", "已完成", "改状态时请写明做了什么。")]
    public async Task Incomplete_progress_forms_are_400_with_what_to_do(string text, string? status, string error)
    {
        using var client = await server.SignedInAsync("lina");
        using var form = ProgressForm(text, status, null, null);
        using var response = await client.PostAsync("/api/measures/9/progress", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, (await response.Content.ReadFromJsonAsync<WebError>())!.Error);
    }

    [Fact]
    public async Task An_upload_over_the_evidence_limit_is_413_in_Chinese()
    {
        using var client = await server.SignedInAsync("lina");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/measures/9/progress")
        {
            Content = ProgressForm("大文件", null, new byte[21 * 1024 * 1024], "big.png"),
        };
        // As curl does for large bodies: the server refuses on the declared length before any of it is sent,
        // rather than resetting a connection the client is still writing to.
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("不能超过20MB", (await response.Content.ReadFromJsonAsync<WebError>())!.Error);
    }

    private static MultipartFormDataContent ProgressForm(string text, string? status, byte[]? photo, string? fileName)
    {
        var form = new MultipartFormDataContent { { new StringContent(text), "text" } };
        if (status is not null)
        {
            form.Add(new StringContent(status), "status");
        }
        if (photo is not null)
        {
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "photo", fileName!);
        }
        return form;
    }
}
