using BenchmarkDotNet.Running;
using Engagement.Bench;

// Model maintenance commands (see ModelTools) run directly; anything else goes to BenchmarkDotNet,
// e.g. `--filter * --job short`.
if (ModelTools.Find(args) is { } tool)
{
    return await tool(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
