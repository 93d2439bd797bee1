using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Conversation.Understanding;

/// <summary>What a unit mention in a message resolved to.</summary>
public abstract record UnitResolution(string Written);

public sealed record UnitFound(string Written, UnitRef Unit) : UnitResolution(Written);

/// <summary>Several units fit equally well ("社会科": 社会事务科 or 社会救助科).</summary>
public sealed record UnitAmbiguous(string Written, IReadOnlyList<UnitName> Candidates) : UnitResolution(Written);

/// <summary>Looks like a unit name but is none of ours; <see cref="Nearest"/> are the three closest names.</summary>
public sealed record UnitUnknown(string Written, IReadOnlyList<UnitName> Nearest) : UnitResolution(Written);

/// <summary>
/// Finds the unit a message names. In order: 我们/本科室 (the sender's unit); a name, alias or generated
/// short form written exactly (longest first); a near miss by one character (typos, a dropped character);
/// and finally a word that ends like a unit name (…科, …中心) but matches none, reported with the nearest names.
/// Short forms are built from the name's two-character segments: 社会事务科 → 社事科 (first characters),
/// 社会科 (first segment), 事务科 (last segment); 殡葬服务中心 → 殡服中心. A short form that fits two units
/// is ambiguous, which is what a colleague would say too.
/// </summary>
public sealed partial class UnitNameResolver
{
    private static readonly ConditionalWeakTable<IReadOnlyList<UnitName>, UnitNameResolver> Cache = new();

    private static readonly string[] Suffixes = ["办公室", "中心", "支部", "党组", "科", "股", "站"];

    private static readonly string[] OwnUnitWords = ["我们科室", "我们单位", "我们中心", "我们科", "本科室", "本单位", "本中心", "我科", "我单位", "咱们科", "咱科", "咱单位", "咱中心", "咱这边", "咱这里", "咱这儿", "咱们", "我们", "our unit", "my unit"];

    private static readonly string[] WholeBody = ["我们局", "咱们局", "咱局", "我局", "本局", "全局"];

    private static readonly SearchValues<char> OwnUnitStarts = SearchValues.Create([.. OwnUnitWords.Select(w => w[0]).Distinct()]);

    /// <summary>How a unit's name ends where a message names one in passing ("低保中心配合", "101救助科的").</summary>
    internal const string Ending = "(?:科|股|室|中心|局|队|所|站|办)";

    // Characters that cannot be inside a unit name; they stop the backward walk over an unknown name.
    private const string Stops = "的了是有在和与把将由让给向对请查看问下那这哪些还我们你他她它各本每几个该要逾期到超过完成认领情况进展";

    /// <summary>
    /// Each form with the units it fits (in the directory's order) and its rank: longer forms first, and of equal
    /// length the first unit's first. Looked up by the message's substrings, rather than searching the message for
    /// each of the city's two thousand forms (some 7 % of a rule-path turn).
    /// </summary>
    private readonly Dictionary<string, (int Rank, List<UnitName> Units)> _forms;

    private readonly Dictionary<string, (int Rank, List<UnitName> Units)>.AlternateLookup<ReadOnlySpan<char>> _formsBySpan;

    /// <summary>The lengths of the forms that start with each character, longest first: most of a message's characters start none.</summary>
    private readonly Dictionary<char, int[]> _lengthsByFirst;

    private readonly SearchValues<char> _firsts;

    private readonly IReadOnlyList<UnitName> _units;

