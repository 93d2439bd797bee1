using BenchmarkDotNet.Running;
using RectifyBot.Benchmarks;
using RectifyBot.Benchmarks.Store;

// Console modes measure throughput and latency percentiles at scale; everything else goes to BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "store" => await StoreLatency.RunAsync(args[1..]),
    "load" => await RectifyBot.Benchmarks.Load.LoadBenchmark.RunAsync(args[1..]),
    "statements" => await RectifyBot.Benchmarks.Load.Statements.RunAsync(args[1..]),
    "bot-latency" => await RectifyBot.Benchmarks.Load.BotLatency.RunAsync(args[1..]),
    "retrieval-scale" => RetrievalScale.Run(args),
    "recognise" => RecognitionCost.Run(args[1..]),
    "formats" => await FormatParse.RunAsync(args[1..]),
    "retrieval-scale-search" => RetrievalScale.Search(args),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(StoreLatency).Assembly).Run(args);
    return 0;
}
