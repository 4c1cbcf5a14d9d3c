using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Engagement.Infra.Tests;

/// <summary>The Bicep compiles and lints with no diagnostic at all: a warning fails CI like an error.</summary>
[Collection(InfraCollection.Name)]
public sealed partial class BicepTests(InfraFixture infra)
{
    [Fact]
    public void MainBicepBuildsWithoutAnyDiagnostic()
    {
        Assert.True(infra.Build.ExitCode == 0, infra.Build.ToString());
        Assert.True(infra.Build.StandardError.Trim().Length == 0, infra.Build.ToString());
        Assert.Equal("subscriptionDeploymentTemplate.json#", SchemaName((string?)infra.Template["$schema"]));
    }

    [Fact]
    public void MainBicepLintsWithoutAnyDiagnostic()
    {
        // bicep lint exits 0 on warnings, so what it prints is the verdict.
        Assert.True(infra.Lint.ExitCode == 0, infra.Lint.ToString());
        Assert.True((infra.Lint.StandardOutput + infra.Lint.StandardError).Trim().Length == 0, infra.Lint.ToString());
    }

    [Fact]
    public void SnapshotsPredictEveryResourceWithoutADiagnostic()
    {
        foreach (var snapshot in new[] { infra.Minimal, infra.Full })
        {
            Assert.True((snapshot.Run.StandardOutput + snapshot.Run.StandardError).Trim().Length == 0, snapshot.Run.ToString());
            Assert.Empty(snapshot.Document["diagnostics"]!.AsArray());
            Assert.NotEmpty(snapshot.Resources);
        }
    }

    [Fact]
    public void ParametersFileFeedsEveryRequiredParameterAndNoUnknownOne()
    {
        // azd deploys with main.parameters.json; a parameter renamed on one side only breaks `azd up`, not the build.
        var declared = infra.Template["parameters"]!.AsObject();
        var required = declared.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key);
        var supplied = JsonNode.Parse(File.ReadAllText(RepoRoot.Combine("infra", "main.parameters.json")))!["parameters"]!
            .AsObject().Select(p => p.Key).ToList();

        Assert.Empty(supplied.Except(declared.Select(p => p.Key)));
        Assert.Empty(required.Except(supplied));
    }

    [Fact]
    public void LinterConfigurationNeverReachesForARegistry()
    {
        // Rules that look up module or API versions online would make the lint depend on the network.
        var config = File.ReadAllText(RepoRoot.Combine("infra", "bicepconfig.json"));
        Assert.Matches("\"use-recent-module-versions\"\\s*:\\s*\\{\\s*\"level\"\\s*:\\s*\"off\"", config);
        Assert.DoesNotContain("br/public", config, StringComparison.Ordinal);
        foreach (var file in BicepFiles())
        {
            Assert.DoesNotMatch("module\\s+\\w+\\s+'(br|ts)[:/]", File.ReadAllText(file));
        }
    }

    [Fact]
    public void EveryRoleGuidInTheBicepIsNamedByAComment()
    {
        var uncommented = BicepFiles()
            .SelectMany(file => File.ReadAllLines(file).Select((line, index) => (file, line, number: index + 1)))
            .Where(l => GuidLiteral().IsMatch(l.line) && !CommentAfterGuid().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(RepoRoot.Path, l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();

        Assert.True(uncommented.Count == 0, "Role GUIDs without a comment naming the role:\n" + string.Join('\n', uncommented));
    }

    internal static IEnumerable<string> BicepFiles() =>
        Directory.EnumerateFiles(RepoRoot.Combine("infra"), "*.bicep", SearchOption.AllDirectories);

    private static string SchemaName(string? schema) => schema?[(schema.LastIndexOf('/') + 1)..] ?? "";

    [GeneratedRegex("'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'")]
    private static partial Regex GuidLiteral();

    [GeneratedRegex("'[0-9a-fA-F-]{36}'.*//\\s*\\S")]
    private static partial Regex CommentAfterGuid();
}
