using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace RectifyBot.Host.Channels.WeComBot;

/// <summary>What WeCom answered to a frame: errcode 0 is success.</summary>
public sealed record WeComBotAck(int ErrCode, string ErrMsg)
{
    /// <summary>846608: a stream is not updated after six minutes from its first frame.</summary>
    public const int StreamExpired = 846608;

    public bool Succeeded => ErrCode == 0;
}

/// <summary>
/// Sends frames on whichever connection is live (the connector attaches it after a subscribe succeeds) and waits
/// for WeCom's acknowledgement, as the official SDK does (≤ 5 s each). With no live connection a send fails at once:
/// a reply cannot wait for a reconnect that may take half a minute.
/// </summary>
public sealed class WeComBotClient
{
    internal static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(5);

    private volatile WeComBotConnection? _connection;
    private volatile TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Connected => _connection is not null;

    internal void Attach(WeComBotConnection? connection)
    {
        _connection = connection;
        if (connection is not null)
        {
            _connected.TrySetResult();
        }
        else if (_connected.Task.IsCompleted)
        {
            _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Waits until a connection is live, at most <paramref name="timeout"/>: for replies that can wait, as those replayed at start.</summary>
    /// <exception cref="TimeoutException">Still not connected.</exception>
    public Task WaitConnectedAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct) =>
        Connected ? Task.CompletedTask : _connected.Task.WaitAsync(timeout, time, ct);

    /// <exception cref="WebSocketException">No live connection, or it closed before the acknowledgement.</exception>
    /// <exception cref="TimeoutException">No acknowledgement within five seconds.</exception>
    public async Task<WeComBotAck> SendAsync(string cmd, string reqId, JsonObject? body, CancellationToken ct)
    {
        var connection = _connection ?? throw new WebSocketException(WebSocketError.InvalidState, "The WeCom AI bot is not connected.");
        var ack = await connection.RequestAsync(WeComBotConnection.Frame(cmd, reqId, body), AckTimeout, ct);
        return new WeComBotAck((int?)ack["errcode"] ?? 0, (string?)ack["errmsg"] ?? "");
    }

    /// <summary>A fresh req_id in the SDK's form, <c>cmd_unixms_random</c>, for frames that answer no callback.</summary>
    public static string NewReqId(string cmd, TimeProvider time) =>
        $"{cmd}_{time.GetUtcNow().ToUnixTimeMilliseconds()}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
