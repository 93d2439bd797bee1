using RectifyBot.Import;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Import;

public class BadInputTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("红烧肉做法：五花肉切块，焯水后加糖炒色，小火炖一小时。")]
    [InlineData("关于召开年度工作会议的通知\n各科室：定于下周一召开会议，请准时参加。")]
    public void A_text_that_is_not_a_plan_says_so_in_one_sentence(string text)
    {
        var document = PlanParser.Parse(text);
        Assert.Equal(DocumentKind.Unknown, document.Kind);
        Assert.Equal("这份文件看起来不是整改方案或整改情况通报：没有找到编号的问题和整改措施。", document.Warnings[0]);
    }

    [Fact]
    public void Random_bytes_decoded_as_text_do_not_crash()
    {
        var random = new Random(20231020);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(0, 4000)];
            random.NextBytes(bytes);
            var document = PlanParser.Parse(DocumentReader.Decode(bytes));
            Assert.NotNull(document.Warnings);
        }
    }

    [Fact]
    public void Structural_noise_does_not_crash()
    {
        var pieces = new[] { "（一）", "1.", "（1）", "一是", "二是", "整改措施：", "责任单位：", "完成时限：", "【主管单位】", "一、", "关于“", "”问题", "13月底前", "2023年大寒节前", "每季度", "由科牵头", "\n", "。", "；", "（", "）" };
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 80)).Select(_ => pieces[random.Next(pieces.Length)]));
            _ = PlanParser.Parse("整改方案\n" + text, new DateOnly(2023, 8, 3));
        }
    }

    [SharedFact]
    public void A_partly_readable_plan_keeps_what_is_clear()
    {
        var lines = File.ReadAllLines(Shared.Seed("003"));
        // Lose the middle of the document, as a damaged paste would.
        var damaged = string.Join("\n", lines.Take(60).Concat(["@@@###", "（", "整改措施："]).Concat(lines.Skip(200)));

        var plan = PlanParser.Parse(damaged);

        Assert.Equal(DocumentKind.Plan, plan.Kind);
        Assert.True(plan.Measures.Count() is > 40 and < 158);
        Assert.Contains(plan.Warnings, w => w.StartsWith("文件称有", StringComparison.Ordinal));
    }
}

public class TitleTests
{
    [Theory]
    [InlineData("县民政局党组落实县委第一巡察组巡察反馈意见整改\n工作实施方案\n（1）由办公室牵头整改。")]
    [InlineData("海量文档 免费阅读\n县民政局党组落实巡察反馈\n意见整改工作实施方案\n（1）由办公室牵头整改。")]
    public void A_title_broken_over_two_lines_is_rejoined(string text)
    {
        var title = PlanParser.Parse(text, new DateOnly(2023, 8, 3)).Title;
        Assert.EndsWith("整改工作实施方案", title);
        Assert.StartsWith("县民政局党组落实", title);
    }
}
