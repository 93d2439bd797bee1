using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RectifyBot.Host.Channels.WeCom;
using RectifyBot.Host.Turns;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Host;

/// <summary>The server's start: where it reads its settings, where it listens, the store, and what it tells the operator.</summary>
public static partial class HostSetup
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The folder with appsettings.json: the data folder and relative settings are taken from it.</summary>
    public static string ContentRoot() => AppSettings.Folder();

    /// <summary>Loopback unless the operator says otherwise with --urls or ASPNETCORE_URLS: nothing is exposed by accident.</summary>
    public static void UseLoopbackByDefault(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
    }

    public static IServiceCollection AddTurnQueue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TurnQueueOptions>().Bind(configuration.GetSection(TurnQueueOptions.Section));
        services.AddSingleton<TurnQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<TurnQueue>());
        return services;
    }

    /// <summary>--demo on the server's command line is Demo:Enabled=true.</summary>
    public static string[] DemoSwitch(string[] args) => [.. args.Select(a => a == "--demo" ? "--Demo:Enabled=true" : a)];

    /// <summary>
    /// Creates or migrates the store. With Demo:Enabled (--demo) an empty store gets the demonstration inspection,
    /// whose people sign in with a well-known password: never unless asked.
    /// </summary>
    public static async Task PrepareStoreAsync(this WebApplication app, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        await db.MigrateAsync(ct);
        if (!app.Configuration.GetValue<bool>("Demo:Enabled"))
        {
            return;
        }
        if (await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(ct))
        {
            Log.DemoSeeded(app.Logger, DemoData.Password);
        }
        else if (!await db.Inspections.AnyAsync(i => i.IsDemo, ct))
        {
            Log.DemoNotSeeded(app.Logger);
        }
    }

    /// <summary>/healthz: the process answers. /readyz: the store answers too.</summary>
    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        app.MapGet("/readyz", async Task<IResult> (RectifyDbContext db, CancellationToken ct) =>
            await db.Database.CanConnectAsync(ct) ? TypedResults.Text("ready") : TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable));
    }

    /// <summary>Tells the operator where the server is, where its data is, and which channels are on or what they lack.</summary>
    public static void LogStartup(this WebApplication app)
    {
        var data = app.Services.GetRequiredService<IOptions<DataOptions>>().Value;
        var store = app.Services.GetRequiredService<IOptions<StoreOptions>>().Value;
        var wecom = app.Services.GetRequiredService<IOptions<WeComOptions>>().Value;
        var teams = app.Services.GetRequiredService<IOptions<Channels.Teams.TeamsOptions>>().Value;
        foreach (var url in app.Urls)
        {
            Log.Listening(app.Logger, url);
        }
        Log.Store(app.Logger, store.Provider.ToString(), data.Path);
        if (teams.Enabled)
        {
            Log.ChannelOn(app.Logger, "Teams", "/api/messages");
        }
        else
        {
            Log.ChannelOff(app.Logger, "Teams (emulator mode from loopback only)", "Teams:AppId, Teams:AppPassword, Teams:TenantId");
        }
        if (wecom.Enabled)
        {
            Log.ChannelOn(app.Logger, "WeCom", "/api/wecom");
        }
        else
        {
            Log.ChannelOff(app.Logger, "WeCom", "WeCom:CorpId, WeCom:AgentId, WeCom:Secret, WeCom:Token, WeCom:EncodingAesKey");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "RectifyBot is listening on {Url} (web page and channel endpoints)")]
        public static partial void Listening(ILogger logger, string url);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Store: {Provider}; data folder: {DataPath}")]
        public static partial void Store(ILogger logger, string provider, string dataPath);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Channel {Channel} is on at {Path}")]
        public static partial void ChannelOn(ILogger logger, string channel, string path);

        [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Channel {Channel} is off; to switch it on set {Missing} in appsettings.json")]
        public static partial void ChannelOff(ILogger logger, string channel, string missing);

        [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "The store was empty: a demonstration inspection was added (demo people sign in with password '{Password}')")]
        public static partial void DemoSeeded(ILogger logger, string password);

        [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "--demo was given but the store holds a real plan: the demonstration was not added")]
        public static partial void DemoNotSeeded(ILogger logger);
    }
}
