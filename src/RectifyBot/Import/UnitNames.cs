using System.Text.RegularExpressions;

namespace RectifyBot.Import;

/// <summary>
/// Unit names as plans write them, reduced to one canonical form so that 县殡葬服务中心 and 殡葬服务中心 are
/// the same unit. Mapping a canonical name to a stored unit and its aliases (殡服中心) is the store's job.
/// </summary>
public static partial class UnitNames
{
    /// <summary>
    /// Strips the prefixes that only say whose unit it is: 局机关规划财务科 → 规划财务科, 县殡葬服务中心 → 殡葬服务中心.
    /// 县委/市政府 and the like are kept: there the 县 is part of the name.
    /// </summary>
    public static string Canonical(string name)
    {
        // "责任单位：基金监管股。": the sentence's full stop is no part of the name.
        var s = name.Trim().Trim('“', '”', '"', '《', '》', ' ').TrimEnd('。', '.', '；', ';');
        // A qualifier in parentheses belongs to the name ("各乡镇（街道）"); a stray one left by a split does not.
        s = s.Count(c => c is '(' or '（') == s.Count(c => c is ')' or '）') ? s : s.Trim('(', ')', '（', '）');
        var m = OwnerPrefix().Match(s);
        return m.Success && s.Length - m.Length >= 2 ? s[m.Length..] : s;
    }

    /// <summary>
    /// The longer names the text writes for each unit ("县殡葬服务中心" for 殡葬服务中心), to keep as its aliases so
    /// that either name finds it later.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> WrittenNames(IReadOnlyList<string> units, IEnumerable<string> lines)
    {
        var text = string.Join("\n", lines);
        var found = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var unit in units)
        {
            var written = Regex.Matches(text, @"(?:局机关|局|[县市区])+" + Regex.Escape(unit))
                .Select(m => m.Value).Where(w => Canonical(w) == unit).Distinct().ToList();
            if (written.Count > 0)
            {
                found[unit] = written;
            }
        }
        return found;
    }

    /// <summary>"各乡镇", "各股室": every unit of a kind rather than one unit.</summary>
    public static bool IsCollective(string name) => name.StartsWith('各') || OwnedEvery().IsMatch(name);

    /// <summary>"局属各单位", "县直各部门", "局机关各股室": every unit of a kind that belongs to a body.</summary>
    internal const string OwnedPrefix = "[\u4e00-\u9fff]{1,2}?(?:属|直|机关)";

    [GeneratedRegex("^" + OwnedPrefix + "各", RegexOptions.CultureInvariant)]
    private static partial Regex OwnedEvery();

    /// <summary>Splits "社会救助科、低保中心和办公室" into names, each canonical.</summary>
    public static IReadOnlyList<string> SplitList(string text) =>
        ListSeparator().Split(text).Select(Canonical).Where(n => n.Length >= 2 && n != "无").Distinct().ToList();

    [GeneratedRegex(@"^(?:局机关(?!各)|局(?![属直])|[县市区](?![委政级直属场划域]))+", RegexOptions.CultureInvariant)]
    private static partial Regex OwnerPrefix();

    /// <summary>The characters a unit's name ends with (科, 股, 中心, 办, 街道, 政府, 立案庭, 党总支, 直属库…).</summary>
    public const string LastCharacters = "科股室局办心队所站组会委部院处馆厅司镇乡村道区厂府庭支库";

    /// <summary>
    /// How a unit's name ends where prose runs on after it ("由X牵头"), every one ending in one of
    /// <see cref="LastCharacters"/>. Narrower: 村, 乡 and 区 sit inside names too (县农村供水总站, 各乡镇), and a name
    /// read up to the first of them would be cut short. 庭: a court's divisions (立案庭, 民一庭).
    /// </summary>
    internal const string Ending = "(?:支部|总支|中心|办公室|科室|委员会|公司|协会|工会|政府|监察组|纪检组|工作组|大队|科|室|股|办|局|处|站|院|所|队|委|部|组|庭|厂|馆|厅)";

    // 和 and 及 join two units only after a unit's last word: 医药价格和招采股 is one unit; nothing inside a parenthesis
    // parts one: 各县（市、区）教育局 is one.
    [GeneratedRegex(@"(?:[、，,;；/\s]+|(?<=[" + LastCharacters + @"])[和及]+)(?![^（(]*[）)])", RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparator();
}
