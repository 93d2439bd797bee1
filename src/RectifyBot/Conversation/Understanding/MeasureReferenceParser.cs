using System.Buffers;
using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// Where a message names measures. <see cref="Ref"/> is null when the user pointed at something the
/// conversation cannot resolve ("这条" with nothing in focus, "上面第9条" of a 3-item list).
/// </summary>
public sealed record MeasureMention(MeasureRef? Ref, int Index, int Length)
{
    public int End => Index + Length;
}

/// <summary>
/// Finds measure references: 51, 五十一, (51), 第51条/项/号, 51号, 措施51; ranges 51到55 / 51-55 / 51至55;
/// lists 51、54 / 51,54 / 51和54; "这条/这项" (the measure in focus) and "上面第2条/第二个" (the last list).
/// Numbers that count things (5个, 10天, 2025年, 20.8%) are not measures: a bare number counts only when
/// what follows it could follow a measure number (a separator, 完/进/申/的…, or after a space any word but a
/// counting word). A Chinese numeral needs a marker (第, 措施, 条/项/号, brackets) or to open the message,
/// since 一/二 occur in ordinary words.
/// </summary>
public static partial class MeasureReferenceParser
{
    /// <summary>All mentions in <paramref name="text"/>, in order; positions are those of the text.</summary>
    public static IReadOnlyList<MeasureMention> FindAll(string text, UnderstandingContext ctx)
    {
        // Folding maps one character to one, so positions stay valid; for the recogniser's text it is a no-op.
        var folded = ChineseText.Fold(text);
        return FindAll(folded, ChineseDates.FindAll(folded, ctx.Today), ctx);
    }

    /// <summary>The mentions in the recogniser's (folded) text, whose <paramref name="dates"/> are already found.</summary>
    internal static IReadOnlyList<MeasureMention> FindAll(string text, IReadOnlyList<DateMention> dates, UnderstandingContext ctx)
    {
        var masked = Mask(text, dates);
        var numbers = Numbers(masked);
        var found = new List<MeasureMention>();
        found.AddRange(Groups(masked, numbers, ctx));
        // A place in the list named in words ("最后一个").
        var position = Position(masked, ctx);
        // "…，这项算完成了（101）": a measure named by its number is the one "this" means.
        if (found.Count == 0 && position is not null)
        {
            found.Add(position);
        }
        // "第一个和最后一个", "14和最后一个": a place in the list or a number joined to a place named in words.
        else if (found is [{ Ref: { } first } place] && position is { Ref: { } more } other
            && other.Index > place.End && masked[place.End..other.Index] is "和" or "、" or "及" or "与")
        {
            found[0] = new MeasureMention(new MeasureRef([.. first.Numbers, .. more.Numbers.Except(first.Numbers)], first.FromConversation), place.Index, other.End - place.Index);
        }
        // "前两个都签 第三个我再看看": places named in words before those named by number come first; not the list they are
        // picked from ("刚才那3个里面有2个…就是第一个和第三个", "这4个里头第四个", "这几个除了第二个都过").
        else if (found.Count > 0 && position is { } earlier && earlier.End <= found[0].Index && !Within().IsMatch(masked, earlier.End))
        {
            found.Insert(0, earlier);
        }
        // "除了第二个，其他几条…", "除了第二个其余都退回": the list shown, but for the places named after 除了.
        // "除了22，其他几条销号都同意": or for the measures named, when the list holds them; "除了第二个材料都齐了": 都 after a word or two.
        // "53以外的三条…同意销号", "除53外 同意销号": or those said to be left out.
        if (found is [{ Ref: { } except } one, ..]
            && masked.AsSpan(0, one.Index) is var before && (before.EndsWith("除了") ? 2 : before.EndsWith("除") ? 1 : 0) is var leads
            && masked.AsSpan(one.End) is var after && (after.StartsWith("以外") || after.StartsWith("之外") ? 2 : leads > 0 && after.StartsWith("外") ? 1 : 0) is var trails
            && (trails > 0 || (leads > 0 && (masked.IndexOf("其他", one.End, StringComparison.Ordinal) >= 0 || masked.IndexOf("其余", one.End, StringComparison.Ordinal) >= 0
                || masked.IndexOf("别的", one.End, StringComparison.Ordinal) >= 0 || masked.IndexOf("另外", one.End, StringComparison.Ordinal) >= 0 || AllBut().IsMatch(masked, one.End)))))
        {
            // Nothing left ("除了第一个 其余都同意" under a list of one), or no list holding those left out, names no measure, so
            // that the reply asks which.
            int[] rest = except.FromConversation || except.Numbers.All(ctx.LastList.Contains) ? [.. ctx.LastList.Except(except.Numbers)] : [];
            found[0] = new MeasureMention(rest.Length > 0 ? new MeasureRef(rest, FromConversation: true) : null, one.Index - leads, one.End - one.Index + leads + trails);
        }
        // "这条连同48、49一起申请销号": the measure talked about, joined to those named after it.
        if (ctx.Focus is { } focus && found is [{ Ref: { FromConversation: false } named } listed, ..]
            && FocusJoined().Match(masked, 0, listed.Index) is { Success: true } joined)
        {
            found[0] = new MeasureMention(new MeasureRef(named.Numbers.Contains(focus) ? [.. named.Numbers] : [focus, .. named.Numbers]), joined.Index, listed.End - joined.Index);
        }
        if (found.Count == 0)
        {
            found.AddRange(Deictic(masked, ctx));
        }
        found.Sort((a, b) => a.Index.CompareTo(b.Index));
        return found;
    }

