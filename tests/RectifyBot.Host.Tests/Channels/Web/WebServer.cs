using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Host.Channels.Web;

namespace RectifyBot.Host.Tests.Channels.Web;

/// <summary>
/// The real server, built as Program.cs builds it, on 127.0.0.1 with a free port and a data folder of its own:
/// the demo inspection is seeded relative to today, as README's run command (--demo) does on a fresh clone.
/// </summary>
public sealed class WebServer : IAsyncLifetime, IAsyncDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "rectifybot-web-" + Guid.NewGuid().ToString("N"));
    private readonly string[] _settings;
    private WebApplication? _app;

    public WebServer() : this(["--demo"])
    {
    }

    private WebServer(string[] settings) => _settings = settings;

    /// <summary>The server with the demo and further settings (channels, Web:PublicUrl) as command-line arguments.</summary>
    public static WebServer With(IEnumerable<string> settings) => new(["--demo", .. settings]);

    /// <summary>The server exactly as configured, without the demo unless the settings ask for it.</summary>
    public static WebServer Bare(IEnumerable<string> settings) => new([.. settings]);

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The server's data folder (the store, evidence files).</summary>
    public string DataPath => _data;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        _app = await RectifyBotApp.BuildAsync(
            // The daily reminder job would act on the wall clock's day; its own tests drive it on a fixed clock.
            ["--urls=http://127.0.0.1:0", $"--Data:Path={_data}", "--Logging:LogLevel:Default=Warning", "--Reminders:Enabled=false", .. _settings]);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single());
    }

    /// <summary>A client with its own cookie jar that sends the page's header, as the page does.</summary>
    public HttpClient Client(bool pageHeader = true)
    {
        // A request that sends "Expect: 100-continue" waits for the server's answer before its body; the default second
        // is too short on a busy machine, and the body then goes out while the server refuses it.
        var handler = new SocketsHttpHandler { UseCookies = true, Expect100ContinueTimeout = TimeSpan.FromSeconds(30) };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        if (pageHeader)
        {
            client.DefaultRequestHeaders.Add(WebPage.RequestHeader, "1");
        }
        return client;
    }

    /// <summary>A client signed in as one of the demo people (password "demo").</summary>
    public async Task<HttpClient> SignedInAsync(string login)
    {
        var client = Client();
        using var response = await client.PostAsJsonAsync("/api/login", new { login, password = "demo" });
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>What <paramref name="login"/> types in a chat to bind it: "绑定" and the code the web page gave them (a name binds nothing).</summary>
    public async Task<string> BindWordsAsync(string login)
    {
        using var web = await SignedInAsync(login);
        using var response = await web.PostAsync("/api/bind-code", null);
        response.EnsureSuccessStatusCode();
        return "绑定 " + (string)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            // A test that gave its own --Data:Path keeps its folder.
            Directory.Delete(_data, recursive: true);
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
