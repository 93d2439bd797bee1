using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RectifyBot.Host.Channels.WeCom;

namespace RectifyBot.Host.Tests.Channels.WeCom;

public partial class WeComReplySplitterTests
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>User-perceived characters of 1 to 25 UTF-8 bytes: ASCII, CJK, emoji (surrogate pairs), a ZWJ family, a combining accent.</summary>
    private static readonly string[] Atoms = ["a", "7", " ", "整", "改", "措", "施", "，", "（", "🏛️", "✅", "😀", "👨‍👩‍👧‍👦", "e\u0301", "\n"];

    [GeneratedRegex(@"^（(\d+)/(\d+)）\n")]
    private static partial Regex Numbering();

    [Fact]
    public void A_reply_within_the_limit_is_one_unnumbered_part()
    {
        Assert.Equal(["社会事务科有3项逾期措施。"], WeComReplySplitter.Split("社会事务科有3项逾期措施。", WeComReplySplitter.TextMaxBytes));
    }

    [Fact]
    public void A_long_reply_is_split_at_line_breaks_into_numbered_parts()
    {
        string[] lines = [.. Enumerable.Range(1, 300).Select(i => $"（{i}）社会事务科牵头，2026年1月31日前完成。")];

        var parts = WeComReplySplitter.Split(string.Join("\n", lines), WeComReplySplitter.TextMaxBytes);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(Encoding.UTF8.GetByteCount(p) <= WeComReplySplitter.TextMaxBytes));
        Assert.StartsWith($"（1/{parts.Count}）\n（1）社会事务科牵头，", parts[0]);
        Assert.Equal(lines, parts.SelectMany(p => Numbering().Replace(p, "").Split('\n')));
    }

    [Fact]
    public void A_single_overlong_line_of_emoji_is_cut_between_characters()
    {
        string line = string.Concat(Enumerable.Repeat("😀整", 1000));

        var parts = WeComReplySplitter.Split(line, WeComReplySplitter.TextMaxBytes);

        Assert.All(parts, p => Assert.True(StrictUtf8.GetByteCount(p) <= WeComReplySplitter.TextMaxBytes));
        Assert.Equal(line, string.Concat(parts.Select(p => Numbering().Replace(p, ""))));
    }

    [Fact]
    public void Numbering_grows_to_two_digits_and_still_fits()
    {
        string text = string.Join("\n", Enumerable.Repeat(new string('整', 20), 200));

        var parts = WeComReplySplitter.Split(text, 64);

        Assert.True(parts.Count >= 10);
        Assert.All(parts, p => Assert.True(Encoding.UTF8.GetByteCount(p) <= 64));
        Assert.StartsWith($"（{parts.Count}/{parts.Count}）\n", parts[^1]);
    }

    [Fact]
    public void Random_cjk_and_emoji_text_never_exceeds_the_limit_nor_breaks_a_character()
    {
        var random = new Random(20261122);
        for (int run = 0; run < 400; run++)
        {
            int maxBytes = random.Next(4) switch
            {
                0 => 64,
                1 => random.Next(64, 300),
                2 => WeComReplySplitter.TextMaxBytes,
                _ => WeComReplySplitter.RobotMarkdownMaxBytes,
            };
            string text = string.Concat(Enumerable.Range(0, random.Next(0, 3000)).Select(_ => Atoms[random.Next(Atoms.Length)]));

            var parts = WeComReplySplitter.Split(text, maxBytes);

            var bodies = new List<string>();
            for (int i = 0; i < parts.Count; i++)
            {
                Assert.True(StrictUtf8.GetByteCount(parts[i]) <= maxBytes, $"run {run}: part {i} is over {maxBytes} bytes");
                var numbering = Numbering().Match(parts[i]);
                Assert.True(parts.Count == 1 || numbering.Value == $"（{i + 1}/{parts.Count}）\n", $"run {run}: part {i} numbering");
                string body = parts[i][numbering.Length..];
                Assert.All(TextElements(body), e => Assert.Contains(e, Atoms));
                bodies.Add(body);
            }
            Assert.Equal(text.Replace("\n", ""), string.Concat(bodies).Replace("\n", ""));
        }
    }

    [Fact]
    public void A_character_longer_than_a_part_is_cut_between_code_points_not_inside_one()
    {
        string zalgo = "Z" + string.Concat(Enumerable.Repeat("\u0301\u0302\u0303", 40));

        var parts = WeComReplySplitter.Split(zalgo, 64);

        Assert.All(parts, p => Assert.True(StrictUtf8.GetByteCount(p) <= 64));
        Assert.Equal(zalgo, string.Concat(parts.Select(p => Numbering().Replace(p, ""))));
    }

    private static IEnumerable<string> TextElements(string text)
    {
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            yield return elements.GetTextElement();
        }
    }

    [Fact]
    public void Markdown_is_split_at_line_breaks_and_a_table_cut_in_two_repeats_its_header()
    {
        var rows = Enumerable.Range(1, 400).Select(i => $"| 第{i}单位 | {i} | {i % 7} |");
        var markdown = "各单位完成情况：\n\n| 单位 | 措施 | 逾期 |\n| --- | --- | --- |\n" + string.Join("\n", rows) + "\n\n以上为截至今日的情况。";

        var parts = WeComReplySplitter.SplitMarkdown(markdown, 2048);

        Assert.True(parts.Count > 2);
        Assert.All(parts, p => Assert.True(Encoding.UTF8.GetByteCount(p) <= 2048));
        Assert.All(parts.Skip(1).SkipLast(1), p => Assert.StartsWith("| 单位 | 措施 | 逾期 |\n| --- | --- | --- |\n| 第", p));
        // Every row is kept once, in order, and nothing else is added but the repeated headers.
        var kept = parts.SelectMany(p => p.Split('\n')).Where(l => l.StartsWith("| 第", StringComparison.Ordinal)).ToList();
        Assert.Equal(rows, kept);
        Assert.EndsWith("以上为截至今日的情况。", parts[^1]);
    }

    [Fact]
    public void Markdown_within_the_limit_is_one_part_and_plain_lines_get_no_header()
    {
        Assert.Equal(["| a |\n| --- |\n| 1 |"], WeComReplySplitter.SplitMarkdown("| a |\n| --- |\n| 1 |", 2048));
        var lines = string.Join("\n", Enumerable.Range(1, 200).Select(i => $"（{i}）社会事务科牵头，2026年1月31日前完成。"));
        var parts = WeComReplySplitter.SplitMarkdown(lines, 1024);
        Assert.Equal(lines, string.Join("\n", parts));
    }
}
