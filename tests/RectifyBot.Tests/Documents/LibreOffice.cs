using System.Diagnostics;

namespace RectifyBot.Tests.Documents;

/// <summary>
/// LibreOffice headless, where installed (Debian: libreoffice-calc-nogui, libreoffice-writer-nogui, with
/// fonts-noto-cjk for Chinese glyphs and poppler-utils for pdftoppm/pdftotext): the proof that a generated file
/// opens and lays out in a real office suite.
/// </summary>
public static class LibreOffice
{
    public static string? Soffice { get; } = FindOnPath("soffice");

    public const string SkipReason = "未安装 LibreOffice（soffice 不在 PATH 中）：跳过转换为 PDF 的检查。安装：apt-get install libreoffice-calc-nogui libreoffice-writer-nogui fonts-noto-cjk poppler-utils";

    /// <summary>
    /// Set to a folder (docs/ in the repository) to write page 1 of each rendered file there as PNG, for a reader to see.
    /// </summary>
    public const string ImagesVariable = "RECTIFYBOT_DOCS_IMAGES";

    /// <summary>Writes the file to a temporary folder, converts it to PDF and hands the PDF to <paramref name="check"/>.</summary>
    public static Task WithPdfAsync(byte[] content, string fileName, Func<string, Task> check) => WithConvertedAsync(content, fileName, "pdf", check);

    /// <summary>
    /// Writes the file to a temporary folder, converts it to <paramref name="format"/> (pdf, xls, doc …) as an office
    /// suite saves it, and hands the converted file to <paramref name="check"/>.
    /// </summary>
    public static async Task WithConvertedAsync(byte[] content, string fileName, string format, Func<string, Task> check)
    {
        var folder = Directory.CreateTempSubdirectory("rectifybot-lo-").FullName;
        try
        {
            var file = Path.Combine(folder, fileName);
            await File.WriteAllBytesAsync(file, content);
            await check(await ConvertAsync(file, format));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Converts a file beside it; a private profile lets tests convert in parallel.</summary>
    private static async Task<string> ConvertAsync(string file, string format)
    {
        var folder = Path.GetDirectoryName(file)!;
        var profile = new Uri(Path.Combine(folder, "lo-profile")).AbsoluteUri;
        var (code, output) = await RunAsync(Soffice!, $"-env:UserInstallation={profile}", "--headless", "--convert-to", format, "--outdir", folder, file);
        var converted = Path.ChangeExtension(file, "." + format);
        Assert.True(code == 0 && File.Exists(converted), $"soffice failed ({code}): {output}");
        return converted;
    }

    /// <summary>The PDF's text (pdftotext), or null when poppler-utils is absent.</summary>
    public static async Task<string?> PdfTextAsync(string pdf)
    {
        if (FindOnPath("pdftotext") is not { } tool)
        {
            return null;
        }
        var text = Path.ChangeExtension(pdf, ".txt");
        await RunAsync(tool, "-layout", pdf, text);
        return await File.ReadAllTextAsync(text);
    }

    /// <summary>Page count from pdfinfo, or null when poppler-utils is absent.</summary>
    public static async Task<int?> PageCountAsync(string pdf)
    {
        if (FindOnPath("pdfinfo") is not { } tool)
        {
            return null;
        }
        var (_, output) = await RunAsync(tool, pdf);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return line is null ? null : int.Parse(line["Pages:".Length..].Trim());
    }

    /// <summary>Writes one page as docs/NAME.png at 80 dpi when <see cref="ImagesVariable"/> names a folder.</summary>
    public static async Task RenderPageAsync(string pdf, int page, string name)
    {
        if (Environment.GetEnvironmentVariable(ImagesVariable) is not { Length: > 0 } folder || FindOnPath("pdftoppm") is not { } tool)
        {
            return;
        }
        var (code, output) = await RunAsync(tool, "-png", "-r", "80", "-f", page.ToString(), "-l", page.ToString(), "-singlefile", pdf, Path.Combine(folder, name));
        Assert.True(code == 0, output);
    }

    private static async Task<(int Code, string Output)> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["FONTCONFIG_FILE"] = Path.Combine(AppContext.BaseDirectory, "Documents", "fonts.conf");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A first start of LibreOffice builds its profile, which takes a while on a busy machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}

/// <summary>A fact that needs LibreOffice; skipped with a clear message where it is absent.</summary>
public sealed class LibreOfficeFactAttribute : FactAttribute
{
    public LibreOfficeFactAttribute()
    {
        if (LibreOffice.Soffice is null)
        {
            Skip = LibreOffice.SkipReason;
        }
    }
}
