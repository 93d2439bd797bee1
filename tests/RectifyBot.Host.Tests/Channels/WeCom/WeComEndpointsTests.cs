using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Host.Channels.WeCom;

namespace RectifyBot.Host.Tests.Channels.WeCom;

/// <summary>GET and POST /api/wecom over real HTTP on Kestrel, configured with the official test vector's settings.</summary>
public sealed class WeComEndpointsTests : IAsyncLifetime
{
    private const string Timestamp = "1700000000";
    private const string Nonce = "5550123";

    private readonly ConcurrentQueue<WeComMessage> _inbox = new();
    private readonly WeComCrypto _crypto = WeComTestData.Crypto();
    private readonly HttpClient _http = new();
    // The server's clock at the time the test callbacks are signed.
    private readonly ManualClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(long.Parse(Timestamp)));
    private bool _full;
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(
            builder => builder.Services.AddSingleton<TimeProvider>(_clock).AddWeComChannel().AddSingleton<WeComInbox>((message, _, _) =>
            {
                if (!_full)
                {
                    _inbox.Enqueue(message);
                }
                return ValueTask.FromResult(_full ? WeComAck.NotKept : WeComAck.Kept);
            }),
            app => app.MapWeCom(),
            WeComTestData.Settings());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Url_verification_answers_the_bare_decrypted_echostr()
    {
        using var response = await _http.GetAsync(Url(WeComTestData.EchoSignature, WeComTestData.EchoTimestamp, WeComTestData.EchoNonce, WeComTestData.EchoStr));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.ASCII.GetBytes(WeComTestData.EchoPlaintext), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Url_verification_with_a_bad_signature_is_unauthorized()
    {
        using var response = await _http.GetAsync(Url(new string('0', 40), WeComTestData.EchoTimestamp, WeComTestData.EchoNonce, WeComTestData.EchoStr));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(_server.Logs.Lines, l => l.Contains("rejected: crypto check failed: BadSignature", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Url_verification_without_echostr_is_a_bad_request()
    {
        using var response = await _http.GetAsync(Url(WeComTestData.EchoSignature, WeComTestData.EchoTimestamp, WeComTestData.EchoNonce, null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_official_callback_is_handed_over_and_answered_with_an_empty_200()
    {
        _clock.Advance(DateTimeOffset.FromUnixTimeSeconds(long.Parse(WeComTestData.PostTimestamp)) - _clock.GetUtcNow());
        using var response = await PostAsync(WeComTestData.PostBody, WeComTestData.PostSignature, WeComTestData.PostTimestamp, WeComTestData.PostNonce);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var text = Assert.IsType<WeComTextMessage>(Assert.Single(_inbox));
        Assert.Equal(("mycreate", "hello", "msg:4561255354251345929"), (text.FromUserName, text.Content, text.DedupKey));
    }

    [Fact]
    public async Task A_retried_callback_is_handed_over_again_with_the_same_dedup_key()
    {
        var (body, signature) = Seal(Text(msgId: 77));

        using var first = await PostAsync(body, signature);
        using var retry = await PostAsync(body, signature);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.Equal(["msg:77", "msg:77"], _inbox.Select(m => m.DedupKey));
    }

    [InteropFact]
    public async Task A_card_click_sealed_by_wecom_crypto_is_accepted()
    {
        string xml = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>" +
            "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event>" +
            "<EventKey><![CDATA[done:42]]></EventKey><TaskId><![CDATA[rect_20260101_0001]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>" +
            "<ResponseCode><![CDATA[RC1]]></ResponseCode><AgentID>218</AgentID></xml>";
        var encrypted = await WeComCryptoNode.RunAsync(new JsonObject
        {
            ["op"] = "encrypt", ["key"] = WeComTestData.EncodingAesKey, ["message"] = xml, ["id"] = WeComTestData.CorpId,
        });
        string encrypt = (string)encrypted[0]!["encrypt"]!;
        var signed = await WeComCryptoNode.RunAsync(new JsonObject
        {
            ["op"] = "sign", ["token"] = WeComTestData.Token, ["timestamp"] = Timestamp, ["nonce"] = Nonce, ["encrypt"] = encrypt,
        });

        using var response = await PostAsync(Envelope(encrypt), (string)signed[0]!["signature"]!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var click = Assert.IsType<WeComTemplateCardEvent>(Assert.Single(_inbox));
        Assert.Equal(("done:42", "rect_20260101_0001", "RC1"), (click.EventKey, click.TaskId, click.ResponseCode));
    }

    [Theory]
    [InlineData(-4 * 60, HttpStatusCode.OK)]
    [InlineData(4 * 60, HttpStatusCode.OK)]
    [InlineData(-6 * 60, HttpStatusCode.Unauthorized)]
    [InlineData(6 * 60, HttpStatusCode.Unauthorized)]
    // A capture replayed after the inbox has forgotten its MsgId.
    [InlineData(-(2 * 24 * 60 + 1) * 60, HttpStatusCode.Unauthorized)]
    public async Task A_correctly_signed_callback_is_accepted_only_within_five_minutes_of_the_servers_clock(int secondsFromNow, HttpStatusCode expected)
    {
        var timestamp = (long.Parse(Timestamp) + secondsFromNow).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var encrypt = _crypto.Encrypt(Text(msgId: 5));

        using var response = await PostAsync(Envelope(encrypt), _crypto.Sign(timestamp, Nonce, encrypt), timestamp);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, _inbox.Count);
    }

    [Fact]
    public async Task A_callback_signed_in_2001_is_refused()
    {
        const string timestamp = "1000000000";
        var encrypt = _crypto.Encrypt(Text(msgId: 6));

        using var response = await PostAsync(Envelope(encrypt), _crypto.Sign(timestamp, Nonce, encrypt), timestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_inbox);
        Assert.Contains(_server.Logs.Lines, l => l.Contains("timestamp 1000000000 outside", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_callback_the_inbox_cannot_take_is_answered_503_so_that_wecom_retries()
    {
        _full = true;
        var (body, signature) = Seal(Text(msgId: 8));

        using var response = await PostAsync(body, signature);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task A_bad_signature_is_unauthorized_and_nothing_is_handed_over()
    {
        var (body, _) = Seal(Text(msgId: 1));

        using var response = await PostAsync(body, WeComTestData.PostSignature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_inbox);
    }

    [Fact]
    public async Task A_message_for_another_corp_is_rejected()
    {
        var (body, signature) = Seal(Text(msgId: 1), new WeComCrypto(WeComTestData.Token, WeComTestData.EncodingAesKey, "wwOtherCorp00000"));

        using var response = await PostAsync(body, signature);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_inbox);
        Assert.Contains(_server.Logs.Lines, l => l.Contains("WrongReceiveId", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-16)]
    [InlineData(-32)]
    [InlineData(32)]
    [InlineData(48)]
    public async Task Truncated_or_extended_ciphertext_is_rejected(int change)
    {
        byte[] cipher = Convert.FromBase64String(_crypto.Encrypt(Text(msgId: 1)));
        byte[] changed = change < 0 ? cipher[..^-change] : [.. cipher, .. new byte[change]];
        string encrypt = Convert.ToBase64String(changed);

        using var response = await PostAsync(Envelope(encrypt), _crypto.Sign(Timestamp, Nonce, encrypt));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_inbox);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_oversized_body_is_refused_before_it_is_read(bool chunked)
    {
        string body = $"<xml><Encrypt>{new string('A', WeComEndpoints.MaxBodyBytes)}</Encrypt></xml>";
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(new string('0', 40), Timestamp, Nonce, null))
        {
            Content = new StringContent(body, Encoding.UTF8, "text/xml"),
        };
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_inbox);
    }

    [Theory]
    [InlineData("not xml at all")]
    [InlineData("<xml><ToUserName>x</ToUserName></xml>")]
    [InlineData("<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&e;</Encrypt></xml>")]
    public async Task A_malformed_envelope_is_a_bad_request(string body)
    {
        using var response = await PostAsync(body, new string('0', 40));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_inbox);
    }

    [Fact]
    public async Task A_decrypted_message_that_does_not_parse_is_a_bad_request()
    {
        var (body, signature) = Seal("<xml><FromUserName>zhangsan</FromUserName>");

        using var response = await PostAsync(body, signature);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_inbox);
    }

    [Fact]
    public async Task A_post_without_signature_parameters_is_a_bad_request()
    {
        using var response = await _http.PostAsync(new Uri(_server.BaseAddress, WeComEndpoints.Path), new StringContent(WeComTestData.PostBody));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Without_wecom_settings_the_callback_url_is_not_mapped()
    {
        await using var server = await LoopbackServer.StartAsync(builder => builder.Services.AddWeComChannel(), app => app.MapWeCom());

        using var response = await _http.GetAsync(new Uri(server.BaseAddress, WeComEndpoints.Path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string Text(long msgId) =>
        $"<xml><ToUserName><![CDATA[{WeComTestData.CorpId}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>" +
        $"<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[社会事务科有哪些逾期的]]></Content>" +
        $"<MsgId>{msgId}</MsgId><AgentID>218</AgentID></xml>";

    private (string Body, string Signature) Seal(string xml, WeComCrypto? by = null)
    {
        string encrypt = (by ?? _crypto).Encrypt(xml);
        return (Envelope(encrypt), _crypto.Sign(Timestamp, Nonce, encrypt));
    }

    private static string Envelope(string encrypt) =>
        $"<xml><ToUserName><![CDATA[{WeComTestData.CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";

    private Task<HttpResponseMessage> PostAsync(string body, string signature, string timestamp = Timestamp, string nonce = Nonce) =>
        _http.PostAsync(Url(signature, timestamp, nonce, null), new StringContent(body, Encoding.UTF8, "text/xml"));

    private Uri Url(string signature, string timestamp, string nonce, string? echostr) =>
        new(_server.BaseAddress, $"{WeComEndpoints.Path}?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}" +
            (echostr is null ? "" : $"&echostr={Uri.EscapeDataString(echostr)}"));
}
