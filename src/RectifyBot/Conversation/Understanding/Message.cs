using System.Buffers;
using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Conversation.Understanding;

/// <summary>A message with the slots found in it, each computed once and only when a rule asks.</summary>
internal sealed partial class Message(Utterance utterance, UnderstandingContext ctx)
{
    private IReadOnlyList<DateMention>? _dates;
    private IReadOnlyList<MeasureMention>? _measures;
    private bool? _isQuestion;
    private UnitResolution? _unit;
    private bool _unitDone;
    private DateWindow? _window;
    private bool _windowDone;
    private DateWindow? _pastWindow;
    private bool _pastWindowDone;

    public Utterance U { get; } = utterance;

    public UnderstandingContext Ctx { get; } = ctx;

    public string Text => U.Text;

    /// <summary>The dates written in the message: the measure numbers, the window and the extension all read them.</summary>
    public IReadOnlyList<DateMention> Dates => _dates ??= ChineseDates.FindAll(U.Text, Ctx.Today);

    public IReadOnlyList<MeasureMention> Measures => _measures ??= MeasureReferenceParser.FindAll(U.Text, Dates, Ctx);

    public MeasureMention? FirstMeasure => Measures.Count > 0 ? Measures[0] : null;

    /// <summary>The message opens with its first measure reference, spoken fillers aside ("那个 32的排查…").</summary>
    public bool OpensWithMeasure => FirstMeasure is { } first && (SkipFillers(Greeted) is var start && (start >= first.Index || ListScope().IsMatch(U.Text.AsSpan(start, first.Index - start))) || OpensWithReport);

    /// <summary>The list a place is picked from, said before it: "这4个里头第四个，…", "列表里第二条…", "上面几个中第三个…".</summary>
    [GeneratedRegex(@"^(?:刚才|上面|列表|清单)?(?:这|那)?(?:\d{1,2}|[两二三四五六七八九十几])?(?:个|项|条)?(?:里面|里头|里边|当中|中|里)[,\s]*$")]
    private static partial Regex ListScope();

    /// <summary>
    /// Where the message starts after whom it is addressed to: "陈主任，第37项进展：…", "陈奇奇主任好！汇报一下第88项：…".
    /// Mentions ("@整改办 第十二项：…") are not in the text at all (<see cref="Utterance"/>).
    /// </summary>
    public int Greeted => _greeted ??= Salutation().Match(U.Text) is { Success: true } s ? U.SkipSeparators(s.Length) : 0;

    private int? _greeted;

    // "那个 陈主任 嗯 …": dictated, with a filler before the name.
    // "各位早～": the group, greeted. "陈老师您好，": a title, then hello.
    // "巨局，…", "报告巨局102号…": a director by surname and 局, reported to; "陈科早～第37项…": a section chief, by 科.
    // "陈主任你好我是…", "陈主任好我下个月…", "喂你好我是救助科王强啊…": dictated without a break, the hello ends the greeting. "你好，帮同事报一下：…", "报告🙋 第101项…": a
    // bare hello, or 报告 said as one reports in.
    [GeneratedRegex(@"^(?:(?:那个|嗯|呃|喂)[,\s]*)?(?:报告)?(?:(?:(?:各位)?\p{IsCJKUnifiedIdeographs}{0,3}(?:主任|科长|局长|书记|部长|老师|领导|同志)|\p{IsCJKUnifiedIdeographs}局|[^我本该各每这那]科)(?:(?:您好|你好|早上好|上午好|下午好)[,!~～\s]*|[好早]?(?:[,!~～\s]+|(?=\d))|好(?=我))|(?:各位|大家)(?:早上好|上午好|早|好)(?:[,!~～\s]+|(?=\d))|(?:你好|您好|早上好|上午好|下午好|晚上好|hi|hello)(?:[,!~～\s]+|(?=我是|那个))|报告[,!~～\s]+)")]
    private static partial Regex Salutation();

