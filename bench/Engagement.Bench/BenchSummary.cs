using System.Diagnostics;
using System.Globalization;

namespace Engagement.Bench;

/// <summary>The headline figure of each mode beside its target, printed as one table by <c>all</c>.</summary>
internal sealed class BenchSummary
{
    private readonly List<(string Figure, double Value, string Unit, double Target, bool HigherIsBetter)> _rows = [];

    public void Add(string figure, double value, string unit, double target, bool higherIsBetter) =>
        _rows.Add((figure, value, unit, target, higherIsBetter));

    public void Print(TextWriter writer)
    {
        writer.WriteLine("| figure | measured | target | met |");
        writer.WriteLine("|---|---:|---:|---|");
        foreach (var (figure, value, unit, target, higher) in _rows)
        {
            var met = higher ? value >= target : value <= target;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {figure} | {Format(value)}{unit} | {(higher ? "≥" : "≤")} {Format(target)}{unit} | {(met ? "yes" : "**no**")} |"));
        }
    }

    private static string Format(double value) =>
        value.ToString(Math.Abs(value) >= 100 || value == Math.Floor(value) ? "0" : "0.00", CultureInfo.InvariantCulture);
}

/// <summary>Command-line options and machine facts shared by the modes.</summary>
internal static class Options
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> quietly; on failure prints its output and returns false.</summary>
    public static async Task<bool> DotnetAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode == 0)
        {
            return true;
        }

        Console.Error.WriteLine($"dotnet {arguments[0]} failed:{Environment.NewLine}{await output}{await errors}");
        return false;
    }

    /// <summary>The median of some values, in any order.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static int Int(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    /// <summary>Every value of an option that may repeat.</summary>
    public static IEnumerable<string> All(string[] args, string name)
    {
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == name)
            {
                yield return args[i + 1];
            }
        }
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
        return $"{cpu}, {Environment.ProcessorCount} cores, .NET {Environment.Version}";
    }

    /// <summary>
    /// User and system CPU time of a process (fields 14 and 15 of /proc/PID/stat, in clock ticks of 10 ms): what a
    /// request costs the server whatever the neighbours take, unlike its latency.
    /// </summary>
    public static TimeSpan CpuTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return TimeSpan.FromMilliseconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }
}
