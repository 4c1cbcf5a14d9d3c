using BenchmarkDotNet.Running;
using Engagement.Bench;

// `classify`: the per-CPU-second comparison with the bare ML.NET pipeline (ClassifyComparison), about a minute.
// Anything else goes to BenchmarkDotNet, for example `--filter '*Featurization*' --job short`.
return args.Length > 0 && args[0] == "classify"
    ? ClassifyComparison.Run(args)
    : RunBenchmarks(args);

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
