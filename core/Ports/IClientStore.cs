using Engagement.Core.Domain;

namespace Engagement.Core.Ports;

/// <summary>A client found due, with the version of its row that a claim must still match.</summary>
public sealed record DueClient(ClientDefinition Client, string Version);

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

    /// <summary>Records a job's outcome; a null <paramref name="cursor"/> leaves the cursor where it is.</summary>
    Task RecordRunAsync(string clientId, string channelId, string? cursor, string status, string? error, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task DeleteChannelAsync(string clientId, string channelId, CancellationToken cancellationToken = default);
}
