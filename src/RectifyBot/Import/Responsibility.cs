using System.Text.RegularExpressions;

namespace RectifyBot.Import;

/// <summary>Who answers for a measure: its lead and supporting units and its responsible leader.</summary>
internal sealed partial record Responsibility(IReadOnlyList<string> LeadUnits, IReadOnlyList<string> SupportingUnits, string? ResponsibleLeader)
{
    /// <summary>
    /// Reads labelled fields first (牵头单位/责任单位/配合单位/责任领导, from the measure's own parentheses or
    /// from the problem's field lines), then the prose forms "由社会事务科牵头" and "由社会救助科会同低保中心".
    /// A 责任单位 is the lead when no 牵头单位 is named, and supports it otherwise; where the plan says the unit listed
    /// first leads (<paramref name="firstListedLeads"/>), only that one.
    /// </summary>
    public static Responsibility Read(string text, IEnumerable<FieldLabel> fields, bool firstListedLeads = false)
    {
        var lead = new List<string>();
        var responsible = new List<string>();
        var supporting = new List<string>();
        string? leader = null;
        foreach (var field in fields.Concat(FieldLabel.FindInline(text)))
        {
            if (field.Kind is FieldKind.LeadUnit or FieldKind.ResponsibleUnit && ReadsAsProse(field.Value, lead, supporting))
            {
                continue;
            }
            switch (field.Kind)
            {
                case FieldKind.LeadUnit: lead.AddRange(UnitNames.SplitList(SharedDuty().Replace(field.Value, ""))); break;
                case FieldKind.ResponsibleUnit: ReadResponsible(field.Value, lead, responsible, supporting); break;
                case FieldKind.SupportingUnit: supporting.AddRange(UnitNames.SplitList(field.Value)); break;
                case FieldKind.Leader: leader ??= field.Value; break;
            }
        }
        var fromFields = lead.Count > 0 || responsible.Count > 0;
        if (!fromFields)
        {
            ReadProse(text, lead, supporting);
        }
        var leading = lead.Count > 0 ? 0 : firstListedLeads ? Math.Min(1, responsible.Count) : responsible.Count;
        lead.AddRange(responsible.Take(leading));
        supporting.InsertRange(0, responsible.Skip(leading));
        leader ??= ProseLeader().Match(text) is { Success: true } l ? l.Groups["leader"].Value : null;
        var leads = lead.Distinct().ToList();
        var helpers = supporting.Distinct().Except(leads).ToList();
        // "二是由医政医管股牵头，县人民医院配合，建立…" under a problem's "责任单位：医政医管股" (or one naming two units for all
        // its measures): the measure's own words narrow its lead and name its helpers, where the fields name none. Words
        // naming none of the fields' units say the fields are another measure's (措施3 "由X牵头…" before 措施4 and the
        // 责任部门 line under it).
        if (fromFields && helpers.Count == 0 && ProseLead().IsMatch(text))
        {
            var (said, helping) = (new List<string>(), new List<string>());
            ReadProse(text, said, helping);
            if (said.Count > 0 && (said.All(leads.Contains) || !said.Any(leads.Contains)))
            {
                (leads, helpers) = (said.Distinct().ToList(), helping.Distinct().Except(said).ToList());
            }
        }
        return new Responsibility(leads, helpers, leader);
    }

