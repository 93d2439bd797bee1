using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using RectifyBot.Host.Channels.WeCom;
using RectifyBot.Host.Tests.Channels.WeCom;
using RectifyBot.Host.Tests.Channels.Web;

namespace RectifyBot.Host.Tests.Deploy;

/// <summary>
/// The shipped nginx site (deploy/nginx/rectifybot.conf) in front of the real server, with a self-signed
/// certificate: a signed WeCom callback sent to nginx's https URL is verified, handled and answered through the
/// loopback WeCom API, as it would be from WeCom. Only the ports and the certificate paths of the site are changed.
/// </summary>
public sealed class NginxSiteTests : IAsyncLifetime
{
    private const string User = "lina-wx";
    private readonly string _dir = Directory.CreateTempSubdirectory("rectifybot-nginx-").FullName;
    private readonly WeComCrypto _crypto = WeComTestData.Crypto();
    private FakeWeComApi _wecom = null!;
    private WebServer _server = null!;
    private Process? _nginx;
    private X509Certificate2 _certificate = null!;
    private int _httpsPort;

    public async Task InitializeAsync()
    {
        if (NginxFactAttribute.Nginx is null)
        {
            return;
        }
        _wecom = await FakeWeComApi.StartAsync();
        _server = WebServer.With(WeComTestData.Settings(_wecom.BaseAddress).Select(kv => $"--{kv.Key}={kv.Value}")
            .Append("--ForwardedHeaders:KnownProxies:0=127.0.0.1"));
        await _server.InitializeAsync();

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(Path.Combine(_dir, "rectifybot.crt"), _certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(_dir, "rectifybot.key"), key.ExportPkcs8PrivateKeyPem());

        _httpsPort = FreePort();
        var site = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "deploy", "rectifybot.conf")))
            .Replace("127.0.0.1:5080", $"127.0.0.1:{_server.BaseAddress.Port}")
            .Replace("listen 443 ssl http2;", $"listen 127.0.0.1:{_httpsPort} ssl http2;")
            .Replace("listen 80;", $"listen 127.0.0.1:{FreePort()};")
            .Replace("/etc/rectifybot/tls/", _dir + "/");
        await File.WriteAllTextAsync(Path.Combine(_dir, "site.conf"), site);
        var temp = string.Join('\n', new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }.Select(t => $"{t}_temp_path {_dir}/{t};"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "nginx.conf"), $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes 1;
            pid {{_dir}}/nginx.pid;
            error_log {{_dir}}/error.log;
            events { worker_connections 64; }
            http {
                access_log off;
                {{temp}}
                include {{_dir}}/site.conf;
            }
            """);
        _nginx = Process.Start(new ProcessStartInfo(NginxFactAttribute.Nginx, ["-p", _dir, "-e", $"{_dir}/error.log", "-c", $"{_dir}/nginx.conf", "-g", "daemon off;"])
        {
            RedirectStandardError = true,
        })!;
        for (var tries = 0; ; tries++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, _httpsPort);
                break;
            }
            catch (SocketException) when (tries < 100 && !_nginx.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"nginx did not start: {await _nginx.StandardError.ReadToEndAsync()} {File.ReadAllText(Path.Combine(_dir, "error.log"))}");
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }
        if (NginxFactAttribute.Nginx is not null)
        {
            await _server.DisposeAsync();
            await _wecom.DisposeAsync();
        }
        Directory.Delete(_dir, recursive: true);
    }

    [NginxFact]
    public async Task A_signed_WeCom_callback_through_nginx_over_https_is_verified_and_answered()
    {
        // Trust exactly the self-signed certificate nginx was given, as an office trusts its own CA.
        using var https = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _certificate.Thumbprint,
        })
        { BaseAddress = new Uri($"https://localhost:{_httpsPort}") };
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string nonce = "5117";

        // The URL check WeCom's console makes when the callback is saved.
        var echo = _crypto.Encrypt("echo-2931");
        using (var verified = await https.GetAsync($"{WeComEndpoints.Path}?msg_signature={_crypto.Sign(timestamp, nonce, echo)}&timestamp={timestamp}&nonce={nonce}&echostr={Uri.EscapeDataString(echo)}"))
        {
            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
            Assert.Equal("echo-2931", await verified.Content.ReadAsStringAsync());
        }

        // A member's message.
        var xml = $"<xml><ToUserName><![CDATA[{WeComTestData.CorpId}]]></ToUserName><FromUserName><![CDATA[{User}]]></FromUserName>" +
                  $"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[我是李娜]]></Content>" +
                  $"<MsgId>7001</MsgId><AgentID>{WeComTestData.AgentId}</AgentID></xml>";
        using (var callback = await _wecom.PostCallbackAsync(https, xml, nonce))
        {
            Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
            Assert.Equal("nginx", callback.Headers.Server.ToString().Split('/')[0]);
        }
        // The reply came back through nginx in the callback's response.
        var reply = Assert.Single(_wecom.Messages, m => (string?)m["touser"] == User);
        Assert.True((bool?)reply["passive"]);
        Assert.Empty(_wecom.Problems);
        // A name binds nothing: the member is answered, through nginx, with how to bind.
        Assert.Equal(RectifyBot.Conversation.ConversationEngine.HowToBind(RectifyBot.Conversation.ChannelName.WeCom), (string)reply["text"]!["content"]!);

    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A test that needs nginx; skipped with a message where it is not installed, except in CI, where tests/run.sh installs it.</summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public static readonly string? Nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);

    public NginxFactAttribute()
    {
        if (Nginx is null && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "nginx 未安装：跳过经 nginx 转发的企业微信回调测试。安装：apt-get install nginx";
        }
    }
}
