using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// The office's and the leaders' questions, which name no measure: the review queues (待审核的销号, 延期申请, 被退回的,
/// 共同认领待确认), rankings of units, what was completed in a window, what has not moved, and the trend. Tried before
/// the write keywords, since "谁申请销号了" and "延期申请有几个" contain them.
/// </summary>
internal static partial class OfficeRules
{
    private static readonly string[] ListWords = ["有哪些", "哪些", "有几个", "几个", "几项", "几条", "多少", "列一下", "列出", "看下", "看看", "看一下", "清单", "还有"];

    private static readonly string[] DoneWords = ["完成了", "销号了", "办结了", "完成的", "销号的", "办结的", "销了", "已完成", "已经完成", "已销号", "已经销号", "已办结", "已经办结", "完成几", "完成多少", "销号几", "办结几", "办完几", "干成了", "办成了", "干完了", "办完了"];

    private static readonly string[] NotDoneWords = ["未完成", "没完成", "没有完成", "尚未完成", "未办结", "没办结", "未销号", "没销号", "没有销号"];

    private static readonly string[] StaleWords = ["没更新", "没有更新", "未更新", "不更新", "没动", "没有动", "没人动", "没人更新", "没动静", "没进展", "没有进展", "无进展", "没报进展", "未报进展", "没有报进展", "没报过进展", "没报进度", "没报过进度", "没更新过", "没填进展", "停滞", "没推进", "没有推进", "没update", "没有update", "未update"];

    private static readonly string[] RankWords = ["排名", "排个名", "排一下", "排序", "排个序", "排行", "排个队", "排队", "排出来", "哪个科", "哪个单位", "哪家", "哪几个科", "哪几家", "最多", "最少", "最高", "最低", "倒数"];

    /// <summary>
    /// Words that rank units by how far along they are, with no figure named: "哪个单位最慢", "谁完成得最差". Only with
    /// 哪 or 谁 on their own: "最好本周完成" ranks nothing.
    /// </summary>
    private static readonly string[] PaceWords = ["最慢", "最快", "最差", "最好", "最拖", "拖后腿", "垫底", "落后", "靠后", "靠前", "最积极", "最不积极"];

    /// <summary>Asking for the units furthest behind: their completion rates, lowest first.</summary>
    private static readonly string[] SlowWords = ["最慢", "最差", "最低", "倒数", "垫底", "落后", "靠后", "拖后腿", "最拖", "最不积极"];

    /// <summary>Words that say a request still waits for a decision: "延期申请有没处理的", "还没批的".</summary>
    private static readonly string[] WaitingWords = ["待审", "待批", "待销号", "没批", "未批", "没审", "未审", "没处理", "未处理", "待处理", "没回复", "等着审", "等审"];

    // 待我审核的 / 需要我批的 / 有没有要我签字的 / 等我签批的 / 我要审核的: what waits for the sender's own review or signature.
    [GeneratedRegex(@"(?:要|需要|等着|等|待|给|让|该)我(?:这边|这里|们)?(?:来|去)?(?:审|批|签|核)|我(?:要|该|得|需要)(?:审|批|签|核)")]
    private static partial Regex ForMyReview();

    private static readonly string[] TrendWords = ["上周比", "比上周", "跟上周", "和上周", "与上周", "较上周", "比上礼拜", "跟上礼拜", "和上礼拜", "趋势", "走势", "曲线", "一步步", "慢下来", "快了还是慢了", "快了", "慢了", "变化", "往上走", "原地踏步", "涨了还是", "升了还是", "还是掉了", "还是降了", "trend", "起色"];

    [GeneratedRegex(@"(?<n>\d{1,3}|[一二三四五六七八九十两半]{1,3})\s*(?:个)?\s*(?<u>天|日|周|星期|礼拜|月)")]
    private static partial Regex Span();

