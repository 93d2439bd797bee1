using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// A message prepared for the rules: full-width folded to half-width, traditional characters read as simplified
/// (<see cref="TraditionalChinese"/>), control characters and runs of
/// white space turned into one space, ASCII lower-cased, dashes and tildes unified, a key word's pinyin left unchosen
/// read as its character (认lin), and a slip put right in the same breath dropped. <see cref="Bare"/> also
/// drops punctuation at the ends, for whole-message words such as "好的。".
/// </summary>
internal sealed partial record Utterance(string Text, string Bare, string Raw, int[] Map)
{
    private readonly CharacterSet _characters = new(Text);

    public static Utterance From(string raw)
    {
        // Never longer than the raw text but by one: a space stands for at least one character dropped, and only a
        // circled number that opens the message (⑫) becomes two.
        var chars = raw.Length < 512 ? stackalloc char[raw.Length + 1] : new char[raw.Length + 1];
        var map = new int[raw.Length + 2];
        var length = 0;
        var space = false;
        var mentions = raw.AsSpan().ContainsAny('@', '＠') ? Mention().Matches(raw) : null;
        var mention = 0;
        for (var i = Addressed(raw); i < raw.Length; i++)
        {
            // "@整改助手", "@王强": whom the message is for, never what it says; it parts words as a space does.
            if (mentions is not null && mention < mentions.Count && mentions[mention].Index == i)
            {
                i += mentions[mention++].Length - 1;
                space = length > 0;
                continue;
            }
            // "[抱拳][强]": a sticker as the client writes it into the text, no word of the message.
            if (raw[i] == '[' && Sticker().Match(raw, i) is { Success: true } sticker)
            {
                i += sticker.Length - 1;
                space = length > 0;
                continue;
            }
            var c = TraditionalChinese.Simplify(ChineseText.Fold(raw[i]));
            // An emoji ("形成会议纪要1份😊", "收到收到👍"), an arrow ("58 → 已完成") or a tilde that ends a greeting
            // rather than a range ("打扰一下～汇报…", not "12~15") parts words as a space does.
            if (char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format || ChineseText.IsSymbol(c) || c is >= '\u2190' and <= '\u21FF'
                || (c is '~' && (i + 1 == raw.Length || !char.IsAsciiDigit(ChineseText.Fold(raw[i + 1])))))
            {
                space = length > 0;
                continue;
            }
            if (space)
            {
                map[length] = i;
                chars[length++] = ' ';
                space = false;
            }
            // "47#完成了": a number's # after it, as a space.
            if (c == '#' && length > 0 && char.IsAsciiDigit(chars[length - 1]))
            {
                space = true;
                continue;
            }
            // "item 3 and 5 都done了", "2nd那条可以close掉了": English and chat slang, at a word's start, read as the Chinese
            // they stand for (never longer, so the buffer holds them).
            if (char.IsAsciiLetterOrDigit(c) && (i == 0 || !char.IsAsciiLetterOrDigit(ChineseText.Fold(raw[i - 1]))) && Slang(raw.AsSpan(i)) is (> 0 and var said, var read))
            {
                if (read.Length == 0)
                {
                    space = length > 0;
                }
                foreach (var r in read)
                {
                    map[length] = i;
                    chars[length++] = r;
                }
                i += said - 1;
                // "item 12": the number right after 第.
                while (read.EndsWith('第') && i + 1 < raw.Length && char.IsWhiteSpace(raw[i + 1]))
                {
                    i++;
                }
                continue;
            }
            // "认lin一下": a pinyin typed and sent before its character was chosen.
            if (c is >= 'a' and <= 'z' && length > 0 && PinyinSlip(chars[length - 1], raw.AsSpan(i)) is (> 0 and var typed, var meant))
            {
                map[length] = i;
                chars[length++] = meant;
                i += typed - 1;
                continue;
            }
            // "⑫申请销号": the measure the message opens with, as its number.
            if (length == 0 && c is >= '⑩' and <= '⑳')
            {
                map[length] = i;
                chars[length++] = (char)('0' + ((c - '①' + 1) / 10));
                c = (char)('0' + ((c - '①' + 1) % 10));
            }
            else if (length == 0 && c is >= '①' and <= '⑨')
            {
                c = (char)('1' + (c - '①'));
            }
            map[length] = i;
            chars[length++] = c switch
            {
                '—' or '–' or '―' or '−' => '-',
                '〜' => '~',
                >= 'A' and <= 'Z' => (char)(c + 32),
                _ => c,
            };
        }
        map[length] = raw.Length;
        Homophones(chars[..length]);
        var (text, kept) = WithoutSignOff(Corrected(new string(chars[..length]), length + 2 == map.Length ? map : map[..(length + 1)]));
        return new Utterance(text, text.Trim(EndPunctuation), raw, kept);
    }

