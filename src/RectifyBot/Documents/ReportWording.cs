using System.Text;
using System.Text.RegularExpressions;

namespace RectifyBot.Documents;

/// <summary>
/// How recorded words become a report's words: a measure's action clause instead of its number, a phone message
/// as a report sentence, quotation marks nested as print requires. Figures are never touched.
/// </summary>
public static partial class ReportWording
{
    /// <summary>How long a short action may grow, in characters: the annex's column and the report's clauses.</summary>
    public const int ShortAction = 30;

    /// <summary>
    /// The clause of a measure that names the action: its first sentence without who leads it ("由社会事务科牵头，"),
    /// cut at a comma once it is long. "推进项目进度，强化督促检查。由社会事务科牵头，加强……" → 推进项目进度，强化督促检查.
    /// </summary>
    public static string Action(string measureText)
    {
        var text = Assignment().Replace(measureText.Trim(), "");
        var end = text.IndexOfAny(['。', '；', ';', '\n']);
        var sentence = (end > 0 ? text[..end] : text).Trim().TrimEnd('，', ',', '：', ':');
        if (sentence.Length <= ShortAction)
        {
            return sentence;
        }
        var clauses = sentence.Split('，');
        var action = new StringBuilder(clauses[0]);
        foreach (var clause in clauses.Skip(1))
        {
            if (action.Length + 1 + clause.Length > ShortAction)
            {
                break;
            }
            action.Append('，').Append(clause);
        }
        return action.Length <= ShortAction + 10 ? action.ToString() : action.ToString(0, ShortAction) + "……";
    }

    /// <summary>
    /// A recorded update as a sentence of a report: chat fillers ("附现场照片", "请审核") and time words the date
    /// already says ("今天") out, "我们科" as the unit, half-width punctuation as full-width, a closing 。.
    /// Returns "" when nothing of substance is left.
    /// </summary>
    public static string Sentence(string update, string? unit)
    {
        var text = update.Trim();
        text = Filler().Replace(text, "");
        text = TimeWord().Replace(text, "");
        text = SelfReference().Replace(text, unit ?? "");
        text = text.Replace("已经", "已");
        // Half-width punctuation between Chinese words; a comma between digits (1,200) stays.
        text = HalfWidthComma().Replace(text, "，");
        text = text.Replace(';', '；').Replace('!', '。').Replace('！', '。').Replace('~', '。').Replace('～', '。');
        text = text.Replace(':', '：');
        text = RepeatedStop().Replace(text, m => m.Value[..1]);
        text = text.Trim(' ', '，', '。', '；', '、', '：');
        return text.Length < 2 ? "" : text + "。";
    }

    /// <summary>Whether a report sentence opens with what was done (已完成…, 对…开展, 召开…), so a unit can stand before it as its subject.</summary>
    public static bool StartsWithAction(string sentence) => ActionStart().IsMatch(sentence);

    /// <summary>
    /// Wraps text in “…”, turning the quotation marks inside to ‘…’ (and those inside them back to “…”), so that
    /// quotes nest as print requires: 关于“践行‘民政为民、民政爱民’工作理念不到位”问题.
    /// </summary>
    public static string Quote(string text) => "“" + Nest(text, 1) + "”";

    private static string Nest(string text, int depth)
    {
        var sb = new StringBuilder(text.Length);
        var level = depth;
        foreach (var c in text)
        {
            switch (c)
            {
                case '“' or '‘':
                    sb.Append(level % 2 == 1 ? '‘' : '“');
                    level++;
                    break;
                case '”' or '’' when level > depth:
                    level--;
                    sb.Append(level % 2 == 1 ? '’' : '”');
                    break;
                case '”' or '’':
                    // A closing mark with nothing open is a typing slip in the record: dropped.
                    break;
                case '"':
                    // Straight quotes alternate: open when none is open here, else close.
                    if (level == depth)
                    {
                        sb.Append(level % 2 == 1 ? '‘' : '“');
                        level++;
                    }
                    else
                    {
                        level--;
                        sb.Append(level % 2 == 1 ? '’' : '”');
                    }
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        // An unclosed quote in the record is closed at the end, so the outer mark still pairs.
        while (level > depth)
        {
            level--;
            sb.Append(level % 2 == 1 ? '’' : '”');
        }
        return sb.ToString();
    }

    /// <summary>Whether every quotation mark in the text pairs with one of the right kind at the right depth.</summary>
    public static bool QuotesNest(string text)
    {
        var open = new Stack<char>();
        foreach (var c in text)
        {
            if (c is '“' or '‘')
            {
                // Double outside, single inside, double inside that.
                if (c != (open.Count % 2 == 0 ? '“' : '‘'))
                {
                    return false;
                }
                open.Push(c);
            }
            else if (c is '”' or '’')
            {
                if (open.Count == 0 || open.Pop() != (c == '”' ? '“' : '‘'))
                {
                    return false;
                }
            }
        }
        return open.Count == 0;
    }

    // 由社会事务科牵头，/ 由社会救助科会同低保中心 / 由办公室负责 at the start or inside the first sentence.
    [GeneratedRegex(@"(?:由|请)[^，。；由]{1,24}?(?:牵头(?:负责)?|负责|会同[^，。；]{1,16}?(?=[，每对开定建组]))[，、]?")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^(?:已|正在|完成|开展|组织|召开|制定|建立|修订|印发|督促|推进|落实|梳理|清退|拆除|排查|核查|核实|走访|形成|对|在|将|把|向|与|按|经|通过|根据|针对|会同|联合|启动|编制|举办|实施|加强|持续|深入|全面|逐|再|又|共|累计)")]
    private static partial Regex ActionStart();

    // What a phone message adds that a report does not say, from a clause boundary to the next.
    [GeneratedRegex(@"(?:^|[，,。；;\s]+)(?:(?:附|另附|已附|详见|见|附上|上传了?|发了?|已上传)[^，,。；;]{0,10}?(?:照片|图片|截图|附件|佐证材料|佐证|材料|视频)(?:[0-9一二三四五六七八九十几]+[张份个])?|请(?:领导|整改办)?(?:审核|查收|审阅|查看|过目|指示)|麻烦[^，,。；;]*|谢谢|辛苦了?|收到|好的)(?=[，,。；;！!～~\s]|$)")]
    private static partial Regex Filler();

    [GeneratedRegex(@"(?:^|(?<=[，。；]))(?:今天|今日|刚刚|刚才|昨天|上午|下午|目前为止)[，,]?")]
    private static partial Regex TimeWord();

    [GeneratedRegex(@"我们科室?|我科室?|我们单位|我单位|本科室|我们中心|我中心|我们(?=[已在对将把])")]
    private static partial Regex SelfReference();

    [GeneratedRegex(@"(?<!\d),|,(?!\d)")]
    private static partial Regex HalfWidthComma();

    [GeneratedRegex(@"([。；，])[。；，]+")]
    private static partial Regex RepeatedStop();
}
