using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RectifyBot.Host.Tests.Channels.WeCom;

/// <summary>
/// WeCom's own crypto, the npm package @wecom/crypto, run through tests/interop/wecom-crypto.js.
/// The test command installs it with `npm ci --prefix tests/interop`.
/// </summary>
internal static class WeComCryptoNode
{
    public const string SkipVariable = "RECTIFYBOT_SKIP_INTEROP";

    private static readonly string InteropDirectory = Path.Combine(RepositoryRoot(), "tests", "interop");

    /// <summary>Runs a batch of requests (see wecom-crypto.js) in one node process and returns its answers.</summary>
    public static async Task<JsonArray> RunAsync(params JsonObject[] requests)
    {
        if (!Directory.Exists(Path.Combine(InteropDirectory, "node_modules", "@wecom", "crypto")))
        {
            Assert.Fail($"@wecom/crypto is not installed: run `npm ci --prefix tests/interop` from the repository root " +
                $"(or set {SkipVariable}=1 to skip the interop tests).");
        }
        var start = new ProcessStartInfo("node", "wecom-crypto.js")
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        await node.StandardInput.WriteAsync(new JsonArray(requests).ToJsonString());
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, $"node exited with {node.ExitCode}: {await errors}");
        return JsonNode.Parse(await output)!.AsArray();
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RectifyBot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("RectifyBot.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A test that needs node and @wecom/crypto; skipped only when RECTIFYBOT_SKIP_INTEROP=1.</summary>
internal sealed class InteropFactAttribute : FactAttribute
{
    public InteropFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(WeComCryptoNode.SkipVariable) == "1")
        {
            Skip = $"{WeComCryptoNode.SkipVariable}=1";
        }
    }
}
