using Azure;
using Azure.Data.Tables;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Ml.Vocabulary;

namespace Engagement.Storage;

/// <summary>
/// The Inbox table: one row per customer question or complaint still waiting, keyed by client, then channel and the
/// message's encoded id, so a recompute rewrites the same row and an alert is recorded on it once.
/// </summary>
internal sealed class InboxStore(EngagementTables tables) : IInboxStore
{
    private const string AlertedAt = nameof(WaitingMessage.AlertedAt);
    private const string ReceivedAt = nameof(WaitingMessage.ReceivedAt);

    public async Task SyncAsync(
        string clientId,
        string channelId,
        DateTimeOffset from,
        DateTimeOffset to,
        IReadOnlyList<WaitingMessage> waiting,
        DateTimeOffset keepFrom,
        CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var rowFrom = channelId + "_";
        var rowTo = channelId + "`";
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {clientId} and RowKey ge {rowFrom} and RowKey lt {rowTo} and ((ReceivedAt ge {from} and ReceivedAt lt {to}) or ReceivedAt lt {keepFrom})");
        var keep = waiting.Select(w => TableKeys.InteractionRow(channelId, w.PlatformId)).ToHashSet(StringComparer.Ordinal);
        var stale = new List<TableTransactionAction>();
        await foreach (var row in tables.Inbox.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!keep.Contains(row.RowKey))
            {
                stale.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(clientId, row.RowKey), ETag.All));
            }
        }

        // Merge, not replace: an item already alerted keeps its alert time through any number of recomputes.
        var actions = waiting
            .Select(w => new TableTransactionAction(TableTransactionActionType.UpsertMerge, ToEntity(w)))
            .Concat(stale)
            .ToList();
        for (var i = 0; i < actions.Count; i += TableBatches.MaxOperations)
        {
            await SubmitAsync([.. actions.Skip(i).Take(TableBatches.MaxOperations)], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Two recomputes of the same days (a replayed job, two runs or hosts at once) both find a row stale, and the one
    /// that deletes it second fails its whole transaction, upserts included: the job then failed and was retried, up to
    /// poison. The row being gone is what that delete wanted, so the transaction is sent again without it.
    /// </summary>
    private async Task SubmitAsync(List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        while (batch.Count > 0)
        {
            try
            {
                await tables.Inbox.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status == 404 && e.FailedTransactionActionIndex is int failed && failed < batch.Count && batch[failed].ActionType == TableTransactionActionType.Delete)
            {
                batch.RemoveAt(failed);
            }
        }
    }

    public async Task<IReadOnlyList<WaitingMessage>> ListAsync(string clientId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {clientId}");
        var items = new List<WaitingMessage>();
        await foreach (var e in tables.Inbox.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            items.Add(FromEntity(e));
        }

        return items;
    }

    public async Task<IReadOnlyList<WaitingMessage>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        // The table holds only what waits, so a scan of it stays small whatever the clients' history. Rows not yet
        // alerted have no AlertedAt column at all, which a filter cannot test for; they are picked out here.
        var filter = TableClient.CreateQueryFilter($"DueAt le {now} and ExpiresAt gt {now}");
        var items = new List<WaitingMessage>();
        await foreach (var e in tables.Inbox.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!e.ContainsKey(AlertedAt))
            {
                items.Add(FromEntity(e));
            }
        }

        return items;
    }

    public async Task<bool> MarkAlertedAsync(WaitingMessage item, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(item.ClientId, TableKeys.InteractionRow(item.ChannelId, item.PlatformId))
        {
            [AlertedAt] = at,
        };
        try
        {
            await tables.Inbox.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(WaitingMessage w)
    {
        var entity = new TableEntity(w.ClientId, TableKeys.InteractionRow(w.ChannelId, w.PlatformId))
        {
            ["ChannelId"] = w.ChannelId,
            ["PlatformId"] = w.PlatformId,
            ["Kind"] = w.Kind.Name(),
            [ReceivedAt] = w.ReceivedAt,
            ["LastMessageAt"] = w.LastMessageAt,
            ["DueAt"] = w.DueAt,
            ["ExpiresAt"] = w.ExpiresAt,
            ["IsQuestion"] = w.IsQuestion,
            ["IsComplaint"] = w.IsComplaint,
        };
        if (w.Author is not null)
        {
            entity["Author"] = w.Author;
        }

        if (w.Url is not null)
        {
            entity["Url"] = w.Url;
        }

        return entity;
    }

    private static WaitingMessage FromEntity(TableEntity e) => new()
    {
        ClientId = e.PartitionKey,
        ChannelId = e.GetString("ChannelId") ?? "",
        PlatformId = e.GetString("PlatformId") ?? "",
        Kind = InteractionKinds.FromAnyName(e.GetString("Kind")),
        ReceivedAt = e.GetDateTimeOffset(ReceivedAt) ?? default,
        LastMessageAt = e.GetDateTimeOffset("LastMessageAt") ?? default,
        DueAt = e.GetDateTimeOffset("DueAt") ?? default,
        ExpiresAt = e.GetDateTimeOffset("ExpiresAt") ?? default,
        IsQuestion = e.GetBoolean("IsQuestion") ?? false,
        IsComplaint = e.GetBoolean("IsComplaint") ?? false,
        Author = e.GetString("Author"),
        Url = e.GetString("Url"),
        AlertedAt = e.GetDateTimeOffset(AlertedAt),
    };
}
