namespace RectifyBot.Conversation.Understanding;

/// <summary>Drafting and documents, and retrieval over past plans. Tried first, since their quoted topics may hold any word.</summary>
internal static class DraftRules
{
    // Words that name the corpus of past plans; they make a search on their own.
    private static readonly string[] PastPlanWords = ["以前的方案", "以往的方案", "过去的方案", "之前的方案", "往年的方案", "历史方案", "其他单位", "别的单位", "兄弟单位", "别的局", "其他局", "兄弟局", "外单位", "其他地方", "别的地方", "先例", "past plans", "other plans", "search"];

    // Words that point to the past only loosely ("以前逾期的" is not a search); they need a "how was it fixed" or a quoted topic.
    private static readonly string[] PastWords = ["往年", "以往", "以前", "过去", "之前"];

    private static readonly string[] HowFixedWords = ["是怎么整改的", "怎么整改的", "如何整改的", "怎么整改", "如何整改", "是咋整改的", "咋整改的", "咋整改", "咋改的", "怎么改的", "是怎么做的", "怎么做的", "有什么做法", "怎么处理的", "how was", "how did", "fixed"];

    private static readonly string[] DraftVerbs = ["起草", "草拟", "拟定", "拟写", "写几条", "出几条", "想几条", "写一下", "帮我写", "写点", "draft", "suggest"];

    public static Intent? Match(Message m) => ClosureForm(m) ?? Report(m) ?? Ledger(m) ?? Measures(m) ?? Paragraph(m) ?? Search(m);

    /// <summary>"打印51的销号审批表", "导出全部销号审批表": before the workflow rules, which would read 销号 as a request.</summary>
    private static Intent? ClosureForm(Message m)
    {
        if (!m.U.HasAny("销号审批表", "销号表", "审批表", "closure form", "review form"))
        {
            return null;
        }
        if (m.U.HasAny("全部", "所有", "每项", "all"))
        {
            return new PrintClosureForm(null);
        }
        return m.WithMeasures(r => new PrintClosureForm(r), "打印哪一项的销号审批表？例如“打印51的销号审批表”，或“导出全部销号审批表”。");
    }

    private static Intent? Report(Message m) =>
        m.U.HasAny("整改情况报告", "整改报告", "生成报告", "出报告", "导出报告", "完整报告", "全部报告", "status report", "generate report", "full report")
        && m.U.Quoted() is null && m.Measures.Count == 0
            ? new GenerateStatusReport()
            : null;

    private static Intent? Ledger(Message m) =>
        m.U.HasAny("台账", "ledger", "excel", "表格")
        && m.U.HasAny("导出", "下载", "生成", "发我", "给我", "export", "download")
            ? m.WithUnit(u => new ExportLedger(u))
            : null;

    private static Intent? Measures(Message m)
    {
        if (!m.U.HasAny(DraftVerbs) || !m.U.HasAny("措施", "measure") || m.U.Has("整改情况"))
        {
            return null;
        }
        return Topic(m, DraftVerbs, "的整改措施", "整改措施", "的措施", "措施") is { } topic
            ? new DraftMeasures(topic)
            : Understood.Ask("针对什么问题起草？例如“帮我起草针对“三公经费不降反增”的整改措施”。");
    }

    private static Intent? Paragraph(Message m)
    {
        if (!m.U.HasAny("整改情况", "情况说明", "status paragraph") || !m.U.HasAny("写", "起草", "草拟", "生成", "拟", "draft", "write"))
        {
            return null;
        }
        if (m.FirstMeasure is { Ref: { } r })
        {
            return new DraftStatusParagraph(null, r);
        }
        return Topic(m, ["写一段", "写一下", "写"], "问题的整改情况", "的整改情况", "整改情况") is { } topic
            ? new DraftStatusParagraph(topic, null)
            : Understood.Ask("写哪个问题或哪一项的整改情况？例如“写第56项的整改情况”。");
    }

    private static Intent? Search(Message m)
    {
        var quoted = m.U.Quoted();
        var howFixed = m.U.HasAny(HowFixedWords);
        var pastPlans = m.U.HasAny(PastPlanWords) || (m.U.HasAny(PastWords) && (howFixed || quoted is not null));
        if (!pastPlans && !(howFixed && quoted is not null))
        {
            return null;
        }
        if (quoted is null && m.Measures.Count > 0)
        {
            return null;
        }
        var query = quoted ?? Strip(m.Text, [.. PastPlanWords, .. PastWords, .. HowFixedWords, "有没有参考", "可以参考", "参考一下", "方案里", "方案中", "里面", "这一块", "这块", "这方面", "问题", "查一下", "找一下", "帮我", "看看", "?", "for "]).TrimStart('里', '中', '对', '的', ' ').TrimEnd('的', ' ');
        return query.Length >= 2 ? new SearchPastPlans(query) : Understood.Ask("想查哪个问题的做法？例如：以前的方案里“活人墓”是怎么整改的");
    }

    /// <summary>
    /// The problem a draft is about: the quoted words, or else the words between 针对/关于 (or the verb)
    /// and the tail ("起草针对三公经费不降反增的整改措施" → 三公经费不降反增; "起草三公经费问题的整改措施" → 三公经费).
    /// </summary>
    private static string? Topic(Message m, string[] verbs, params string[] tails)
    {
        if (m.U.Quoted() is { Length: > 0 } quoted)
        {
            return quoted;
        }
        var text = m.Text;
        var lead = new[] { "针对", "关于", "对于", "for " }.Concat(verbs)
            .Select(w => (Word: w, At: text.IndexOf(w, StringComparison.Ordinal)))
            .FirstOrDefault(p => p.At >= 0);
        if (lead.Word is null)
        {
            return null;
        }
        var start = lead.At + lead.Word.Length;
        var end = tails.Select(t => text.IndexOf(t, start, StringComparison.Ordinal)).Where(i => i >= start).DefaultIfEmpty(text.Length).Min();
        var topic = text[start..end].Trim(' ', ',', '。', '的');
        foreach (var filler in new[] { "几条", "一些", "一下", "关于", "针对" })
        {
            topic = topic.StartsWith(filler, StringComparison.Ordinal) ? topic[filler.Length..] : topic;
        }
        topic = topic.EndsWith("问题", StringComparison.Ordinal) && topic.Length > 3 ? topic[..^2] : topic;
        return topic.Length >= 2 ? topic : null;
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
