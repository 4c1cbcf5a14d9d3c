using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Engagement.Core.Interchange;
using Engagement.Core.Ports;

namespace Engagement.Storage;

/// <summary>
/// Publishes to the events topic. Each message id names what it is about (a job's page, a waiting message), so a
/// redelivery publishes a duplicate that a subscription with duplicate detection drops.
/// </summary>
internal sealed class ServiceBusEngagementEvents(ServiceBusSender sender) : IEngagementEvents
{
    public const string ChannelIngestedSubject = "channel-ingested";

    public const string ReplyNeededSubject = "reply.needed";

    public Task PublishAsync(ChannelIngested ingested, CancellationToken cancellationToken = default) =>
        SendAsync(ingested, $"{ingested.RunId}:{ingested.ChannelId}:{ingested.Page}", ChannelIngestedSubject, ingested.ClientId, ingested.ChannelId, cancellationToken);

    public Task PublishAsync(ReplyNeeded alert, CancellationToken cancellationToken = default) =>
        SendAsync(alert, alert.Id, ReplyNeededSubject, alert.ClientId, alert.ChannelId, cancellationToken);

    private Task SendAsync<T>(T body, string id, string subject, string clientId, string channelId, CancellationToken cancellationToken)
    {
        var message = new ServiceBusMessage(JsonSerializer.SerializeToUtf8Bytes(body, InterchangeJson.Options))
        {
            MessageId = id,
            Subject = subject,
            ContentType = "application/json",
            ApplicationProperties = { ["clientId"] = clientId, ["channelId"] = channelId },
        };
        return sender.SendMessageAsync(message, cancellationToken);
    }
}
