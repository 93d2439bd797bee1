using System.Diagnostics;
using System.Text;
using RectifyBot.Retrieval;

namespace RectifyBot.Benchmarks;

/// <summary>
/// The scale benchmark: builds an index of N synthetic chunks, then searches it from a fresh child process so
/// that the memory reported is what a searching process needs, not what the build left behind.
///   retrieval-scale --chunks 1000000 [--data DIR]   build, then search in a child process
///   retrieval-scale-search --data DIR [--queries 2000]
/// </summary>
public static class RetrievalScale
{
    private const int BatchChunks = 100_000;

    public static int Run(string[] args)
    {
        var chunks = int.Parse(Option(args, "--chunks") ?? "200000");
        var data = Option(args, "--data") ?? Path.Combine(Path.GetTempPath(), $"rectifybot-scale-{chunks}");
        if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
        {
            // Only ever replace an earlier benchmark index, never a folder that holds anything else.
            if (!File.Exists(Path.Combine(data, LexicalIndex.FileName)))
            {
                Console.Error.WriteLine($"{data} is not empty and holds no index; choose another --data folder.");
                return 1;
            }
            Directory.Delete(data, recursive: true);
        }
        var corpus = new SyntheticCorpus();
        long bytes = 0;
        var clock = new Stopwatch();
        using (var index = LexicalIndex.Open(data))
        {
            foreach (var batch in corpus.Documents(chunks).Chunk(BatchChunks / 150))
            {
                // The batch is generated before the clock starts: the synthetic text is not the build.
                bytes += batch.Sum(d => d.Chunks.Sum(c => (long)Encoding.UTF8.GetByteCount(c.Text)));
                clock.Start();
                index.AddDocuments(batch);
                clock.Stop();
                Console.WriteLine($"  {index.Count:N0} chunks, {bytes / 1e6:F0} MB, {clock.Elapsed.TotalSeconds:F1} s");
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var size = new DirectoryInfo(data).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        Console.WriteLine($"build: {chunks:N0} chunks, {bytes / 1e6:F0} MB text in {seconds:F1} s = {bytes / 1e6 / seconds:F1} MB/s; index on disk {size / 1e6:F0} MB");

        using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, ["retrieval-scale-search", "--data", data]) { UseShellExecute = false })!;
        child.WaitForExit();
        return child.ExitCode;
    }

    public static int Search(string[] args)
    {
        var data = Option(args, "--data") ?? throw new ArgumentException("--data DIR");
        var queries = int.Parse(Option(args, "--queries") ?? "2000");
        var clock = Stopwatch.StartNew();
        using var index = LexicalIndex.Open(data);
        Console.WriteLine($"open: {index.Count:N0} chunks in {clock.Elapsed.TotalSeconds:F1} s");

        // Half short queries (a phrase), half long (a finding-sized paragraph), with some filters.
        var corpus = new SyntheticCorpus();
        var random = new Random(7);
        var requests = Enumerable.Range(0, queries).Select(i => new SearchRequest(
            corpus.Text(random, i % 2 == 0 ? 6 + random.Next(10) : 60 + random.Next(120)),
            Kind: i % 5 == 0 ? ChunkKind.Plan : null,
            Year: i % 7 == 0 ? 2020 : null)).ToList();
        foreach (var request in requests.Take(50))
        {
            index.Search(request);
        }
        var times = new List<double>(queries);
        foreach (var request in requests)
        {
            clock.Restart();
            index.Search(request);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"search: {queries} queries, p50 {times[queries / 2]:F1} ms, p99 {times[queries * 99 / 100]:F1} ms, max {times[^1]:F1} ms");
        Console.WriteLine($"memory of the searching process: peak working set {self.PeakWorkingSet64 / 1e6:F0} MB, managed heap {GC.GetTotalMemory(false) / 1e6:F0} MB");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
