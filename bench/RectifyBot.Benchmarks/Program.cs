using BenchmarkDotNet.Running;
using RectifyBot.Benchmarks.Store;

// Console modes measure latency percentiles at scale; everything else goes to BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "store" => await StoreLatency.RunAsync(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(StoreLatency).Assembly).Run(args);
    return 0;
}
