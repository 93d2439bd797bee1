using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// A message that puts right what the sender got wrong before: "不对 是21不是12 21号：…", "刚才说48是口误，同意的是49的延期",
/// "No.33 刚刚退回是我漏看附件了 材料是齐的 同意销号", "第一个的延期不同意，刚才手滑点成同意了". The clauses that only say
/// what went wrong are no part of what it asks (nor a reason, nor an account); what is left is read as the message.
/// </summary>
internal static partial class Correction
{
    public static bool TryStrip(string text, [NotNullWhen(true)] out string? meant)
    {
        meant = null;
        if (!Hint().IsMatch(text))
        {
            return false;
        }
        var clauses = Clause().Matches(text).ToList();
        // "签字 58 不对不对 是85", "32申请销号 哦不对 是23": the number before the slip is the one put right.
        for (var k = 1; k + 1 < clauses.Count; k++)
        {
            if (ChineseText.TrimSymbols(clauses[k].Groups["said"].Value) is var slip && (SlipOnly().IsMatch(slip) || (slip is ['哦' or '噢', ..] && SlipOnly().IsMatch(slip[1..])))
                && RightNumber().Match(clauses[k + 1].Groups["said"].Value) is { Success: true } right
                && text[..clauses[k].Index] is var before && (MeasureNumber().Matches(before).LastOrDefault() ?? LastNumber().Match(before)) is { Success: true } wrong)
            {
                meant = before[..wrong.Index] + right.Groups["n"].Value + before[(wrong.Index + wrong.Length)..] + text[(clauses[k + 1].Index + clauses[k + 1].Length)..];
                return true;
            }
        }
        var kept = new List<Match>();
        var leading = true;
        string? slipped = null;
        Match? putRight = null;
        foreach (var clause in clauses)
        {
            var said = ChineseText.TrimSymbols(clause.Groups["said"].Value);
            // "第66项整改到位，更正一下是65项不是66，…": the number said before is the one put right.
            if (!leading && putRight is null && NumberPutRight().Match(said) is { Success: true } right)
            {
                putRight = right;
                continue;
            }
            // A slip named alone, or a number put right, said before the message; a slip of a moment ago anywhere.
            var justNow = JustNow().Match(said);
            var wrong = justNow.Success || (leading && (SlipOnly().IsMatch(said) || NumberPutRight().IsMatch(said) || NotThat().IsMatch(said)))
                || (!leading && SlipOnly().IsMatch(said));
            // "41刚才报错了 不是已完成 应该是推进中": the measure the slip was about is the one the rest puts right.
            slipped ??= justNow.Groups["n"] is { Success: true } n ? n.Value : null;
            if (!wrong)
            {
                kept.Add(clause);
                leading = false;
            }
        }
        if (kept.Count == clauses.Count || kept.Count == 0)
        {
            // "不是申请延期，是申请销号 第20项", "第33项不是已完成 是还在推进中": what it is not, then what it is.
            if (NotButIs().Match(text) is { Success: true } pair)
            {
                meant = text[..pair.Index] + text[(pair.Index + pair.Length)..];
                return true;
            }
            return false;
        }
        var rest = string.Concat(kept.Select(c => c.Value)).Trim();
        if (putRight is not null && MeasureNumber().Matches(rest).FirstOrDefault(n => n.Value == putRight.Groups["wrong"].Value) is { } mistaken)
        {
            rest = rest[..mistaken.Index] + putRight.Groups["right"].Value + rest[(mistaken.Index + mistaken.Length)..];
        }
        if (slipped is not null && !LeadingNumber().IsMatch(rest))
        {
            rest = $"{slipped} {rest}";
        }
        // "不是问全局的 我是问我们科的整体进度": what was asked, said again.
        meant = AskedAgain().Replace(rest, "");
        return meant.Length > 0;
    }

