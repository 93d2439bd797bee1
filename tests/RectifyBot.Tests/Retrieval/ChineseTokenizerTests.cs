using RectifyBot.Retrieval;

namespace RectifyBot.Tests.Retrieval;

public class ChineseTokenizerTests
{
    private static List<string> Terms(string text) =>
        [.. ChineseTokenizer.Tokenize(text).Select(t => text.Substring(t.Start, t.Length))];

    [Fact]
    public void Han_text_gives_every_character_and_every_adjacent_pair()
    {
        Assert.Equal(["保", "保密", "密", "密制", "制", "制度", "度"], Terms("保密制度"));
    }

    [Fact]
    public void Particles_are_not_terms_alone_and_的_joins_no_pair()
    {
        var terms = Terms("干部的学习");
        Assert.DoesNotContain("的", terms);
        Assert.DoesNotContain("部的", terms);
        Assert.DoesNotContain("的学", terms);
        Assert.Contains("干部", terms);
        Assert.Contains("学习", terms);
    }

    [Fact]
    public void Punctuation_breaks_pairs()
    {
        Assert.DoesNotContain("训，", Terms("培训，考核"));
        Assert.DoesNotContain(ChineseTokenizer.Bigram('训', '考'), ChineseTokenizer.Tokenize("培训，考核").Select(t => t.Term));
    }

    [Fact]
    public void Full_width_latin_and_digits_match_their_half_width_forms()
    {
        var full = ChineseTokenizer.Tokenize("ＯＡ系统２０２３年").Where(t => t.Length > 1 && !ChineseTokenizer.IsBigram(t.Term)).Select(t => t.Term);
        var half = ChineseTokenizer.Tokenize("oa系统2023年").Where(t => t.Length > 1 && !ChineseTokenizer.IsBigram(t.Term)).Select(t => t.Term);
        Assert.Equal(half, full);
    }

    [Fact]
    public void Digit_runs_are_number_terms()
    {
        var tokens = ChineseTokenizer.Tokenize("2023年");
        Assert.True(ChineseTokenizer.IsNumber(tokens[0].Term));
        Assert.Equal(4, tokens[0].Length);
        Assert.False(ChineseTokenizer.IsNumber(tokens[1].Term));
    }
}
