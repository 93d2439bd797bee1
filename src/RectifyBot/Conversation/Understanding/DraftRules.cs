using System.Text.RegularExpressions;

namespace RectifyBot.Conversation.Understanding;

/// <summary>Drafting and documents, and retrieval over past plans. Tried first, since their quoted topics may hold any word.</summary>
internal static partial class DraftRules
{
    // Words that point to the past only loosely ("以前逾期的" is not a search); they need a "how was it fixed" or a
    // quoted topic, unless they name the plans (往年方案中…).
    private static readonly string[] PastWords = ["往年", "以往", "以前", "过去", "之前", "历年", "前年", "去年", "上一轮巡察", "上轮巡察", "上一轮", "上轮", "上一次巡察", "上次巡察"];

    // Words that name the corpus of past plans, or ask for a precedent; they make a search on their own.
    private static readonly string[] PastPlanWords = ["历史方案", "其他单位", "别的单位", "兄弟单位", "别的局", "其他局", "兄弟局", "外单位", "其他地方", "别的地方", "别的县", "其他县", "兄弟县", "外县", "别的区", "其他区", "兄弟县区", "其他县区", "别的县区", "先例", "有没有参考", "有参考", "可参考", "整改案例", "past plans", "other plans", "search",
        .. PastWords.SelectMany(p => new[] { p + "方案", p + "的方案", p + "整改方案", p + "的整改方案" })];

    private static readonly string[] HowFixedWords = WithIs(["怎么整改的", "如何整改的", "怎么整改", "如何整改", "咋整改的", "咋整改", "咋改的", "怎么改的", "怎么做的", "怎么弄的", "咋弄的", "怎么处理的", "咋处理的", "怎么写的", "咋写的", "咋写", "有什么做法", "的做法", "做法", "案例", "类似的", "类似", "整改过", "how was", "how did", "fixed"]);

    private static readonly string[] DraftVerbs = ["起草", "草拟", "拟定", "拟写", "拟几条", "拟一下", "帮我拟", "帮忙拟", "请拟", "写几条", "出几条", "想几条", "列几条", "提几条", "写一下", "帮我写", "写点", "拿个", "拿几条", "出个", "出一版", "出一份", "弄几条", "搞几条", "给几条", "建议一下", "建议几条", "草稿", "draft", "suggest"];

    // Asking what to do about a problem, with or without the word 措施: a draft, not a search of the past.
    private static readonly string[] AdviceWords = ["整改建议", "措施建议", "怎么整改比较好", "如何整改比较好", "怎么整改好", "该怎么整改", "应该怎么整改", "该如何整改", "应该如何整改", "该怎么提", "怎么提", "怎么写比较好", "该怎么写"];

    // What a request says around its topic: taken out, so that the topic is what is left.
    private static readonly string[] RequestWords = ["帮我", "帮忙", "麻烦", "能不能", "能否", "可不可以", "可以", "请", "一下", "几条", "一些", "一段", "写段", "针对", "关于", "对于", "涉及", "有没有", "有什么", "遇到过", "当时", "一般", "通常", "这个问题", "这个", "这一块", "这块", "那一块", "那块", "重点说", "重点写", "这方面", "方面的", "查一下", "查查", "查下", "找一下", "找找", "看看", "发我看看", "发我", "给点", "给我", "有哪些", "搜一下", "搜搜", "翻一下", "翻翻", "帮个忙", "来着", "急用", "尽快",
        "巡察组反馈说", "反馈说", "被指出", "被点过", "点过", "好像也", "好像", "那个问题", "那个", "我记得", "哪次整改", "哪次", "也有过", "有过", "想想", "我们科", "我们", "你先", "你帮我", "吗", "呢", "吧", "哈", "在", "把", "for "];

    private static readonly string[] MeasureWords = ["的整改措施", "整改措施", "的措施", "措施", "measures", "measure"];

