using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RectifyBot.Host.Turns;
using RectifyBot.Store;

namespace RectifyBot.Host;

/// <summary>Where the server's metrics and traces go besides /metrics.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>An OpenTelemetry collector, e.g. http://collector:4317; empty: no export (the /metrics page still works).</summary>
    public string? OtlpEndpoint { get; set; }

    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;
}

/// <summary>
/// What an operator watches: the product's instruments (<see cref="Telemetry"/>) with ASP.NET Core's, HttpClient's
/// and the runtime's, as a Prometheus page at /metrics and over OTLP when configured; and /readyz, which names
/// the part that is failing.
/// </summary>
public static class Observability
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section));
        var otlp = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null : new Uri(options.OtlpEndpoint);
        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService("rectifybot"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Telemetry.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime");
                metrics.AddPrometheusExporter();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => (o.Endpoint, o.Protocol) = (otlp, options.OtlpProtocol));
                }
            });
        // Spans are only made when someone collects them.
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(Telemetry.Name, "Microsoft.AspNetCore", "System.Net.Http")
                .AddOtlpExporter(o => (o.Endpoint, o.Protocol) = (otlp, options.OtlpProtocol)));
        }

        services.AddHealthChecks()
            .Add(Check("store", StoreAsync))
            .Add(Check("data folder", DataFolder))
            .Add(Check("turn queue", TurnQueueCheck));
        return services;
    }

    public static void MapObservability(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        app.MapHealthChecks("/readyz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = WriteReadinessAsync });
    }

    /// <summary>
    /// "ready" or "not ready", then one line per part: its state and, when it is not healthy, what is wrong in
    /// Chinese and English. 503 when a part is unhealthy; a degraded part (low disk, some lanes full) still serves.
    /// </summary>
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Select(e => $"{e.Key}: {e.Value.Status.ToString().ToLowerInvariant()}" + (e.Value.Description is { } d ? $" — {d}" : ""));
        return context.Response.WriteAsync(string.Join('\n', lines.Prepend(report.Status == HealthStatus.Unhealthy ? "not ready" : "ready")) + "\n");
    }

    private static async Task<HealthCheckResult> StoreAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectifyDbContext>();
        try
        {
            return await db.Database.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("数据库连不上 / cannot connect to the store");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"数据库连不上 / cannot connect to the store: {e.GetType().Name}");
        }
    }

    private const long LowDiskBytes = 1L << 30;

    private static Task<HealthCheckResult> DataFolder(IServiceProvider services, CancellationToken ct)
    {
        var path = services.GetRequiredService<IOptions<DataOptions>>().Value.Path;
        try
        {
            var probe = Path.Combine(path, $".ready-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"数据目录不可写 / data folder is not writable: {path}"));
        }
        var free = new DriveInfo(path).AvailableFreeSpace;
        return Task.FromResult(free < LowDiskBytes
            ? HealthCheckResult.Degraded($"数据目录所在磁盘剩余 {free / (1 << 20)} MB / less than 1 GB free on the data folder's disk")
            : HealthCheckResult.Healthy());
    }

    private static Task<HealthCheckResult> TurnQueueCheck(IServiceProvider services, CancellationToken ct)
    {
        var queue = services.GetRequiredService<TurnQueue>();
        var lanes = services.GetRequiredService<IOptions<TurnQueueOptions>>().Value.Lanes;
        return Task.FromResult(queue.FullLanes switch
        {
            0 => HealthCheckResult.Healthy(),
            var full when full >= lanes => HealthCheckResult.Unhealthy("所有会话队列已满，新消息被拒收 / every turn lane is full: new messages are refused"),
            var full => HealthCheckResult.Degraded($"{full} 个会话队列已满 / {full} turn lanes are full"),
        });
    }

    private static HealthCheckRegistration Check(string name, Func<IServiceProvider, CancellationToken, Task<HealthCheckResult>> check) =>
        new(name, services => new DelegateCheck(services, check), HealthStatus.Unhealthy, null);

    private sealed class DelegateCheck(IServiceProvider services, Func<IServiceProvider, CancellationToken, Task<HealthCheckResult>> check) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct) => check(services, ct);
    }
}
