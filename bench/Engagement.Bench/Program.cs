using BenchmarkDotNet.Running;
using Engagement.Bench;

// One line per mode; `all` runs each in turn in this process and prints their headline figures against the targets.
// Anything else goes to BenchmarkDotNet, for example `--filter '*Featurization*' --job short`.
var modes = new (string Name, string What, Func<string[], BenchSummary, Task<int>> Run)[]
{
    ("classify", "items per CPU-second against the bare ML.NET pipeline (ClassifyComparison), about a minute", (a, s) => Task.FromResult(ClassifyComparison.Run(a, s))),
    ("ingest", "2k, 20k and 100k interactions into a fresh Azurite against a naive pipeline and raw batched upserts (IngestComparison)", IngestComparison.RunAsync),
    ("http", "engage serve: first score after start, then POST /api/score at a fixed rate, open loop (HttpBench)", HttpBench.RunAsync),
    ("first", "process start to a first score: engage score, published and built, against a bare ML.NET one-shot (FirstScore)", FirstScore.RunAsync),
};

// The bare ML.NET one-shot that `first` times as a process of its own.
if (args.Length == 3 && args[0] == "bare-score")
{
    return FirstScore.BareScore(args);
}

if (args.Length > 0 && args[0] == "all")
{
    var summary = new BenchSummary();
    var failed = 0;
    foreach (var (name, what, run) in modes)
    {
        Console.WriteLine($"== {name}: {what}");
        failed += await run(args, summary) == 0 ? 0 : 1;
        Console.WriteLine();
    }

    Console.WriteLine("== summary");
    summary.Print(Console.Out);
    return failed;
}

if (args.Length > 0 && modes.FirstOrDefault(m => m.Name == args[0]) is { Run: not null } mode)
{
    return await mode.Run(args, new BenchSummary());
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
