using Azure.Storage.Queues.Models;
using Engagement.Core.Ports;
using Engagement.Core.Registration;
using Engagement.Core.Scheduling;
using Engagement.LocalHost;
using Engagement.Testing;

namespace Engagement.Storage.Tests;

[Collection(AzuriteCollection.Name)]
/// <summary>The schedule over the real Clients table: its ETag claim is what keeps concurrent ticks from both running a client.</summary>
public sealed class ScheduleOnTablesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestPipeline _pipeline = new(azurite, now: new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        _pipeline.WriteImport("acme/a.jsonl", [ApiContract.Line("1", "2026-11-01T10:00:00Z")]);
        await _pipeline.Get<PipelineRunner>().RegisterAsync([
            new CatalogClient("acme", "Acme", "Europe/Rome", "0 0 6 * * *", null, [
                new("instagram", "import", "acme/a.jsonl", null, null),
                new("facebook", "import", "acme/a.jsonl", null, null),
                new("linkedin", "import", "acme/a.jsonl", null, Enabled: false),
            ]),
        ]);
    }

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task ANewClientIsDueAtOnceAndFansOutOneJobPerEnabledChannel()
    {
        var result = await _pipeline.Get<ScheduleService>().TickAsync();

        Assert.Equal(1, result.DueClients);
        Assert.Equal(2, result.JobsEnqueued);
        Assert.Equal(2, await QueuedAsync());
        var client = await _pipeline.Get<IClientStore>().GetAsync("acme");
        // Next 06:00 in Rome after 08:00 UTC on 27 November is 05:00 UTC on the 28th.
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 5, 0, 0, TimeSpan.Zero), client!.NextRunAt);
    }

    [Fact]
    public async Task AClientThatIsNotDueIsLeftAlone()
    {
        var schedule = _pipeline.Get<ScheduleService>();
        await schedule.TickAsync();
        _pipeline.Time.Advance(TimeSpan.FromHours(20));

        var result = await schedule.TickAsync();

        Assert.Equal(0, result.DueClients);
        Assert.Equal(2, await QueuedAsync());
    }

    [Fact]
    public async Task ALateTickRunsAClientOnceNotOncePerMissedRun()
    {
        var schedule = _pipeline.Get<ScheduleService>();
        await schedule.TickAsync();
        _pipeline.Time.Advance(TimeSpan.FromDays(3)); // three 06:00 runs missed

        var late = await schedule.TickAsync();
        var again = await schedule.TickAsync();

        Assert.Equal(2, late.JobsEnqueued);
        Assert.Equal(0, again.JobsEnqueued);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero), (await _pipeline.Get<IClientStore>().GetAsync("acme"))!.NextRunAt);
    }

    [Fact]
    public async Task ConcurrentTicksClaimAClientOnce()
    {
        var schedule = _pipeline.Get<ScheduleService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => schedule.TickAsync()));

        Assert.Equal(1, results.Sum(r => r.DueClients));
        Assert.Equal(2, await QueuedAsync());
    }

    [Fact]
    public async Task UpdatingAClientKeepsItsNextRunUnlessTheScheduleChanges()
    {
        var schedule = _pipeline.Get<ScheduleService>();
        await schedule.TickAsync();
        var runner = _pipeline.Get<PipelineRunner>();
        var channels = new List<ChannelRequest> { new("instagram", "import", "acme/a.jsonl", null, null) };

        await runner.RegisterAsync([new CatalogClient("acme", "Acme renamed", "Europe/Rome", "0 0 6 * * *", null, channels)]);
        var kept = (await _pipeline.Get<IClientStore>().GetAsync("acme"))!.NextRunAt;
        await runner.RegisterAsync([new CatalogClient("acme", "Acme renamed", "Europe/Rome", "0 30 9 * * *", null, channels)]);
        var moved = (await _pipeline.Get<IClientStore>().GetAsync("acme"))!.NextRunAt;

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 5, 0, 0, TimeSpan.Zero), kept);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 30, 0, TimeSpan.Zero), moved);
        Assert.Equal(["instagram"], (await _pipeline.Get<IClientStore>().ListChannelsAsync("acme")).Select(c => c.Id));
    }

    private async Task<int> QueuedAsync()
    {
        QueueProperties properties = await _pipeline.Get<IngestQueue>().Queue.GetPropertiesAsync();
        return properties.ApproximateMessagesCount;
    }
}
