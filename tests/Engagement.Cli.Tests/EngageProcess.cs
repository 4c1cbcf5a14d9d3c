using System.Diagnostics;
using Engagement.Testing;

namespace Engagement.Cli.Tests;

/// <summary>Runs the built <c>engage</c> as a separate process, the way the README runs it.</summary>
internal static class EngageProcess
{
    public static Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        RunAsync(environment, null, arguments);

    /// <summary>Runs <c>engage</c> with <paramref name="standardInput"/> as its standard input, byte for byte.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string>? environment, byte[]? standardInput, params string[] arguments)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryPaths.Combine("cli", "bin", configuration, "net10.0", "engage.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.RedirectStandardInput = standardInput is not null;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(standardInput);
            process.StandardInput.Close();
        }

        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
