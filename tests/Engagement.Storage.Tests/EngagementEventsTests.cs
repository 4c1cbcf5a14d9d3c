using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Engagement.Core.Alerts;
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
    public async Task AReplyNeededAlertGoesToTheTopicOnceAcrossReplaysAndTicks()
    {
        var sent = new List<ServiceBusMessage>();
        var sender = Substitute.For<ServiceBusSender>();
        sender.SendMessageAsync(Arg.Do<ServiceBusMessage>(sent.Add), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        // The pipeline's clock reads 27 November 09:00 UTC: q1 has waited 47 hours, q2 one.
        await using var pipeline = new TestPipeline(azurite, configure: s => s.AddSingleton<IEngagementEvents>(new ServiceBusEngagementEvents(sender)));
        pipeline.WriteImport("acme/a.jsonl", [
            ApiContract.Line("p1", "2026-11-25T09:00:00Z", kind: "post", brand: true, text: "Nuova collezione in negozio"),
            ApiContract.Line("q1", "2026-11-25T10:00:00Z", kind: "comment", parent: "p1", text: "Avete la taglia M?"),
            ApiContract.Line("q2", "2026-11-27T08:00:00Z", kind: "comment", parent: "p1", text: "E la L?"),
        ]);
        var runner = pipeline.Get<PipelineRunner>();
        await runner.RegisterAsync([new CatalogClient("acme", "Acme", "Europe/Rome", null, null, [new("instagram", "import", "acme/a.jsonl", null, null)])]);
        var alerts = pipeline.Get<ReplyAlerts>();

        await runner.RunAsync(["acme"], tick: false);
        var raised = await alerts.RaiseDueAsync();
        for (var replay = 0; replay < 2; replay++)
        {
            await pipeline.Get<IClientStore>().RecordRunAsync("acme", "instagram", "0", "succeeded", null, pipeline.Time.GetUtcNow());
            await runner.RunAsync(["acme"], tick: false);
            raised += await alerts.RaiseDueAsync();
        }

        Assert.Equal(1, raised);
        var alert = Assert.Single(sent, m => m.Subject == ServiceBusEngagementEvents.ReplyNeededSubject);
        Assert.Equal(ReplyAlerts.AlertId("acme", "instagram", "q1"), alert.MessageId);
        // As a subscriber receives it: the SDK's model factory builds the received message from what was sent.
        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: alert.Body, messageId: alert.MessageId, subject: alert.Subject, contentType: alert.ContentType, properties: alert.ApplicationProperties);
        var body = JsonDocument.Parse(received.Body.ToString()).RootElement;
        Assert.Equal("q1", body.GetProperty("platform_id").GetString());
        Assert.True(body.GetProperty("is_question").GetBoolean());
        Assert.Equal("acme", received.ApplicationProperties["clientId"]);
        var inbox = await pipeline.Get<IInboxStore>().ListAsync("acme");
        Assert.Equal(["q1", "q2"], inbox.Select(i => i.PlatformId).Order());
        Assert.NotNull(inbox.Single(i => i.PlatformId == "q1").AlertedAt);
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