    /// <summary>
    /// A message that says something, a slip, and what it should have said instead: "报下第12项进展：… 不对，是第13项",
    /// "延到本月底吧 哦说错了 应该是下个月底，人手不够", "导出社会救助科的台账 不对 是低保中心的", "第二个是什么情况 哦不 第三个",
    /// "下周到期的有哪些 哦不是 我是说下个月", "绑定码是583201 哦输错了 是583210". What is put right replaces the last thing of its
    /// kind said before the slip (a measure, an item of a list, a date or period, a unit, a code), and the rest is kept.
    /// "65 66 67都改成推进中 哦67不用改", "四十到四十二的延期都同意 哦不 四十一我再看看": a number taken back leaves the others.
    /// </summary>
    public static bool TryPutRight(string text, IReadOnlyList<UnitName> units, [NotNullWhen(true)] out string? meant)
    {
        meant = null;
        // Every form below holds one of these.
        if (text.AsSpan().IndexOfAny("不错哦噢") < 0)
        {
            return false;
        }
        if (TakenBack().Match(text) is { Success: true, Index: > 0 } back && ChineseNumber.Parse(back.Groups["n"].Value) is { } dropped)
        {
            meant = Without(text[..back.Index], dropped);
            return meant is not null;
        }
        if (SlipThen().Match(text) is not { Success: true, Index: > 0 } slip)
        {
            return false;
        }
        // "先帮我看下我们科逾期的…哦不对，我要看的是我们科下周到期的": the whole request said again.
        meant = PutRight(text[..slip.Index], slip.Groups["right"].Value, units) ?? (slip.Groups["whole"].Success ? slip.Groups["right"].Value : null);
        return meant is not null;
    }

    /// <summary>
    /// <paramref name="before"/> with the last thing of the kind <paramref name="right"/> opens with replaced by it, and the
    /// rest of <paramref name="right"/> after it; null when <paramref name="right"/> opens with nothing of a kind said before.
    /// (A method of its own: its lambdas' closure is made only for a message with a slip in it.)
    /// </summary>
    private static string? PutRight(string before, string right, IReadOnlyList<UnitName> units)
    {
        var names = units.SelectMany(u => u.Aliases.Prepend(u.Name)).OrderByDescending(n => n.Length);
        Match? said = null;
        Match? head = null;
        foreach (var kind in new[] { Ordinal(), Code(), When(), MeasureNumber() })
        {
            // A measure's number is matched without its 第: "是第13项" puts right the 12 of "第12项".
            if (kind.Match(right) is { Success: true } m && (m.Index == 0 || right[..m.Index] == "第") && kind.Matches(before).LastOrDefault() is { } wrong)
            {
                // "延期到12月15号 哦不对15号肯定弄不完 写到12月底吧": the slip named again, then what was meant.
                (said, head) = (wrong, wrong.Value.EndsWith(m.Value, StringComparison.Ordinal) && m.NextMatch() is { Success: true } next ? next : m);
                break;
            }
        }
        if (said is null && names.FirstOrDefault(n => right.StartsWith(n, StringComparison.Ordinal)) is { } unit && names.Select(n => (n, at: before.LastIndexOf(n, StringComparison.Ordinal))).Where(x => x.at >= 0).OrderByDescending(x => x.at).FirstOrDefault() is ({ } wrongUnit, var at))
        {
            return before[..at] + unit + before[(at + wrongUnit.Length)..] + Rest(right[unit.Length..]);
        }
        return said is null ? null : before[..said.Index] + head!.Value + before[(said.Index + said.Length)..] + Rest(right[(head.Index + head.Length)..]);
    }

    /// <summary>
    /// What follows the thing put right, less a 的 that only tied it to what it named ("是低保中心的，领导要看") and a measure's
    /// 项 or 号 ("是第13项").
    /// </summary>
    private static string Rest(string tail) => tail.TrimStart('的', '项', '号', '条');

    /// <summary>The text without measure <paramref name="n"/>: named alone, or within a range (四十到四十二 → 40、42).</summary>
    private static string? Without(string text, int n)
    {
        foreach (Match range in NumberRange().Matches(text))
        {
            if (ChineseNumber.Parse(range.Groups["a"].Value) is { } a && ChineseNumber.Parse(range.Groups["b"].Value) is { } b && a <= n && n <= b && b - a < 20)
            {
                var kept = Enumerable.Range(a, b - a + 1).Where(x => x != n);
                return text[..range.Index] + string.Join("、", kept) + text[(range.Index + range.Length)..];
            }
        }
        var alone = LoneNumbers().Matches(text).FirstOrDefault(x => ChineseNumber.Parse(x.Value) == n);
        return alone is null ? null : (text[..alone.Index] + text[(alone.Index + alone.Length)..]).Trim();
    }

