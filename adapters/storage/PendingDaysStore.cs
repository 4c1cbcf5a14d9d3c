using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Engagement.Core.Ports;

namespace Engagement.Storage;

/// <summary>Days owed a recompute: one row per client, channel and day, in the client's partition.</summary>
internal sealed class PendingDaysStore(EngagementTables tables) : IPendingDaysStore
{
    public async Task MarkAsync(string clientId, string channelId, IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken = default)
    {
        if (days.Count == 0)
        {
            return;
        }

        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var rows = days.Distinct().Select(d => new TableEntity(clientId, RowKey(channelId, d)) { ["Date"] = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        await TableBatches.UpsertAsync(tables.PendingDays, rows, _ => 256, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PendingDay>> ListAsync(string clientId, string channelId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {clientId} and RowKey ge {channelId + "_"} and RowKey lt {channelId + "`"}");
        var days = new List<PendingDay>();
        await foreach (var row in tables.PendingDays.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var date = DateOnly.ParseExact(row.RowKey[(channelId.Length + 1)..], "yyyyMMdd", CultureInfo.InvariantCulture);
            days.Add(new PendingDay(date, row.ETag.ToString()));
        }

        return days;
    }

    public async Task ClearAsync(string clientId, string channelId, IReadOnlyList<PendingDay> days, CancellationToken cancellationToken = default)
    {
        foreach (var batch in days.Chunk(TableBatches.MaxOperations))
        {
            // Deleted only as listed: a day a concurrent page marked again since then keeps its (new) mark.
            var actions = batch.Select(d => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(clientId, RowKey(channelId, d.Date)), new ETag(d.Version)));
            try
            {
                await tables.PendingDays.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException)
            {
                // One row changed or went: clear the rest one by one, leaving that one for the next recompute.
                foreach (var day in batch)
                {
                    try
                    {
                        await tables.PendingDays.DeleteEntityAsync(clientId, RowKey(channelId, day.Date), new ETag(day.Version), cancellationToken).ConfigureAwait(false);
                    }
                    catch (RequestFailedException e) when (e.Status is 404 or 412)
                    {
                    }
                }
            }
        }
    }

    private static string RowKey(string channelId, DateOnly date) =>
        channelId + "_" + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
