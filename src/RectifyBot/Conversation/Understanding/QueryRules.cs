namespace RectifyBot.Conversation.Understanding;

/// <summary>Questions named by a keyword: today's reminders, unclaimed, overdue, due in a window, progress totals, a unit's list.</summary>
internal static class QueryRules
{
    private static readonly string[] Unclaimed = ["没人认领", "无人认领", "未认领", "没有认领", "没认领", "未被认领", "无主", "没人管", "没科室认领", "没单位认领", "没有科室认领", "没有单位认领", "没落实到单位", "没落实到科室", "没分到单位", "没分到科室", "没有单位claim", "未明确牵头", "没明确牵头", "未明确责任单位", "没有明确牵头", "没人claim", "没有人claim", "没claim", "未claim", "unclaimed", "not claimed", "nobody claimed"];

    internal static readonly string[] Overdue = ["逾期", "超期", "过期", "超时", "拖期", "延误", "过了期限", "过了截止", "过了时限", "超过时限", "超过完成时限", "超过整改时限", "过了整改时限", "过了完成时限", "超出时限", "超过期限", "没按时", "未按时", "没有按时", "没能按时", "未能按时", "没按期", "未按期", "没有按期", "没如期", "未如期", "超了几", "overdue", "late", "past due"];

    /// <summary>A decision opening the message: what follows is its reason, not a question ("不同意 月底前必须完成").</summary>
    private static readonly string[] DecisionOpeners = ["不同意", "同意", "不批", "驳回", "退回", "不予"];

    /// <summary>Words of a deadline: with them, "完成的" asks what is due, not what was done.</summary>
    internal static readonly string[] Due = ["到期", "截止", "要完成", "需完成", "需要完成", "必须完成", "该完成", "应完成", "得完成", "完成时限", "要交的", "该交的", "要报的", "due", "deadline"];

    private static readonly string[] HowIsIt = ["咋样", "怎么样", "怎样了", "如何了"];

    private static readonly string[] Stats = ["整体进度", "总体进度", "总进度", "整体整改进度", "总体整改进度", "整改进度", "到多少了", "给我个数", "到什么程度", "进度到哪", "推进到哪", "做到哪一步", "完成了多少", "完成多少", "完了几", "办完几", "销号几", "销号了几", "都办完", "啥进度", "什么进度", "整改得怎么样", "推进得怎么样", "完成得怎么样", "完成得咋样", "完成得如何", "进度怎么样", "进度咋样", "进度如何", "完成情况", "完成率", "百分之多少", "百分之几", "完成比例", "完成比率", "办结率", "完成了几项", "完成几项", "完成了几条", "办完多少", "办完了多少", "整改情况", "情况怎么样", "统计", "总体情况", "整体情况", "汇总", "进展如何", "整体进展", "总体进展", "概况", "总览", "都完成了", "completion rate", "progress", "stats", "statistics", "overview", "summary", "dashboard"];

    /// <summary>Words that describe what a unit holds ("我科负责的"): with no measure named, they ask for its list.</summary>
    internal static readonly string[] Held = ["负责的", "牵头的", "承担的", "名下"];

    private static readonly string[] List = [.. Held, "所有措施", "所有整改措施", "全部措施", "全部整改措施", "还有几项", "几项", "几条", "多少项", "哪些措施", "有哪些", "什么措施", "的措施", "措施清单", "任务清单", "我的任务", "没完成", "未完成", "没有完成", "还没完成", "已完成的", "未启动", "没启动", "推进中的", "长期坚持的", "已销号的", "清单", "列表", "列出", "还有啥", "还有什么", "list", "my measures", "unfinished", "what's left"];

    private static readonly string[] AsksForMeasures = ["哪些", "几项", "几个", "多少", "什么", "啥", "措施", "任务", "事项", "what", "which"];


    /// <summary>
    /// "回头看下周就来了 我们科还剩哪些没弄完的": a window in a clause of its own that tells of something else and asks
    /// nothing says when that happens; the question after it asks about no window ("下周 有哪些要完成的" does).
    /// </summary>
    private static bool TellsWhenElse(string text, DateWindow window)
    {
        // "现在全局整改完成率是多少？周四开回头看推进会要用数": the clause may end the message.
        if (DateWindowParser.WrittenIn(text, window) is not var (at, length, start, end))
        {
            return false;
        }
        var clause = text[start..end];
        return !clause.AsSpan().ContainsAny(Message.AskingMarks) && clause.Remove(at - start, length).Count(char.IsLetter) >= 3;
    }

