using System.Diagnostics;
using System.Reflection;

namespace Engagement.Infra.Tests;

/// <summary>Runs the Bicep CLI that the test project downloads from NuGet (Azure.Bicep.CommandLine.linux-x64).</summary>
internal static class BicepCli
{
    private const string PackageId = "azure.bicep.commandline.linux-x64";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string Version { get; } = Metadata("BicepCliVersion");

    public static string ExecutablePath { get; } = Locate();

    public static async Task<BicepResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(Timeout))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"bicep {string.Join(' ', arguments)} ran longer than {Timeout}.");
            }
        }

        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        var roots = new[]
        {
            Metadata("NuGetPackageRoot"),
            Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? "",
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        };
        foreach (var root in roots.Where(r => r.Length > 0))
        {
            var candidate = Path.Combine(root, PackageId, Version, "tools", "bicep");
            if (File.Exists(candidate))
            {
                EnsureExecutable(candidate);
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"Bicep CLI {Version} not found under {string.Join(", ", roots)}; restore tests/Engagement.Infra.Tests first.");
    }

    // NuGet extracts files without keeping their mode on some hosts; the binary must be executable to run.
    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        const UnixFileMode execute = UnixFileMode.UserExecute;
        if ((mode & execute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing from the test project.");
}

/// <summary>What one Bicep CLI run printed.</summary>
public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() =>
        $"exit code {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{StandardOutput}{Environment.NewLine}stderr:{Environment.NewLine}{StandardError}";
}
