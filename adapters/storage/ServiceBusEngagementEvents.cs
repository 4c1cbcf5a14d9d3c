using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Engagement.Core.Interchange;
using Engagement.Core.Ports;

namespace Engagement.Storage;

/// <summary>
/// Publishes to the events topic. The message id is the job's identity, so a redelivered job publishes a
/// duplicate that a subscription with duplicate detection drops.
/// </summary>
internal sealed class ServiceBusEngagementEvents(ServiceBusSender sender) : IEngagementEvents
{
    public const string ChannelIngestedSubject = "channel-ingested";

    public Task PublishAsync(ChannelIngested ingested, CancellationToken cancellationToken = default)
    {
        var message = new ServiceBusMessage(JsonSerializer.SerializeToUtf8Bytes(ingested, InterchangeJson.Options))
        {
            MessageId = $"{ingested.RunId}:{ingested.ChannelId}:{ingested.Page}",
            Subject = ChannelIngestedSubject,
            ContentType = "application/json",
            ApplicationProperties = { ["clientId"] = ingested.ClientId, ["channelId"] = ingested.ChannelId },
        };
        return sender.SendMessageAsync(message, cancellationToken);
    }
}
