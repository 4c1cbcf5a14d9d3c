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

/// <summary>
/// Told downstream when a customer's question or complaint has waited past the client's reply-needed threshold with
/// no answer. <see cref="Id"/> is the same for every alert about one message, so a redelivery can be dropped.
/// </summary>
public sealed record ReplyNeeded(
    string Id,
    string ClientId,
    string ChannelId,
    string PlatformId,
    string Kind,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DueAt,
    DateTimeOffset ExpiresAt,
    bool IsQuestion,
    bool IsComplaint,
    string? Url,
    DateTimeOffset At);

/// <summary>Where outbound events go: a Service Bus topic when one is configured, nowhere otherwise.</summary>
public interface IEngagementEvents
{
    Task PublishAsync(ChannelIngested ingested, CancellationToken cancellationToken = default);

    Task PublishAsync(ReplyNeeded alert, CancellationToken cancellationToken = default);
}

/// <summary>The deployment has no events topic: nothing to tell.</summary>
internal sealed class NoEngagementEvents : IEngagementEvents
{
    public Task PublishAsync(ChannelIngested ingested, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task PublishAsync(ReplyNeeded alert, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
