using Xunit.Abstractions;
using Xunit.Sdk;

namespace RectifyBot.Tests.TestData;

/// <summary>
/// ../shared beside the checkout: the seed documents the product was designed from. It does not ship,
/// so tests that read it are <see cref="SharedFactAttribute"/>s and skip, saying why, where it is absent.
/// </summary>
public static class Shared
{
    public static string Seed(string prefix) =>
        Directory.GetFiles(Path.Combine(Folder ?? throw new InvalidOperationException("../shared is absent"), "seeds"), prefix + "_*.txt").Single();

    public const string SkipReason = "../shared/seeds 不存在（它不随产品发布）：本测试读取种子文档，已跳过。";

    /// <summary>The folder holding RectifyBot.sln, found upwards from the test binaries.</summary>
    public static string SolutionFolder { get; } = FindSolution();

    public static string? Folder { get; } = Find();

    private static string? Find()
    {
        var shared = Path.GetFullPath(Path.Combine(SolutionFolder, "..", "shared"));
        return Directory.Exists(Path.Combine(shared, "seeds")) ? shared : null;
    }

    private static string FindSolution()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RectifyBot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("RectifyBot.sln not found above the test binaries");
    }
}

/// <summary>A fact that needs ../shared; skipped with a clear message where it is absent.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (Shared.Folder is null)
        {
            Skip = Shared.SkipReason;
        }
    }
}

/// <summary>A theory that needs ../shared; skipped with a clear message where it is absent.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute()
    {
        if (Shared.Folder is null)
        {
            Skip = Shared.SkipReason;
        }
    }
}

/// <summary>
/// On a test class whose world comes from ../shared: its <see cref="SpecFactAttribute"/>s and
/// <see cref="SpecTheoryAttribute"/>s skip, saying why, where ../shared is absent. A sibling class that runs the
/// same tests on a fictional world in TestData does not carry it, so a clean clone still tests the behaviour.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NeedsSharedAttribute : Attribute;

/// <summary>A fact inherited by a ../shared world and a fictional one; see <see cref="NeedsSharedAttribute"/>.</summary>
[XunitTestCaseDiscoverer("RectifyBot.Tests.TestData.SpecFactDiscoverer", "RectifyBot.Tests")]
public sealed class SpecFactAttribute : FactAttribute;

/// <summary>A theory inherited by a ../shared world and a fictional one; see <see cref="NeedsSharedAttribute"/>.</summary>
[XunitTestCaseDiscoverer("RectifyBot.Tests.TestData.SpecTheoryDiscoverer", "RectifyBot.Tests")]
public sealed class SpecTheoryAttribute : TheoryAttribute;

public sealed class SpecFactDiscoverer(IMessageSink sink) : FactDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options,
        ITestMethod method, IAttributeInfo attribute) =>
        SharedSkip.Skips(method) ? [SharedSkip.Case(DiagnosticMessageSink, options, method)] : base.Discover(options, method, attribute);
}

public sealed class SpecTheoryDiscoverer(IMessageSink sink) : TheoryDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options,
        ITestMethod method, IAttributeInfo attribute) =>
        SharedSkip.Skips(method) ? [SharedSkip.Case(DiagnosticMessageSink, options, method)] : base.Discover(options, method, attribute);
}

internal static class SharedSkip
{
    public static bool Skips(ITestMethod method) =>
        Shared.Folder is null && method.TestClass.Class.GetCustomAttributes(typeof(NeedsSharedAttribute).AssemblyQualifiedName).Any();

    public static IXunitTestCase Case(IMessageSink sink, ITestFrameworkDiscoveryOptions options,
        ITestMethod method) =>
        new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, Shared.SkipReason);
}
