using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RectifyBot.Host.Tests.Channels.WeCom;

/// <summary>
/// A loopback stand-in for qyapi.weixin.qq.com that checks each request's shape as the docs give it
/// (获取access_token 91039, 发送应用消息 90236, 获取临时素材 90254, 群机器人 91770) and records what it got.
/// A request of the wrong shape is recorded in <see cref="Problems"/> and answered with errcode 40058.
/// </summary>
internal sealed class FakeWeComApi : IAsyncDisposable
{
    public const string RobotKey = "robot-key-7f3a";
    public const int HugeMediaBytes = 20 * 1024 * 1024 + 1;

    /// <summary>The web sign-in code that getuserinfo accepts, and the member it names.</summary>
    public const string SignInCode = "code-8f2a";
    public const string SignInUser = "lina-wx";

    private readonly ConcurrentDictionary<string, int> _tokens = new();
    private LoopbackServer _server = null!;
    private int _issued;
    private int _sendCalls;

    public ConcurrentQueue<string> Problems { get; } = new();
    public ConcurrentQueue<JsonObject> Messages { get; } = new();
    public ConcurrentQueue<JsonObject> RobotMessages { get; } = new();
    public ConcurrentQueue<JsonObject> CardUpdates { get; } = new();
    public ConcurrentDictionary<string, (string FileName, byte[] Content)> Uploads { get; } = new();
    public int TokenCalls => _issued;
    public int SendCalls => _sendCalls;
    public int ExpiresIn { get; set; } = 7200;
    public IReadOnlyCollection<string> IssuedTokens => [.. _tokens.Keys];

    /// <summary>When set, gettoken hands out tokens that are already expired (WeCom's early invalidation).</summary>
    public bool IssueExpiredTokens { get; set; }

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>message/send waits for this before it answers: a test holds the server's replies back with it.</summary>
    public Task SendGate { get; set; } = Task.CompletedTask;

    /// <summary>The corp's members: 李娜 (on the demo roster), 刘洋 in two departments, one who left (status 5), one in the root department only.</summary>
    public static readonly (string UserId, string Name, int[] Departments, int Main, int Status)[] Contacts =
    [
        ("lina-wx", "李娜", [2], 2, 1),
        ("liuyang", "刘洋", [3, 2], 3, 1),
        ("left-wx", "张离职", [2], 2, 5),
        ("zhaoxin", "赵新", [1], 1, 1),
    ];

    public static async Task<FakeWeComApi> StartAsync()
    {
        var fake = new FakeWeComApi();
        fake._server = await LoopbackServer.StartAsync(_ => { }, fake.Map);
        return fake;
    }

