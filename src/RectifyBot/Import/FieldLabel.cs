using System.Text.RegularExpressions;

namespace RectifyBot.Import;

internal enum FieldKind
{
    /// <summary>牵头单位 / 主管单位</summary>
    LeadUnit,
    /// <summary>责任单位 / 责任科室: the lead when no 牵头单位 is named, otherwise a supporting unit.</summary>
    ResponsibleUnit,
    /// <summary>配合单位 / 协助单位</summary>
    SupportingUnit,
    /// <summary>责任领导 / 分管领导</summary>
    Leader,
    /// <summary>完成时限 / 整改时限 / 整改期限</summary>
    Deadline,
    /// <summary>整改措施 / 整改要求: a heading that opens the measures of a problem.</summary>
    Measures,
    /// <summary>问题表现 / 存在问题: the finding itself.</summary>
    Finding,
}

/// <summary>A labelled field, "责任单位：办公室", on its own line or inside a measure's parentheses.</summary>
internal sealed partial record FieldLabel(FieldKind Kind, string Value)
{
    /// <summary>The field a line starts with, or null.</summary>
    public static FieldLabel? Read(string line) => ReadAll(line) is [var first, ..] ? first : null;

    /// <summary>
    /// The fields a line starts with: "责任单位：水利股；配合单位：各水库管理站" is two, so the lead does not swallow
    /// its supporting units.
    /// </summary>
    public static IReadOnlyList<FieldLabel> ReadAll(string line)
    {
        var m = LineField().Match(line);
        if (!m.Success)
        {
            return [];
        }
        var label = m.Groups["label"].Value;
        var value = line[m.Length..];
        // A measure's or finding's text keeps its own parenthesised fields; only a unit, leader or deadline field ends
        // where the next field begins.
        var next = KindOf(label) is FieldKind.Measures or FieldKind.Finding ? Match.Empty : NextField().Match(value);
        if (Of(label, (next.Success ? value[..next.Index] : value).Trim()) is not { } first)
        {
            return [];
        }
        return next.Success ? [first, .. FindInline(value[next.Index..])] : [first];
    }

