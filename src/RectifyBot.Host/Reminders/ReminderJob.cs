using Microsoft.Extensions.Options;
using RectifyBot.Reminders;
using RectifyBot.Store;

namespace RectifyBot.Host.Reminders;

/// <summary>
/// Runs <see cref="ReminderRun"/> at start (catching up a day whose hour has passed) and then at the configured
/// hour each day, on the <see cref="TimeProvider"/>. Every instance of the server runs it; the reminder log's
/// unique row per audience and day makes one of them send and the others find it sent.
/// </summary>
public sealed partial class ReminderJob(
    IServiceScopeFactory scopes,
    TimeProvider time,
    OrganisationClock clock,
    IOptions<ReminderOptions> options,
    Telemetry telemetry,
    ILogger<ReminderJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            Log.Off(logger);
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunOnceAsync(time.GetUtcNow(), stoppingToken);
            await Task.Delay(UntilNextRun(clock.Local(time.GetUtcNow()), options.Value.Hour), time, stoppingToken);
        }
    }

    public async Task<ReminderReport?> RunOnceAsync(DateTimeOffset now, CancellationToken ct)
    {
        using var activity = Telemetry.Source.StartActivity("reminder run");
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<ReminderRun>().RunOnceAsync(now, dryRun: false, ct);
            telemetry.ReminderRun(report.Skipped is null ? "ran" : "skipped");
            return report;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A failed day must not stop the job: tomorrow's run tries again.
            Log.Failed(logger, e);
            telemetry.ReminderRun("failed");
            return null;
        }
    }

    /// <summary>The time until the next <paramref name="hour"/>:00 local, a minute past it so the hour has surely begun.</summary>
    internal static TimeSpan UntilNextRun(DateTimeOffset localNow, int hour)
    {
        var next = new DateTimeOffset(localNow.Date.AddHours(hour).AddMinutes(1), localNow.Offset);
        if (next <= localNow)
        {
            next = next.AddDays(1);
        }
        return next - localNow;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Scheduled reminders are off (Reminders:Enabled is false)")]
        public static partial void Off(ILogger logger);

        [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "The reminder run failed; it runs again at the next hour set")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}

public static class ReminderJobRegistration
{
    /// <summary>The daily job; its digests go out through the channels' outboxes (<see cref="Outbox.OutboxRegistration"/>).</summary>
    public static IServiceCollection AddReminderJob(this IServiceCollection services)
    {
        services.AddOptions<ReminderOptions>().ValidateOnStart();
        services.AddSingleton<ReminderJob>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderJob>());
        return services;
    }
}