    public static Intent? Match(Message m)
    {
        // "今天要催哪些": whom to chase today is the day's reminders.
        // Not "一天发三遍提醒谁受得了 … 我们科到底还有几条超期的" or "这系统谁设计的 提醒一天推八遍": reminders complained of.
        if (m.U.HasAny("提醒", "reminder", "要催", "该催", "得催", "需要催", "催哪", "催谁", "催办") && m.FirstMeasure is null && (m.IsQuestion || m.U.HasAny("今天", "今日", "清单", "today"))
            && !m.U.HasAny("受得了", "受不了", "烦", "一天推", "一天发", "设计的") && !(m.U.HasAny(Overdue) && !m.U.HasAny("要催", "该催", "催哪", "催谁")))
        {
            return new RemindersQuery();
        }
        if (AsksUnclaimed(m))
        {
            return new UnclaimedQuery();
        }
        // With a measure named, "51逾期了吗" or "51完成情况" asks about that measure; "我们科没完成的是不是只剩第8项了" asks
        // whether that is all that is left, which the list of what is left answers.
        if (m.FirstMeasure is not null)
        {
            return m.IsQuestion && m.U.HasAny("只剩", "就剩", "只差", "就差") ? Left(m) : null;
        }
        // "已销号的多少 完成了等销号的多少 逾期的多少 还没启动的多少": the figures of several statuses at once.
        if (m.U.Text.IndexOf("多少", StringComparison.Ordinal) is >= 0 and var first && m.U.Text.IndexOf("多少", first + 2, StringComparison.Ordinal) >= 0
            && m.U.HasAny("销号", "完成", "启动"))
        {
            return m.WithUnit(u => new ProgressStatsQuery(u));
        }
        if (m.U.HasAny(Overdue))
        {
            return m.WithUnit(u => new OverdueQuery(u));
        }
        // A window asks about measures with a word that asks for them, or alone ("下周的呢"): "明天下午开会吗" does not;
        // a decision's reason does not either ("不同意 月底前必须完成", a reply to an extension).
        if ((m.U.HasAny(Due) && !DecisionOpeners.Any(w => m.Text.StartsWith(w, StringComparison.Ordinal))) || (m.Window is { } asked && m.IsQuestion && !TellsWhenElse(m.U.Text, asked) && (m.U.HasAny(AsksForMeasures) || m.U.Bare.Length <= asked.Label.Length + 2)))
        {
            var window = m.Window ?? DateWindowParser.Soon(m.Ctx.Today);
            return m.WithUnit(u => new DueQuery(window, u));
        }
        // "低保中心现在到底咋样了": how a named unit is doing, asked in everyday words, is its figures.
        // "各科室…" asks for every unit's figures, not "通知各科室负责人开个调度会".
        if (m.U.HasAny(Stats) || (m.U.HasAny("各科室", "各单位") && (m.IsQuestion || m.U.HasAny("几条", "几项", "几个", "分别", "情况", "进度"))) || (m.Unit is not null && m.Measures.Count == 0 && m.U.HasAny(HowIsIt)))
        {
            return m.WithUnit(u => new ProgressStatsQuery(u));
        }
        // "还剩几条没弄完" asks; "…已经完成二百八十七户还剩三个乡镇…" tells how far one measure has come.
        if (m.U.HasAny(List) || (m.U.HasAny("没干完", "没弄完", "没做完", "还剩") && (m.IsQuestion || m.U.Bare.Length <= 12)) || StatusWords.AwaitsClose(m.U) || StatusWords.AsksClosed(m.U) || IsOnlyAUnit(m))
        {
            return m.WithUnit(u => new MeasureListQuery(u, StatusWords.Filter(m.U)));
        }
        return null;
    }

    /// <summary>The list of what is left, when the words name what (没完成, 没销号); apart, so that its lambda's room is made only here.</summary>
    private static Intent? Left(Message m) =>
        StatusWords.Filter(m.U) is var left and not MeasureFilter.All ? m.WithUnit(u => new MeasureListQuery(u, left)) : null;

    public static bool AsksUnclaimed(Message m)
    {
        foreach (var word in Unclaimed)
        {
            // "…他们名下还有没有逾期的？别交接完就没人管了": said after the question, it asks nothing; "这条我们科来认领吧，原来的
            // 经办人调走了一直没人管": of a measure named, in a message that asks nothing, why it is taken.
            if (m.U.Has(word))
            {
                return m.U.Text.IndexOf('?') is var asked && (asked < 0 || asked > m.U.Text.IndexOf(word, StringComparison.Ordinal)) && (m.Measures.Count == 0 || m.IsQuestion);
            }
        }
        return m.Measures.Count == 0 && m.U.HasAny(NotGivenOut);
    }

    // Everyday words, which also say why a measure named is taken ("142号没人领的 我们救助科认了"): a question only alone.
    private static readonly string[] NotGivenOut = ["没人领", "没人认", "没分下去", "没有分下去", "未分配", "没分配"];

    /// <summary>"社事科" or "社事科的" alone asks for that unit's list.</summary>
    private static bool IsOnlyAUnit(Message m) =>
        m.Unit is { } unit && m.U.Bare.TrimEnd('的', '呢').Length <= unit.Written.Length + 1;
}
