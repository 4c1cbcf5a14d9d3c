namespace Engagement.Core.Ports;

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
