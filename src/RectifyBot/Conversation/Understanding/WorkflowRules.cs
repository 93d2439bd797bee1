using System.Buffers;
using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// Writes named by a keyword: bulk changes, the end of the concentrated stage, handovers (交接), extensions (延期),
/// signatures (签字), close requests and reviews (销号), claims (认领) and their approval.
/// </summary>
internal static partial class WorkflowRules
{
    // "理由就写台帐数据对不上": what the reason is to say, first, before 理由 alone would take 就写 into it.
    // "退回51的理由写错了，改成：…": the reason put right.
    private static readonly string[] ReasonMarkers = ["改成:", "改为:", "理由就写", "理由写", "原因就写", "原因写", "理由就是说", "原因就是说", "理由就是", "原因就是", "原因是", "原因还是", "原因:", "原因为", "原因", "理由是", "理由:", "理由", "因为", "由于", "because", "reason:", "reason"];

    public static Intent? Match(Message m) => MayAsk(m) ?? Later(m) ?? Bulk(m) ?? StageEnd(m) ?? TransferDecision(m) ?? Handover(m) ?? Extension(m) ?? ClaimDecision(m) ?? Sign(m) ?? Close(m) ?? Claim(m);

    /// <summary>
    /// "现在申请延期还来得及吗 第三十一项", "这个够条件销号了吗", "第二个那条能不能先把销号材料报上去还是得等局里开完会":
    /// whether a request may be made yet, which the measure's state answers; no request.
    /// </summary>
    private static Intent? MayAsk(Message m) =>
        m.FirstMeasure is not null && m.U.HasAny("来得及", "条件", "还是") && WhetherMay().IsMatch(m.U.Text) ? m.WithMeasures(r => new MeasureDetailQuery(r), "") : null;

    [GeneratedRegex(@"来得及吗|来不来得及|够条件了?吗|够不够条件|符合[^,，。]{0,4}条件了?吗|能不能[^,，。]{1,16}还是(?:得|要)", RegexOptions.CultureInvariant)]
    private static partial Regex WhetherMay();

    /// <summary>
    /// "这条准备下周再申请销号", "要是下周还完不成我就申请延期", "…等摸排完了再来报进展": a request or report the sender will make
    /// later, or would, asks nothing yet.
    /// </summary>
    private static Intent? Later(Message m) => m.U.Text.AsSpan().IndexOfAny('再', '就') >= 0 && !m.IsQuestion && WouldAsk().IsMatch(m.U.Text) ? Understood.For(m) : null;

    [GeneratedRegex(@"(?:下周|下礼拜|明天|过几天|回头|以后|到时候?|等[^,，。]{1,12}?)再(?:申请|提交|报|提)|再来报(?:进展|进度)|(?:要是|如果|假如|万一)[^。!?]{1,30}?就(?:申请|提交|报)", RegexOptions.CultureInvariant)]
    private static partial Regex WouldAsk();

    /// <summary>
    /// 同意30转交 / 不同意第30项转给规划财务科，还是你们牵头: the office deciding a unit's request, named by its measure
    /// (a handover names people, and comes after).
    /// </summary>
    private static Intent? TransferDecision(Message m)
    {
        if (!(m.U.HasAny("转交", "移交", "转给", "同意转", "转过去") || m.U.HasAny(TransferRefused) || NumberTurnsTo().IsMatch(m.Text)) || m.FirstMeasure is null || m.IsQuestion)
        {
            return null;
        }
        // "…就别转来转去了就由殡葬服务中心牵头": who leads it now, said last, gives it to them (Claim).
        if (m.U.HasAny(TransferRefused) && LeadSaidLast().IsMatch(m.U.Bare))
        {
            return null;
        }
        // "第120项的转交申请按程序退回，…": a 转交 sent back is refused.
        if (m.U.HasAny(Refusals) || m.U.HasAny(TransferRefused) || (m.U.Has("转交申请") && m.U.Has("退回")))
        {
            // The reason read here, so that the lambda captures it and not m (which would cost every message an allocation).
            var reason = Reason(m);
            return m.WithMeasures(r => new RefuseTransfer(r, reason), "不同意哪一项转交？请回复措施编号。");
        }
        return Approves(m) ? m.WithMeasures(r => new ApproveTransfer(r), "同意哪一项转交？请回复措施编号。") : null;
    }

    /// <summary>The office saying no to a claim or a 转交: "不批", "前两个都不行，…".</summary>
    private static readonly string[] Refusals = ["不同意", "不批准", "不批", "拒绝", "驳回", "不予", "不行", "不可以"];

    /// <summary>The office saying yes to a claim or a 转交: "同意", "最后那个批了", "…都给过了".</summary>
    private static bool Approves(Message m) => m.U.HasAny("同意", "批准", "准予", "批了", "approve") || Passed().IsMatch(m.U.Bare);

    /// <summary>"140不能转 本来就是你们科职责": the office keeping a measure where it is.</summary>
    private static readonly string[] TransferRefused = ["不能转", "不给转", "不让转", "不予转", "不准转", "别转"];

    [GeneratedRegex(@"由\p{IsCJKUnifiedIdeographs}{2,12}?(?:牵头|负责)(?:吧|了)?$", RegexOptions.CultureInvariant)]
    private static partial Regex LeadSaidLast();

    /// <summary>
    /// 同意54认领 / 不同意第54项的共同认领 / 73救助科协助的申请同意: before 销号's rules, which would read 不同意 as a return.
    /// From who reviews, a unit helping named with the decision is one too: "同意社会事务科协助103项", "救助科配合104那条，同意".
    /// </summary>
    private static Intent? ClaimDecision(Message m)
    {
        var helping = m.U.HasAny("协助的申请", "配合的申请", "协助申请", "配合申请")
            || (m.U.HasAny("协助", "配合", "协办") && m.Unit is UnitFound && m.Ctx.Sender.Role is not SenderRole.UnitStaff);
        if (!(m.U.Has("认领") || (helping && !m.U.HasAny("销号", "转交", "延期"))) || m.IsQuestion)
        {
            return null;
        }
        if (m.U.HasAny(Refusals))
        {
            return m.WithMeasures(r => new RefuseClaim(r), "不同意哪一项的认领？例如“不同意54认领”。");
        }
        return Approves(m)
            ? m.WithMeasures(r => new ApproveClaim(r), "同意哪一项的认领？例如“同意54认领”。")
            : null;
    }

