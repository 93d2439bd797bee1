using Microsoft.Extensions.Options;
using RectifyBot.Host.Reminders;
using RectifyBot.Operations;
using RectifyBot.Store;

namespace RectifyBot.Host;

/// <summary>The daily backup (section "Backup"): off unless a folder is named.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>Where the archives go; relative paths are taken from the folder appsettings.json is in. Empty: no daily backup.</summary>
    public string? Folder { get; set; }

    /// <summary>The hour (organisation time) the backup runs, when nobody is working.</summary>
    public int Hour { get; set; } = 2;

    /// <summary>How many archives are kept; older ones are deleted after a backup succeeds.</summary>
    public int Keep { get; set; } = 14;

    public bool Enabled => !string.IsNullOrWhiteSpace(Folder);
}

/// <summary>
/// Runs <see cref="StoreBackup"/> every day at <see cref="BackupOptions.Hour"/> into <see cref="BackupOptions.Folder"/>
/// as rectifybot-yyyyMMdd-HHmmss.zip, and keeps the newest <see cref="BackupOptions.Keep"/>. A failed backup is
/// logged and deletes nothing; the next day tries again.
/// </summary>
public sealed partial class BackupJob(
    StoreBackup backup, IOptions<BackupOptions> options, IHostEnvironment environment, TimeProvider time, OrganisationClock clock,
    ILogger<BackupJob> logger) : BackgroundService
{
    private const string Prefix = "rectifybot-";

    private string Folder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Folder!));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        Log.Scheduled(logger, options.Value.Hour, Folder, options.Value.Keep);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(ReminderJob.UntilNextRun(clock.Local(time.GetUtcNow()), options.Value.Hour), time, stoppingToken);
            await RunOnceAsync(stoppingToken);
        }
    }

    /// <returns>The archive written, or null when the backup failed.</returns>
    public async Task<string?> RunOnceAsync(CancellationToken ct)
    {
        using var activity = Telemetry.Source.StartActivity("backup");
        try
        {
            Directory.CreateDirectory(Folder);
            var archive = Path.Combine(Folder, $"{Prefix}{clock.Local(time.GetUtcNow()):yyyyMMdd-HHmmss}.zip");
            var manifest = await backup.CreateAsync(archive, ct);
            Log.Done(logger, archive, manifest.Counts["Measures"], manifest.Evidence.Count);
            // Names sort by time, so the oldest are last.
            foreach (var old in Directory.GetFiles(Folder, $"{Prefix}*.zip").OrderDescending(StringComparer.Ordinal).Skip(Math.Max(1, options.Value.Keep)))
            {
                File.Delete(old);
            }
            return archive;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Log.Failed(logger, e);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "每日备份：每天 {Hour} 点写入 {Folder}，保留最近 {Keep} 份 / Daily backup at {Hour}:00 into {Folder}, keeping the newest {Keep}")]
        public static partial void Scheduled(ILogger logger, int hour, string folder, int keep);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "已备份到 {Archive}（措施 {Measures} 项，佐证材料 {Files} 个） / Backed up to {Archive} ({Measures} measures, {Files} evidence files)")]
        public static partial void Done(ILogger logger, string archive, long measures, int files);

        [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "每日备份失败，明天再试；旧的备份未删除 / The daily backup failed; it runs again tomorrow and no old backup was deleted")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}

public static class BackupJobRegistration
{
    public static IServiceCollection AddBackupJob(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section))
            .Validate(o => o.Hour is >= 0 and < 24 && o.Keep >= 1, "Backup: Hour must be 0–23 and Keep at least 1.").ValidateOnStart();
        services.AddSingleton<BackupJob>();
        services.AddHostedService(sp => sp.GetRequiredService<BackupJob>());
        return services;
    }
}
