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

/// <summary>A stored file: where it is under the data folder and what it is.</summary>
public sealed record StoredFile(string Sha256, long Size, string RelativePath, string ContentType);

/// <summary>
/// Evidence files under the data folder, addressed by their SHA-256, so the same photo sent twice is kept once
/// and a stored file can be checked against its hash at any time.
/// </summary>
public sealed class EvidenceStore(IOptions<DataOptions> data, IOptions<EvidenceOptions> options)
{
    public EvidenceOptions Options => options.Value;

    private string TooLarge => $"文件超过{Options.MaxBytes / 1024 / 1024}MB的上限，请压缩后再上传。";

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

    public async Task<StoredFile> SaveAsync(Stream content, string fileName, string? contentType, CancellationToken ct)
    {
        var root = Path.Combine(data.Value.Path, "evidence");
        Directory.CreateDirectory(root);
        var temp = Path.Combine(root, $".upload-{Guid.NewGuid():N}");
        long size;
        string hash;
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[81920];
            size = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                size += read;
                if (size > Options.MaxBytes)
                {
                    await file.DisposeAsync();
                    File.Delete(temp);
                    throw new Domain.WorkflowException(TooLarge);
                }
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        var relative = Path.Combine("evidence", hash[..2], hash + Path.GetExtension(fileName).ToLowerInvariant());
        var target = Path.Combine(data.Value.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            File.Delete(temp);
        }
        else
        {
            File.Move(temp, target);
        }
        return new StoredFile(hash, size, relative.Replace('\\', '/'), contentType ?? GuessContentType(fileName));
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
