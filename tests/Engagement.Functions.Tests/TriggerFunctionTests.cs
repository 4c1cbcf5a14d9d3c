using Azure.Storage.Queues.Models;
using Engagement.Core.Alerts;
using Engagement.Core.Domain;
using Engagement.Core.Ingestion;
using Engagement.Core.Ports;
using Engagement.Core.Scheduling;
using Engagement.LocalHost;
using Engagement.Storage;
using Engagement.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Functions.Tests;

/// <summary>The timer and queue functions, called as the runtime calls them, on a real Azurite.</summary>
public sealed class TriggerFunctionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly TestPipeline _pipeline = new(azurite);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task ScheduleTickQueuesOneJobPerChannelOfADueClient()
    {
        await RegisterAsync();
        var tick = new ScheduleTick(_pipeline.Get<ScheduleService>(), _pipeline.Get<OwedWork>(), _pipeline.Get<ReplyAlerts>(), NullLogger<ScheduleTick>.Instance);

        await tick.Run(new TimerInfo(), default);

        QueueProperties properties = await _pipeline.Get<IngestQueue>().Queue.GetPropertiesAsync();
        Assert.Equal(2, properties.ApproximateMessagesCount);
    }

    [Fact]
    public async Task IngestChannelStoresThePageItsMessageNames()
    {
        await RegisterAsync();
        var function = NewIngestChannel();
        var message = IngestQueue.Serialize(new IngestJob { ClientId = "acme", ChannelId = "instagram", RunId = "r1" });

        await function.Run(message, new QueueFunctionContext("m0", 1), default);

        Assert.Equal(2, await _pipeline.Get<IInteractionStore>().CountAsync("acme"));
        var channel = await _pipeline.Get<IClientStore>().GetChannelAsync("acme", "instagram");
        Assert.Equal("2", channel!.Cursor);
    }

    [Theory]
    [InlineData("not json", "the message is not a JSON ingest job")]
    [InlineData("""{"clientId":"../x","channelId":"instagram","runId":"r"}""", "invalid client id")]
    [InlineData(null, "an ingest job has at most 4096")]
    public async Task IngestChannelPoisonsAMalformedMessageAtOnceWithItsReason(string? message, string reason)
    {
        message ??= new string('x', 5_000);
        var function = NewIngestChannel();

        var failure = await Record.ExceptionAsync(() => function.Run(message, new QueueFunctionContext("m1", 1), default));

        // Completed on its first try, so the runtime neither retries it nor moves it a second time.
        Assert.Null(failure);
        QueueMessage[] poisoned = await _pipeline.Get<IngestQueue>().Poison.ReceiveMessagesAsync(32);
        var letter = Assert.Single(poisoned, m => PoisonLetter.TryParse(m.MessageText)?.MessageId == "m1");
        var read = PoisonLetter.TryParse(letter.MessageText)!;
        Assert.Contains(reason, read.Reason, StringComparison.Ordinal);
        Assert.Equal(message, read.Message);
        Assert.Equal(1, read.DequeueCount);
        Assert.Empty(await _pipeline.Get<IRunStore>().ListRecentAsync("acme", 10));
    }

    [Fact]
    public async Task ScheduleTickRelaysAnEventLeftInTheOutbox()
    {
        var ingested = new ChannelIngested("acme", "instagram", "r1", 2, 3, 0, [new DateOnly(2026, 11, 1)], "v1", _pipeline.Time.GetUtcNow());
        await _pipeline.Get<IEventOutbox>().PutAsync(ingested);
        var events = new ListEvents();
        var owed = new OwedWork(_pipeline.Get<IClientStore>(), _pipeline.Get<IEventOutbox>(), events, _pipeline.Get<IIngestQueue>(), _pipeline.Get<IRunStore>(), _pipeline.Get<Microsoft.Extensions.Options.IOptions<Engagement.Core.Configuration.EngagementOptions>>(), _pipeline.Time, NullLogger<OwedWork>.Instance);
        var tick = new ScheduleTick(_pipeline.Get<ScheduleService>(), owed, _pipeline.Get<ReplyAlerts>(), NullLogger<ScheduleTick>.Instance);

        await tick.Run(new TimerInfo(), default);

        Assert.Equal([ingested.RunId], events.Published.Select(e => e.RunId));
        Assert.Empty(await _pipeline.Get<IEventOutbox>().ListAsync());
    }

    private IngestChannel NewIngestChannel() =>
        new(_pipeline.Get<IngestionService>(), _pipeline.Get<IngestQueue>(), _pipeline.Time, NullLogger<IngestChannel>.Instance);

    private async Task RegisterAsync()
    {
        _pipeline.WriteImport("acme/instagram.jsonl", [ApiContract.Line("1", "2026-11-01T10:00:00Z"), ApiContract.Line("2", "2026-11-01T11:00:00Z")]);
        _pipeline.WriteImport("acme/facebook.jsonl", [ApiContract.Line("3", "2026-11-01T10:00:00Z")]);
        await _pipeline.Get<PipelineRunner>().RegisterAsync([
            new CatalogClient("acme", "Acme", "Europe/Rome", null, null, [
                new("instagram", "import", "acme/instagram.jsonl", null, null),
                new("facebook", "import", "acme/facebook.jsonl", null, null),
            ]),
        ]);
    }
}

/// <summary>Keeps the events it is told.</summary>
internal sealed class ListEvents : IEngagementEvents
{
    public List<ChannelIngested> Published { get; } = [];

    public Task PublishAsync(ChannelIngested ingested, CancellationToken cancellationToken = default)
    {
        Published.Add(ingested);
        return Task.CompletedTask;
    }

    public Task PublishAsync(ReplyNeeded alert, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