    /// <summary>"报一下第40条的进度，…", "关于第88项，…": the message says it reports on the measure it names next.</summary>
    public bool OpensWithReport
    {
        get
        {
            // "嗯 我报一下七十六项啊": a filler, and who reports, before the words; "我是社会救助科王强跟你说一下…": who
            // is speaking, said before what.
            var start = SkipFillers(Greeted);
            start += Introduction().Match(U.Text, start) is { Success: true } me && me.Index == start ? me.Length : U.Text.AsSpan(start).StartsWith("我") && !U.Text.AsSpan(start).StartsWith("我们") ? 1 : 0;
            if (FirstMeasure is { } named && named.Index > start && (ReportsFor().IsMatch(U.Text.AsSpan(start, named.Index - start)) || UnitReports().IsMatch(U.Text.AsSpan(start, named.Index - start))))
            {
                return true;
            }
            // "我在交接之前把第四十六项再更新一下…": the measure that 把 puts before the verb that reports on it; "小刘这周休婚假，
            // 她负责的第64条我替她报一下：…": or whose it is, in the clause that names it.
            if (FirstMeasure is { } moved && moved.Index > start && U.Text.AsSpan(start, moved.Index - start) is var before
                && before[(before.LastIndexOfAny(",;。") + 1)..] is { Length: <= 12 } clause && !clause.Contains('?') && (clause.EndsWith("把") || WhoseItIs().IsMatch(clause))
                && ReportedAfter().IsMatch(U.Text, moved.Index + moved.Length))
            {
                return true;
            }
            // "补充一下刚才第35项的…", "补一下上周的：第12、13项…": what it adds to, and when; "不好意思这个月忙忘了 补报下23号
            // 措施进展：…": or after a clause that excuses it, where the measure may open a clause of its own ("不好意思前段时间
            // 一直下乡没顾上报，第15项：…").
            return FirstMeasure is { } first && (Opens(start, first) || (U.Text.LastIndexOfAny(ClauseEnds, Math.Max(0, first.Index - 1)) is var cut && cut >= start
                && (Opens(cut + 1, first) || (Excuse().IsMatch(U.Text.AsSpan(Greeted, cut - Greeted)) && SkipFillers(cut + 1) >= first.Index))));
        }
    }

    /// <summary>An apology first, or a report owed said anywhere in the clause ("前段时间一直下乡没顾上报", "白天下乡了现在才补报").</summary>
    [GeneratedRegex(@"^(?:不好意思|抱歉|对不起|sorry)|(?:没顾上|没来得及|忘了|忙忘了|漏)报|才补?报")]
    private static partial Regex Excuse();

    /// <summary>Past the words that say a report follows ("补充下进展:", "汇报一下"), from <paramref name="from"/>.</summary>
    public int SkipOpeners(int from)
    {
        var at = SkipFillers(from);
        while (OpenerAt(at) is > 0 and var opener)
        {
            at = SkipFillers(at + opener);
        }
        return at;
    }

    /// <summary>The length of the words at <paramref name="at"/> that say a report follows, whom to included ("跟您汇报一下"); 0 when none.</summary>
    private int OpenerAt(int at)
    {
        var said = U.Text.AsSpan(at);
        var to = 0;
        foreach (var addressee in Addressees)
        {
            if (said.StartsWith(addressee, StringComparison.Ordinal))
            {
                to = addressee.Length;
                break;
            }
        }
        foreach (var opener in ReportOpeners)
        {
            if (said[to..].StartsWith(opener, StringComparison.Ordinal))
            {
                return to + opener.Length;
            }
        }
        return 0;
    }

    private bool Opens(int start, MeasureMention first) =>
        SkipFillers(start) is var at && OpenerAt(at) is > 0 and var opener
        && SkipFillers(at + opener) is var after
        && (after >= first.Index || (When().Match(U.Text, after) is { Success: true, Length: > 0 } when && when.Index == after && SkipFillers(after + when.Length) >= first.Index)
            || (Reporting().Match(U.Text, after) is { Success: true, Length: > 0 } what && what.Index == after && SkipFillers(after + what.Length) >= first.Index));

