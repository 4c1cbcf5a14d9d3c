using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Microsoft.Extensions.Options;

namespace Engagement.Core.Access;

/// <summary>How creating a key ended.</summary>
public sealed record CreatedKey(ApiKey? Stored, string? Key, bool ClientFound, string? Problem = null);

/// <summary>How revoking a key ended: revoked now, already revoked (nothing to do), or no such key.</summary>
public enum RevokeOutcome
{
    Revoked,
    AlreadyRevoked,
    NotFound,
}

/// <summary>A revocation: how it ended, and the key as it stands after it.</summary>
public sealed record Revocation(RevokeOutcome Outcome, ApiKey? Key);

/// <summary>
/// Keys that open the HTTP API: the admin key (its hash from configuration) and read-only keys scoped to one client
/// (hashed in the key store). Every request is checked against the store, so a revoked key stops working at once.
/// </summary>
public sealed class AccessService(IApiKeyStore keys, IClientStore clients, IOptions<AccessOptions> options, TimeProvider time)
{
    /// <summary>Creates a read-only key for an existing client; the key is returned once and only its hash is stored.</summary>
    public async Task<CreatedKey> CreateAsync(string clientId, string? name, CancellationToken cancellationToken = default)
    {
        if (!Ids.IsValid(clientId))
        {
            return new CreatedKey(null, null, false, "A client id is " + Ids.Rule);
        }

        var trimmed = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (trimmed is { Length: > ApiKeys.MaxNameLength })
        {
            return new CreatedKey(null, null, true, $"A key name holds at most {ApiKeys.MaxNameLength} characters.");
        }

        if (await clients.GetAsync(clientId, cancellationToken).ConfigureAwait(false) is null)
        {
            return new CreatedKey(null, null, false);
        }

        // Twelve random hex characters rarely meet; when they do, the store refuses the second and a new id is drawn.
        for (var attempt = 0; ; attempt++)
        {
            var (stored, key) = ApiKeys.Create(clientId, trimmed, time.GetUtcNow());
            if (await keys.TryAddAsync(stored, cancellationToken).ConfigureAwait(false))
            {
                return new CreatedKey(stored, key, true);
            }

            if (attempt == 5)
            {
                throw new InvalidOperationException("Could not draw an unused key id.");
            }
        }
    }

    /// <summary>The keys of one client, or of every client; newest first. Hashes stay in the store's rows.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(string? clientId = null, CancellationToken cancellationToken = default) =>
        (await keys.ListAsync(clientId, cancellationToken).ConfigureAwait(false))
            .OrderByDescending(k => k.CreatedAt)
            .ThenBy(k => k.KeyId, StringComparer.Ordinal)
            .ToList();

    /// <summary>Revokes a key; revoking it again changes nothing.</summary>
    public async Task<Revocation> RevokeAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var key = ApiKeys.IsKeyId(keyId) ? await keys.GetAsync(keyId, cancellationToken).ConfigureAwait(false) : null;
        if (key is null)
        {
            return new Revocation(RevokeOutcome.NotFound, null);
        }

        if (key.IsRevoked)
        {
            return new Revocation(RevokeOutcome.AlreadyRevoked, key);
        }

        var at = time.GetUtcNow();
        await keys.RevokeAsync(keyId, at, cancellationToken).ConfigureAwait(false);
        return new Revocation(RevokeOutcome.Revoked, key with { RevokedAt = at });
    }

    /// <summary>
    /// Who holds <paramref name="presented"/>: the admin, one client, or nobody (null) for a missing, unknown or
    /// revoked key. Hashes are compared in constant time.
    /// </summary>
    public async Task<Caller?> AuthenticateAsync(string? presented, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        if (ApiKeys.Matches(presented, options.Value.AdminKeyHash))
        {
            return Caller.Admin;
        }

        if (!ApiKeys.TryReadKeyId(presented, out var keyId))
        {
            return null;
        }

        var stored = await keys.GetAsync(keyId, cancellationToken).ConfigureAwait(false);
        return stored is { IsRevoked: false } && ApiKeys.Matches(presented, stored.Hash) ? Caller.ForClient(stored.ClientId, stored.KeyId) : null;
    }
}
