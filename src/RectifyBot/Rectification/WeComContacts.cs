using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace RectifyBot.Rectification;

/// <summary>
/// The settings the contacts sync reads from section "WeCom": the corp, and the secret of the 通讯录同步 assistant
/// (<see cref="ContactsSecret"/>) or, without one, the app's own secret, which reads the members the app can see.
/// </summary>
public sealed class WeComContactsOptions
{
    public const string Section = "WeCom";

    public Uri ApiBaseUrl { get; set; } = new("https://qyapi.weixin.qq.com");
    public string? CorpId { get; set; }
    public string? Secret { get; set; }
    public string? ContactsSecret { get; set; }

    public string? EffectiveSecret => string.IsNullOrWhiteSpace(ContactsSecret) ? Secret : ContactsSecret;

    public bool Enabled => !string.IsNullOrWhiteSpace(CorpId) && !string.IsNullOrWhiteSpace(EffectiveSecret);
}

/// <summary>A department (部门); the one whose parent is 0 is the corp itself.</summary>
public sealed record WeComDepartment(int Id, string Name, int ParentId);

/// <summary>A member: userid, name, departments, and the main one where WeCom gives it.</summary>
public sealed record WeComMember(string UserId, string Name, IReadOnlyList<int> Departments, int? MainDepartment);

/// <summary>What the contacts API gave, or why it gave nothing (a sentence for the office).</summary>
public sealed record WeComDirectory(IReadOnlyList<WeComDepartment> Departments, IReadOnlyList<WeComMember> Members, string? Error);

/// <summary>
/// Reads the corp's contacts: gettoken (…/path/91039), department/list (…/path/90208), and user/list per department
/// (…/path/90201), active members only (status 1). A one-off read, so the token is not cached.
/// </summary>
public sealed class WeComContacts(IOptions<WeComContactsOptions> options)
{
    public async Task<WeComDirectory> ReadAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return new WeComDirectory([], [], "未配置企业微信：请在 appsettings.json 中设置 WeCom:CorpId 和 WeCom:ContactsSecret（或 WeCom:Secret）。");
        }
        using var http = new HttpClient { BaseAddress = o.ApiBaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var token = await GetAsync<TokenResponse>(http, $"/cgi-bin/gettoken?corpid={Uri.EscapeDataString(o.CorpId!)}&corpsecret={Uri.EscapeDataString(o.EffectiveSecret!)}", ct);
        if (token.Error is not null || token.Body?.AccessToken is not { Length: > 0 } access)
        {
            return new WeComDirectory([], [], token.Error ?? "企业微信未返回 access_token。");
        }
        var departments = await GetAsync<DepartmentsResponse>(http, $"/cgi-bin/department/list?access_token={Uri.EscapeDataString(access)}", ct);
        if (departments.Error is not null)
        {
            return new WeComDirectory([], [], departments.Error);
        }
        var units = (departments.Body!.Department ?? []).Select(d => new WeComDepartment(d.Id, d.Name ?? "", d.ParentId)).ToList();
        var members = new Dictionary<string, WeComMember>();
        foreach (var department in units)
        {
            var users = await GetAsync<UsersResponse>(http, $"/cgi-bin/user/list?access_token={Uri.EscapeDataString(access)}&department_id={department.Id}", ct);
            if (users.Error is not null)
            {
                return new WeComDirectory([], [], users.Error);
            }
            foreach (var u in (users.Body!.UserList ?? []).Where(u => u.Status is null or 1 && !string.IsNullOrWhiteSpace(u.UserId) && !string.IsNullOrWhiteSpace(u.Name)))
            {
                // A member of several departments is listed under each.
                members.TryAdd(u.UserId!, new WeComMember(u.UserId!, u.Name!.Trim(), u.Department ?? [], u.MainDepartment));
            }
        }
        return new WeComDirectory(units, [.. members.Values], null);
    }

    /// <summary>The body, or a sentence naming the call and WeCom's errcode (60011: the secret cannot see the contacts).</summary>
    private static async Task<(T? Body, string? Error)> GetAsync<T>(HttpClient http, string pathAndQuery, CancellationToken ct) where T : ContactsResponse
    {
        var operation = pathAndQuery[..pathAndQuery.IndexOf('?')].Replace("/cgi-bin/", "", StringComparison.Ordinal);
        try
        {
            var body = await http.GetFromJsonAsync<T>(pathAndQuery, ct);
            return body is { ErrCode: 0 } ? (body, null) : (body, $"企业微信 {operation} 返回错误 {body?.ErrCode}：{body?.ErrMsg}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return (null, $"无法连接企业微信 {operation}：{e.Message}");
        }
    }

    private record ContactsResponse
    {
        [JsonPropertyName("errcode")] public int ErrCode { get; init; }
        [JsonPropertyName("errmsg")] public string? ErrMsg { get; init; }
    }

    private sealed record TokenResponse : ContactsResponse
    {
        [JsonPropertyName("access_token")] public string? AccessToken { get; init; }
    }

    private sealed record DepartmentsResponse : ContactsResponse
    {
        [JsonPropertyName("department")] public List<DepartmentRow>? Department { get; init; }
    }

    private sealed record DepartmentRow(
        [property: JsonPropertyName("id")] int Id,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("parentid")] int ParentId);

    private sealed record UsersResponse : ContactsResponse
    {
        [JsonPropertyName("userlist")] public List<UserRow>? UserList { get; init; }
    }

    private sealed record UserRow(
        [property: JsonPropertyName("userid")] string? UserId,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("department")] List<int>? Department,
        [property: JsonPropertyName("main_department")] int? MainDepartment,
        [property: JsonPropertyName("status")] int? Status);
}
