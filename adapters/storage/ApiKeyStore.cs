using Azure;
using Azure.Data.Tables;
using Engagement.Core.Access;
using Engagement.Core.Ports;

namespace Engagement.Storage;

/// <summary>The ApiKeys table: one row per client key, keyed by key id, holding the key's hash and never the key.</summary>
internal sealed class ApiKeyStore(EngagementTables tables) : IApiKeyStore
{
    public async Task<bool> TryAddAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        try
        {
            await tables.ApiKeys.AddEntityAsync(ToEntity(key), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<ApiKey?> GetAsync(string keyId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var found = await tables.ApiKeys.GetEntityIfExistsAsync<ApiKeyEntity>(TableKeys.ApiKeysPartition, keyId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? ToKey(found.Value!) : null;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(string? clientId = null, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var filter = clientId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.ApiKeysPartition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.ApiKeysPartition} and ClientId eq {clientId}");
        var list = new List<ApiKey>();
        await foreach (var e in tables.ApiKeys.QueryAsync<ApiKeyEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToKey(e));
        }

        return list;
    }

    public async Task RevokeAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var update = new TableEntity(TableKeys.ApiKeysPartition, keyId) { [nameof(ApiKeyEntity.RevokedAt)] = at };
        await tables.ApiKeys.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    private static ApiKeyEntity ToEntity(ApiKey k) => new()
    {
        RowKey = k.KeyId,
        ClientId = k.ClientId,
        Name = k.Name,
        Hash = k.Hash,
        CreatedAt = k.CreatedAt,
        RevokedAt = k.RevokedAt,
    };

    private static ApiKey ToKey(ApiKeyEntity e) => new()
    {
        KeyId = e.RowKey,
        ClientId = e.ClientId,
        Name = e.Name,
        Hash = e.Hash,
        CreatedAt = e.CreatedAt,
        RevokedAt = e.RevokedAt,
    };
}
