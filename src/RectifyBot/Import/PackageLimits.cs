using System.IO.Compression;

namespace RectifyBot.Import;

/// <summary>
/// Checks a zip package (.docx, .xlsx) before a reader opens it: how many parts it has and how far each part
/// and all of them inflate. Each part is inflated into nothing while it is counted, so a part that claims a
/// small size in its header and inflates to gigabytes is stopped at the limit, not believed.
/// </summary>
internal static class PackageLimits
{
    /// <summary>Null when the package is within the limits, else one sentence saying what is wrong.</summary>
    public static string? Check(byte[] package, ImportOptions options)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > options.MaxParts)
            {
                return $"这个文件包含{zip.Entries.Count}个部件，超过了{options.MaxParts}个的上限，可能不是正常的Office文件，未读取。";
            }
            var buffer = new byte[81920];
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                long size = 0;
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    size += read;
                    total += read;
                    if (size > options.MaxPartBytes || total > options.MaxPackageBytes)
                    {
                        return $"这个文件解压后超过{Megabytes(size > options.MaxPartBytes ? options.MaxPartBytes : options.MaxPackageBytes)}MB，可能是恶意构造的文件，未读取。";
                    }
                }
            }
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            return "这个文件已损坏或不是Office文件，无法读取。";
        }
    }

    /// <summary>Whole megabytes, rounded up: a limit or a size is never told as smaller than it is.</summary>
    internal static long Megabytes(long bytes) => (bytes + 1024 * 1024 - 1) / (1024 * 1024);
}
