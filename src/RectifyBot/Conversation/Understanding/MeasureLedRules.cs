using System.Text.RegularExpressions;
using RectifyBot.Domain;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// Messages that open with a measure reference: the terse phone style ("51 完成 已清理3个").
///
/// The status rule. A progress update changes the status only when the user states a status on its own:
/// a status word right after the measure reference that stands alone, followed by a break (space,
/// punctuation, end) or by a new clause starting with 已. Everything after it is the update's text.
/// <list type="bullet">
/// <item>"51 完成 已对5个僵尸组织完成调查" → Done, text "已对5个僵尸组织完成调查".</item>
/// <item>"51 已完成，清理3个" → Done, text "清理3个".</item>
/// <item>"51 已完成摸底" → no status change: 已完成 runs into 摸底, so it says what was done (the survey), not that the measure is done.</item>
/// <item>"51 进展：已完成摸底" → no status change: after 进展 everything is text, unless the text is only a status word ("51 进展：已完成"),
/// or its last clause is one ("51 进展：流程已修订，正在征求意见，进行中" → InProgress, the clause left out of the text).</item>
/// </list>
/// A wrong status is a visible, audited change that asks for evidence, so when in doubt the words stay text.
/// </summary>
internal static partial class MeasureLedRules
{
    // Longest first: the first that opens the text is taken off it (51 进展更新下：… keeps none of 更新下).
    private static readonly string[] ProgressMarkers = [.. Message.SaidAgain, "进展更正", "进度更正", "再补个进展", "补个进展", "补充进展", "再补充一下", "再补充下", "再补充一句", "补充一句", "再补一句", "补一句", "整改措施落实情况", "整改落实情况", "整改进展情况", "进展更新一下", "进展更新下", "进度更新一下", "进度更新下", "汇报一下", "目前进度", "目前进展", "当前进度", "当前进展", "报一下进展", "报一下进度", "报个进展", "报个进度", "报下进展", "报下进度", "说一下", "说下", "整改进展", "整改进度", "最新进展", "进展情况", "推进情况", "落实情况", "整改情况", "进度更新", "进展更新", "报进展", "报进度", "更新一下", "汇报下", "报一下", "报下", "跟你说一下", "跟您说一下", "跟你说下", "更新下", "进展", "进度", "更新", "汇报", "progress"];

    private static readonly string[] AsFollows = ["现汇报如下", "现报告如下", "报告如下", "汇报如下", "如下"];

    /// <summary>What announces an account after its status, in an office's formal prose.</summary>
    private static readonly string[] AccountLeadIns = ["具体情况为:", "具体情况如下:", "具体情况是:", "主要做法是:", "主要做法为:", "主要做法:", "具体做法是:", "具体做法:", "具体如下:"];

    /// <summary>Where the account starts when <see cref="AccountLeadIns"/> announces it at <paramref name="at"/>; null otherwise.</summary>
    private static int? LeadInAt(string text, int at)
    {
        foreach (var leadIn in AccountLeadIns)
        {
            if (text.AsSpan(at).StartsWith(leadIn, StringComparison.Ordinal))
            {
                return at + leadIn.Length;
            }
        }
        return null;
    }

    /// <summary>
    /// The length of the progress marker <paramref name="rest"/> opens with, 一起 or 一并 of several measures or who
    /// reports before it included ("第5至7项一起报下进展：…", "七十三 七十四这两项我一起报一下 …"); 0 when it opens with none.
    /// </summary>
    private static int MarkerLength(string rest)
    {
        // "（41）我们这边的部分：…": a supporting unit's label for its share of the work.
        if (rest is ['我' or '本', ..] && OurPart().Match(rest) is { Success: true } part)
        {
            return part.Length;
        }
        // "第二个也报一下 …": as for the one before; "…把第四十六项再更新一下…": again; "这条替小张报一下：…": for a colleague.
        var who = (rest.StartsWith('我') ? 1 : 0) is var me && (rest.AsSpan(me) is ['也', ..] || rest.AsSpan(me).StartsWith("再更新")) ? me + 1 : me;
        who += ForWhom().Match(rest, who) is { Success: true } colleague && colleague.Index == who ? colleague.Length : 0;
        // "第四十九项 回头看补个进展 …": the occasion of the report.
        who += Occasion().Match(rest, who) is { Success: true } occasion && occasion.Index == who ? occasion.Length : 0;
        var together = who + (rest.AsSpan(who).StartsWith("一起", StringComparison.Ordinal) || rest.AsSpan(who).StartsWith("一并", StringComparison.Ordinal) || rest.AsSpan(who).StartsWith("一块", StringComparison.Ordinal) ? 2 : 0);
        // "18和19两项一起报：…": 报 alone after 一起.
        return ProgressMarkers.FirstOrDefault(w => rest.AsSpan(together).StartsWith(w, StringComparison.Ordinal)) is { } marker ? together + marker.Length
            : together > who && rest.AsSpan(together).StartsWith("报") ? together + 1 : 0;
    }

    [GeneratedRegex(@"\G(?:帮|替|代)\p{IsCJKUnifiedIdeographs}{1,3}?(?=报|汇报|上报|更新)", RegexOptions.CultureInvariant)]
    private static partial Regex ForWhom();

