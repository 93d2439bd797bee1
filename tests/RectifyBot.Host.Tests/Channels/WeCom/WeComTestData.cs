using System.Net;
using System.Text;
using RectifyBot.Host.Channels.WeCom;

namespace RectifyBot.Host.Tests.Channels.WeCom;

/// <summary>
/// WeCom's official callback test vector (加解密方案说明 sample code, re-checked with @wecom/crypto);
/// see shared/PROTOCOLS.md §1.2.
/// </summary>
internal static class WeComTestData
{
    public const string Token = "QDG6eK";
    public const string EncodingAesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    public const string CorpId = "wx5823bf96d3bd56c7";
    public const int AgentId = 218;
    public const string Secret = "test-secret-5rTq9";

    public const string EchoSignature = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3";
    public const string EchoTimestamp = "1409659589";
    public const string EchoNonce = "263014780";
    public const string EchoStr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
    public const string EchoPlaintext = "1616140317555161061";

    public const string PostSignature = "477715d11cdb4164915debcba66cb864d751f3e6";
    public const string PostTimestamp = "1409659813";
    public const string PostNonce = "1372623149";
    public const string PostEncrypt =
        "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";
    public const string PostBody =
        $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><Encrypt><![CDATA[{PostEncrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";
    public const string PostPlaintext =
        "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n" +
        "<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n" +
        "<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>";

    public static WeComCrypto Crypto() => new(Token, EncodingAesKey, CorpId);

    /// <summary>The configuration of an enabled WeCom channel, as WeCom__Key settings would give it.</summary>
    public static Dictionary<string, string?> Settings(Uri? apiBaseUrl = null) => new()
    {
        ["WeCom:ApiBaseUrl"] = (apiBaseUrl ?? new Uri("http://127.0.0.1:9")).ToString(),
        ["WeCom:CorpId"] = CorpId,
        ["WeCom:AgentId"] = AgentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WeCom:Secret"] = Secret,
        ["WeCom:Token"] = Token,
        ["WeCom:EncodingAesKey"] = EncodingAesKey,
        ["WeCom:RobotWebhooks:社会事务科"] = "robot-key-7f3a",
    };
}
