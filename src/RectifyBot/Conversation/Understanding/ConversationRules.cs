using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Conversation.Understanding;

/// <summary>Messages that are a single conversational word: 撤销, 帮助, 更多, 是/不, 我是谁, 我是李娜, 绑定 123456.</summary>
internal static partial class ConversationRules
{
    // Asked alone; 你能干啥, 能做什么 and their like are read by CanDo.
    private static readonly HashSet<string> HelpWords = ["帮助", "help", "你会什么", "有什么功能", "功能", "菜单", "怎么用", "使用说明", "说明", "/help", "what can you do", "帮帮我", "怎么操作"];

    /// <summary>What asks for help anywhere in a message: "有没有使用说明", "不知道怎么跟你说话".</summary>
    private static readonly string[] HelpPhrases =
    [
        "状态怎么改", "怎么改状态",
        "你能做什么", "你可以做什么", "能干啥", "能做啥", "能干什么", "有啥功能", "what can you do", "怎么用", "能做哪些", "能查哪些", "能干哪些",
        "介绍下功能", "介绍一下功能", "要怎么问", "怎么提问", "不太会用", "怎么报进度", "怎么报进展", "如何报进度", "如何报进展", "进度怎么报",
        "进展怎么报", "要怎么报", "该怎么报", "应该怎么报", "固定格式", "什么格式", "啥格式", "格式是啥", "格式是什么", "使用说明", "操作说明", "使用手册", "操作手册", "怎么跟你说", "怎么和你说",
        "能帮忙办理哪些", "能办理哪些", "能帮忙办哪些", "能办哪些", "能帮我做什么", "可以帮忙做什么", "怎么操作来着", "怎么弄来着", "怎么申请来着",
        "怎么申请", "如何申请", "要怎么申请", "该怎么申请", "咋用", "怎么传附件", "怎么上传", "如何上传", "怎么传材料", "怎么传文件",
        "在这里怎么", "有没有说明", "初次使用", "可以办理哪些", "办理哪些业务", "有格式吗", "要怎么发", "怎么重新提交",
    ];

    private static readonly string[] PraiseWords = ["聪明", "好用", "厉害", "真棒", "给力", "方便", "靠谱", "智能"];

    /// <summary>Thanks and greetings: answered with one short line. "好的" alone is a yes (it may answer a question).</summary>
    private static readonly string[] AckWords = LongestFirst(["谢谢", "多谢", "感谢", "谢了", "谢啦", "好嘞", "好滴", "好哒", "辛苦了", "辛苦", "收到", "好的", "好", "明白", "明白了", "知道了", "看到了", "了解", "ok", "嗯", "哈", "啦", "你好", "您好", "hi", "hello", "在吗", "thank you", "早上好", "下午好", "晚上好", "老师", "啊", "呀", "哈哈", "!", "了", "行", "我知道了", "知道啦", "小助手", "助手", "辛苦大家了", "大家辛苦了", "大家辛苦", "辛苦大家", "辛苦你了", "继续抓紧", "继续努力", "继续加油", "加油", "没别的事了", "没别的事", "没有别的事了", "没其他事了", "没有其他事了", "没事了", "辛苦各位了", "辛苦各位", "各位辛苦了", "各位辛苦", "加把劲", "再加把劲", "年底再加把劲", "周末愉快", "周末快乐", "周一愉快", "早", "早啊", "打扰了", "周末打扰了", "早点休息", "晚安", "已阅"]);

    // 巨局, 王科: a surname and 局 or 科 is how a director or a section chief is addressed.
    private static readonly string[] Titles = ["主任", "科长", "局长", "书记", "部长", "领导", "同志", "局", "科"];

    private static readonly string[] Thanks = ["谢谢", "多谢", "感谢", "辛苦了", "辛苦"];

    /// <summary>An undo in words, anywhere in a short message: "上一条撤销下", "刚才那条发错了 撤回一下".</summary>
    internal static readonly string[] UndoWords = ["撤销", "撤回", "撤掉", "撤了", "发错了", "发错", "写错了", "打错了", "弄错了", "搞错了", "undo"];

