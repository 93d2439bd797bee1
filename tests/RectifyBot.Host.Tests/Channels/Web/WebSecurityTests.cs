using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Host.Channels.Web;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Host.Tests.Channels.Web;

/// <summary>
/// What the server checks and sends on every request, over real HTTP against the real server: security headers,
/// a proxy's forwarded headers (only from a configured proxy), revocable sessions, sign-in throttling per client
/// address, password storage, and the data folder's permissions.
/// </summary>
public sealed class WebSecurityTests : IAsyncLifetime
{
    private const string Proxy = "127.0.0.1";
    private WebServer _server = null!;

    public async Task InitializeAsync()
    {
        // As behind nginx on the same host: X-Forwarded-* are believed from loopback only.
        _server = WebServer.With([$"--ForwardedHeaders:KnownProxies:0={Proxy}"]);
        await _server.InitializeAsync();
    }

    public Task DisposeAsync() => _server.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/dashboard.html")]
    [InlineData("/api/me")]
    [InlineData("/no-such-page")]
    [InlineData("/healthz")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = _server.Client();
        using var response = await client.GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/dashboard.html")]
    public async Task The_pages_have_no_inline_script_style_or_event_handler_for_the_policy_to_block(string path)
    {
        using var client = _server.Client();
        var html = await client.GetStringAsync(path);

        Assert.DoesNotMatch(new Regex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"<style|\sstyle=|\son[a-z]+=|javascript:", RegexOptions.IgnoreCase), html);
    }

    [Fact]
    public async Task Behind_the_configured_proxy_over_tls_the_cookie_is_secure()
    {
        using var client = _server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/login") { Content = JsonContent.Create(new { login = "lina", password = DemoData.Password }) };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.20");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_a_configured_proxy_forwarded_headers_are_not_believed()
    {
        var direct = new WebServer();
        try
        {
            await direct.InitializeAsync();
            using var client = direct.Client();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/login") { Content = JsonContent.Create(new { login = "lina", password = DemoData.Password }) };
            request.Headers.Add("X-Forwarded-Proto", "https");

            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await direct.DisposeAsync();
        }
    }