    /// <summary>
    /// Posts a message's callback as WeCom does (encrypted, signed now with <paramref name="nonce"/>) and takes a
    /// passive reply (被动回复, …/path/90241) from its response as WeCom would: signature checked, decrypted, and
    /// recorded in <see cref="Messages"/> as the text the member sees, with "passive": true. A response that is neither
    /// empty nor a valid reply is recorded in <see cref="Problems"/>.
    /// </summary>
    public async Task<HttpResponseMessage> PostCallbackAsync(HttpClient http, string plaintextXml, string nonce = "8412")
    {
        var crypto = WeComTestData.Crypto();
        var encrypt = crypto.Encrypt(plaintextXml);
        // Signed now: the server refuses callbacks outside WeCom:TimestampWindow of its clock.
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = $"<xml><ToUserName><![CDATA[{WeComTestData.CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[{WeComTestData.AgentId}]]></AgentID></xml>";
        var response = await http.PostAsync($"{RectifyBot.Host.Channels.WeCom.WeComEndpoints.Path}?msg_signature={crypto.Sign(timestamp, nonce, encrypt)}&timestamp={timestamp}&nonce={nonce}",
            new StringContent(body, Encoding.UTF8, "text/xml"));
        var reply = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode && reply.Length > 0)
        {
            TakePassiveReply(crypto, reply, timestamp, nonce);
        }
        return response;
    }

    /// <summary>A text message from <paramref name="user"/>, its callback posted (<see cref="PostCallbackAsync"/>). A retry is the same message again.</summary>
    public async Task<System.Net.HttpStatusCode> PostTextAsync(HttpClient http, string user, string text, long msgId)
    {
        using var response = await PostCallbackAsync(http,
            $"<xml><ToUserName><![CDATA[{WeComTestData.CorpId}]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>" +
            $"<CreateTime>{1700000000 + msgId}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content>" +
            $"<MsgId>{msgId}</MsgId><AgentID>{WeComTestData.AgentId}</AgentID></xml>", "77");
        return response.StatusCode;
    }

    private void TakePassiveReply(RectifyBot.Host.Channels.WeCom.WeComCrypto crypto, string body, string timestamp, string nonce)
    {
        var envelope = System.Xml.Linq.XElement.Parse(body);
        string? Field(System.Xml.Linq.XElement e, string name) => e.Element(name)?.Value;
        if (Field(envelope, "TimeStamp") != timestamp || Field(envelope, "Nonce") != nonce)
        {
            Problems.Enqueue($"passive reply not signed with the callback's timestamp and nonce: {body}");
            return;
        }
        var opened = crypto.VerifyAndDecrypt(Field(envelope, "MsgSignature") ?? "", timestamp, nonce, Field(envelope, "Encrypt") ?? "");
        if (!opened.Succeeded)
        {
            Problems.Enqueue($"passive reply: {opened.Failure}");
            return;
        }
        var reply = System.Xml.Linq.XElement.Parse(opened.Message);
        if (Field(reply, "MsgType") != "text" || Field(reply, "FromUserName") != WeComTestData.CorpId || !long.TryParse(Field(reply, "CreateTime"), out _)
            || Encoding.UTF8.GetByteCount(Field(reply, "Content") ?? "") > 2048)
        {
            Problems.Enqueue($"passive reply of the wrong shape: {opened.Message}");
            return;
        }
        Messages.Enqueue(new JsonObject
        {
            ["touser"] = Field(reply, "ToUserName"), ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = Field(reply, "Content") }, ["passive"] = true,
        });
    }

    /// <summary>Every token issued so far now answers with <paramref name="errcode"/> (42001 expired, 40014 invalid).</summary>
    public void InvalidateTokens(int errcode)
    {
        foreach (string token in _tokens.Keys)
        {
            _tokens[token] = errcode;
        }
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/cgi-bin/gettoken", (HttpRequest request) =>
        {
            if (request.Query["corpid"] != WeComTestData.CorpId)
            {
                return Error(40013, "invalid corpid");
            }
            if (request.Query["corpsecret"] != WeComTestData.Secret)
            {
                return Error(40001, "invalid secret");
            }
            string token = $"ACCESS_TOKEN_{Interlocked.Increment(ref _issued)}_{Guid.NewGuid():N}";
            _tokens[token] = IssueExpiredTokens ? 42001 : 0;
            return Results.Json(new { errcode = 0, errmsg = "ok", access_token = token, expires_in = ExpiresIn });
        });

        // 通讯录: department/list (…/path/90208) and user/list (…/path/90201), a small county bureau.
        app.MapGet("/cgi-bin/department/list", (HttpRequest request) => TokenError(request) ?? Results.Json(new JsonObject
        {
            ["errcode"] = 0, ["errmsg"] = "ok",
            ["department"] = new JsonArray(
                new JsonObject { ["id"] = 1, ["name"] = "县民政局", ["name_en"] = "", ["department_leader"] = new JsonArray(), ["parentid"] = 0, ["order"] = 100000000 },
                new JsonObject { ["id"] = 2, ["name"] = "社会事务科", ["name_en"] = "", ["department_leader"] = new JsonArray("lina-wx"), ["parentid"] = 1, ["order"] = 100 },
                new JsonObject { ["id"] = 3, ["name"] = "殡葬管理所", ["name_en"] = "", ["department_leader"] = new JsonArray(), ["parentid"] = 1, ["order"] = 90 }),
        }));
        app.MapGet("/cgi-bin/user/list", (HttpRequest request) =>
        {
            if (TokenError(request) is { } tokenError)
            {
                return tokenError;
            }
            if (!int.TryParse(request.Query["department_id"], out var department) || department is < 1 or > 3)
            {
                return Error(60003, "department not found");
            }
            var users = new JsonArray();
            foreach (var (userid, name, departments, main, status) in Contacts.Where(c => c.Departments.Contains(department)))
            {
                users.Add(new JsonObject
                {
                    ["userid"] = userid, ["name"] = name, ["department"] = new JsonArray([.. departments.Select(d => (JsonNode)d)]),
                    ["order"] = new JsonArray([.. departments.Select(_ => (JsonNode)0)]), ["position"] = "", ["status"] = status, ["main_department"] = main,
                });
            }
            return Results.Json(new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok", ["userlist"] = users });
        });

        app.MapPost("/cgi-bin/message/send", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref _sendCalls);
            await SendGate;
            if (TokenError(request) is { } tokenError)
            {
                return tokenError;
            }
            var body = await JsonBody(request);
            string? problem = body is null ? "body is not a JSON object" : AppMessageProblem(body);
            if (problem is not null)
            {
                return Problem(problem);
            }
            Messages.Enqueue(body!);
            if ((string?)body!["touser"] == "echo-secrets")
            {
                return Error(40003, $"invalid userid, token {request.Query["access_token"]} secret {WeComTestData.Secret}");
            }
            return Results.Json(new { errcode = 0, errmsg = "ok", msgid = $"msg-{Messages.Count}", response_code = "RESPONSE_CODE" });
        });

        app.MapPost("/cgi-bin/message/update_template_card", async (HttpRequest request) =>
        {
            if (TokenError(request) is { } tokenError)
            {
                return tokenError;
            }
            var body = await JsonBody(request);
            if (body?["userids"] is not JsonArray { Count: > 0 } userIds || userIds.Any(u => u is not JsonValue)
                || !IsAgentId(body["agentid"]) || ((string?)body["response_code"])?.Length is null or 0
                || ((string?)body["button"]?["replace_name"])?.Length is null or 0)
            {
                return Problem($"update_template_card body {body?.ToJsonString()}");
            }
            CardUpdates.Enqueue(body);
            return Error(0, "ok");
        });

        app.MapPost("/cgi-bin/media/upload", async (HttpRequest request) =>
        {
            if (TokenError(request) is { } tokenError)
            {
                return tokenError;
            }
            if (request.Query["type"] != "file" || !request.HasFormContentType)
            {
                return Problem("media/upload wants type=file and a multipart form");
            }
            var form = await request.ReadFormAsync();
            if (form.Files.GetFile("media") is not { Length: > 0 } media)
            {
                return Problem("media/upload has no media part");
            }
            using var content = new MemoryStream();
            await media.CopyToAsync(content);
            var id = $"upload-{Uploads.Count + 1}";
            Uploads[id] = (media.FileName, content.ToArray());
            return Results.Json(new { errcode = 0, errmsg = "ok", type = "file", media_id = id, created_at = "1700000000" });
        });

        app.MapGet("/cgi-bin/auth/getuserinfo", (HttpRequest request) =>
        {
            if (TokenError(request) is { } tokenError)
            {
                return tokenError;
            }
            return request.Query["code"] == SignInCode
                ? Results.Json(new { errcode = 0, errmsg = "ok", userid = SignInUser, user_ticket = "ticket" })
                : Error(40029, "invalid code");
        });

        app.MapGet("/cgi-bin/media/get", (HttpRequest request, HttpResponse response) =>
        {
            if (TokenError(request) is { } tokenError)
            {
                return tokenError;
            }
            return request.Query["media_id"].ToString() switch
            {
                "photo-1" => File("image/jpeg", "attachment; filename=\"photo-1.jpg\"", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]),
                "evidence-2" => File("application/pdf", "attachment; filename*=UTF-8''%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81.pdf", "%PDF-1.7"u8.ToArray()),
                "huge" => Results.Stream(s => s.WriteAsync(new byte[HugeMediaBytes]).AsTask(), "application/octet-stream"),
                _ => Error(40007, "invalid media_id"),
            };

            IResult File(string contentType, string disposition, byte[] content)
            {
                response.Headers.ContentDisposition = disposition;
                return Results.Bytes(content, contentType);
            }
        });

        app.MapPost("/cgi-bin/webhook/send", async (HttpRequest request) =>
        {
            if (request.Query["key"] != RobotKey)
            {
                return Error(93000, "invalid webhook url");
            }
            var body = await JsonBody(request);
            if (body is null || (string?)body["msgtype"] != "markdown" || ContentProblem(body["markdown"], 4096) is { } problem)
            {
                return Problem($"robot body {body?.ToJsonString()}");
            }
            RobotMessages.Enqueue(body);
            return Error(0, "ok");
        });
    }

    private IResult? TokenError(HttpRequest request)
    {
        string token = request.Query["access_token"].ToString();
        return _tokens.TryGetValue(token, out int errcode)
            ? errcode == 0 ? null : Error(errcode, errcode == 42001 ? "access_token expired" : "invalid access_token")
            : Error(token.Length == 0 ? 41001 : 40014, "invalid access_token");
    }

    private string? AppMessageProblem(JsonObject body)
    {
        if (body["touser"] is not JsonValue toUser || ((string?)toUser)?.Length is null or 0)
        {
            return "touser missing";
        }
        if (!IsAgentId(body["agentid"]))
        {
            return "agentid is not the app's number";
        }
        return (string?)body["msgtype"] switch
        {
            "text" => ContentProblem(body["text"], 2048),
            "markdown" => ContentProblem(body["markdown"], 2048),
            "template_card" => CardProblem(body["template_card"]),
            "file" => Uploads.ContainsKey((string?)body["file"]?["media_id"] ?? "") ? null : "file.media_id was not uploaded",
            var other => $"unknown msgtype {other}",
        };
    }

    private static bool IsAgentId(JsonNode? node) =>
        node is JsonValue agentId && agentId.GetValueKind() == System.Text.Json.JsonValueKind.Number && (int)agentId == WeComTestData.AgentId;

    private static string? ContentProblem(JsonNode? node, int maxBytes) =>
        node?["content"] is JsonValue content && content.GetValueKind() == System.Text.Json.JsonValueKind.String
            && Encoding.UTF8.GetByteCount((string)content!) <= maxBytes
            ? null
            : $"content missing or over {maxBytes} bytes";

    private static string? CardProblem(JsonNode? card)
    {
        if (card is null || (string?)card["card_type"] != "button_interaction" || ((string?)card["task_id"])?.Length is null or 0
            || ((string?)card["main_title"]?["title"])?.Length is null or 0)
        {
            return "card_type, task_id or main_title.title missing";
        }
        return card["button_list"] is JsonArray { Count: > 0 and <= 6 } buttons
            && buttons.All(b => b?["text"] is JsonValue && b["key"] is JsonValue && b["style"] is JsonValue style
                && style.GetValueKind() == System.Text.Json.JsonValueKind.Number)
            ? null
            : "button_list must have 1 to 6 buttons with text, style and key";
    }

    private static async Task<JsonObject?> JsonBody(HttpRequest request)
    {
        if (request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            return null;
        }
        try
        {
            return await JsonNode.ParseAsync(request.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private IResult Problem(string problem)
    {
        Problems.Enqueue(problem);
        return Error(40058, problem);
    }

    private static IResult Error(int errcode, string errmsg) => Results.Json(new { errcode, errmsg });

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