    /// <summary>
    /// Whether a label was broken across two lines, its first characters ending one ("…责任单位：镇财政所　完成") and the rest
    /// opening the next ("时限：每季度"): text copied out of a PDF is broken wherever the width ends, labels too. The label's
    /// first characters stand apart, after a space or a stop, or alone on the line.
    /// </summary>
    public static bool BrokenAcross(string end, string next)
    {
        // Every label is four characters long: at most three of them end the line ("完成" over "时限：", "配合单" over "位：").
        for (var k = 1; k <= Math.Min(3, end.Length); k++)
        {
            // The label made across the break is longer than any the next line opens with ("完成时限：" over a bare "时限：").
            if ((k == end.Length || char.IsWhiteSpace(end[^(k + 1)]) || "；;。，,".Contains(end[^(k + 1)]))
                && LineField().Match(end[^k..] + next) is { Success: true } joined
                && joined.Groups["label"].Length > k + (LineField().Match(next) is { Success: true } alone ? alone.Groups["label"].Length - 1 : 0))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether a line opens with a label, a bare 牵头： or 配合： included (a cell's "牵头：教务处").</summary>
    public static bool OpensWithLabel(string line) => LineField().IsMatch(line) || BareLabel().IsMatch(line);

    [GeneratedRegex(@"^(?:牵头|配合|协办|协同)\s*[:：]", RegexOptions.CultureInvariant)]
    private static partial Regex BareLabel();

    /// <summary>Unit, leader and deadline fields written inside a text, "（牵头单位：扶贫办；责任单位：各村支部）".</summary>
    public static IEnumerable<FieldLabel> FindInline(string text)
    {
        foreach (Match m in InlineField().Matches(text))
        {
            if (Of(m.Groups["label"].Value, m.Groups["value"].Value.Trim()) is { } field)
            {
                yield return field;
            }
        }
    }

    /// <summary>
    /// The field a label and its value make. A 责任人 is most often a person ("周卫国", "村支书 张某某"): no field; it is a
    /// unit where a unit's name opens it ("综合办公室 陈静", "财务科，科研管理科配合"), without the person named after it.
    /// </summary>
    private static FieldLabel? Of(string label, string value) =>
        label != "责任人" ? new FieldLabel(KindOf(label), value)
        : UnitFirst().IsMatch(value) ? new FieldLabel(FieldKind.ResponsibleUnit, PersonAfterUnit().Replace(value, ""))
        : null;

    [GeneratedRegex(@"^各?[\u4e00-\u9fff]{1,12}?" + UnitNames.Ending + @"(?=[\s、，,；;]|配合|$)", RegexOptions.CultureInvariant)]
    private static partial Regex UnitFirst();

    // "财务科 王敏，…": a name of two or three characters set off by a space after a unit's.
    [GeneratedRegex(@"(?<=" + UnitNames.Ending + @")\s+[\u4e00-\u9fff]{2,3}(?=[、，,；;]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex PersonAfterUnit();

    private static FieldKind KindOf(string label) => label switch
    {
        "牵头单位" or "牵头科室" or "牵头处室" or "牵头部门" or "主管单位" or "主责单位" or "牵头" => FieldKind.LeadUnit,
        "责任单位" or "责任科室" or "责任股室" or "责任处室" or "责任部门" or "责任中队" or "整改单位" or "责任人" => FieldKind.ResponsibleUnit,
        "配合单位" or "配合科室" or "配合股室" or "配合处室" or "配合部门" or "协助单位" or "协办单位" or "协同部门" or "协同单位" or "协同处室" or "配合" => FieldKind.SupportingUnit,
        "责任领导" or "分管领导" or "牵头领导" => FieldKind.Leader,
        "完成时限" or "整改时限" or "整改期限" or "完成时间" or "时限要求" or "时限" => FieldKind.Deadline,
        "问题表现" or "存在问题" or "具体表现" or "问题描述" => FieldKind.Finding,
        _ => FieldKind.Measures,
    };

    // The labels a measure's own text may carry inside parentheses; a line may also start with the others.
    private const string InlineLabels =
        "牵头单位|牵头科室|牵头处室|牵头部门|主管单位|主责单位|责任单位|责任科室|责任股室|责任处室|责任部门|责任中队|责任人|配合单位|配合科室|配合股室|配合处室|配合部门|协助单位|协办单位|协同部门|协同单位|协同处室|" +
        "责任领导|分管领导|牵头领导|完成时限|整改时限|整改期限|完成时间";

    private const string Labels = InlineLabels + "|整改单位|时限要求|问题表现|存在问题|具体表现|问题描述|整改措施|整改要求|具体措施";

    // A line may also open with a bare 牵头, 配合 or 时限 and its colon, under the measure it belongs to ("牵头：工程建设股，配合：…",
    // "时限：10月底前").
    [GeneratedRegex(@"^(?:(?<label>" + Labels + @")\s*(?:[:：]\s*|$)|(?<label>时限|牵头|配合)\s*[:：]\s*)", RegexOptions.CultureInvariant)]
    private static partial Regex LineField();

    // "责任单位：X（牵头）、Y。整改时限：…": a full stop parts fields too, and before a label a comma or an article's bar
    // ("牵头单位：X，配合单位：Y", "牵头科室：X｜完成时限：…").
    [GeneratedRegex(@"(?:[;；。，,｜|]\s*|\s+)(?=(?:" + InlineLabels + @"|整改时限|时限|配合|牵头)\s*[:：])", RegexOptions.CultureInvariant)]
    private static partial Regex NextField();

    // Inside a parenthesis, or after a measure's full stop ("…坐诊不少于4次。牵头：医务科，配合：…"), a bare 时限, 牵头 or 配合
    // is a label too: "（责任股室：财务室；配合：各乡镇；时限：长期坚持）",
    // "（牵头：总务处；配合：财务室）", "（责任单位：合作指导科，配合：办公室）"; a value may
    // hold a parenthesis of its own ("配合单位：各村（社区）"), ends at a bracket ("【牵头单位：X；配合单位：Y】") or a bar, and where spaces
    // or a comma part it from the next label ("牵头部门：财政所　　协同部门：各社区", "责任股室：预算股　　配合：办公室").
    [GeneratedRegex(@"(?<label>" + InlineLabels + @"|(?<=[(（【;；，,。\s]\s*)(?:时限|配合|牵头))\s*[:：]\s*(?<value>(?:(?![\s，,]+(?:" + InlineLabels + @"|时限|配合|牵头)\s*[:：])(?:[^;；。｜|()（）【】\n]|[(（][^;；。()（）【】\n]*[)）]))+)", RegexOptions.CultureInvariant)]
    private static partial Regex InlineField();
}
