using RectifyBot.Retrieval;

namespace RectifyBot.Tests.TestData;

/// <summary>The sample corpus that ships in corpus/ beside the solution, and ways to index it or a copy of it.</summary>
public static class SampleCorpus
{
    public static string Folder { get; } = Path.Combine(Shared.SolutionFolder, "corpus");

    /// <summary>A copy of the sample corpus in a fresh temp folder, for tests that add or change files.</summary>
    public static string Copy()
    {
        var copy = Directory.CreateTempSubdirectory("rectifybot-corpus-").FullName;
        foreach (var file in Directory.GetFiles(Folder))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
        return copy;
    }

    public static Task<CorpusSummary> AddAsync(HybridSearch search, string? folder = null) =>
        CorpusLoader.AddFolderAsync(search, folder ?? Folder, null, CancellationToken.None);
}