    /// <summary>"67转殡服中心 同意": a measure's number, then 转 and where it goes.</summary>
    [GeneratedRegex(@"(?:\d|项|号|条)转(?![正发达告载账帐])\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex NumberTurnsTo();

    private static Intent? StageEnd(Message m) =>
        m.U.Has("集中整改") && m.U.HasAny("结束", "收官", "告一段落") && !m.IsQuestion && m.Measures.Count == 0 ? new CloseConcentratedStage() : null;

    // 把李娜负责的措施交接给赵敏 / 李娜的工作移交给赵敏 / 李娜名下的措施转交赵敏 / …交接给赵敏 她下周开始休产假 (why, after) /
    // 刘芳调去殡葬服务中心了，把刘芳负责的措施都交接给张磊 (why, before; never "她负责的…", whose name the rule below finds)
    [GeneratedRegex(@"^(?:[^,;。我]{1,20}[,;。\s])?(?:请)?(?:把|将)?(?:本人)?(?![我咱他她把将])(?<from>\p{IsCJKUnifiedIdeographs}{2,4}?)(?:同志)?(?:负责|名下|承担|手上|的)\S*?(?:交接|移交|转交|交给|转给)(?:给|予)?(?<to>\p{IsCJKUnifiedIdeographs}{2,4}?)(?:同志|负责)?(?:[\s,;。].*)?$")]
    private static partial Regex HandoverPattern();

    // 我…手上这几条整改都交给张敏跟进 / 我名下的措施移交给刘晓东 / 我这边…整改办的活都交接给周婷 / …交接给赵敏 下周我就调走了 /
    // …都先交给刘晓燕她来跟 (dictated, the next clause unbroken)
    [GeneratedRegex(@"^(?:[^,;。]{1,16}[,;。\s])?我.*?(?:措施|整改|工作|活|任务|事项).*?(?:交接|移交|转交|交给|转给)(?:给|予)?(?:我们科|本科室?|我们单位)?(?<to>\p{IsCJKUnifiedIdeographs}{2,3}?)(?:同志)?(?:跟进|负责|接手|处理|办理|盯着|盯一下)?(?:了|哈|吧|啊|呀)?(?:(?:[\s,;。]|(?=[她他])).*)?$")]
    private static partial Regex OwnHandover();

    // 赵敏调去别的单位了，她手上的措施交接给新来的王强 / 王强下个月借调到县里，把他名下的措施全部交接给刘洋 / 赵敏休产假了 她负责的措施都转给孙丽 /
    // 王强同志借调县委巡察办三个月，期间他名下的整改措施由赵磊接手
    [GeneratedRegex(@"^(?<from>\p{IsCJKUnifiedIdeographs}{2,3}?)(?:同志)?(?:下个?月|下周|明天|月底|年底|近期|马上|要|将)?起?(?:调|退休|离职|借调|轮岗|换岗|休)[^，,。]*[，,。\s]+(?:期间|这段时间)?(?:把|将)?[她他](?:手上|名下|负责|的)\S*?(?:(?:交接|移交|转交|交给|转给)(?:给|予)?(?:新同事|\p{IsCJKUnifiedIdeographs}{1,4}?的)?(?<to>\p{IsCJKUnifiedIdeographs}{2,3}?)(?:同志)?(?:负责|跟进|接手)?|由(?<to>\p{IsCJKUnifiedIdeographs}{2,3}?)(?:同志)?(?:接手|接管|负责|跟进|代管))(?:了|吧)?$")]
    private static partial Regex ThirdPersonHandover();

    [GeneratedRegex(@"^(?<from>\p{IsCJKUnifiedIdeographs}{2,3}?)(?:这周|下周|近期|最近)?(?:休|请|出差|调|借调|住院)[^，,。]*[，,。\s]+[她他](?:手上|名下|负责|的)\S*?(?:交接|移交|转交|交)(?:到|给)我(?:这边|这里|这儿)?(?:来)?(?:[，,。\s].*)?$")]
    private static partial Regex ToMeHandover();

    /// <summary>What one hands to a colleague that is not one's work: "我把整改材料交给张敏了".</summary>
    private static readonly string[] HandedThings = ["材料", "资料", "报告", "台账", "佐证", "文件", "表格", "照片"];

    private const string WhoToWhom = "请写明由谁交接给谁，例如“把李娜负责的措施交接给赵敏”。";

    private static Intent? Handover(Message m)
    {
        if (!m.U.HasAny("交接", "移交", "转交", "交给", "转给", "接手", "接管"))
        {
            return null;
        }
        var match = HandoverPattern().Match(m.U.Bare);
        if (match.Success)
        {
            return new HandOver(match.Groups["from"].Value, match.Groups["to"].Value);
        }
        // "赵敏调去别的单位了，她手上的措施交接给新来的王强": someone named first, her work after.
        if (ThirdPersonHandover().Match(m.U.Bare) is { Success: true } named)
        {
            return new HandOver(named.Groups["from"].Value, named.Groups["to"].Value);
        }
        // "张敏休假一周，她名下的整改事项先都交接到我这边": someone's work to the sender.
        if (m.Measures.Count == 0 && !m.IsQuestion && ToMeHandover().Match(m.U.Bare) is { Success: true } toMe && m.Ctx.Sender.Name is { Length: > 0 } taker)
        {
            return new HandOver(toMe.Groups["from"].Value, taker);
        }
        // "我下周调走了，手上这几条整改都交给张敏跟进": the sender's own work (whoever may hand it over decides); "陈主任你好我这边下周
        // 一开始就休产假了…": after whom it is said to.
        if (m.Measures.Count == 0 && !m.IsQuestion && !m.U.HasAny(HandedThings) && OwnHandover().Match(m.Greeted > 0 ? m.U.Bare[Math.Min(m.Greeted, m.U.Bare.Length)..] : m.U.Bare) is { Success: true } own)
        {
            return m.Ctx.Sender.Name is { Length: > 0 } me
                ? new HandOver(me, own.Groups["to"].Value)
                : Understood.Ask(WhoToWhom);
        }
        // 移交 and 转交 also describe work ("线索已移交纪委"); only 交接 alone names a handover, unless the message asks
        // something else ("低保中心撤并了，他们名下还有没有逾期的？别交接完就没人管了", "…都列一下，我好交接给晓燕").
        return m.U.Has("交接") && m.Measures.Count == 0 && QueryRules.Match(m) is null ? Understood.Ask(WhoToWhom) : null;
    }

    // "…没什么问题都签了吧": the leader's last words.
    [GeneratedRegex(@"(?:都|就|直接)签(?:了)?吧$", RegexOptions.CultureInvariant)]
    private static partial Regex SignAll();

    [GeneratedRegex(@"把.{0,12}?销号(?:材料|申请|申请表|表)?(?:给)?签(?:了|一下|掉)", RegexOptions.CultureInvariant)]
    private static partial Regex SignIt();

    private static Intent? Sign(Message m)
    {
        // "前两个都签 第三个我再看看": the leader signs what is named first, whatever is put off after it.
        if (m.Ctx.Sender.Role == SenderRole.Leader && m.FirstMeasure is { Ref: { } these } first && SignsThese().Match(m.Text, first.End) is { Success: true } signs
            && signs.Index == first.End && !m.IsQuestion)
        {
            return new SignClose(these);
        }
        // "63 签了": the measure and the word alone; "合同签了" in an update names something else signed, and so does 签字 in unit
        // staff's account ("…台账都补齐了签字也都签了完成了").
        var sign = (m.U.HasAny("签字", "签批", "我签了", "我都签了", "我已经签了", "已签", "签好了", "sign了", "signed") && (m.Ctx.Sender.Role == SenderRole.Leader || m.U.Bare.Length <= 16))
            || (m.U.Has("确认") && m.U.Has("销号"))
            || (m.FirstMeasure is { Index: 0 } && m.Text[m.AfterFirstMeasure..] is var said && (said is "签" || said.StartsWith("签了", StringComparison.Ordinal)
                && (said.Length == 2 || ",;。 ".Contains(said[2]))))
            // "已阅 同意 签了", "这两个我都看过了 签吧": a leader's last words, and "签第2个" the leader's first; from unit staff
            // "合同签了" is an update.
            // "帮我把第88项的销号签了": asked of whoever signs, and refused to any other (Permissions).
            || SignIt().IsMatch(m.U.Bare)
            || (m.Ctx.Sender.Role == SenderRole.Leader && (m.U.Bare.EndsWith("签了", StringComparison.Ordinal) || m.U.Bare.EndsWith(" 签", StringComparison.Ordinal) || m.U.Bare.EndsWith(",签", StringComparison.Ordinal) || SignAll().IsMatch(m.U.Bare) || m.U.Bare.EndsWith(" 签吧", StringComparison.Ordinal) || m.U.Bare.EndsWith(",签吧", StringComparison.Ordinal) || m.U.Bare.EndsWith("可以签", StringComparison.Ordinal) || (m.Text.StartsWith('签') && m.FirstMeasure is { Index: 1 })));
        // "…同意销号，麻烦您有空时签批一下", "…没问题报巨局签字吧": asking the leader to sign is no signature.
        // "…打回去 会议记录没有签字": a return whose reason names a signature.
        return sign && !m.U.HasAny(SendBackWords) && !m.U.HasAny("您", "麻烦") && !AsksToSign().IsMatch(m.Text) && !m.IsQuestion
            ? m.WithMeasures(r => new SignClose(r), "签字哪一项？例如“签字51”。")
            : null;
    }

    // "原定11月15日召开的培训会因场地冲突延期到11月18日，现已召开", "羽毛球活动延期到周四了", "之前延期的那批补登也全部办完了":
    // a delay told of; "本来想申请延期的，后来…还是直接申请销号吧", "本来打算申请延期的，这周…赶出来了": an extension thought of and given up.
    [GeneratedRegex(@"(?:原定|原计划|原本计划)[^。;]{0,30}?(?:延期|推迟|延到|延至)|(?:(?:本来|原本|原来)(?:想|打算|准备)|本想)[^,;。]{0,8}?(?:延期|延到)[^,;。]{0,6},|延期到[^,;。\s]{1,8}了(?![吗没])|(?:之前|已经|上次)延期的")]
    private static partial Regex ToldOrGivenUp();

    [GeneratedRegex(@"(?:能不能|可不可以|能否|可否)(?:再)?(?:延|推迟|往后)")]
    private static partial Regex PoliteAsk();

    /// <summary>"报巨局签字", "请领导签批", "送局长签": the signature asked of someone else.</summary>
    // Not "推给我签字的这两个" from the leader: what was sent to the one who signs.
    [GeneratedRegex(@"(?:报|请|送|交|给(?!我)|呈)[^,。;\s]{0,4}签(?:字|批|一下|下)")]
    private static partial Regex AsksToSign();

    private static Intent? Bulk(Message m)
    {
        var everything = m.U.HasAny("所有", "全部", "全体", "一律", "所有的", "都改成", "都改为", "都标记", "都设为", "all measures", "everything", "all ");
        return everything && (StatusWords.HasSetter(m.U) || m.U.HasAny("标记", "都完成", "都已完成", "全部完成")) && m.Measures.Count == 0 && !m.IsQuestion && StatusWords.In(m.Text) is { } status
            ? new BulkStatusChange(status)
            : null;
    }

    private static Intent? Extension(Message m)
    {
        // "第一个不能延 …" refuses it, "能不能延到月底" asks for it.
        var cannot = CannotExtend().IsMatch(m.Text);
        if (!(m.U.HasAny(ExtensionWords) || cannot) || ToldOrGivenUp().IsMatch(m.Text))
        {
            return null;
        }
        // "130条不能延期，年底前必须完成": the word before 延期 refuses it; "51不能按时完成，申请延期" asks for it.
        // "第118项退回要补的东西得挨个去乡镇收 时间不够 申请延期到月底": from a unit, a return told of is why it asks.
        if (!(m.Ctx.Sender.Role == SenderRole.UnitStaff && m.U.Has("申请")) && (m.U.HasAny("不同意", "不批准", "不批", "驳回", "拒绝", "不予", "退回", "不准延期", "不许延期", "不得延期", "不可延期", "不可以延期", "不准再延", "不要延期", "别延期", "refuse", "reject", "deny")
            || cannot))
        {
            return m.WithMeasures(r => new RefuseExtension(r, Reason(m)), "不同意哪一项的延期？请回复措施编号。");
        }
        // "98号延期 可以": from those who decide, a yes without a new date is the decision.
        var decides = m.Ctx.Sender.Role is SenderRole.Office or SenderRole.Leader && !m.IsQuestion && m.Dates.Count == 0;
        // "第94项延期申请审核通过了吗？" asks whether it was approved.
        if (!m.IsQuestion && (m.U.HasAny("同意", "批准", "准予", "通过", "approve", "批了") || (decides && (m.U.HasAny("可以", "没问题", "准了") || Passed().IsMatch(m.U.Bare)))))
        {
            return m.WithMeasures(r => new ApproveExtension(r), "同意哪一项的延期？请回复措施编号。");
        }
        // "19条能不能延到月底？…" asks for the extension politely; "第5条延期了吗" asks whether it was.
        if (m.IsQuestion && !PoliteAsk().IsMatch(m.Text))
        {
            return null;
        }
        return m.WithMeasures(
            r => ExtendedTo(m) is { } date
                ? new RequestExtension(r, date.Date, ExtensionReason(m, date))
                : Understood.Ask("延期到哪一天？例如“第49项申请延期到2025年12月底，原因是资金未到位”。"),
            "哪一项要延期？例如“第49项申请延期到2025年12月底，原因是资金未到位”。");
    }

    /// <summary>
    /// A close decision, asked about first when the message goes on to decide other measures ("第23、41项同意销号，第56项…
    /// 先退回"): one message is one decision, and the others must not be dropped unseen.
    /// </summary>
    private static Intent? Close(Message m)
    {
        var decided = CloseDecision(m);
        if (decided is not (ApproveClose or ReturnClose or SignClose) || m.Measures is not [_, { Ref: { } next } other, ..]
            || !DecisionWords.Any(w => m.Text.AsSpan(other.Index).Contains(w, StringComparison.Ordinal)))
        {
            return decided;
        }
        var others = $"第{string.Join("、", next.Numbers)}项";
        return new Clarify($"这条消息对{others}另有决定，一次只能办理一项。先办理前面的吗？{others}请另发一条。", [new ClarifyOption("先办理前面的", decided)]);
    }

    // "…直接帮我销号吧 审核那步就不用走了": closed without the review, which is the reviewer's decision (Permissions decides who may).
    [GeneratedRegex(@"审(?:核|批)?(?:那步|这步|环节|流程)?(?:就)?(?:不用|不必|免了|省了)|(?:不用|不必|跳过|免)(?:走)?审(?:核|批)", RegexOptions.CultureInvariant)]
    private static partial Regex SkipsReview();

    [GeneratedRegex(@"(?<!能)不能(?:再)?延", RegexOptions.CultureInvariant)]
    private static partial Regex CannotExtend();

    // "…没问题 直接给批了吧": granted, whoever says it (Permissions decides who may).
    [GeneratedRegex(@"(?:给|直接|帮忙)批(?:了|一下|掉)?吧?$|批了吧$", RegexOptions.CultureInvariant)]
    private static partial Regex GrantIt();

    [GeneratedRegex(@"(?:想|要|准备)(?:申请|提交)销号[,\s]*(?:可以吗|行吗|好吗|可以不|行不行|可不可以)$", RegexOptions.CultureInvariant)]
    private static partial Regex AskedLeave();

    internal static readonly string[] SendBackWords = ["退回", "驳回", "打回", "不同意", "不予销号", "不批", "return", "reject"];

    // Declared after the words it holds: static fields are set in the order they are written.
    private static readonly string[] DecisionWords = [.. SendBackWords, "同意", "批准", "准予", "通过", "销号", "签批", "签字"];

    private static Intent? CloseDecision(Message m)
    {
        // "137审核通过" names the close review even without 销号 (the handler says who may review); from the office,
        // which reviews close requests, "材料看过了 可以销号" is its approval too.
        var reviews = m.Ctx.Sender.Role == SenderRole.Office && m.Measures.Count > 0;
        // "34和40都通过吧" from the office, over a list of what waits for it, is its review.
        var close = m.U.HasAny("销号", "关闭", "结项", "close", "申请办结") || (m.Measures.Count > 0 && (m.U.HasAny("审核通过", "审批通过") || CloseIt().IsMatch(m.Text)))
            || (reviews && !m.U.HasAny(ExtensionWords) && (m.U.HasAny("都通过", "也通过", "通过吧", "予以通过") || Passed().IsMatch(m.U.Bare) || PassedLast().IsMatch(m.U.Bare)));
        // "第23、41项同意销号\n第56项…先退回": the decision is the first measures' (what is said before the next ones).
        var first = m.Measures.Count > 1 ? m.Text[..m.Measures[1].Index] : m.Text;
        // "47那条之前退回的入户核查记录我已经补传了，…重新申请销号": a return told of, and the close asked for again; "回头看没过
        // 麻烦把状态退回整改中": the status set back.
        var sendBack = SendBackWords.Any(w => first.Contains(w, StringComparison.Ordinal)) && !m.U.HasAny("重新提交销号", "重新申请", "状态退回");
        if (!close && !(sendBack && m.Measures.Count > 0))
        {
            return null;
        }
        // "请列出我科已经销号的措施": a list of closed measures, not a request.
        if (m.Measures.Count == 0 && m.U.HasAny("销号的", "列出", "列一下", "哪些", "清单"))
        {
            return null;
        }
        // "13为啥被退回了": asking why the office sent it back, not sending it back; "退回的第四十一项 会议纪要补传了", "第41项怎么
        // 又给退回来了", "这条退回意见原话是啥", "第103项退回以后补了些什么": a return told of.
        // "要退回的是27和35": which ones it sends back.
        if (sendBack && (m.U.HasAny("被退回", "被驳回", "被打回", "退回来", "退回意见", "退回以后", "退回后", "退回说")
                         || (m.U.Has("退回的") && !m.U.HasAny("要退回的", "应退回的", "该退回的")) || (m.IsQuestion && Reason(m) is null)))
        {
            return null;
        }
        if (sendBack)
        {
            return m.WithMeasures(
                r => Reason(m) is { } reason
                    ? new ReturnClose(r, reason)
                    : Understood.Ask("退回的原因是什么？例如“退回51，佐证材料不全”。"),
                "退回哪一项？例如“退回51，佐证材料不全”。");
        }
        // "51申请销号了吗", "13销号了没": a question about the measure, never a write; "这个可以销号了吧？帮我申请一下" asks for it,
        // and so does "…我们想申请销号，可以吗".
        if (m.IsQuestion && !m.U.HasAny("帮我申请", "帮忙申请", "申请一下", "帮我提交", "帮忙提交") && !AskedLeave().IsMatch(m.U.Bare))
        {
            return null;
        }
        if (m.U.HasAny("同意", "批准", "准予", "审核通过", "通过", "approve") || GrantIt().IsMatch(m.U.Bare) || SkipsReview().IsMatch(m.U.Text) || (reviews && (m.U.HasAny("可以销号", "予以销号", "能销号") || Passed().IsMatch(m.U.Bare))))
        {
            // A leader's yes to a close is the signature the office's approval waits for; the office reviews.
            return m.WithMeasures(r => m.Ctx.Sender.Role == SenderRole.Leader ? new SignClose(r) : new ApproveClose(r), "同意哪一项销号？请回复措施编号。");
        }
        return m.WithMeasures(r => new RequestClose(r), "哪一项申请销号？例如“第51项申请销号”。");
    }

    private static Intent? Claim(Message m)
    {
        // "动员爱心企业认领困难儿童微心愿，…已认领142个": others take up something in an account; no measure is claimed.
        if (m.U.Has("认领") && m.U.Text.AsSpan().Count("认领") == OthersTake().Count(m.U.Text))
        {
            return null;
        }
        if (!m.U.HasAny("认领", "承担", "牵头", "归我们", "算我们", "我们来", "我们接", "接手", "我们认", "我们领", "我科领", "我科认", "作为配合单位", "作为协助单位", "claim", "take")
            && !TakesOn().IsMatch(m.Text) && !(AssignsTo().IsMatch(m.Text) && m.Unit is UnitFound) && !(m.Measures.Count > 0 && JoinsIn().IsMatch(m.U.Bare)))
        {
            return null;
        }
        // "这周主要把认领和转交的事理清楚": the office and the leaders claim nothing for themselves; they name what they assign.
        if (m.Measures.Count == 0 && m.Ctx.Sender.Role is not SenderRole.UnitStaff)
        {
            return null;
        }
        // "我科负责的所有整改措施" asks for the unit's list, "负责几项" how many, "31-33三条的牵头和配合情况发我看下" to see who
        // holds them; a claim names what it takes ("这几项由我们科来负责").
        if (m.IsQuestion || QueryRules.AsksUnclaimed(m) || HowMany().IsMatch(m.Text) || (m.Measures.Count == 0 && m.U.HasAny(QueryRules.Held))
            || MeasureLedRules.AsksToSee(m.Text))
        {
            return null;
        }
        // "第30项不归我们科管" gives a measure up: a claim only for the other unit it names, and without one, the question to whom.
        if (Message.NotOurs().IsMatch(m.Text) && m.Unit is not UnitFound { Unit.IsSendersOwn: false })
        {
            // "刚才认领的58不是我们的 点错了 撤销": the claim just made, taken back.
            if (m.U.HasAny(ConversationRules.UndoWords))
            {
                return new Undo();
            }
            return m.WithMeasures(r => Understood.Ask($"第{r}项交给哪个单位？可以说“第{r}项转给某某科负责”，由该单位认领，或请整改办调整牵头单位。"), "哪一项不归您单位？请回复措施编号。");
        }
        // "81至84由我们科负责，低保中心配合就行": another unit helps; the sender's unit leads.
        var ours = OthersHelp().Replace(m.Text, h => h.Groups["unit"].ValueSpan.ContainsAny("我咱本") ? h.Value : "");
        var coClaim = CoClaimWords.Any(w => ours.Contains(w, StringComparison.Ordinal));
        // "103项 救助科这边作为协助单位认领，牵头还是政务服务科": the lead named keeps leading; the one claiming beside it is
        // the other unit named, or the sender's.
        if (coClaim && LeadStays().Match(m.Text) is { Success: true } stays)
        {
            var claimant = UnitNameResolver.For(m.Ctx.Units).Find(m.Text.Remove(stays.Index, stays.Length), m.Ctx.Sender) is UnitFound found ? found.Unit : m.OwnUnit;
            return claimant is null ? Understood.WhoAreYou : m.WithMeasures(r => new ClaimMeasures(r, claimant, true), "认领哪几项？例如“我们科认领第51、54项”。");
        }
        // "第六十一项由低保牵头" from the office: a unit it cannot place is asked about, never taken for the office itself.
        if (m.Unit is null && m.Ctx.Sender.Role is not SenderRole.UnitStaff)
        {
            return m.WithMeasures(r => Understood.Ask($"第{r}项由哪个单位牵头？请写出单位名称，例如“第{r}项由社会救助科牵头”。"), "哪一项由哪个单位牵头？例如“第51项由社会救助科牵头”。");
        }
        return m.WithMeasures(r => m.WithOwnUnit(u => new ClaimMeasures(r, u, coClaim)), "认领哪几项？例如“我们科认领第51、54项”。");
    }

    private const string UnitEnd = UnitNameResolver.Ending;

    /// <summary>认领 by others than a unit ("爱心企业认领困难儿童微心愿", "党员认领"), or of a count of things ("已认领142个").</summary>
    [GeneratedRegex(@"(?<=企业|人士|志愿者|党员|群众|力量|村民|居民|家庭)认领|认领(?=\d+(?:个|户|人|份|件))")]
    private static partial Regex OthersTake();

    /// <summary>"牵头还是政务服务科", "由政务服务科继续牵头": who leads, said beside a co-claim.</summary>
    [GeneratedRegex(@"牵头(?:单位)?(?:的)?(?:还是|仍是|仍然是|依然是|是|为)\p{IsCJKUnifiedIdeographs}{2,8}?" + UnitEnd + @"|由?\p{IsCJKUnifiedIdeographs}{2,8}?" + UnitEnd + @"(?:继续|仍然|还是)牵头")]
    private static partial Regex LeadStays();

    private static readonly string[] CoClaimWords = ["协助", "配合", "共同", "一起", "联合", "也认领", "会同", "协办", "参与", "co-claim", "jointly", "help with"];

    /// <summary>A unit other than the sender's named as the one helping: "低保中心配合", "其他单位配合", not "我们科配合".</summary>
    [GeneratedRegex(@"(?<unit>\p{IsCJKUnifiedIdeographs}{1,6}?" + UnitEnd + @"|(?:其他|其余|相关|有关|各)(?:单位|科室|部门))(?:来|负责|做)?(?:配合|协助|协办)")]
    private static partial Regex OthersHelp();

    [GeneratedRegex(@"\G\s*我?(?:都|就|先|可以)?签(?:了|字)?[吧啊]?(?=$|[\s,;。])", RegexOptions.CultureInvariant)]
    private static partial Regex SignsThese();

    /// <summary>
    /// "九十项那个敬老院安全的 我们社会事务课也配合一起搞", "第一百零三项我们协助低保中心一起推", "第三个我们协助": the sender's
    /// unit joining in, said last (not "配合…做了", an account).
    /// </summary>
    [GeneratedRegex(@"(?:我们|咱们|我科|本科室?|咱)[^,;。]{0,8}?(?:也|来)?(?:配合|协助|参与)(?:[^;。]{0,8}?(?:一起|一下|着)?(?:搞|做|干|弄|办|推进?))?(?:吧|哈|啊|呀)?(?:,?(?:算我们一个|算上我们|算我们一份|算我们科?协助吧?))?(?:[ ,][^;。]{0,12}(?:我们|咱们)(?:比较|最|很)?(?:熟|熟悉|懂|在行|有经验))?$", RegexOptions.CultureInvariant)]
    private static partial Regex JoinsIn();

    /// <summary>几项 asking how many, not 这几项 naming them.</summary>
    [GeneratedRegex(@"(?<![这那])几项")]
    private static partial Regex HowMany();

    /// <summary>
    /// "66跟73材料看了没问题 都给过了", "第一个过了", "认领这俩都过": from who reviews, a request let through, said last, or before
    /// what is put off ("…除了第二个都过 第二个我回头打电话问问他们"); not what was looked at (看过了) or a date gone by (超过了, 已经过了).
    /// </summary>
    [GeneratedRegex(@"(?<![看审见问说超错经听做办想])(?:过(?:了|吧)|(?<=[都全也])过|(?<=没问题[,\s]{0,2})过)[吧啊哈]?(?:$|[,\s]+[^,\s]*(?:再|回头)[^,\s]*$)", RegexOptions.CultureInvariant)]
    private static partial Regex Passed();

    /// <summary>"李娜那边46、47审过了，通过": the verdict said last (not "还没通过").</summary>
    [GeneratedRegex(@"(?<![没未不])通过[了吧啊]?$", RegexOptions.CultureInvariant)]
    private static partial Regex PassedLast();

    /// <summary>
    /// "麻烦帮我们把第66项销了": 销 on its own, with 把 naming what to close; "麻烦帮忙销一下号": 销号 split by its measure word;
    /// "同意，可以销了".
    /// </summary>
    [GeneratedRegex(@"把[^,。;]{0,16}(?:销了|销掉|销一下)|销(?:一下|一个|下|个)号|(?:可以|能|同意)销了")]
    private static partial Regex CloseIt();

    /// <summary>
    /// "81、82、83号社会救助科认了", "这两条我科认下": a unit taking measures on, in two words (not 确认了); 负责, but not
    /// the 负责人 an account names ("约谈了3个乡镇民政办负责人"), nor whose a measure is ("她负责的第64条我替她报一下"); 接了, but not
    /// 对接了 ("已经跟低保中心对接了名单").
    /// </summary>
    [GeneratedRegex(@"(?:" + UnitEnd + @"|我们|咱们|咱)认(?:了|下)|负责(?!人|同志|的第)|(?<![对连衔承交迎])接了")]
    private static partial Regex TakesOn();

    /// <summary>
    /// "No.95、No.96 分给殡服中心": the office giving measures to the unit it names; "麻烦转给低保中心", "应该归低保中心": a
    /// unit asking for one of its own to go to another.
    /// </summary>
    [GeneratedRegex(@"分给|分配给|派给|划给|交由|转给|转交|转过去|改由|(?:应该|应当|应)归")]
    private static partial Regex AssignsTo();

    /// <summary>
    /// The reason: after 原因是/因为…, or else the words after the measure reference ("退回51，佐证材料不全"),
    /// minus the action words themselves, or else a clause of its own before it ("材料不全，第64项先退回去").
    /// </summary>
    private static string? Reason(Message m)
    {
        if (MarkedReasonStart(m) is { } start)
        {
            return NonEmpty(ReasonFrom(m, start));
        }
        if (m.FirstMeasure is not { } first)
        {
            // Of the measure talked about: "不批，理由不充分", the reason after the decision; "理由站不住，延期不批", before it.
            return m.Text.IndexOfAny([',', ';', ' ']) is not (> 0 and var cut) ? null
                : Decisions.Any(m.Text[..cut].Contains) ? NonEmpty(ReasonFrom(m, m.U.SkipSeparators(cut)))
                : FirstClauseReason(m, cut);
        }
        // "退回第33项：缺少会议纪要和签到表": a colon after it too.
        var comma = m.Text.IndexOfAny([',', '，', '。', ';', ':', ' '], first.End);
        // "31 32 33 这三条退回，佐证只有文件": the decision said after the numbers is no part of the reason.
        if (comma > 0 && m.U.SkipSeparators(comma) is var from && m.Text.AsSpan(from).IndexOfAny(ClauseStops) is >= 0 and <= 8 and var decision
            && Decides(m.Text.AsSpan(from, decision)))
        {
            comma = from + decision;
        }
        // "材料不全，第64项先退回去": the reason said first, in a clause of its own before the measure.
        return (comma < 0 ? null : NonEmpty(ReasonFrom(m, m.U.SkipSeparators(comma))))
            ?? (m.Text.LastIndexOfAny([',', '，', ';', ' '], Math.Max(0, first.Index - 1)) is > 0 and var opening
                && m.Text[..opening] is var said && !Decisions.Any(said.Contains) && said.Count(char.IsLetter) >= 2
                    ? NonEmpty(m.U.Original(0, opening).Trim())
                    : null)
            // "这个理由站不住，延期不批": 这个 read as the measure talked about opens the reason.
            ?? (first.Index == 0 && comma > first.End ? FirstClauseReason(m, comma) : null);
    }

    /// <summary>The first clause, up to <paramref name="cut"/>, as the reason when it decides nothing and what follows it does.</summary>
    private static string? FirstClauseReason(Message m, int cut) =>
        m.Text[..cut] is var said && !Decisions.Any(said.Contains) && said.Count(char.IsLetter) >= 4 && Decisions.Any(m.Text[cut..].Contains)
            ? NonEmpty(m.U.Original(0, cut).Trim())
            : null;

    /// <summary>The words of a decision, which a reason is not: "退回", "不同意".</summary>
    private static readonly string[] Decisions = ["退回", "驳回", "打回", "同意", "批", "拒绝"];

    private static readonly SearchValues<char> ClauseStops = SearchValues.Create(",，。;:");

    private static bool Decides(ReadOnlySpan<char> clause)
    {
        foreach (var word in Decisions)
        {
            if (clause.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The reason from <paramref name="start"/>: up to the clause that names other measures ("…没有正式印发；第131项同意销号").
    /// What to do next stays in it ("…没有佐证照片。补齐了再报"): the unit reads the office's words whole.
    /// </summary>
    private static string ReasonFrom(Message m, int start)
    {
        var end = m.Measures.FirstOrDefault(x => x.Index > start) is { } next && m.Text.LastIndexOfAny([',', ';', '。', ' '], next.Index) is var cut && cut > start
            ? cut
            : m.Text.Length;
        // "…佐证材料 @王强 补一下": the mention is gone, and the spaces it stood between are one.
        return SpokenLead().Replace(DecisionLead().Replace(DecisionLast().Replace(Spaces().Replace(m.U.Original(start, end), " "), ""), ""), "").TrimEnd('。', '；', ';', '，', ',', ' ');
    }

    // "第8项别销号，退回：整改还没完成…", "第55条：不同意 月底前必须完成", "115 延期不批 已经延过一回了", "…先放一放，暂不同意，…": the decision said
    // again before the reason is no part of it.
    [GeneratedRegex(@"^(?:延期|销号|转交)?(?:先|暂)?(?:退回|驳回|打回|不同意|不批|不能转)(?:延期|销号|转交)?(?:去|一下)?[：:，,\s]+", RegexOptions.CultureInvariant)]
    private static partial Regex DecisionLead();

    // "…缺救助对象签字的审批表，退回去补一下", "…，按程序退回补充材料。": the decision said again after the reason.
    [GeneratedRegex(@"[，,。\s]+(?:先|按程序|予以)?(?:退回|打回|驳回)(?:去|来)?(?:补一下|补充一下|补齐|补充材料)?(?:吧|哈)?[。!！]?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecisionLast();

    [GeneratedRegex(@"\s{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    /// <summary>Where the reason after 原因是/因为… starts, or null when no marker gives one.</summary>
    /// <remarks>
    /// A bare 理由 or 原因 marks the reason only before a break, and before a comma or space only where it opens its
    /// clause: in "理由不充分" and "…不算客观原因，月底前必须完成" it is the reason's own word; so is 理由写 in "理由写得不充分".
    /// </remarks>
    private static int? MarkedReasonStart(Message m) =>
        ReasonMarkers.Select(marker => (marker, at: m.Text.IndexOf(marker, StringComparison.Ordinal)))
            .FirstOrDefault(p => p.at >= 0 && !(p.marker.EndsWith('写') && m.Text.AsSpan(p.at + p.marker.Length).StartsWith("得")) && (p.marker is not ("理由" or "原因") || p.at + p.marker.Length >= m.Text.Length || m.Text[p.at + p.marker.Length] is ':'
                || (m.Text[p.at + p.marker.Length] is ' ' or ',' && (p.at == 0 || !char.IsLetter(m.Text[p.at - 1])))))
            is { marker: { } found, at: var at }
            ? m.U.SkipSeparators(at + found.Length)
            : null;

    /// <summary>
    /// An extension's reason: after 原因是/因为…; else the words after the date ("9 延期到年底 资金没到位"), unless they
    /// promise the work by then ("…下月15号前肯定能弄完"); else the words before the request ("公告期没满 51延期到明年1月底").
    /// Never the request itself, nor the 因 that opens a cause ("…，因涉及的3家…").
    /// </summary>
    private static string? ExtensionReason(Message m, DateMention date) =>
        ExtensionCause(m, date) is not { } cause || Later().IsMatch(cause) ? null
        : FellDue().Replace(SpokenLead().Replace(cause.AsSpan().IndexOfAny("要如假万") >= 0 ? IfSo().Replace(cause, "") : cause, ""), "") is var said && said is ['因', var next, ..] && next != '素' ? NonEmpty(said[1..].TrimStart())
        : NonEmpty(said);

    /// <summary>"…省厅配套文件还没下来 要是提前下来了我们就提前弄完": what would happen if the cause went away is no part of it.</summary>
    [GeneratedRegex(@"[,，。;；\s]*(?:要是|如果|假如|万一)[^。]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IfSo();

    /// <summary>
    /// "昨天11月20号就到期了，资金还没拨下来", "这条肯定没法按期了 县里系统…", "原定整改时限为2023年11月30日，因…": that it fell
    /// due, or will, or when, is why it is asked now, not why it is late.
    /// </summary>
    [GeneratedRegex(@"^(?:[^,，。;；]{0,12}(?:(?:到期|逾期|超期|过期)了|(?:没法|无法|不能|没办法)按期(?:完成)?了?|完不成了|赶不上了|来不及了)|原定(?:整改)?(?:时限|期限)(?:为|是)[^,，。;；]{0,16})[,，。;；\s]+(?=\S)", RegexOptions.CultureInvariant)]
    private static partial Regex FellDue();

    /// <summary>
    /// Fillers a dictated reason opens or ends with: "就是涉及到…，那个", "嗯那个佐证里…，好吧"; after the date, the ask's own
    /// 行不 or 可以吗 ("延到12月8号行不 场地还没落实"), and an emoji between ("…哈😂 年底前集中验收"); last, the ask to the
    /// one who decides ("…还没下来 @巨伟 麻烦您批一下").
    /// </summary>
    [GeneratedRegex(@"^(?:(?:就是说|就是|那个|嗯|呃|吧|啊|哈|行不行|行不|行吗|可以吗|可以不|好吗|成吗|成不)[,，\s\p{So}\p{Cs}]*)+|[,，\s]*(?:那个|就是|好吧|好不好|行吧)$|[,，\s]+(?:(?:麻烦|请|辛苦)(?:您|你)?|您|你)(?:帮忙)?(?:审批|批准|批|审核|审)(?:一下|下)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SpokenLead();

    /// <summary>"理由我明天再补": a reason promised later is none yet.</summary>
    [GeneratedRegex(@"^(?:理由|原因)(?:我|我们)?(?:明天|回头|稍后|晚点|之后|后面)?再?(?:补|说|给)(?:上|充)?$")]
    private static partial Regex Later();

    /// <summary>"肯定能弄完", "保证按时完成": the work promised by the new date, which is no reason for it.</summary>
    [GeneratedRegex(@"(?:肯定|一定|保证|确保|争取|应该|能)[^,。;]{0,4}(?:完成|弄完|办完|搞定|做完|干完|到位|结束)")]
    private static partial Regex Promise();

    private static string? ExtensionCause(Message m, DateMention date)
    {
        if (ReasonMarkers.Any(m.U.Has))
        {
            // "33号要延期，因为街道人员变动，延到12月底": the reason ends where the clause with the date begins.
            // "…因为县财政那边资金还没拨下来我们这边实在是完成不了想申请延期到12月15号…", dictated: up to the words that ask.
            return MarkedReasonStart(m) is not { } start || date.Index <= start ? Reason(m)
                : m.Text.LastIndexOfAny([',', '。', ';', ' '], date.Index) is var cut && cut > start ? NonEmpty(m.U.Original(start, cut))
                : FirstOf(m.Text, AskWords, start) is var request && request > start && request < date.Index ? NonEmpty(ThereforeLast().Replace(CannotKeep().Replace(Wanting().Replace(m.U.Original(start, request), ""), ""), ""))
                : Reason(m);
        }
        var after = m.U.SkipSeparators(date.Index + date.Length);
        while (after < m.Text.Length && m.Text[after] is '前' or '底' or '止')
        {
            after = m.U.SkipSeparators(after + 1);
        }
        // "…能不能延到月底？殡仪馆…": the question's mark ends the request, not the reason.
        if (after < m.Text.Length && NonEmpty(m.U.Original(after).TrimStart('?', '？', '!', '！')) is { } following && !PoliteRequests.Contains(following.TrimEnd('。', '.', '!', '！')) && following.Trim('吧', '啊', '哈', '呀', '哦', '了', '。', '.', '!', '！').Length > 0
            && !Promise().IsMatch(following) && !following.StartsWith("不是", StringComparison.Ordinal)
            // "…延到元旦后的1月15号 谢谢陈主任": thanks are no reason.
            && !following.StartsWith("谢谢", StringComparison.Ordinal) && !following.StartsWith("辛苦", StringComparison.Ordinal))
        {
            // "…是明年六月底 不是今年六月底": the date put right, no reason.
            return following;
        }
        // "第9项申请延期，数据12月20号才下来，延到12.31": the clauses between the request's and the date's.
        if (AskedAt(m) is var asked and >= 0 && m.Text.IndexOfAny(ClauseEnds, asked) is var opened and > 0
            && m.Text.LastIndexOfAny(ClauseEnds, date.Index) is var closed && closed > opened
            && NonEmpty(m.U.Original(m.U.SkipSeparators(opened + 1), closed)) is { } inBetween)
        {
            return inBetween;
        }
        // "第35项因省厅配套资金尚未下达，申请延期至…": the cause, between the measure and the request (因为 and 由于 are
        // reason markers, read above); "第33项的文件还在走会签，…": the measure's own thing, its 的 no part of it.
        // "七十四条那个…数据没报上来，得延期到月底哈": the request may be its 延期 alone.
        if (m.FirstMeasure is { } measure && FirstOf(m.Text, AskWords, measure.End) is var ask and > 0
            && m.SkipFillers(measure.End) is var from && (m.Text.AsSpan(from).StartsWith("因") || m.Text.AsSpan(from).StartsWith("的") ? from + 1 : from) is var cause && ask > cause
            // "…，所以第58项想延期到年底": wanting it is no cause.
            && NonEmpty(Wanting().Replace(m.U.Original(cause, m.Text.LastIndexOfAny([',', ';', '。', ' '], ask) is var clause && clause > cause ? clause : ask), "")) is { } between)
        {
            // "第31条养老机构消防改造那个 施工队说…": the words naming the measure are no part of the cause.
            // "第103项“…”原定完成时限为11月30日。因省救助信息系统升级改造，…，该项无法按期完成。": the sentence that gives the cause.
            if (between.IndexOf("。因", StringComparison.Ordinal) is >= 0 and var because)
            {
                return NonEmpty(CannotKeep().Replace(between[(because + 2)..], ""));
            }
            return NamingClause().Match(between) is { Success: true } naming && naming.Length < between.Length ? NonEmpty(between[naming.Length..]) : between;
        }
        // Not "把第120项的完成时限往后调到12月20号": 把 makes the measure what is moved; "因…确有困难，特申请将第二十六项…": but
        // the clauses before the one that asks say why.
        return m.FirstMeasure is { Index: > 0 } first && NonEmpty(ThereforeLast().Replace(m.U.Raw[..m.U.Map[first.Index]], "").Trim(' ', ',', '，', '。', ':', '：', '、')) is { } preceding
            ? !preceding.EndsWith('把') && !preceding.EndsWith('将') ? preceding
                : preceding.LastIndexOfAny([',', '，', '。']) is > 0 and var asks && preceding.AsSpan(asks).Contains("申请", StringComparison.Ordinal) ? NonEmpty(preceding[..asks])
                : null
            : null;
    }

    private static readonly string[] AskWords = ["申请", "延期", "延到", "延后"];

    // "…完成不了想申请延期", "…所以第58项想延期": wanting it, said just before the ask, is no part of the cause.
    [GeneratedRegex(@"(?:想要|需要|准备|打算|想|要|得)+$")]
    private static partial Regex Wanting();

    // "…数据比对没法做，所以第58项…": the word that leads from the cause to the ask.
    [GeneratedRegex(@"[,，\s]*(?:所以|因此|故)[,，\s]*$")]
    private static partial Regex ThereforeLast();

    [GeneratedRegex(@"(?:[,，]\s*(?:该项|此项)?(?:工作)?(?:无法|不能|难以)按期完成|(?:我们这边|我们)?(?:实在是?|确实)?(?:完成不了|完不成|做不完|弄不完))[。]?$", RegexOptions.CultureInvariant)]
    private static partial Regex CannotKeep();

    // "高龄津贴补发那条原定11月30日完成，但县财政…": and when it was due, and the 但 that turns to the cause.
    [GeneratedRegex(@"^[^,，;；。\s]{2,16}(?:那个|那条|那项)(?:(?:原定|原计划|本来)[^,，;；。\s]{0,16})?[,，\s]+(?:但是|但|可是|不过)?", RegexOptions.CultureInvariant)]
    private static partial Regex NamingClause();

    /// <summary>
    /// The new deadline: a date right after 到/至 ("…，数据12月20号才下来，延到12.31"; not 截至11月20日), the first after the word
    /// asking for it if one is ("施工队说要到年底才能完工 我们想申请延期到12月31号"); else the first after that word
    /// ("数据12月20号才下来，申请延期至12月25号"); else the first.
    /// </summary>
    private static DateMention? ExtendedTo(Message m)
    {
        var asked = AskedAt(m);
        DateMention? afterTo = null, afterAsk = null;
        foreach (var d in m.Dates)
        {
            if (AfterTo(m, d))
            {
                if (d.Index > asked)
                {
                    return d;
                }
                afterTo ??= d;
            }
            afterAsk ??= d.Index > asked ? d : null;
        }
        return afterTo ?? afterAsk ?? (m.Dates.Count > 0 ? m.Dates[0] : FromToday(m));
    }

    /// <summary>"…申请延期，两周后能完成": a time from today.</summary>
    private static DateMention? FromToday(Message m) =>
        m.Text.Contains('后') && TimeFromToday().Match(m.Text) is { Success: true } from && ChineseNumber.Parse(from.Groups["n"].Value) is { } n and > 0
            ? new DateMention(ChineseDates.After(m.Ctx.Today, (int)n, from.Groups["u"].Value), from.Index, from.Length, from.Value)
            : null;

    [GeneratedRegex(@"(?<n>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*个?\s*(?<u>天|周|星期|礼拜|月)(?:以|之)?后")]
    private static partial Regex TimeFromToday();

    private static bool AfterTo(Message m, DateMention d) =>
        m.Text.AsSpan(0, d.Index).TrimEnd() is var before && (before.EndsWith("到") || before.EndsWith("至"))
        && !before.EndsWith("截至") && !before.EndsWith("截止到") && !before.EndsWith("截止至");

    /// <summary>Where the extension is first asked for (its word), or -1.</summary>
    private static int AskedAt(Message m) => FirstOf(m.Text, ExtensionWords, 0);

    /// <summary>Where the first of <paramref name="words"/> in <paramref name="text"/> from <paramref name="from"/> on stands, or -1.</summary>
    private static int FirstOf(string text, string[] words, int from)
    {
        var first = -1;
        foreach (var word in words)
        {
            if (text.IndexOf(word, from, StringComparison.Ordinal) is >= 0 and var at && (first < 0 || at < first))
            {
                first = at;
            }
        }
        return first;
    }

    private static readonly char[] ClauseEnds = [',', '。', ';'];

    // 延其: 延期 as a pinyin keyboard often gives it. "整改时限申请调整到…": the deadline moved by name.
    private static readonly string[] ExtensionWords = ["延期", "延其", "延长", "推迟", "延后", "延至", "延到", "延一下", "延一延", "往后延", "再延", "同意延", "顺延",
        "时限调整", "时限申请调整", "期限调整", "时限调到", "时限改到", "往后调", "往后推", "时间调到", "时间改到", "extension", "extend", "postpone"];

    /// <summary>What closes a formal request and gives no reason: "…，请审核。"</summary>
    private static readonly HashSet<string> PoliteRequests = ["麻烦了", "麻烦您了", "麻烦你了", "谢谢", "辛苦了", "请审核", "请审批", "请批准", "请批示", "请予批准", "请领导审核", "请领导审批", "请领导批示"];

    // "退回 51 销号", "No.102 延期不同意", "…申请下延期" have no reason, only the action again.
    private static string? NonEmpty(string s) =>
        s.Replace("的", "").Replace("销号", "").Replace("申请", "").Replace("延期", "").Replace("下", "").Replace("不同意", "").Replace("不批", "").Trim().Length == 0 ? null : s;
}
