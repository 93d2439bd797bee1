using RectifyBot.Conversation;
using RectifyBot.Conversation.Understanding;

namespace RectifyBot.Tests.Conversation;

public class ReplyFormatTests
{
    [Theory]
    [InlineData("2026-12-01", "2026-12-31", "本月", "本月（12月1日至12月31日）")]
    [InlineData("2027-01-01", "2027-01-31", "元月", "元月（2027年1月1日至1月31日）")]
    [InlineData("2026-12-03", "2027-01-01", "30天内", "30天内（2026年12月3日至2027年1月1日）")]
    [InlineData("2025-01-01", "2025-12-31", "去年", "去年（2025年1月1日至12月31日）")]
    public void A_window_names_its_year_only_where_a_date_is_not_in_this_one(string from, string to, string label, string expected) =>
        Assert.Equal(expected, ReplyFormat.Window(new DateWindow(DateOnly.Parse(from), DateOnly.Parse(to), label), new DateOnly(2026, 12, 3)));
}
