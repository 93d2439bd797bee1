using System.Text.RegularExpressions;
using RectifyBot.Retrieval;

namespace RectifyBot.Tests.Retrieval;

/// <summary>
/// Test fixture helper, not a plan parser: pulls the findings (lines opening 一是/二是…, with any wrapped
/// lines) and their numbered measures (（n）… lines) out of a seed plan's text, enough to run the
/// leave-one-out benchmark on it. The product's parser is the importer's job.
/// </summary>
public static partial class SeedPlanFindings
{
    public static EvaluationPlan Extract(string path)
    {
        var findings = new List<EvaluationFinding>();
        string? finding = null;
        List<string> measures = [];
        var inMeasures = false;

        void Close()
        {
            if (finding is not null)
            {
                findings.Add(new EvaluationFinding(finding, measures));
            }
            finding = null;
            measures = [];
            inMeasures = false;
        }

        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (FindingStart().IsMatch(line))
            {
                Close();
                finding = line;
            }
            else if (MeasureStart().IsMatch(line) && finding is not null)
            {
                measures.Add(line);
                inMeasures = true;
            }
            else if (line.StartsWith("整改措施"))
            {
                inMeasures = true;
            }
            else if (Heading().IsMatch(line) || line.Length == 0)
            {
                if (inMeasures || line.Length > 0)
                {
                    Close();
                }
            }
            else if (finding is not null && !inMeasures)
            {
                finding += line;
            }
        }
        Close();
        return new EvaluationPlan(Path.GetFileNameWithoutExtension(path), findings);
    }

    [GeneratedRegex(@"^[一二三四五六七八九十]+是")]
    private static partial Regex FindingStart();

    [GeneratedRegex(@"^（\d+）")]
    private static partial Regex MeasureStart();

    [GeneratedRegex(@"^(（[一二三四五六七八九十]+）|\d+[.．]|[一二三四五六七八九十]+、)")]
    private static partial Regex Heading();
}
