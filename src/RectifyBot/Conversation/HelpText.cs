using RectifyBot.Conversation.Understanding;
using RectifyBot.Rectification;

namespace RectifyBot.Conversation;

internal static class HelpText
{
    /// <summary>帮助, its examples from the store the user is in: two of its measure numbers and the user's own unit.</summary>
    public static string For(Actor actor, int a, int b)
    {
        var unit = actor.UnitName is { } name ? UnitNameResolver.ShortForm(name) : "办公室";
        var lines = new List<string>
        {
            "我可以帮您：",
            $"· 查逾期：{unit}逾期 / 我们科有哪些逾期的",
            "· 查到期：本周到期的有哪些 / 10天内到期",
            $"· 查一项：第{a}项什么情况",
            "· 查进度：整体进度怎么样 / 我们科还有几项没完成",
            $"· 认领：我们科认领第{a}、{b}项",
            $"· 报进展：{a} 完成 已对5个僵尸组织完成调查，清理3个",
            "· 交材料：说完某一项后直接发送照片或文件",
            $"· 申请销号：第{a}项申请销号",
            $"· 申请延期：第{b}项申请延期到2025年12月底，原因是资金未到位",
            "· 撤销：撤销（10分钟内自己的上一次操作）",
            "· 查往年做法：以前的方案里“活人墓”是怎么整改的",
            "· 起草措施：帮我起草针对“三公经费不降反增”的整改措施",
            "· 今日提醒：今天有哪些要提醒的",
        };
        if (actor.IsOffice)
        {
            lines.Add($"· 审核：同意{a}销号 / 退回{a}，佐证材料不全");
            lines.Add("· 审核清单：有哪些待审核的销号 / 延期申请有几个 / 被退回的有哪些");
            lines.Add("· 还有哪些措施没人认领");
            lines.Add("· 责任交接：把李娜负责的措施交接给赵敏");
            lines.Add("· 集中整改阶段结束（长期坚持的措施转为定期报告）");
        }
        if (actor.IsLeader)
        {
            lines.Add($"· 销号签字：签字{a} / 确认{a}销号");
        }
        if (actor.IsOffice || actor.IsLeader)
        {
            lines.Add("· 排名和趋势：哪个科室逾期最多 / 本周完成了哪些 / 跟上周比怎么样 / 两周没更新的有哪些");
            lines.Add($"· 审批延期：同意{b}延期");
        }
        return string.Join("\n", lines);
    }
}
