namespace Engagement.Core.Ports;

/// <summary>
/// The people erased from a client, by pseudonym (never by handle): ingestion skips their items, so a replay of the
/// source does not bring back what erasure removed.
/// </summary>
public interface IErasureStore
{
    /// <summary>Records the erasure; recording it again changes nothing but the time.</summary>
    Task AddAsync(string clientId, string pseudonym, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The pseudonyms erased from the client.</summary>
    Task<IReadOnlySet<string>> ListAsync(string clientId, CancellationToken cancellationToken = default);
}
