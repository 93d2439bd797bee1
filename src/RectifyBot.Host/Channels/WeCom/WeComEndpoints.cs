using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RectifyBot.Host.Outbox;

namespace RectifyBot.Host.Channels.WeCom;

/// <summary>
/// Where a verified, decrypted WeCom callback goes, with its decrypted XML. It must return quickly (store and
/// enqueue, answer only what is ready): WeCom waits five seconds before it retries. Retries carry the same
/// <see cref="WeComMessage.DedupKey"/>.
/// </summary>
public delegate ValueTask<WeComAck> WeComInbox(WeComMessage message, string xml, CancellationToken cancellationToken);

/// <summary>
/// What a callback is answered: not kept (WeCom is to retry it later), or kept, with the reply's text when it is ready
/// (被动回复); <see cref="Responded"/> is told whether the response carrying that text was sent.
/// </summary>
public readonly record struct WeComAck(bool IsKept, string? Reply = null, Action<bool>? Responded = null)
{
    public static WeComAck Kept => new(true);

    public static WeComAck NotKept => new(false);
}

/// <summary>
/// The callback URL /api/wecom: GET verifies the URL, POST receives messages and events.
/// REF: https://developer.work.weixin.qq.com/document/path/90930 (接收消息与事件 / 回调配置)
/// </summary>
public static class WeComEndpoints
{
    public const string Path = "/api/wecom";

    /// <summary>A callback envelope is about 1 KB; a body this large is not WeCom.</summary>
    internal const int MaxBodyBytes = 64 * 1024;

    private const string LogCategory = "RectifyBot.Host.Channels.WeCom.WeComEndpoints";

    /// <summary>Registers options (validated at start), the crypto and the API client. Register a <see cref="WeComInbox"/> too.</summary>
    public static IServiceCollection AddWeComChannel(this IServiceCollection services)
    {
        services.AddTelemetry();
        services.AddOptions<WeComOptions>().BindConfiguration(WeComOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WeComOptions>, WeComOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        // No HttpClient request logging: its URLs carry corpsecret, access_token and robot keys.
        // 30 s rather than 100 s: a reply that late is useless, but a 20 MB file still downloads in time.
        services.AddHttpClient(WeComApiClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddSingleton<WeComApiClient>();
        services.AddOutbox<WeComOutbox>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<WeComOptions>>().Value;
            return new WeComCrypto(options.Token!, options.EncodingAesKey!, options.CorpId!);
        });
        return services;
    }

    /// <summary>Maps GET and POST /api/wecom when the WeCom settings are present.</summary>
    public static IEndpointRouteBuilder MapWeCom(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<WeComOptions>>().Value.Enabled)
        {
            endpoints.MapGet(Path, VerifyUrl);
            endpoints.MapPost(Path, ReceiveAsync);
        }
        return endpoints;
    }

    /// <summary>
    /// URL verification: decrypt echostr and answer the bare plaintext, "不能加引号，不能带bom头，不能带换行符".
    /// </summary>
    private static Results<ContentHttpResult, BadRequest, UnauthorizedHttpResult> VerifyUrl(
        [FromQuery(Name = "msg_signature")] string? signature, string? timestamp, string? nonce, string? echostr,
        [FromServices] WeComCrypto crypto, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(LogCategory);
        if (signature is null || timestamp is null || nonce is null || string.IsNullOrEmpty(echostr))
        {
            return Rejected(logger, "URL verification without msg_signature, timestamp, nonce or echostr");
        }
        var decryption = crypto.VerifyAndDecrypt(signature, timestamp, nonce, echostr);
        if (!decryption.Succeeded)
        {
            WeComLog.CallbackRejected(logger, $"crypto check failed: {decryption.Failure}");
            return decryption.Failure == WeComCryptoFailure.BadSignature ? TypedResults.Unauthorized() : TypedResults.BadRequest();
        }
        WeComLog.UrlVerified(logger);
        return TypedResults.Text(decryption.Message, "text/plain", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>
    /// Verifies, decrypts and parses, hands the message to the inbox and answers 200: with the reply when the inbox has
    /// it (被动回复), else with an empty body, "可以直接返回200（即以空串为返回包）", and the reply goes out later
    /// through message/send.
    /// </summary>
    private static async Task<Results<Ok, ContentHttpResult, BadRequest, UnauthorizedHttpResult, StatusCodeHttpResult>> ReceiveAsync(
        HttpRequest request, [FromQuery(Name = "msg_signature")] string? signature, string? timestamp, string? nonce,
        [FromServices] WeComCrypto crypto, [FromServices] WeComInbox inbox, IOptions<WeComOptions> options, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(LogCategory);
        if (signature is null || timestamp is null || nonce is null)
        {
            return Rejected(logger, "callback without msg_signature, timestamp or nonce");
        }
        var body = request.ContentLength > MaxBodyBytes
            ? null
            : await BoundedStream.ReadAtMostAsync(request.Body, MaxBodyBytes, cancellationToken, request.ContentLength);
        if (body is null)
        {
            WeComLog.CallbackRejected(logger, $"body larger than {MaxBodyBytes} bytes");
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        if (!WeComEnvelope.TryParse(body, out var envelope, out string? envelopeError))
        {
            return Rejected(logger, $"envelope: {envelopeError}");
        }
        var decryption = crypto.VerifyAndDecrypt(signature, timestamp, nonce, envelope.Encrypt);
        if (!decryption.Succeeded)
        {
            WeComLog.CallbackRejected(logger, $"crypto check failed: {decryption.Failure}");
            return decryption.Failure == WeComCryptoFailure.BadSignature ? TypedResults.Unauthorized() : TypedResults.BadRequest();
        }
        // The signature covers the timestamp, so a callback captured on the way cannot be re-dated: refusing old
        // ones bounds how long a replay is possible, and the inbox remembers MsgIds for longer than that.
        if (!long.TryParse(timestamp, out var sent)
            || (clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(sent, 0, 253402300799))).Duration() > options.Value.TimestampWindow)
        {
            WeComLog.CallbackRejected(logger, $"timestamp {timestamp} outside ±{options.Value.TimestampWindow} of the server's clock");
            return TypedResults.Unauthorized();
        }
        if (!WeComMessage.TryParse(decryption.Message, out var message, out string? messageError))
        {
            return Rejected(logger, $"message: {messageError}");
        }
        var ack = await inbox(message, decryption.Message, cancellationToken);
        if (!ack.IsKept)
        {
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        WeComLog.CallbackAccepted(logger, message.GetType().Name, message.DedupKey);
        if (ack.Reply is not { } text)
        {
            return TypedResults.Ok();
        }
        if (ack.Responded is { } responded)
        {
            var context = request.HttpContext;
            context.Response.OnCompleted(() =>
            {
                responded(!context.RequestAborted.IsCancellationRequested);
                return Task.CompletedTask;
            });
        }
        // 被动回复消息格式 (…/path/90241): the text message, encrypted and signed with the callback's timestamp and nonce.
        var reply = $"<xml><ToUserName>{WeComXml.CData(message.FromUserName)}</ToUserName><FromUserName>{WeComXml.CData(options.Value.CorpId!)}</FromUserName>" +
                    $"<CreateTime>{clock.GetUtcNow().ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>{WeComXml.CData(text)}</Content></xml>";
        return TypedResults.Text(crypto.EncryptReply(reply, timestamp, nonce).ToXml(), "text/xml", Encoding.UTF8);
    }

    private static BadRequest Rejected(ILogger logger, string reason)
    {
        WeComLog.CallbackRejected(logger, reason);
        return TypedResults.BadRequest();
    }
}