    [GeneratedRegex(@"\G(?:回头看|复查|本周|这周|今天)的?(?=补|报|汇报|更新)", RegexOptions.CultureInvariant)]
    private static partial Regex Occasion();

    [GeneratedRegex(@"\G\p{IsCJKUnifiedIdeographs}{2,10}?那个[啊呀嘛][,，\s]*", RegexOptions.CultureInvariant)]
    private static partial Regex SpokenTopic();

    [GeneratedRegex(@"^(?:我们|我科|本科室?)(?:科|这边|那边)?(?:配合|负责|承担)?的(?:那?部分|这部分|那块|这块)(?=[:\s,])")]
    private static partial Regex OurPart();

    /// <summary>Asking for a status set before it is named: "第44条是长期坚持的，状态帮我改一下".</summary>
    private static readonly string[] ChangeRequests = ["帮我改", "改一下", "改下", "改一改", "改过来", "调整一下", "调一下", "修改一下", "修改下", "更新一下", "标记一下", "标一下", "标下"];

    /// <summary>Only a request to make the change, with a courtesy around it: "帮我改一下", "麻烦更新一下哈".</summary>
    private static bool IsChangeRequest(string rest) =>
        rest.Trim().TrimEnd(ProseMarks) is { Length: > 0 and <= 10 } said && ChangeRequests.Any(said.Contains) && !said.Any(char.IsDigit);

    /// <summary>
    /// A last clause after a stated status that asks for the close review: "第34条已完成，申请销号", "都弄完了 材料也传了
    /// 申请销号"; "已申请销号" reports one made.
    /// </summary>
    private static readonly string[] CloseRequests = ["申请销号", "申请消号", "请求销号", "提请销号", "申请验收销号", "审核销号", "请予销号", "提交销号", "销号申请", "帮忙销号", "帮我销号", "麻烦销号", "请销号", "申请办结", "报一下销号"];

    // After the setters, the status named as a noun ("状态改为…", "状态：完成"), tried last as the widest.
    private static readonly string[] StatusNouns = ["状态为", "状态改", "状态"];

    private static readonly char[] Breaks = [' ', ',', '。', ';', ':', '!', '、', '.', '…'];

    private static readonly char[] ClauseBreaks = [',', '。', ';', '、'];

