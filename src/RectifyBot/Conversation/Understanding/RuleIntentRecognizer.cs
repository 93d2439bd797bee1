using System.Text.RegularExpressions;

namespace RectifyBot.Conversation.Understanding;

/// <summary>
/// Understands a message without a model: pure, synchronous, and fast (microseconds), so it runs first on
/// every message. The rules are tried in an order that matters:
/// <list type="number">
/// <item>a quoted reply read apart from its quote, and a correction apart from the words that name the slip
/// (<see cref="QuotedReply"/>, <see cref="Correction"/>), and a measure named last ("…，是第8项") as if named first;</item>
/// <item>one-word conversation moves (撤销, 帮助, 更多, 是/不, 我是李娜);</item>
/// <item>an opening measure reference with a stated status or progress marker ("51 完成 …"), before any
/// keyword, because the update's own text may contain 逾期 or 认领;</item>
/// <item>drafting and search, whose quoted topic may contain any word;</item>
/// <item>the office's and leaders' questions that name no measure (queues, rankings, staleness, trend);</item>
/// <item>writes named by keyword (bulk change, 延期, 销号, 认领), then questions by keyword;</item>
/// <item>any measure reference left: a status phrase, a free-text update, or the measure's details.</item>
/// </list>
/// Anything else is <see cref="NotUnderstood"/>. A write is returned only when its measures are explicit;
/// otherwise the result is a <see cref="Clarify"/>.
/// </summary>
public static partial class RuleIntentRecognizer
{
    /// <summary>Longer messages are not read: no real request is this long, and rules over 100 KB of noise waste time.</summary>
    public const int MaxLength = 2000;