    /// <summary>
    /// 责任单位 as a list, where a unit marked "（牵头）" leads: "县就业服务中心（牵头），各乡镇人社服务站" names the
    /// lead and then the units that support it. Every unit of a kind after a named one helps it ("资产管理股、各预算单位"),
    /// unless the list says each answers for its own part ("…、各社区按职责分工负责").
    /// </summary>
    private static void ReadResponsible(string value, List<string> lead, List<string> responsible, List<string> supporting)
    {
        // "餐饮服务监管科（配合：信息中心）", "总务处（财务室协助）": the helpers in a parenthesis of their own.
        foreach (Match helpers in HelpersInParenthesis().Matches(value))
        {
            supporting.AddRange(UnitNames.SplitList(helpers.Groups["units"].Value));
        }
        value = HelpersInParenthesis().Replace(value, "");
        // "村两委，镇农经站、镇司法所配合", "镇农经站牵头，各村（社区）配合": a 牵头 or 配合 closing a clause of the list says so of
        // every unit in the clause, back to the comma before it. A list with no comma before its 配合 ("人事股、机关纪委配合")
        // is read below, its helper's word the last unit's alone: otherwise no unit would lead.
        value = SaidOfClause().Replace(value, clause =>
        {
            lead.AddRange(UnitNames.SplitList(clause.Groups["lead"].Value));
            supporting.AddRange(UnitNames.SplitList(clause.Groups["support"].Value));
            return "";
        });
        var shared = SharedDuty().Match(value);
        var names = UnitNames.SplitList(shared.Success ? value[..shared.Index] : value);
        var helps = !shared.Success && names.Any(n => !UnitNames.IsCollective(n));
        foreach (var name in names)
        {
            if (LeadMark().Match(name) is { Success: true } marked)
            {
                lead.Add(UnitNames.Canonical(name[..marked.Index]));
            }
            else if (HelperMark().Match(name) is { Success: true } helper && helper.Index >= 2)
            {
                // "局办公室，机关纪委协助", "各市场监管所（配合）": the unit named with its word for helping.
                supporting.Add(UnitNames.Canonical(name[..helper.Index]));
            }
            else if (helps && UnitNames.IsCollective(name))
            {
                supporting.Add(name);
            }
            else
            {
                responsible.Add(name);
            }
        }
    }

    [GeneratedRegex(@"[(（]牵头[)）]$", RegexOptions.CultureInvariant)]
    private static partial Regex LeadMark();

