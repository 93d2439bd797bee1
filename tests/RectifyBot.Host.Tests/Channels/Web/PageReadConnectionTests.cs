using RectifyBot.Tests.TestData;

namespace RectifyBot.Host.Tests.Channels.Web;

/// <summary>
/// The page's reads run their statements on one connection, as a chat turn does: each statement took one from the
/// pool and gave it back (the page's view of a measure, read fresh on the demo, took eleven).
/// </summary>
public sealed class PageReadConnectionTests(WebServer server) : IClassFixture<WebServer>
{
    [Fact]
    public async Task A_read_of_the_page_runs_its_statements_on_one_connection()
    {
        using var office = await server.SignedInAsync("chenqq");
        using var counter = new StatementCounter(Path.Combine(server.DataPath, "rectifybot.db"));
        foreach (var path in new[] { "/api/measures/1", "/api/my/measures", "/api/review", "/api/dashboard" })
        {
            // Each asked for the first time, so that it reads the store rather than what the server keeps.
            var before = counter.Now;
            using var response = await office.GetAsync(path);
            response.EnsureSuccessStatusCode();
            var read = counter.Now - before;
            Assert.True(read.Statements >= 3, $"{path} ran {read.Statements} statements: the counter sees another database, or the read was kept");
            // One for the read; and one more at most for the check of who the cookie is, which has a connection of its
            // own when it reads the store (at most once a second).
            Assert.True(read.Connections <= 2, $"{path} took {read.Connections} connections for {read.Statements} statements");
        }
    }
}