    private const int MaxRange = 200;
    private const string ChineseDigits = "零〇一二三四五六七八九十百两幺";

    // Han characters that may follow a measure number: 51完成, 51进展, 51的, 51申请销号, 51由我们科负责, 53归我们科了, 47今天也弄完了,
    // 31之外的 …
    private const string Followers = "条项号个的到至和及与跟以之、什怎进完申已是呢吗情状改标由认延销还为咋如要需请帮查看未正推长常持整办没有可我们逾超谁哪在目都也均现啥退那这签同就接提审不先暂佐材归转移今昨想";

    /// <summary>Words that may follow a number whose first character alone may not: 具 is also a classifier ("12具遗骸").</summary>
    private static readonly string[] FollowerWords = ["具体", "详细", "详情", "最新", "一起", "一并", "确认"];

    // 上一条, 这一项, 下一个, 每一条: a Chinese numeral after these counts or points, it is not a measure number.
    private const string NotBeforeNumeral = "上下这那每某哪同任单唯";

    private const string ClauseBreaks = " ,;:!?。、";

    private static readonly string[] ClauseRequests = ["延期", "申请", "销号", "认领", "退回"];

    private const string CountWords = "个天日周月年人次户名家件份位元万千百亿岁处";

    private static readonly string[] ListLookBack = ["上面", "上述", "上边", "以上", "刚才", "列表", "前面", "清单"];

    private static readonly string[] FocusWords = ["这一条", "这一项", "这条", "这项", "该项", "该条", "该措施", "此项", "此条", "这个措施", "这个任务", "刚才那条", "刚才那项", "刚才那个", "那一条", "那条", "把它", "它的", "this one", "this measure"];

    private static readonly SearchValues<char> FocusStarts = SearchValues.Create([.. FocusWords.Select(w => w[0]).Distinct()]);

    /// <summary><paramref name="Place"/>: 第三条 or 第4条, which may be a place in the list just shown (Groups).</summary>
    private sealed record Number(int Value, int Start, int End, bool Marked, bool ListIndex, bool Place = false);

    // Stands in for masked text: neither a letter, a digit, a Han character nor a separator.
    private const char Masked = '□';

    /// <summary>Blanks dates, quoted text and document numbers, whose digits are not measure numbers, keeping every position.</summary>
    private static string Mask(string text, IReadOnlyList<DateMention> dates)
    {
        char[]? chars = null;
        // "第5.6.7项", "22.23.24": numbers parted by dots, three or more or closed by 项 or 条, are a list typed with . for 、
        // (not a date, "5.6", inside it).
        var dotted = text.AsSpan().IndexOfAny('.', '．') >= 0 ? DottedList().Matches(text) : null;
        for (var r = 0; dotted is not null && r < dotted.Count; r++)
        {
            var run = dotted[r];
            chars ??= text.ToCharArray();
            for (var k = run.Index; k < run.Index + run.Length; k++)
            {
                chars[k] = chars[k] is '.' or '．' ? '、' : chars[k];
            }
        }
        foreach (var mention in dates)
        {
            if (dotted is not null && Overlaps(dotted, mention.Index, mention.Length))
            {
                continue;
            }
            chars ??= text.ToCharArray();
            Array.Fill(chars, Masked, mention.Index, mention.Length);
            // "7到9月那批": the first month of a span, its 月 left to the second.
            if (mention.Index >= 2 && text[mention.Index - 1] is '到' or '至' or '-' or '~' && char.IsAsciiDigit(text[mention.Index])
                && MonthBefore(text, mention.Index - 1) is > 0 and var digits)
            {
                Array.Fill(chars, Masked, mention.Index - 1 - digits, digits + 1);
            }
        }
        var open = text.AsSpan().IndexOfAny(QuoteOpens);
        if (open >= 0)
        {
            var close = text.AsSpan(open + 1).IndexOfAny(QuoteCloses);
            if (close >= 0)
            {
                chars ??= text.ToCharArray();
                Array.Fill(chars, Masked, open, close + 2);
            }
        }
        // "有急事打0771-5623318": a telephone number with its area code.
        if (text.Contains('-'))
        {
            Blank(Landline(), text, ref chars);
        }
        // "《巡察工作条例》第三十六条": an article of a law.
        if (text.Contains('》'))
        {
            Blank(LawArticle(), text, ref chars);
        }
        // "上午9:00在局四楼会议室召开": a time of day.
        if (text.AsSpan().IndexOfAny(':', '：') >= 0)
        {
            Blank(ClockTime(), text, ref chars);
        }
        // "（县民发〔2023〕35号）": a document's number, its year in brackets.
        if (text.AsSpan().IndexOfAny('〔', '[') >= 0)
        {
            Blank(DocumentNumber(), text, ref chars);
        }
        return chars is null ? text : new string(chars);
    }

