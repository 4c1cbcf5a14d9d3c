using System.Text.Json.Nodes;

namespace Engagement.Infra.Tests;

/// <summary>
/// Runs the Bicep CLI once for every test in the collection: <c>build</c> and <c>lint</c> of infra/main.bicep, and two
/// <c>snapshot</c>s (resources predicted with parameters resolved) for the two shapes a deployment can take.
/// </summary>
public sealed class InfraFixture : IAsyncLifetime
{
    /// <summary>A fixed subscription and tenant for snapshots; only names derived from them change with it.</summary>
    private const string EmptyGuid = "00000000-0000-0000-0000-000000000000";

    /// <summary>The deploying user in the full snapshot.</summary>
    public const string UserPrincipalId = "00000000-0000-0000-0000-0000000000aa";

    private readonly string scratch = Directory.CreateTempSubdirectory("engagement-infra-").FullName;

    public static string MainBicep { get; } = RepoRoot.Combine("infra", "main.bicep");

    public BicepResult Build { get; private set; } = null!;

    public BicepResult Lint { get; private set; } = null!;

    /// <summary>The ARM template that <c>bicep build</c> compiled main.bicep to.</summary>
    public JsonObject Template { get; private set; } = null!;

    /// <summary>What CI and a bare <c>azd up</c> deploy: Service Bus off, no deploying user.</summary>
    public Snapshot Minimal { get; private set; } = null!;

    /// <summary>Everything switched on: Service Bus and the deploying user's roles.</summary>
    public Snapshot Full { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var build = BicepCli.RunAsync(RepoRoot.Path, "build", MainBicep, "--stdout");
        var lint = BicepCli.RunAsync(RepoRoot.Path, "lint", MainBicep);
        var minimal = SnapshotAsync("minimal", enableServiceBus: false, principalId: "");
        var full = SnapshotAsync("full", enableServiceBus: true, principalId: UserPrincipalId);

        Build = await build;
        Lint = await lint;
        Template = Build.ExitCode == 0
            ? JsonNode.Parse(Build.StandardOutput)!.AsObject()
            : throw new InvalidOperationException($"bicep build failed: {Build}");
        Minimal = await minimal;
        Full = await full;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(scratch, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<Snapshot> SnapshotAsync(string name, bool enableServiceBus, string principalId)
    {
        // A .bicepparam must name its template by a relative path.
        var usingPath = Path.GetRelativePath(scratch, MainBicep).Replace('\\', '/');
        var parameters = Path.Combine(scratch, name + ".bicepparam");
        await File.WriteAllTextAsync(parameters, $"""
            using '{usingPath}'

            param environmentName = 'ci'
            param location = 'westeurope'
            param enableServiceBus = {(enableServiceBus ? "true" : "false")}
            param principalId = '{principalId}'
            """);

        var result = await BicepCli.RunAsync(
            scratch, "snapshot", parameters, "--mode", "overwrite",
            "--subscription-id", EmptyGuid, "--tenant-id", EmptyGuid, "--location", "westeurope");
        var output = Path.Combine(scratch, name + ".snapshot.json");
        if (result.ExitCode != 0 || !File.Exists(output))
        {
            throw new InvalidOperationException($"bicep snapshot ({name}) failed: {result}");
        }

        return new Snapshot(result, JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsObject());
    }
}

/// <summary>A deployment snapshot: the resources that would be deployed, with parameters and names resolved.</summary>
public sealed record Snapshot(BicepResult Run, JsonObject Document)
{
    public IReadOnlyList<JsonObject> Resources =>
        Document["predictedResources"]!.AsArray().Select(r => r!.AsObject()).ToList();

    public IReadOnlyList<JsonObject> OfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase)).ToList();

    public JsonObject Single(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected one {type}, found {matches.Count}.");
        return matches[0];
    }
}

[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<InfraFixture>
{
    public const string Name = "infra";
}