    private static readonly string[] MoreWords = LongestFirst(["更多", "more", "下一页", "下页", "继续", "next", "还有呢", "还有吧", "剩下的", "后面的", "后面的呢", "下面的呢", "下面呢", "也发一下", "发一下", "也发下", "也发出来", "发出来", "后面", "查看更多", "显示更多", "next page", "还有吗", "往下翻", "下翻", "往后翻", "翻页", "翻一页", "接着看", "后面呢", "再往下翻翻", "再往下翻", "往下翻翻", "翻翻", "接着往下列", "往下列", "接着列", "再", "往下", "翻一下", "下面还有没", "还有没", "还有没有", "morepls", "moreplease", "showmore", "就这几条", "就这三条", "就这两条", "就这几个", "就这些", "还有没有别的", "还有别的吗", "还有别的", "接着往下整", "往下整", "接着发", "接着发吧", "继续发"]);

    private static readonly string[] ConfirmWords = LongestFirst(["是", "是的", "好", "好的", "确认", "确定", "对", "对的", "可以", "行", "嗯", "嗯嗯", "ok", "okay", "yes", "y", "没问题", "同意", "要", "需要", "确认无误", "好滴"]);

    private static readonly string[] CancelWords = LongestFirst(["不", "不是", "不用", "不用了", "否", "取消", "算了", "不要", "no", "n", "cancel", "别", "不对", "不需要", "先不", "放弃", "不了", "那算了", "那就算了", "不加了", "不改了", "先不改了", "先不改", "不用改了", "不弄了", "先不弄了", "先不弄", "不撤了", "不撤", "先不报了", "不报了", "先不提了", "不提了", "先不提延期了", "先不申请了", "不申请了", "哦那算了", "哦算了", "噢那算了", "哦不用了", "噢不用了", "哦不用", "嗯不用了", "不用发了", "不用查了", "不用列了", "不查了", "不看了", "不发了", "等等", "等一下", "先别提交", "别提交"]);

    private static readonly HashSet<string> WhoAmIWords = ["我是谁", "我的身份", "who am i", "whoami", "我是哪个单位的", "我的单位", "我在哪个单位"];

    /// <summary>Words of one just arrived: 新来的, 新调过来的, 刚调来的, 新调入的.</summary>
    private const string Arrived = "(?:新|刚)(?:调)?(?:(?:过)?来|入)的?";