    /// <summary>An opening reference followed by a stated status or a progress marker; tried before keyword rules, as the update text may hold any word.</summary>
    public static Intent? MatchStated(Message m)
    {
        if (m.FirstMeasure is not { } first || !m.OpensWithMeasure)
        {
            return null;
        }
        if (m.U.Raw.Contains('\t') && LedgerRow(m, first) is { } row)
        {
            return row;
        }
        var start = m.AfterFirstMeasure;
        // "五十六不是完成 是长期坚持", "第9项是长期坚持不是推进中": the status put right.
        if (PutRight().Match(m.Text, start) is { Success: true } right && right.Index == start && StatusWords.Exactly(right.Groups["right"].Value) is { } meant)
        {
            return WithRef(first, r => new ChangeStatus(r, meant));
        }
        // "第58条上周我手快点成已完成了，其实这个每季度都要做，应该是长期坚持，帮忙改一下": the slip told, the status it
        // should be, and the change asked for.
        if (m.U.HasAny(ChangeRequests) && ShouldBe().Match(m.Text, start) is { Success: true } should && ExplainsMistake(m.Text[start..should.Index])
            && StatusWords.Exactly(should.Groups["right"].Value) is { } corrected)
        {
            // Not through WithRef: a lambda capturing corrected would cost every message its closure's room.
            return first.Ref is { } r ? new ChangeStatus(r, corrected) : Understood.UnresolvedMeasure;
        }
        if (m.Text.AsSpan(start).StartsWith("的")
            && (m.OpensWithReport || (ProgressMarkers.Any(w => m.Text.AsSpan(start + 1).StartsWith(w, StringComparison.Ordinal)) && !m.U.HasAny(DraftRules.ParagraphWords))))
        {
            // "报一下第40条的进度，…", "措施56的进展就是…": the 的 joins the measure to the marker ("第7项的整改进展说明帮我写一下" asks for a draft).
            start++;
        }
        // "关于第三十七项“婚姻登记档案管理不规范”的整改情况 1、…": the problem's title, quoted, before what is reported of it.
        if (QuotedTitle().Match(m.Text, start) is { Success: true } quoted && MarkerLength(m.Text[(start + quoted.Length)..]) > 0)
        {
            start += quoted.Length;
        }
        var rest = m.Text[start..];
        if (rest.Length == 0)
        {
            return null;
        }
        // "更新一下第58、59项的情况：…": after words that open a report, its 情况 is what it reports.
        var marker = MarkerLength(rest) is var length and > 0 ? length : m.OpensWithReport && rest.StartsWith("情况", StringComparison.Ordinal) ? 2 : 0;
        if (marker > 0)
        {
            // Spoken: "措施31那个进度就是嗯已经…" reports from 已经; "措施88进展如下：…" from what follows.
            var textStart = m.SkipFillers(start + marker);
            // Said twice, as people dictate: "第37项那个进展报一下啊，…".
            while (textStart < m.Text.Length && MarkerLength(m.Text[textStart..]) is > 0 and var again)
            {
                textStart = m.SkipFillers(textStart + again);
            }
            if (AsFollows.FirstOrDefault(w => m.Text.AsSpan(textStart).StartsWith(w, StringComparison.Ordinal)) is { } follows)
            {
                textStart = m.U.SkipSeparators(textStart + follows.Length);
            }
            // "第一百二十三项进展是入户走访…": the account after 是 or 为 (not 是否, which asks).
            else if (m.Text.AsSpan(textStart) is ['是' or '为', not '否', ..])
            {
                textStart = m.SkipFillers(textStart + 1);
            }
            // "12到15条进展发我看看" asks to see them; "第7项整改情况帮我写一下" asks for a draft.
            if (textStart >= m.Text.Length || m.IsQuestion || AsksToSee(rest)
                || (DraftRules.ParagraphWords.Contains(rest[..marker].TrimStart('一', '起', '并')) && m.U.HasAny(DraftRules.ParagraphVerbs)))
            {
                return null;
            }
            // "第88项整改情况（持续整改）：1.…": the label's status in brackets.
            if (Bracketed(m.Text, textStart) is var (labelled, past))
            {
                var from = m.SkipFillers(past);
                return WithRef(first, r => from >= m.Text.Length ? new ChangeStatus(r, labelled) : new ReportProgress(r, m.U.Original(from), labelled));
            }
            // "关于第47项整改措施落实情况：该项工作已启动。（1）…": a first sentence that is a status alone states it.
            if (OpeningStatus(m, textStart) is var (opening, account))
            {
                return WithRef(first, r => new ReportProgress(r, m.U.Original(account), opening));
            }
            return WithRef(first, r => StatusWords.Exactly(m.Text[textStart..]) is { } only
                ? new ChangeStatus(r, only)
                : ClosingStatus(m, textStart) is var (said, end)
                    ? SaysStatusOnly(m.Text[textStart..end])
                        ? new ChangeStatus(r, said)
                        : new ReportProgress(r, m.U.Original(textStart, end), said)
                    : StatusBeforeNextSteps(m, textStart) is var (now, cut, resume)
                        ? new ReportProgress(r, Around(m, textStart, cut, resume), now)
                        : new ReportProgress(r, m.U.Original(textStart), null));
        }
        // "第９项还没启动 帮我写一段整改情况说明": a status said before asking for a paragraph is what the paragraph is to say;
        // "12号还没完成啊，谁给标成完成了？改回推进中": before a question and a change asked, what the change is to put right.
        if (LeadingStatus(rest) is not var (status, after) || (m.U.HasAny(DraftRules.ParagraphVerbs) && m.U.HasAny(DraftRules.ParagraphWords))
            || (m.IsQuestion && StatusWords.HasSetter(m.U)))
        {
            return null;
        }
        // "第64条还在推进啊，就是那个低保对象的…": the account starts past the fillers.
        var textAt = m.SkipFillers(start + after);
        // "还没弄完哈 还在整改 剩下…": the status said again in other words, the account after both.
        if (m.Text.IndexOfAny(Breaks, textAt) is > 0 and var told && told - textAt is > 1 and <= 6 && StatusWords.Exactly(m.Text[textAt..told]) == status)
        {
            textAt = m.SkipFillers(told);
        }
        // "第58项整改已完成，具体情况为：经与…": the words that announce the account are no part of it.
        if (LeadInAt(m.Text, m.U.SkipSeparators(textAt)) is { } announced)
        {
            textAt = m.U.SkipSeparators(announced);
        }
        if (textAt < m.Text.Length && m.Text[textAt..].TrimEnd(ProseMarks).Split([.. ClauseBreaks, ' '])
                .Any(clause => CloseRequests.Any(clause.Contains) && !clause.StartsWith('已')))
        {
            // The close request moves the measure to done itself; "申请销号" is no account of work done, nor are the words
            // around it ("（133）已办结，申请close，证明材料见附件", "已整改到位，佐证材料已上传，麻烦审核销号"); "已申请销号"
            // reports one made.
            return WithRef(first, r => new RequestClose(r));
        }
        // "12号在弄了 推进中": the status said twice, in everyday and in the plan's words, is no account; nor is asking for
        // the change ("第33项还在推进中 帮我改一下", "12 其实还在推进中，麻烦改回推进中").
        return WithRef(first, r => textAt >= m.Text.Length || IsChangeRequest(m.Text[textAt..])
            ? new ChangeStatus(r, status)
            : (StatusWords.Exactly(m.Text[textAt..]) ?? StatusWords.Requested(m.Text[textAt..].TrimEnd(ProseMarks))) is { } again
                ? new ChangeStatus(r, again)
                : new ReportProgress(r, m.U.Original(textAt), status));
    }