    /// <summary>
    /// Where the message to the assistant starts in a group chat: a short greeting or acknowledgement on a line of its own
    /// before the line that mentions someone ("各位早上好☀️\n@整改助手 23号措施进展：…", "收到陈主任👌\n@整改助手 …")
    /// is for the group.
    /// </summary>
    private static int Addressed(string raw)
    {
        var line = raw.IndexOf("\n@", StringComparison.Ordinal);
        return line is > 0 and <= 24 && !raw.AsSpan(0, line).ContainsAny("0123456789") && Greetings.Any(g => raw.AsSpan(0, line).Contains(g, StringComparison.Ordinal))
            ? line + 1
            : 0;
    }

    // What a greeting or an acknowledgement holds ("各位早上好", "收到陈主任", "好的"): a first line without one ("延期到月底吧") is the message.
    private static readonly string[] Greetings = ["好", "收到", "各位", "大家", "谢", "辛苦"];

    // WeChat's and WeCom's stickers, as their clients write them into a message's text.
    [GeneratedRegex(@"\G\[(?:强|弱|抱拳|握手|合十|拳头|胜利|OK|ok|好的|鼓掌|加油|耶|微笑|呲牙|偷笑|愉快|憨笑|可爱|调皮|害羞|得意|机智|奸笑|嘿哈|捂脸|皱眉|让我看看|吃瓜|旺柴|社会社会|天啊|汗|流汗|擦汗|尴尬|裂开|苦涩|叹气|委屈|快哭了|流泪|大哭|破涕为笑|难过|发呆|疑问|晕|衰|再见|玫瑰|凋谢|爱心|心碎|礼物|红包|庆祝|烟花|爆竹|福|咖啡|太阳|月亮|蛋糕|啤酒|拥抱|奋斗|囧|色|Emm|emm)\]")]
    private static partial Regex Sticker();

    /// <summary>Whom the message mentions ("@王强" → 王强), in order.</summary>
    public IEnumerable<string> Mentioned => Mentions(Raw);

    /// <summary>Whom a text mentions ("@王强" → 王强), in order.</summary>
    public static IEnumerable<string> Mentions(string raw) => raw.AsSpan().ContainsAny('@', '＠') ? Mention().Matches(raw).Select(m => m.Value[1..]) : [];

    // ＠: typed with a Chinese input method's full-width punctuation.
    [GeneratedRegex(@"(?<![A-Za-z0-9])[@＠][^\s@＠,，。:：]{1,20}")]
    internal static partial Regex Mention();

    /// <summary>How many characters of <paramref name="rest"/> are the pinyin of the character meant after <paramref name="before"/>, and that character.</summary>
    private static (int Typed, char Meant) PinyinSlip(char before, ReadOnlySpan<char> rest)
    {
        foreach (var (after, pinyin, meant) in PinyinSlips)
        {
            if (after == before && rest.StartsWith(pinyin, StringComparison.Ordinal) && (rest.Length == pinyin.Length || !char.IsAsciiLetter(rest[pinyin.Length])))
            {
                return (pinyin.Length, meant);
            }
        }
        return (0, ' ');
    }

