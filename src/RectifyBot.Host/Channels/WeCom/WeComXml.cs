using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace RectifyBot.Host.Channels.WeCom;

/// <summary>Guarded reading and CDATA writing for WeCom's small XML documents.</summary>
internal static class WeComXml
{
    /// <summary>Callback bodies are a few KB; anything near this is not WeCom.</summary>
    public const int MaxCharacters = 64 * 1024;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <inheritdoc cref="TryParse(byte[], out XElement?, out string?)"/>
    public static bool TryParse(string xml, [NotNullWhen(true)] out XElement? root, [NotNullWhen(false)] out string? error) =>
        // From bytes, not a StringReader: over a seekable stream the reader sizes its buffers to the document
        // (about 1 KB) instead of 8 KB, which a WeCom callback paid twice.
        TryParse(Encoding.UTF8.GetBytes(xml), out root, out error);

    /// <summary>Parses a UTF-8 document whose root is &lt;xml&gt;; no DTDs, no external entities, bounded size.</summary>
    public static bool TryParse(byte[] utf8, [NotNullWhen(true)] out XElement? root, [NotNullWhen(false)] out string? error)
    {
        root = null;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(utf8, writable: false), Settings);
            root = XElement.Load(reader);
        }
        catch (XmlException e)
        {
            error = $"malformed XML: {e.Message}";
            return false;
        }
        if (root.Name.LocalName != "xml")
        {
            error = $"root element is <{root.Name.LocalName}>, not <xml>";
            root = null;
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>The trimmed text of a child element (CDATA or not), or null when absent.</summary>
    public static string? Text(this XElement parent, string name) => parent.Element(name)?.Value.Trim();

    /// <summary>Wraps text in CDATA, splitting any "]]>" it contains.</summary>
    public static string CData(string text) => $"<![CDATA[{text.Replace("]]>", "]]]]><![CDATA[>")}]]>";
}