    // A clause of a unit list ending in 牵头 (the first or any), or after a comma in 配合, 协助 or 协办; not "（牵头）" nor "（配合）".
    [GeneratedRegex(@"(?<=^|[，,；;])\s*(?:由?(?<lead>[^，,；;]+?)(?:共同|联合)?牵头|(?<=[，,；;]\s*)(?<support>[^，,；;]+?)(?:配合|协助|协办))\s*(?=[，,；;]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex SaidOfClause();

    // "机关纪委协助", "城西分局（配合）".
    [GeneratedRegex(@"[(（]?(?:协助|配合|协办)[)）]?$", RegexOptions.CultureInvariant)]
    private static partial Regex HelperMark();

    [GeneratedRegex(@"[(（](?:(?:配合|协助)(?:单位)?[:：](?<units>[^)）]+)|(?<units>[^)）:：]+?)(?:配合|协助))[)）]", RegexOptions.CultureInvariant)]
    private static partial Regex HelpersInParenthesis();

    /// <summary>"…、各社区按职责分工负责": every unit named leads its own part.</summary>
    [GeneratedRegex(@"(?:按职责分工|按照职责分工|按职责|分别|共同)负责$", RegexOptions.CultureInvariant)]
    private static partial Regex SharedDuty();

    /// <summary>
    /// A unit field that says who leads in words, "社会治理办牵头，综治中心配合": read as the prose form is; false when it
    /// names no lead so ("预算股、国库股", "县就业服务中心（牵头），各乡镇").
    /// </summary>
    private static bool ReadsAsProse(string value, List<string> lead, List<string> supporting)
    {
        if (!value.Contains("牵头", StringComparison.Ordinal) || LeadMark().IsMatch(value) || value.Contains('（') || value.Contains('('))
        {
            return false;
        }
        var (said, helping) = (new List<string>(), new List<string>());
        ReadProse(value, said, helping);
        if (said.Count == 0)
        {
            return false;
        }
        lead.AddRange(said);
        supporting.AddRange(helping);
        return true;
    }

    private static void ReadProse(string text, List<string> lead, List<string> supporting)
    {
        foreach (Match m in ProseLead().Matches(text).Concat(LeadBeforeVerb().Matches(text)).Concat(BareLead().Matches(text)).Concat(ProseSupport().Matches(text))
            .Concat(MarkedLead().Matches(text)))
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
        if (lead.Count == 0 && DoerAtSetTimes().Match(text) is { Success: true } doer)
        {
            lead.Add(UnitNames.Canonical(doer.Groups["lead"].Value));
        }
        // "各乡镇" names every unit of a kind: it helps, and is never silently the only lead.
        if (lead.Count > 0 && lead.All(UnitNames.IsCollective))
        {
            supporting.InsertRange(0, lead);
            lead.Clear();
        }
    }

    // A unit name ends in one of these words; the shortest run of characters before one is taken, so
    // "由社会救助科会同低保中心每月" stops at 科 and at 中心. Internal for the drafter (see ProseLead).
    // A body's 工会 is named by that word alone ("党建工作股、工会配合").
    internal const string Unit = @"(?:[\u4e00-\u9fff]{1,12}?" + UnitNames.Ending + "|工会)";

    // Without 由 (it begins the prose form) and not a generic "各支部": for the forms that have no 由 to anchor on.
    private const string BareUnit = @"(?:(?!各)[\u4e00-\u9fff-[由]]{1,12}?" + UnitNames.Ending + "|工会)";

    // A unit the prose names as the doer: no 对/到/在 inside, so "分管领导对县殡葬服务中心" is not taken for a name.
    private const string DoerUnit = @"(?:(?!会同|牵头|负责)[\u4e00-\u9fff-[由对到在]]){1,14}?" + UnitNames.Ending;

    // A helper, which may be every unit of a kind with its qualifier: "各乡镇（街道）", "各县（市、区）科协"; or the villages
    // concerned ("财政所、相关村配合"), which no unit's ending names.
    private const string HelperUnit = @"(?:(?:" + UnitNames.OwnedPrefix + @")?各[\u4e00-\u9fff]{1,10}?(?:[(（][\u4e00-\u9fff、]{1,6}[)）](?:[\u4e00-\u9fff]{1,10}?" + HelperEnd + ")?|" + HelperEnd + ")|(?:相关|有关)(?:村|社区)" + HelperEnd + "|" + BareUnit + ")";

    private const string HelperEnd = @"(?=[、和及，,。；;\s]|$|开展|配合|协助|协同|对|进行|做好|共同)";

    [GeneratedRegex(@"由(?<lead>" + Unit + @")(?:[、和及](?<lead>" + Unit + @"))*(?:(?:主要)?负责人)?(?:(?:共同|联合)?牵头|具体负责|负责牵头|会同(?<support>" + Unit + @")(?:[、和及](?<support>" + Unit + @"))*)", RegexOptions.CultureInvariant)]
    // Internal for the drafter, which strips these phrases from measures borrowed from other plans.
    internal static partial Regex ProseLead();

    // "由办公室对…", "由低保中心到…", "由县殡葬服务中心就…", "由法规股负责…", "由机关纪委每半年…"; not "由党委组织部牵头".
    [GeneratedRegex(@"由(?<lead>" + DoerUnit + @")(?:[、和及](?<lead>" + DoerUnit + @"))*(?:(?:主要)?负责人)?(?=对|到|就|负责|共同负责|每|组织(?!部)|督促|统筹|按职责|根据|结合|联合)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadBeforeVerb();

    // At the start of a clause, without 由: "办公室牵头，…", "机关党支部负责，…", "项目股、投资股按职责分工负责", "财务股会同规划建设股";
    // or of a parenthesis closing the measure: "…。（登记注册科负责，行政审批服务窗口配合，2025年6月底前完成）".
    [GeneratedRegex(@"(?<=^|[，,。；;：:\s(（])(?<lead>" + BareUnit + @")(?:[、和及](?<lead>" + BareUnit + @"))*(?:(?:负责|共同|联合)?牵头|(?:按职责分工|具体)?负责(?!人)|(?=会同))", RegexOptions.CultureInvariant)]
    private static partial Regex BareLead();

    // "院办公室每季度对…开展一次分析研判": a measure that opens with the unit doing its work at set times, and names no lead
    // otherwise ("由办公室牵头，党组每季度听取…" names one).
    [GeneratedRegex(@"^(?<lead>" + BareUnit + @")(?=每(?:月|季度|半年|年|周))", RegexOptions.CultureInvariant)]
    private static partial Regex DoerAtSetTimes();

    // The helpers: "牵头，会同人事科", "财务股会同社会救助股、养老服务股", "，人事科、各股室配合", "，人事科协助",
    // "由粮食生产科牵头、市自然资源局配合".
    [GeneratedRegex(@"(?:会同|联合)(?<support>" + HelperUnit + @")(?:[、和及](?<support>" + HelperUnit + @"))*|(?<=(?:[，,；;]|牵头[、和])\s*)(?<support>" + HelperUnit + @")(?:[、和及](?<support>" + HelperUnit + @"))*(?:配合|协助|协同)", RegexOptions.CultureInvariant)]
    private static partial Regex ProseSupport();

    // "由区统计普查中心（牵头）、综合核算科负责落实": the unit marked as leading, and those named after it help.
    [GeneratedRegex(@"(?<=^|由|[，,。；;：:\s])(?<lead>" + BareUnit + @")[(（]牵头[)）](?:[、和及](?<support>" + HelperUnit + @"))*", RegexOptions.CultureInvariant)]
    private static partial Regex MarkedLead();

    /// <summary>
    /// A sentence after a group of measures that says who answers for them all and by when ("以上措施由X（牵头）、Y负责落实，
    /// 2025年10月底前完成。", "此项工作由机关党支部牵头…"), as the fields it stands for; none for any other line.
    /// </summary>
    public static IReadOnlyList<FieldLabel> ForGroup(string line)
    {
        if (!GroupStatement().IsMatch(line))
        {
            return [];
        }
        var who = Read(line, []);
        if (who.LeadUnits.Count == 0)
        {
            return [];
        }
        var fields = new List<FieldLabel> { new(FieldKind.LeadUnit, string.Join("、", who.LeadUnits)) };
        if (who.SupportingUnits.Count > 0)
        {
            fields.Add(new FieldLabel(FieldKind.SupportingUnit, string.Join("、", who.SupportingUnits)));
        }
        if (line.Split(['，', ',', '；', ';']).LastOrDefault(c => c.Any(char.IsDigit) || c.Contains("长期", StringComparison.Ordinal) || c.Contains('每')) is { } when)
        {
            fields.Add(new FieldLabel(FieldKind.Deadline, when.Trim().TrimEnd('。')));
        }
        return fields;
    }

    [GeneratedRegex(@"^(?:以上|上述)(?:各项|\d{1,2}项|[一二三四五六七八九十]项)?(?:整改)?(?:措施|任务|工作)|^(?:此项|该项|这项)(?:工作|任务)", RegexOptions.CultureInvariant)]
    private static partial Regex GroupStatement();

    // A position (局党组书记, 分管领导), optionally with a name, or a name alone after 由: "由王五同志负责".
    [GeneratedRegex(@"(?<leader>(?:局?党组书记|局长|主要领导|主要负责人|分管领导|分管负责人|分管县领导)(?:[\u4e00-\u9fff]{2,3}同志)?)(?:牵头|负责)|由(?<leader>[\u4e00-\u9fff]{2,3}同志)(?:牵头|负责)", RegexOptions.CultureInvariant)]
    private static partial Regex ProseLeader();
}