    /// <summary>
    /// The length of the English or chat-slang word at the start of <paramref name="rest"/> (case aside, a whole word: no
    /// letter after it) and the Chinese it stands for (empty for laughter and praise, which say nothing); 0 when none.
    /// "2nd" is 第二个, a place in a list.
    /// </summary>
    private static (int Said, string Read) Slang(ReadOnlySpan<char> rest)
    {
        if (rest is [>= '1' and <= '9', _, _, ..] && rest[1..3] is "st" or "nd" or "rd" or "th" && (rest.Length == 3 || !char.IsAsciiLetterOrDigit(rest[3])))
        {
            return (3, $"第{"一二三四五六七八九"[rest[0] - '1']}个");
        }
        var word = rest[..(rest.IndexOfAnyExcept(AsciiLetters) is >= 0 and var end ? end : rest.Length)];
        if (word.Length < 2)
        {
            return (0, "");
        }
        if (word is ['e' or 'E', 'm' or 'M', 'm' or 'M', ..] && !word[1..].ContainsAnyExcept("mM"))
        {
            return (word.Length, "嗯");
        }
        if (word is ['h' or 'H', 'h' or 'H', 'h' or 'H', ..] && !word.ContainsAnyExcept("hH"))
        {
            return (word.Length, "哈哈");
        }
        foreach (var (english, chinese) in SlangWords)
        {
            if (word.Equals(english, StringComparison.OrdinalIgnoreCase))
            {
                return (word.Length, chinese);
            }
        }
        return (0, "");
    }

    private static readonly SearchValues<char> AsciiLetters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    // Each read no longer than the word (SlangTests holds them to it).
    internal static readonly (string English, string Chinese)[] SlangWords =
    [
        ("done", "完成"), ("finish", "完成"), ("update", "更新"), ("updated", "更新"), ("pending", "待审核"),
        ("close", "销号"), ("sign", "签"), ("check", "看"), ("item", "第"), ("and", "和"), ("ddl", "期限"), ("deadline", "期限"),
        ("asap", "尽快"), ("dbq", "对不起"), ("thx", "谢谢"), ("thanks", "谢谢"), ("pls", ""), ("plz", ""), ("please", ""), ("okk", "ok"), ("okkk", "ok"), ("generate", "生成"), ("export", "导出"), ("overdue", "逾期"),
        ("nb", ""), ("yyds", ""), ("xswl", ""), ("zqsm", ""), ("nsdd", ""), ("bhys", ""), ("awsl", ""), ("lol", ""), ("fyi", ""), ("btw", ""),
    ];

    // The workflow's key words, their second character left in pinyin: 认lin, 销hao, 延qi.
    private static readonly (char After, string Pinyin, char Meant)[] PinyinSlips =
        [('认', "ling", '领'), ('认', "lin", '领'), ('销', "hao", '号'), ('消', "hao", '号'), ('延', "qi", '期'), ('逾', "qi", '期'), ('进', "zhan", '展'), ('进', "du", '度'), ('整', "gai", '改'), ('台', "zhang", '账'), ('佐', "zheng", '证')];

    /// <summary>
    /// A dictated slip put right in the same breath ("延到月底吧哦不延到12月15号", "第八十一条哦不对是八十二条"): the words
    /// corrected and the correction are dropped, when what follows says them again (the same first two characters, or
    /// a measure number for a measure number). Their positions go from <see cref="Map"/> with them.
    /// </summary>
    private static (string Text, int[] Map) Corrected(string text, int[] map)
    {
        // "超过十天，呃十五天没更新的": a number said again, after a hesitation, in the same measure word.
        if (text.Contains('呃') && Restated().Match(text) is { Success: true } restated)
        {
            return Dropped(text, map, restated.Index, restated.Index + restated.Length);
        }
        // "不是第12项是第21项 21项申请延期…": the measure named wrong, put right in the same breath.
        if (text.Contains("不是", StringComparison.Ordinal) && NotThatOne().Match(text) is { Success: true } notThat)
        {
            return Dropped(text, map, notThat.Index, notThat.Index + notThat.Length);
        }
        if (!text.Contains("不对", StringComparison.Ordinal) && !text.Contains("哦不", StringComparison.Ordinal) && !text.Contains("说错", StringComparison.Ordinal))
        {
            return (text, map);
        }
        foreach (Match said in Correction().Matches(text))
        {
            var again = text[(said.Index + said.Length)..];
            var end = said.Index;
            while (end > 0 && text[end - 1] is ' ' or ',')
            {
                end--;
            }
            var start = text.LastIndexOfAny([' ', ',', '。', ';', '!', '?'], Math.Max(0, end - 1)) + 1;
            var slip = text[start..end];
            // "…改成已完成，呃不对，改成长期坚持吧": the slip starts where its first two characters are said again, and holds
            // no measure ("第12条日期写得不对，应该是12月20号" keeps its 第12条).
            var restart = again.Length >= 2 ? slip.LastIndexOf(again[..2], StringComparison.Ordinal) : -1;
            if (restart >= 0 && slip.AsSpan(Math.Max(0, restart - 1)).IndexOfAny("第条项") >= 0)
            {
                restart = -1;
            }
            var measure = MeasureAtEnd().Match(slip);
            if (restart >= 0 || (measure.Success && MeasureAtStart().IsMatch(again)))
            {
                // One correction a message: the positions after it have moved.
                return Dropped(text, map, start + (restart >= 0 ? restart : measure.Index), said.Index + said.Length);
            }
        }
        return (text, map);
    }