    /// <summary>"报一下11月底完成情况：第41、42项…", "汇报下我们科的进度：12至15…": what the report is of, before the measures it names.</summary>
    [GeneratedRegex(@"\G(?:我们科?|我科|咱们科?)?(?:\d{1,2}月(?:底|末|份)?|本周|上周|本月|上个?月)?的?(?:完成|进展|整改|工作)?(?:情况|进展|进度)[:\s]*")]
    private static partial Regex Reporting();

    /// <summary>What ends a clause in a message's text (its punctuation folded to ASCII), a space included.</summary>
    internal static readonly char[] ClauseEnds = [' ', ',', '。', ';', '!', '?'];

    /// <summary>Where the clause holding the words at <paramref name="at"/> (<paramref name="length"/> long) starts and ends.</summary>
    internal static (int Start, int End) ClauseAround(string text, int at, int length) =>
        (at == 0 ? 0 : text.LastIndexOfAny(ClauseEnds, at - 1) + 1, text.IndexOfAny(ClauseEnds, at + length) is >= 0 and var end ? end : text.Length);

    /// <summary>What marks a clause as asking: a question mark or a question word.</summary>
    internal static readonly SearchValues<char> AskingMarks = SearchValues.Create("?吗呢哪几啥");

    /// <summary>
    /// Whether these words ask anything: a question mark, or a question word in a clause that does not say it does
    /// not know ("也不知道进去哪条了" wonders aloud).
    /// </summary>
    internal static bool Ask(ReadOnlySpan<char> words)
    {
        if (words.Contains('?'))
        {
            return true;
        }
        foreach (var range in words.SplitAny(ClauseEnds))
        {
            var clause = words[range];
            if (clause.ContainsAny(AskingMarks) && !clause.Contains("不知道", StringComparison.Ordinal) && !clause.Contains("不清楚", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether the clause holding the words at <paramref name="at"/> asks something.</summary>
    internal static bool ClauseAsks(string text, int at, int length)
    {
        var (start, end) = ClauseAround(text, at, length);
        return text.AsSpan(start, end - start).ContainsAny(AskingMarks);
    }

    [GeneratedRegex(@"\G我是\p{IsCJKUnifiedIdeographs}{2,12}?[,\s]*(?=跟你|跟您|和你|和您|向你|向您|汇报|报一下|补充|更新|帮|替|代)")]
    private static partial Regex Introduction();

    [GeneratedRegex(@"\G(?:再?(?:更新|补充|报|汇报)(?:一下|下)|我?(?:帮|替|代)\p{IsCJKUnifiedIdeographs}{1,3}?(?:报|汇报|更新))")]
    private static partial Regex ReportedAfter();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}{1,4}?(?:负责|名下|手上)的$")]
    private static partial Regex WhoseItIs();

    // "帮小赵报一下哈，60 推进中…", "刘姐休假这周我替她报 第58项…", "我们科长让我跟您说一下第十五项的情况": who reports, for whom,
    // before the measure.
    [GeneratedRegex(@"^[^?？吗谁,;。]{0,40}(?:帮|替|代|让我)[^?？吗谁,;。]{0,4}(?:报|汇报|上报|更新|说)(?:一下|下)?[哈啊呀吧]?[,;。:\s]*$")]
    private static partial Regex ReportsFor();

    // "社会事务科报告第23项整改进展：…", "办公室第３项 本周组织…": the unit reporting, named before the measure; "我们这边第十二项啊 …":
    // or as the sender's own.
    [GeneratedRegex(@"^(?:\p{IsCJKUnifiedIdeographs}{1,8}?(?:科|中心)|\p{IsCJKUnifiedIdeographs}{0,6}?办公室|(?:我们|咱们|咱)(?:这边|科里?|股|单位|中心)?)(?:(?:报告|汇报)(?:一下)?)?[,;。:\s]*$")]
    private static partial Regex UnitReports();

    [GeneratedRegex(@"(?:刚才|上周[一二三四五六日天]?|昨天|前天|今天|本周|这周)(?:的)?")]
    private static partial Regex When();

    /// <summary>What says a message is sent again (the network lost it, or it went twice with a slip): "再发一遍：…".</summary>
    internal static readonly string[] SaidAgain = ["重新报一下", "重新报", "再发一遍", "再发一次", "重发一遍", "重发一下", "重发", "再报一次", "再报一遍", "重新发一下", "重新发一遍", "再说一遍", "再说一次", "重新说一下", "重新说一遍",
        "以这条为准", "以此为准", "以这个为准", "以下面为准"];

    // 关于, 现将: the formal report's opening ("关于第23项整改措施，现将进展报告如下：…", "现将措施58整改进展报告如下：…");
    // 跟你说一下: to the office, of its own measure ("跟你说一下第三十二项的进展，…"); a label first ("进展：第23项 …",
    // "【更新】（64）推进中 …"); to the group ("跟大家同步下，第15项进展:…"); to the bot ("pls记一下 第66项 …").
    private static readonly string[] ReportOpeners = ["报一下进展", "报下进展", "汇报一下进展", "更新一下进展", "进展:", "近展:", "进度:", "整改进展:", "汇报一下", "汇报下", "汇报", "报一下", "报下", "上报一下", "更新一下", "更新下", "说一下", "说下", "关于", "现将", "现就", "现把",
        "补充一下", "补充下", "补一下", "补报一下", "补报下", "补报", "再补充一下", "再补充下", "再报一下", "再报下", "重报一下", .. SaidAgain, "【更新】", "【进展】", "【进度】",
        "同步一下", "同步下", "记一下", "记下", "请帮我录入一下", "帮我录入一下", "请录入一下", "录入一下", "帮我录入", "请录入"];

    /// <summary>To whom, before the words of <see cref="ReportOpeners"/>: "跟您汇报一下", "跟大家同步下", "向你汇报".</summary>
    private static readonly string[] Addressees = ["跟你们", "给你们", "和你们", "跟大家", "给大家", "跟你", "跟您", "和你", "和您", "向你", "向您", "给你", "给您"];

    public UnitResolution? Unit
    {
        get
        {
            if (!_unitDone)
            {
                // "87号之前挂在社会事务科，现在改由低保中心牵头", "52这条我们科管不了，麻烦转给低保中心": the unit it moves to,
                // not the one it leaves; "第30项不归我们科管，
                // 已经跟规划财务科沟通好了": the unit named after the sender's own gives it up.
                var resolver = UnitNameResolver.For(Ctx.Units);
                _unit = (MovedTo().Match(U.Text) is { Success: true, Index: > 0 } moved ? MovesTo(resolver, moved) : null)
                    ?? (NotOurs().Match(U.Text) is { Success: true } given ? NotOursGoesTo(resolver, given) : null)
                    ?? resolver.Find(U.Text, Ctx.Sender)
                    ?? Addressed(resolver);
                _unitDone = true;
            }
            return _unit;
        }
    }

    /// <summary>
    /// The unit a measure moves to, named in the clause after the words that move it; "…其实是王强他们的活…麻烦转给他们那边吧":
    /// or as 他们, of the person named before, else of the unit ("…确实是殡服中心的职责，麻烦转给他们"; not the sender's own).
    /// </summary>
    private UnitResolution? MovesTo(UnitNameResolver resolver, Match moved) =>
        ClauseAt(moved.Index + moved.Length) is var clause && resolver.Find(clause, Ctx.Sender) is { } named ? named
        : !clause.StartsWith("他们", StringComparison.Ordinal) && !clause.StartsWith("她们", StringComparison.Ordinal) ? null
        : resolver.Person(U.Text) ?? NamedBefore(resolver, moved.Index);

    /// <summary>The other unit named nearest before <paramref name="at"/>, clause by clause ("我们翻了下…，确实是殡服中心的职责，麻烦转给").</summary>
    private UnitFound? NamedBefore(UnitNameResolver resolver, int at)
    {
        for (var end = at; end > 0;)
        {
            var start = U.Text.LastIndexOfAny(ClauseEnds, end - 1) + 1;
            if (resolver.Find(U.Text[start..end], Ctx.Sender) is UnitFound { Unit.IsSendersOwn: false } found)
            {
                return found;
            }
            end = start - 1;
        }
        return null;
    }

    /// <summary>"@整改助手 @王强 查下你们科超期的": 你们 is the unit of the one colleague the message mentions.</summary>
    private UnitFound? Addressed(UnitNameResolver resolver) =>
        U.Text.Contains("你们", StringComparison.Ordinal) && U.Mentioned.Select(resolver.PersonsUnit).OfType<UnitRef>().Distinct().ToList() is [var only]
            ? new UnitFound("你们", only)
            : null;

    /// <summary>
    /// Where a measure the sender's unit gives up goes: the unit named after the words that give it up, else one named
    /// before them ("…其实一直是殡服中心在管不是我们科的麻烦帮我们转给他们"); the sender's own, named again, is neither.
    /// </summary>
    private UnitResolution? NotOursGoesTo(UnitNameResolver resolver, Match given) =>
        resolver.Find(U.Text[(given.Index + given.Length)..], Ctx.Sender) is { } after and not UnitFound { Unit.IsSendersOwn: true } ? after
        : resolver.Find(U.Text[..given.Index], Ctx.Sender) is UnitFound { Unit.IsSendersOwn: false } before ? before
        : null;

    /// <summary>
    /// The words from <paramref name="start"/> to the end of their clause ("低保中心" of "转给低保中心，我们科管不了", and of
    /// "转给低保中心吧 不归我们科" dictated).
    /// </summary>
    private string ClauseAt(int start) => U.Text[start..] is var rest && rest.IndexOfAny([',', '，', '。', ';', '；', ' ']) is var end and > 0 ? rest[..end] : rest;

    [GeneratedRegex(@"改由|改为|改成|转由|调整为|调整由|现由|建议由|转给|转交给?|交给|(?:应该|应当|应)归")]
    private static partial Regex MovedTo();

    /// <summary>"不归我们科管", "不属于我们单位", "不属我科职责范围", "不是我们的", "不是我们社会事务科的", "我们科做不了": the sender's unit says a measure is not its own.</summary>
    [GeneratedRegex(@"不(?:归|属于|属|是)(?:我们|我|咱们|咱|本)(?:\p{IsCJKUnifiedIdeographs}{0,6}?(?:科室|科|单位|中心|办公室|股))?(?:管|的)?|(?:我们|咱们|本)(?:科室|科|单位|中心)?(?:做不了|管不了|干不了|办不了|负责不了)")]
    internal static partial Regex NotOurs();

    public DateWindow? Window => FindWindow(ref _window, ref _windowDone, past: false);

    /// <summary>The window of a question about what was done: a period named without its year is the last one begun (10月 in November is this October).</summary>
    public DateWindow? PastWindow => FindWindow(ref _pastWindow, ref _pastWindowDone, past: true);

    private DateWindow? FindWindow(ref DateWindow? window, ref bool done, bool past)
    {
        if (!done)
        {
            window = DateWindowParser.Find(U.Text, Dates, Ctx.Today, past);
            done = true;
        }
        return window;
    }

    /// <summary>Ends in a question or asks one: 吗, 呢, ?, 什么, 怎么样 …</summary>
    public bool IsQuestion => _isQuestion ??= AsksQuestion();

    private bool AsksQuestion()
    {
        // Without the particles spoken questions end with (啊, 呀, 哈): "13销号了没有啊" ends in 没有.
        var asked = U.Bare.AsSpan().TrimEnd("啊呀哈啦呐 ");
        return U.Text.EndsWith('?') || asked.EndsWith('吗') || asked.EndsWith('呢') || asked.EndsWith('么') || asked.EndsWith("了没") || asked.EndsWith("了没有")
            // "…有被退回来的没有", "…有被退回来的没": 有 asked with its negation around what it asks about.
            || (asked.EndsWith("没有") && (U.HasAny("了", "过") || asked[..^2].Contains('有')))
            || (asked.EndsWith('没') && asked[..^1].Contains('有'))
            // "整改完了几个", "已销号几条了", "第5项逾期几天了" (not "…十几天了"): how many, without a question word.
            || asked.EndsWith("几个") || asked.EndsWith("几条") || asked.EndsWith("几项") || U.HasAny("几个了", "几条了", "几项了")
            || (asked.TrimEnd('了') is var days && days.EndsWith("几天") && !days.EndsWith("十几天"))
            || U.HasAny("怎么", "咋", "如何", "多少", "哪", "谁", "是否", "有没有", "what", "how", "show", "which", "who") || (U.HasAny("什么", "啥") && AsksWhat().IsMatch(U.Text))
            // "看了没问题，同意销号", "我都看过了没问题" say there is no problem, and "…已经全部结束了没参检的六家…" goes on;
            // "交了没", "审过了没，一直没动静" ask.
            || (U.Has("了没") && AskedDone().IsMatch(U.Text))
            // "第12、13项的销号申请通过没有？系统里还显示待审核": a question asked first, then why.
            || U.Text.Contains('?') || U.Has("通过没有")
            // "帮我查下在不在待审核里", "批没批", "是不是": a verb asked with its negation (not 能不能, 可不可以, 行不行, 好不好,
            // 要不要, which ask for something: "能不能延到下个月底"), or a request to look something up.
            || AskedBothWays().IsMatch(U.Text) || U.HasAny("帮我查", "帮忙查", "给我查", "查一下", "查下")
            // "第三个现在是阶段性完成还是已完成": one of two, asked.
            || EitherOr().IsMatch(U.Text);
    }

    [GeneratedRegex(@"了没有?(?=[,.;!?\s啊呀呢哈]|$)")]
    private static partial Regex AskedDone();

    [GeneratedRegex(@"是[^,。;\s]{1,10}还是[^,。;吧\s]{1,10}$")]
    private static partial Regex EitherOr();

    /// <summary>什么 or 啥 asking, not "没什么问题", "没啥事" saying there is nothing, nor "有什么事你直接找她" offering help.</summary>
    [GeneratedRegex(@"(?<!没有?)(?:什么|啥)(?!事(?:的话)?[你您可直随联找打])")]
    private static partial Regex AsksWhat();

    // …or a clause ending in 没 after what was to be done: "延期申请批下来没，一直没动静", "审完没", "完成没有啊科长一直在问", "销号没有".
    [GeneratedRegex(@"(?![能可行好要])(\p{IsCJKUnifiedIdeographs})[不没]\1|(?:来|完|成|过|好|到|批|审|交|办|出|号)没有?(?=[,.;!?\s啊呀]|$)")]
    private static partial Regex AskedBothWays();

    /// <summary>
    /// Builds an intent that names a unit. The unit named is used; none named gives null (the sender's default
    /// scope); an ambiguous or unknown name gives one question back whose options are the same intent per unit.
    /// </summary>
    public Intent WithUnit(Func<UnitRef?, Intent> make) => Unit switch
    {
        null => make(null),
        UnitFound f => make(f.Unit),
        UnitAmbiguous a => Understood.WhichUnit($"“{a.Written}”是指哪个单位？", a.Candidates, make),
        UnitUnknown { Nearest.Count: 0 } => Understood.WhoAreYou,
        UnitUnknown u => Understood.WhichUnit($"没有找到“{u.Written}”。您是指：", u.Nearest, make),
        _ => throw new InvalidOperationException(Unit.GetType().Name),
    };

    /// <summary>Like <see cref="WithUnit"/>, but when no unit is named the sender's own unit is meant (claims).</summary>
    public Intent WithOwnUnit(Func<UnitRef, Intent> make)
    {
        if (Unit is not null)
        {
            return WithUnit(u => make(u!));
        }
        return OwnUnit is { } own ? make(own) : Understood.WhoAreYou;
    }

    /// <summary>The sender's unit, whatever the message names.</summary>
    public UnitRef? OwnUnit => Ctx.Sender.UnitId is { } id && Ctx.Units.FirstOrDefault(x => x.Id == id) is { } own ? new UnitRef(own.Id, own.Name, IsSendersOwn: true) : null;

    /// <summary>Builds an intent on the first measure reference, or asks which measure when there is none or it cannot be resolved.</summary>
    /// <summary>
    /// The intent for the measures named first; none named, the question which, with the measure being talked about
    /// offered to confirm ("延到月底" just after 第23项: "…（是第23项的话，回复“是”。）").
    /// </summary>
    public Intent WithMeasures(Func<MeasureRef, Intent> make, string question) => FirstMeasure switch
    {
        { Ref: { } r } => make(r),
        { Ref: null } => Understood.UnresolvedMeasure,
        null when Ctx.Focus is { } focus => new Clarify($"{question}（是第{focus}项的话，回复“是”。）", [new ClarifyOption($"第{focus}项", make(new MeasureRef([focus], FromConversation: true)))]),
        null => Understood.Ask(question),
    };

    /// <summary>Where the words after the first measure reference start in <see cref="Text"/>, past spoken fillers ("32那个…就是").</summary>
    public int AfterFirstMeasure
    {
        get
        {
            if (FirstMeasure is not { } m)
            {
                return 0;
            }
            // "5、6、9三项进展：…": how many the list holds, said after it.
            var after = SkipFillers(m.End);
            // "第十二项就是养老机构安全那个我们这周…", "第五十二项低保动态管理那个 我们已经…": dictated, what the measure is
            // about, said before the account.
            if ((U.Text.AsSpan(m.End, after - m.End).Contains("就是", StringComparison.Ordinal) || U.Text.AsSpan(after).IndexOf("那个 ", StringComparison.Ordinal) is >= 2 and <= 12)
                && SaidAbout().Match(U.Text, after) is { Success: true } about)
            {
                after = SkipFillers(after + about.Length);
            }
            return m.Ref is { Numbers.Count: > 1 } && ListCount().Match(U.Text, after) is { Success: true } count && count.Index == after
                ? SkipFillers(after + count.Length)
                : after;
        }
    }

    // "12至15这四项，…": with 这 too.
    [GeneratedRegex(@"这?(?:[两二三四五六七八九十]{1,2}|几)[项条个]")]
    private static partial Regex ListCount();

    // "…就是养老机构安全那个我们这周…", "…就是那个特困供养的这周我们…".
    [GeneratedRegex(@"\G[^,。;!?\s]{2,12}?(?:那个|的)(?=\s*(?:我|咱|已|这周|本周|上周|目前|现在|\d|[一二三四五六七八九十]{1,2}月))")]
    private static partial Regex SaidAbout();

    /// <summary>The first position at or after <paramref name="from"/> past separators and spoken fillers (那个, 就是, 嗯).</summary>
    public int SkipFillers(int from)
    {
        var at = U.SkipSeparators(from);
        while (Filler(U.Text.AsSpan(at)) is { } filler)
        {
            at = U.SkipSeparators(at + filler.Length);
        }
        return at;
    }

    private static string? Filler(ReadOnlySpan<char> text)
    {
        foreach (var filler in Fillers)
        {
            // 这个月, 那个星期, 这个问题: 这个 and 那个 there name what follows.
            if (text.StartsWith(filler) && !(filler is "这个" or "那个" && text.Length > 2 && MeasureReferenceParser.NamedByThis.Contains(text[2])))
            {
                return filler;
            }
        }
        return null;
    }

    // 哈, 啊, 呀: a spoken particle after the measure ("那个第13项哈，我们这周…"); 这两条 after a list ("143和144这两条一起…");
    // 上面 before a place in it ("上面第一个和第三个都在整改中"); an apology before a correction ("不好意思 12号应该是已完成");
    // 另外 after thanks ("陈姐辛苦了🙏 另外报一下第71项进度：…"); 对了 and 然后, turning to
    // the point ("对了，第92、93项今天都完成了", "…然后就是第五十二项…"); 退回的, which measure ("退回的第四十一项 会议纪要补传了").
    private static readonly string[] Fillers = ["另外", "对了", "然后", "被退回的", "退回的", "上面", "不好意思", "抱歉", "打扰一下", "打扰了", "那个", "这个", "那项", "这项", "那条", "这条", "这两条", "这两项", "这几条", "这几项", "就是说", "就是", "喂", "嗯", "呃", "哈", "啊", "呀", "…", "..."];
}
