using Engagement.LocalHost;
using Engagement.Testing;

namespace Engagement.Reports.Tests;

/// <summary>The demo clients ingested once into a fresh Azurite, for every report test of the class.</summary>
public sealed class DemoReports : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public TestPipeline Pipeline { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        Pipeline = new TestPipeline(_azurite, settings: new Dictionary<string, string?> { ["Engagement:ImportRoot"] = RepositoryPaths.Combine("demo") });
        var catalog = await ClientCatalog.ReadAsync(RepositoryPaths.Combine("demo", "clients.json"));
        var runner = Pipeline.Get<PipelineRunner>();
        await runner.RegisterAsync(catalog);
        await runner.RunAsync(catalog.Select(c => c.Id).ToList(), tick: false);
    }

    public async Task DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
