using System.Text.Json;
using Engagement.Testing;

namespace Engagement.Functions.Tests;

/// <summary>What the Functions app ships: scoring, never training.</summary>
public sealed class FunctionsOutputTests
{
    private static readonly string Output = FunctionsBuild.OutputFolder;

    [Fact]
    public void TheAppShipsNoTrainerAndNoLocalHost()
    {
        var files = Directory.EnumerateFiles(Output, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();

        Assert.Contains("Engagement.Ml.dll", files);
        Assert.DoesNotContain(files, f => f!.StartsWith("Microsoft.ML.FastTree", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(files, f => f!.Contains("lightgbm", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(files, f => f is "Engagement.LocalHost.dll" or "Engagement.Ml.Training.dll");
    }

    [Fact]
    public void TheDependencyManifestNamesNoTrainerPackage()
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "Engagement.Functions.deps.json")));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains(libraries, l => l.StartsWith("Microsoft.ML/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => l.StartsWith("Microsoft.ML.FastTree/", StringComparison.Ordinal) || l.StartsWith("Microsoft.ML.LightGbm/", StringComparison.Ordinal));
    }
}

/// <summary>Where the build wrote the Functions app; this test project builds the app first.</summary>
internal static class FunctionsBuild
{
    public static string OutputFolder { get; } = RepositoryPaths.Combine("functions", "bin", new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name, "net10.0");
}
