using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        services.AddOptions<TurnQueueOptions>().Bind(configuration.GetSection(TurnQueueOptions.Section))
            .Validate(o => o.InboxLease > TimeSpan.Zero, "Turns:InboxLease 须为正的时长。Turns:InboxLease must be a positive duration.").ValidateOnStart();
        services.TryAddSingleton<Outbox.Outboxes>();
        services.AddSingleton<TurnQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<TurnQueue>());
        return services;
    }

    /// <summary>
    /// The server's command line as the host reads it: --demo is Demo:Enabled=true, and appsettings.json is read once,
    /// at start. To reload it on change the host watches the whole folder it is in, every folder below included, and
    /// the data folder is below it by default: every commit to the store woke the watcher's thread, which then looked
    /// the database's log up on disk three times a turn. Nothing here is meant to change while the server runs (the
    /// options are read at start), so a change to the file takes effect when the server restarts.
    /// </summary>
    public static string[] Arguments(string[] args) =>
        ["--hostBuilder:reloadConfigOnChange=false", .. args.Select(a => a == "--demo" ? "--Demo:Enabled=true" : a)];

    /// <summary>
    /// Creates or migrates the store. With Demo:Enabled (--demo) an empty store gets the demonstration inspection,
    /// whose people sign in with a well-known password: never unless asked.
    /// </summary>
    public static async Task PrepareStoreAsync(this WebApplication app, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        var data = app.Services.GetRequiredService<IOptions<DataOptions>>().Value;
        var sqliteFile = db.IsSqlite ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource : null;
        PrivateFiles.Secure(data.Path, sqliteFile);
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

    /// <summary>
    /// Tells the operator, in Chinese and English, where the server is, where its data is, whether WeCom is on or
    /// what it lacks, and where to watch it.
    /// </summary>
    public static void LogStartup(this WebApplication app)
    {
        var data = app.Services.GetRequiredService<IOptions<DataOptions>>().Value;
        var store = app.Services.GetRequiredService<IOptions<StoreOptions>>().Value;
        var wecom = app.Services.GetRequiredService<IOptions<WeComOptions>>().Value;
        var bot = app.Services.GetRequiredService<IOptions<Channels.WeComBot.WeComBotOptions>>().Value;
        var telemetry = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        foreach (var url in app.Urls)
        {
            Log.Listening(app.Logger, url);
        }
        Log.Store(app.Logger, store.Provider.ToString(), data.Path);
        // Teams says its own mode when its endpoint is mapped (TeamsEndpoints.MapTeams), once.
        if (wecom.Enabled)
        {
            Log.WeComOn(app.Logger);
        }
        else
        {
            Log.WeComOff(app.Logger, string.Join(", ", wecom.MissingSettings()));
        }
        if (bot.Enabled)
        {
            // The AI bot has no endpoint of its own: it connects out, to this address.
            Log.BotOn(app.Logger, bot.Url.ToString());
        }
        else
        {
            Log.BotOff(app.Logger);
        }
        var keys = app.Services.GetRequiredService<IOptions<Channels.Web.SignInKeyOptions>>().Value;
        var keyFolder = Path.Combine(data.Path, Channels.Web.SignInKeys.Folder);
        if (keys.Encrypted)
        {
            Log.KeysEncrypted(app.Logger, keyFolder, keys.CertificatePath!);
        }
        else
        {
            Log.KeysPrivate(app.Logger, keyFolder);
        }
        Log.Watch(app.Logger, Observability.MetricsPath, string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint) ? "未配置 / not configured" : telemetry.OtlpEndpoint);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "正在监听 {Url}（网页与各渠道接口） / RectifyBot is listening on {Url} (web page and channel endpoints)")]
        public static partial void Listening(ILogger logger, string url);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "数据库：{Provider}；数据目录：{DataPath} / Store: {Provider}; data folder: {DataPath}")]
        public static partial void Store(ILogger logger, string provider, string dataPath);

        [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "企业微信已开启：回调地址 /api/wecom / WeCom is on; its callback is /api/wecom")]
        public static partial void WeComOn(ILogger logger);

        [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "企业微信未开启：请在 appsettings.json 中设置 {Missing} / WeCom is off; to switch it on set {Missing} in appsettings.json")]
        public static partial void WeComOff(ILogger logger, string missing);

        [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "空库已写入示例方案（示例人员的网页登录密码为 '{Password}'） / The store was empty: a demonstration inspection was added (demo people sign in with password '{Password}')")]
        public static partial void DemoSeeded(ILogger logger, string password);

        [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "登录密钥保存在 {Folder}，用证书 {Certificate} 加密 / Sign-in keys are kept in {Folder}, encrypted with the certificate {Certificate}")]
        public static partial void KeysEncrypted(ILogger logger, string folder, string certificate);

        [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "登录密钥保存在 {Folder}，未加密，仅本服务账户可读（0700）；如需加密请设置 DataProtection:CertificatePath（见 docs/deploy.md） / Sign-in keys are kept unencrypted in {Folder}, readable by the service account only (0700); set DataProtection:CertificatePath to encrypt them (see docs/deploy.md)")]
        public static partial void KeysPrivate(ILogger logger, string folder);

        [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "运行指标：{MetricsPath}（Prometheus 格式），就绪检查：/readyz，OTLP 导出：{Otlp} / Metrics at {MetricsPath} (Prometheus), readiness at /readyz, OTLP export: {Otlp}")]
        public static partial void Watch(ILogger logger, string metricsPath, string otlp);

        [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "企业微信智能机器人已开启：长连接 {Url} / The WeCom AI bot is on; it connects to {Url}")]
        public static partial void BotOn(ILogger logger, string url);

        [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "企业微信智能机器人未开启：请设置 WeComBot:BotId 与 WeComBot:Secret / The WeCom AI bot is off; to switch it on set WeComBot:BotId and WeComBot:Secret")]
        public static partial void BotOff(ILogger logger);

        [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "指定了 --demo，但库中已有真实方案，未写入示例 / --demo was given but the store holds a real plan: the demonstration was not added")]
        public static partial void DemoNotSeeded(ILogger logger);
    }
}
