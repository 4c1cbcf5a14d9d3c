using BenchmarkDotNet.Running;

// Benchmarks only: model work (training, comparing learners, the held-out gate and the baseline) is `engage train`.
// For example `--filter * --job short`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
