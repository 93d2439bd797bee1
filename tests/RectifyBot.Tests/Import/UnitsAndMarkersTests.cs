using RectifyBot.Import;

namespace RectifyBot.Tests.Import;

public class UnitsAndMarkersTests
{
    [Theory]
    [InlineData("局机关规划财务科", "规划财务科")]
    [InlineData("县殡葬服务中心", "殡葬服务中心")]
    [InlineData("市局规划财务处", "规划财务处")]
    [InlineData("县委组织部", "县委组织部")]
    [InlineData("县政府办", "县政府办")]
    [InlineData("市场监管局", "市场监管局")]
    [InlineData("办公室", "办公室")]
    public void Canonical_unit_names_drop_whose_unit_it_is(string written, string canonical) =>
        Assert.Equal(canonical, UnitNames.Canonical(written));

    [Theory]
    [InlineData("由社会事务科牵头，加强检查", "社会事务科", "")]
    [InlineData("由社会救助科会同低保中心每月比对", "社会救助科", "低保中心")]
    [InlineData("由办公室负责人牵头，做好统筹", "办公室", "")]
    [InlineData("加强培训（牵头单位：扶贫办；责任单位：各村支部）", "扶贫办", "各村支部")]
    [InlineData("开展检查。责任科室：社会事务科、低保中心", "社会事务科、低保中心", "")]
    [InlineData("由分管领导牵头，开展约谈", "", "")]
    [InlineData("由办公室、组织人事科牵头，会同各支部开展", "办公室、组织人事科", "各支部")]
    [InlineData("开展专题研讨。由办公室牵头，会同人事科，年底前完成", "办公室", "人事科")]
    [InlineData("完善制度。办公室牵头，人事科、财务科配合", "办公室", "人事科、财务科")]
    [InlineData("每季度由社会事务科牵头到各乡镇走访", "社会事务科", "")]
    [InlineData("由计划财务科牵头、市财政局配合，对补贴发放情况开展全面复核", "计划财务科", "财政局")]
    [InlineData("由农村经营管理站牵头、各乡镇（街道）配合，开展合同清理", "农村经营管理站", "各乡镇（街道）")]
    [InlineData("开展检查（责任单位：社会治理办牵头，综治中心配合；完成时限：2023年9月底前）", "社会治理办", "综治中心")]
    [InlineData("开展检查（责任单位：党政办公室、城市管理办、各社区按职责分工负责）", "党政办公室、城市管理办、各社区", "")]
    [InlineData("开展检查。责任单位：资产管理股、各预算单位", "资产管理股", "各预算单位")]
    [InlineData("开展排查（牵头单位：镇党委办；配合单位：各村（社区）；完成时限：2024年6月底前）", "镇党委办", "各村（社区）")]
    [InlineData("由县图书馆牵头，文化馆配合，开展古籍普查", "图书馆", "文化馆")]
    [InlineData("由县农村供水总站牵头，各乡镇配合，开展水质抽检", "农村供水总站", "各乡镇")]
    [InlineData("开展排查。责任单位：机关纪委（牵头），各市场监管所（配合）", "机关纪委", "各市场监管所")]
    [InlineData("拥军优抚股会同各乡镇（街道）退役军人服务站，建立动态更新机制", "拥军优抚股", "各乡镇（街道）退役军人服务站")]
    [InlineData("修订财务管理制度，由办公室、财务室共同负责。", "办公室、财务室", "")]
    [InlineData("开展专项整治，每半年通报一次。由林场工会牵头，场办公室配合。", "林场工会", "场办公室")]
    [InlineData("院办公室每季度对意识形态工作开展一次分析研判，形成研判报告报党支部。", "院办公室", "")]
    [InlineData("由办公室牵头，党组每季度听取一次汇报。", "办公室", "")]
    [InlineData("开展业务技能比武。由人事教育股牵头，党建工作股、工会配合。", "人事教育股", "党建工作股、工会")]
    [InlineData("修订议事规则（责任处室：党政办公室；配合处室：团委）", "党政办公室", "团委")]
    [InlineData("经济发展办牵头，财政所、相关村配合，再次公开招租", "经济发展办", "财政所、相关村")]
    [InlineData("重新表决（责任单位：村两委，镇农经站、镇司法所配合；完成时限：8月底前）", "村两委", "镇农经站、镇司法所")]
    [InlineData("开展清查。责任单位：镇农经站牵头，各村（社区）配合", "镇农经站", "各村（社区）")]
    [InlineData("开展检查。责任单位：人事股、机关纪委配合", "人事股", "机关纪委")]
    public void Units_are_read_from_prose_and_fields(string text, string lead, string supporting)
    {
        var who = Responsibility.Read(text, []);
        Assert.Equal(lead, string.Join("、", who.LeadUnits));
        Assert.Equal(supporting, string.Join("、", who.SupportingUnits));
    }

    [Fact]
    public void Every_ending_of_a_unit_in_prose_is_a_last_character_of_a_unit() =>
        Assert.All(UnitNames.Ending.Trim('(', '?', ':', ')').Split('|'), ending => Assert.Contains(ending[^1], UnitNames.LastCharacters));

    [Theory]
    [InlineData("由分管领导牵头，开展约谈", "分管领导")]
    [InlineData("局党组书记巨伟同志牵头在民主生活会上剖析", "局党组书记巨伟同志")]
    [InlineData("由王五同志负责整理台账", "王五同志")]
    public void Responsible_leader_is_read_from_prose(string text, string leader) =>
        Assert.Equal(leader, Responsibility.Read(text, []).ResponsibleLeader);

    [Theory]
    [InlineData("一、总体要求", "Section", 1, "总体要求")]
    [InlineData("（十二）作风方面", "ParenChinese", 12, "作风方面")]
    [InlineData("(3)加强学习", "ParenArabic", 3, "加强学习")]
    [InlineData("（１５８）完善制度", "ParenArabic", 158, "完善制度")]
    [InlineData("（10240）完善制度", "ParenArabic", 10240, "完善制度")]
    [InlineData("4）建立台账", "ParenArabic", 4, "建立台账")]
    [InlineData("③开展检查", "ParenArabic", 3, "开展检查")]
    [InlineData("第二条 严格执行", "ParenArabic", 2, "严格执行")]
    [InlineData("2、学习不深入", "Arabic", 2, "学习不深入")]
    [InlineData("12.学习不深入", "Arabic", 12, "学习不深入")]
    [InlineData("三是安全意识不强", "Ordinal", 3, "安全意识不强")]
    [InlineData("2023.9.1召开会议", "None", 0, "2023.9.1召开会议")]
    [InlineData("1.5倍以内的对象", "None", 0, "1.5倍以内的对象")]
    [InlineData("问题1 党委作用发挥不充分", "Problem", 1, "党委作用发挥不充分")]
    [InlineData("措施12 对2022年以来员工招聘情况进行全面核查", "ParenArabic", 12, "对2022年以来员工招聘情况进行全面核查")]
    [InlineData("措施5制定不良贷款清收处置方案", "ParenArabic", 5, "制定不良贷款清收处置方案")]
    [InlineData("措施3项已完成", "None", 0, "措施3项已完成")]
    [InlineData("问题 2 个已整改", "None", 0, "问题 2 个已整改")]
    public void Numbering_forms(string line, string kind, int ordinal, string rest) =>
        Assert.Equal(new LineMarker(Enum.Parse<MarkerKind>(kind), ordinal, rest), LineMarker.Read(line));
}
