using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace RectifyBot.Tests.Documents;

/// <summary>The Open XML SDK validator finds nothing wrong: what Excel and Word check before they open a file.</summary>
public static class OpenXmlAssert
{
    public static void Valid(OpenXmlPackage package)
    {
        var errors = new OpenXmlValidator().Validate(package)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
