using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RectifyBot.Host.Channels.WeComBot;

/// <summary>
/// One open long connection. Frames go out one at a time (a WebSocket takes one send at once); WeCom acknowledges
/// each with a frame that has no <c>cmd</c> and the same <c>headers.req_id</c>, which completes the request that
/// sent it; every other frame is a callback, handed on in the order it came.
/// </summary>
internal sealed class WeComBotConnection(WebSocket socket)
{
    /// <summary>A callback is a few KB; a frame far larger than that is not WeCom.</summary>
    private const int MaxFrameBytes = 1024 * 1024;

    /// <summary>Chinese kept as itself: a third of the bytes of \u escapes, and frames that read in a capture.</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _acks = new();

    /// <summary>Sends a frame and waits for its acknowledgement (errcode and errmsg), at most <paramref name="timeout"/>.</summary>
    public async Task<JsonObject> RequestAsync(JsonObject frame, TimeSpan timeout, CancellationToken ct)
    {
        var reqId = (string)frame["headers"]!["req_id"]!;
        var ack = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        // One reply's frames share its req_id; each waits for the previous one's acknowledgement, as WeCom wants.
        if (!_acks.TryAdd(reqId, ack))
        {
            throw new InvalidOperationException("A frame with this req_id is still waiting for its acknowledgement.");
        }
        try
        {
            await SendAsync(frame, ct);
            return await ack.Task.WaitAsync(timeout, ct);
        }
        finally
        {
            _acks.TryRemove(KeyValuePair.Create(reqId, ack));
        }
    }

    private async Task SendAsync(JsonObject frame, CancellationToken ct)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(frame, Json);
        await _sending.WaitAsync(ct);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>
    /// Reads frames until the socket closes or fails: acknowledgements complete their requests, callbacks go to
    /// <paramref name="onCallback"/>, which must return quickly. Requests still waiting then fail.
    /// </summary>
    public async Task ReceiveAsync(Action<JsonObject> onCallback, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.GetMemory(8192), ct);
                    buffer.Advance(result.Count);
                    if (buffer.WrittenCount > MaxFrameBytes)
                    {
                        throw new WebSocketException(WebSocketError.InvalidMessageType, "frame too large");
                    }
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                if (Parse(buffer.WrittenSpan) is not { } frame)
                {
                    continue;
                }
                if (frame["cmd"] is null)
                {
                    if ((string?)frame["headers"]?["req_id"] is { } reqId && _acks.TryGetValue(reqId, out var ack))
                    {
                        ack.TrySetResult(frame);
                    }
                }
                else
                {
                    onCallback(frame);
                }
            }
        }
        finally
        {
            foreach (var ack in _acks.Values)
            {
                ack.TrySetException(new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "the connection closed"));
            }
        }
    }

    private static JsonObject? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonNode.Parse(utf8) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The frame WeCom expects: <c>{"cmd", "headers": {"req_id"}, "body"}</c>.</summary>
    public static JsonObject Frame(string cmd, string reqId, JsonObject? body) => body is null
        ? new JsonObject { ["cmd"] = cmd, ["headers"] = new JsonObject { ["req_id"] = reqId } }
        : new JsonObject { ["cmd"] = cmd, ["headers"] = new JsonObject { ["req_id"] = reqId }, ["body"] = body };
}
