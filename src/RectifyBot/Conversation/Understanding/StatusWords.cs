using System.Text.RegularExpressions;
using RectifyBot.Domain;

namespace RectifyBot.Conversation.Understanding;

/// <summary>Status words as they appear in messages, on top of the glossary words <see cref="MeasureStatusRules.Parse"/> knows.</summary>
internal static partial class StatusWords
{
    // Words users type that the glossary table does not hold, mostly bare or colloquial forms.
    private static readonly (string Word, MeasureStatus Status)[] Extra =
    [
        ("已经完成", MeasureStatus.Done),
        ("整改已完成", MeasureStatus.Done),
        // 以 typed for 已 ("第101项 以完成"), read only as the whole status: "以完成任务为目标" is no slip.
        ("以完成", MeasureStatus.Done),
        ("已整改完成", MeasureStatus.Done),
        ("整改完成", MeasureStatus.Done),
        ("已整改到位", MeasureStatus.Done),
        ("完成", MeasureStatus.Done),
        ("已办结", MeasureStatus.Done),
        ("已经销号", MeasureStatus.Closed),
        ("已经办结", MeasureStatus.Done),
        ("整改到位", MeasureStatus.Done),
        ("已经整改到位", MeasureStatus.Done),
        ("办结", MeasureStatus.Done),
        ("搞定", MeasureStatus.Done),
        ("finished", MeasureStatus.Done),
        ("completed", MeasureStatus.Done),
        ("进行中", MeasureStatus.InProgress),
        ("已启动", MeasureStatus.InProgress),
        ("已经启动", MeasureStatus.InProgress),
        ("in progress", MeasureStatus.InProgress),
        ("ongoing", MeasureStatus.Ongoing),
        ("常态化", MeasureStatus.Ongoing),
        ("常态化开展", MeasureStatus.Ongoing),
        // "该项工作转入长期坚持。": a report's last sentence.
        ("转入长期坚持", MeasureStatus.Ongoing),
        ("转为长期坚持", MeasureStatus.Ongoing),
        ("转入常态化", MeasureStatus.Ongoing),
        ("not started", MeasureStatus.NotStarted),
        // Not begun yet, in everyday words ("第9项还没动，人手不够").
        ("还没动", MeasureStatus.NotStarted),
        ("还没开始", MeasureStatus.NotStarted),
        ("还未开始", MeasureStatus.NotStarted),
        ("尚未开始", MeasureStatus.NotStarted),
        ("还没启动", MeasureStatus.NotStarted),
        ("还未启动", MeasureStatus.NotStarted),
        ("尚未启动", MeasureStatus.NotStarted),
        ("尚未开展", MeasureStatus.NotStarted),
        ("还没着手", MeasureStatus.NotStarted),
        // Begun and not finished, as the glossary's 未完成 ("第十四项还没弄完，还在整改").
        ("还没完成", MeasureStatus.InProgress),
        ("还没弄完", MeasureStatus.InProgress),
        ("还没做完", MeasureStatus.InProgress),
        ("还没办完", MeasureStatus.InProgress),
        ("还没干完", MeasureStatus.InProgress),
        ("还没整改完", MeasureStatus.InProgress),
        ("暂未启动", MeasureStatus.NotStarted),
        ("暂未开始", MeasureStatus.NotStarted),
        // Under way, in everyday and report words ("第23项刚起步，…", "72项收尾了，就差…", "41项基本到位了，还差…"; 刚 and 了 come off).
        ("起步", MeasureStatus.InProgress),
        ("收尾", MeasureStatus.InProgress),
        ("在收尾", MeasureStatus.InProgress),
        ("进入扫尾阶段", MeasureStatus.InProgress),
        ("基本到位", MeasureStatus.InProgress),
        ("取得阶段性成效", MeasureStatus.InProgress),
        ("已完成待验收", MeasureStatus.Done),
        ("已完成待销号", MeasureStatus.Done),
        ("落实到位", MeasureStatus.Done),
        ("完结", MeasureStatus.Done),
        ("转入长效", MeasureStatus.Ongoing),
        ("转为长效", MeasureStatus.Ongoing),
    ];

