using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Engagement.Core.Ports;
using Engagement.LocalHost;
using Engagement.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace Engagement.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class EngagementEventsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AnEventCarriesTheJobIdentitySoRedeliveriesCanBeDropped()
    {
        var sender = Substitute.For<ServiceBusSender>();
        var events = new ServiceBusEngagementEvents(sender);
        var ingested = new ChannelIngested("acme", "instagram", "run1", 2, 10, 1, [new DateOnly(2026, 11, 2)], "v1", DateTimeOffset.UnixEpoch);

        await events.PublishAsync(ingested);

        await sender.Received(1).SendMessageAsync(
            Arg.Is<ServiceBusMessage>(m =>
                m.MessageId == "run1:instagram:2" &&
                m.Subject == ServiceBusEngagementEvents.ChannelIngestedSubject &&
                (string)m.ApplicationProperties["clientId"] == "acme" &&
                JsonDocument.Parse(m.Body.ToString(), default).RootElement.GetProperty("days")[0].GetString() == "2026-11-02"),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task EachStoredPagePublishesOneEventWithTheDaysItTouched()
    {
        var recorded = new List<ChannelIngested>();
        var events = Substitute.For<IEngagementEvents>();
        events.PublishAsync(Arg.Do<ChannelIngested>(recorded.Add), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        await using var pipeline = new TestPipeline(
            azurite,
            settings: new Dictionary<string, string?> { ["Engagement:IngestPageSize"] = "2" },
            configure: s => s.AddSingleton(events));
        pipeline.WriteImport("acme/a.jsonl", [
            ApiContract.Line("1", "2026-11-01T10:00:00Z"),
            ApiContract.Line("2", "2026-11-02T10:00:00Z"),
            ApiContract.Line("3", "2026-11-03T10:00:00Z"),
        ]);
        await pipeline.Get<PipelineRunner>().RegisterAsync([new CatalogClient("acme", "Acme", "Europe/Rome", null, null, [new("instagram", "import", "acme/a.jsonl", null, null)])]);

        await pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);

        Assert.Equal([1, 2], recorded.Select(e => e.Page).Order());
        Assert.Equal(3, recorded.Sum(e => e.Stored));
        Assert.Contains(new DateOnly(2026, 11, 3), recorded.Single(e => e.Page == 2).Days);
    }

    [Fact]
    public void WithoutANamespaceNothingIsPublishedAndWithOneTheTopicIsUsed()
    {
        static IEngagementEvents Resolve(string? ns)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Engagement:ServiceBusNamespace"] = ns,
            }).Build();
            return new ServiceCollection().AddLogging().AddEngagementLocalHost(configuration).BuildServiceProvider().GetRequiredService<IEngagementEvents>();
        }

        Assert.IsNotType<ServiceBusEngagementEvents>(Resolve(null));
        Assert.IsType<ServiceBusEngagementEvents>(Resolve("engagement.servicebus.windows.net"));
    }
}
