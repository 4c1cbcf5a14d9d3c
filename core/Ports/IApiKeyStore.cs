using Engagement.Core.Access;

namespace Engagement.Core.Ports;

/// <summary>Client keys, hashed: one row per key id.</summary>
public interface IApiKeyStore
{
    /// <summary>Adds the key; false when its id is taken.</summary>
    Task<bool> TryAddAsync(ApiKey key, CancellationToken cancellationToken = default);

    Task<ApiKey?> GetAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>Every key, or one client's.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(string? clientId = null, CancellationToken cancellationToken = default);

    /// <summary>Marks the key revoked at <paramref name="at"/>; the row stays, so lists show when it stopped.</summary>
    Task RevokeAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken = default);
}