    /// <summary>A reference anywhere: a status change phrase, a free-text update after an opening reference, or else the measure's details.</summary>
    public static Intent? MatchLoose(Message m)
    {
        if (m.FirstMeasure is not { } first)
        {
            return null;
        }
        // "第58条现在啥状态，完成了没" asks; a question is never a write.
        // "改成进行中吧 之前点错成已完成了": the status right after the verb, not one the rest of the message recalls.
        // "12号还没完成啊，谁给标成完成了？改回推进中": a question asked before the request does not make it one.
        if (StatusWords.SettersIn(m.U).Concat(StatusNouns.Where(m.U.Has)).FirstOrDefault(verb => !m.IsQuestion || AfterQuestion(m.Text, verb)) is { } verb
            && m.Text[(StatusWords.SetAt(m.Text, verb) + verb.Length)..] is var named
            && named.IndexOfAny(Breaks) is var stop && (stop > 0 ? named[..stop] : named) is var right
            // "改成正在推进哈，之前填成未启动了": the words right after the verb, in everyday words too.
            && (StatusWords.In(right) ?? StatusWords.Exactly(right) ?? StatusWords.In(named)
                ?? (m.U.HasAny(ChangeRequests) ? StatusWords.In(m.Text) : null)) is { } status)
        {
            // "第七十三项 状态改为长期坚持，进展如下：一是…": the status, and the account after it.
            var from = m.Text.Length - named.Length;
            // "这条补充下进展:11月17日召开专题推进会,印发整改通知2份 状态改推进中": the account before it, the change last
            // (not "误点成以完成了 都改回未启动", which says why).
            // "…，数据已核对无误，状态改为长期坚持": what the verb changes is no part of the account.
            var (said, verbAt) = (m.SkipOpeners(m.AfterFirstMeasure), from - verb.Length);
            verbAt = m.Text.AsSpan(0, verbAt).EndsWith("状态") ? verbAt - 2 : verbAt;
            // "…，帮我把状态改成已完成": nor is the asking.
            verbAt -= AskedToSet().Match(m.Text[..verbAt]) is { Success: true } asked ? asked.Length : 0;
            if (m.OpensWithMeasure && !m.IsQuestion && said < verbAt && named[right.Length..].TrimEnd(ProseMarks).Trim().Length == 0
                && m.Text[said..verbAt] is var before && before.Count(char.IsLetter) >= 12 && !ExplainsMistake(before) && ReportsWork(before))
            {
                return WithRef(first, r => new ReportProgress(r, m.U.Original(said, verbAt).TrimEnd(ProseMarks).Trim(), status));
            }
            // "（52）改为长期坚持。已建立每季度排查机制，…": a sentence of work done after the change is its account (not
            // "改成进行中吧 之前点错成已完成了" or "…上礼拜就弄完了忘了改状态了", which say why).
            var accountAt = AccountFollows().Match(named) is { Success: true } follows && named[(follows.Index + follows.Length)..].Count(char.IsLetter) >= 8
                ? from + follows.Index + follows.Length
                : m.OpensWithMeasure && !m.IsQuestion && stop > 0 && named[(stop + 1)..] is var after && after.Count(char.IsLetter) >= 12
                    && !ExplainsMistake(after) && ReportsWork(after.TrimStart(Breaks)) && StatusWords.Exactly(right) is not null
                    ? from + stop + 1
                    : -1;
            return WithRef(first, r => accountAt >= 0
                ? new ReportProgress(r, m.U.Original(m.U.SkipSeparators(accountAt)), status)
                : new ChangeStatus(r, status));
        }
        var start = m.AfterFirstMeasure;
        // "32的排查这季度又跑了3个乡镇": 的 joins the measure to the work done on it, unlike "51的情况".
        if (m.Text.AsSpan(start).StartsWith("的") && m.Text[(start + 1)..] is var done && done.Count(char.IsLetter) >= 8 && ReportsWork(done))
        {
            start = m.U.SkipSeparators(start + 1);
        }
        if (FormalLeadIn().Match(m.Text, start) is { Success: true } leadIn && leadIn.Index == start)
        {
            start = m.U.SkipSeparators(start + leadIn.Length);
        }
        // "那个第六十一项临时救助那个啊周六我们…": the measure's topic, spoken, before the account.
        if (SpokenTopic().Match(m.Text, start) is { Success: true } topic && topic.Index == start)
        {
            start = topic.Index + topic.Length;
        }
        // "刚才第64项报的内容不对 我贴错了 以这条为准：已对…": the account that replaces what was sent.
        if (Replaces().Match(m.Text, start) is { Success: true } fresh && m.U.SkipSeparators(fresh.Index + fresh.Length) is var replacing
            && m.Text[replacing..].Count(char.IsLetter) >= 8 && !m.IsQuestion)
        {
            return WithRef(first, r => new ReportProgress(r, m.U.Original(replacing), null));
        }
        var rest = m.Text[start..];
        // "第三十一项那个材料……算了我先问问科长再说", "那个九十六条嗯就是那个，我问一下那个": a thought put off, with nothing done in it.
        if (PutOff.Any(rest.Contains) && !rest.Contains('已'))
        {
            return Understood.For(m);
        }
        if (m.OpensWithMeasure && rest.Count(char.IsLetter) >= 4 && !m.IsQuestion && !AsksAbout(rest))
        {
            // "第140项 特困供养标准已按新文件调整，已办结": a last clause that is a status alone states it, as after 进展.
            var said = ClosingStatus(m, m.U.SkipSeparators(start));
            if (said is var (closing, end) && SaysStatusOnly(m.Text[start..end]))
            {
                return WithRef(first, r => new ChangeStatus(r, closing));
            }
            var (told, stated) = said is null && StatusBeforeNextSteps(m, m.U.SkipSeparators(start)) is var (now, before, resume)
                ? (Around(m, start, before, resume), (MeasureStatus?)now)
                : (m.U.Original(start, said?.End ?? m.Text.Length), said?.Status);
            return WithRef(first, r => new ReportProgress(r, told, stated) is var update && ReportsWork(rest)
                ? update
                : new Clarify($"把这段话记为第{r}项的进展吗？", [new ClarifyOption("记为进展", update)]));
        }
        // "…今天正式启动了，已经跟各街道对接，第77项": an account of work with the measure named last, an unusual order, so
        // it is confirmed before it is written, unless the last words say whose account it is ("…，这个是第88项的进展"; "…，是第8项"
        // and "…（第142项）" are read before any rule, as if the measure were named first: RuleIntentRecognizer.NamedLast).
        if (m.Measures is [var last] && m.Text[last.End..].TrimEnd(ProseMarks).Trim() is "" or "的进展" or "的进度" or "的整改进展"
            && m.Text.LastIndexOfAny(ClauseBreaks, Math.Max(0, last.Index - 1)) is var cut
            && cut > m.Greeted && m.Text[m.Greeted..cut] is var account && account.Count(char.IsLetter) >= 8 && !m.IsQuestion && ReportsWork(account))
        {
            var labelled = m.Text[(cut + 1)..last.Index].Trim() is "这个是" or "这是" or "以上是" or "以上为" or "上面是" && m.Text[last.End..].Trim().Length > 0;
            return WithRef(first, r => new ReportProgress(r, m.U.Original(m.Greeted, cut), null) is var update && labelled
                ? update
                : new Clarify($"把这段话记为第{r}项的进展吗？", [new ClarifyOption("记为进展", update)]));
        }
        return WithRef(first, r => new MeasureDetailQuery(r));
    }