    /// <summary>
    /// A formal sign-off after the words ("…该项已经完成了。特此汇报，请巨局指导", "…有什么不到位的请巨局批评指正", "…麻烦您帮忙审一下，
    /// 谢谢！") says nothing of the work or the request: without it, a status said last is the last thing said, and no
    /// question word is in it. Looked for only where a message ends as one does.
    /// </summary>
    private static (string Text, int[] Map) WithoutSignOff((string Text, int[] Map) said)
    {
        var end = said.Text.AsSpan().TrimEnd(EndPunctuation);
        if (end.Length < 8 || !(end.EndsWith("指导") || end.EndsWith("指正") || end.EndsWith("审阅") || end.EndsWith("汇报") || end.EndsWith("报告") || end.EndsWith("谢谢") || end.EndsWith("一下") || end.EndsWith("审下")
            || end.EndsWith("审核") || end.EndsWith("批示") || end.EndsWith("申请")
            || end.EndsWith("找我") || end.EndsWith("联系我") || end.EndsWith("电话") || char.IsAsciiDigit(end[^1])))
        {
            return said;
        }
        // The text ends where the sign-off began, in the raw message too: what is stored stops there.
        return SignOff().Match(said.Text) is { Success: true, Index: > 0 and var at } ? (said.Text[..at], [.. said.Map[..at], said.Map[at]]) : said;
    }

    // "…年底前难以完成。请予审核。", "…特此申请，妥否请批示。": a 请示's formulas.
    private const string SignOffPart = @"特此(?:汇报|报告|申请|请示)|妥否[,\s]*请批示|请予(?:审核|审批|批准)|(?:(?:有什么|有啥|如有|若有)(?:不到位|不妥|不足)(?:的|之处)?(?:地方)?[,\s]*)?(?:请|恳请|敬请|还请)\p{IsCJKUnifiedIdeographs}{0,3}?(?:批评指正|指导|指正|审阅)|(?:麻烦|辛苦)(?:您|你)?(?:帮忙)?(?:审|看|批)(?:一下|下)"
        // "有问题可以打我电话139…": where to reach the writer, no part of what is said.
        + @"|有(?:什么|啥)?(?:问题|事|疑问)(?:的话)?[,\s]*(?:可以|请|随时|直接)*(?:打我电话|给我打电话|打电话给我|电话联系我?|联系我|找我)[:\s]*(?:\d[\d\s-]{6,})?";

