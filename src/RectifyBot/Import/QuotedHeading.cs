using System.Text.RegularExpressions;

namespace RectifyBot.Import;

/// <summary>Headings that quote the feedback: 关于"……"问题的整改 → ……; without quotes when the heading reports on the problem (关于……问题的整改情况).</summary>
internal static partial class QuotedHeading
{
    public static string Inner(string heading)
    {
        var m = Pattern().Match(heading);
        return m.Success ? m.Groups["inner"].Value.Trim() : heading;
    }

    [GeneratedRegex(@"^关于[“""「](?<inner>.+)[”""」](?:方面)?(?:的|存在的)?问题(?:的)?(?:整改(?:情况|措施|落实情况)?)?$|^关于(?<inner>[^“""「].+?)问题的整改(?:情况|落实情况|进展)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
