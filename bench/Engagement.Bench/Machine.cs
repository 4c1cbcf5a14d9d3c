using System.Globalization;

namespace Engagement.Bench;

/// <summary>What a benchmark prints about the machine it ran on, and the CPU time of another process.</summary>
internal static class Machine
{
    public static string Describe() =>
        $"{CpuModel()}, {Environment.ProcessorCount} cores, .NET {Environment.Version}; load average {LoadAverage()}";

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    /// <summary>User and system CPU time of a process from /proc (zero where there is none).</summary>
    public static TimeSpan ProcessCpu(int processId)
    {
        var path = $"/proc/{processId}/stat";
        if (!File.Exists(path))
        {
            return TimeSpan.Zero;
        }

        // Fields after the command name (which may hold spaces, so split after its closing bracket): utime is the
        // 14th field and stime the 15th, in clock ticks of 1/100 s.
        var fields = File.ReadAllText(path)[(File.ReadAllText(path).LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}