    public static Intent? Match(Message m)
    {
        if (m.Measures.Count > 0)
        {
            return null;
        }
        var u = m.U;
        var asks = m.IsQuestion || u.HasAny(ListWords);
        // "上周提交的延期申请批下来没，一直没动静" asks about a request, not about measures that have not moved; "这两个月进度的
        // 曲线 中间有没有停滞" about the trend; "还有一条都没动的吗" about what has not started.
        if (u.HasAny(StaleWords) && (asks || u.HasAny("点个名", "点名", "的")) && !(u.HasAny("申请") && u.HasAny("延期", "销号", "认领"))
            && !u.HasAny("曲线", "走势", "趋势") && !u.HasAny(StatusWords.Untouched))
        {
            return m.WithUnit(unit => new StaleQuery(unit, Days(m.Text)));
        }
        // "这几周 进度走势": a few words naming what to show ask for it.
        if (u.HasAny(TrendWords) && (asks || u.HasAny("比", "咋样", "怎么样", "是不是", "是否") || (u.HasAny("走势", "趋势") && m.U.Bare.Length <= 12) || u.HasAny("往上走", "原地踏步", "涨了还是", "升了还是", "还是掉了", "还是降了", "快了还是慢了", "还是慢了")))
        {
            return new TrendQuery();
        }
        if ((u.HasAny(RankWords) || (u.HasAny(PaceWords) && u.HasAny("哪", "谁"))) && (m.Unit is not UnitFound || u.HasAny("各单位", "各科室", "各部门")) && RankedBy(u) is { } by)
        {
            return new UnitRankingQuery(by, by == RankBy.CompletionRate && u.HasAny(SlowWords));
        }
        // "上个月销号的措施" and "昨天办结的" ask too, without a question word; "截至今天逾期未完成的措施" asks what is not done,
        // and "年底了 把我们科的措施全部标成已完成吧" asks for a change.
        // "明天市里检查组就到了 待销号的还剩哪些": what waits for its close is not done with.
        if (u.HasAny(DoneWords) && !StatusWords.AwaitsCloseSaid(u) && m.PastWindow is { } window && DoneWithin(u.Text, window) && (asks || u.Bare.EndsWith('的') || u.HasAny("的措施", "的事项", "的任务", "的问题", "的整改"))
            && !u.HasAny(QueryRules.Due) && !u.HasAny(QueryRules.Overdue) && !u.HasAny(NotDoneWords) && !StatusWords.HasSetter(u) && !u.Has("完成率"))
        {
            return new CompletedQuery(window);
        }
        var mine = ForMyReview().IsMatch(u.Text);
        if (!asks && !mine && !u.HasAny(WaitingWords))
        {
            return null;
        }
        // "还有谁申请协办的在等我批吗": a unit asking to help is a co-claim.
        // "有科室申请协助认领的吗？": asked of requests, it asks for those that wait.
        if (((u.HasAny("共同认领", "共同牵头", "联合认领", "认领") || u.HasAny("协办", "申请协助", "申请配合")) && u.HasAny("确认", "待审", "没批", "待批", "等我", "处理", "审核", "审批"))
            || (asks && u.HasAny("申请协助", "申请协办", "申请配合", "申请共同认领", "认领申请")))
        {
            return new PendingClaimQuery();
        }
        // "有哪些转交申请", "要转给别的单位的还有几项没处理", "哪些科室申请把措施转出去了 还没批的那种"; "转交的呢" after another queue.
        // "周末有没有人提转交的？": whether any came.
        if (u.HasAny("转交", "移交", "转给别", "转出去", "转出") && (u.HasAny("申请", "待处理", "没处理", "待确认", "确认", "没批", "哪些", "几项", "几条", "几个", "有没有人") || (m.IsQuestion && u.Bare.Length <= 6)))
        {
            return new PendingTransferQuery();
        }
        if (u.HasAny("被退回", "被退了", "退回的", "打回的", "驳回的", "退回来", "退回去", "打回来", "打回去", "被打回", "被驳回", "退回了还没", "退回后还没", "退回还没"))
        {
            return new ReturnedQuery();
        }
        // "年底扎堆申请延期的有几个了": a date by the applications is when they came, not what is asked.
        if (u.HasAny("延期") && !u.HasAny("延期到", "延至", "推迟到") && (m.Dates.Count == 0 || u.HasAny("申请延期的", "延期申请")))
        {
            return new PendingExtensionQuery();
        }
        // "做完了等销号的": measures done and awaiting their close (a list), unless an application or its review is asked about.
        var awaitingClose = StatusWords.AwaitsClose(u) && !u.HasAny("申请", "审", "批", "签");
        // "我们报的那几个销号 整改办批了吗": whether close applications were decided is the close queue too.
        var decided = u.HasAny("销号") && u.HasAny("批了", "审了", "批没", "审没", "批下来", "审完", "没审", "未审");
        if (mine || decided || (!awaitingClose && u.HasAny("待审核", "待审批", "待审", "待销号", "销号申请", "申请销号", "申请了销号", "等着销号", "等销号", "销号审核", "等着审核", "等审核", "等我们审", "等着审批", "等审批", "审批销号", "销号等着审", "等审的销号", "等着审的销号")))
        {
            return new PendingCloseQuery();
        }
        return null;
    }

    /// <summary>
    /// Whether what was done is said in the window's own clause: "明天要去县里汇报，现在…已完成的多少条" names a day that
    /// is not the window of what was done.
    /// </summary>
    private static bool DoneWithin(string text, DateWindow window) =>
        DateWindowParser.WrittenIn(text, window) is not var (at, length, start, end) || DoneWords.Any(w => text.AsSpan(start, end - start).Contains(w, StringComparison.Ordinal))
        // "上周末到今天，都有哪些措施完成了？": a clause of the window alone is what the question after it is about.
        || (text.AsSpan(start, at - start).Trim(" ,从自") is [] && text.AsSpan(at + length, end - at - length).Trim(" ,。") is []);

    private static RankBy? RankedBy(Utterance u) =>
        u.HasAny("未启动", "没启动", "没开始", "未开始") ? RankBy.NotStarted
        : u.HasAny("完成率", "完成得", "完成最", "进度") ? RankBy.CompletionRate
        : u.HasAny("逾期", "超期", "超时", "拖期", "过期") ? RankBy.Overdue
        : u.HasAny(PaceWords) ? RankBy.CompletionRate
        : null;

    /// <summary>"两周" → 14, "10天" → 10, "一个月" → 30; null when no span is stated.</summary>
    private static int? Days(string text)
    {
        if (Span().Match(text) is not { Success: true } span)
        {
            return null;
        }
        var written = span.Groups["n"].Value;
        var n = written == "半" ? 0.5 : ChineseNumber.Parse(written) ?? 0;
        var days = span.Groups["u"].Value switch
        {
            "天" or "日" => n,
            "月" => n * 30,
            _ => n * 7,
        };
        return days >= 1 ? (int)days : null;
    }
}