    /// <summary>
    /// An account of work that names no measure, said while one is being talked about ("通知也已经发下去了" after 第12项):
    /// asked before it is recorded as that measure's progress, as an account with its measure named last is.
    /// </summary>
    public static Intent? MatchFocusedAccount(Message m)
    {
        var account = m.Text[m.Greeted..];
        if (m.Measures.Count > 0 || m.Ctx.Focus is not { } focus || m.IsQuestion || account.Count(char.IsLetter) < 6 || !ReportsWork(account))
        {
            return null;
        }
        var update = new ReportProgress(new MeasureRef([focus], FromConversation: true), m.U.Original(m.Greeted), null);
        return new Clarify($"把这段话记为第{focus}项的进展吗？", [new ClarifyOption("记为进展", update)]);
    }

    /// <summary>
    /// Words before a closing status that say a status themselves, once the sounds of dictation are gone: "一百二十七 就是
    /// 那一项啊 已经 弄完了 嗯 整改到位了" states the status twice and gives no account.
    /// </summary>
    private static bool SaysStatusOnly(string words) => StatusWords.Exactly(Spoken().Replace(words, "")) is not null;

    // The sounds and pointers of dictation, no words of an account: "就是 那一项啊 … 嗯".
    [GeneratedRegex(@"[\s,]|" + MeasureReferenceParser.Hesitations + "|啊|就是|那一项|这一项")]
    private static partial Regex Spoken();

    // Either order: "不是完成 是长期坚持", "是长期坚持不是推进中".
    [GeneratedRegex(@"(?:不是[^,;。\s]{1,8}[,;。\s]*(?:而)?(?:是|应该是|应为|改成|改为)(?<right>[^,;。\s]{1,8})|(?:应该)?是(?<right>[^,;。\s]{1,8}?)[,;。\s]*(?:而)?不是[^,;。\s]{1,8})[。!]?$", RegexOptions.CultureInvariant)]
    private static partial Regex PutRight();

    [GeneratedRegex(@"(?:进展|进度|整改进展|整改情况|具体情况|情况)(?:如下)?\s*:|如下\s*:")]
    private static partial Regex AccountFollows();

    [GeneratedRegex(@"(?:应该是|应为|其实是|实际是)(?<right>[^,;。\s]{2,8}?)(?=$|[,;。\s])")]
    private static partial Regex ShouldBe();

    [GeneratedRegex(@"以(?:这条|此条|这个|此|下面|以下|本条)(?:内容)?为准|再(?:说|报)一(?:遍|次)")]
    private static partial Regex Replaces();

    /// <summary>"关于第23项整改措施，现将进展报告如下：…": what a formal report says before its account.</summary>
    [GeneratedRegex(@"(?:(?:整改措施|整改任务|措施)[,;]?)?(?:现将|现就|现把)?[^:,;。]{0,10}(?:报告|汇报)如下:")]
    private static partial Regex FormalLeadIn();

    /// <summary>
    /// Whether free text after a measure number reads as work done ("已对…", "召开专题会议…"). Other text
    /// ("51 资金还没到位", or noise) may be a note, a complaint or a question, so it is confirmed before it is written.
    /// </summary>
    private static bool ReportsWork(string rest) =>
        (WorkOpenings.Any(w => rest.StartsWith(w, StringComparison.Ordinal)) || DoneMarkers.Any(rest.Contains) || DayDone().IsMatch(rest)) && !PutOff.Any(rest.Contains) && IsProse(rest);

