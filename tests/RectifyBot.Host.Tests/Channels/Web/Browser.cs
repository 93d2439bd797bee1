using Microsoft.Playwright;

namespace RectifyBot.Host.Tests.Channels.Web;

/// <summary>
/// A test that needs Debian's chromium. Set RECTIFYBOT_SKIP_BROWSER=1 to skip it on a machine without one;
/// otherwise a missing browser fails the test with what to do.
/// </summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute() => Skip = Browser.SkipReason;
}

/// <summary>The single-case form of <see cref="BrowserTheoryAttribute"/>.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = Browser.SkipReason;
}

/// <summary>Debian's chromium driven by Playwright (never a browser Playwright downloads itself).</summary>
internal static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Why browser tests are skipped, or null when they run.</summary>
    public static string? SkipReason => Environment.GetEnvironmentVariable("RECTIFYBOT_SKIP_BROWSER") == "1" ? "RECTIFYBOT_SKIP_BROWSER=1" : null;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(ChromiumPath),
            $"{ChromiumPath} is missing: run tests/run.sh, which installs Debian's chromium (apt-get install chromium), or set RECTIFYBOT_SKIP_BROWSER=1 to skip the browser tests.");
        // Expectations wait on the page, not on a speed: a busy 2-core machine needs more than Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }
}

/// <summary>A browser test class's world: the real server with the demo inspection, and Debian's chromium.</summary>
public abstract class BrowserPageTests : IAsyncLifetime
{
    protected WebServer Server { get; } = new();

    protected IBrowser PageBrowser { get; private set; } = null!;

    private IPlaywright? _playwright;

    public async Task InitializeAsync()
    {
        (_playwright, PageBrowser) = await Browser.LaunchAsync();
        await Server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (PageBrowser is not null)
        {
            await PageBrowser.DisposeAsync();
        }
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }

    protected static BrowserNewContextOptions Viewport(int width, int height) =>
        new() { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN", HasTouch = width < 760 };
}
