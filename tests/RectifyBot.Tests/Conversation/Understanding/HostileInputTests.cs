using System.Text;
using RectifyBot.Conversation.Understanding;

namespace RectifyBot.Tests.Conversation.Understanding;

/// <summary>No input makes the recogniser throw, and none of it is taken as a write.</summary>
public class HostileInputTests
{
    public static TheoryData<string> Hostile() =>
    [
        "'; DROP TABLE measures; --",
        "1; DELETE FROM Measures WHERE 1=1",
        "Robert'); DROP TABLE Students;--",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(51)>",
        "{{7*7}} ${jndi:ldap://x/a}",
        "\0\u0001\u0002\u001b[31m",
        "\u202e\u200b\u200d\ufeff",
        "😀😀😀",
        "👍",
        "🔥🔥 51 🔥🔥",
        "\ud800",
        "\udc00\ud800",
        new string('a', 100_000),
        new string('五', 100_000),
        string.Concat(Enumerable.Repeat("51 完成 ", 20_000)),
        new string(' ', 5_000),
        "第99999999999999999999项",
        "九九九九九九九九九九九九号",
        "“", "”“", "\"", "（", "）)", "第", "措施", "号", "到", "51到", "到51", "51-", "-51", "—", "、、、", "，，，",
        "上面第0条", "第零个", "这条",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_input_is_never_a_write(string text)
    {
        var intent = RuleIntentRecognizer.Recognize(text, UnderstandingFixture.Context("陈奇奇"));
        Assert.IsNotType<WriteIntent>(intent, exactMatch: false);
    }

    [Theory]
    [InlineData("'; DROP TABLE measures; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("")]
    [InlineData("😀😀😀")]
    [InlineData("\0\u0001\u0002")]
    public void Spec_bad_input_is_not_understood(string text) =>
        Assert.IsType<NotUnderstood>(RuleIntentRecognizer.Recognize(text, UnderstandingFixture.Context()));

    [Fact]
    public void Ten_thousand_characters_of_noise_is_not_understood()
    {
        var noise = RandomText(new Random(7), 10_000, Pools);
        Assert.IsType<NotUnderstood>(RuleIntentRecognizer.Recognize(noise, UnderstandingFixture.Context()));
    }

    [Fact]
    public void Null_is_not_understood() =>
        Assert.IsType<NotUnderstood>(RuleIntentRecognizer.Recognize(null, UnderstandingFixture.Context()));

    [Fact]
    public void Random_strings_never_throw_and_never_write()
    {
        var random = new Random(20231121);
        for (var i = 0; i < 20_000; i++)
        {
            // Mostly message-sized, now and then up to the longest message that is read at all.
            var length = i % 100 == 0 ? random.Next(RuleIntentRecognizer.MaxLength + 1) : random.Next(60);
            var text = RandomText(random, length, i % 10 == 0 ? Pools : Typed);
            var ctx = UnderstandingFixture.Context(i % 2 == 0 ? "李娜" : "陈奇奇", [12, 51, 60], i % 3 == 0 ? 51 : null);
            var intent = RuleIntentRecognizer.Recognize(text, ctx);
            Assert.False(intent is WriteIntent, $"write {intent} from {Escape(text)}");
        }
    }

    // Characters people type: ASCII, both widths of digits and punctuation, Chinese numerals, random CJK, symbols.
    private static readonly Func<Random, char>[] Typed =
    [
        r => (char)r.Next(0x20, 0x7f),
        r => (char)r.Next(0x4e00, 0x9fff),
        r => (char)r.Next(0x4e00, 0x9fff),
        r => (char)r.Next(0xff01, 0xff5e),
        r => Pick(r, "0123456789０１２３４５６７８９一二三十百"),
        r => Pick(r, "，。、；：？！“”（）《》【】—…· "),
        r => (char)r.Next(0x2000, 0x2070),
    ];

    // The same plus what no keyboard sends: control characters and surrogate halves.
    private static readonly Func<Random, char>[] Pools = [.. Typed, r => (char)r.Next(0, 0x20), r => (char)r.Next(0xd800, 0xe000)];

    private static char Pick(Random r, string chars) => chars[r.Next(chars.Length)];

    private static string RandomText(Random random, int length, Func<Random, char>[] pools)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append(pools[random.Next(pools.Length)](random));
        }
        return sb.ToString();
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c < 0x20 || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