    /// <summary>
    /// "63\t开展低保对象全面复核…\t社会救助科\t2023年11月30日\t已完成\t全县2146户…": a row copied from a ledger, its status
    /// and its progress in cells of their own (the progress last).
    /// </summary>
    private static Intent? LedgerRow(Message m, MeasureMention first)
    {
        var cells = m.U.Raw.Split('\t', StringSplitOptions.TrimEntries);
        if (cells.Length < 4 || cells[0].Length == 0 || !cells[0].All(char.IsAsciiDigit))
        {
            return null;
        }
        var status = cells.Skip(1).Select(StatusWords.Exactly).FirstOrDefault(s => s is not null);
        var progress = cells[^1];
        return StatusWords.Exactly(progress) is null && progress.Count(char.IsLetter) >= 4
            ? WithRef(first, r => new ReportProgress(r, progress, status))
            : status is { } only ? WithRef(first, r => new ChangeStatus(r, only)) : null;
    }

    /// <summary>
    /// Words around a status change that say why it is made ("之前点错成已完成了", "刚才手滑点成…", "忘了改状态了"), no account
    /// ("数据已核对无误" is one).
    /// </summary>
    private static bool ExplainsMistake(string words) =>
        (words.Contains("无误", StringComparison.Ordinal) ? words.Replace("无误", "", StringComparison.Ordinal) : words) is var said
        && (said.AsSpan().ContainsAny("错误忘") || MistakeWords.Any(w => said.Contains(w, StringComparison.Ordinal)));

    private static readonly string[] MistakeWords = ["手滑", "点成", "标成", "填成", "选成", "弄成", "状态"];

    /// <summary>"11月17日召开专题推进会…": the day it was done opens the account (not "12月31日前完成", a promise).</summary>
    [GeneratedRegex(@"^(?:\d{4}年)?\d{1,2}月\d{1,2}[日号](?![前底]|之前|以前|起|开始)\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex DayDone();

    /// <summary>Words that say something has been done, wherever they stand: "十月份大数据比对了一轮", "排查已经开始了".</summary>
    private static readonly string[] DoneMarkers = ["已经", "已", "了"];

    /// <summary>A thought put off ("那个材料……算了我先问问科长再说"): nothing to record yet.</summary>
    private static readonly string[] PutOff = ["再说", "算了", "等下", "等会", "回头再", "先问问", "我问一下", "我问问"];

    /// <summary>Mostly words, with only the punctuation people write: keeps symbol noise from becoming a record.</summary>
    private static bool IsProse(string text)
    {
        int words = 0, other = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                words++;
            }
            else if (c != ' ')
            {
                if (!ProsePunctuation.Contains(c))
                {
                    return false;
                }
                other++;
            }
        }
        return words >= 4 * other;
    }

    // "_" of a file's name (IMG_2023.jpg); amounts (￥12,800) and points (①…②…) of an account.
    private const string ProsePunctuation = ",.;:!?()、。“”‘’《》「」〔〕[]【】%-/…~～_￥¥①②③④⑤⑥⑦⑧⑨";

    private static readonly char[] ProseMarks = ProsePunctuation.ToCharArray();

    private static readonly string[] WorkOpenings =
    [
        "已", "正在", "目前", "现已", "均已", "全部", "本周", "今天", "召开", "开展", "组织", "制定", "印发", "建立", "完善", "清理",
        "整改", "排查", "走访", "核查", "约谈", "下发", "修订", "上报", "追回", "培训", "学习", "督促", "落实", "对", "完成了", "①",
        // "按照民发〔2023〕45号文件要求，11月上旬完成…": the instruction followed.
        "按照", "根据", "依据", "动员", "每月", "每周", "每季度",
        // "最后一个还剩3个乡镇没排查完，…": what is left is where the work stands.
        "还剩", "剩余", "剩下",
        "held", "finished", "completed", "cleaned", "met", "sent", "issued",
        // "佐证：入户核查表扫描件213页、…": the evidence gathered, listed, is an account for the ledger.
        "佐证:", "补充佐证:", "佐证材料:", "补充佐证材料:",
    ];

    /// <summary>
    /// "51进展情况", "51的情况", "51完成情况", "88条整改措施原文发我看看": words asking about the measure, or to see it, not
    /// reporting on it.
    /// </summary>
    private static bool AsksAbout(string rest) =>
        ProgressMarkers.Any(w => rest.StartsWith(w, StringComparison.Ordinal)) || rest.StartsWith('的') || rest.StartsWith("情况", StringComparison.Ordinal) || rest.StartsWith("完成情况", StringComparison.Ordinal) || rest.StartsWith("详情", StringComparison.Ordinal)
        || rest.Contains("原文", StringComparison.Ordinal) || AsksToSee(rest);

    private static bool AfterQuestion(string text, string verb) =>
        text.LastIndexOf('?') is var mark and >= 0 && text.IndexOf(verb, mark, StringComparison.Ordinal) > mark;