    [Fact]
    public async Task One_client_address_trying_many_accounts_is_held_back_while_other_addresses_sign_in()
    {
        using var client = _server.Client();
        for (var i = 0; i < LoginThrottle.FreeFailuresPerAddress; i++)
        {
            using var wrong = await LoginAsync(client, $"user{i}", "guess", from: "203.0.113.66");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var sprayer = await LoginAsync(client, "wangqiang", DemoData.Password, from: "203.0.113.66");
        using var colleague = await LoginAsync(client, "wangqiang", DemoData.Password, from: "203.0.113.67");

        Assert.Equal(HttpStatusCode.TooManyRequests, sprayer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, colleague.StatusCode);
    }

    [Fact]
    public async Task After_logout_the_old_cookie_no_longer_works_on_any_api()
    {
        using var client = _server.Client();
        using var login = await client.PostAsJsonAsync("/api/login", new { login = "chenqq", password = DemoData.Password });
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie")).Split(';')[0];
        using var other = await _server.SignedInAsync("chenqq");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        using var logout = await client.PostAsync("/api/logout", null);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        // Someone who copied the cookie before the logout.
        using var replayed = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = _server.BaseAddress };
        replayed.DefaultRequestHeaders.Add(WebPage.RequestHeader, "1");
        replayed.DefaultRequestHeaders.Add("Cookie", cookie);
        foreach (var path in new[] { "/api/me", "/api/my/measures", "/api/dashboard" })
        {
            using var response = await replayed.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        using var chat = await replayed.PostAsJsonAsync("/api/chat", new { text = "帮助" });
        Assert.Equal(HttpStatusCode.Unauthorized, chat.StatusCode);
        // Every session of the person ends, not only this browser's; signing in again works.
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/me")).StatusCode);
        using var again = await _server.SignedInAsync("chenqq");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_role_changed_in_the_roster_on_this_server_applies_to_the_very_next_request()
    {
        // Who a cookie is, is kept between requests (Sessions): a change saved here must move it at once.
        using var lina = await _server.SignedInAsync("lina");
        Assert.Equal("科室人员", (await lina.GetFromJsonAsync<WebMe>("/api/me"))!.Role);

        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            var staff = await db.Staff.SingleAsync(s => s.WebLogin == "lina");
            db.BeginOperation("调整角色", null);
            staff.Roles = Domain.StaffRoles.Office;
            await db.SaveChangesAsync();
        }
        Assert.Equal("整改办", (await lina.GetFromJsonAsync<WebMe>("/api/me"))!.Role);
        using var dashboard = await lina.GetAsync("/api/dashboard");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task A_sign_out_saved_by_another_instance_ends_the_session_once_this_one_reads_the_version_again()
    {
        using var lina = await _server.SignedInAsync("lina");
        Assert.Equal(HttpStatusCode.OK, (await lina.GetAsync("/api/me")).StatusCode);

        // Another instance's sign-out: a new stamp and its audit entry reach the store without passing through this
        // server's saves, so only reading the version again (after RecentStoreVersion.Reuse) reveals it.
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Staff" SET "SecurityStamp" = 'elsewhere' WHERE "WebLogin" = 'lina'""");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "AuditEntries" ("At", "OperationId", "Operation", "Change", "EntityType", "EntityId") VALUES ({0}, {1}, '退出登录', 'Modified', 'Staff', '0')
                """, DateTime.UtcNow, Guid.NewGuid());
        }
        var deadline = DateTime.UtcNow + RecentStoreVersion.Reuse + TimeSpan.FromSeconds(30);
        HttpStatusCode status;
        do
        {
            await Task.Delay(RecentStoreVersion.Reuse / 4);
            status = (await lina.GetAsync("/api/me")).StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_keeps_this_one_and_only_the_new_password_signs_in()
    {
        using var here = await _server.SignedInAsync("juwei");
        using var elsewhere = await _server.SignedInAsync("juwei");
        // Its cookie is decrypted and kept (KeptTickets) before the change: kept is not trusted.
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/me")).StatusCode);

        using var wrong = await here.PostAsJsonAsync("/api/password", new { current = "not-it", next = "a-new-passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var changed = await here.PostAsJsonAsync("/api/password", new { current = DemoData.Password, next = "a-new-passphrase" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/api/me")).StatusCode);
        using var client = _server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "juwei", DemoData.Password, from: "203.0.113.90")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, "juwei", "a-new-passphrase", from: "203.0.113.90")).StatusCode);
    }

    [Fact]
    public async Task A_password_stored_with_100k_iterations_is_stored_again_with_600k_at_the_next_sign_in()
    {
        var old = Pbkdf2(DemoData.Password, 100_000);
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            await db.Database.ExecuteSqlAsync($"""UPDATE "Staff" SET "PasswordHash" = {old} WHERE "WebLogin" = 'sunlei'""");
        }

        using var client = await _server.SignedInAsync("sunlei");

        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
            var stored = await db.Staff.Where(s => s.WebLogin == "sunlei").Select(s => s.PasswordHash).SingleAsync();
            Assert.StartsWith("pbkdf2$600000$", stored);
            Assert.True(PasswordHasher.Verify(DemoData.Password, stored));
        }
        Assert.StartsWith("pbkdf2$600000$", PasswordHasher.Hash("x"));
    }

    [Fact, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_data_folder_is_0700_and_the_store_its_wal_and_evidence_files_are_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using var client = await _server.SignedInAsync("wangqiang");
        var number = (await client.GetFromJsonAsync<MyMeasures>("/api/my/measures"))!.Overdue[0].Number;
        using var form = new MultipartFormDataContent { { new StringContent("已上传照片"), "text" } };
        var photo = new ByteArrayContent(PngFile.Solid(3, 3, 10, 20, 30));
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(photo, "photo", "现场.png");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/measures/{number}/progress", form)).StatusCode);

        var data = _server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataOptions>>().Value.Path;
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(owner | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        Assert.Equal(owner, File.GetUnixFileMode(Path.Combine(data, "rectifybot.db")));
        Assert.Equal(owner, File.GetUnixFileMode(Path.Combine(data, "rectifybot.db-wal")));
        var evidence = Directory.GetFiles(Path.Combine(data, "evidence"), "*", SearchOption.AllDirectories);
        Assert.NotEmpty(evidence);
        Assert.All(evidence, f => Assert.Equal(owner, File.GetUnixFileMode(f)));
        Assert.All(Directory.GetDirectories(data, "*", SearchOption.AllDirectories),
            d => Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(d) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherExecute)));
    }

    [Fact, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_data_folder_and_store_left_open_by_an_older_version_are_closed_at_start()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var data = Directory.CreateTempSubdirectory("rectifybot-open-").FullName;
        const UnixFileMode open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(data, open | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        // As the store an older version left behind: an empty SQLite file is a store with nothing in it yet.
        File.WriteAllBytes(Path.Combine(data, "rectifybot.db"), []);
        File.SetUnixFileMode(Path.Combine(data, "rectifybot.db"), open);
        var server = WebServer.With([$"--Data:Path={data}"]);
        try
        {
            await server.InitializeAsync();
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "rectifybot.db")));
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string login, string password, string from)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/login") { Content = JsonContent.Create(new { login, password }) };
        request.Headers.Add("X-Forwarded-For", from);
        return await client.SendAsync(request);
    }

    private static string Pbkdf2(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }
}
