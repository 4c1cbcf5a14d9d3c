using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Storage;
using Engagement.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Engagement.LocalHost.Tests;

/// <summary>
/// The storage requests a run makes, counted on the wire: each is a round trip in a page's chain and a transaction on
/// the bill, so the reads a page can do without stay gone.
/// </summary>
public sealed class StorageRequestsPerPageTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly StorageRequestLog _requests = new();
    private TestPipeline _pipeline = null!;

    public Task InitializeAsync()
    {
        _pipeline = new TestPipeline(
            azurite,
            settings: new Dictionary<string, string?> { ["Engagement:IngestPageSize"] = "4" },
            configure: services => services.AddSingleton(new StoragePipelinePolicy(_requests)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task ARunReadsTheChannelRowOnlyToEndItsOwedWorkCorrectionsAndErasuresOncePerContinuationPageAndTheQueueOnce()
    {
        await RegisterAsync();
        _requests.Clear();

        var result = await _pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);

        foreach (var (kind, count) in _requests.ByKind())
        {
            output.WriteLine($"{count,4} {kind}");
        }

        Assert.Equal((3, 10), (result.JobsDone, result.Stored)); // pages of 4: 4 + 4 + 2
        // One point read of the channel: the last page's, which clears the page the run owed. The first two merge.
        Assert.Equal(1, _requests.Count("GET", "Channels(PartitionKey"));
        // The first page reads the corrections before and after its write; the others only after; the run's end once.
        Assert.Equal(5, _requests.Count("GET", "LabelCorrections"));
        // The erasures likewise: the first page before its write, every page after it (a person erased meanwhile is
        // removed), the run's end once.
        Assert.Equal(5, _requests.Count("GET", "Erasures"));
        // The job read on to the run's next pages itself: one message, the run's first, sent, received and deleted.
        Assert.Equal((1, 1), (_requests.Count("POST", "/messages"), _requests.Count("DELETE", "/messages/")));
        var channel = await _pipeline.Get<IClientStore>().GetChannelAsync("acme", "instagram");
        Assert.Equal((RunStatuses.Succeeded, null, null, "10"), (channel!.LastRunStatus, channel.LastRunError, channel.Continuation, channel.Cursor));
    }

    [Fact]
    public async Task AnErrorLeftByTheLastRunIsClearedByTheFirstPageOfTheNext()
    {
        await RegisterAsync();
        await _pipeline.Get<IClientStore>().RecordRunAsync("acme", "instagram", null, RunStatuses.Failed, "the export could not be read", _pipeline.Time.GetUtcNow());
        _requests.Clear();

        await _pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);

        Assert.Equal(2, _requests.Count("GET", "Channels(PartitionKey")); // the first page's, to clear the error; the last page's
        var channel = await _pipeline.Get<IClientStore>().GetChannelAsync("acme", "instagram");
        Assert.Equal((RunStatuses.Succeeded, null, null), (channel!.LastRunStatus, channel.LastRunError, channel.Continuation));
    }

    private async Task RegisterAsync()
    {
        _pipeline.WriteImport("acme/instagram.jsonl", Enumerable.Range(1, 10).Select(i => i % 3 == 1
            ? ApiContract.Line($"p{i}", $"2026-11-{i:D2}T09:00:00Z", "post", true, null, "Nuovo divano a 799€, link in bio")
            : ApiContract.Line($"c{i}", $"2026-11-{i:D2}T10:00:00Z", "comment", false, $"p{i - i % 3 + 1}", "Quanto costa la consegna a Monza?")));
        await _pipeline.Get<PipelineRunner>().RegisterAsync([
            new CatalogClient("acme", "Acme", "Europe/Rome", null, null, [new("instagram", "import", "acme/instagram.jsonl", null, null)]),
        ]);
    }
}
