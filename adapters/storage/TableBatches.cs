using Azure.Data.Tables;

namespace Engagement.Storage;

/// <summary>Writes many entities as entity-group transactions within the service's limits.</summary>
internal static class TableBatches
{
    /// <summary>The service's limit of operations per transaction.</summary>
    public const int MaxOperations = 100;

    /// <summary>Kept well under the 4 MiB payload limit, leaving room for the multipart envelope.</summary>
    public const int MaxPayloadBytes = 3 * 1024 * 1024;

    /// <summary>Splits entities into transactions: one partition each, at most 100 entities, under the size cap.</summary>
    public static IEnumerable<IReadOnlyList<T>> Plan<T>(IEnumerable<T> entities, Func<T, int> estimateBytes)
        where T : ITableEntity
    {
        foreach (var partition in entities.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            var batch = new List<T>();
            var bytes = 0;
            foreach (var entity in partition)
            {
                var size = estimateBytes(entity);
                if (batch.Count > 0 && (batch.Count == MaxOperations || bytes + size > MaxPayloadBytes))
                {
                    yield return batch;
                    batch = [];
                    bytes = 0;
                }

                batch.Add(entity);
                bytes += size;
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
    }

    /// <summary>Upserts (replace) every entity; a replayed write lands on the same rows.</summary>
    public static async Task<int> UpsertAsync<T>(
        TableClient table,
        IEnumerable<T> entities,
        Func<T, int> estimateBytes,
        CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        var written = 0;
        foreach (var batch in Plan(LastWins(entities), estimateBytes))
        {
            var actions = batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e));
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            written += batch.Count;
        }

        return written;
    }

    // A transaction may not touch one row twice, and an export can repeat a row: the later copy wins.
    private static IEnumerable<T> LastWins<T>(IEnumerable<T> entities)
        where T : ITableEntity
    {
        var byKey = new Dictionary<(string, string), T>();
        foreach (var entity in entities)
        {
            byKey[(entity.PartitionKey, entity.RowKey)] = entity;
        }

        return byKey.Values;
    }
}