    // "刚进群 还不太熟悉 我叫周婷，政务服务科的": a word of arrival before; "你好 我是赵敏,刚调到低保中心的", "我是张磊,李娜的同事,刚调来社会事务科", "我是张敏，社会救助科新调来的联络员", "我是赵敏 低保中心新调过来的": a greeting
    // before, where one works after;
    // "hi～我叫刘洋，规划财务科的，刚调过来", "…以后整改的事请多指教", "…上周刚调过来": a word of arrival or courtesy last;
    // "之前在救助科": where one worked before; "刚接李娜的工作":
    // whose work they take over; "我是低保中心的刘洋，怎么绑定": how to bind, asked last; "我是社会救助科新来的 叫张敏": the name
    // said apart; "…以后我们这边的整改由我负责报", "…以后帮巨局跟一下整改进度": what they will do; "…刘晓燕，新来的，负责整改这块": two such words;
    // "巨局新来的秘书": whose secretary; "换了个新手机企业微信要重新登"; "各位领导好，…领导安排我负责报整改佐证材料", "…以后每月的月报由我来报".
    [GeneratedRegex(@"^(?:(?:你好|您好|大家好|各位好|各位领导好|各位领导同事好|各位同事好|领导好|各位老师好|hello|hi)[,!~～\s]*)?(?:(?:刚进群|新进群|刚入群|初来乍到|还不太熟悉|不太熟悉|报个到)[,!~～\s]+){0,2}(?:我是|我叫|本人系|本人是|i am|i'm|this is)\s*(?:\p{IsCJKUnifiedIdeographs}{2,8}?(?:科|课|中心|办公室|支部|党组|办)(?:" + Arrived + @"|的)?(?:工作人员|联络员|信息员)?|(?:" + Arrived + @"))?(?:[,\s]*(?:叫|名叫))?(?<name>\p{IsCJKUnifiedIdeographs}{2,4}|[a-z]+(?: [a-z]+)?)(?:[,\s]+(?:不是\p{IsCJKUnifiedIdeographs}{2,4}|(?:之前|原来|以前)(?:在|是)\p{IsCJKUnifiedIdeographs}{2,8}?(?:科|中心|办公室|支部|党组|办)的?|\p{IsCJKUnifiedIdeographs}{2,4}的(?:新)?同事|\p{IsCJKUnifiedIdeographs}{1,3}(?:局长|局|主任|书记)(?:新来的|的)(?:新)?(?:秘书|助理)|(?:刚|新)?接(?:手|替)?\p{IsCJKUnifiedIdeographs}{2,4}的(?:工作|活)|(?:是)?(?:刚|新)?(?:调到|调来|调入|分到|分配到|来到|到)?\p{IsCJKUnifiedIdeographs}{2,8}?(?:科|中心|办公室|支部|党组|办)(?:" + Arrived + @"|的新人|的新同事|的)?(?:联络员|信息员|工作人员|干事|同事)?)){0,2}(?:(?:[,\s]+|[啊呀][,\s]*)(?:(?:上周|上个月|前几天|这周|今天|昨天|最近|这两天)?(?:刚调过来|刚借调过来|刚来)(?:负责[^,;。!?]{1,24})?|\p{IsCJKUnifiedIdeographs}{0,6}让我(?:来这里|来)?(?:登记|绑定|注册)(?:一下|下)?|(?:今年|最近|这周|上周)?新来的|(?:之前|以前|还)?(?:没|没有|从没)用过(?:这个)?|第一次用(?:这个)?|(?:刚?换了?(?:个|的)?新?手机|(?:之前|原来)?(?:那个)?手机坏了)(?:[,\s]*(?:换了个?新?(?:号|手机)|重新加的|重新登(?:录)?的?(?:企业微信|企微|账号)?|(?:企业微信|企微|账号)(?:要|得|需要)?重新登(?:录)?(?:一下|下)?|(?:得|要|需要)?重新绑定?(?:一下|下)?(?:吧|啊)?))?|(?:这周|这几天|临时)?帮\p{IsCJKUnifiedIdeographs}{1,3}顶(?:一下|几天)|(?:以后)?(?:整改的事)?(?:请多指教|多多指教|请多关照|多多关照)|(?:请问|请|先|现申请|申请)?(?:怎么|如何|咋|要怎么|该怎么|帮我|麻烦)?绑(?:定)?(?:一下|下|身份)?(?:呢|啊|呀)?|(?:(?:今后|以后)[^,;。!?\s]{0,10}?)?(?:由我(?:来)?|(?:领导|科长|主任|局里)?(?:安排|让|叫)我|经\p{IsCJKUnifiedIdeographs}{1,6}安排)?(?:负责|对接)[^,;。!?]{0,24}|(?:(?:今后|以后)[^,;。!?\s]{0,10}?)?由我(?:来)?(?:报|填报|上报)|(?:今后|以后)(?:帮|替|协助)[^,;。!?]{1,24}|谢谢|多谢)[!~～?？。\s\p{So}\p{Cs}]*){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Bind();

    // "我刘洋，救助科新来的": 是 left out, so only with where one works after it.
    [GeneratedRegex(@"^我(?<name>\p{IsCJKUnifiedIdeographs}{2,3})[,\s]+(?:是)?\p{IsCJKUnifiedIdeographs}{2,8}?(?:科|中心|办公室|支部|党组|办)(?:" + Arrived + @"|的)$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortBind();

    // "剩下那4个呢", "还有呢，后面几个科室也列出来", "还有呢？后面那20多条也发我一下": the rest of the list shown.
    // "还有呢？就这5个？", "还有呢 不止这三条吧": asked twice, the list's count said.
    [GeneratedRegex(@"^(?:还有呢\??)?(?:剩下|其余|其他|后面)(?:的|那)?(?:\d{1,3}|[几两二三四五六七八九十]{1,2})?多?(?:个|项|条)?(?:科室|单位)?(?:呢|吗|也发一下|也发我一下|发我一下|也列一下|也列出来|也发出来)?$|^(?:还有呢|还有吗|还有没有)\??(?:就这|不止这|不只这)(?:\d{1,3}|[几两二三四五六七八九十]{1,2})(?:个|项|条)[吧吗]?\??$")]
    private static partial Regex RestOfList();

    [GeneratedRegex(@"^(?:请|让|由)(?:整改办|局办公室|办公室)(?:牵头|负责|组织|通知|约谈|督促|抓紧|尽快|安排)")]
    private static partial Regex ToTheOffice();

    [GeneratedRegex(@"(?:去|找)[^,，。;?]{0,12}当面(?:说|谈|聊|汇报|沟通|请示)")]
    private static partial Regex InPerson();

    [GeneratedRegex(@"等[^,，。?？]{1,12}再(?:一块|一起)?(?:说|看|定|议|报)[吧啊哈呢]?[。!]?$")]
    private static partial Regex PutOffUntil();

    // "请各科室周五前把进度更新到位", "各科室注意：本周五下班前…": the units told what to do.
    [GeneratedRegex(@"(?:^|[,。;!\s])请(?:各科室|各单位|各部门|各位)[^,。;!?]{0,16}(?:更新|报送|上报|填报|抓紧|落实)|^(?:各科室|各单位|各部门|各位)(?:请)?注意[:\s]")]
    private static partial Regex ToTheUnits();

    // "算了 不用了，周五前能弄完": not needed, the work will be done in time. "算了 先不退了 我再跟他们沟通下": held back,
    // to be talked over first; "…过两周再说吧": or later; "算了，不用导了", "算了不用了 我回头自己去看"; "等等 先别提交 …".
    [GeneratedRegex(@"^(?:不用了?[,，\s]*)?(?:(?:这|那)(?:几|两|些)?[条项个段]?)?(?:我(?:先|回头)?问(?:问|下|一下)[^,，。]{0,6}再说|(?:先不|不用)\p{IsCJKUnifiedIdeographs}{1,2}了|先别\p{IsCJKUnifiedIdeographs}{1,2}|我再(?:跟|和|同)[^,，。]{0,8}(?:沟通|商量|联系|说)|过[^,，。]{0,6}再(?:说|弄|看|办|处理|报)|我(?:回头|等会|待会)?(?:自己|直接)|先放(?:着|一放)|先搁着|放一放|回头再|以后再|晚点再|等[^,，。]{0,12}再说|(?:明天|明早|下午|回头|改天|下周)[^,，。]{0,8}再(?:弄|说|看|办|处理|报)|[^,，。]{0,8}(?:能|可以)(?:弄完|完成|做完|办完)|来得及)")]
    private static partial Regex Otherwise();

    // 你能干啥, 你都会做些什么, 能帮我干啥, 能干嘛: what the bot can do, asked in a short message.
    [GeneratedRegex(@"(?:能|会|可以)(?:帮我|帮)?(?:干|做|查)(?:些|点)?(?:啥|什么|嘛)|能问(?:它|你)?(?:些|点)?(?:啥|什么)", RegexOptions.CultureInvariant)]
    private static partial Regex CanDo();

    // 绑定 123456 / 绑定码123456 / 网页上给的验证码 583920 帮我绑定一下: the one-time code from the web page.
    // "网页上给了一个绑定码 482617，麻烦帮我绑一下": where the code came from, said first; "陈主任刚发我一个码 730518 让我发到
    // 这里绑一下": a code, and what it is for after it. "绑定 幺三五七九二": dictated.
    [GeneratedRegex(@"^(?:[^\d]{0,24}[\s,，。])?(?:绑定码?|bind)\s*[:：]?\s*(?<code>\d{6}|\d{3} \d{3}|[零〇一二三四五六七八九幺两]{6})(?:[\s,，。!！]+[^\d]{0,12})?$|^[^\d]{0,12}(?:验证码|绑定码)(?:是)?\s*[:：]?\s*(?<code>\d{6}|\d{3} \d{3})(?:\s*[,，]?\s*(?:麻烦)?(?:帮我|请)?(?:绑定|绑)(?:一下|下)?)?$|^[^\d]{0,24}码[^\d]{0,4}(?<code>\d{6})[^\d]{0,6}(?:让我|叫我|要我)?[^\d]{0,8}绑(?:定)?(?:一下|下)?[^\d]{0,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex BindCode();

    /// <summary>A set of words for <see cref="IsMadeOf"/>: the longest first, so that the first that fits is the longest.</summary>
    private static string[] LongestFirst(string[] words) => [.. words.Distinct().OrderByDescending(w => w.Length)];

    /// <summary>
    /// A promise to act soon: "我下午补上", "我们马上弄", "下午就把签到表补上", "明早再补材料", "月底前一定弄完", "我下周一再把材料传上来",
    /// "等周五我统一催一下", "我科将严格按照要求抓好落实"; to pass it on: "我跟小李说一声".
    /// </summary>
    [GeneratedRegex(@"(?:我们?[^,，。]{0,6}?)?(?:下午|明天|明早|今天|马上|稍后|尽快|抓紧|这就|晚点|回头|一定|务必|保证|争取|下周|周[一二三四五六日天]|月底|年底|再|统一)|(?:我们?|我科|本科)将|我(?:跟|和|给)\p{IsCJKUnifiedIdeographs}{1,3}(?:说一声|说一下|转告一下|讲一声)")]
    private static partial Regex WillDo();

    /// <summary>
    /// Thanks and greetings, with whom they are for at the end: "收到，谢谢陈主任", "好的 谢谢陈奇奇主任", "谢谢巨局",
    /// and a name alone right after the thanks ("👍好的，谢谢奇奇").
    /// </summary>
    private static bool IsThanks(string joined)
    {
        if (IsMadeOf(joined, AckWords))
        {
            return true;
        }
        var title = Titles.FirstOrDefault(t => joined.EndsWith(t, StringComparison.Ordinal));
        if (title is null && !Thanks.Any(t => joined.Contains(t, StringComparison.Ordinal)))
        {
            return false;
        }
        var said = joined.AsSpan(0, joined.Length - (title?.Length ?? 0));
        for (var name = 1; name <= 3 && name < said.Length; name++)
        {
            if ((title is not null || EndsWithThanks(said[..^name])) && IsMadeOf(said[..^name], AckWords))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The message is only words of the set, run together or spaced: "好的确认", "是的 是的". <paramref name="joined"/> is
    /// the bare message without its spaces and commas.
    /// </summary>
    private static bool EndsWithThanks(ReadOnlySpan<char> said)
    {
        foreach (var thanks in Thanks)
        {
            if (said.EndsWith(thanks, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsMadeOf(ReadOnlySpan<char> joined, string[] wordsLongestFirst)
    {
        var rest = joined;
        while (rest.Length > 0)
        {
            var length = 0;
            foreach (var word in wordsLongestFirst)
            {
                if (rest[0] == word[0] && rest.StartsWith(word))
                {
                    length = word.Length;
                    break;
                }
            }
            if (length == 0)
            {
                return false;
            }
            rest = rest[length..];
        }
        return joined.Length > 0;
    }

    /// <summary>
    /// What no rule read, opened by an acknowledgement and closed with thanks: "收到收到 降温了大家注意保暖，辛苦了🙏".
    /// Tried last, so that "收到 帮我导出台账 辛苦了" is the export.
    /// </summary>
    public static Intent? Courtesy(Message m)
    {
        var joined = m.U.Bare.Replace(" ", "").Replace(",", "").Replace("，", "");
        return m.Measures.Count == 0 && !m.IsQuestion && AckWords.Any(w => w.Length >= 2 && joined.StartsWith(w, StringComparison.Ordinal))
            && Thanks.Any(w => joined.TrimEnd('!', '了', '啦', '呀').EndsWith(w, StringComparison.Ordinal))
            ? new Acknowledge()
            : null;
    }

    /// <summary>A notice passed on to the group, marked so by the client: "【转发】县纪委：…", "[转发] …".</summary>
    internal static bool IsForwarded(string text) =>
        text.StartsWith("【转发】", StringComparison.Ordinal) || text.StartsWith("[转发]", StringComparison.Ordinal);

    // "怎么看我发的东西到底发出去没有", "有没有办法确认记上了": how to tell whether a message arrived.
    [GeneratedRegex(@"(?:怎么|如何|咋|有没有(?:啥|什么)?办法)(?:才能)?(?:看|知道|确认|查)[^?]{0,12}?(?:发出去|发成功|发过去|记上|录上|收到|报上)")]
    private static partial Regex WentThrough();

    public static Intent? Match(Message m)
    {
        // "【转发】县纪委：请各单位于本周五前报送…": a notice passed on to the group asks nothing of the assistant.
        // "请整改办牵头约谈一下逾期较多的单位负责人": the leader's instruction to the office, not a request of the assistant.
        // "各位同事，从本周起…请各科室每周五前把进度更新到位": the units told what to do, not a request of the assistant.
        // "延期那个事我下午直接去办公室找陈主任当面说吧": what will be said to someone in person.
        if (IsForwarded(m.U.Text) || ToTheOffice().IsMatch(m.U.Text) || (ToTheUnits().IsMatch(m.U.Text) && !m.IsQuestion)
            || (m.U.Has("当面") && m.Measures.Count == 0 && InPerson().IsMatch(m.U.Text) && !m.IsQuestion))
        {
            return Understood.For(m);
        }
        var bare = m.U.Bare;
        var named = m.Measures.Any(x => x.Ref is { FromConversation: false });
        if (bare.StartsWith("撤销", StringComparison.Ordinal) || bare.StartsWith("撤回", StringComparison.Ordinal) || bare.StartsWith("undo", StringComparison.Ordinal))
        {
            // Undo is always of the sender's last write; naming a measure number suggests they mean something else.
            // "撤销 认领错了 应该是26": the numbers say what went wrong, not what to undo.
            // "撤回一下 刚那条数字填错了 412.36应该是421.36": what was wrong, told at length.
            var wrong = m.U.HasAny("错了", "发错", "弄错", "搞错");
            return (!named && (bare.Length <= 16 || (wrong && bare.Length <= 40))) || (bare.Length <= 24 && wrong)
                ? new Undo()
                : new Clarify("“撤销”只能撤销您最近的一次操作。要撤销最近一次吗？", [new ClarifyOption("撤销最近一次操作", new Undo())]);
        }
        // "刚才那条发错了😓 撤回一下 应该是第五十二项 我重发": the last message taken back, whatever it should have said;
        // "刚才第12项那条撤回一下，金额写成32.5万了，我核对完再重发": with what was wrong in it, to be sent again.
        if (((m.U.HasAny("刚才那条", "刚才那个", "上一条", "刚发的", "刚才发的") && m.U.HasAny("发错", "错了")) || (m.U.Has("刚才") && m.U.HasAny("重发", "重新发", "多报了", "多发了", "发重了", "报重了", "重复发", "重复报")))
            && m.U.HasAny("撤回", "撤销", "撤掉") && !m.IsQuestion)
        {
            return new Undo();
        }
        // Elsewhere in the message only when it names no measure and asks nothing: "51 已撤销3个登记" is an update; nor
        // when it gives what is right ("这条延期时间写错了，是明年六月底 不是今年六月底").
        // "第41项延期改成月底 撤回原来的" puts a request right; "刚才那条延期申请撤回 发错项了" undoes it.
        if (m.U.HasAny(UndoWords) && !m.U.HasAny("不撤", "别撤", "不用撤") && !named && !m.IsQuestion && bare.Length <= 24 && m.Dates.Count == 0 && !m.U.HasAny("应该是", "改成", "改为")
            && (!m.U.Has("延期") || m.U.HasAny("刚才", "刚刚")))
        {
            return new Undo();
        }
        // "…比如3、4、5项一起报进度要怎么写": how to say it, with an example.
        if (HelpWords.Contains(bare) || (bare.StartsWith("帮助", StringComparison.Ordinal) && bare.Length <= 4) || m.U.HasAny(HelpPhrases)
            || (m.U.HasAny("比如", "例如") && m.U.HasAny("怎么写", "怎么说", "怎么发", "怎么报")) || (m.IsQuestion && m.Measures.Count == 0 && WentThrough().IsMatch(m.U.Text))
            || ((bare.Length <= 10 || m.U.HasAny("助手", "机器人", "你这个", "你到底", "你都", "这玩意", "这个东西", "这东西", "第一次用", "刚来")) && (CanDo().IsMatch(bare) || m.U.HasAny("哪些功能", "什么功能", "啥功能", "怎么操作", "认得不", "认得吗", "认不认得", "认识不", "能识别", "能认出", "看得懂吗", "看得懂不"))))
        {
            return new Help();
        }
        var joined = bare.Replace(" ", "").Replace(",", "").Replace("，", "");
        // "还有吗 下一页": more words said together, and dictated ("嗯还有呢 往下"); "剩下那4个呢".
        // "还有呢？就这三条？": asked twice.
        if (IsMadeOf((joined.Contains('?') ? joined.Replace("?", "") : joined).AsSpan().TrimStart("嗯呃"), MoreWords) || RestOfList().IsMatch(joined))
        {
            return new ShowMore();
        }
        if (IsMadeOf(joined, ConfirmWords))
        {
            return new ConfirmPending();
        }
        // "收到，销号材料我下午补上": acknowledged, with what they will do and no measure named; nothing to write.
        // "哈哈 你这机器人还挺聪明 刚才申请销号一下就弄好了👍": praise for the assistant, whatever it recalls having done.
        if (IsThanks(joined) || (m.Measures.Count == 0 && !m.IsQuestion && AckWords.Any(w => w.Length >= 2 && joined.StartsWith(w, StringComparison.Ordinal)) && WillDo().IsMatch(bare))
            || (m.Measures.Count == 0 && !m.IsQuestion && m.U.HasAny("机器人", "助手", "你这", "你真", "你还") && m.U.HasAny(PraiseWords)))
        {
            return new Acknowledge();
        }
        // "算了不用了 我自己去翻台账": called off, and done another way; "算了 先放着吧 等她们补齐再说", "…明天到单位再弄": or later.
        // "算了，那几条先不报了": of what was just talked about.
        // "算了这段先不报了，数字还得…": 算了 with no break after it.
        if (IsMadeOf(joined, CancelWords) || (!named && !m.IsQuestion && bare.AsSpan().IndexOfAny(" ,，") is > 0 and var cut
            && IsMadeOf(bare.AsSpan(0, cut), CancelWords) && Otherwise().IsMatch(bare.AsSpan(cut + 1).TrimStart()))
            || (!named && !m.IsQuestion && bare.StartsWith("算了", StringComparison.Ordinal) && Otherwise().IsMatch(bare.AsSpan(2).TrimStart(" ,，"))))
        {
            return new CancelPending();
        }
        // "@李娜 你们那几条等周五开完会再说", "他那几条等他回来我再一块报": what is put off until something happens (not "能不能先…还是得
        // 等…再说", which asks).
        if (!named && bare.Contains('再') && !m.IsQuestion && PutOffUntil().IsMatch(bare) && !m.U.HasAny("能不能", "还是"))
        {
            return Understood.For(m);
        }
        // "你知道我是谁吗 我现在绑的是哪个科室", "你那边显示我是哪个科的？".
        // "调整完我在系统里现在挂的是哪个科室？查下我自己的身份".
        if (WhoAmIWords.Contains(bare) || (bare.Length <= 40 && !named && (m.U.HasAny("我是谁", "我是哪个", "我是哪一个", "我属于哪", "绑的是哪", "绑定的是哪", "绑的哪", "绑在哪", "绑定的哪", "我现在算哪", "我算哪个", "算哪个单位", "算哪个科", "绑的是谁", "绑定的是谁", "登的是哪", "登录的是哪", "哪个账号", "什么账号", "啥账号", "谁的身份", "什么身份", "显示的是谁", "显示我是", "系统里是哪", "绑定的身份", "挂在哪", "所属科室是哪", "所属单位是哪", "绑的是我", "是不是绑在")
            || (m.Measures.Count == 0 && m.U.Has("我") && m.U.HasAny("挂的是哪", "自己的身份", "显示的是哪") && !m.U.Has("身份证"))
            // "我是不是已经绑定好了": whether one is bound at all.
            || (m.Measures.Count == 0 && m.IsQuestion && m.U.Has("我") && m.U.HasAny("绑定好", "绑好", "绑上", "绑定上", "绑定成功")))))
        {
            return new WhoAmI();
        }
        if (BindCode().Match(bare) is { Success: true } code)
        {
            // "绑定码：830 417": read as shown, in two halves.
            return new BindWithCode(ChineseNumber.Parse(code.Groups["code"].Value.Replace(" ", "", StringComparison.Ordinal))!.Value.ToString("D6", CultureInfo.InvariantCulture));
        }
        return Introduced(bare) is { } name ? new BindIdentity(name) : null;
    }

    /// <summary>
    /// Who one says one is, with up to three clauses after it that ask and report nothing: "我是原低保中心的赵磊，机构改革后划到
    /// 社会救助科了，之前没绑定过", "…刘晓燕，李娜姐休产假期间整改这块由我来跟，请多指教🙏".
    /// </summary>
    private static string? Introduced(string bare)
    {
        // "换新手机了 我是救助科的王强": an aside before it, too.
        if (bare.IndexOf("我是", StringComparison.Ordinal) is > 1 and var at && ClauseBreakChars.Contains(bare[at - 1]) && Aside(bare.AsSpan(0, at - 1)))
        {
            bare = bare[at..];
        }
        for (var (said, dropped) = (bare, 0); ; dropped++)
        {
            if ((Bind().Match(said) is { Success: true } bind ? bind : ShortBind().Match(said)) is { Success: true } me)
            {
                return me.Groups["name"].Value;
            }
            if (dropped == 3 || (!said.Contains("我是", StringComparison.Ordinal) && !said.Contains("我叫", StringComparison.Ordinal))
                || said.AsSpan().LastIndexOfAny(ClauseBreaks) is not (> 0 and var cut) || !Aside(said.AsSpan(cut + 1)))
            {
                return null;
            }
            said = said.AsSpan(0, cut).TrimEnd(ClauseBreakChars).ToString();
        }
    }

    /// <summary>
    /// A clause that asks and reports nothing: no number but a day ("11月20号刚调过来的"), no question, no word of a request
    /// or a status.
    /// </summary>
    private static bool Aside(ReadOnlySpan<char> clause) =>
        !(clause.ContainsAny("0123456789") ? Day().Replace(clause.ToString(), "") : clause).ContainsAny("0123456789?？吗") && !clause.ContainsAny(NotAside);

    [GeneratedRegex(@"\d{1,2}月\d{1,2}[日号]")]
    private static partial Regex Day();

    private const string ClauseBreakChars = ",， 。;";

    private static readonly SearchValues<char> ClauseBreaks = SearchValues.Create(ClauseBreakChars);

    private static readonly SearchValues<string> NotAside = SearchValues.Create(["认领", "申请", "延期", "销号", "完成", "进展", "逾期", "到期", "哪", "多少", "几项", "几条", "第"], StringComparison.Ordinal);
}
