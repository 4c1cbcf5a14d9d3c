using Engagement.Core.Domain;

namespace Engagement.Core.Ports;

/// <summary>A client found due, with the version of its row that a claim must still match.</summary>
public sealed record DueClient(ClientDefinition Client, string Version);

/// <summary>A channel whose owed page is overdue, with the version of its row that a claim must still match.</summary>
public sealed record OverdueChannel(ChannelDefinition Channel, string Version);

/// <summary>
/// How a job leaves the work its channel is owed: <see cref="Next"/> when a page has more (the page to run and when),
/// null when the run has ended. Written with the cursor, in the same row update, so the two never disagree.
/// </summary>
public sealed record ContinuationChange(ChannelContinuation? Next)
{
    /// <summary>The run is over: nothing is owed.</summary>
    public static ContinuationChange Ended { get; } = new((ChannelContinuation?)null);
}

/// <summary>Clients and their channels, as the core reads and writes them.</summary>
public interface IClientStore
{
    Task<ClientDefinition?> GetAsync(string clientId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ClientDefinition>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Enabled clients whose next run is at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<DueClient>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    Task UpsertAsync(ClientDefinition client, CancellationToken cancellationToken = default);

    /// <summary>Moves the next run forward only if the row is still at <paramref name="version"/>; false when another tick won.</summary>
    Task<bool> TryClaimRunAsync(ClientDefinition client, string version, DateTimeOffset nextRunAt, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ChannelDefinition>> ListChannelsAsync(string clientId, CancellationToken cancellationToken = default);

    Task<ChannelDefinition?> GetChannelAsync(string clientId, string channelId, CancellationToken cancellationToken = default);

    /// <summary>Writes the channel as given, cursor and run state included.</summary>
    Task UpsertChannelAsync(ChannelDefinition channel, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a job's outcome; a null <paramref name="cursor"/> leaves the cursor where it is, and a null
    /// <paramref name="continuation"/> the owed work. <paramref name="seen"/> is the channel as the job read it when it
    /// began: when it shows nothing this outcome has to clear (an earlier error, owed work that ends), the store may
    /// write without reading the row first.
    /// </summary>
    Task RecordRunAsync(string clientId, string channelId, string? cursor, string status, string? error, DateTimeOffset at, ContinuationChange? continuation = null, ChannelDefinition? seen = null, CancellationToken cancellationToken = default);

    /// <summary>Channels, across clients, whose owed page was due at or before <paramref name="dueBy"/>.</summary>
    Task<IReadOnlyList<OverdueChannel>> ListOverdueAsync(DateTimeOffset dueBy, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a stalled channel failed with <paramref name="reason"/> and moves its owed page's due time to
    /// <paramref name="dueAt"/>, only if the row is still at <paramref name="version"/>; false when another tick or a job won.
    /// </summary>
    Task<bool> TryMarkStalledAsync(OverdueChannel overdue, string reason, DateTimeOffset at, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    Task DeleteChannelAsync(string clientId, string channelId, CancellationToken cancellationToken = default);
}
