using System.Text;
using DocumentFormat.OpenXml.Packaging;

namespace RectifyBot.Import;

/// <summary>
/// A document's text, or one Chinese sentence saying why it could not be read. <see cref="About"/> holds words kept
/// apart from the text parsed for its structure: a workbook's other sheets, whose 填表说明 may state the totals
/// ("共梳理问题4个方面14个…") but whose numbered lines are no problems.
/// </summary>
public sealed record DocumentText(string Text, string? Error, IReadOnlyList<string>? About = null)
{
    public static DocumentText Failed(string error) => new("", error);
}

/// <summary>Reads .docx (through OpenXml), .xlsx/.xls, .pdf, .doc/.wps and .txt/.md (UTF-8 or GB18030, detected) into plain text.</summary>
public static class DocumentReader
{
    static DocumentReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Task<DocumentText> ReadAsync(string path, CancellationToken ct) => ReadAsync(path, ImportOptions.Default, ct);

    /// <summary>
    /// The file's text by its kind: .docx, .xlsx/.xls, .pdf, .doc/.wps (through LibreOffice), otherwise text. A file
    /// that cannot be read, however it fails, comes back as one sentence: what a user hands in may be damaged or hostile.
    /// </summary>
    public static async Task<DocumentText> ReadAsync(string path, ImportOptions options, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            return DocumentText.Failed($"找不到文件：{path}。");
        }
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".doc" or ".wps")
        {
            var (docx, error) = await LegacyWord.ConvertAsync(path, options, ct);
            return docx is null ? DocumentText.Failed(error!) : ReadDocx(docx, options);
        }
        var bytes = await File.ReadAllBytesAsync(path, ct);
        return extension switch
        {
            ".pdf" => Guarded(() => PdfText.Read(bytes, options), "无法读取这个PDF文件，它可能已损坏或已加密。"),
            ".xlsx" => PackageLimits.Check(bytes, options) is { } tooBig ? DocumentText.Failed(tooBig) : Guarded(() => SpreadsheetText.Read(bytes), NotExcel),
            ".xls" => Guarded(() => SpreadsheetText.Read(bytes), NotExcel),
            _ when extension == ".docx" || LooksLikeZip(bytes) => ReadDocx(bytes, options),
            _ => new DocumentText(Decode(bytes), null),
        };
    }

    public static DocumentText ReadDocx(byte[] bytes) => ReadDocx(bytes, ImportOptions.Default);

    public static DocumentText ReadDocx(byte[] bytes, ImportOptions options)
    {
        if (PackageLimits.Check(bytes, options) is { } error)
        {
            return DocumentText.Failed(error);
        }
        return Guarded(() =>
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, false);
            return DocxText.Read(document) is { } text ? new DocumentText(text, null) : DocumentText.Failed(NotWord);
        }, NotWord);
    }

    // Readers of Office and PDF files throw many kinds of exception on malformed input (XmlException for a DTD,
    // OpenXmlPackageException, InvalidDataException, PdfDocumentFormatException, …); all mean the file is bad.
    private static DocumentText Guarded(Func<DocumentText> read, string failure)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            return DocumentText.Failed(failure);
        }
    }

    private const string NotExcel = "无法读取这个Excel文件，它可能已损坏或不是.xlsx/.xls格式。";

    private const string NotWord = "无法读取这个Word文件，它可能已损坏或不是.docx格式。";

    /// <summary>UTF-8 (with or without BOM), UTF-16 with BOM, otherwise GB18030, which Chinese Windows writes as "ANSI".</summary>
    public static string Decode(byte[] bytes)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    private static bool LooksLikeZip(byte[] bytes) => bytes is [0x50, 0x4B, 0x03, 0x04, ..];
}
