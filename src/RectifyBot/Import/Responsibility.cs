using System.Text.RegularExpressions;

namespace RectifyBot.Import;

/// <summary>Who answers for a measure: its lead and supporting units and its responsible leader.</summary>
internal sealed partial record Responsibility(IReadOnlyList<string> LeadUnits, IReadOnlyList<string> SupportingUnits, string? ResponsibleLeader)
{
    /// <summary>
    /// Reads labelled fields first (牵头单位/责任单位/配合单位/责任领导, from the measure's own parentheses or
    /// from the problem's field lines), then the prose forms "由社会事务科牵头" and "由社会救助科会同低保中心".
    /// A 责任单位 is the lead when no 牵头单位 is named, and supports it otherwise.
    /// </summary>
    public static Responsibility Read(string text, IEnumerable<FieldLabel> fields)
    {
        var lead = new List<string>();
        var responsible = new List<string>();
        var supporting = new List<string>();
        string? leader = null;
        foreach (var field in fields.Concat(FieldLabel.FindInline(text)))
        {
            switch (field.Kind)
            {
                case FieldKind.LeadUnit: lead.AddRange(UnitNames.SplitList(field.Value)); break;
                case FieldKind.ResponsibleUnit: responsible.AddRange(UnitNames.SplitList(field.Value)); break;
                case FieldKind.SupportingUnit: supporting.AddRange(UnitNames.SplitList(field.Value)); break;
                case FieldKind.Leader: leader ??= field.Value; break;
            }
        }
        if (lead.Count == 0 && responsible.Count == 0)
        {
            ReadProse(text, lead, supporting);
        }
        if (lead.Count == 0)
        {
            lead.AddRange(responsible);
        }
        else
        {
            supporting.InsertRange(0, responsible);
        }
        leader ??= ProseLeader().Match(text) is { Success: true } l ? l.Groups["leader"].Value : null;
        var leads = lead.Distinct().ToList();
        return new Responsibility(leads, supporting.Distinct().Except(leads).ToList(), leader);
    }

    private static void ReadProse(string text, List<string> lead, List<string> supporting)
    {
        foreach (Match m in ProseLead().Matches(text).Concat(BareLead().Matches(text)).Concat(ProseSupport().Matches(text)))
        {
            foreach (Capture c in m.Groups["lead"].Captures)
            {
                lead.Add(UnitNames.Canonical(c.Value));
            }
            foreach (Capture c in m.Groups["support"].Captures)
            {
                supporting.Add(UnitNames.Canonical(c.Value));
            }
        }
    }

    // A unit name ends in one of these words; the shortest run of characters before one is taken, so
    // "由社会救助科会同低保中心每月" stops at 科 and at 中心. Internal for the drafter (see ProseLead).
    internal const string Unit = @"[\u4e00-\u9fff]{1,12}?" + UnitSuffix;

    private const string UnitSuffix = "(?:支部|中心|办公室|科室|委员会|公司|协会|科|室|股|办|局|处|站|院|所|队|委|部)";

    // Without 由 (it begins the prose form) and not a generic "各支部": for the forms that have no 由 to anchor on.
    private const string BareUnit = @"(?!各)[\u4e00-\u9fff-[由]]{1,12}?" + UnitSuffix;

    [GeneratedRegex(@"由(?<lead>" + Unit + @")(?:[、和及](?<lead>" + Unit + @"))*(?:(?:主要)?负责人)?(?:牵头|具体负责|负责牵头|会同(?<support>" + Unit + @")(?:[、和及](?<support>" + Unit + @"))*)", RegexOptions.CultureInvariant)]
    // Internal for the drafter, which strips these phrases from measures borrowed from other plans.
    internal static partial Regex ProseLead();

    // "办公室牵头，…" without 由, at the start of a clause.
    [GeneratedRegex(@"(?<=^|[，,。；;、：:\s])(?<lead>" + BareUnit + @")(?:[、和及](?<lead>" + BareUnit + @"))*(?:负责)?牵头", RegexOptions.CultureInvariant)]
    private static partial Regex BareLead();

    // The helpers named after the lead: "牵头，会同人事科", "，人事科、财务科配合", "，人事科协助".
    [GeneratedRegex(@"牵头[，,]?\s*(?:会同|联合)(?<support>" + BareUnit + @")(?:[、和及](?<support>" + BareUnit + @"))*|(?<=[，,；;]\s*)(?<support>" + BareUnit + @")(?:[、和及](?<support>" + BareUnit + @"))*(?:配合|协助|协同)", RegexOptions.CultureInvariant)]
    private static partial Regex ProseSupport();

    // A position (局党组书记, 分管领导), optionally with a name, or a name alone after 由: "由王五同志负责".
    [GeneratedRegex(@"(?<leader>(?:局?党组书记|局长|主要领导|主要负责人|分管领导|分管负责人|分管县领导)(?:[\u4e00-\u9fff]{2,3}同志)?)(?:牵头|负责)|由(?<leader>[\u4e00-\u9fff]{2,3}同志)(?:牵头|负责)", RegexOptions.CultureInvariant)]
    private static partial Regex ProseLeader();
}