    internal static readonly string[] ParagraphWords = ["问题的整改情况", "的整改情况", "整改情况", "的整改落实情况", "整改落实情况", "的落实情况", "落实情况", "的整改进展说明", "整改进展说明", "进展说明", "情况说明", "一段话", "段话", "的段落", "段落", "那一段", "这一段", "那段", "这段", "弄个材料", "整改近况", "status paragraph"];

    // Asking for the paragraph to be written; a bare 写 only opening the message (写第56项的整改情况), since an update may say 写入.
    internal static readonly string[] ParagraphVerbs = ["写段", "写一段", "起一段", "写个", "写一下", "帮我写", "写成", "撰写", "起草", "草拟", "生成", "拟", "整理成", "弄个材料", "draft", "write"];

    private static readonly char[] Separators = [' ', ',', '，', '。', '：', ':', '；', ';', '？', '?', '！', '!', '、', '~', '～'];

    /// <summary>Each "how was it fixed" in Chinese also as "是…" (是怎么整改的), so that 是 does not stay behind in the topic.</summary>
    private static string[] WithIs(string[] words) => [.. words, .. words.Where(w => w[0] > 0x2E80).Select(w => "是" + w)];

    public static Intent? Match(Message m) => ClosureForm(m) ?? Report(m) ?? Ledger(m) ?? Measures(m) ?? Paragraph(m) ?? Search(m);

    /// <summary>"打印51的销号审批表", "导出全部销号审批表": before the workflow rules, which would read 销号 as a request.</summary>
    private static Intent? ClosureForm(Message m)
    {
        // "佐证材料已经传上去了：复核花名册、清退审批表…。这条申请销号": a form among the evidence, and the close asked for.
        if (!m.U.HasAny("销号审批表", "销号表", "审批表", "closure form", "review form") || MissingForm().IsMatch(m.Text)
            || (m.U.Has("申请销号") && !m.U.HasAny("销号审批表", "销号表", "打印", "导出")))
        {
            return null;
        }
        if (m.U.HasAny("全部", "所有", "每项", "all"))
        {
            return new PrintClosureForm(null);
        }
        return m.WithMeasures(r => new PrintClosureForm(r), "打印哪一项的销号审批表？例如“打印51的销号审批表”，或“导出全部销号审批表”。");
    }

    // "退回147，缺清退对象的审批表": a form missing from a unit's evidence, not ours to print.
    [GeneratedRegex(@"(?:缺|少|没有|补)[^,;。\s]{0,12}审批表")]
    private static partial Regex MissingForm();

    // 导一份 / 来个 / 出一下 / 弄份: asking for a copy of a document, "导一份低保中心的台账", "出个报告".
    // Not 领导 ("各位领导下午好"), nor 一个个 ("要一个个去补": one by one).
    [GeneratedRegex(@"(?:(?<!领)导|出|来|要|弄|做|整|拉|发|打)(?:一|个|份|一份|一个|一下|下)(?!个)")]
    private static partial Regex OneCopy();

    // "出个月报", "弄个word版的整改进展", "常委会要用的材料，整改整体进展那个，给我出一份": the report by its period, as a
    // Word file of the progress, or as a meeting's paper on the whole (one problem's "整改情况…弄个材料" is a paragraph).
    private static Intent? Report(Message m) =>
        (m.U.HasAny("整改情况报告", "整改情况汇报", "情况报告", "总报告", "整改报告", "生成报告", "出报告", "导出报告", "完整报告", "全部报告", "status report", "generate report", "full report")
         || (m.U.HasAny(ReportWords) && (OneCopy().IsMatch(m.U.Text) || m.U.HasAny("写个", "写份", "写一份", "写一个", "生成", "起草", "发我", "给我", "形成一份", "形成一个", "形成报告")) && !m.U.HasAny(ParagraphWords)
             && !LedgerFirst(m.U.Text) && !(ReportNeeds().IsMatch(m.U.Text) && m.U.HasAny("完成率", "统计", "台账")))
         || (m.U.HasAny("word版", "word文档", "word的") && m.U.HasAny("整改进展", "整改情况", "进展情况") && OneCopy().IsMatch(m.U.Text))
         || (m.U.Has("材料") && m.U.HasAny("整体进展", "总体进展", "整体情况", "总体情况") && OneCopy().IsMatch(m.U.Text)))
        // A quotation names a problem ("针对“…”的整改情况报告"), unless it gives the report's outline (按“总体情况、…”的框架).
        && (m.U.Quoted() is null || m.U.HasAny("框架", "提纲", "结构")) && m.Measures.Count == 0
            ? new GenerateStatusReport()
            : null;

