using BenchmarkDotNet.Running;
using Engagement.Bench;

// `classify`: the per-CPU-second comparison with the bare ML.NET pipeline (ClassifyComparison), about a minute.
// `ingest`: the pipeline against a naive one and the storage ceiling on 2k, 20k and 100k rows (IngestComparison).
// Anything else goes to BenchmarkDotNet, for example `--filter '*Featurization*' --job short`.
return args.FirstOrDefault() switch
{
    "classify" => ClassifyComparison.Run(args),
    "ingest" => IngestComparison.Run(args),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