    /// <summary>Blanks every match of <paramref name="pattern"/> in <paramref name="text"/>, copying it to <paramref name="chars"/> first when one is found.</summary>
    private static void Blank(Regex pattern, string text, ref char[]? chars)
    {
        foreach (var match in pattern.EnumerateMatches(text))
        {
            chars ??= text.ToCharArray();
            Array.Fill(chars, Masked, match.Index, match.Length);
        }
    }

    private static bool Overlaps(MatchCollection runs, int index, int length)
    {
        foreach (Match run in runs)
        {
            if (index < run.Index + run.Length && run.Index < index + length)
            {
                return true;
            }
        }
        return false;
    }

    private static readonly SearchValues<char> QuoteOpens = SearchValues.Create("“\"「"), QuoteCloses = SearchValues.Create("”\"」");

    [GeneratedRegex(@"(?<![\d.．])\d{1,3}(?:[.．]\d{1,3}){2,}(?![\d.．])|(?<=第)\d{1,3}(?:[.．]\d{1,3})+(?=[项条])", RegexOptions.CultureInvariant)]
    private static partial Regex DottedList();

    [GeneratedRegex(@"[〔\[]\d{4}[〕\]]\d{1,4}号", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentNumber();

    [GeneratedRegex(@"》\s*第[\d一二三四五六七八九十百零〇两]+条", RegexOptions.CultureInvariant)]
    private static partial Regex LawArticle();

    [GeneratedRegex(@"(?<!\d)(?:[01]?\d|2[0-3])[:：][0-5]\d(?![\d月日号])", RegexOptions.CultureInvariant)]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Landline();


    /// <summary>How many digits before <paramref name="end"/> write a month (1–12) standing alone; 0 when they do not.</summary>
    private static int MonthBefore(string text, int end)
    {
        var start = end;
        while (start > 0 && end - start < 2 && char.IsAsciiDigit(text[start - 1]))
        {
            start--;
        }
        return start < end && (start == 0 || !(char.IsAsciiDigit(text[start - 1]) || text[start - 1] == '.')) && int.Parse(text.AsSpan(start, end - start)) is >= 1 and <= 12
            ? end - start
            : 0;
    }

    private static List<Number> Numbers(string s)
    {
        var list = new List<Number>();
        var i = 0;
        while (i < s.Length)
        {
            var digit = char.IsAsciiDigit(s[i]);
            if (!digit && !ChineseDigits.Contains(s[i]))
            {
                i++;
                continue;
            }
            var start = i;
            // 两 counts (两项, 两百): it opens a number, never ends one ("十五 十六两项" is 15 and 16, then how many).
            while (i < s.Length && (digit ? char.IsAsciiDigit(s[i]) : ChineseDigits.Contains(s[i]) && (s[i] != '两' || i == start)))
            {
                i++;
            }
            // "残疾人两项补贴": 两 alone is how many, never which one.
            if (!digit && i - start == 1 && s[start] == '两')
            {
                continue;
            }
            // "七十二七十三七十四号", dictated: numerals run together, each as it is written alone, are a list.
            // (A loop, not a lambda: a lambda capturing last would cost an allocation for every character of every message.)
            if (!digit && Run(s, start, i) is [_, _, ..] parts && Classify(s, parts[^1].Start, i, parts[^1].Value, true) is { } last)
            {
                for (var k = 0; k < parts.Count - 1; k++)
                {
                    list.Add(new Number(parts[k].Value, parts[k].Start, parts[k].End, last.Marked, ListIndex: false));
                }
                list.Add(last);
                continue;
            }
            // Measure numbers have at most four digits; 一百五十八 takes five characters.
            if (i - start > (digit ? 4 : 6) || ChineseNumber.Parse(s.AsSpan(start, i - start)) is not { } value || value == 0)
            {
                continue;
            }
            if (Classify(s, start, i, value, !digit) is { } number)
            {
                list.Add(number);
            }
        }
        return list;
    }

    /// <summary>
    /// The numerals of a run that is not one number as written ("七十二七十三七十四", "十一十二"), each written as it would be
    /// alone; empty when the run is one number or cannot be split so.
    /// </summary>
    private static List<(int Value, int Start, int End)> Run(string s, int start, int end)
    {
        // One number holds at most one 十 and one 百; most runs are one number, and are passed without a string made.
        var run = s.AsSpan(start, end - start);
        // "第三四七项": after 第, digits rising one by one are a list (alone, "三四条" is about three or four).
        if (start > 0 && s[start - 1] == '第' && run.Length >= 2 && RisingDigits(run))
        {
            var digits = new List<(int, int, int)>();
            for (var at = start; at < end; at++)
            {
                digits.Add((ChineseNumber.Parse(s.AsSpan(at, 1))!.Value, at, at + 1));
            }
            return digits;
        }
        if (run.Count('十') < 2 && run.Count('百') < 2)
        {
            return NoParts;
        }
        var parts = new List<(int, int, int)>();
        for (var at = start; at < end;)
        {
            var length = Math.Min(6, end - at);
            // Each part has its 十 or 百: "三四条" is about three or four, not 3 and 4.
            while (length > 1 && !(ChineseNumber.Parse(s.AsSpan(at, length)) is { } v and > 0 and <= 9999 && ChineseNumber.ToChinese(v) == s.Substring(at, length)
                                   && s.AsSpan(at, length).ContainsAny('十', '百')))
            {
                length--;
            }
            if (length == 1)
            {
                return NoParts;
            }
            parts.Add((ChineseNumber.Parse(s.AsSpan(at, length))!.Value, at, at + length));
            at += length;
        }
        return parts;
    }

    private static readonly List<(int Value, int Start, int End)> NoParts = [];

    private const string OneToNine = "一二三四五六七八九";

    private static bool RisingDigits(ReadOnlySpan<char> run)
    {
        for (var k = 0; k < run.Length; k++)
        {
            if (OneToNine.IndexOf(run[k]) is var d && (d < 0 || (k > 0 && d <= OneToNine.IndexOf(run[k - 1]))))
            {
                return false;
            }
        }
        return true;
    }

    private static Number? Classify(string s, int start, int end, int value, bool chinese)
    {
        var before = start;
        while (before > 0 && s[before - 1] == ' ')
        {
            before--;
        }
        var after = end;
        while (after < s.Length && s[after] == ' ')
        {
            after++;
        }
        var prev = before > 0 ? s[before - 1] : '\0';
        var next = after < s.Length ? s[after] : '\0';
        // "前两项", "最后2个": positions in the last list (Positions), not measures.
        // "报一下七十六项": 下 ends the verb's 一下 there, it does not say "the next".
        var verbEnds = prev == '下' && before >= 2 && s[before - 2] is '一' or '报' or '说' or '看' or '查';
        // "上1条撤消": the message before, however its number is written.
        // "排前3的下周一约谈": a rank, not a measure.
        if ((chinese && NotBeforeNumeral.Contains(prev) && !verbEnds) || (prev is '前' or '后' && next is '项' or '条' or '个')
            || (prev == '前' && (next == '的' || (before >= 2 && s[before - 2] == '排')))
            || (prev is '上' && before == 1 && value == 1 && next is '条'))
        {
            return null;
        }
        // "10、11月都没有": months listed (the second read as a date), not measures.
        if (next == '、' && after + 1 < s.Length && (s[after + 1] == Masked || MonthAfter().IsMatch(s, after + 1)))
        {
            return null;
        }
        // "28、29两项": a numeral right after a measure number counts the measures, it is not one.
        if (chinese && next is '项' or '条' && char.IsAsciiDigit(prev))
        {
            return null;
        }
        var ordinal = prev == '第';
        // "第三方面第2个问题对应的（56）（58）两项措施": an aspect and a problem of the feedback, no measure nor place in a list.
        if (ordinal && (s.AsSpan(after).StartsWith("方面") || (next == '个' && (s.AsSpan(after + 1).StartsWith("问题") || s.AsSpan(after + 1).StartsWith("方面")))))
        {
            return null;
        }
        var measureWord = before >= 2 && s.AsSpan(before - 2, 2) is "措施";
        if (prev == '(' && before >= 2 && char.IsAsciiLetter(s[before - 2]))
        {
            return null; // "alert(1)" is code, not （1）.
        }
        // "（58）", "【67】": a number in brackets alone.
        var paren = (prev == '(' && next == ')') || (prev == '【' && next == '】');
        // "第56向": 向 typed for 项 after 第.
        var suffix = next is '条' or '项' or '号' || (ordinal && next == '向');
        if (next is '条' or '项' && !ordinal && !measureWord && !paren && Counts(s, before, after + 1))
        {
            return null;
        }
        var spanStart = ordinal || paren ? before - 1 : measureWord ? before - 2 : start;
        var spanEnd = suffix || paren ? after + 1 : end;
        // "第（97）项、第（79）项": brackets inside 第…项.
        if (paren && prev == '(' && before >= 2 && s[before - 2] == '第' && spanEnd < s.Length && s[spanEnd] is '项' or '条' or '号')
        {
            (spanStart, spanEnd) = (spanStart - 1, spanEnd + 1);
        }
        // "【第53项】…", "（第53项）…": a measure named in brackets, as a heading of what follows.
        if (ordinal && suffix && before >= 2 && spanEnd < s.Length && (s[before - 2], s[spanEnd]) is ('【', '】') or ('(', ')'))
        {
            (spanStart, spanEnd) = (spanStart - 1, spanEnd + 1);
        }
        if (suffix && s.AsSpan(spanEnd).StartsWith("措施"))
        {
            spanEnd += 2;
        }

        // "上面第二、第三条": a place in the list shown, the first of the list too; "刚才第35项" is a measure said before, no
        // list's thirty-fifth place.
        // "第1和第3个", "第2到第4个": the 个 of the place after it.
        if (ordinal && (next == '个' || ((suffix || next is '、' or '和' or '到' or '至') && value <= 20 && (LooksBackToList(s, before - 1) || PlaceFollows().IsMatch(s, after + 1)))))
        {
            return new Number(value, spanStart, spanEnd + (next == '个' ? 1 : 0), Marked: true, ListIndex: true);
        }
        var (word, wordStart) = EnglishWordBefore(s, before);
        var english = word is "measure" or "item" or "no" or "#";
        // "No.112 已完成摸底": the word is part of the reference, which then opens the message.
        if (english && !ordinal && !measureWord && !paren)
        {
            spanStart = wordStart;
        }
        var marked = ordinal || measureWord || paren || suffix || english;
        // After a space any word may follow ("51 召开专题会议"), except a counting word ("3 天").
        // "认领28、29两项": a list may end with how many it holds.
        var listCount = "两二三四五六七八九十".Contains(next) && after + 1 < s.Length && s[after + 1] is '项' or '条';
        var followerOk = !ChineseText.IsHan(next) || suffix || Followers.Contains(next) || FollowerWords.Any(w => s.AsSpan(after).StartsWith(w, StringComparison.Ordinal))
            || listCount || (after > end && !CountWords.Contains(next))
            // "101救助科的共同认领，同意", "54救助科申请共同认领", "73救助科协助的申请同意": a unit's name after the number,
            // whose measure it holds.
            || (!CountWords.Contains(next) && UnitAfter().IsMatch(s, after));
        if (next == '个' || !followerOk || IsEnglishCount(s, after))
        {
            return null;
        }
        if (marked)
        {
            return new Number(value, spanStart, spanEnd, Marked: true, ListIndex: false, Place: ordinal && suffix);
        }
        // A bare number must stand between separators: not "1=1", "abc51", "20.8%".
        if (!IsBareNeighbour(start > 0 ? s[start - 1] : '\0') || !IsBareNeighbour(end < s.Length ? s[end] : '\0'))
        {
            return null;
        }
        // A bare Chinese numeral counts when it opens the message, alone or joined to the next ("一百四十三和一百四十四这两条…",
        // "三十一跟三十三 这两条"), or, when it is ten or more, before any word that may follow a measure's number ("二十七那个
        // 消号…", where "一是…" and "三要…" open a list of points); or when it opens a clause with a request ("材料交不上来
        // 十三延期到年底", "同意 六十五 销号"). Elsewhere it may still join a marked group ("五十一到五十五项").
        var counts = !chinese || (start == Opening(s) && (end == s.Length || !ChineseText.IsHan(s[end]) || (end + 1 < s.Length && "和、到至跟及与".Contains(s[end]) && ChineseDigits.Contains(s[end + 1]))
                || s.AsSpan(end).StartsWith("不是") || value >= 10))
            || ((start == 0 || ClauseBreaks.Contains(s[start - 1])) && ClauseRequests.Any(r => s.AsSpan(end).TrimStart(' ').StartsWith(r, StringComparison.Ordinal)));
        return new Number(value, spanStart, spanEnd, Marked: counts, ListIndex: false);
    }

    /// <summary>Where the message's words start after the sounds of dictation: "嗯 那个 一百二十七 就是…".</summary>
    private static int Opening(string s) => OpeningSounds().Match(s).Length;

    /// <summary>The sounds a dictated message hesitates with, no word of what it says (MeasureLedRules reads them too).</summary>
    internal const string Hesitations = "嗯|呃|额|那个";

    [GeneratedRegex(@"^(?:[ ,]|" + Hesitations + ")*", RegexOptions.CultureInvariant)]
    private static partial Regex OpeningSounds();

    /// <summary>
    /// "我们158条措施完成多少了", "共40条", "这20项里面", "30项任务中": a number of 条 or 项 that counts measures rather than
    /// naming one. Without 第 it counts when what it is a number of is named (措施, 任务, 问题), when a word that gathers
    /// comes just before it (共, 全部, 这, 那, 我们, 负责的, 还有, a unit's name), or when the message looks inside it
    /// (里, 中, 其中). 158条咋样了 and 12条完成了 still name measures; so does 45号, since 号 names and does not count.
    /// </summary>
    private static bool Counts(string s, int before, int afterWord)
    {
        // "第141、142项整改完了", "第71至73项整改任务已全部完成", "41条57条整改办已经审过了": the last of a list or a range names
        // a measure as the first does.
        if (before >= 2 && s[before - 1] is '、' or '至' or '到' or '-' or '~' or '—' && (char.IsAsciiDigit(s[before - 2]) || ChineseDigits.Contains(s[before - 2]) || s[before - 2] is '项' or '条' or '号'))
        {
            return false;
        }
        if (before >= 2 && s[before - 1] is '条' or '项' && (char.IsAsciiDigit(s[before - 2]) || ChineseDigits.Contains(s[before - 2])))
        {
            return false;
        }
        // "第六十四 六十五还有六十八项": 还有 joins the last of a list as 、 does.
        if (s.AsSpan(0, before).TrimEnd(' ') is [.., var n, '还', '有'] && (char.IsAsciiDigit(n) || ChineseDigits.Contains(n) || n is '项' or '条' or '号' or ' '))
        {
            return false;
        }
        // "刚才多发了一条，撤回": messages sent, counted.
        if (s[afterWord - 1] == '条' && s.AsSpan(0, before).TrimEnd(' ').EndsWith("发了", StringComparison.Ordinal))
        {
            return true;
        }
        var rest = s.AsSpan(afterWord);
        // "一条都不能落下", "一项也没漏": not a single one; "不用一项项发了": one by one.
        if (s.AsSpan(before, afterWord - before).TrimStart(' ') is ['一', var each] && rest.Length > 0 && (rest[0] is '都' or '也' || rest[0] == each))
        {
            return true;
        }
        foreach (var word in AfterACount)
        {
            // "56条整改材料都传上去了" names measure 56: its materials, not a count of 整改.
            if (rest.StartsWith(word, StringComparison.Ordinal) && !(word == "整改" && OneMeasures(rest[2..])))
            {
                return true;
            }
        }
        // 那个 and 这个 before a number are a spoken filler ("那个一百五十条，我们科认领"); 整个 counts.
        return before > 0 && CountLeads.Contains(s[before - 1]) && !(s[before - 1] == '个' && before >= 2 && s[before - 2] is '那' or '这');
    }

    // What is counted (措施, 整改任务, 问题…), a look inside it (里, 其中…), or all of it ("158项总体进展咋样了").
    private static readonly string[] AfterACount = ["措施", "整改", "任务", "问题", "事项", "里", "中", "其中", "当中", "总体", "整体"];

    /// <summary>What follows 整改 when it is one measure's (its materials, its account), not the work counted.</summary>
    private static bool OneMeasures(ReadOnlySpan<char> after)
    {
        foreach (var word in NotCounted)
        {
            if (after.StartsWith(word, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static readonly string[] NotCounted = ["材料", "资料", "佐证", "情况", "进展", "进度"];

    // The last character of 共/一共/共计/合计, 全部/所有/整个, 这/那/这些, 我们/你们, 负责的, 还有, 就剩, 社会救助科/…局/…部.
    private const string CountLeads = "共计这那些们的有剩部个科局";

    // A date beside the number, masked ("23元旦前肯定弄不完"), parts it from the words as a separator does.
    private static bool IsBareNeighbour(char c) => c is '\0' or ' ' or Masked || ChineseText.IsHan(c) || ",、;:!?()-~/#。".Contains(c);

    /// <summary>"measure 51", "item 51", "#51": the ASCII word (or #) just before <paramref name="index"/>, and where it starts.</summary>
    private static (string Word, int Start) EnglishWordBefore(string s, int index)
    {
        if (index > 0 && s[index - 1] == '#')
        {
            return ("#", index - 1);
        }
        var end = index;
        while (end > 0 && s[end - 1] is ' ' or '.')
        {
            end--;
        }
        var start = end;
        while (start > 0 && char.IsAsciiLetterLower(s[start - 1]))
        {
            start--;
        }
        return (s[start..end], start);
    }

    /// <summary>"10 days", "2 weeks": an English count, not a measure.</summary>
    private static bool IsEnglishCount(string s, int index) =>
        s.AsSpan(index) is var rest && (rest.StartsWith("day") || rest.StartsWith("week") || rest.StartsWith("month") || rest.StartsWith("year") || rest.StartsWith("hour"));

    private static bool LooksBackToList(string s, int index)
    {
        var from = Math.Max(0, index - 5);
        var window = s.AsSpan(from, index - from);
        foreach (var w in ListLookBack)
        {
            if (window.Contains(w, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private enum Join { None, Range, List }

    private static Join Connector(ReadOnlySpan<char> gap)
    {
        gap = gap.Trim(' ');
        if (gap.StartsWith("第"))
        {
            gap = gap[1..];
        }
        if (gap.EndsWith("第"))
        {
            gap = gap[..^1].TrimEnd(' ');
        }
        return gap switch
        {
            "到" or "至" or "-" or "~" or "—" => Join.Range,
            "、" or "," or "和" or "及" or "与" or "跟" or "以及" or "还有" or "/" or ";" or "" => Join.List,
            _ => Join.None,
        };
    }

    private static IEnumerable<MeasureMention> Groups(string s, List<Number> numbers, UnderstandingContext ctx)
    {
        var i = 0;
        while (i < numbers.Count)
        {
            var n = numbers[i];
            if (n.ListIndex)
            {
                // "第一个和第四个": positions joined as numbers are.
                var (positions, last) = (new List<int> { n.Value }, n);
                // "第三个到第五个": a range of them.
                while (i + 1 < numbers.Count && numbers[i + 1].ListIndex && Connector(s.AsSpan(last.End, Math.Max(0, numbers[i + 1].Start - last.End))) is var join and not Join.None)
                {
                    var next = numbers[++i];
                    positions.AddRange(join == Join.Range && next.Value > last.Value ? Enumerable.Range(last.Value + 1, next.Value - last.Value) : [next.Value]);
                    last = next;
                }
                MeasureRef? resolved = positions.All(p => p <= ctx.LastList.Count) ? new MeasureRef([.. positions.Select(p => ctx.LastList[p - 1])], FromConversation: true) : null;
                yield return new MeasureMention(resolved, n.Start, last.End - n.Start);
                i++;
                continue;
            }
            var values = new List<int> { n.Value };
            var marked = n.Marked;
            var end = n.End;
            var j = i + 1;
            while (j < numbers.Count && !numbers[j].ListIndex)
            {
                var join = Connector(s.AsSpan(end, Math.Max(0, numbers[j].Start - end)));
                if (join == Join.None || (join == Join.List && numbers[j].Start == end && !numbers[j].Marked))
                {
                    break;
                }
                if (join == Join.Range && numbers[j].Value - values[^1] is > 0 and <= MaxRange)
                {
                    for (var v = values[^1] + 1; v <= numbers[j].Value; v++)
                    {
                        values.Add(v);
                    }
                }
                else
                {
                    values.Add(numbers[j].Value);
                }
                marked |= numbers[j].Marked;
                end = numbers[j].End;
                j++;
            }
            // "第三条具体啥情况", "第4条延期同意", "第2条 第三条 申请销号" just after a list without those measures in it: the
            // list's places (writers of the blind sets read digits so too). Under a queue of requests, said by who decides
            // them, bare numbers too ("1和3同意", "2退回 材料不全"): a request not in the queue cannot be decided.
            if (marked && (ctx.DecidedRequest.Length > 0 || numbers[i..j].All(r => r.Place)) && values.All(v => v >= 1 && v <= ctx.LastList.Count && !ctx.LastList.Contains(v)))
            {
                yield return new MeasureMention(new MeasureRef([.. values.Distinct().Select(v => ctx.LastList[v - 1])], FromConversation: true), n.Start, end - n.Start);
            }
            else if (marked)
            {
                yield return new MeasureMention(new MeasureRef(values.Distinct().ToArray()), n.Start, end - n.Start);
            }
            i = j;
        }
    }

    /// <summary>
    /// The last list by position, in words that can only mean it: 前两项, 最后一个, 最后两个, 后面俩, 这三条 / 上面这几个 / 这些
    /// (the whole list). Null when no list was shown or none is named.
    /// </summary>
    private static MeasureMention? Position(string s, UnderstandingContext ctx)
    {
        if (ctx.LastList.Count == 0 || PositionWords().Match(s) is not { Success: true } m)
        {
            return null;
        }
        var list = ctx.LastList;
        var n = m.Groups["n"].Success ? m.Groups["n"].Value switch { "俩" => 2, "仨" => 3, var written => ChineseNumber.Parse(written) } : null;
        // "中间那个" names one only in a list of an odd count.
        int[]? meant = m.Groups["mid"].Success ? (list.Count % 2 == 1 ? [list[list.Count / 2]] : null)
            : m.Groups["ends"].Success ? (list.Count >= 2 ? [list[0], list[^1]] : null)
            : m.Groups["first"].Success ? (n is { } f && f <= list.Count ? [.. list.Take(f)] : null)
            : m.Groups["last"].Success ? ((n ?? 1) <= list.Count ? [.. list.TakeLast(n ?? 1)] : null)
            : n is null || n == list.Count ? [.. list] : null;
        return new MeasureMention(meant is null ? null : new MeasureRef(meant, FromConversation: true), m.Index, m.Length);
    }

    [GeneratedRegex(@"(?:这一?条|这一?项|这个|该项|该条|此项)\s*(?:连同|和|跟|及|以及|加上|还有|与|、)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex FocusJoined();

    [GeneratedRegex(@"\G\s*\p{IsCJKUnifiedIdeographs}{0,3}?都", RegexOptions.CultureInvariant)]
    private static partial Regex AllBut();

    [GeneratedRegex(@"\G[，,\s]*(?:里面|里头|里边|当中|中间|其中|里|中|除了)", RegexOptions.CultureInvariant)]
    private static partial Regex Within();

    [GeneratedRegex(@"\G第(?:\d{1,2}|[一二三四五六七八九十两]{1,3})个", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceFollows();

    [GeneratedRegex(@"\G\d{1,2}月", RegexOptions.CultureInvariant)]
    private static partial Regex MonthAfter();

    [GeneratedRegex(@"\G\p{IsCJKUnifiedIdeographs}{1,6}?" + UnitNameResolver.Ending + @"(?=的|认|牵|负|申请|要|协助|配合|[,;\s]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex UnitAfter();

    // 前两项 / 前俩 / 最后一个 / 最后那条 / 后面俩 / 后两个 / 中间那个 / 头尾两个 / 这三条 / 这俩 / 上面这几个 / 以上几项 / 这些 (not 今后两个月);
    // 全部签了, and opening a reply: 都签, 全同意.
    [GeneratedRegex(@"(?<mid>中间)的?(?:那|这)?(?:个|项|条)|(?<ends>头尾|首尾)(?:两|俩)?(?:个|项|条)?|(?<first>前)面?(?:(?<n>[两二三四五六七八九十\d]{1,2})(?:个|项|条)(?![月星礼周年])|(?<n>俩|仨))|(?<last>最后|(?<![然之今以往随前最])后面?)(?:(?<n>[一两二三四五六七八九十\d]{1,2})(?:个|项|条)(?![月星礼周年])|(?<n>俩|仨))|(?<last>最后)那?(?:个|项|条)|(?:上面|以上|上述|刚才)(?:这|那)?(?:(?<n>[两二三四五六七八九十\d]{1,2})|几)(?:个|项|条)|(?:这|那)(?:(?<n>[两二三四五六七八九十\d]{1,2})|几)(?:个|项|条)|(?:这|那)(?<n>俩|仨)|(?:上面|以上)?这些|(?:全部|^都|^全)(?=签|同意|通过|退回|打回|驳回|批)", RegexOptions.CultureInvariant)]
    private static partial Regex PositionWords();

    /// <summary>What 这个 or 那个 names when it comes next (这个月, 那个星期, 这个问题): then the words are not the measure talked about, nor a filler.</summary>
    internal const string NamedByThis = "月星礼季周年问人事时样些";

    [GeneratedRegex(@"^(?:(?:嗯|哦|噢|呃|额|好|那)[,，\s]*)?(?<this>(?:就)?这个)(?![" + NamedByThis + "])", RegexOptions.CultureInvariant)]
    private static partial Regex ThisOne();

    private static IEnumerable<MeasureMention> Deictic(string s, UnderstandingContext ctx)
    {
        // "这个已经完成了", "这个延期不同意", "嗯 这个我们申请延一下": 这个 opening a message (after a filler) is the measure
        // being talked about, when there is one (not 这个月, 这个星期, 这个问题).
        if (ctx.Focus is { } focus && ThisOne().Match(s) is { Success: true } one)
        {
            yield return new MeasureMention(new MeasureRef([focus], FromConversation: true), one.Groups["this"].Index, one.Groups["this"].Length);
            yield break;
        }
        if (!s.AsSpan().ContainsAny(FocusStarts))
        {
            yield break;
        }
        foreach (var word in FocusWords)
        {
            var at = s.IndexOf(word, StringComparison.Ordinal);
            // "刚才那个表我看串行了": 那个 naming a table, not a measure.
            if (at >= 0 && !(word == "刚才那个" && at + word.Length < s.Length && s[at + word.Length] == '表'))
            {
                MeasureRef? resolved = ctx.Focus is { } f ? new MeasureRef([f], FromConversation: true) : null;
                yield return new MeasureMention(resolved, at, word.Length);
                yield break;
            }
        }
    }
}