    internal static bool AsksToSee(string rest) =>
        rest.TrimEnd(ProseMarks) is var asked && (asked.EndsWith("看看", StringComparison.Ordinal) || asked.EndsWith("看一下", StringComparison.Ordinal) || asked.EndsWith("看下", StringComparison.Ordinal)
            || asked.StartsWith("详细", StringComparison.Ordinal) || asked.Contains("了解一下", StringComparison.Ordinal) || asked.Contains("想了解", StringComparison.Ordinal)
            // "第三个看下详细进展，他们说前天就弄完了…": asked first, what others say after it.
            || asked.StartsWith("看下", StringComparison.Ordinal) || asked.StartsWith("看一下", StringComparison.Ordinal) || asked.StartsWith("查下", StringComparison.Ordinal) || asked.StartsWith("查一下", StringComparison.Ordinal)
            || asked.Contains("具体内容", StringComparison.Ordinal)
            // "21—23条的牵头单位和完成时限发我一下".
            || asked.EndsWith("发我一下", StringComparison.Ordinal) || asked.EndsWith("发我下", StringComparison.Ordinal) || asked.EndsWith("发给我", StringComparison.Ordinal));

    /// <summary>A report's first sentence when it is a status alone ("该项工作已启动。"), and where its account begins.</summary>
    private static (MeasureStatus Status, int After)? OpeningStatus(Message m, int textStart)
    {
        var end = m.Text.IndexOfAny(['。', ';', '!'], textStart);
        return end > textStart && m.U.SkipSeparators(end + 1) is var after && after < m.Text.Length && StatusWords.Exactly(m.Text[textStart..end]) is { } status
            ? (status, after)
            : null;
    }

    /// <summary>
    /// A progress report's last clause when it is a status word alone ("…，正在征求意见，进行中"): the status, and where
    /// the clause starts, which ends the report's text. A status inside the account ("已完成摸底") is not one.
    /// </summary>
    private static (MeasureStatus Status, int End)? ClosingStatus(Message m, int textStart)
    {
        var text = m.Text.TrimEnd(ProseMarks);
        // Clauses end at punctuation; a space ends one only before Chinese ("…已全部上墙 整改完成"), as it also parts
        // English words ("survey finished").
        var cut = text.LastIndexOfAny(ClauseBreaks);
        if (cut > textStart && StatusOfClause(text[(cut + 1)..].Trim()) is { } status)
        {
            return (status, cut);
        }
        var space = text.LastIndexOf(' ');
        if (space > textStart && text[(space + 1)..] is var last && !last.Any(char.IsAsciiLetter) && StatusWords.Exactly(last) is { } spaced)
        {
            return (spaced, space);
        }
        // "…纪要下午补传目前还在推进中", "…已经发了限期整改通知这项可以标完成了": said on without a break, from 目前 or 现在,
        // or from the measure pointed to again.
        var now = SaidOn.Max(w => text.LastIndexOf(w, StringComparison.Ordinal));
        if (now > textStart && StatusOfClause(text[now..]) is { } current)
        {
            return (current, now);
        }
        // "…台账也建好了这个第二十二项算完成了": dictated, the measure named again with its status ends the account.
        return m.Measures is [var first, .., var again] && again.Index > textStart && again.Ref == first.Ref && again.End < text.Length
            && StatusWords.Exactly(text[again.End..]) is { } restated
            ? (restated, text.AsSpan(0, again.Index).EndsWith("这个") || text.AsSpan(0, again.Index).EndsWith("那个") ? again.Index - 2 : again.Index)
            : null;
    }

    private static readonly string[] SaidOn = ["目前", "现在", "这项", "这条", "该项", "此项", "这个"];

    // "帮我把…改成", "麻烦把…": asking for the change, before the status named or the setter.
    [GeneratedRegex(@"(?:麻烦|请)?(?:帮我|帮忙)?把$")]
    private static partial Regex AskedToSet();

    // "帮我把状态改成已完成": the status named, before the setter StatusWords.Requested reads.
    [GeneratedRegex(@"^(?:麻烦|请)?(?:帮我|帮忙)?把?状态")]
    private static partial Regex StateOf();

    /// <summary>
    /// A clause that is a status alone, says what the work is ("这个是长期坚持的", "是已完成的"), or asks for it to be set
    /// ("帮我把状态改成已完成").
    /// </summary>
    private static MeasureStatus? StatusOfClause(string clause)
    {
        if (StatusWords.Exactly(clause) is { } status)
        {
            return status;
        }
        if (StatusWords.Requested(StateOf().Replace(clause, "")) is { } wanted)
        {
            return wanted;
        }
        var said = clause.AsSpan();
        foreach (var pointer in SaidOn.AsSpan(2))
        {
            if (said.StartsWith(pointer, StringComparison.Ordinal))
            {
                said = said[pointer.Length..];
                break;
            }
        }
        return said is ['是', _, _, .., '的'] ? StatusWords.Exactly(said[1..^1].ToString()) : null;
    }

    /// <summary>
    /// "…每个乡镇都建了台账 目前还在推进中 下一步我们准备…": a clause of the status alone, said now (目前, 现在) just before
    /// the next steps: the status, where its clause starts and where the account goes on after it.
    /// </summary>
    private static (MeasureStatus Status, int Cut, int Resume)? StatusBeforeNextSteps(Message m, int textStart)
    {
        foreach (var next in NextSteps)
        {
            var at = m.Text.IndexOf(next, textStart, StringComparison.Ordinal);
            if (at > textStart + 1 && Message.ClauseEnds.Contains(m.Text[at - 1]) && m.Text.LastIndexOfAny(Message.ClauseEnds, at - 2) is var cut && cut > textStart
                && (m.Text.AsSpan(cut + 1).StartsWith("目前") || m.Text.AsSpan(cut + 1).StartsWith("现在")) && StatusWords.Exactly(m.Text[(cut + 1)..(at - 1)]) is { } status)
            {
                return (status, cut, at);
            }
        }
        return null;
    }

