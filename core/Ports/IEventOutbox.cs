namespace Engagement.Core.Ports;

/// <summary>
/// Events owed downstream. A page's event is written here before the channel's cursor moves and deleted once it is
/// published, so a failed publish leaves it for the schedule tick to relay rather than losing it. One row per page:
/// a replay of the same page rewrites it.
/// </summary>
public interface IEventOutbox
{
    Task PutAsync(ChannelIngested ingested, CancellationToken cancellationToken = default);

    /// <summary>The events still owed, oldest first.</summary>
    Task<IReadOnlyList<ChannelIngested>> ListAsync(CancellationToken cancellationToken = default);

    Task DeleteAsync(ChannelIngested ingested, CancellationToken cancellationToken = default);
}
