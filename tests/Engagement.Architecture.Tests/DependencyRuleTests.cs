using System.Reflection;
using System.Xml.Linq;
using Engagement.Testing;

namespace Engagement.Architecture.Tests;

/// <summary>
/// The build fails when a project references one it should not: by what each compiled assembly references, and by the
/// project references each csproj declares (which catch a reference before any code uses it).
/// </summary>
public sealed class DependencyRuleTests
{
    public static TheoryData<string> Assemblies => [.. Layers.All.Select(l => l.Assembly)];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void AnAssemblyReferencesOnlyTheEngagementAssembliesItsLayerAllows(string assembly)
    {
        var layer = Layers.All.Single(l => l.Assembly == assembly);

        var engagement = References(assembly).Where(IsEngagement).ToList();

        var forbidden = engagement.Except(layer.MayReference).ToList();
        Assert.True(forbidden.Count == 0, $"{assembly} references {string.Join(", ", forbidden)}; it may reference only {string.Join(", ", layer.MayReference.DefaultIfEmpty("no Engagement assembly"))}.");
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void AnAssemblyReferencesNoThirdPartyFamilyItsLayerForbids(string assembly)
    {
        var layer = Layers.All.Single(l => l.Assembly == assembly);

        var forbidden = References(assembly)
            .Where(r => layer.Forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal)))
            .ToList();

        Assert.True(forbidden.Count == 0, $"{assembly} references {string.Join(", ", forbidden)}, which its layer forbids.");
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void AProjectDeclaresOnlyTheProjectReferencesItsLayerAllows(string assembly)
    {
        var layer = Layers.All.Single(l => l.Assembly == assembly);
        var project = Directory.EnumerateFiles(RepositoryPaths.Combine(layer.Folder.Split('/')), "*.csproj").Single();

        var declared = XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => AssemblyOf(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, (string)r.Attribute("Include")!))))
            .ToList();

        var forbidden = declared.Except(layer.MayReference).ToList();
        Assert.True(forbidden.Count == 0, $"{project} references {string.Join(", ", forbidden)}; its layer allows only {string.Join(", ", layer.MayReference.DefaultIfEmpty("none"))}.");
    }

    [Fact]
    public void EverySourceProjectHasALayer()
    {
        var sourceFolders = new[] { "ml", "core", "adapters", "hosting", "functions", "cli" };
        var projects = sourceFolders
            .SelectMany(f => Directory.EnumerateFiles(RepositoryPaths.Combine(f), "*.csproj", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) // generated projects, such as the Functions worker extensions
            .Select(AssemblyOf)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Layers.All.Select(l => l.Assembly).Order(StringComparer.Ordinal), projects);
    }

    private static bool IsEngagement(string name) => name.StartsWith("Engagement.", StringComparison.Ordinal) || name == Layers.Cli;

    private static IReadOnlyList<string> References(string assembly) =>
        Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).ToList();

    // The assembly a project builds: its AssemblyName when set, its file name otherwise.
    private static string AssemblyOf(string projectPath) =>
        (string?)XDocument.Load(projectPath).Descendants("AssemblyName").FirstOrDefault() ?? Path.GetFileNameWithoutExtension(projectPath);
}
