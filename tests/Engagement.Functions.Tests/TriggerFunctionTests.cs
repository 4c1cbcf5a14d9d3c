using System.Text.Json;
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
        var tick = new ScheduleTick(_pipeline.Get<ScheduleService>(), _pipeline.Get<ReplyAlerts>(), NullLogger<ScheduleTick>.Instance);

        await tick.Run(new TimerInfo(), default);

        QueueProperties properties = await _pipeline.Get<IngestQueue>().Queue.GetPropertiesAsync();
        Assert.Equal(2, properties.ApproximateMessagesCount);
    }

    [Fact]
    public async Task IngestChannelStoresThePageItsMessageNames()
    {
        await RegisterAsync();
        var function = new IngestChannel(_pipeline.Get<IngestionService>());
        var message = IngestQueue.Serialize(new IngestJob { ClientId = "acme", ChannelId = "instagram", RunId = "r1" });

        await function.Run(message, default);

        Assert.Equal(2, await _pipeline.Get<IInteractionStore>().CountAsync("acme"));
        var channel = await _pipeline.Get<IClientStore>().GetChannelAsync("acme", "instagram");
        Assert.Equal("2", channel!.Cursor);
    }

    [Theory]
    [InlineData("not json", typeof(JsonException))]
    [InlineData("""{"clientId":"../x","channelId":"instagram","runId":"r"}""", typeof(FormatException))]
    public async Task IngestChannelRefusesAMalformedMessageSoTheRuntimeRetriesThenPoisonsIt(string message, Type expected)
    {
        var function = new IngestChannel(_pipeline.Get<IngestionService>());

        var failure = await Record.ExceptionAsync(() => function.Run(message, default));

        Assert.IsAssignableFrom(expected, failure);
    }

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
