using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace RectifyBot.Host.Channels.WeCom;

/// <summary>
/// The WeCom server API calls the bot makes: gettoken, message/send, media/get and the group robot webhook.
/// Registered as a singleton so the access token is shared: "开发者需要缓存access_token…不能频繁调用gettoken接口"
/// (获取access_token, https://developer.work.weixin.qq.com/document/path/91039).
/// </summary>
public sealed class WeComApiClient(
    IHttpClientFactory httpClients, IOptions<WeComOptions> options, TimeProvider time, Telemetry telemetry, ILogger<WeComApiClient> logger)
{
    public const string HttpClientName = "WeCom";

    /// <summary>临时素材: files are at most 20 MB (上传临时素材, …/path/90253).</summary>
    internal const long MaxMediaBytes = 20 * 1024 * 1024;

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private static readonly string[] CredentialParameters = ["access_token", "key"];
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly WeComOptions _options = options.Value;
    private readonly SemaphoreSlim _tokenRefresh = new(1, 1);
    private readonly WeComRateLimiter _robotLimiter = new(time, (20, TimeSpan.FromMinutes(1)));
    private CachedToken? _token;

    /// <summary>Sends a text message (≤ 2048 bytes; split with <see cref="WeComReplySplitter"/> first).</summary>
    /// <param name="toUser">UserIDs joined by '|', or "@all".</param>
    public Task<WeComResult<WeComSent>> SendTextAsync(string toUser, string content, CancellationToken cancellationToken) =>
        PostAppAsync("message/send", agentId => new SendMessageRequest(toUser, "text", agentId) { Text = new ContentBody(content) },
            cancellationToken);

    /// <summary>Sends markdown in WeCom's subset (≤ 2048 bytes for app messages).</summary>
    public Task<WeComResult<WeComSent>> SendMarkdownAsync(string toUser, string content, CancellationToken cancellationToken) =>
        PostAppAsync("message/send", agentId => new SendMessageRequest(toUser, "markdown", agentId) { Markdown = new ContentBody(content) },
            cancellationToken);

    /// <summary>Sends a button_interaction template card; a click comes back as <see cref="WeComTemplateCardEvent"/>.</summary>
    public Task<WeComResult<WeComSent>> SendButtonCardAsync(string toUser, WeComButtonCard card, CancellationToken cancellationToken) =>
        PostAppAsync("message/send", agentId => new SendMessageRequest(toUser, "template_card", agentId)
        {
            TemplateCard = new TemplateCardBody("button_interaction", card.TaskId, new CardTitle(card.Title, card.Description),
                [.. card.Buttons.Select(b => new CardButton(b.Text, b.Style, b.Key))]),
        }, cancellationToken);

    /// <summary>
    /// After a card click, turns the clicked card's buttons into one disabled button reading <paramref name="replaceName"/>;
    /// the ResponseCode works once, within 72 hours (更新模版卡片消息, …/path/94888).
    /// </summary>
    public Task<WeComResult<WeComSent>> UpdateCardButtonAsync(
        string userId, string responseCode, string replaceName, CancellationToken cancellationToken) =>
        PostAppAsync("message/update_template_card",
            agentId => new UpdateCardButtonRequest([userId], agentId, responseCode, new ReplaceButton(replaceName)), cancellationToken);

    /// <summary>
    /// Sends a file (台账, 报告): uploaded as a temporary file (上传临时素材, …/path/90253; kept three days, up to 20 MB),
    /// then sent as a file message.
    /// </summary>
    public async Task<WeComResult<WeComSent>> SendFileAsync(string toUser, string fileName, byte[] content, CancellationToken cancellationToken)
    {
        var upload = await WithAccessTokenAsync(token =>
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            // The docs' example names the part "media" and gives filename and filelength in its disposition.
            file.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data")
            {
                Name = "\"media\"", FileName = $"\"{fileName}\"", Size = content.Length,
            };
            form.Add(file);
            var request = new HttpRequestMessage(HttpMethod.Post, Url($"/cgi-bin/media/upload?access_token={Escape(token)}&type=file")) { Content = form };
            return SendAsync<MediaUploadResponse>("media/upload", request, cancellationToken);
        }, cancellationToken);
        if (!upload.Succeeded || upload.Value.MediaId is not { Length: > 0 } mediaId)
        {
            return WeComResult<WeComSent>.Fail(upload.Succeeded ? new WeComError(WeComErrorKind.Api, 0, "media/upload gave no media_id") : upload.Error);
        }
        return await PostAppAsync("message/send", agentId => new SendMessageRequest(toUser, "file", agentId) { File = new MediaBody(mediaId) },
            cancellationToken);
    }

    /// <summary>The member a web sign-in code belongs to (获取访问用户身份, …/path/91023); null for a non-member.</summary>
    public async Task<WeComResult<string?>> GetUserIdAsync(string code, CancellationToken cancellationToken)
    {
        var info = await WithAccessTokenAsync(token => SendAsync<UserInfoResponse>("auth/getuserinfo",
            new HttpRequestMessage(HttpMethod.Get, Url($"/cgi-bin/auth/getuserinfo?access_token={Escape(token)}&code={Escape(code)}")), cancellationToken),
            cancellationToken);
        return info.Succeeded ? WeComResult<string?>.Ok(info.Value.UserId) : WeComResult<string?>.Fail(info.Error);
    }

    /// <summary>Downloads a member's image or file by MediaId (获取临时素材, …/path/90254).</summary>
    public Task<WeComResult<WeComMedia>> GetMediaAsync(string mediaId, CancellationToken cancellationToken) =>
        WithAccessTokenAsync(
            token => DownloadAsync($"/cgi-bin/media/get?access_token={Escape(token)}&media_id={Escape(mediaId)}", cancellationToken),
            cancellationToken);

    /// <summary>Posts markdown (≤ 4096 bytes) to the unit's group robot, waiting if the robot sent 20 in the last minute.</summary>
    public async Task<WeComResult<WeComSent>> SendRobotMarkdownAsync(string unit, string content, CancellationToken cancellationToken)
    {
        if (!_options.RobotWebhooks.TryGetValue(unit, out string? key))
        {
            return Fail<WeComSent>("webhook/send", new WeComError(WeComErrorKind.NotConfigured, 0, $"no WeCom:RobotWebhooks entry for {unit}"));
        }
        await _robotLimiter.WaitAsync(key, cancellationToken);
        var response = await PostAsync<RobotMarkdownRequest, ApiResponse>("webhook/send",
            $"/cgi-bin/webhook/send?key={Escape(key)}", new RobotMarkdownRequest(new ContentBody(content)), cancellationToken);
        return response.Succeeded ? WeComResult<WeComSent>.Ok(new WeComSent(null, null, null)) : WeComResult<WeComSent>.Fail(response.Error);
    }

    /// <summary>An app API call (message/…) with the agentid and the access token.</summary>
    private async Task<WeComResult<WeComSent>> PostAppAsync<TRequest>(
        string operation, Func<int, TRequest> build, CancellationToken cancellationToken)
    {
        if (!_options.Enabled || _options.AgentId is not int agentId)
        {
            return Fail<WeComSent>(operation, MissingSettings());
        }
        var request = build(agentId);
        var response = await WithAccessTokenAsync(
            token => PostAsync<TRequest, SendMessageResponse>(operation,
                $"/cgi-bin/{operation}?access_token={Escape(token)}", request, cancellationToken),
            cancellationToken);
        return response.Succeeded
            ? WeComResult<WeComSent>.Ok(new WeComSent(response.Value.MsgId, response.Value.ResponseCode, response.Value.InvalidUser))
            : WeComResult<WeComSent>.Fail(response.Error);
    }

    /// <summary>
    /// Runs a call with the cached token; when WeCom says the token is invalid (40014), missing (41001) or
    /// expired (42001) — it may invalidate tokens early — refreshes once and retries once (全局错误码, …/path/90313).
    /// </summary>
    private async Task<WeComResult<T>> WithAccessTokenAsync<T>(
        Func<string, Task<WeComResult<T>>> call, CancellationToken cancellationToken)
    {
        var token = await GetAccessTokenAsync(stale: null, cancellationToken);
        if (!token.Succeeded)
        {
            return WeComResult<T>.Fail(token.Error);
        }
        var result = await call(token.Value.Value);
        if (result.Error is { Kind: WeComErrorKind.Api, ErrCode: 40014 or 41001 or 42001 } rejected)
        {
            WeComLog.TokenRejected(logger, rejected.ErrCode);
            token = await GetAccessTokenAsync(stale: token.Value, cancellationToken);
            if (!token.Succeeded)
            {
                return WeComResult<T>.Fail(token.Error);
            }
            result = await call(token.Value.Value);
        }
        return result;
    }

    /// <param name="stale">A token WeCom rejected: replaced even if it looks fresh, unless another call already did.</param>
    private async Task<WeComResult<CachedToken>> GetAccessTokenAsync(CachedToken? stale, CancellationToken cancellationToken)
    {
        if (Usable(_token, stale) is { } cached)
        {
            return WeComResult<CachedToken>.Ok(cached);
        }
        if (!_options.Enabled)
        {
            return Fail<CachedToken>("gettoken", MissingSettings());
        }
        await _tokenRefresh.WaitAsync(cancellationToken);
        try
        {
            if (Usable(_token, stale) is { } refreshed)
            {
                return WeComResult<CachedToken>.Ok(refreshed);
            }
            var response = await GetAsync<TokenResponse>("gettoken",
                $"/cgi-bin/gettoken?corpid={Escape(_options.CorpId!)}&corpsecret={Escape(_options.Secret!)}", cancellationToken);
            if (!response.Succeeded)
            {
                return WeComResult<CachedToken>.Fail(response.Error);
            }
            if (string.IsNullOrEmpty(response.Value.AccessToken) || response.Value.ExpiresIn <= 0)
            {
                return Fail<CachedToken>("gettoken", new WeComError(WeComErrorKind.InvalidResponse, 0, "no access_token or expires_in"));
            }
            var lifetime = TimeSpan.FromSeconds(response.Value.ExpiresIn);
            var margin = lifetime / 2 < RefreshMargin ? lifetime / 2 : RefreshMargin;
            _token = new CachedToken(response.Value.AccessToken, time.GetUtcNow() + lifetime - margin);
            WeComLog.TokenRefreshed(logger, response.Value.ExpiresIn);
            return WeComResult<CachedToken>.Ok(_token);
        }
        finally
        {
            _tokenRefresh.Release();
        }
    }

    private CachedToken? Usable(CachedToken? cached, CachedToken? stale) =>
        cached is not null && !ReferenceEquals(cached, stale) && time.GetUtcNow() < cached.RefreshAt ? cached : null;

    private Task<WeComResult<TResponse>> GetAsync<TResponse>(string operation, string pathAndQuery, CancellationToken cancellationToken)
        where TResponse : ApiResponse =>
        SendAsync<TResponse>(operation, new HttpRequestMessage(HttpMethod.Get, Url(pathAndQuery)), cancellationToken);

    private Task<WeComResult<TResponse>> PostAsync<TRequest, TResponse>(
        string operation, string pathAndQuery, TRequest body, CancellationToken cancellationToken)
        where TResponse : ApiResponse
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url(pathAndQuery)) { Content = JsonContent.Create(body, options: Json) };
        return SendAsync<TResponse>(operation, request, cancellationToken);
    }

    private async Task<WeComResult<TResponse>> SendAsync<TResponse>(
        string operation, HttpRequestMessage request, CancellationToken cancellationToken)
        where TResponse : ApiResponse
    {
        using (request)
        {
            try
            {
                using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
                return Logged(operation, request, response.IsSuccessStatusCode
                    ? ApiOutcome(await response.Content.ReadFromJsonAsync<TResponse>(Json, cancellationToken))
                    : HttpFailure<TResponse>(response));
            }
            catch (Exception e) when (IsTransportFailure(e, cancellationToken))
            {
                return Logged(operation, request, WeComResult<TResponse>.Fail(TransportError(e)));
            }
        }
    }

    /// <summary>media/get answers the file itself, or a JSON error body (获取临时素材, …/path/90254).</summary>
    private async Task<WeComResult<WeComMedia>> DownloadAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(pathAndQuery));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return Logged("media/get", request, await ReadMediaAsync(response, cancellationToken));
        }
        catch (Exception e) when (IsTransportFailure(e, cancellationToken))
        {
            return Logged("media/get", request, WeComResult<WeComMedia>.Fail(TransportError(e)));
        }
    }

    private static async Task<WeComResult<WeComMedia>> ReadMediaAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            return HttpFailure<WeComMedia>(response);
        }
        string contentType = response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
        if (contentType is "application/json" or "text/plain")
        {
            var error = ApiOutcome(await response.Content.ReadFromJsonAsync<ApiResponse>(Json, cancellationToken));
            return WeComResult<WeComMedia>.Fail(error.Error ?? new WeComError(WeComErrorKind.InvalidResponse, 0, "JSON instead of a file"));
        }
        var content = response.Content.Headers.ContentLength > MaxMediaBytes
            ? null
            : await BoundedStream.ReadAtMostAsync(await response.Content.ReadAsStreamAsync(cancellationToken), MaxMediaBytes, cancellationToken, response.Content.Headers.ContentLength);
        return content is null
            ? WeComResult<WeComMedia>.Fail(new WeComError(WeComErrorKind.InvalidResponse, 0, $"media larger than {MaxMediaBytes} bytes"))
            : WeComResult<WeComMedia>.Ok(new WeComMedia(content, contentType, FileName(response.Content.Headers.ContentDisposition)));
    }

    internal static string? FileName(ContentDispositionHeaderValue? disposition) =>
        (disposition?.FileNameStar ?? disposition?.FileName)?.Trim('"') is { Length: > 0 } name ? name : null;

    private static WeComResult<T> ApiOutcome<T>(T? body) where T : ApiResponse => body switch
    {
        null => WeComResult<T>.Fail(new WeComError(WeComErrorKind.InvalidResponse, 0, "empty JSON body")),
        { ErrCode: 0 } => WeComResult<T>.Ok(body),
        _ => WeComResult<T>.Fail(new WeComError(WeComErrorKind.Api, body.ErrCode, body.ErrMsg ?? "")),
    };

    private static WeComResult<T> HttpFailure<T>(HttpResponseMessage response) =>
        WeComResult<T>.Fail(new WeComError(WeComErrorKind.Http, (int)response.StatusCode, response.ReasonPhrase ?? ""));

    private static bool IsTransportFailure(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or JsonException or NotSupportedException
        || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static WeComError TransportError(Exception e) => e switch
    {
        JsonException or NotSupportedException => new WeComError(WeComErrorKind.InvalidResponse, 0, "unreadable JSON"),
        TaskCanceledException => new WeComError(WeComErrorKind.Http, 0, "timed out"),
        _ => new WeComError(WeComErrorKind.Http, 0, e.Message),
    };

    private WeComError MissingSettings() =>
        new(WeComErrorKind.NotConfigured, 0, $"missing {string.Join(", ", _options.MissingSettings())}");

    private WeComResult<T> Fail<T>(string operation, WeComError error)
    {
        WeComLog.CallFailed(logger, operation, error.Kind, error.ErrCode, error.Message);
        telemetry.OutboundFailed("wecom", operation);
        return WeComResult<T>.Fail(error);
    }

    /// <summary>
    /// Logs a failed call and returns it, without credentials in either: the query carries corpsecret,
    /// access_token or the robot key, and WeCom's errmsg or a transport error might echo them.
    /// </summary>
    private WeComResult<T> Logged<T>(string operation, HttpRequestMessage request, WeComResult<T> result)
    {
        if (result.Succeeded)
        {
            return result;
        }
        string detail = result.Error.Message;
        foreach (string credential in Credentials(request.RequestUri))
        {
            detail = detail.Replace(credential, "***", StringComparison.Ordinal);
        }
        WeComLog.CallFailed(logger, operation, result.Error.Kind, result.Error.ErrCode, detail);
        telemetry.OutboundFailed("wecom", operation);
        return WeComResult<T>.Fail(result.Error with { Message = detail });
    }

    /// <summary>The access token in the request, the app secret and the robot keys.</summary>
    private IEnumerable<string> Credentials(Uri? uri) =>
        (from pair in (uri?.Query.TrimStart('?') ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries)
         let split = pair.IndexOf('=')
         where split > 0 && CredentialParameters.Contains(pair[..split])
         select Uri.UnescapeDataString(pair[(split + 1)..]))
        .Append(_options.Secret ?? "")
        .Concat(_options.RobotWebhooks.Values)
        .Where(credential => credential.Length > 0);

    private Uri Url(string pathAndQuery) => new(_options.ApiBaseUrl.ToString().TrimEnd('/') + pathAndQuery);

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);
}
