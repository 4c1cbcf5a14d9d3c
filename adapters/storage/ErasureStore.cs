using Azure.Data.Tables;
using Engagement.Core.Ports;

namespace Engagement.Storage;

/// <summary>The Erasures table: one row per erased person of a client, keyed by pseudonym, never by handle.</summary>
internal sealed class ErasureStore(EngagementTables tables) : IErasureStore
{
    public async Task AddAsync(string clientId, string pseudonym, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var row = new TableEntity(clientId, pseudonym) { ["ErasedAt"] = at };
        await tables.Erasures.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlySet<string>> ListAsync(string clientId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var erased = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in tables.Erasures.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {clientId}"), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            erased.Add(e.RowKey);
        }

        return erased;
    }
}
