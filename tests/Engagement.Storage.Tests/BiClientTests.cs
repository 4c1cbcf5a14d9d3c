using System.Diagnostics;
using Engagement.Core.Access;
using Engagement.Core.Corrections;
using Engagement.Core.Ports;
using Engagement.Core.Privacy;
using Engagement.LocalHost;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;
using Xunit.Abstractions;

namespace Engagement.Storage.Tests;

/// <summary>
/// The tables as a BI tool sees them: after a demo ingest, <c>tools/bi-check</c> reads every table with
/// <c>@azure/data-tables</c> under Node, a client that is not ours, and checks each row against docs/tables.md.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BiClientTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task AnotherClientReadsEveryDocumentedColumnWithItsDocumentedType()
    {
        var tool = RepositoryPaths.Combine("tools", "bi-check");
        await InstallAsync(tool);
        await using var pipeline = new TestPipeline(azurite, settings: new Dictionary<string, string?> { ["Engagement:ImportRoot"] = RepositoryPaths.Combine("demo") });
        var catalog = await ClientCatalog.ReadAsync(RepositoryPaths.Combine("demo", "clients.json"));
        var runner = pipeline.Get<PipelineRunner>();
        await runner.RegisterAsync(catalog);
        await runner.RunAsync(catalog.Select(c => c.Id).ToList(), tick: false);

        // One agency correction, so the LabelCorrections table has a row to check and Interactions a corrected one.
        var corrected = await pipeline.Get<LabelCorrectionService>().CorrectAsync(
            "mobilificio-brianza", "instagram_17890000295240826", new CorrectionRequest(EngagementLabels.Relational, "bi-check", "a test correction"));
        Assert.Equal(CorrectionStatus.Corrected, corrected.Status);

        // A revoked client key and an erasure, so the ApiKeys and Erasures tables have rows to check.
        var access = pipeline.Get<AccessService>();
        var key = await access.CreateAsync("mobilificio-brianza", "bi-check");
        Assert.NotNull(key.Stored);
        await access.CreateAsync("mobilificio-brianza", null);
        await access.RevokeAsync(key.Stored!.KeyId);
        Assert.True((await pipeline.Get<ErasureService>().EraseAsync("mobilificio-brianza", "@bi-check-nobody")).ClientFound);

        // A day owed a recompute, as a run stopped half-way leaves it, so the PendingDays table has a row to check.
        await pipeline.Get<IPendingDaysStore>().MarkAsync("northside-coffee", "instagram", [new DateOnly(2026, 11, 20)]);

        // An event left owed (its publish failed), so the Outbox table has a row to check.
        await pipeline.Get<IEventOutbox>().PutAsync(new ChannelIngested("mobilificio-brianza", "instagram", "bicheck", 1, 1, 0, [new DateOnly(2026, 11, 1)], "v1", pipeline.Time.GetUtcNow()));

        var start = new ProcessStartInfo("node") { WorkingDirectory = tool, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("check.mjs");
        start.ArgumentList.Add(RepositoryPaths.Combine("docs", "tables.md"));
        start.Environment["AZURE_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString;
        start.Environment["TABLE_PREFIX"] = pipeline.Prefix;
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        output.WriteLine(await stdout);

        Assert.True(node.ExitCode == 0, $"{await stdout}\n{await stderr}");
        Assert.Contains("\"Interactions\": {\n      \"rows\": 2228", (await stdout).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>npm ci</c> from the committed lock file when the BI client is not installed yet, so <c>dotnet test</c> alone
    /// sets it up as it does Azurite; bounded, so a machine without a registry fails in minutes with what to do.
    /// </summary>
    private static async Task InstallAsync(string tool)
    {
        if (Directory.Exists(Path.Combine(tool, "node_modules", "@azure", "data-tables")))
        {
            return;
        }

        using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
        {
            WorkingDirectory = tool,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var errors = npm.StandardError.ReadToEndAsync();
        _ = npm.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await npm.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            Assert.Fail("npm ci in tools/bi-check took over 5 minutes: run 'npm ci --prefix tools/bi-check' by hand.");
        }

        Assert.True(npm.ExitCode == 0, $"npm ci in tools/bi-check failed ({(await errors).Trim()}): run 'npm ci --prefix tools/bi-check' by hand.");
    }
}