    // "月报要用数，把全局的整改完成率统计一下发我", "报告开头要写个总数 …完成率多少": what the report needs is asked for, not the report.
    [GeneratedRegex(@"(?:月报|周报|报告|汇报)(?:里|中|上|开头|前面)?(?:要|需要|得)(?:用|附|写个?(?:总数|数字|数据))")]
    private static partial Regex ReportNeeds();

    // "导出一下全局的台账，月报要附": the ledger is asked for, the report named after it only what it is for.
    private static bool LedgerFirst(string text) =>
        text.IndexOf("台账", StringComparison.Ordinal) is >= 0 and var ledger
        && ReportWords.Select(w => text.IndexOf(w, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(int.MaxValue).Min() > ledger;

    private static readonly string[] ReportWords = ["报告", "月报", "周报", "季报", "report"];

    private static Intent? Ledger(Message m) =>
        m.U.HasAny("台账", "ledger", "excel", "表格")
        && (m.U.HasAny("导出", "下载", "生成", "发我", "给我", "拉出来", "拉一下", "调出来", "download") || OneCopy().IsMatch(m.U.Text))
            ? m.WithUnit(u => new ExportLedger(u))
            : null;

    private static Intent? Measures(Message m)
    {
        // 列一下 drafts only for a problem ("列一下针对…问题的整改措施"); "逾期的措施列一下" asks for a list.
        var asked = ((m.U.HasAny(DraftVerbs) || (m.U.HasAny("列一下", "列下") && m.U.HasAny("针对", "问题"))) && m.U.HasAny("措施", "measure"))
            || m.U.HasAny(AdviceWords);
        // 第12项该怎么整改 asks about a measure of the plan, not for new ones.
        if (!asked || m.U.HasAny(ParagraphWords) || (m.Measures.Count > 0 && m.U.Quoted() is null && !m.U.HasAny(DraftVerbs)))
        {
            return null;
        }
        return Topic(m, [.. DraftVerbs, .. AdviceWords, .. HowFixedWords, .. MeasureWords, .. RequestWords, "列一下", "列下", "怎么写", "建议", "出", "拟", "写", "列"]) is { } topic
            ? new DraftMeasures(topic)
            : Understood.Ask("针对什么问题起草？例如“帮我起草针对“三公经费不降反增”的整改措施”。");
    }

    [GeneratedRegex(@"(?:关于|针对|对于)(?<topic>[^,。;:?!“”""]{2,40}?)(?:问题)?的(?:整改措施|整改落实情况|整改情况|措施)")]
    private static partial Regex Named();

    // "帮我写一段低保动态管理不到位这个问题的…": the request before the topic is no part of it.
    [GeneratedRegex(@"(?:(?:请|麻烦)?(?:帮我|帮忙)?(?:写一段|写段|写一下|写个|起草一下|起草|草拟)(?:关于)?)?(?<topic>[^,。;:?!“”""\s]{4,30}?)(?:这个|这一|这类|这种|此类)问题")]
    private static partial Regex ThisProblem();

    private static Intent? Paragraph(Message m)
    {
        if (!m.U.HasAny(ParagraphWords) || !(m.U.HasAny(ParagraphVerbs) || m.Text.StartsWith('写')))
        {
            return null;
        }
        if (m.FirstMeasure is { Ref: { } r })
        {
            return new DraftStatusParagraph(null, r);
        }
        return Topic(m, [.. ParagraphWords, .. ParagraphVerbs, .. RequestWords, "写", "话"]) is { } topic
            ? new DraftStatusParagraph(topic, null)
            : Understood.Ask("写哪个问题或哪一项的整改情况？例如“写第56项的整改情况”。");
    }

    private static Intent? Search(Message m)
    {
        var quoted = m.U.Quoted();
        var howFixed = m.U.HasAny(HowFixedWords);
        var pastPlans = m.U.HasAny(PastPlanWords) || (m.U.HasAny(PastWords) && (howFixed || quoted is not null));
        // "赵敏调去别的单位了，她手上的措施交接给王强" names another unit and asks for no plan: a handover.
        if ((!pastPlans && !(howFixed && quoted is not null)) || (quoted is null && m.U.HasAny("交接给", "移交给", "转交给")))
        {
            return null;
        }
        if (quoted is null && m.Measures.Count > 0)
        {
            return null;
        }
        var query = Topic(m, [.. PastPlanWords, .. PastWords, .. HowFixedWords, .. MeasureWords, .. RequestWords,
            "可以参考", "参考一下", "参考", "的整改方案里", "整改方案里", "整改方案中", "方案里", "方案中", "里面", "里", "中", "对",
            // "以前巡察也查出过低保优亲厚友的问题": who found it before.
            "巡察", "巡视", "查出过", "发现过", "指出过", "也"]);
        return query is not null ? new SearchPastPlans(query) : Understood.Ask("想查哪个问题的做法？例如：以前的方案里“活人墓”是怎么整改的");
    }

    /// <summary>
    /// What a request is about: the quoted words, or else the longest stretch of the message left once the request's own
    /// words and the punctuation are taken out ("针对违规发放津补贴问题，出几条整改措施" → 违规发放津补贴). A word of one
    /// character (出, 拟, 的) comes off a stretch's ends only, never out of its middle, as do 问题 and 方面
    /// (历史遗留问题处置不力 keeps its 问题).
    /// </summary>
    private static string? Topic(Message m, IEnumerable<string> noise)
    {
        if (m.U.Quoted() is { Length: > 0 } quoted)
        {
            return quoted;
        }
        // "起草一下关于困难群众救助政策宣传不到位的整改措施三到五条就行": what 关于 names, whatever is asked after it.
        // "…汇报巡察整改 低保对象认定把关不严这个问题你帮我写一段…": what 这个问题 points back to ("…乱收费这类问题都是怎么整改的").
        if ((Named().Match(m.Text) is { Success: true } named ? named : ThisProblem().Match(m.Text)) is { Success: true } found)
        {
            return m.U.Original(found.Groups["topic"].Index, found.Groups["topic"].Index + found.Groups["topic"].Length);
        }
        var words = noise.ToHashSet();
        var ends = words.Where(w => w.Length == 1).Concat(["的", "是", "问题", "方面"]).Distinct().OrderByDescending(w => w.Length).ToList();
        var topic = Strip(m.Text, words.Where(w => w.Length > 1)).Split(Separators, StringSplitOptions.RemoveEmptyEntries)
            .Select(part => TrimEnds(part, ends))
            .MaxBy(part => part.Length) ?? "";
        return topic.Length >= 2 ? topic : null;
    }

    /// <summary>Takes the words off the stretch's ends, over and over, until none is left there.</summary>
    private static string TrimEnds(string part, List<string> words)
    {
        for (var trimmed = true; trimmed;)
        {
            trimmed = false;
            foreach (var w in words)
            {
                if (part.Length > w.Length && part.StartsWith(w, StringComparison.Ordinal))
                {
                    (part, trimmed) = (part[w.Length..], true);
                }
                if (part.Length > w.Length && part.EndsWith(w, StringComparison.Ordinal))
                {
                    (part, trimmed) = (part[..^w.Length], true);
                }
            }
        }
        return part;
    }

    private static string Strip(string text, IEnumerable<string> words)
    {
        foreach (var w in words.OrderByDescending(w => w.Length))
        {
            text = text.Replace(w, " ", StringComparison.Ordinal);
        }
        return string.Join(" ", text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim();
    }
}