    /// <summary>
    /// The verbs that set a status, "标成已完成", "改为推进中", "mark … done": a measure's change, a change to all of
    /// them, and the office's question about what was completed (which they rule out) read this one list.
    /// </summary>
    private static readonly string[] Setters = ["标记为", "标记成", "标成", "标为", "改为", "改成", "改回", "状态退回", "设为", "设置为", "变更为", "调整为", "更新为", "mark", "set"];

    /// <summary>The setters <paramref name="u"/> holds, in the list's order.</summary>
    public static IEnumerable<string> SettersIn(Utterance u) => Setters.Where(v => Sets(u, v));

    public static bool HasSetter(Utterance u)
    {
        foreach (var v in Setters)
        {
            if (Sets(u, v))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// "麻烦改回推进中", "帮我标成已完成吧": a request that sets the status it names and says nothing else (a courtesy of a
    /// few letters before the verb).
    /// </summary>
    public static MeasureStatus? Requested(string said) =>
        Setters.Select(v => said.IndexOf(v, StringComparison.Ordinal) is var at and >= 0 and <= 3 ? Exactly(said[(at + v.Length)..].TrimEnd('吧')) : null)
            .FirstOrDefault(status => status is not null);

    private static bool Sets(Utterance u, string v) => u.Has(v) && SetAt(u.Text, v) >= 0;

    /// <summary>
    /// Where <paramref name="v"/> first sets in <paramref name="text"/>, or -1: the 标为 of 目标为 ("its goal is") sets
    /// nothing, nor does a change told of ("上次好像被改成已完成了"), while another occurrence may ("被改成已完成了，麻烦改成推进中").
    /// </summary>
    public static int SetAt(string text, string v)
    {
        for (var at = text.IndexOf(v, StringComparison.Ordinal); at >= 0; at = text.IndexOf(v, at + 1, StringComparison.Ordinal))
        {
            var before = at > 0 ? text[at - 1] : '\0';
            if (before != '被' && (v != "标为" || before != '目'))
            {
                return at;
            }
        }
        return -1;
    }

    // 这条, 这两条, 算 and 属于 (…，这条完成了 / 这两条算长期坚持的 / 这条可以算完成了 / 这个属于长期坚持的) as 该项 is; 目前 and
    // 现在 say when ("目前还在推进中"); 实际, 其实 and 应该是 put right what was said before ("实际还在推进中"); "目前该项整改
    // 已完成" closes an account pasted from a summary; 今天, 刚 say when it was done ("这条今天也弄完了").
    private static readonly string[] Subjects = ["目前", "现在", "实际上", "实际", "其实", "应该是", "我们科", "我们", "我科", "该项工作", "此项工作", "这项工作", "本项工作", "该项整改", "此项整改", "这项整改", "该问题整改", "该项", "此项", "本项", "这两条", "这三条", "这几条", "这两项", "这三项", "这几项", "两项", "两条", "三项", "三条", "这条", "这项", "可以标记为", "可以标成", "可以标为", "可以标", "可以算", "算是", "就算", "算", "属于", "这个", "均", "都", "也", "全部", "今天", "昨天", "刚刚", "刚"];

    /// <summary>
    /// Work begun, as a bare statement ("33条开始弄了，…", "这几条都在弄了"; "第15条…，已启动" is <see cref="Extra"/>'s): only where the words
    /// stand alone, never found inside a question ("下周开始到期的").
    /// </summary>
    private static readonly string[] Started = ["开始", "开始弄", "开始搞", "开始做", "开始干", "开始整改", "开始推进", "已开始", "已经开始", "启动", "动起来", "在推进中", "还在推进中", "还在推进", "仍在推进", "持续推进中", "一直在推进", "正在推进中", "正在推进", "在整改中", "还在整改中", "正在整改中", "正在整改",
        "在弄", "在做", "在办", "在搞", "在干", "还在整改", "还在弄", "还在做", "还在办", "还在搞", "正在弄", "正在做", "正在办", "在推进", "在整改"];

    /// <summary>Work finished, as a bare statement ("9 好了，制度已印发"); like <see cref="Started"/>, only where the words stand alone.</summary>
    private static readonly string[] FinishedBare = ["好", "弄好", "做好", "办好", "搞好", "改好", "弄完", "做完", "干完", "办完", "搞完", "改完", "整改完", "整改完毕", "已整改完毕"];

    /// <summary>The work finished, in everyday words ("干完了", "办完了", "做好了").</summary>
    private static readonly string[] Finished = ["完成", "做完", "干完", "弄完", "办完", "搞完", "整改完", "办结", "做好", "弄好", "办好", "到位"];

    /// <summary>Not touched at all, so not started: "还有一条都没动的吗" (not 一直没动, which has stalled).</summary>
    internal static readonly string[] Untouched = ["一条都没动", "一项都没动", "一点都没动", "完全没动"];

    /// <summary>The work not finished: these win over <see cref="Finished"/>, which they contain.</summary>
    private static readonly string[] NotFinished = ["没完成", "没完的", "未完成", "没有完成", "没干完", "没弄完", "没整完", "没做完", "没办完", "没搞完", "没做好", "没弄好", "没到位", "未到位", "不到位"];

    /// <summary>
    /// Not closed yet, or waiting to be ("没销号", "还没走销号", "等着销号", "就差销号"): with <see cref="Finished"/>, the
    /// measures done and awaiting their close (已完成待销号).
    /// </summary>
    [GeneratedRegex(@"(?:没|未|待|等|差|准备)[^销消，。,\s]{0,3}[销消]")]
    private static partial Regex NotYetClosed();

    /// <summary>"待销号的", "还没销号": a close still to come is named.</summary>
    public static bool AwaitsCloseSaid(Utterance u) => NotYetClosed().IsMatch(u.Text);

    /// <summary>Closed ("销掉了的", "已经销了号的").</summary>
    private static readonly string[] ClosedWords = ["已销号", "销号了", "销掉", "销了号", "已经销号", "正式关闭", "关闭了", "已关闭"];

    /// <summary>"干完了还没销号的", "已完成待销号的": measures whose work is done and whose close is still to come.</summary>
    public static bool AwaitsClose(Utterance u) => u.HasAny(Finished) && AwaitsCloseSaid(u) && !u.HasAny(NotFinished);

    /// <summary>"销掉了的", "正式关闭了的": measures closed.</summary>
    public static bool AsksClosed(Utterance u) => u.HasAny(ClosedWords) && !AwaitsCloseSaid(u);

    /// <summary>
    /// The status when <paramref name="token"/> is a status word and nothing else ("已完成", "完成了", "done"),
    /// allowing a trailing 了/啦/。. "已完成摸底" is not: there the words describe what was done.
    /// </summary>
    public static MeasureStatus? Exactly(string token)
    {
        // "完成了哈", "已经全部整改到位了": a spoken particle after it, and 全部 inside it, do not change the status.
        var word = token.TrimEnd('了', '啦', '哈', '啊', '呀', '哦', '的', '!', '.', '。').Replace("全部", "");
        // "都已经办结了", "我们已经整改到位了": who and how many are not part of the status.
        while (Subjects.FirstOrDefault(s => word.StartsWith(s, StringComparison.Ordinal)) is { } subject && word.Length > subject.Length)
        {
            word = word[subject.Length..];
        }
        if (word.Length == 0 || word.Any(char.IsAsciiDigit))
        {
            return null;
        }
        foreach (var (w, status) in Extra)
        {
            if (word == w)
            {
                return status;
            }
        }
        // "已经在推进了": 已经 before work under way says no more than the work.
        if (Started.Contains(word) || (word.StartsWith("已经在", StringComparison.Ordinal) && Started.Contains(word[2..])))
        {
            return MeasureStatus.InProgress;
        }
        // "已经整改完毕": 已 and 已经 say it is so, as 了 does.
        if (FinishedBare.Contains(word) || (word.StartsWith('已') && FinishedBare.Contains(word.TrimStart('已').TrimStart('经'))))
        {
            return MeasureStatus.Done;
        }
        // Parse finds a word anywhere in its input; the token is a bare status word only when no shorter
        // piece of it (one character off either end) still holds one: "完成了吗" and "已完成摸底" are not.
        return MeasureStatusRules.Parse(word) is { } s && (word.Length == 1 || (MeasureStatusRules.Parse(word[1..]) is null && MeasureStatusRules.Parse(word[..^1]) is null))
            ? s
            : null;
    }

    /// <summary>The first status word anywhere in <paramref name="text"/>.</summary>
    public static MeasureStatus? In(string text)
    {
        if (MeasureStatusRules.Parse(text) is { } glossary)
        {
            return glossary;
        }
        foreach (var (w, status) in Extra)
        {
            if (text.Contains(w, StringComparison.Ordinal))
            {
                return status;
            }
        }
        return text.Contains("done", StringComparison.Ordinal) ? MeasureStatus.Done : null;
    }

    /// <summary>Which measures a list question asks for: 没完成 → open, 已完成 → done …</summary>
    public static MeasureFilter Filter(Utterance u)
    {
        // "常态化的那几项": the status named wins over 几项, which otherwise asks for what is left.
        if (In(u.Text) is MeasureStatus.Ongoing)
        {
            return MeasureFilter.Ongoing;
        }
        // Before 还没销号, which otherwise asks for everything left.
        if (AwaitsClose(u))
        {
            return MeasureFilter.Done;
        }
        // Before 还没, which otherwise asks for everything left: "还没开始的有哪几条"; with 推进中 too, both kinds left.
        if (u.HasAny("未启动", "没启动", "未开始", "没开始", "没动工", "not started") || u.HasAny(Untouched))
        {
            return u.HasAny("推进中", "在推进", "进行中") ? MeasureFilter.Open : MeasureFilter.NotStarted;
        }
        if (AsksClosed(u))
        {
            return MeasureFilter.Closed;
        }
        // "还有哪些没完": 没完 ending the question (not 没完没了).
        if (u.HasAny(NotFinished) || u.HasAny("还没", "没整改", "未整改", "没有整改", "没销号", "未销号", "剩下", "还剩", "unfinished", "open", "left")
            || u.Bare.EndsWith("没完", StringComparison.Ordinal))
        {
            return MeasureFilter.Open;
        }
        return In(u.Text) switch
        {
            MeasureStatus.InProgress => MeasureFilter.InProgress,
            MeasureStatus.Done => MeasureFilter.Done,
            MeasureStatus.Ongoing => MeasureFilter.Ongoing,
            MeasureStatus.Closed => MeasureFilter.Closed,
            // "还有几项": with no status named, how many asks what is left; "名下有几项", "一共几项" ask for all of them.
            _ when u.HasAny("几项", "多少项") && !u.HasAny("名下", "总共", "一共", "共有", "共几项") => MeasureFilter.Open,
            _ => MeasureFilter.All,
        };
    }

    /// <summary>
    /// "完成了八成", "进度80%", said alone: a part of the work done is work under way. Not a status word inside an account,
    /// where the figure is part of what is recorded.
    /// </summary>
    public static bool PartDone(string said) => PartDoneWords().IsMatch(said.AsSpan().TrimEnd("了啦哈啊。"));

    [GeneratedRegex(@"^(?:目前|现在)?(?:进度|完成)了?(?:[1-9]\d?%|[一二三四五六七八九]成)(?:左右)?$")]
    private static partial Regex PartDoneWords();
}
