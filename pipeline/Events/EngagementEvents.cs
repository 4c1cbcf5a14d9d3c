using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Engagement.Pipeline.Api;

namespace Engagement.Pipeline.Events;

/// <summary>Told downstream when a page of a channel has been stored and its days recomputed.</summary>
public sealed record ChannelIngested(
    string ClientId,
    string ChannelId,
    string RunId,
    int Page,
    int Stored,
    int Errors,
    IReadOnlyList<DateOnly> Days,
    string ModelVersion,
    DateTimeOffset At);

/// <summary>Where outbound events go: a Service Bus topic when one is configured, nowhere otherwise.</summary>
public interface IEngagementEvents
{
    Task PublishAsync(ChannelIngested ingested, CancellationToken cancellationToken = default);
}

/// <summary>The deployment has no events topic: nothing to tell.</summary>
internal sealed class NoEngagementEvents : IEngagementEvents
{
    public Task PublishAsync(ChannelIngested ingested, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

/// <summary>
/// Publishes to the events topic. The message id is the job's identity, so a redelivered job publishes a
/// duplicate that a subscription with duplicate detection drops.
/// </summary>
public sealed class ServiceBusEngagementEvents(ServiceBusSender sender) : IEngagementEvents
{
    public const string ChannelIngestedSubject = "channel-ingested";

    public Task PublishAsync(ChannelIngested ingested, CancellationToken cancellationToken = default)
    {
        var message = new ServiceBusMessage(JsonSerializer.SerializeToUtf8Bytes(ingested, ApiResult.Json))
        {
            MessageId = $"{ingested.RunId}:{ingested.ChannelId}:{ingested.Page}",
            Subject = ChannelIngestedSubject,
            ContentType = "application/json",
            ApplicationProperties = { ["clientId"] = ingested.ClientId, ["channelId"] = ingested.ChannelId },
        };
        return sender.SendMessageAsync(message, cancellationToken);
    }
}
