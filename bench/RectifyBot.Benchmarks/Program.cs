using BenchmarkDotNet.Running;
using RectifyBot.Benchmarks;

return args.FirstOrDefault() switch
{
    "retrieval-scale" => RetrievalScale.Run(args),
    "retrieval-scale-search" => RetrievalScale.Search(args),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