    private UnitNameResolver(IReadOnlyList<UnitName> units)
    {
        _units = units;
        _forms = [];
        var rank = 0;
        foreach (var (form, unit) in units.SelectMany(u => Forms(u).SelectMany(Typed).Distinct().Select(f => (f, u))).OrderByDescending(p => p.f.Length))
        {
            if (!_forms.TryGetValue(form, out var entry))
            {
                _forms[form] = (rank, [unit]);
            }
            else if (!entry.Units.Contains(unit))
            {
                entry.Units.Add(unit);
            }
            rank++;
        }
        _formsBySpan = _forms.GetAlternateLookup<ReadOnlySpan<char>>();
        _lengthsByFirst = _forms.Keys.Where(f => f.Length > 0).GroupBy(f => f[0])
            .ToDictionary(g => g.Key, g => g.Select(f => f.Length).Distinct().OrderDescending().ToArray());
        _firsts = SearchValues.Create([.. _lengthsByFirst.Keys]);
        _stems = _forms.SelectMany(f => Suffixes.Where(s => f.Key.EndsWith(s, StringComparison.Ordinal) && f.Key.Length - s.Length >= 2)
                .Select(s => (Stem: f.Key[..^s.Length], f.Value.Units)))
            .GroupBy(p => p.Stem).ToDictionary(g => g.Key, g => g.SelectMany(p => p.Units).Distinct().ToList());
        // A name that two units' staff answer to names neither.
        _people = units.SelectMany(u => u.People.SelectMany(PersonForms).Distinct().Select(f => (Form: f, Unit: u)))
            .GroupBy(p => p.Form).Where(g => g.Select(p => p.Unit).Distinct().Count() == 1).ToDictionary(g => g.Key, g => g.First().Unit);
        _peopleBySpan = _people.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The forms of staff's names people write (<see cref="PersonForms"/>), each with the one unit of the people it fits.</summary>
    private readonly Dictionary<string, UnitName> _people;

    private readonly Dictionary<string, UnitName>.AlternateLookup<ReadOnlySpan<char>> _peopleBySpan;

    /// <summary>
    /// How colleagues write a person's name: whole ("王强", "陈奇奇"), a three-character name's given name ("奇奇"), the
    /// surname with the post ("巨局", "陈主任").
    /// </summary>
    private static IEnumerable<string> PersonForms(string name)
    {
        if (name.Length is < 2 or > 4 || !name.All(ChineseText.IsHan))
        {
            yield break;
        }
        yield return name;
        if (name.Length == 3)
        {
            yield return name[1..];
        }
        foreach (var post in Posts)
        {
            yield return name[..1] + post;
        }
    }

    private static readonly string[] Posts = ["局", "局长", "主任", "科长", "股长", "书记"];

    /// <summary>What follows a person's name when it stands for the unit: where they are, or who they work with.</summary>
    private static readonly string[] Beside = ["那边", "那儿", "那里", "他们", "她们", "手上", "手里", "手头"];

    /// <summary>"李娜那边", "王强他们科", "李娜手上的", "巨局那边": a unit named by a person in it, where they are.</summary>
    internal UnitFound? Person(string text)
    {
        // Found from where the place words are: most messages have none.
        UnitFound? first = null;
        var firstAt = int.MaxValue;
        foreach (var beside in Beside)
        {
            for (var end = text.IndexOf(beside, StringComparison.Ordinal); end >= 0 && end - 2 < firstAt; end = text.IndexOf(beside, end + 1, StringComparison.Ordinal))
            {
                for (var length = Math.Min(4, end); length >= 2; length--)
                {
                    if (end - length < firstAt && _peopleBySpan.TryGetValue(text.AsSpan(end - length, length), out var form, out var unit))
                    {
                        (first, firstAt) = (new UnitFound(form + beside, new UnitRef(unit.Id, unit.Name)), end - length);
                        break;
                    }
                }
            }
        }
        return first;
    }

    /// <summary>The unit of the one person a name written whole fits ("@王强 查下你们科…"), if any.</summary>
    public UnitRef? PersonsUnit(string name) => name.Length >= 2 && _people.TryGetValue(name, out var unit) && unit.People.Contains(name) ? new UnitRef(unit.Id, unit.Name) : null;

    /// <summary>Each form's words before its 科/中心 (低保中心 → 低保, 殡服中心 → 殡服), with the units it fits.</summary>
    private readonly Dictionary<string, List<UnitName>> _stems;

    /// <summary>The resolver for a directory, built once per directory instance.</summary>
    public static UnitNameResolver For(IReadOnlyList<UnitName> units) => Cache.GetValue(units, u => new UnitNameResolver(u));

    /// <summary>The unit named in <paramref name="text"/>, or null when the text names none.</summary>
    public UnitResolution? Find(string text, Sender sender)
    {
        // "咱们局整体完成率": the whole body, not the sender's unit.
        if (text.AsSpan().ContainsAny(OwnUnitStarts) && !WholeBody.Any(w => text.Contains(w, StringComparison.Ordinal)))
        {
            foreach (var word in OwnUnitWords)
            {
                if (text.Contains(word, StringComparison.Ordinal))
                {
                    // "问一下殡服中心那边现在超期的有几条，我们有两项要跟他们对接": the unit asked about, not the sender's
                    // told of in a clause that asks nothing; "低保中心…并到我们科了，他们原来手上还没办完的…有哪些？": or
                    // asked about as 他们.
                    if (Asks(text, word))
                    {
                        return Own(word, sender);
                    }
                    bool AskedOf(string written) => Asks(text, written) || (text.Contains("他们", StringComparison.Ordinal) && Asks(text, "他们"));
                    // "其实是王强他们的活…麻烦转给他们那边吧": or the unit of a person asked about, as of a unit.
                    return Longest(text) is { } asked && AskedOf(asked) ? Exact(asked)
                        : Person(text) is { } person && AskedOf(person.Written) ? person
                        : Own(word, sender);
                }
            }
        }
        if (Longest(text) is { } form)
        {
            // "全局现在超期的拉一下，周五整改办要通报": the whole body first, a unit told of after it in a clause that asks nothing.
            return WholeBodyIn(text) is { } whole
                && Message.ClauseAround(text, text.IndexOf(whole, StringComparison.Ordinal), whole.Length).End <= text.IndexOf(form, StringComparison.Ordinal) && !Asks(text, form)
                ? null
                : Exact(form);
        }
        return Person(text) ?? (UnitShapedWord(text) is { } written ? Resolve(written) : Over(text));
    }

    /// <summary>The word for the whole body the text says, if any (a loop: a lambda over the text would cost every message its closure).</summary>
    private static string? WholeBodyIn(string text)
    {
        foreach (var word in WholeBody)
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                return word;
            }
        }
        return null;
    }

    private static bool Asks(string text, string word) => Message.ClauseAsks(text, text.IndexOf(word, StringComparison.Ordinal), word.Length);

    /// <summary>"低保那边", "殡服那儿": a unit named by the words before its 科 or 中心, said of where it is.</summary>
    private UnitFound? Over(string text) =>
        text.Contains('那') && Nearby().Match(text) is { Success: true } m
            && Enumerable.Range(0, m.Groups["w"].Length - 1).Select(k => m.Groups["w"].Value[k..]).FirstOrDefault(_stems.ContainsKey) is { } stem
            && _stems[stem] is [var only]
            ? new UnitFound(m.Groups["w"].Value, new UnitRef(only.Id, only.Name))
            : null;

    [GeneratedRegex(@"(?<w>\p{IsCJKUnifiedIdeographs}{2,4})(?:那边|那儿|那里)", RegexOptions.CultureInvariant)]
    private static partial Regex Nearby();

    /// <summary>The longest form written in <paramref name="text"/>; of several that long, the first in rank.</summary>
    private string? Longest(string text)
    {
        string? best = null;
        var (bestLength, bestRank) = (0, int.MaxValue);
        for (var at = 0; at < text.Length; at++)
        {
            if (!_firsts.Contains(text[at]) || !_lengthsByFirst.TryGetValue(text[at], out var lengths))
            {
                continue;
            }
            foreach (var length in lengths)
            {
                if (length < bestLength)
                {
                    break;
                }
                if (at + length <= text.Length && _formsBySpan.TryGetValue(text.AsSpan(at, length), out var form, out var entry)
                    && (length > bestLength || entry.Rank < bestRank) && !IsMeeting(text, form, at + length))
                {
                    (best, bestLength, bestRank) = (form, length, entry.Rank);
                    break;
                }
            }
        }
        return best;
    }

    /// <summary>"党组会专题研究整改", "支部会上": the body's meeting, not the unit (会同 is "together with").</summary>
    private static bool IsMeeting(string text, string form, int end) =>
        end < text.Length && text[end] == '会' && (form.EndsWith("党组", StringComparison.Ordinal) || form.EndsWith("支部", StringComparison.Ordinal))
        && !text.AsSpan(end).StartsWith("会同");

    /// <summary>Resolves a written name on its own (a reply to "哪个单位？").</summary>
    public UnitResolution Resolve(string written)
    {
        if (_forms.ContainsKey(written))
        {
            return Exact(written);
        }
        // The walk back may have taken a word before the name ("询社会事物科"), so try each tail too.
        var tails = Enumerable.Range(0, Math.Max(0, written.Length - 2)).Select(k => written[k..]).ToList();
        var near = _units
            .Where(u => Names(u).Any(n => tails.Any(t => EditDistance(n, t) <= 1)))
            .ToList();
        return near switch
        {
            [var only] => new UnitFound(written, new UnitRef(only.Id, only.Name)),
            [_, _, ..] => new UnitAmbiguous(written, near),
            _ => new UnitUnknown(written, Nearest(written)),
        };
    }

    private UnitResolution Own(string word, Sender sender)
    {
        if (sender.UnitId is { } id && _units.FirstOrDefault(u => u.Id == id) is { } unit)
        {
            return new UnitFound(word, new UnitRef(unit.Id, unit.Name, IsSendersOwn: true));
        }
        return new UnitUnknown(word, []);
    }

    private UnitResolution Exact(string form)
    {
        var units = _forms[form].Units;
        return units is [var only]
            ? new UnitFound(form, new UnitRef(only.Id, only.Name))
            : new UnitAmbiguous(form, units);
    }

    private IReadOnlyList<UnitName> Nearest(string written) => _units
        .Select(u => (Unit: u, Score: Names(u).Max(n => Similarity(n, written))))
        .Where(p => p.Score > 0)
        .OrderByDescending(p => p.Score)
        .Take(3)
        .Select(p => p.Unit)
        .ToList();

    private static readonly HashSet<string> Collective = ["全部", "所有", "全体", "各个", "每个", "其他", "其它", "别的"];

    /// <summary>The word ending in a unit suffix (…科, …中心), walking back over name characters.</summary>
    private static string? UnitShapedWord(string text)
    {
        foreach (var suffix in Suffixes)
        {
            var at = text.IndexOf(suffix, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }
            var start = at;
            while (start > 0 && at - start < 8 && ChineseText.IsHan(text[start - 1]) && !Stops.Contains(text[start - 1]))
            {
                start--;
            }
            // "全部科室", "其他科": every unit, or the rest, named by the kind, not one unit.
            if (at - start >= 2 && !Collective.Contains(text[start..at]) && !IsMeeting(text, suffix, at + suffix.Length))
            {
                return text[start..(at + suffix.Length)];
            }
        }
        return null;
    }

    private static IEnumerable<string> Names(UnitName unit) => [unit.Name, .. unit.Aliases];

    /// <summary>The short form a colleague would write (社会事务科 → 社事科), or the name when it has none.</summary>
    public static string ShortForm(string name) =>
        Forms(new UnitName(0, name, [])).Skip(1).FirstOrDefault(f => f.Length < name.Length && Suffixes.Any(s => f.EndsWith(s, StringComparison.Ordinal))) ?? name;

    /// <summary>The name, its aliases, and short forms of each.</summary>
    /// <summary>A form, and as typed with 课 for its 科 ("救助课"): the same syllable, one slip of the input method away.</summary>
    private static IEnumerable<string> Typed(string form) => form.EndsWith('科') ? [form, form[..^1] + "课"] : [form];

    private static IEnumerable<string> Forms(UnitName unit)
    {
        foreach (var name in Names(unit))
        {
            yield return name;
            var suffix = Suffixes.FirstOrDefault(s => name.EndsWith(s, StringComparison.Ordinal));
            if (suffix is null)
            {
                continue;
            }
            var stem = name[..^suffix.Length];
            if (stem.Length >= 4 && stem.Length % 2 == 0)
            {
                // 社会事务 → 社事, 社会, 事务
                var firsts = string.Concat(Enumerable.Range(0, stem.Length / 2).Select(i => stem[i * 2]));
                yield return firsts + suffix;
                yield return stem[..2] + suffix;
                yield return stem[^2..] + suffix;
            }
            if (stem.Length >= 4)
            {
                yield return stem;
            }
        }
    }

    /// <summary>Dice overlap of characters, for ranking near names.</summary>
    private static double Similarity(string a, string b)
    {
        var common = 0;
        var rest = b.ToList();
        foreach (var c in a)
        {
            if (rest.Remove(c))
            {
                common++;
            }
        }
        return 2.0 * common / (a.Length + b.Length);
    }

    internal static int EditDistance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
