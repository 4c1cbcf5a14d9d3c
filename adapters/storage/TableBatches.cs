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

    /// <summary>How many transactions of one call are in flight at once: the service handles them side by side.</summary>
    public const int ParallelTransactions = 4;

    /// <summary>
    /// Upserts (replace) every entity; a replayed write lands on the same rows. Transactions touch disjoint rows, so
    /// they go out side by side: the next one is serialised while the service stores the last.
    /// </summary>
    public static async Task<int> UpsertAsync<T>(
        TableClient table,
        IEnumerable<T> entities,
        Func<T, int> estimateBytes,
        CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        var batches = Plan(LastWins(entities), estimateBytes).ToList();
        if (batches.Count == 1)
        {
            await SubmitAsync(table, batches[0], cancellationToken).ConfigureAwait(false);
            return batches[0].Count;
        }

        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelTransactions, CancellationToken = cancellationToken },
            (batch, ct) => new ValueTask(SubmitAsync(table, batch, ct))).ConfigureAwait(false);
        return batches.Sum(b => b.Count);
    }

    private static Task SubmitAsync<T>(TableClient table, IReadOnlyList<T> batch, CancellationToken cancellationToken)
        where T : ITableEntity =>
        table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);

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