    private const string Slip = @"(?:不对(?:不对)?|错了|(?:我)?(?:数字|日期|时间|编号|名字|验证码)?(?:说|打|写|发|点|弄|搞|输|填|选)(?:错|反)(?:字)?了?|更正(?:一下)?|纠正(?:一下)?|口误|手误|笔误)";

    /// <summary>A measure's number as written in a correction: 21, 八十五.</summary>
    private const string Numeral = @"(?:\d{1,4}|[一二三四五六七八九十百]{1,6})";

    // Every form below holds one of these; most messages hold none and are not split.
    [GeneratedRegex(@"错|口误|手误|笔误|手滑|手快|点成|报成|填成|写成|标成|漏看|看漏|打反|不是|不对|sorry|更正|纠正", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Hint();

    // A clause and the separators after it.
    [GeneratedRegex(@"(?<said>[^，,。；;：:！!？?\s]+)[，,。；;：:！!？?\s]*", RegexOptions.CultureInvariant)]
    private static partial Regex Clause();

    // "不对", "说错了", "打错字了", "sorry点错了", "数字打反了", "更正一下", "哦打错了"; an apology alone ("sorry 41刚才报错了 …").
    // "哦不对打错了": two words for one slip.
    [GeneratedRegex(@"^(?:(?:sorry|抱歉|不好意思|哎呀|哎)" + Slip + "?|" + Slip + "{1,2}|(?:哦|噢)(?:说|打|写|输|填|选)错(?:字)?了?)[啊哈呀了]*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SlipOnly();

    // "刚才12那条进展发错了", "不好意思刚才31填错了", "刚才不同意54认领是点错了", "刚才说48是口误", "刚刚退回是我漏看附件了", "刚才手滑点成同意了";
    // "41刚才报错了", "刚才31点错了": the measure named before 刚才, or right after it with the slip (not "刚才56那条写错了，撤销", the
    // write undone); "哎呀刚才手快把27报成完成了": after 把, with what it was made. "昨天第12项报完成是包错了": a slip of longer ago only with a verb of
    // saying (包 typed for 报), and a number marked as a measure's ("上周五报的" is a day); after the number, only with a word
    // that is nothing but a slip ("12号上午手滑点成已完成了").
    [GeneratedRegex(@"^(?:不好意思|抱歉|sorry|哎呀|哎|哦|噢)?(?:我)?(?:(?:刚才|刚刚)(?:手快|手滑|不小心)?把(?<n>" + Numeral + @")(?:号|项|条)?(?:报成|填成|写成|点成|标成)|(?:刚才|刚刚)第?(?<n>" + Numeral + @")(?:号|项|条)?(?:说|打|写|发|点|弄|搞|输|填|选|报|包)(?:错|反)|(?:(?<n>" + Numeral + @")(?:号|项|条)?)?(?:刚才|刚刚)\S*(?:错|口误|手误|笔误|手滑|点成|漏看|看漏|打反)|(?:昨天|前天|上午|早上|之前|上周)(?:第(?<n>" + Numeral + @")(?:号|项|条)?|(?<n>" + Numeral + @")(?:号|项|条))\S*(?:报|包|发|说|写|填|点|弄|搞|选|打)错|(?<n>" + Numeral + @")(?:号|项|条)?(?:昨天|前天|上午|早上|下午|之前)\S*(?:手滑|点成|手误|口误|笔误))", RegexOptions.CultureInvariant)]
    private static partial Regex JustNow();

    [GeneratedRegex(@"^(?:第)?" + Numeral, RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNumber();

    // "是21不是12", "要退回的是66不是60", "更正一下是65项不是66".
    [GeneratedRegex(@"^(?:更正一下|纠正一下|更正|纠正)?(?:\p{IsCJKUnifiedIdeographs}{0,6}的)?是?(?<right>" + Numeral + ")(?:号|项|条)?不是(?<wrong>" + Numeral + ")(?:号|项|条)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPutRight();

    // "不是申请延期，是", "不是看我们科的 是", "不是已完成 而是": a few words, not a number, then what is meant after 是;
    // "不是未启动，已经在推进了": a status, then the one meant.
    [GeneratedRegex(@"不是\p{IsCJKUnifiedIdeographs}{1,8}[，,\s]+(?:而)?是|不是(?:未启动|没启动|已完成|完成了?|推进中|在推进|长期坚持|未完成)[，,\s]+(?=已经|已|正在|还在|在)", RegexOptions.CultureInvariant)]
    private static partial Regex NotButIs();

    // "不是问全局的", "我不是说这个".
    [GeneratedRegex(@"^(?:我)?不是(?:问|说|要)\p{IsCJKUnifiedIdeographs}{0,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex NotThat();

    // "是85", "应该是八十二条", "是第54项", "第31项".
    [GeneratedRegex(@"^(?:(?:应该)?是第?|第)(?<n>" + Numeral + ")(?:号|项|条)?$", RegexOptions.CultureInvariant)]
    private static partial Regex RightNumber();

    // A measure's number where a message names it: after 第 or first, before 号/项/条 or a space.
    [GeneratedRegex(@"(?<=第|^)" + Numeral + @"(?=号|项|条|\s)", RegexOptions.CultureInvariant)]
    private static partial Regex MeasureNumber();

    // The last number: none after it.
    [GeneratedRegex(Numeral + "(?!.*(?:\\d|[一二三四五六七八九十百]))", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex LastNumber();

    [GeneratedRegex(@"^(?:我是问|我问的是|我想问的是)", RegexOptions.CultureInvariant)]
    private static partial Regex AskedAgain();

    // "… 不对，是第13项", "… 哦说错了 应该是下个月底", "… 哦不是 我是说下个月", "… 哦不 第三个", "…逾期的…哦不对，我要看的是…",
    // "… 哦不对 写到12月底吧": a slip, then what was meant.
    [GeneratedRegex(@"[，,。；;！!\s…]+(?:哦|噢|呃|啊)?(?:不对不对|不对|(?:说|打|输|写|填|搞|弄)?错了|(?<=[哦噢呃])不是|(?<=[哦噢呃])不)(?:[，,\s]*(?:说|打|输|写|填|搞|弄)错了)?[，,。！!\s]*(?:我是说|我说的是|(?<whole>我要(?:看|问|查)的是|我想(?:看|问|查)的是)|应该是|应是|是|(?:写|改|延|填)(?:到|成|为))?[，,。\s]*(?<right>\S.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex SlipThen();

    // "… 哦67不用改", "… 哦不 四十一我再看看": a number taken back from those named.
    [GeneratedRegex(@"[，,。；;！!\s]+(?:哦|噢)(?:不对|不)?[，,。\s]*第?(?<n>" + Numeral + @")(?:号|项|条)?(?:先)?(?:不用改|不改|不批|不用|不要|不算|除外|我再看看|再看看)", RegexOptions.CultureInvariant)]
    private static partial Regex TakenBack();

    [GeneratedRegex(@"第" + Numeral + "个", RegexOptions.CultureInvariant)]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Code();

    // A day or a period: 本月底, 下个月, 下周, 年底, 12月20号, 明年3月底, 15号 (not 第15号, a measure).
    [GeneratedRegex(@"(?:本|这|下|上)个?(?:月|周|星期|季度)(?:底|末)?|(?:明年|今年)?(?:\d{1,2}|[一二三四五六七八九十]{1,2})月份?(?:底|末|\d{1,2}[日号])?|年底|(?<![\d第])\d{1,2}[日号]", RegexOptions.CultureInvariant)]
    private static partial Regex When();

    // "四十到四十二", "12-15", "31至34".
    [GeneratedRegex(@"(?<a>" + Numeral + @")(?:号|项|条)?(?:到|至|-|—|~|～)(?<b>" + Numeral + ")", RegexOptions.CultureInvariant)]
    private static partial Regex NumberRange();

    // A number standing alone among others: "65 66 67", "65、66和67".
    [GeneratedRegex(@"(?<=^|[\s、，,和])" + Numeral + @"(?=$|[\s、，,和都])", RegexOptions.CultureInvariant)]
    private static partial Regex LoneNumbers();
}
