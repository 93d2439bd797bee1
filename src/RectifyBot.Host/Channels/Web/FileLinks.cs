using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using RectifyBot.Conversation;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.Web;

public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>
    /// The address people reach this server at (https://rectifybot.example.gov.cn). Set, it lets a channel that
    /// cannot carry a file (Teams) send a download link instead.
    /// </summary>
    public Uri? PublicUrl { get; set; }
}

/// <summary>
/// Files a reply carries (台账, 报告), published for a day under an unguessable link: /files/{token}/{name}.
/// The token is 128 random bits; anyone holding the link can download, as with a file sent in chat.
/// </summary>
public sealed class FileLinks(IOptions<DataOptions> data, IOptions<WebOptions> web, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private string Folder => Path.Combine(data.Value.Path, "downloads");

    public bool Enabled => web.Value.PublicUrl is not null;

    public async Task<Uri> PublishAsync(ReplyFile file, CancellationToken ct)
    {
        RemoveExpired();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var name = Path.GetFileName(file.FileName);
        Directory.CreateDirectory(Path.Combine(Folder, token));
        await File.WriteAllBytesAsync(Path.Combine(Folder, token, name), file.Content, ct);
        return new Uri(web.Value.PublicUrl!, $"files/{token}/{Uri.EscapeDataString(name)}");
    }

    /// <summary>
    /// A reply's text with its file as a download link, for channels that cannot carry the file itself; without
    /// Web:PublicUrl there is no link to give, and <paramref name="hint"/> points to the web page's 看板 instead.
    /// </summary>
    public async Task<string> TextWithFileAsync(Reply reply, string hint, CancellationToken ct) => reply.File switch
    {
        null => reply.Text,
        { } file when Enabled => $"{reply.Text}\n下载（一天内有效）：{await PublishAsync(file, ct)}",
        _ => reply.Text + "\n" + hint,
    };

    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/files/{token}/{name}", (string token, string name, FileLinks links) =>
        links.Find(token, name) is { } path
            ? Results.File(path, ContentType(name), name)
            : Results.Json(new WebError("下载链接不存在或已过期（链接保留一天），请在对话中重新生成。"), statusCode: StatusCodes.Status404NotFound));

    private string? Find(string token, string name)
    {
        // Only our own token shape and a bare file name: nothing can reach outside the downloads folder.
        if (token.Length != 32 || !token.All(Uri.IsHexDigit) || name != Path.GetFileName(name))
        {
            return null;
        }
        var path = Path.Combine(Folder, token, name);
        return File.Exists(path) && clock.GetUtcNow().UtcDateTime - File.GetLastWriteTimeUtc(path) < Lifetime ? path : null;
    }

    private void RemoveExpired()
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }
        foreach (var dir in Directory.GetDirectories(Folder).Where(d => clock.GetUtcNow().UtcDateTime - Directory.GetLastWriteTimeUtc(d) > Lifetime))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static readonly FileExtensionContentTypeProvider Types = new();

    private static string ContentType(string name) => Types.TryGetContentType(name, out var type) ? type : "application/octet-stream";
}
