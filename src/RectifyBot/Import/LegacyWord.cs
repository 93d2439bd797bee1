using System.Diagnostics;

namespace RectifyBot.Import;

/// <summary>
/// Old Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice headless where it is installed
/// (`soffice --headless --convert-to docx`); without it, one sentence saying what to do.
/// </summary>
internal static class LegacyWord
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static readonly string? OnPath = FindOnPath("soffice") ?? FindOnPath("libreoffice");

    /// <summary>The converted .docx's bytes, or an error sentence.</summary>
    public static async Task<(byte[]? Docx, string? Error)> ConvertAsync(string path, ImportOptions options, CancellationToken ct)
    {
        var extension = Path.GetExtension(path);
        var soffice = string.IsNullOrWhiteSpace(options.Soffice) ? OnPath : File.Exists(options.Soffice) ? options.Soffice : null;
        if (soffice is null)
        {
            return (null, $"读取{extension}文件需要安装 LibreOffice（soffice），或请用 Word/WPS 另存为 .docx 后再导入。");
        }
        var work = Directory.CreateTempSubdirectory("rectifybot-convert-");
        try
        {
            var source = Path.Combine(work.FullName, "source" + extension);
            File.Copy(path, source);
            var start = new ProcessStartInfo(soffice) { RedirectStandardOutput = true, RedirectStandardError = true };
            // A private profile: a user's running LibreOffice, or another conversion, would otherwise hold the lock.
            foreach (var arg in (string[])[$"-env:UserInstallation={new Uri(Path.Combine(work.FullName, "profile")).AbsoluteUri}",
                         "--headless", "--convert-to", "docx", "--outdir", work.FullName, source])
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(timeout.Token), process.StandardError.ReadToEndAsync(timeout.Token));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                await drain;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return (null, $"LibreOffice 在{Timeout.TotalMinutes:0}分钟内没有转换完这个{extension}文件，请另存为 .docx 后再导入。");
            }
            var docx = Path.Combine(work.FullName, "source.docx");
            return File.Exists(docx)
                ? (await File.ReadAllBytesAsync(docx, ct), null)
                : (null, $"LibreOffice 无法转换这个{extension}文件，它可能已损坏；请用 Word/WPS 另存为 .docx 后再导入。");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
