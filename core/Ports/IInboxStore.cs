using Engagement.Core.Domain;

namespace Engagement.Core.Ports;

/// <summary>
/// Customer questions and complaints still waiting for the brand's answer, kept current by every recompute of their
/// day, with whether a <c>reply.needed</c> alert went out for each.
/// </summary>
public interface IInboxStore
{
    /// <summary>
    /// Makes the channel's items received in [<paramref name="from"/>, <paramref name="to"/>) exactly
    /// <paramref name="waiting"/> (an item already alerted keeps its alert time), and drops the channel's items
    /// received before <paramref name="keepFrom"/>.
    /// </summary>
    Task SyncAsync(string clientId, string channelId, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<WaitingMessage> waiting, DateTimeOffset keepFrom, CancellationToken cancellationToken = default);

    /// <summary>The client's waiting items, all channels.</summary>
    Task<IReadOnlyList<WaitingMessage>> ListAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>Items of every client past their reply-needed time, within their reply window, not yet alerted.</summary>
    Task<IReadOnlyList<WaitingMessage>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records that the alert went out; false when the item is gone (answered meanwhile).</summary>
    Task<bool> MarkAlertedAsync(WaitingMessage item, DateTimeOffset at, CancellationToken cancellationToken = default);
}