    private static readonly string[] NextSteps = ["下一步", "下步", "接下来", "后续"];

    /// <summary>The account from <paramref name="from"/> without the clause between <paramref name="cut"/> and <paramref name="resume"/>, parted as the message parts its clauses.</summary>
    private static string Around(Message m, int from, int cut, int resume) =>
        m.U.Original(from, cut) + (m.Text[cut] == ' ' ? " " : "，") + m.U.Original(resume);

    private static Intent WithRef(MeasureMention mention, Func<MeasureRef, Intent> make) =>
        mention.Ref is { } r ? make(r) : Understood.UnresolvedMeasure;

    /// <summary>The status word that opens <paramref name="rest"/> and stands alone, and where the text after it starts.</summary>
    private static (MeasureStatus Status, int After)? LeadingStatus(string rest)
    {
        if ((StatusWords.Exactly(rest) ?? (StatusWords.PartDone(rest) ? MeasureStatus.InProgress : null)) is { } whole)
        {
            return (whole, rest.Length);
        }
        // "第41、42项（已完成）↵1.…", pasted from a summary: the status in brackets, the account after.
        if (Bracketed(rest, 0) is { } bracketed)
        {
            return bracketed;
        }
        var end = rest.IndexOfAny(Breaks);
        var token = end < 0 ? rest : rest[..end];
        if (StatusWords.Exactly(token) is { } status)
        {
            return (status, token.Length);
        }
        // "完成已对5个…": a status word, then a new clause that starts with 已.
        var clause = token.Length > 1 ? token.IndexOf('已', 1) : -1;
        if (clause > 0 && StatusWords.Exactly(token[..clause]) is { } before)
        {
            return (before, clause);
        }
        // "已经完成了我们把档案重新整理了一遍", "已完成我们已经把…公示了", dictated: a status closed by 了 or opened by 已,
        // then a clause with its own subject ("完成我局自查" is not: there 完成 is what was done).
        var subject = token.Length > 1 ? token.IndexOf('我', 1) : -1;
        if (subject > 1 && (token[subject - 1] == '了' || token[0] == '已') && StatusWords.Exactly(token[..subject]) is { } closed)
        {
            return (closed, subject);
        }
        // "已经整改到位了临时救助审批流程…", dictated: a status that takes no object (到位, 完毕, 办结) closed by 了, then the account.
        var closedBy = token.IndexOf('了');
        if (closedBy > 1 && closedBy + 1 < token.Length && token[..closedBy] is var done && (done.EndsWith("到位") || done.EndsWith("完毕") || done.EndsWith("办结"))
            && StatusWords.Exactly(token[..(closedBy + 1)]) is { } finished)
        {
            return (finished, closedBy + 1);
        }
        // "长期坚持每月开展一次公墓巡查…", "这个是长期坚持的每个月都对…", dictated: the plan's word for a standing measure,
        // then the account.
        if (Standing().Match(token) is { Success: true } standing && standing.Length < token.Length)
        {
            return (MeasureStatus.Ongoing, standing.Length);
        }
        // "都已经完成了十一月三十号召开了…", dictated: a status closed by 了, then the day the account starts with.
        if (DoneThen().Match(token) is { Success: true } then && StatusWords.Exactly(then.Groups["status"].Value) is { } dated)
        {
            return (dated, then.Groups["status"].Length);
        }
        // "推进中我们这周对…复核了一遍", dictated: a status closed by 中, then a clause that says who or when; or closed by 中了
        // ("现在推进中了新接手以后…").
        return StillGoing().Match(token) is { Success: true } going && StatusWords.Exactly(going.Groups["status"].Value) is { } still
            ? (still, going.Length)
            : null;
    }

    [GeneratedRegex(@"\G[“""「][^”""」]{2,40}[”""」]的?")]
    private static partial Regex QuotedTitle();

    /// <summary>"（已完成）", "(持续整改)：": a status alone in brackets at <paramref name="at"/>, and where the words after it start.</summary>
    private static (MeasureStatus Status, int After)? Bracketed(string text, int at) =>
        at < text.Length && text.AsSpan(at).TrimStart().StartsWith("(") && BracketedStatus().Match(text, at) is { Success: true } b
        && StatusWords.Exactly(b.Groups["status"].Value) is { } status ? (status, b.Index + b.Length) : null;

    [GeneratedRegex(@"\G\s*[(（](?<status>[^()（）]{2,8})[)）][:：\s]*")]
    private static partial Regex BracketedStatus();

    [GeneratedRegex(@"^(?<status>\p{IsCJKUnifiedIdeographs}{1,8}?了)(?=(?:\d{1,2}|[一二三四五六七八九十]{1,3})[月号日]|昨天|前天|今天|上周|本周|这周)")]
    private static partial Regex DoneThen();

    [GeneratedRegex(@"^(?:(?:这个|这项|这条|该项)?是)?长期坚持的?")]
    private static partial Regex Standing();

    [GeneratedRegex(@"^(?<status>\p{IsCJKUnifiedIdeographs}{1,4}中)(?:了|(?=我|已|目前|现在|这周|本周|上周|今天|昨天))")]
    private static partial Regex StillGoing();
}
