using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.WeComBot;

/// <summary>
/// Keeps the one long connection a bot may have: connect, <c>aibot_subscribe</c> and wait for the ack, a
/// <c>ping</c> every 30 s (two unanswered mean the connection is dead), and reconnect with a delay of 1, 2, 4 … 30 s.
/// A refused subscribe (bad BotId or Secret) is counted apart and ends the attempts after five; both counts start
/// again after a subscribe succeeds. After <c>disconnected_event</c> it never reconnects: WeCom sends it when another
/// connection subscribed for the same bot, and reconnecting would only kick that one in turn.
/// With several server instances, the one holding the lease in the store connects; the lease lasts three heartbeats
/// and is renewed each heartbeat, so another instance takes over once the holder has stopped or died. After a kick
/// the holder keeps the lease, so no instance reconnects until it is restarted. While connected it sends the pushes
/// every instance queued (<see cref="WeComBotPushes"/>).
/// REF: ../shared/PROTOCOLS-2026.md §1 (official Node SDK src/ws.ts).
/// </summary>
public sealed partial class WeComBotConnector(IOptions<WeComBotOptions> options, WeComBotClient client, WeComBotTurns turns, WeComBotOutbox outbox,
    IServiceScopeFactory scopes, TimeProvider time, ILogger<WeComBotConnector> logger) : BackgroundService
{
    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    internal const int MaxAuthFailures = 5;
    private const int MissedPingsForDead = 2;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private enum Outcome { Kicked, Refused, Failed, Lost }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        try
        {
            await RunAsync(settings, stoppingToken);
        }
        finally
        {
            await ReleaseLeaseAsync(settings);
        }
    }

    private async Task RunAsync(WeComBotOptions settings, CancellationToken stoppingToken)
    {
        int failures = 0, refusals = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            await AwaitLeaseAsync(settings, stoppingToken);
            var outcome = await ConnectOnceAsync(settings, stoppingToken);
            if (stoppingToken.IsCancellationRequested)
            {
                // The server is stopping: the connection ended for that, and "reconnecting" would be a false line in the log.
                return;
            }
            int attempt;
            switch (outcome)
            {
                case Outcome.Kicked:
                    Log.Kicked(logger);
                    await KeepLeaseAsync(settings, stoppingToken);
                    return;
                case Outcome.Refused when ++refusals >= MaxAuthFailures:
                    Log.GaveUp(logger, MaxAuthFailures);
                    return;
                case Outcome.Refused:
                    attempt = refusals - 1;
                    break;
                case Outcome.Lost:
                    // It was subscribed: the counts start again.
                    failures = refusals = 0;
                    attempt = 0;
                    break;
                default:
                    attempt = failures++;
                    break;
            }
            var delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, settings.ReconnectDelay.Ticks << Math.Min(attempt, 20)));
            Log.Reconnecting(logger, outcome.ToString(), delay.TotalSeconds);
            await Task.Delay(delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<Outcome> ConnectOnceAsync(WeComBotOptions settings, CancellationToken stoppingToken)
    {
        using var socket = new ClientWebSocket();
        using var connectionEnd = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var kicked = false;
        try
        {
            await socket.ConnectAsync(settings.Url, connectionEnd.Token);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException)
        {
            Log.ConnectFailed(logger, e.Message);
            return Outcome.Failed;
        }
        var connection = new WeComBotConnection(socket);
        var receiving = connection.ReceiveAsync(frame =>
        {
            if ((string?)frame["body"]?["event"]?["eventtype"] == "disconnected_event")
            {
                kicked = true;
                connectionEnd.Cancel();
                return;
            }
            turns.Receive(frame);
        }, connectionEnd.Token);
        try
        {
            var subscribe = WeComBotConnection.Frame("aibot_subscribe", WeComBotClient.NewReqId("aibot_subscribe", time),
                new JsonObject { ["bot_id"] = settings.BotId, ["secret"] = settings.Secret });
            var ack = await connection.RequestAsync(subscribe, WeComBotClient.AckTimeout, connectionEnd.Token);
            if ((int?)ack["errcode"] is not (0 or null))
            {
                Log.SubscribeRefused(logger, (int?)ack["errcode"] ?? 0, (string?)ack["errmsg"] ?? "");
                return Outcome.Refused;
            }
            client.Attach(connection);
            Log.Connected(logger, settings.Url.Host);
            // The pushes any instance queued go out while this one holds the connection.
            await Task.WhenAny(receiving, HeartbeatAsync(connection, settings, connectionEnd.Token), outbox.DrainAsync(connectionEnd.Token));
            return kicked ? Outcome.Kicked : Outcome.Lost;
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            if (kicked)
            {
                return Outcome.Kicked;
            }
            Log.ConnectFailed(logger, e.Message);
            return Outcome.Failed;
        }
        finally
        {
            client.Attach(null);
            await connectionEnd.CancelAsync();
            socket.Abort();
            await receiving.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// A ping each period, its ack awaited for at most one period, and the lease renewed; returns when two pings in a
    /// row went unanswered or the lease was lost.
    /// </summary>
    private async Task HeartbeatAsync(WeComBotConnection connection, WeComBotOptions settings, CancellationToken ct)
    {
        var period = settings.Heartbeat;
        using var timer = new PeriodicTimer(period, time);
        var missed = 0;
        // The lease lasts three periods: a renewal the store could not take (a busy SQLite file) keeps the connection
        // while the last renewal still covers the next period; only another holder, or that running out, ends it.
        var coveredUntil = time.GetUtcNow() + (period * 2);
        while (await timer.WaitForNextTickAsync(ct))
        {
            var held = await HoldLeaseAsync(settings, ct);
            if (held == true)
            {
                coveredUntil = time.GetUtcNow() + (period * 2);
            }
            else if (held == false || time.GetUtcNow() >= coveredUntil)
            {
                Log.LeaseLost(logger);
                return;
            }
            try
            {
                await connection.RequestAsync(WeComBotConnection.Frame("ping", WeComBotClient.NewReqId("ping", time), null), period, ct);
                missed = 0;
            }
            catch (TimeoutException) when (++missed < MissedPingsForDead)
            {
            }
            catch (TimeoutException)
            {
                Log.Dead(logger, MissedPingsForDead);
                return;
            }
        }
    }

    private async Task AwaitLeaseAsync(WeComBotOptions settings, CancellationToken ct)
    {
        var told = false;
        while (await HoldLeaseAsync(settings, ct) != true)
        {
            if (!told)
            {
                Log.HeldElsewhere(logger);
                told = true;
            }
            await Task.Delay(settings.Heartbeat, time, ct);
        }
    }

    private async Task KeepLeaseAsync(WeComBotOptions settings, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(settings.Heartbeat, time);
        while (await timer.WaitForNextTickAsync(ct).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
        {
            await HoldLeaseAsync(settings, ct);
        }
    }

    /// <summary>
    /// True when this instance holds the lease, false when another does, null when the store could not be asked: without
    /// the lease this instance cannot know it is the only one.
    /// </summary>
    private async Task<bool?> HoldLeaseAsync(WeComBotOptions settings, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await Leases.TryHoldAsync(scope.ServiceProvider.GetRequiredService<RectifyDbContext>(), LeaseName(settings), _holder,
                time.GetUtcNow().UtcDateTime, settings.Heartbeat * 3, ct);
        }
        catch (System.Data.Common.DbException e)
        {
            Log.LeaseFailed(logger, e);
            return null;
        }
    }

    private async Task ReleaseLeaseAsync(WeComBotOptions settings)
    {
        await using var scope = scopes.CreateAsyncScope();
        await Leases.ReleaseAsync(scope.ServiceProvider.GetRequiredService<RectifyDbContext>(), LeaseName(settings), _holder, CancellationToken.None);
    }

    private static string LeaseName(WeComBotOptions settings) => $"wecom-bot:{settings.BotId}";

    private static partial class Log
    {
        [LoggerMessage(EventId = 6208, Level = LogLevel.Information, Message = "WeCom AI bot: another server instance holds the connection; this one takes over if that one stops")]
        public static partial void HeldElsewhere(ILogger logger);

        [LoggerMessage(EventId = 6217, Level = LogLevel.Warning, Message = "WeCom AI bot: the connection lease could not be read or renewed")]
        public static partial void LeaseFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 6209, Level = LogLevel.Warning, Message = "WeCom AI bot: the connection lease was lost to another instance; closing this connection")]
        public static partial void LeaseLost(ILogger logger);

        [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "WeCom AI bot connected and subscribed at {Host}")]
        public static partial void Connected(ILogger logger, string host);

        [LoggerMessage(EventId = 6202, Level = LogLevel.Warning, Message = "WeCom AI bot connection failed: {Reason}")]
        public static partial void ConnectFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 6203, Level = LogLevel.Error, Message = "WeCom AI bot subscribe refused: errcode {ErrCode} {ErrMsg}; check WeComBot:BotId and WeComBot:Secret")]
        public static partial void SubscribeRefused(ILogger logger, int errCode, string errMsg);

        [LoggerMessage(EventId = 6204, Level = LogLevel.Information, Message = "WeCom AI bot reconnects after {Outcome} in {Seconds} s")]
        public static partial void Reconnecting(ILogger logger, string outcome, double seconds);

        [LoggerMessage(EventId = 6205, Level = LogLevel.Warning, Message = "WeCom AI bot: {Missed} pings went unanswered; the connection is taken as dead")]
        public static partial void Dead(ILogger logger, int missed);

        [LoggerMessage(EventId = 6206, Level = LogLevel.Error, Message = "WeCom AI bot: disconnected_event, another connection subscribed for this bot; not reconnecting (restart the server to take it back)")]
        public static partial void Kicked(ILogger logger);

        [LoggerMessage(EventId = 6207, Level = LogLevel.Error, Message = "WeCom AI bot: subscribe refused {Count} times; not reconnecting until the settings are fixed and the server restarted")]
        public static partial void GaveUp(ILogger logger, int count);
    }
}
