using System.Diagnostics;
using System.Globalization;
using Engagement.LocalHost;
using Engagement.Testing;

namespace Engagement.Cli.Tests;

/// <summary>Ctrl+C, as a real SIGINT to a real engage, stops every process it started.</summary>
public sealed class CtrlCTests : IDisposable
{
    private readonly StandInNpm _npm = new();

    [Fact]
    public async Task SigintDuringTheAzuriteInstallStopsEngageNpmAndNpmsChildren()
    {
        if (Azurite.IsListening(Azurite.DefaultTablePort))
        {
            return; // storage already serves the default port, so engage would not install: nothing to prove here
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _npm.WorkingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryPaths.Combine("cli", "bin", configuration, "net10.0", "engage.dll"));
        start.ArgumentList.Add("ingest");
        start.Environment["PATH"] = _npm.SearchPath;
        start.Environment["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        using var engage = Process.Start(start)!;
        var errors = engage.StandardError.ReadToEndAsync();
        _ = engage.StandardOutput.ReadToEndAsync();
        try
        {
            await _npm.WaitForStartAsync();

            using (var kill = Process.Start("kill", ["-INT", engage.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await engage.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.NotEqual(0, engage.ExitCode);
            await _npm.AssertAllGoneAsync();
            Assert.DoesNotContain("   at ", await errors, StringComparison.Ordinal);
        }
        finally
        {
            if (!engage.HasExited)
            {
                engage.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose() => _npm.Dispose();
}