    [GeneratedRegex(@"[,。!;\s]+(?:" + SignOffPart + @")(?:[,。!;\s]*(?:" + SignOffPart + @"))*[,。!;\s]*(?:谢谢|多谢)?[,。!;\s]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SignOff();

    private static (string Text, int[] Map) Dropped(string text, int[] map, int from, int to) => (text[..from] + text[to..], [.. map[..from], .. map[to..]]);

    [GeneratedRegex(@"(?:吧|啊|呃|嗯)?[ ,]*(?:哦不对|哦不是|哦不|不对不对|不对|说错了)[ ,]*(?:应该是|是)?")]
    private static partial Regex Correction();

    [GeneratedRegex(@"[0-9零〇一二三四五六七八九十百两]+(?<word>[天号条项月])[, ]*呃[, ]*(?=[0-9零〇一二三四五六七八九十百两]+\k<word>)")]
    private static partial Regex Restated();

    [GeneratedRegex(@"第?[0-9零〇一二三四五六七八九十百两]+[条项号]?$")]
    private static partial Regex MeasureAtEnd();

    [GeneratedRegex(@"不是第?[0-9零〇一二三四五六七八九十百两]+[条项号]?[, ]*(?:而)?是(?=第?[0-9零〇一二三四五六七八九十百两]+[条项号])")]
    private static partial Regex NotThatOne();

    // "认领第71项，哦不对，是74": a bare number that ends the message or its clause is a measure's too.
    [GeneratedRegex(@"^第?[0-9零〇一二三四五六七八九十百两]+(?:[条项号]|(?=[ ,。;!]|$))")]
    private static partial Regex MeasureAtStart();

    /// <summary>
    /// Pinyin-input and voice-input slips for the workflow's key words (延其 for 延期, 销好 for 销号, 任领 for 认领): same
    /// length, so <see cref="Map"/> still holds; stored texts come from <see cref="Raw"/> and keep what the user typed.
    /// </summary>
    private static void Homophones(Span<char> text)
    {
        if (!text.ContainsAny(SlipEnds))
        {
            return;
        }
        foreach (var (typed, meant) in HomophoneSlips)
        {
            var at = text.IndexOf(typed);
            while (at >= 0)
            {
                meant.CopyTo(text[at..]);
                var next = text[at..].IndexOf(typed);
                at = next < 0 ? -1 : at + next;
            }
        }
    }

    // 台帐 is an older spelling of 台账; 预期 is also a word ("达到预期效果"), so only where it ends a question about measures;
    // so are 于期 ("于期限内"), 跟新 ("跟新同事说"), 到其 ("转到其他科室") and 超其 ("赶超其他单位"), read only in the
    // questions' own words. 截止目前 is typed for 截至目前 ("as of now"), which asks about no deadline.
    private static readonly (string Typed, string Meant)[] HomophoneSlips =
        [("延其", "延期"), ("沿期", "延期"), ("逾其", "逾期"), ("销好", "销号"), ("消号", "销号"), ("认邻", "认领"), ("任领", "认领"), ("认另", "认领"), ("言期", "延期"), ("排明", "排名"), ("推回来", "退回来"), ("推回去", "退回去"), ("作证材料", "佐证材料"), ("倒出来", "导出来"), ("台帐", "台账"), ("预期的", "逾期的"), ("预期了", "逾期了"), ("预期几", "逾期几"),
         ("于期的", "逾期的"), ("于期了", "逾期了"), ("完成律", "完成率"), ("没跟新", "没更新"), ("未跟新", "未更新"), ("跟新了", "更新了"), ("措失", "措施"), ("错施", "措施"),
         ("近展", "进展"), ("到其的", "到期的"), ("整该", "整改"), ("有那些", "有哪些"), ("月低", "月底"), ("进都", "进度"),
         ("帮我到出", "帮我导出"), ("到出来", "导出来"),
         ("认令", "认领"), ("研期", "延期"), ("完城", "完成"), ("本州", "本周"), ("撤消", "撤销"), ("进站:", "进展:"), ("交结给", "交接给"), ("推近中", "推进中"), ("进读", "进度"), ("拍个名", "排个名"), ("拍名", "排名"), ("签子", "签字"), ("道位", "到位"), ("我门", "我们"), ("未起动", "未启动"), ("没起动", "没启动"), ("严期", "延期"), ("完成绿", "完成率"), ("余期的", "逾期的"), ("余期了", "逾期了"), ("到处台", "导出台"), ("排个明", "排个名"),
         ("谕期", "逾期"), ("鱼期", "逾期"), ("壮态", "状态"), ("预期最多", "逾期最多"), ("截止目前", "截至目前"), ("截止到目前", "截至到目前"), ("截止现在", "截至现在"), ("尽度", "进度"), ("神马", "什么"), ("超其的", "超期的"), ("超其了", "超期了"), ("超其几", "超期几"),
         ("没人人领", "没人认领"), ("们人领", "们认领"), ("启懂", "启动"), ("转角", "转交"), ("万成了", "完成了"), ("已万成", "已完成"), ("配和", "配合"),
         ("手到", "收到"), ("帮定", "绑定"), ("盐期", "延期"), .. Tens()];

    // "第二是项": 十 said as 是 between a numeral and 项 or 条 (not "一是…二是…", which no 第 opens).
    private static IEnumerable<(string, string)> Tens() =>
        "一二三四五六七八九".SelectMany(d => new[] { ($"第{d}是项", $"第{d}十项"), ($"第{d}是条", $"第{d}十条") });

    // Each slip's last character, from the list (declared after it: static fields are set in order): most messages hold
    // none and are not searched.
    private static readonly SearchValues<char> SlipEnds = SearchValues.Create([.. HomophoneSlips.Select(s => s.Typed[^1]).Distinct()]);

    /// <summary>
    /// What the user wrote from position <paramref name="index"/> of <see cref="Text"/> to the end, as written
    /// (full-width punctuation and capitals kept), without separators at the ends or control characters.
    /// Stored texts (progress, reasons) come from here, so the record shows the user's own words.
    /// </summary>
    public string Original(int index) => Original(index, Text.Length);

    /// <summary>As <see cref="Original(int)"/>, up to position <paramref name="end"/> of <see cref="Text"/>.</summary>
    public string Original(int index, int end)
    {
        var from = Map[Math.Clamp(index, 0, Map.Length - 1)];
        var to = Math.Max(from, Map[Math.Clamp(end, 0, Map.Length - 1)]);
        var sb = new StringBuilder(to - from);
        foreach (var c in Raw.AsSpan(from, to - from))
        {
            sb.Append(char.IsControl(c) ? ' ' : c);
        }
        // A mention inside the words ("…佐证材料 @王强 补一下") is taken out as the text is.
        var said = sb.ToString();
        if (said.AsSpan().ContainsAny('@', '＠'))
        {
            said = Mention().Replace(said, "");
        }
        // "…签到表已上传。谢谢！": thanks at the end are said to the reader, no part of the account or the reason.
        said = ClosingThanks().Replace(ChineseText.TrimSymbols(said.TrimEnd(Separators)), "");
        return ChineseText.TrimSymbols(said.Trim(Separators)).Trim(Separators);
    }

    // "…资金还没拨下来 dbq": an apology or thanks at the end, in chat slang too; "…下周应该能弄完你给我记一下啊": asking to be recorded is no part of what is recorded; nor is a dictation's "嗯就这样"
    // or "就这些", or "先说这么多", "先报这些", nor all of them at the end ("…就这样 麻烦您了").
    [GeneratedRegex(@"(?:(?:[。！!，,\s]+(?:谢谢|多谢|感谢|辛苦了|辛苦|麻烦了|麻烦您了|麻烦你了|对不起|dbq|thx|thanks|sorry|bhys|xswl|nsdd|zqsm(?:求过|求通过)?|求过|求通过|\[[^\[\]]{1,6}\])|[。！!，,\s]*(?:你|请)?(?:给我|帮我)记(?:一下|下)(?:啊|哈|吧|哦)?|[。！!，,\s]*(?:嗯|呃)?(?:就这[样些]|就说这么多|先(?:说|报)?这(?:么多|些|样))(?:吧|啊)?)[！!。~～\s]*)+$", RegexOptions.IgnoreCase)]
    private static partial Regex ClosingThanks();

    /// <summary>The first position at or after <paramref name="index"/> that is not a separator.</summary>
    public int SkipSeparators(int index)
    {
        while (index < Text.Length && Separators.Contains(Text[index]))
        {
            index++;
        }
        return index;
    }

    private static readonly char[] Separators = [' ', '\u3000', ':', ',', ';', '-', '。', '、', '：', '，', '；', '\t', '\r', '\n'];

    public bool Has(string word) => _characters.MayHold(word) && Text.Contains(word, StringComparison.Ordinal);

    public bool HasAny(params ReadOnlySpan<string> words)
    {
        foreach (var w in words)
        {
            if (Has(w))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The text inside the first pair of quotes (“…”, "…", 「…」, 《…》), or null.</summary>
    public string? Quoted()
    {
        foreach (var (open, close) in Quotes)
        {
            var start = Text.IndexOf(open);
            if (start < 0)
            {
                continue;
            }
            var end = Text.IndexOf(close, start + 1);
            if (end > start + 1)
            {
                return Text[(start + 1)..end].Trim();
            }
        }
        return null;
    }

    private static readonly char[] EndPunctuation = [' ', '.', ',', '!', '?', ';', ':', '。', '，', '、', '！', '？', '；', '~', '…', '"', '\'', '“', '”'];

    private static readonly (char Open, char Close)[] Quotes = [('“', '”'), ('"', '"'), ('「', '」'), ('『', '』'), ('《', '》'), ('‘', '’'), ('\'', '\'')];
}
