using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RectifyBot.Store;

namespace RectifyBot.Rectification;

public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>Largest file accepted, in bytes (20 MB by default: a phone photo or a scanned document).</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>File types accepted as evidence, by extension.</summary>
    public string[] AllowedExtensions { get; set; } =
        [".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".txt", ".zip", ".ofd"];
}

/// <summary>
/// An upload written to a temporary name, hashed and measured: <see cref="EvidenceStore.Commit"/> moves it into
/// place once its evidence row is stored; <see cref="EvidenceStore.Discard"/> removes it otherwise.
/// </summary>
public sealed record StagedFile(string TempPath, string Sha256, long Size, string RelativePath, string ContentType);

/// <summary>
/// Evidence files under the data folder, addressed by their SHA-256, so the same photo sent twice is kept once
/// and a stored file can be checked against its hash at any time. Uploads are written under evidence/.incoming
/// first and reach their place only when the row that refers to them is stored, so a refused upload leaves nothing.
/// </summary>
public sealed class EvidenceStore(IOptions<DataOptions> data, IOptions<EvidenceOptions> options, TimeProvider clock)
{
    /// <summary>An upload kept waiting for the user to say which measure it is for is dropped after this long.</summary>
    private static readonly TimeSpan IncomingLifetime = TimeSpan.FromDays(1);

    public EvidenceOptions Options => options.Value;

    private string TooLarge => $"文件超过{Options.MaxBytes / 1024 / 1024}MB的上限，请压缩后再上传。";

    private string Incoming => Path.Combine(data.Value.Path, "evidence", ".incoming");

    /// <summary>Checks name and size before anything is written; null when acceptable, else a sentence for the user.</summary>
    public string? Check(string fileName, long? size)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!Options.AllowedExtensions.Contains(extension))
        {
            return $"不支持“{extension}”类型的文件作为佐证材料。可上传图片、PDF、Word、Excel 等：{string.Join(" ", Options.AllowedExtensions)}。";
        }
        return size > Options.MaxBytes ? TooLarge : null;
    }

    /// <summary>Writes the upload to a temporary file; a refusal (too large) when it cannot be kept, and then nothing is left.</summary>
    public async Task<(StagedFile? File, string? Refusal)> StageAsync(Stream content, string fileName, string? contentType, CancellationToken ct)
    {
        Directory.CreateDirectory(Incoming);
        DropStale();
        var temp = Path.Combine(Incoming, $"{Guid.NewGuid():N}{Path.GetExtension(fileName).ToLowerInvariant()}");
        try
        {
            long size = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > Options.MaxBytes)
                    {
                        await file.DisposeAsync();
                        File.Delete(temp);
                        return (null, TooLarge);
                    }
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
                var relative = Path.Combine("evidence", hash[..2], hash + Path.GetExtension(fileName).ToLowerInvariant()).Replace('\\', '/');
                return (new StagedFile(temp, hash, size, relative, contentType ?? GuessContentType(fileName)), null);
            }
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Moves a staged upload into its place, once the row that refers to it is stored.</summary>
    public void Commit(StagedFile staged)
    {
        var target = FullPath(staged.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            // The same content is stored already (it is addressed by its hash).
            File.Delete(staged.TempPath);
        }
        else
        {
            File.Move(staged.TempPath, target);
        }
    }

    public void Discard(StagedFile staged) => File.Delete(staged.TempPath);

    /// <summary>A staged upload by its file name (as the conversation keeps it while asking which measure); null when gone.</summary>
    public string? Staged(string name)
    {
        var path = Path.Combine(Incoming, Path.GetFileName(name));
        return File.Exists(path) ? path : null;
    }

    private void DropStale()
    {
        var before = clock.GetUtcNow().UtcDateTime - IncomingLifetime;
        foreach (var file in new DirectoryInfo(Incoming).EnumerateFiles().Where(f => f.LastWriteTimeUtc < before))
        {
            file.Delete();
        }
    }

    public string FullPath(string relativePath) => Path.Combine(data.Value.Path, relativePath);

    private static string GuessContentType(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".heic" => "image/heic",
        ".pdf" => "application/pdf",
        ".doc" => "application/msword",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xls" => "application/vnd.ms-excel",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".txt" => "text/plain",
        ".zip" => "application/zip",
        _ => "application/octet-stream",
    };
}