    public static Intent Recognize(string? text, UnderstandingContext ctx)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Understood.Empty(ctx);
        }
        if (text.Length > MaxLength)
        {
            return Understood.TooLong(MaxLength, ctx);
        }
        if (!IsTyped(text))
        {
            return Understood.Empty(ctx);
        }
        if (TurnedToAssistant(text, ctx) is { } toAssistant && Read(toAssistant, ctx) is var asked and not (NotUnderstood or Clarify))
        {
            return asked;
        }
        // "@王强 你们科那个表格模板发我一份呗", "@陈奇奇 下午我把44号的材料拿过去给你", "@所有人 交接时纸质材料一并移交": for
        // colleagues alone, about something passed between them or not clear enough to ask back about, it is not for the
        // assistant; what it tells the record ("@陈奇奇 第23条麻烦转给社会救助科") and what it asks ("@陈奇奇 把各科室完成率排个名
        // 发我看看") still count, but not what it tells them to do ("@所有人 请各科室…交整改办，逾期未交的…").
        var read = Read(text, ctx);
        return ForColleagues(text, ctx) is { } said && !(read is WriteIntent or Acknowledge || (read is not Clarify && !Handed().IsMatch(said) && !TellsThem().IsMatch(said)))
            ? Understood.For(new Message(Utterance.From(said), ctx))
            : read;
    }

    /// <summary>The message's reading, once it is known to be typed words of a readable length.</summary>
    private static Intent Read(string text, UnderstandingContext ctx)
    {
        // The same words pasted twice, a line apart: read once.
        if (PastedTwice(text) is { } once)
        {
            return Recognize(once, ctx);
        }
        if (QuotedReply.TrySplit(text, out var reply, out var quoted))
        {
            return Replying(reply, quoted, ctx);
        }
        // "（47）…：11月以来…。\n——周报里的一段，帮我报一下", "这段是进展，从科里周报上扒下来的：\n一是…": an account pasted with a
        // line of the sender's own asking for it to be recorded is recorded, not asked back about.
        if (AccountAskedFor(text) is { } account && Recognize(account, ctx) is Clarify { Options: [{ Intent: ReportProgress update }] })
        {
            return update;
        }
        // Words pasted in quotes, then on a line of its own what the sender asks of them: "…“…由社会救助科张敏同志接替。”\n照这个
        // 把他名下的措施都转过去", "…“…不予同意…”\n按纪要把72的延期驳了" ask for what the words say (the workflow decides whether
        // the sender may); "县委巡察办刚在群里问的，原话贴过来：“…（56）（58）两项措施，目前进展如何？…”\n这两条现在到底什么情况"
        // asks of the measures they name. Without any, the whole is read: the words pasted tell what the line asks ("…“已超过
        // 整改时限仍未完成”\n殡服中心到底超了几条").
        if (PastedThenAsked().Match(text) is { Success: true } pasted)
        {
            var (words, ofThem) = (pasted.Groups["quoted"].Value, pasted.Groups["asked"].Value);
            if (AsPasted().IsMatch(ofThem) && Recognize(words, ctx) is WriteIntent done)
            {
                return done;
            }
            if (QuotedMeasures(new Message(Utterance.From(words), ctx)) is { Count: > 0 } inPaste
                && Recognize(ofThem, ctx with { LastList = inPaste, Focus = null, ListTitle = null }) is var ofPaste and not (NotUnderstood or Clarify))
            {
                return ofPaste;
            }
        }
        // "[转发] 县委巡察整改办：…\n\n我们科这个月到期的还剩哪些？": a notice passed on, then what the sender asks.
        if (ConversationRules.IsForwarded(text) && text.LastIndexOf("\n\n", StringComparison.Ordinal) is > 0 and var own
            && text[(own + 2)..].Trim() is { Length: > 0 } asked)
        {
            return Recognize(asked, ctx);
        }
        // "【转发】王强：第27项低保动态管理台账已建立，每月更新，已完成。": a colleague's report forwarded alone, read as if they
        // had sent it, as one passed on in quotes is below; a notice forwarded asks nothing (ConversationRules).
        if (ConversationRules.IsForwarded(text) && Forwarded().Match(text) is { Success: true } forwarded && Recognize(forwarded.Groups["said"].Value, ctx) is WriteIntent reported)
        {
            return reported;
        }
        // "帮老王转一下：“第二十三项：对全县6家公墓开展了检查…” 他那边网一直发不出去": a colleague's message passed on in
        // quotes, read as if they had sent it (the workflow decides whether the sender may write it).
        if (PassedOn().Match(text) is { Success: true } passed && Recognize(passed.Groups["said"].Value, ctx) is var theirs and not (NotUnderstood or Clarify))
        {
            return theirs;
        }
        // "关于第12项整改落实情况的报告\n局整改办：\n现将…\n附件：…\n联系人：…": the letter's body, read with its title when
        // the body alone names nothing.
        if (text.Contains('\n') && FormalLetter.TryUnwrap(text, out var body, out var title))
        {
            return Recognize(body, ctx) is var read and not (NotUnderstood or Clarify) ? read : Recognize($"{title}：{body}", ctx);
        }
        // "导出社会救助科的台账 不对 是低保中心的": the message as put right.
        if (Correction.TryPutRight(text, ctx.Units, out var putRight) && Recognize(putRight, ctx) is var corrected and not (NotUnderstood or Clarify))
        {
            return corrected;
        }
        // "刚才那条报错了，不是63是36，先撤回来", "刚才88那条延期日期写错了，先撤回", "刚那条进展我贴到94上了 本来是49的 先撤掉":
        // the slip told, to take the message back, not to put it right here.
        if (TakenBack().IsMatch(text))
        {
            return new Undo();
        }
        // "不对 是21不是12 21号：…": what is left once the slip is named; the whole, when that alone is not clear
        // ("撤销 刚才认领弄错了 是52" is an undo for the slip it names).
        if (Correction.TryStrip(text, out var meant) && Recognize(meant, ctx) is var right and not (NotUnderstood or Clarify))
        {
            return right;
        }
        // "(58)延期那个，刚才回复没发出去，重新说一下：不同意，…", "刚才发的好像没过去，再说一次：我是…": said again after
        // why; what follows, alone or after the first clause when that names what it is about.
        if (SaidAgainAt(text) is > 0 and var again)
        {
            if (Recognize(text[again..], ctx) is var alone and not (NotUnderstood or Clarify))
            {
                return alone;
            }
            if (text.AsSpan(0, again).IndexOfAny("，,。 ") is > 0 and var cut && Recognize($"{text[..cut]}，{text[again..]}", ctx) is WriteIntent about)
            {
                return about;
            }
        }
        // "这几个我下午再看。延期的还有几个没批？": what is put off, then what is asked now.
        if (text.Contains('再') && PutOff().Match(text) is { Success: true } later && Recognize(later.Groups["now"].Value, ctx) is var now and not (NotUnderstood or Clarify))
        {
            return now;
        }
        // "昨天开会开到好晚😩 对了，第92、93项今天都完成了…", "第12项的材料我下午补上 对了 我们科下周有哪些到期的": chatter,
        // or a remark that asks nothing, then 对了 turning to the point (not the 对了 of "核对了").
        if (text.IndexOf("对了", StringComparison.Ordinal) is > 0 and var turn && !char.IsLetterOrDigit(text[turn - 1])
            && Recognize(text[..turn], ctx) is NotUnderstood or Acknowledge or MeasureDetailQuery && !text.AsSpan(0, turn).ContainsAny(Message.AskingMarks)
            && Recognize(text[turn..], ctx) is var point and not (NotUnderstood or Clarify))
        {
            return point;
        }
        // "如果这周五之前…还没动静我得提前知道，现在社会事务科超期的有哪些？": a condition, then what is asked now (a write
        // after one is read as it stands: "如果可以的话，第5项延期到月底").
        if (text is ['如' or '要' or '假' or '万', ..] && Condition().Match(text) is { Success: true } condition && Recognize(text[condition.Length..], ctx) is var conditioned and not (WriteIntent or NotUnderstood or Clarify))
        {
            return conditioned;
        }
        // "…整改通知书都发了，第五十二项落实到位", "…逐件核对过，（99）完结": the measure and its status last, after the account.
        if (StatusNamedLast().Match(text) is { Success: true } closing && closing.Index > 0 && StatusWords.Exactly(closing.Groups["said"].Value) is not null
            && Recognize($"{closing.Groups["n"].Value} {text[..closing.Index]}，{closing.Groups["said"].Value}", ctx) is ReportProgress closed)
        {
            return closed;
        }
        // "…公示上墙了，已经整改完了，是第8项": the measure named last, after the account, read as if named first.
        if (NamedLast().Match(text) is { Success: true } last && last.Index > 0
            && Recognize($"{last.Groups["n"].Value} {text[..last.Index]}", ctx) is var named and not (NotUnderstood or Clarify))
        {
            return named;
        }
        var utterance = Utterance.From(text);
        if (!HasLetterOrDigit(utterance.Text))
        {
            return Understood.Empty(ctx);
        }
        var m = new Message(utterance, ctx);
        var intent = ConversationRules.Match(m)
            ?? MeasureLedRules.MatchStated(m)
            ?? DraftRules.Match(m)
            ?? OfficeRules.Match(m)
            ?? WorkflowRules.Match(m)
            ?? QueryRules.Match(m)
            ?? MeasureLedRules.MatchLoose(m)
            ?? MeasureLedRules.MatchFocusedAccount(m)
            ?? ConversationRules.Courtesy(m)
            ?? Understood.For(m);
        // "刚开完会回来，累死😮‍💨 第２７项报一下：…": chatter in clauses of its own, then a report that reads as one alone.
        if (intent is MeasureDetailQuery or Clarify && m.FirstMeasure is { } told && !m.OpensWithMeasure && AfterChatter(m, told, ctx) is { } report)
        {
            return report;
        }
        if (intent is NotUnderstood && MoveThenRemark(m, ctx) is { } move)
        {
            return move;
        }
        if (intent is MeasureDetailQuery or UnclaimedQuery or NotUnderstood && (AskedThenRequested(m, ctx) ?? DecidedFirst(m, ctx)) is { } followed)
        {
            return followed;
        }
        // "第一个过了", "71不同意 理由不充分" under the review queue just shown, said by who reviews: a decision on what it holds.
        return ctx.DecidedRequest is { Length: > 0 } request && m.FirstMeasure is { Ref: { } listed } first && listed.Numbers.All(ctx.LastList.Contains)
            ? OnRequest(intent, listed.FromConversation ? Named(m.U, first) : text, request, ctx with { ListTitle = null })
            : intent;
    }

    /// <summary>Something passed from one person to another: "拿过去给你", "发我一份", "汇总一下报我", "记得把…的纸质材料带上".</summary>
    [GeneratedRegex(@"给(?:你|您)|(?:发|给|传)我一份|报我(?:$|[,。!\s])|(?:带|拿|送|捎)(?:上|过来|过去)(?:$|[,。!\s])")]
    private static partial Regex Handed();

    /// <summary>What was pasted, when the first or the last line is the sender's own asking for it to be recorded; null otherwise.</summary>
    private static string? AccountAskedFor(string text)
    {
        if (text.IndexOf('\n') is not (> 0 and var first) || text.LastIndexOf('\n') is var last && last + 1 >= text.Length)
        {
            return null;
        }
        return RecordIt().IsMatch(text.AsSpan(last + 1)) ? text[..last].Trim()
            : RecordIt().IsMatch(text.AsSpan(0, first)) ? text[(first + 1)..].Trim()
            : null;
    }

    // "帮我报一下", "让我替她报一下", "这段是进展，…扒下来的：": a short line that asks for what is pasted to be recorded.
    [GeneratedRegex(@"^[^\n]{0,24}(?:(?:帮我|替我|帮忙|替她|替他|帮她|帮他)(?:报|提交|登记|记)(?:一下|下)?|这段是进展|这是进展)[^\n]{0,16}$", RegexOptions.CultureInvariant)]
    private static partial Regex RecordIt();

    [GeneratedRegex(@"^[^\n]*[“""](?<quoted>[^”""]{4,})[”""][。.!！]?[ \t]*\r?\n[ \t]*(?<asked>[^\n“”""]{2,60})$")]
    private static partial Regex PastedThenAsked();

    [GeneratedRegex(@"^(?:请|烦请|麻烦)各(?:科室|单位|股室|部门|位)")]
    private static partial Regex TellsThem();

    [GeneratedRegex(@"^(?:刚|上一条)[^。?？吗]*?(?:错了?|本来)[^。?？吗]*?(?:撤回|撤销|撤掉)[^?？吗]*$")]
    private static partial Regex TakenBack();

    /// <summary>
    /// "@李娜 你们56那个奇奇说缺会议纪要 @整改助手 我们科第99项申请消号": a message that opens to a colleague and turns to the
    /// assistant (a mention of no one on the roster) after words of its own: what follows that mention; null otherwise.
    /// </summary>
    private static string? TurnedToAssistant(string text, UnderstandingContext ctx)
    {
        if (text.TrimStart() is not ['@' or '＠', ..])
        {
            return null;
        }
        var resolver = UnitNameResolver.For(ctx.Units);
        var mentions = Utterance.Mention().Matches(text);
        for (var i = 1; i < mentions.Count; i++)
        {
            // Up to here every @ is of a colleague; no lambda, so that no message pays for a closure.
            if (resolver.PersonsUnit(mentions[i - 1].Value[1..]) is null)
            {
                return null;
            }
            var between = text.AsSpan(mentions[i - 1].Index + mentions[i - 1].Length, mentions[i].Index - mentions[i - 1].Index - mentions[i - 1].Length);
            var name = mentions[i].Value[1..];
            if (between.Trim().Length >= 4 && !IsColleague(resolver, name)
                && text[(mentions[i].Index + mentions[i].Length)..].Trim() is { Length: > 0 } said)
            {
                return said;
            }
        }
        return null;
    }

    /// <summary>Whom an @ names among the colleagues: a person of the roster, or 所有人; the assistant is none of them.</summary>
    private static bool IsColleague(UnitNameResolver resolver, string name) => name is "所有人" or "all" || resolver.PersonsUnit(name) is not null;

    /// <summary>
    /// What a message says after the mentions it opens with, when every @ in it is of a colleague (a person of the roster, or
    /// 所有人): the assistant's own name is none of them.
    /// </summary>
    private static string? ForColleagues(string text, UnderstandingContext ctx)
    {
        var opening = text.TrimStart();
        if (opening is not ['@' or '＠', ..])
        {
            return null;
        }
        var resolver = UnitNameResolver.For(ctx.Units);
        foreach (var name in Utterance.Mentions(text))
        {
            if (!IsColleague(resolver, name))
            {
                return null;
            }
        }
        var rest = opening;
        while (rest is ['@' or '＠', ..] && Utterance.Mention().Match(rest) is { Success: true, Index: 0 } first)
        {
            rest = rest[first.Length..].TrimStart();
        }
        return rest;
    }

    /// <summary>The write the clauses from the one naming <paramref name="first"/> make, when all before them reads as chatter.</summary>
    private static WriteIntent? AfterChatter(Message m, MeasureMention first, UnderstandingContext ctx)
    {
        var (clause, _) = Message.ClauseAround(m.Text, first.Index, first.Length);
        if (clause <= 1 || Message.Ask(m.Text.AsSpan(0, clause - 1)))
        {
            return null;
        }
        var at = m.U.Map[clause];
        return Recognize(m.U.Raw[..at], ctx) is NotUnderstood or Acknowledge && Recognize(m.U.Raw[at..], ctx) is WriteIntent write ? write : null;
    }

    /// <summary>
    /// "第27项…怎么派到我们救助科来了？这明明是殡葬服务中心的业务，麻烦转给他们", "这第一百零三条…怎么还挂在没人认领那儿？
    /// 算我们科的吧": a complaint asked of no one, then the request about the measure it names.
    /// </summary>
    private static WriteIntent? AskedThenRequested(Message m, UnderstandingContext ctx)
    {
        if (m.Text.IndexOf('?') is not (> 0 and var asked) || asked >= m.Text.Length - 1 || m.FirstMeasure is not { } first || first.Index >= asked)
        {
            return null;
        }
        var request = Recognize($"{m.U.Original(first.Index, first.End)} {m.U.Raw[(m.U.Map[asked] + 1)..]}", ctx);
        return request is ClaimMeasures or RequestClose or RequestExtension ? (WriteIntent)request : null;
    }

    /// <summary>"31号我签了。但是不能一销了之，后面还得盯着…": a decision in the first sentence, then what should follow it (no return in it).</summary>
    private static WriteIntent? DecidedFirst(Message m, UnderstandingContext ctx)
    {
        if (m.Text.IndexOf('。') is not (> 0 and var stop) || stop >= m.Text.Length - 1 || m.U.HasAny(WorkflowRules.SendBackWords))
        {
            return null;
        }
        var decided = Recognize(m.U.Raw[..m.U.Map[stop]], ctx);
        return decided is SignClose or ApproveClose or ApproveExtension or ApproveClaim or ApproveTransfer ? (WriteIntent)decided : null;
    }

    /// <summary>The words of a message that says them twice over, a line or a space apart; null otherwise.</summary>
    private static string? PastedTwice(string text)
    {
        var said = text.AsSpan().Trim();
        if (said.Length % 2 == 1 && char.IsWhiteSpace(said[said.Length / 2]) && said[..(said.Length / 2)].SequenceEqual(said[(said.Length / 2 + 1)..]))
        {
            return said[..(said.Length / 2)].ToString();
        }
        // "（３５）…预计12月上旬印发（３５）…预计12月上旬印发": pasted again with nothing between.
        if (said.Length >= 16 && said.Length % 2 == 0 && said[..(said.Length / 2)].SequenceEqual(said[(said.Length / 2)..]))
        {
            return said[..(said.Length / 2)].ToString();
        }
        for (var line = text.IndexOf('\n'); line > 0; line = text.IndexOf('\n', line + 1))
        {
            var first = text.AsSpan(0, line).Trim();
            if (first.Length > 0 && first.SequenceEqual(text.AsSpan(line + 1).Trim()))
            {
                return first.ToString();
            }
        }
        return null;
    }

    /// <summary>Where the words said again start, after "再发一遍：" and the like; 0 when the message says nothing so.</summary>
    private static int SaidAgainAt(string text)
    {
        if (text.AsSpan().IndexOfAny(':', '：') < 0)
        {
            return 0;
        }
        foreach (var words in Message.SaidAgain)
        {
            if (text.IndexOf(words, StringComparison.Ordinal) is >= 0 and var at)
            {
                var end = at + words.Length;
                end += end < text.Length && text[end] is '吧' or '啊' or '哈' ? 1 : 0;
                if (end < text.Length && text[end] is ':' or '：')
                {
                    return end + 1;
                }
            }
        }
        return 0;
    }

    /// <summary>
    /// "还有呢？网卡只显示了一半", "算了，不用了，我刚才已经报过了", "收到 okk 效率nb👍": a move in the conversation (more, a
    /// no, a yes, thanks) in the first clause, then a remark for the people in the chat that asks nothing: the move.
    /// </summary>
    private static Intent? MoveThenRemark(Message m, UnderstandingContext ctx)
    {
        var start = m.SkipFillers(0);
        // A move is a word or two: "还有呢", "算了不用了", "收到".
        if (start >= m.Text.Length || !char.IsLetter(m.Text[start]) || m.Text.IndexOfAny(Message.ClauseEnds, start) is not (> 0 and var end) || end - start > 6
            || m.Text.AsSpan(end + 1).ContainsAny(Message.AskingMarks))
        {
            return null;
        }
        var (from, to) = (m.U.Map[start], m.U.Map[end]);
        var move = Recognize(m.U.Raw[from..to], ctx);
        return move is ShowMore or CancelPending or ConfirmPending or Acknowledge
            && Recognize(m.U.Raw[to..], ctx) is var rest
            // "收到 okk": thanks and an ok are thanks, no yes to a question.
            && (rest is NotUnderstood or Acknowledge || rest.GetType() == move.GetType() || (move is Acknowledge && rest is ConfirmPending))
            ? move
            : null;
    }

    /// <summary>
    /// The message with the places it names written as the measures they hold ("1和3同意" under a queue of 12, 31, 47 as
    /// "第12、47条同意"): read again away from the queue, the places would be measure numbers.
    /// </summary>
    private static string Named(Utterance u, MeasureMention places) =>
        $"{u.Raw[..u.Map[places.Index]]}第{string.Join("、", places.Ref!.Numbers)}条{u.Raw[u.Map[places.Index + places.Length]..]}";

    /// <summary>The request a quote or a list's title is about, as a reply's words are read under it: 延期申请, 销号申请 …; empty for none.</summary>
    internal static string Request(string words) =>
        words.Contains("延期", StringComparison.Ordinal) || words.Contains("延到", StringComparison.Ordinal) || words.Contains("延至", StringComparison.Ordinal) || words.Contains("延后", StringComparison.Ordinal) ? ExtensionRequest
        : words.Contains("转交", StringComparison.Ordinal) ? TransferRequest
        : words.Contains("认领", StringComparison.Ordinal) ? ClaimRequest
        // "第45项销号申请已退回": a close sent back asks nothing of who reads it.
        : words.Contains("销号", StringComparison.Ordinal) && !words.Contains("退回", StringComparison.Ordinal) ? CloseRequest
        : "";

    private const string ExtensionRequest = "延期申请";
    private const string TransferRequest = "转交申请";
    private const string ClaimRequest = "认领申请";
    private const string CloseRequest = "销号申请";

    /// <summary>
    /// A reading under a request: a decision read as one on a close ("同意", "退回 …") decides the request instead, unless
    /// the words say 销号; words that alone only name the measure ("第一个过了") or read as an account ("第二个不批，春节前
    /// 太晚了…") are read again after the request's name, and kept only when that reads as a decision.
    /// </summary>
    private static Intent OnRequest(Intent alone, string text, string request, UnderstandingContext ctx)
    {
        var decided = text.Contains("销号", StringComparison.Ordinal) ? alone : (alone, request) switch
        {
            (ApproveClose a, ExtensionRequest) => new ApproveExtension(a.Measures),
            (ReturnClose r, ExtensionRequest) => new RefuseExtension(r.Measures, r.Reason),
            (ApproveClose a, ClaimRequest) => new ApproveClaim(a.Measures),
            (ReturnClose r, ClaimRequest) => new RefuseClaim(r.Measures),
            (ApproveClose a, TransferRequest) => new ApproveTransfer(a.Measures),
            (ReturnClose r, TransferRequest) => new RefuseTransfer(r.Measures, r.Reason),
            _ => alone,
        };
        return decided is MeasureDetailQuery or NotUnderstood or Clarify or ReportProgress && Recognize($"{request}：{text}", ctx) is var read
            && read is ApproveClose or ReturnClose or ApproveExtension or RefuseExtension or SignClose or ApproveClaim or RefuseClaim or ApproveTransfer or RefuseTransfer
            ? read
            : decided;
    }

    /// <summary>
    /// A reply to a quoted message is read alone, its positions ("第二个", "这几条") among the measures the quote names, as
    /// for a list just shown. When it then lacks the measure it is about ("同意", "退回 台账没附上", "这条完成了"), it is about
    /// the measures the quote names; a decision in reply to an extension is about the extension. The quote's own words
    /// are never read as the sender's: "「陈奇奇：37条销号退回」 台账补上了 重新申请销号" requests the close, and a quote
    /// alone asks for nothing.
    /// </summary>
    private static Intent Replying(string reply, string quoted, UnderstandingContext ctx)
    {
        var quote = new Message(Utterance.From(quoted), ctx);
        var named = QuotedMeasures(quote);
        // The measures a quote names are what the reply is about, not the one talked about before it.
        var inReply = (named.Count > 0 ? ctx with { LastList = named, Focus = null } : ctx) with { ListTitle = null };
        // What the quote is about, by its words: a request, or the assistant's list of requests waiting. "46条同意销号" says
        // what it decides, whatever the quote asked; "第二个同意" to a quoted queue decides the request the quote lists.
        var request = Request(quote.U.Text);
        var alone = Recognize(reply, inReply);
        alone = request.Length > 0 ? OnRequest(alone, reply, request, inReply) : alone;
        // "算了 不用了，…" to the assistant's "您要为第52项申请延期吗？": an answer to its question, not a decision on a request.
        if (alone is not (Clarify { Options.Count: 0 } or NotUnderstood or ConfirmPending or CancelPending) || named.Count == 0 || (alone is CancelPending or ConfirmPending && quote.IsQuestion))
        {
            return alone;
        }
        var about = Recognize($"第{string.Join("、", named)}条{request}：{reply}", ctx);
        return about is Clarify or NotUnderstood ? alone : about;
    }

    /// <summary>
    /// The measures a quote names, in order: those written 第N条 when it has any (a list the assistant gave,
    /// "逾期措施3条：第12条…", whose 3条 counts), else every measure it names.
    /// </summary>
    private static List<int> QuotedMeasures(Message quote)
    {
        var named = quote.Measures.Where(m => m.Ref is { FromConversation: false }).ToList();
        var written = named.Where(m => quote.Text[m.Index] == '第').ToList();
        return [.. (written.Count > 0 ? written : named).SelectMany(m => m.Ref!.Numbers).Distinct()];
    }

    private static bool HasLetterOrDigit(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Control characters (other than line breaks and tabs) and broken surrogate pairs do not come from a
    /// keyboard or a phone; such a message is garbage or an attack, and is not read at all. So are bidirectional
    /// overrides and isolates: they make a message display differently from what it says ("‮51 完成" shows
    /// reversed), the classic way to make someone approve what they did not read.
    /// </summary>
    // "，是第8项", "。说的是12号", "（第142项）": the measure the message is about, said after all of it.
    /// <summary>A measure named by its number, in the raw text (full-width digits too): "第8项", "52号", "第五十二条".</summary>
    private const string MeasureNamed = "第?[0-9０-９一二三四五六七八九十百]+(?:项|号|条)";

    [GeneratedRegex(@"(?:[，,。\s]+(?:这|以上|上面)?(?:是|说的是|指的是)|[（(])(?<n>" + MeasureNamed + @")[)）]?[。.!！]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamedLast();

    // "照这个把他名下的措施都转过去", "按纪要把72的延期驳了": do as the words pasted above say.
    [GeneratedRegex(@"^(?:就|那就)?(?:照|按)(?:这个|着|此|纪要|通知|会议纪要|原话)", RegexOptions.CultureInvariant)]
    private static partial Regex AsPasted();

    // "帮我们科报个进度，小周发我的原话：“第64项，…”", "转一下小赵发的：“…”": or whose words they are, said before the quote;
    // "纪要里这句你照着办：“会议同意第（97）项…”": or that they are to be done.
    [GeneratedRegex(@"^(?:[^“”""「」]{0,12}?(?:帮|替|代)\p{IsCJKUnifiedIdeographs}{1,3}?(?:转发|转|发|报)(?:一下|下)?|[^“”""「」]{0,30}?(?:原话|原文|发(?:我|来)?的|让我转的?|照着办|照此办理|按这个办))[:：\s]*[“""「](?<said>[^“”""「」]{4,})[”""」]", RegexOptions.CultureInvariant)]
    private static partial Regex PassedOn();

    [GeneratedRegex(@"^(?:【转发】|\[转发\])\s*\p{IsCJKUnifiedIdeographs}{2,4}[:：]\s*(?<said>[^\n]{4,})$", RegexOptions.CultureInvariant)]
    private static partial Regex Forwarded();

    [GeneratedRegex(@"[，,。\s]+(?<n>" + MeasureNamed + @"|[（(][0-9０-９]+[)）])\s*(?<said>[^，,。;；\s]{2,6})[。.!！]*$", RegexOptions.CultureInvariant)]
    private static partial Regex StatusNamedLast();

    [GeneratedRegex(@"^(?:如果|要是|假如|万一)[^,，。;；!?！？\s]{1,30}[,，。;；\s]+(?=\S)", RegexOptions.CultureInvariant)]
    private static partial Regex Condition();

    [GeneratedRegex(@"^[^。!?！？\n]{1,30}?(?:再看|再说|再处理|再弄|再办|再定)[吧啊哈呢]?[。!！,，\s]+(?<now>\S[\s\S]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex PutOff();

    private static bool IsTyped(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                return false;
            }
        }
        return true;
    }
}
