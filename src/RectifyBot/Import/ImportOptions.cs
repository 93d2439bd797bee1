namespace RectifyBot.Import;

/// <summary>
/// Limits on what a document may make the reader hold (section "Import"): a .docx or .xlsx is a zip whose parts
/// can inflate a thousandfold, so each part is measured while it inflates and the reader stops at the limit.
/// </summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>The most one part of a package (word/document.xml, a sheet) may inflate to: 50 MB.</summary>
    public long MaxPartBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The most all parts of a package together may inflate to: 200 MB.</summary>
    public long MaxPackageBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>The most parts (zip entries) a package may have; Word writes about twenty.</summary>
    public int MaxParts { get; set; } = 1000;

    /// <summary>The most pages read from a PDF.</summary>
    public int MaxPages { get; set; } = 2000;

    /// <summary>
    /// The LibreOffice program that converts .doc and .wps to .docx; empty: soffice (or libreoffice) on the PATH. A
    /// path that does not exist is as if LibreOffice were not installed.
    /// </summary>
    public string? Soffice { get; set; }

    public static ImportOptions Default { get; } = new();
}
